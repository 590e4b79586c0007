//! What `s75 diff --format docx|pdf` needs besides the report: a file to
//! write to (never a terminal), one agreement, and the author and date its
//! tracked changes carry.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::diff::render::Format;
use crate::diff::render::stamp::{DEFAULT_AUTHOR, Stamp};
use crate::diff::report::DiffReport;
use crate::render::timestamp::PackTime;

fn name(format: Format) -> &'static str {
    if format == Format::Pdf { "pdf" } else { "docx" }
}

/// Refuses, before any work, to write a binary redline to a terminal.
pub fn check_output(format: Format, output: Option<&Path>) -> anyhow::Result<()> {
    if format.is_binary() && output.is_none() && std::io::stdout().is_terminal() {
        bail!(
            "--format {0} writes a binary file, which a terminal cannot show: give -o FILE (for example -o redline.{0})",
            name(format)
        );
    }
    Ok(())
}

/// A Word or PDF redline is one agreement's.
pub fn check_report(format: Format, report: &DiffReport) -> anyhow::Result<()> {
    match report.agreements.len() {
        1 => Ok(()),
        0 => bail!(
            "--format {}: no agreement differs between {} and {}, so there is nothing to redline",
            name(format),
            report.old,
            report.new
        ),
        n => bail!(
            "--format {} redlines one agreement, and {n} differ between {} and {} ({}): name one after the revisions",
            name(format),
            report.old,
            report.new,
            report
                .agreements
                .iter()
                .map(|a| a.new.as_ref().or(a.old.as_ref()).map_or(a.id.as_str(), |s| s.dir.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The author: `--author`, else `user.name` in the git repository's own
/// configuration (never the user's global one: nothing outside the
/// repository is read), else "s75".
///
/// The date: `--today`, else S75_TODAY, else SOURCE_DATE_EPOCH, else the
/// time of the new side's commit (`REV2`, or `HEAD` for folders and the
/// working tree), else 1980-01-01: never the clock, so the same two
/// versions give the same file.
pub fn stamp(
    author: Option<&str>,
    today: Option<jiff::civil::Date>,
    at: &Path,
    new_rev: Option<&str>,
) -> anyhow::Result<Stamp> {
    let repo = git2::Repository::discover(at).ok();
    let author = author
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .or_else(|| repository_user(repo.as_ref()?))
        .unwrap_or_else(|| DEFAULT_AUTHOR.to_string());
    let day = match today {
        Some(d) => Some(d),
        None if std::env::var_os("S75_TODAY").is_some_and(|v| !v.is_empty()) => Some(super::today(None)?),
        None => None,
    };
    let time = match day {
        Some(d) => d.to_zoned_datetime(jiff::tz::TimeZone::UTC).context("the date is out of range")?.timestamp(),
        None => {
            let commit = repo.as_ref().and_then(|r| {
                r.revparse_single(new_rev.unwrap_or("HEAD")).ok()?.peel_to_commit().ok().map(|c| c.time().seconds())
            });
            let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
            PackTime::choose(epoch.as_deref(), commit)?.timestamp()
        }
    };
    Ok(Stamp { author, time })
}

fn repository_user(repo: &git2::Repository) -> Option<String> {
    let config = git2::Config::open(&repo.path().join("config")).ok()?;
    config.get_string("user.name").ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}
