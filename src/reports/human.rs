//! `--format human`: rustc-style snippets rendered by codespan-reporting,
//! then one summary line per agreement with findings and a total.
//!
//! Waived (suppressed) findings are not shown — a waiver exists so that a
//! known, accepted problem stops drawing attention — but they are counted in
//! the summary so they never disappear entirely.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Ansi, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::Report;
use super::json::{Summary, summarize};
use crate::model::source::SourceFile;
use crate::rules::{Finding, Label, Severity};

pub fn write(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    // One code path for both: `NoColor` drops every style request, so with
    // colour off not a single escape sequence can reach the output.
    if color { render(report, &mut Ansi::new(out)) } else { render(report, &mut NoColor::new(out)) }
}

fn render(report: &Report, out: &mut dyn WriteColor) -> io::Result<()> {
    let mut files = Files::default();
    let config = Config::default();
    for finding in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        let diagnostic = files.diagnostic(finding);
        term::emit_to_write_style(out, &config, &files.db, &diagnostic).map_err(io::Error::other)?;
    }
    write_summary(report, out)
}

/// The codespan file database: each distinct source file gets one id, so
/// related labels in other files (a schedule and agreement.toml) render
/// under their own `┌─ path` headers.
#[derive(Default)]
struct Files<'r> {
    db: SimpleFiles<&'r str, &'r str>,
    ids: HashMap<*const SourceFile, usize>,
}

impl<'r> Files<'r> {
    fn id(&mut self, file: &'r Arc<SourceFile>) -> usize {
        *self.ids.entry(Arc::as_ptr(file)).or_insert_with(|| self.db.add(file.path.as_str(), file.text.as_str()))
    }

    fn label(&mut self, label: &'r Label, primary: bool) -> CsLabel<usize> {
        let id = self.id(&label.span.file);
        let range = char_range(&label.span.file.text, &label.span.range);
        let l = if primary { CsLabel::primary(id, range) } else { CsLabel::secondary(id, range) };
        l.with_message(&label.message)
    }

    fn diagnostic(&mut self, f: &'r Finding) -> Diagnostic<usize> {
        let mut labels = vec![self.label(&f.primary, true)];
        labels.extend(f.related.iter().map(|l| self.label(l, false)));
        let notes = f.help.iter().map(|h| format!("help: {h}")).collect();
        Diagnostic::new(severity(f.severity))
            .with_code(&f.code)
            .with_message(&f.message)
            .with_labels(labels)
            .with_notes(notes)
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Note => CsSeverity::Note,
    }
}

/// `range` clamped to the text and widened to character boundaries:
/// codespan refuses to render a range that splits a character, and one bad
/// span must not cost the user the whole report.
fn char_range(text: &str, range: &Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn write_summary(report: &Report, out: &mut dyn WriteColor) -> io::Result<()> {
    for checked in report.checked {
        let counts = tally(report.findings.iter().filter(|f| f.agreement == checked.id));
        if counts.errors + counts.warnings + counts.notes + counts.suppressed > 0 {
            writeln!(out, "{}: {}", checked.id, counts_text(&counts))?;
        }
    }
    out.set_color(ColorSpec::new().set_bold(true))?;
    write!(out, "{}", total_line(&summarize(report)))?;
    out.reset()?;
    writeln!(out)
}

/// Counts for a subset of findings (one agreement); `summarize` does the whole report.
fn tally<'f>(findings: impl Iterator<Item = &'f Finding>) -> Summary {
    let mut s = Summary::default();
    for f in findings {
        match (&f.suppressed, f.severity) {
            (Some(_), _) => s.suppressed += 1,
            (None, Severity::Error) => s.errors += 1,
            (None, Severity::Warning) => s.warnings += 1,
            (None, Severity::Note) => s.notes += 1,
        }
    }
    s
}

/// `2 agreements checked: 3 errors, 12 warnings (1 suppressed)`; shared
/// with the `github` format, whose log ends with the same line.
pub(crate) fn total_line(s: &Summary) -> String {
    format!("{} checked: {}", plural(s.agreements, "agreement"), counts_text(s))
}

