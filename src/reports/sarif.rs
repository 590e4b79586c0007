//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other
//! SARIF viewers. Only the parts of the (large) format s75 fills in are
//! modelled here, as plain serde structs.
//!
//! Positions: SARIF lines and columns are 1-based and, with
//! `columnKind: unicodeCodePoints`, count characters — as `Span::start`
//! does. Unlike s75's JSON report, SARIF's `endColumn` is *exclusive*: one
//! past the last character of the region.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::model::Span;
use crate::rules::finding::Suppression;
use crate::rules::registry::Entry;
use crate::rules::{Finding, Label, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Every artifact URI is relative to the repository root, which the
/// consumer (GitHub: the checkout) knows and s75 need not.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, UriBase>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct UriBase {
    description: Message,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: impl Into<String>) -> Self {
        Message { text: text.into() }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SuppressionOut<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    /// Which agreement the finding belongs to: a repository holds many.
    agreement: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Snippet<'a>>,
}

#[derive(Serialize)]
struct Snippet<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SuppressionOut<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    properties: WaiverProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WaiverProperties<'a> {
    approved_by: &'a str,
    expires: &'a str,
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report))?;
    writeln!(out)
}

fn log<'a>(report: &Report<'a>) -> Log<'a> {
    let rules = &report.registry.rules;
    let run = Run {
        tool: Tool {
            driver: Driver {
                name: "s75",
                version: env!("CARGO_PKG_VERSION"),
                // Cargo sets this to "" when the manifest has no repository.
                information_uri: Some(env!("CARGO_PKG_REPOSITORY")).filter(|u| !u.is_empty()),
                rules: rules.iter().map(rule).collect(),
            },
        },
        original_uri_base_ids: BTreeMap::from([(
            SRCROOT,
            UriBase { description: Message::new("The repository root.") },
        )]),
        column_kind: "unicodeCodePoints",
        results: report.findings.iter().map(|f| result(f, rules)).collect(),
    };
    Log { schema: SCHEMA, version: "2.1.0", runs: vec![run] }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(r: &Entry) -> Rule<'_> {
    Rule {
        id: r.code,
        short_description: Message::new(r.summary),
        full_description: Message::new(&r.explanation),
        help: Help {
            text: format!("{}\n\n{}", r.explanation, r.example.to_text()),
            markdown: format!("{}\n\n{}", r.explanation, markdown_example(&r.example)),
        },
        default_configuration: Configuration { level: level(r.severity) },
    }
}

/// The example as Markdown: each part's place, then its text as a code block.
fn markdown_example(example: &crate::rules::Example) -> String {
    let parts = example.parts().into_iter().enumerate().map(|(i, (place, text))| {
        let text = crate::rules::registry::shown(text);
        format!("{} ({place}):\n\n```\n{text}\n```", if i == 0 { "Example" } else { "and" })
    });
    parts.collect::<Vec<_>>().join("\n\n")
}

fn result<'a>(f: &'a Finding, rules: &[Entry]) -> SarifResult<'a> {
    // A finding's own help is specific to it ("rename the folder…"), so it
    // belongs in the message; the rule's general help is in `rules`.
    let text = match &f.help {
        Some(help) => format!("{}\nhelp: {help}", f.message),
        None => f.message.clone(),
    };
    SarifResult {
        rule_id: f.code(),
        // Index into `tool.driver.rules`, which lists the whole registry in order.
        rule_index: rules.iter().position(|r| r.code == f.code()),
        level: level(f.severity),
        message: Message::new(text),
        locations: vec![location(&f.primary, None)],
        related_locations: f.related.iter().enumerate().map(|(i, l)| location(l, Some(i + 1))).collect(),
        suppressions: f.suppressed.iter().map(suppression).collect(),
        properties: ResultProperties { agreement: &f.agreement },
    }
}

fn location(label: &Label, id: Option<usize>) -> Location<'_> {
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&label.span.file.path),
            region: region(&label.span),
        },
        message: Some(&label.message).filter(|m| !m.is_empty()).map(Message::new),
    }
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation { uri: uri_path(path), uri_base_id: SRCROOT }
}

fn region(span: &Span) -> Region<'_> {
    let (start_line, start_column) = span.start();
    let (end_line, end_column) = exclusive_end(span);
    let text = span.text();
    Region {
        start_line,
        start_column: Some(start_column),
        end_line: Some(end_line),
        end_column: Some(end_column),
        snippet: Some(Snippet { text }).filter(|_| !text.is_empty()),
    }
}

/// Line and column just past the span's last character. A trailing line
/// break is left out, so a span covering a whole line ends on that line
/// rather than at column 1 of the next.
fn exclusive_end(span: &Span) -> (usize, usize) {
    let text = span.text();
    let line_break = text.len() - text.trim_end_matches(['\n', '\r']).len();
    // `line_col` clamps, so an out-of-range span (empty `text`) still gets a position.
    span.file.line_col(span.range.end.max(span.range.start) - line_break)
}

