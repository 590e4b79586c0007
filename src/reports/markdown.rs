//! `--format markdown`: a pull-request comment (GitHub or GitLab flavoured
//! Markdown). The counts come first, per agreement; then the findings, with
//! those a change introduced (`--since REV`) listed before the ones already
//! there. A comment is read in a review, between other comments: any list
//! longer than [`OPEN_LIMIT`] is folded into a `<details>` block.

use std::io::{self, Write};

use super::Report;
use super::human::{counts_text, plural, tally};
use super::json::summarize;
use crate::rules::{Finding, Severity};

/// The longest list shown unfolded.
const OPEN_LIMIT: usize = 10;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let total = summarize(report);
    writeln!(out, "### s75 validate: {}", counts_text(&total))?;
    writeln!(out)?;
    let shown: Vec<&Finding> = report.findings.iter().filter(|f| f.suppressed.is_none()).collect();
    let (new, old): (Vec<&Finding>, Vec<&Finding>) = match report.since {
        Some(since) => shown.iter().partition(|f| since.is_new(f)),
        None => (Vec::new(), shown.clone()),
    };
    if let Some(since) = report.since {
        let counts = tally(new.iter().copied());
        let what = if new.is_empty() { "no new findings".to_string() } else { counts_text(&counts) };
        writeln!(out, "**New since `{}`: {what}.** {} checked.", since.rev, plural(total.agreements, "agreement"))?;
        writeln!(out)?;
    }
    counts_table(report, out)?;
    match report.since {
        Some(since) => {
            list(out, &format!("New since `{}`", since.rev), &new)?;
            list(out, &format!("Already present at `{}`", since.rev), &old)?;
        }
        None => list(out, "Findings", &old)?,
    }
    Ok(())
}

fn counts_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut table = String::from("| Agreement | Errors | Warnings | Notes |\n|---|---:|---:|---:|\n");
    for checked in report.checked {
        let c = tally(report.findings.iter().filter(|f| f.agreement == checked.id));
        table.push_str(&format!("| `{}` | {} | {} | {} |\n", checked.id, c.errors, c.warnings, c.notes));
    }
    if report.checked.len() > OPEN_LIMIT {
        writeln!(out, "<details><summary>Counts per agreement ({})</summary>\n", report.checked.len())?;
        writeln!(out, "{table}\n</details>\n")
    } else {
        writeln!(out, "{table}")
    }
}

/// A headed list of findings, folded when long; nothing when empty.
fn list(out: &mut dyn Write, title: &str, findings: &[&Finding]) -> io::Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    let folded = findings.len() > OPEN_LIMIT;
    if folded {
        writeln!(out, "<details><summary>{title} ({})</summary>\n", findings.len())?;
    } else {
        writeln!(out, "#### {title} ({})\n", findings.len())?;
    }
    for f in findings {
        writeln!(out, "{}", item(f))?;
    }
    writeln!(out)?;
    if folded {
        writeln!(out, "</details>\n")?;
    }
    Ok(())
}

/// `- **error** `code` message — `path:line``
fn item(f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Error => "**error**",
        Severity::Warning => "**warning**",
        Severity::Note => "note",
    };
    let (line, _) = f.primary.span.start();
    format!("- {severity} `{}` {} — `{}:{line}`", f.code(), escape(&f.message), f.primary.span.file.path)
}

/// Text that Markdown must show as written: agreements are full of
/// brackets, asterisks and underscores (`[Name of NHS body]`, `**`), and a
/// stray `<` would open an HTML tag. Messages quote code in backticks
/// (`` `]` ``); paired, those stay code spans, which show their text as is.
fn escape(text: &str) -> String {
    if text.matches('`').count() % 2 == 0 {
        return text.split('`').enumerate().fold(String::new(), |mut out, (i, part)| {
            if i % 2 == 1 {
                out.push('`');
                out.push_str(&part.replace(['\n', '\r'], " "));
                out.push('`');
            } else {
                out.push_str(&escape_plain(part));
            }
            out
        });
    }
    escape_plain(text)
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFile, Span};
    use crate::reports::{Checked, Since};
    use crate::rules::Registry;

    fn finding(code: &str, message: &str, severity: Severity) -> Finding {
        let file = SourceFile::new("agreements/a/agreement.md", "", "one\ntwo\n".to_string());
        let rule = crate::rules::registry::by_code(code).expect("a rule");
        let mut f = Finding::new(rule, Span::new(&file, 4..7), message).with_severity(severity);
        f.agreement = "a".into();
        f
    }

    fn render(findings: &[Finding], since: Option<&Since>) -> String {
        let registry = Registry::default();
        let checked = [Checked { id: "a".into(), dir: "agreements/a".into(), title: String::new() }];
        let mut report = Report::new(findings, &registry, &checked);
        report.since = since;
        let mut out = Vec::new();
        write(&report, &mut out).expect("write to a Vec");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn counts_then_findings_with_markdown_escaped() {
        let text = render(&[finding("residue.placeholder", "[Name] left *as is* <here> `]`", Severity::Error)], None);
        assert!(text.starts_with("### s75 validate: 1 error\n"), "{text}");
        assert!(text.contains("| `a` | 1 | 0 | 0 |"), "{text}");
        assert!(
            text.contains(
                "- **error** `residue.placeholder` \\[Name\\] left \\*as is\\* &lt;here&gt; `]` — `agreements/a/agreement.md:2`"
            ),
            "{text}"
        );
    }

    #[test]
    fn new_findings_come_first_and_long_lists_fold() {
        let old: Vec<Finding> =
            (0..12).map(|i| finding("terms.unused", &format!("old {i}"), Severity::Warning)).collect();
        let since = Since::new("main", &old);
        let mut now = old.clone();
        now.push(finding("terms.undefined", "brand new", Severity::Error));
        let text = render(&now, Some(&since));
        assert!(text.contains("**New since `main`: 1 error.**"), "{text}");
        let new_at = text.find("#### New since `main` (1)").expect("new list");
        let old_at = text.find("<details><summary>Already present at `main` (12)</summary>").expect("folded");
        assert!(new_at < old_at && text[new_at..old_at].contains("brand new"), "{text}");
        assert!(!text[new_at..old_at].contains("old 3"), "{text}");
    }
}