/// `3 errors, 12 warnings (1 suppressed)`, or `no problems found`.
fn counts_text(s: &Summary) -> String {
    let parts: Vec<String> = [(s.errors, "error"), (s.warnings, "warning"), (s.notes, "note")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    let mut text = if parts.is_empty() { "no problems found".to_string() } else { parts.join(", ") };
    if s.suppressed > 0 {
        text.push_str(&format!(" ({} suppressed)", s.suppressed));
    }
    text
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::reports::Checked;
    use crate::rules::Registry;
    use crate::rules::finding::Suppression;

    fn file(path: &str, text: &str) -> Arc<SourceFile> {
        SourceFile::new(path, path, text.to_string())
    }

    fn checked(id: &str) -> Checked {
        Checked { id: id.to_string(), dir: format!("agreements/{id}"), title: String::new() }
    }

    fn render_plain(findings: &[Finding], checked: &[Checked]) -> String {
        let registry = Registry::default();
        let report = Report { findings, registry: &registry, checked };
        let mut out = Vec::new();
        write(&report, &mut out, false).expect("write to a Vec");
        String::from_utf8(out).expect("utf-8")
    }

    fn finding(span: Span, code: &str, severity: Severity) -> Finding {
        let mut f = Finding::new(code, span, format!("problem {code}")).with_severity(severity);
        f.agreement = "a".to_string();
        f
    }

    #[test]
    fn snippet_has_code_location_labels_and_help() {
        let toml = file("agreements/a/agreement.toml", "[term]\nnumber = \"2\"\n");
        let md = file("agreements/a/s.md", "# Schedule 3\n");
        let f = finding(Span::new(&md, 11..12), "metadata.schedule-mismatch", Severity::Error)
            .label("headed 3")
            .related(Span::new(&toml, 16..19), "declared here")
            .help("make them agree");
        let text = render_plain(&[f], &[checked("a")]);
        assert!(text.contains("error[metadata.schedule-mismatch]: problem metadata.schedule-mismatch"), "{text}");
        assert!(text.contains("agreements/a/s.md:1:12"), "{text}");
        assert!(text.contains("agreements/a/agreement.toml:2:10"), "{text}");
        assert!(text.contains("# Schedule 3"), "{text}");
        assert!(text.contains("headed 3") && text.contains("declared here"), "{text}");
        assert!(text.contains("= help: make them agree"), "{text}");
        assert!(text.ends_with("a: 1 error\n1 agreement checked: 1 error\n"), "{text}");
    }

    #[test]
    fn suppressed_findings_are_counted_not_shown() {
        let md = file("agreements/a/agreement.md", "the Trust shall\n");
        let mut waived = finding(Span::new(&md, 4..9), "terms.waived", Severity::Error);
        waived.suppressed = Some(Suppression {
            reason: "accepted".into(),
            approved_by: "Legal".into(),
            expires: "2027-01-01".into(),
            waiver: "s75.toml:3".into(),
        });
        let shown = finding(Span::new(&md, 0..3), "terms.shown", Severity::Warning);
        let text = render_plain(&[waived, shown], &[checked("a"), checked("b")]);
        assert!(!text.contains("terms.waived"), "{text}");
        assert!(text.contains("warning[terms.shown]"), "{text}");
        assert!(
            text.ends_with("a: 1 warning (1 suppressed)\n2 agreements checked: 1 warning (1 suppressed)\n"),
            "{text}"
        );
    }

    #[test]
    fn no_findings_says_so() {
        assert_eq!(render_plain(&[], &[checked("a"), checked("b")]), "2 agreements checked: no problems found\n");
    }

    #[test]
    fn colour_only_when_asked() {
        let md = file("agreements/a/agreement.md", "text\n");
        let findings = [finding(Span::new(&md, 0..4), "x.y", Severity::Error)];
        let registry = Registry::default();
        let checked = [checked("a")];
        let report = Report { findings: &findings, registry: &registry, checked: &checked };
        let mut coloured = Vec::new();
        write(&report, &mut coloured, true).expect("write");
        assert!(coloured.contains(&0x1b));
        assert!(!render_plain(&findings, &checked).contains('\u{1b}'));
    }

    #[test]
    fn ranges_are_widened_to_character_boundaries() {
        let text = "“x”";
        assert_eq!(char_range(text, &(1..5)), 0..7);
        assert_eq!(char_range(text, &(5..100)), 4..text.len());
    }
}
