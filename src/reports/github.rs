//! `--format github`: GitHub Actions workflow commands. Each unsuppressed
//! finding becomes one `::error`/`::warning`/`::notice` line, which the
//! runner turns into an annotation on the pull request's diff; the log ends
//! with the same plain summary line as `human`.
//!
//! Paths are repository-relative, which is what GitHub expects when the job
//! runs at the repository root (the default for `actions/checkout`).

use std::io::{self, Write};

use super::Report;
use super::human::total_line;
use super::json::summarize;
use crate::rules::{Finding, Severity};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for finding in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        writeln!(out, "{}", command(finding))?;
    }
    writeln!(out, "{}", total_line(&summarize(report)))
}

fn command(f: &Finding) -> String {
    let name = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let span = &f.primary.span;
    let (line, col) = span.start();
    // GitHub's end column is inclusive (it defaults to the start column), as `Span::end` is.
    let (end_line, end_col) = span.end();
    let mut props =
        vec![("file", span.file.path.clone()), ("line", line.to_string()), ("endLine", end_line.to_string())];
    // Columns are only accepted when the annotation starts and ends on one line.
    if line == end_line {
        props.push(("col", col.to_string()));
        props.push(("endColumn", end_col.to_string()));
    }
    props.push(("title", f.code().to_string()));
    let props: Vec<String> = props.into_iter().map(|(k, v)| format!("{k}={}", escape_property(&v))).collect();
    format!("::{name} {}::{}", props.join(","), escape_data(&message(f)))
}

/// The finding's message, then what the annotation cannot point at itself:
/// related places (often in another file) and the help, each on its own line.
fn message(f: &Finding) -> String {
    let mut text = f.message.clone();
    for related in &f.related {
        let place = related.span.location();
        if related.message.is_empty() {
            text.push_str(&format!("\nsee {place}"));
        } else {
            text.push_str(&format!("\n{}: {place}", related.message));
        }
    }
    if let Some(help) = &f.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

/// Escapes a command's message, as `@actions/core` does: otherwise a `%`
/// sequence would be decoded, and a newline would end the command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `,` (which separates properties)
/// and `:` (`::` ends the property list).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFile, Span};
    use crate::reports::Checked;
    use crate::rules::Registry;
    use crate::rules::finding::Suppression;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
    }

    #[test]
    fn percent_is_escaped_first_so_escapes_are_not_doubled() {
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn one_command_per_unsuppressed_finding_then_the_summary() {
        let toml = SourceFile::new("agreements/a/agreement.toml", "", "[term]\nnumber = \"2\"\n".to_string());
        let md = SourceFile::new("agreements/a/s,1.md", "", "# Schedule 3\nline two\n".to_string());
        let mut shown =
            Finding::new(&crate::rules::metadata::SCHEDULE_MISMATCH, Span::new(&md, 11..12), "headed 3, listed as 2")
                .related(Span::new(&toml, 16..19), "declared here")
                .help("make them agree")
                .with_severity(Severity::Warning);
        shown.agreement = "a".into();
        // Spans more than one line: no columns.
        let mut multi = Finding::new(&crate::rules::numbering::GAP, Span::new(&md, 2..20), "spans lines")
            .with_severity(Severity::Note);
        multi.agreement = "a".into();
        let mut waived =
            Finding::new(&crate::rules::terms::UNUSED, Span::new(&md, 0..1), "waived").with_severity(Severity::Error);
        waived.agreement = "a".into();
        waived.suppressed = Some(Suppression {
            reason: "r".into(),
            approved_by: "b".into(),
            expires: "2027-01-01".into(),
            waiver: "s75.toml:1".into(),
        });

        let registry = Registry::default();
        let checked = [Checked { id: "a".into(), dir: "agreements/a".into(), title: String::new() }];
        let findings = [shown, multi, waived];
        let mut out = Vec::new();
        write(&Report::new(&findings, &registry, &checked), &mut out).expect("write to a Vec");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            text,
            "::warning file=agreements/a/s%2C1.md,line=1,endLine=1,col=12,endColumn=12,title=metadata.schedule-mismatch\
             ::headed 3, listed as 2%0Adeclared here: agreements/a/agreement.toml:2:10%0Ahelp: make them agree\n\
             ::notice file=agreements/a/s%2C1.md,line=1,endLine=2,title=numbering.gap::spans lines\n\
             1 agreement checked: 1 warning, 1 note (1 suppressed)\n"
        );
    }
}
