//! The `human`, `sarif` and `github` formats, from real runs of the binary
//! on a copy of the clean fixture with known mistakes edited in. Expected
//! values are cross-checked against the JSON report of the same run, so the
//! four formats cannot drift apart.

use crate::common::*;

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

const TOML: &str = "agreements/example-delegation/agreement.toml";

/// The clean fixture with metadata mistakes: a misspelt key
/// (`metadata.unknown-key`, and the real key goes missing), a defined name
/// the text never uses (`metadata.party-not-in-text`), and a schedule headed
/// with the wrong number, which points back at agreement.toml
/// (`metadata.schedule-mismatch`, with a related location in another file).
fn repo_with_findings() -> TempDir {
    let repo = clean_repo();
    let toml = clean_file(&repo, "agreement.toml");
    edit(&toml, "commencement = 2024-04-01", "comencement = 2024-04-01");
    edit(&toml, "defined_as = \"the Council\"", "defined_as = \"the Authority\"");
    edit(&clean_file(&repo, "schedules/02-seconded-staff.md"), "# Schedule 2", "# Schedule 3");
    repo
}

fn validate(dir: &Path, args: &[&str]) -> Output {
    s75().current_dir(dir).arg("validate").args(args).output().expect("run s75")
}

fn parse(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e})\nstdout: {}\nstderr: {}", stdout(out), stderr(out)))
}

fn count(report: &Value, key: &str) -> u64 {
    report["summary"][key].as_u64().unwrap_or_else(|| panic!("summary.{key} missing: {report:#}"))
}

// ----- human -------------------------------------------------------------

#[test]
fn human_shows_a_snippet_with_code_location_and_source_line() {
    let repo = repo_with_findings();
    let out = validate(repo.path(), &[]);
    let text = stdout(&out);
    let line = line_of(&clean_file(&repo, "agreement.toml"), "comencement");

    assert!(text.contains("error[metadata.unknown-key]: unknown key `term.comencement`"), "{text}");
    assert!(text.contains(&format!("┌─ {TOML}:{line}:1")), "{text}");
    assert!(text.contains(&format!("{line} │ comencement = 2024-04-01")), "{text}");
    assert!(text.contains("^^^^^^^^^^^"), "the key is underlined: {text}");
    assert!(text.contains("= help: use the name the agreement's text gives the party"), "{text}");
    assert_eq!(out.status.code(), Some(1), "errors fail the run\n{text}");
}

#[test]
fn human_related_label_in_another_file_gets_its_own_header() {
    let repo = repo_with_findings();
    let text = stdout(&validate(repo.path(), &[]));
    let declared = line_of(&clean_file(&repo, "agreement.toml"), "number = \"2\"");

    assert!(text.contains("error[metadata.schedule-mismatch]"), "{text}");
    assert!(text.contains("┌─ agreements/example-delegation/schedules/02-seconded-staff.md:1:12"), "{text}");
    assert!(text.contains(&format!("┌─ {TOML}:{declared}:10")), "{text}");
    assert!(text.contains("--- declared here"), "{text}");
}

#[test]
fn human_summary_counts_match_the_json_report() {
    let repo = repo_with_findings();
    let text = stdout(&validate(repo.path(), &[]));
    let (report, _) = validate_json(repo.path(), &[]);
    let errors = count(&report, "errors");
    assert!(errors >= 4, "{report:#}");

    let lines: Vec<&str> = text.lines().collect();
    let total = lines.last().copied().unwrap_or_default();
    assert!(total.starts_with(&format!("1 agreement checked: {errors} errors")), "{text}");
    let per_agreement = lines.iter().rev().nth(1).copied().unwrap_or_default();
    assert!(per_agreement.starts_with(&format!("example-delegation: {errors} errors")), "{text}");
}

#[test]
fn human_has_no_escape_codes_without_colour_and_some_with() {
    let repo = repo_with_findings();
    // `s75()` sets NO_COLOR, and stdout is a pipe.
    assert!(!stdout(&validate(repo.path(), &[])).contains('\u{1b}'));
    assert!(!stdout(&validate(repo.path(), &["--color", "never"])).contains('\u{1b}'));
    assert!(stdout(&validate(repo.path(), &["--color", "always"])).contains('\u{1b}'));
}

#[test]
fn human_clean_run_says_so_and_succeeds() {
    let repo = clean_repo();
    let out = validate(repo.path(), &[]);
    assert_eq!(stdout(&out), "1 agreement checked: no problems found\n");
    assert_eq!(out.status.code(), Some(0));
}

// ----- SARIF -------------------------------------------------------------

/// The official SARIF 2.1.0 schema, compiled offline: jsonschema is built
/// without its HTTP and file retrievers and has the draft-07 meta-schema
/// built in, so any attempt to fetch a `$ref` would fail here.
fn sarif_validator() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(path).expect("read the SARIF schema");
    let mut schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    fix_language_pattern(&mut schema);
    jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("SARIF schema compiles")
}

