//! Findings → output. One diagnostic model, seven renderings: `human`
//! (codespan-style snippets), `json` (stable fields), `sarif` (2.1.0),
//! `github` (workflow commands that annotate pull requests), `gitlab` (a
//! Code Quality report), `junit` (test results for GitLab, Jenkins, Azure)
//! and `markdown` (a pull-request comment).

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod since;
mod snippet;

use std::io::{self, Write};

pub use since::Since;

use crate::rules::{Finding, Registry};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
    Markdown,
}

/// How much of the human report to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Every unsuppressed finding, then the counts.
    #[default]
    Full,
    /// Errors only; the counts still include everything.
    Quiet,
    /// One line of counts per agreement, then the total.
    Summary,
}

/// One agreement that was checked, for summaries.
#[derive(Debug, Clone)]
pub struct Checked {
    pub id: String,
    pub dir: String,
    pub title: String,
}

/// Everything a renderer needs.
pub struct Report<'a> {
    /// Sorted, with levels applied; suppressed (waived) findings included.
    pub findings: &'a [Finding],
    pub registry: &'a Registry,
    pub checked: &'a [Checked],
    /// How much the human format prints.
    pub detail: Detail,
    /// With `validate --since REV`: what was already found at REV.
    pub since: Option<&'a Since>,
}

impl<'a> Report<'a> {
    pub fn new(findings: &'a [Finding], registry: &'a Registry, checked: &'a [Checked]) -> Self {
        Report { findings, registry, checked, detail: Detail::Full, since: None }
    }
}

pub fn write(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out, color),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        // Colour would corrupt workflow commands; GitHub colours annotations itself.
        Format::Github => github::write(report, out),
        Format::Gitlab => gitlab::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Markdown => markdown::write(report, out),
    }
}
