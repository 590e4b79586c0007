//! `--format junit`: JUnit XML, which GitLab (`reports: junit:`), Jenkins
//! and Azure Pipelines show as test results. As eslint's JUnit report does,
//! each agreement is a test suite and each error or warning a failed test
//! case naming the rule, file and line; an agreement with neither is one
//! passing case, so a clean run still shows what was checked. Notes and
//! waived findings are not test results.

use std::io::{self, Write};

use super::Report;
use crate::rules::{Finding, Severity};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let failing = |f: &&Finding| f.suppressed.is_none() && f.severity != Severity::Note;
    let mut suites: Vec<(String, Vec<&Finding>)> = report.checked.iter().map(|c| (c.dir.clone(), Vec::new())).collect();
    for f in report.findings.iter().filter(failing) {
        let dir = report.checked.iter().find(|c| c.id == f.agreement).map(|c| c.dir.as_str());
        // A finding of no checked agreement (s75.toml, a rule pack) gets a suite of its own file.
        let name = dir.unwrap_or(&f.primary.span.file.path);
        match suites.iter_mut().find(|(n, _)| n == name) {
            Some((_, list)) => list.push(f),
            None => suites.push((name.to_string(), vec![f])),
        }
    }

    let tests: usize = suites.iter().map(|(_, l)| l.len().max(1)).sum();
    let failures: usize = suites.iter().map(|(_, l)| l.len()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="s75 validate" tests="{tests}" failures="{failures}" errors="0">"#)?;
    for (name, findings) in &suites {
        let name = escape(name);
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            findings.len().max(1),
            findings.len()
        )?;
        if findings.is_empty() {
            writeln!(out, r#"    <testcase name="no errors or warnings" classname="{name}"/>"#)?;
        }
        for f in findings {
            test_case(f, &name, out)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn test_case(f: &Finding, suite: &str, out: &mut dyn Write) -> io::Result<()> {
    let span = &f.primary.span;
    let (line, column) = span.start();
    let path = escape(&span.file.path);
    let kind = if f.severity == Severity::Error { "error" } else { "warning" };
    let mut body = format!("{}:{line}:{column}: {kind}[{}]: {}", span.file.path, f.code(), f.message);
    for related in &f.related {
        body.push_str(&format!("\n  {}: {}", related.span.location(), related.message));
    }
    if let Some(help) = &f.help {
        body.push_str(&format!("\nhelp: {help}"));
    }
    writeln!(
        out,
        r#"    <testcase name="{} {path}:{line}" classname="{suite}" file="{path}" line="{line}">"#,
        escape(f.code())
    )?;
    writeln!(out, r#"      <failure type="{kind}" message="{}">{}</failure>"#, escape(&f.message), escape(&body))?;
    writeln!(out, "    </testcase>")
}

/// Escapes text for an XML attribute or element. Control characters other
/// than tab and newline cannot appear in XML 1.0 at all, even escaped, and
/// an agreement's text may hold them: they become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_replaces_characters_xml_forbids() {
        assert_eq!(escape(r#"a < b & "c" > 'd'"#), "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
        assert_eq!(escape("nul\0 bell\u{7} tab\t"), "nul\u{FFFD} bell\u{FFFD} tab\t");
    }
}