fn suppression(s: &Suppression) -> SuppressionOut<'_> {
    SuppressionOut {
        kind: "external",
        status: "accepted",
        justification: &s.reason,
        location: waiver_location(&s.waiver),
        properties: WaiverProperties { approved_by: &s.approved_by, expires: &s.expires },
    }
}

/// Where the waiver is recorded, from its `path:line` form; none if the
/// form is not that.
fn waiver_location(waiver: &str) -> Option<Location<'static>> {
    let (path, line) = waiver.rsplit_once(':')?;
    let line = line.parse().ok().filter(|&l| l > 0)?;
    Some(Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact(path),
            region: Region { start_line: line, ..Region::default() },
        },
        message: Some(Message::new("waiver")),
    })
}

/// A repository-relative path as a URI reference: `/` stays a separator,
/// everything outside RFC 3986's unreserved set is percent-encoded (spaces,
/// `#`, `%` and non-ASCII names would otherwise make an invalid or wrong URI).
fn uri_path(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::Value;

    use super::*;
    use crate::model::SourceFile;
    use crate::reports::Checked;
    use crate::rules::Registry;

    fn file(path: &str, text: &str) -> Arc<SourceFile> {
        SourceFile::new(path, path, text.to_string())
    }

    fn to_json(findings: &[Finding], registry: &Registry) -> Value {
        let checked = [Checked { id: "a".into(), dir: "agreements/a".into(), title: String::new() }];
        let report = Report::new(findings, registry, &checked);
        let mut out = Vec::new();
        write(&report, &mut out).expect("write to a Vec");
        serde_json::from_slice(&out).expect("valid JSON")
    }

    #[test]
    fn end_columns_are_exclusive_and_count_characters() {
        let f = file("a.md", "“the Trust” shall\nnext\n");
        let trust = f.text.find("the").expect("fixture text");
        let span = Span::new(&f, trust..trust + "the Trust".len());
        let r = region(&span);
        assert_eq!((r.start_line, r.start_column, r.end_line, r.end_column), (1, Some(2), Some(1), Some(11)));
        // A whole line with its newline ends on that line, one past its last character.
        let line = Span::new(&f, 0..f.text.find("next").expect("fixture text"));
        assert_eq!(exclusive_end(&line), (1, 18));
        // An empty span is an insertion point: end == start.
        assert_eq!(exclusive_end(&Span::new(&f, 3..3)), span.start());
    }

    #[test]
    fn suppressed_findings_carry_an_accepted_external_suppression() {
        let f = file("agreements/a/agreement.md", "the Trust shall\n");
        let mut finding =
            Finding::new(&crate::rules::terms::UNUSED, Span::new(&f, 4..9), "m").with_severity(Severity::Error);
        finding.suppressed = Some(Suppression {
            reason: "agreed with legal".into(),
            approved_by: "J. Smith".into(),
            expires: "2027-01-01".into(),
            waiver: "s75.toml:12".into(),
        });
        let json = to_json(&[finding], &Registry::default());
        let s = &json["runs"][0]["results"][0]["suppressions"][0];
        assert_eq!(s["kind"], "external");
        assert_eq!(s["status"], "accepted");
        assert_eq!(s["justification"], "agreed with legal");
        assert_eq!(s["properties"]["approvedBy"], "J. Smith");
        assert_eq!(s["location"]["physicalLocation"]["artifactLocation"]["uri"], "s75.toml");
        assert_eq!(s["location"]["physicalLocation"]["region"]["startLine"], 12);
    }

    #[test]
    fn rule_index_points_into_the_registry() {
        use crate::rules::{Example, Rule};
        static ONE: Rule = Rule {
            code: "a.one",
            severity: Severity::Error,
            summary: "one",
            doc: "why one",
            example: Example::Body("x"),
        };
        static TWO: Rule = Rule {
            code: "a.two",
            severity: Severity::Warning,
            summary: "two",
            doc: "why two",
            example: Example::Body("y"),
        };
        let registry = Registry::of([&ONE, &TWO]);
        let f = file("x.md", "text\n");
        let findings = [Finding::new(&TWO, Span::new(&f, 0..4), "m").with_severity(Severity::Note)];
        let json = to_json(&findings, &registry);
        let run = &json["runs"][0];
        assert_eq!(run["tool"]["driver"]["rules"][1]["id"], "a.two");
        assert_eq!(run["tool"]["driver"]["rules"][1]["defaultConfiguration"]["level"], "warning");
        assert_eq!(run["results"][0]["ruleIndex"], 1);
        assert_eq!(run["results"][0]["level"], "note");
        assert!(run["results"][0].get("suppressions").is_none());
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("agreements/a-b_c.d/x.md"), "agreements/a-b_c.d/x.md");
        assert_eq!(uri_path("agreements/St Mary's #2/é.md"), "agreements/St%20Mary%27s%20%232/%C3%A9.md");
    }
}
