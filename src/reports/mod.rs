//! Findings → output. One diagnostic model, six renderings: `human`
//! (codespan-style snippets), `json` (stable fields), `sarif` (2.1.0),
//! `github` (workflow commands that annotate pull requests), `gitlab` (a
//! Code Quality report) and `junit` (test results for GitLab, Jenkins, Azure).

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};

use crate::rules::{Finding, Registry};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
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
    }
}