/// The 2.1.0 schema as first published gives `language` the pattern
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, whose stray `]` is not a valid
/// ECMA-262 regex, so meta-schema validation rejects the whole schema. The
/// SARIF errata fix it (oasis-tcs/sarif-spec#488); s75 never writes
/// `language`, so replacing the pattern changes nothing we test.
fn fix_language_pattern(schema: &mut Value) {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match schema {
        Value::Object(map) => {
            if map.get("pattern").and_then(Value::as_str) == Some(BROKEN) {
                map.insert("pattern".into(), Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"));
            }
            map.values_mut().for_each(fix_language_pattern);
        }
        Value::Array(items) => items.iter_mut().for_each(fix_language_pattern),
        _ => {}
    }
}

fn assert_valid_sarif(log: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}\n{log:#}", errors.join("\n"));
}

#[test]
fn sarif_with_findings_is_valid_and_agrees_with_json() {
    let repo = repo_with_findings();
    let out = validate(repo.path(), &["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let log = parse(&out);
    assert_valid_sarif(&log);

    let (report, _) = validate_json(repo.path(), &[]);
    let findings = report["findings"].as_array().expect("findings array");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results array");
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(result["ruleId"], finding["code"]);
        assert_eq!(result["level"], finding["severity"]);
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        // ruleIndex points at the same rule in tool.driver.rules.
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_schema_check_is_not_vacuous() {
    let repo = repo_with_findings();
    let mut log = parse(&validate(repo.path(), &["--format", "sarif"]));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = Value::from(0);
    assert_eq!(sarif_validator().iter_errors(&log).count(), 2);
}

#[test]
fn sarif_end_column_is_one_past_the_last_character() {
    let repo = repo_with_findings();
    let log = parse(&validate(repo.path(), &["--format", "sarif"]));
    let (report, _) = validate_json(repo.path(), &[]);
    let finding = with_code(&report, "metadata.unknown-key")[0];
    let result = log["runs"][0]["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["ruleId"] == "metadata.unknown-key"))
        .expect("unknown-key result");
    let region = &result["locations"][0]["physicalLocation"]["region"];

    // `comencement` is 11 characters from column 1: the JSON report's end is
    // inclusive (11), SARIF's exclusive (12).
    assert_eq!(finding["end_column"], 11);
    assert_eq!(region["endColumn"], 12);
    assert_eq!(region["snippet"]["text"], "comencement");
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], TOML);
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
}

#[test]
fn sarif_related_location_has_id_message_and_file() {
    let repo = repo_with_findings();
    let log = parse(&validate(repo.path(), &["--format", "sarif"]));
    let result = log["runs"][0]["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["ruleId"] == "metadata.schedule-mismatch"))
        .expect("schedule-mismatch result");
    let related = &result["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert_eq!(related["message"]["text"], "declared here");
    assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], TOML);
    assert_eq!(related["physicalLocation"]["region"]["snippet"]["text"], "\"2\"");
}

#[test]
fn sarif_clean_run_is_valid_and_lists_every_rule() {
    let repo = clean_repo();
    let out = validate(repo.path(), &["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(0));
    let log = parse(&out);
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    assert_eq!(run["results"], serde_json::json!([]));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let rule = rules.iter().find(|r| r["id"] == "metadata.unknown-key").expect("every rule is listed");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(rule["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()));
}

// ----- github ------------------------------------------------------------

#[test]
fn github_prints_one_exact_command_per_finding() {
    let repo = repo_with_findings();
    let out = validate(repo.path(), &["--format", "github"]);
    let text = stdout(&out);
    let line = line_of(&clean_file(&repo, "agreement.toml"), "defined_as = \"the Authority\"");

    let expected = format!(
        "::error file={TOML},line={line},endLine={line},col=14,endColumn=28,title=metadata.party-not-in-text\
         ::\"the Authority\" never appears in the agreement text\
         %0Ahelp: use the name the agreement's text gives the party, e.g. (\"the Trust\") in the preamble"
    );
    assert!(text.lines().any(|l| l == expected), "expected\n{expected}\nin\n{text}");

    let (report, _) = validate_json(repo.path(), &[]);
    let commands = text.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(commands, report["findings"].as_array().map_or(0, Vec::len));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn github_escapes_properties_and_data() {
    let repo = repo_with_findings();
    // A `%` in a message, and a `,` in a path (a property value).
    edit(&clean_file(&repo, "agreement.toml"), "\"the Authority\"", "\"the 100% Authority\"");
    edit(&clean_file(&repo, "agreement.toml"), "schedules/02-seconded-staff.md", "schedules/02-seconded,staff.md");
    std::fs::rename(
        clean_file(&repo, "schedules/02-seconded-staff.md"),
        clean_file(&repo, "schedules/02-seconded,staff.md"),
    )
    .expect("rename schedule");
    let text = stdout(&validate(repo.path(), &["--format", "github"]));

    assert!(text.contains("::\"the 100%25 Authority\" never appears in the agreement text%0Ahelp: "), "{text}");
    let mismatch =
        text.lines().find(|l| l.contains("title=metadata.schedule-mismatch")).expect("schedule-mismatch command");
    assert!(
        mismatch.starts_with("::error file=agreements/example-delegation/schedules/02-seconded%2Cstaff.md,line=1,"),
        "{mismatch}"
    );
    // In the message, `:` and `,` stay as they are; the newline is escaped.
    assert!(mismatch.contains(&format!("%0Adeclared here: {TOML}:")), "{mismatch}");
}

#[test]
fn github_clean_run_prints_only_the_summary() {
    let repo = clean_repo();
    let out = validate(repo.path(), &["--format", "github"]);
    assert_eq!(stdout(&out), "1 agreement checked: no problems found\n");
    assert_eq!(out.status.code(), Some(0));
}
