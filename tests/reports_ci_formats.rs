//! `--format gitlab` and `--format junit`, from real runs of the binary,
//! checked against the shapes their consumers document: GitLab's Code
//! Quality report (an array of issues with description, check_name,
//! fingerprint, severity, location.path and location.lines.begin) and the
//! JUnit XML that GitLab, Jenkins and Azure read (testsuites → testsuite →
//! testcase, failures as <failure message type>). Each is cross-checked
//! against the JSON report of the same run.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::*;

fn validate(dir: &Path, format: &str) -> Output {
    s75().current_dir(dir).args(["validate", "--format", format]).output().expect("run s75")
}

/// The unsuppressed findings of the JSON report of the same repository.
fn json_findings(dir: &Path) -> Vec<Value> {
    let (report, _) = validate_json(dir, &[]);
    report["findings"].as_array().expect("findings").iter().filter(|f| f["suppressed"].is_null()).cloned().collect()
}

fn gitlab(dir: &Path) -> Vec<Value> {
    let out = validate(dir, "gitlab");
    assert_eq!(out.status.code(), Some(1), "the 2019 agreement has errors: {}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("GitLab report is JSON");
    report.as_array().expect("a Code Quality report is a JSON array").clone()
}

/// A copy of the repository with only the 2019 agreement, which has real findings of every severity.
fn repo_2019() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("temp dir");
    copy_into(&coventry_2019(), &dir.path().join("agreements/coventry-cwpt-2019"));
    dir
}

#[test]
fn gitlab_issues_have_the_documented_fields_and_match_the_json_report() {
    let repo = repo_2019();
    let issues = gitlab(repo.path());
    let findings = json_findings(repo.path());
    assert_eq!(issues.len(), findings.len(), "one issue per unsuppressed finding");
    assert!(!issues.is_empty());

    let mut fingerprints = std::collections::HashSet::new();
    for (issue, finding) in issues.iter().zip(&findings) {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].as_str().is_some_and(|s| !s.is_empty()), "{key} is a non-empty string: {issue:#}");
        }
        let severity = issue["severity"].as_str().unwrap();
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity), "{severity}");
        let expected = match finding["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(severity, expected);
        assert_eq!(issue["check_name"], finding["code"]);
        assert!(issue["description"].as_str().unwrap().starts_with(finding["message"].as_str().unwrap()));
        let path = issue["location"]["path"].as_str().expect("location.path");
        assert!(repo.path().join(path).is_file(), "location.path {path} is a repository file");
        assert_eq!(path, finding["file"].as_str().unwrap());
        let begin = issue["location"]["lines"]["begin"].as_u64().expect("location.lines.begin is an integer");
        assert_eq!(begin, finding["line"].as_u64().unwrap());
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()), "fingerprints are unique");
    }
}

#[test]
fn gitlab_fingerprints_survive_lines_moving() {
    let repo = repo_2019();
    let before = gitlab(repo.path());
    // A blank paragraph at the top moves every finding of the body down.
    let body = repo.path().join("agreements/coventry-cwpt-2019/agreement.md");
    let text = std::fs::read_to_string(&body).expect("read body");
    std::fs::write(&body, format!("\n\n{text}")).expect("write body");
    let after = gitlab(repo.path());

    let prints = |issues: &[Value]| -> Vec<String> {
        let mut p: Vec<String> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap().to_string()).collect();
        p.sort();
        p
    };
    assert_eq!(prints(&before), prints(&after), "GitLab would otherwise report every finding as new");
    let moved = before.iter().zip(&after).any(|(b, a)| b["location"]["lines"] != a["location"]["lines"]);
    assert!(moved, "the edit did move findings");
}

#[test]
fn junit_has_a_suite_per_agreement_and_a_failure_per_error_or_warning() {
    let repo = repo_2019();
    let out = validate(repo.path(), "junit");
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");

    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), 1);
    let suite = suites[0];
    assert_eq!(suite.attribute("name"), Some("agreements/coventry-cwpt-2019"));

    let failing: Vec<Value> = json_findings(repo.path()).into_iter().filter(|f| f["severity"] != "note").collect();
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), failing.len());
    assert_eq!(suite.attribute("tests"), Some(cases.len().to_string().as_str()));
    assert_eq!(suite.attribute("failures"), Some(failing.len().to_string().as_str()));
    assert_eq!(root.attribute("failures"), suite.attribute("failures"));

    for (case, finding) in cases.iter().zip(&failing) {
        assert!(case.attribute("name").is_some_and(|n| n.starts_with(finding["code"].as_str().unwrap())));
        assert_eq!(case.attribute("classname"), Some("agreements/coventry-cwpt-2019"));
        assert_eq!(case.attribute("file"), finding["file"].as_str());
        assert_eq!(case.attribute("line"), Some(finding["line"].to_string().as_str()));
        let failure = case.children().find(|n| n.has_tag_name("failure")).expect("a <failure>");
        assert_eq!(failure.attribute("message"), finding["message"].as_str(), "the message survives escaping");
        assert_eq!(failure.attribute("type"), finding["severity"].as_str());
        assert!(failure.text().is_some_and(|t| t.contains(finding["code"].as_str().unwrap())));
    }
}

#[test]
fn junit_shows_a_clean_agreement_as_one_passing_case() {
    let repo = clean_repo();
    let out = validate(repo.path(), "junit");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml = stdout(&out);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).expect("a suite");
    assert_eq!(suite.attribute("failures"), Some("0"));
    let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
    assert_eq!(cases.len(), 1);
    assert!(cases[0].children().all(|n| !n.has_tag_name("failure")));
}
