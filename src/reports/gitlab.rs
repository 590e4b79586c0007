//! `--format gitlab`: a GitLab Code Quality report (the JSON array that
//! `artifacts: reports: codequality:` reads), as ruff and eslint write it.
//! Each unsuppressed finding is one issue with `description`, `check_name`,
//! `fingerprint`, `severity` and `location.path` / `location.lines.begin`.
//!
//! GitLab compares the fingerprints of a merge request's report with the
//! target branch's to tell new findings from old, so a fingerprint must not
//! change when unrelated text moves a finding down the file: it hashes the
//! rule, the file and the message, and the finding's rank among identical
//! ones in that file, never the line.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Report;
use crate::rules::{Finding, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let issues: Vec<Issue> = report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| {
            let rank = seen.entry((f.code(), &f.primary.span.file.path, &f.message)).or_insert(0);
            *rank += 1;
            issue(f, *rank)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

fn issue(f: &Finding, rank: usize) -> Issue<'_> {
    let span = &f.primary.span;
    let description = match &f.help {
        Some(help) => format!("{} (help: {help})", f.message),
        None => f.message.clone(),
    };
    Issue {
        description,
        check_name: f.code(),
        fingerprint: fingerprint(f, rank),
        severity: severity(f.severity),
        location: Location { path: &span.file.path, lines: Lines { begin: span.start().0, end: span.end().0 } },
    }
}

/// GitLab's scale is info, minor, major, critical, blocker. As eslint's and
/// ruff's reports do, errors are `major` and warnings `minor`, so the merge
/// request widget ranks them apart; notes are `info`.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

fn fingerprint(f: &Finding, rank: usize) -> String {
    let mut hash = Sha256::new();
    for part in [f.code(), &f.primary.span.file.path, &f.message, &rank.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}
