//! `--format human`: rustc-style snippets rendered by codespan-reporting,
//! then one summary line per agreement with findings and a total.
//!
//! Waived (suppressed) findings are not shown — a waiver exists so that a
//! known, accepted problem stops drawing attention — but they are counted in
//! the summary so they never disappear entirely.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::term::termcolor::{Ansi, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::json::{Summary, summarize};
use super::snippet::{Mark, Snippet};
use super::{Detail, Report};
use crate::rules::{Finding, Label, Severity};

pub fn write(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    // One code path for both: `NoColor` drops every style request, so with
    // colour off not a single escape sequence can reach the output.
    if color { render(report, &mut Ansi::new(out)) } else { render(report, &mut NoColor::new(out)) }
}

fn render(report: &Report, out: &mut dyn WriteColor) -> io::Result<()> {
    let config = Config::default();
    let shown = |f: &&Finding| {
        f.suppressed.is_none()
            && match report.detail {
                Detail::Full => true,
                Detail::Quiet => f.severity == Severity::Error,
                Detail::Summary => false,
            }
    };
    for finding in report.findings.iter().filter(shown) {
        emit(out, &config, finding)?;
    }
    write_summary(report, out)
}

/// One finding as a codespan diagnostic, quoting its own cut-down view of
/// the source (see `snippet`), so long lines do not bury the caret.
fn emit(out: &mut dyn WriteColor, config: &Config, f: &Finding) -> io::Result<()> {
    let labels: Vec<(&Label, bool)> =
        std::iter::once((&f.primary, true)).chain(f.related.iter().map(|l| (l, false))).collect();
    let marks: Vec<Mark> = labels
        .iter()
        .map(|(l, primary)| Mark {
            file: &l.span.file,
            range: char_range(&l.span.file.text, &l.span.range),
            primary: *primary,
        })
        .collect();
    let snippet = Snippet::new(&marks);
    let cs_labels = marks
        .iter()
        .zip(&labels)
        .map(|(mark, (label, primary))| {
            let (id, range) = snippet.place(mark);
            let l = if *primary { CsLabel::primary(id, range) } else { CsLabel::secondary(id, range) };
            l.with_message(&label.message)
        })
        .collect();
    let notes = f.help.iter().map(|h| wrap(&format!("help: {h}"), NOTE_WIDTH)).collect();
    let diagnostic = Diagnostic::new(severity(f.severity))
        .with_code(f.code())
        .with_message(&f.message)
        .with_labels(cs_labels)
        .with_notes(notes);
    term::emit_to_write_style(out, config, &snippet, &diagnostic).map_err(io::Error::other)
}

/// Help runs to a few hundred characters when it cites its sources; codespan
/// indents the lines of a note under its first, so it is wrapped to read
/// like the cut source lines above it.
const NOTE_WIDTH: usize = 100;

/// Greedy word wrap to `width` characters; a longer word (an address) keeps a line to itself.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_len = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
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
        if report.detail == Detail::Summary {
            // Every agreement, clean ones too, with every count: a table to scan down.
            writeln!(out, "{}: {}", checked.id, all_counts_text(&counts))?;
        } else if counts.errors + counts.warnings + counts.notes + counts.suppressed > 0 {
            writeln!(out, "{}: {}", checked.id, counts_text(&counts))?;
        }
    }
    out.set_color(ColorSpec::new().set_bold(true))?;
    write!(out, "{}", total_line(&summarize(report)))?;
    out.reset()?;
    writeln!(out)
}

/// Counts for a subset of findings (one agreement); `summarize` does the whole report.
pub(crate) fn tally<'f>(findings: impl Iterator<Item = &'f Finding>) -> Summary {
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

/// `0 errors, 12 warnings, 1 note (1 suppressed)`: every count, zeros included.
fn all_counts_text(s: &Summary) -> String {
    let mut text =
        format!("{}, {}, {}", plural(s.errors, "error"), plural(s.warnings, "warning"), plural(s.notes, "note"));
    if s.suppressed > 0 {
        text.push_str(&format!(" ({} suppressed)", s.suppressed));
    }
    text
}

/// `3 errors, 12 warnings (1 suppressed)`, or `no problems found`.
pub(crate) fn counts_text(s: &Summary) -> String {
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

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::Span;
    use crate::model::source::SourceFile;
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
        let report = Report::new(findings, &registry, checked);
        let mut out = Vec::new();
        write(&report, &mut out, false).expect("write to a Vec");
        String::from_utf8(out).expect("utf-8")
    }

    fn finding(span: Span, code: &str, severity: Severity) -> Finding {
        let rule = crate::rules::registry::by_code(code).expect("a rule");
        let mut f = Finding::new(rule, span, format!("problem {code}")).with_severity(severity);
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
        let mut waived = finding(Span::new(&md, 4..9), "terms.unused", Severity::Error);
        waived.suppressed = Some(Suppression {
            reason: "accepted".into(),
            approved_by: "Legal".into(),
            expires: "2027-01-01".into(),
            waiver: "s75.toml:3".into(),
        });
        let shown = finding(Span::new(&md, 0..3), "terms.undefined", Severity::Warning);
        let text = render_plain(&[waived, shown], &[checked("a"), checked("b")]);
        assert!(!text.contains("terms.unused"), "{text}");
        assert!(text.contains("warning[terms.undefined]"), "{text}");
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
        let findings = [finding(Span::new(&md, 0..4), "xref.missing-target", Severity::Error)];
        let registry = Registry::default();
        let checked = [checked("a")];
        let report = Report::new(&findings, &registry, &checked);
        let mut coloured = Vec::new();
        write(&report, &mut coloured, true).expect("write");
        assert!(coloured.contains(&0x1b));
        assert!(!render_plain(&findings, &checked).contains('\u{1b}'));
    }

    #[test]
    fn a_label_over_several_long_lines_is_cut_on_each() {
        let long = |word: &str| format!("{} {word} {}\n", "a".repeat(300), "b".repeat(300));
        let text = format!("{}{}{}{}", long("one"), long("two"), long("three"), long("four"));
        let md = file("agreements/a/agreement.md", &text);
        let (from, to) = (text.find("one").expect("one"), text.find("four").expect("four") + 4);
        let rendered =
            render_plain(&[finding(Span::new(&md, from..to), "residue.placeholder", Severity::Error)], &[checked("a")]);
        assert!(rendered.contains("agreements/a/agreement.md:1:302"), "{rendered}");
        assert!(rendered.contains(" one ") && rendered.contains(" four "), "{rendered}");
        for line in rendered.lines() {
            assert!(line.chars().count() <= 140, "{line}");
        }
    }

    #[test]
    fn long_help_is_wrapped_at_word_boundaries() {
        assert_eq!(wrap("help: one two three", 9), "help: one\ntwo three");
        assert_eq!(wrap("a https://very.long/address b", 5), "a\nhttps://very.long/address\nb");
        assert_eq!(wrap("short", 100), "short");
    }

    #[test]
    fn ranges_are_widened_to_character_boundaries() {
        let text = "“x”";
        assert_eq!(char_range(text, &(1..5)), 0..7);
        assert_eq!(char_range(text, &(5..100)), 4..text.len());
    }
}
