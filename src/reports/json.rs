//! `--format json`: a stable document for scripts. Fields are only ever
//! added, never renamed; `version` changes if that promise is ever broken.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::rules::{Finding, Label, Severity};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    agreements: Vec<AgreementOut<'a>>,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize, Default)]
pub struct Summary {
    pub agreements: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub suppressed: usize,
}

#[derive(Serialize)]
struct AgreementOut<'a> {
    id: &'a str,
    dir: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    agreement: &'a str,
    #[serde(flatten)]
    location: LocationOut<'a>,
    related: Vec<LocationOut<'a>>,
    help: Option<&'a str>,
    suppressed: Option<&'a crate::rules::finding::Suppression>,
}

#[derive(Serialize)]
struct LocationOut<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// The source text under the span.
    text: &'a str,
    label: &'a str,
}

fn location(l: &Label) -> LocationOut<'_> {
    let (line, column) = l.span.start();
    let (end_line, end_column) = l.span.end();
    LocationOut { file: &l.span.file.path, line, column, end_line, end_column, text: l.span.text(), label: &l.message }
}

/// Counts of unsuppressed findings by severity, plus suppressed ones.
pub fn summarize(report: &Report) -> Summary {
    let mut s = Summary { agreements: report.checked.len(), ..Summary::default() };
    for f in report.findings {
        if f.suppressed.is_some() {
            s.suppressed += 1;
            continue;
        }
        match f.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Note => s.notes += 1,
        }
    }
    s
}

fn finding(f: &Finding) -> FindingOut<'_> {
    FindingOut {
        code: f.code(),
        severity: f.severity,
        message: &f.message,
        agreement: &f.agreement,
        location: location(&f.primary),
        related: f.related.iter().map(location).collect(),
        help: f.help.as_deref(),
        suppressed: f.suppressed.as_ref(),
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: 1,
        tool: Tool { name: "s75", version: env!("CARGO_PKG_VERSION") },
        summary: summarize(report),
        agreements: report.checked.iter().map(|c| AgreementOut { id: &c.id, dir: &c.dir, title: &c.title }).collect(),
        findings: report.findings.iter().map(finding).collect(),
    };
    // The serializer makes many small writes: a buffer of a known type takes
    // them inline, where each would be a dynamic call through `out`.
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, &doc)?;
    writeln!(buffered)?;
    buffered.flush()
}
