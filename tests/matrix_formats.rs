//! `s75 matrix` in each format, written to a file, and its choice of agreement.

use crate::common::*;

fn matrix(dir: &std::path::Path, args: &[&str]) -> (String, i32) {
    let out = s75().current_dir(dir).arg("matrix").args(args).output().expect("run s75");
    (stdout(&out) + &stderr(&out), out.status.code().unwrap_or(-1))
}

/// The clean fixture without its statement of the improvement condition.
fn gap_repo() -> tempfile::TempDir {
    let repo = clean_repo();
    edit(
        &clean_file(&repo, "agreement.md"),
        "are likely to lead to an improvement in the way those functions are exercised",
        "are appropriate",
    );
    repo
}

#[test]
fn text_has_a_header_every_requirement_a_legend_and_sources() {
    let repo = clean_repo();
    let (text, code) = matrix(repo.path(), &[]);
    assert_eq!(code, 0, "{text}");
    for expected in [
        "STATUTORY COMPLIANCE MATRIX",
        "Agreement     Section 75 Partnership Agreement for integrated community mental health services (example)",
        "Term          1 April 2024 to 31 March 2027",
        "Prepared      24 November 2026 by s75",
        "RESULT  All 17 applicable requirements are met.",
        "✓ nhsex.reporting  SI 2000/617 reg 8 †",
        "  metadata   Clause 8.1",
        "Legend",
        "  †          statutory basis unverified",
        "Sources",
        "  S1   SI 2000/617 as made",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn a_gap_is_marked_missing() {
    let repo = gap_repo();
    let (text, code) = matrix(repo.path(), &[]);
    assert!(text.contains("✗ gen.condition.improvement  SI 2000/617 reg 4(1) †  [MISSING]"), "{text}");
    assert!(
        text.contains("  MISSING    that the arrangements are likely to improve the way the functions are exercised"),
        "{text}"
    );
    assert!(text.contains("RESULT  16 of 17 applicable requirements met; 1 not met (0 verified, 1 with an unverified statutory basis †)."), "{text}");
    // The recital of reg 4(1) is not a clause the Regulations require (†):
    // its absence does not fail the run.
    assert_eq!(code, 0);
}

#[test]
fn markdown_is_a_table_with_escaped_cells() {
    let repo = gap_repo();
    let (md, _) = matrix(repo.path(), &["--format", "markdown"]);
    assert!(md.starts_with("# Statutory compliance matrix\n"), "{md}");
    assert!(md.contains("| | Requirement | Citation | Satisfied by |\n|---|---|---|---|"), "{md}");
    assert!(md.contains("| ✗ | **gen.condition.improvement**<br>"), "{md}");
    assert!(md.contains("**missing:** that the arrangements are likely to improve"), "{md}");
    assert!(md.contains("\\[\\[reporting\\]\\]"), "brackets are escaped: {md}");
    for line in md.lines().filter(|l| l.starts_with("| ✓ ") || l.starts_with("| ✗ ")) {
        assert_eq!(line.matches(" | ").count() - line.matches("\\|").count(), 3, "four cells: {line}");
    }
}

#[test]
fn html_is_one_self_contained_page() {
    let repo = gap_repo();
    let (html, _) = matrix(repo.path(), &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<table class=\"matrix\">") && html.contains("<style>"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains(" src="), "no external resources");
    assert!(
        html.contains("<tr class=\"gap\">") && html.contains("<li class=\"missing\">Missing: that the arrangements")
    );
    assert!(html.contains("title=\"statutory basis unverified\">†</span>"));
    assert!(html.contains("Northfield Mental Health NHS Foundation Trust (“the Trust”)"));
}

#[test]
fn csv_has_one_line_per_piece_of_evidence() {
    let repo = gap_repo();
    let (csv, _) = matrix(repo.path(), &["--format", "csv"]);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "agreement,requirement,citation,verified,status,how,element,reference,location,detail,missing"
    );
    let missing = lines.iter().find(|l| l.contains(",gen.condition.improvement,")).expect("a line for the gap");
    assert_eq!(
        *missing,
        "example-delegation,gen.condition.improvement,SI 2000/617 reg 4(1) †,no,missing,,,,,,that the arrangements are likely to improve the way the functions are exercised"
    );
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with("example-delegation,nhsex.reporting,SI 2000/617 reg 8 †,no,met,metadata,,Clause 8.1,")),
        "{csv}"
    );
    // Fields with commas are quoted.
    assert!(lines.iter().any(|l| l.contains("\"SI 2000/617 reg 3(2); NHS Act 2006 s.275\"")
        || l.contains("SI 2000/617 reg 3(2); NHS Act 2006 s.275")));
}

#[test]
fn json_is_the_model() {
    let repo = clean_repo();
    let (json, code) = matrix(repo.path(), &["--format", "json"]);
    let m: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(code, 0);
    assert_eq!(m["agreement"]["id"], "example-delegation");
    assert_eq!(m["summary"]["requirements"], 17);
    assert_eq!(m["summary"]["fully_satisfied"], true);
    assert_eq!(m["prepared"], "2026-11-24");
    let first = &m["rows"][0];
    assert_eq!(first["id"], "gen.partners.nhs_and_la");
    assert_eq!(first["evidence"][0]["how"], "metadata");
    assert_eq!(first["evidence"][0]["file"], "agreements/example-delegation/agreement.toml");
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let repo = clean_repo();
    let (to_stdout, _) = matrix(repo.path(), &["--format", "html"]);
    let out = s75()
        .current_dir(repo.path())
        .args(["matrix", "--format", "html", "-o", "matrix.html"])
        .output()
        .expect("run s75");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    let written = std::fs::read_to_string(repo.path().join("matrix.html")).expect("written");
    assert_eq!(written, to_stdout);
    let leftovers: Vec<_> = std::fs::read_dir(repo.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[test]
fn the_agreement_is_named_by_folder_file_or_id_and_must_be_one() {
    let repo = clean_repo();
    for arg in ["example-delegation", "agreements/example-delegation", "agreements/example-delegation/agreement.md"] {
        let (text, code) = matrix(repo.path(), &[arg]);
        assert_eq!(code, 0, "{arg}: {text}");
    }
    let (text, code) = matrix(repo.path(), &["no-such-agreement"]);
    assert_eq!(code, 2);
    assert!(text.contains("no agreement `no-such-agreement`"), "{text}");

    copy_into(&clean_file(&repo, ""), &repo.path().join("agreements/second"));
    edit(&repo.path().join("agreements/second/agreement.toml"), "id = \"example-delegation\"", "id = \"second\"");
    let (text, code) = matrix(repo.path(), &[]);
    assert_eq!(code, 2);
    assert!(text.contains("a matrix is for one agreement; name one of: example-delegation, second"), "{text}");
}

#[test]
fn a_broken_declaration_is_noted_under_the_matrix() {
    let repo = clean_repo();
    let toml_path = clean_file(&repo, "agreement.toml");
    let text = std::fs::read_to_string(&toml_path).expect("read");
    write(&toml_path, &format!("{text}\n[satisfies]\n\"nhsex.aims_outcomes\" = [\"3.9\"]\n"));
    let (text, _) = matrix(repo.path(), &[]);
    assert!(text.contains("Notes\n  agreements/example-delegation/agreement.toml:"), "{text}");
    assert!(
        text.contains("[satisfies] declares `3.9` for nhsex.aims_outcomes, but the agreement has no clause 3.9"),
        "{text}"
    );
}

#[test]
fn validate_matrix_needs_the_human_report() {
    let repo = clean_repo();
    let out =
        s75().current_dir(repo.path()).args(["validate", "--matrix", "--format", "json"]).output().expect("run s75");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("s75 matrix --format"), "{}", stderr(&out));
}

/// The clean fixture as an unsigned draft.
fn draft_repo() -> tempfile::TempDir {
    let repo = clean_repo();
    edit(
        &clean_file(&repo, "agreement.toml"),
        "state = \"signed\"\nsigned = [\n  { party = \"trust\", date = 2024-03-20 },\n  { party = \"council\", date = 2024-03-22 },\n]",
        "state = \"draft\"",
    );
    repo
}

#[test]
fn an_unsigned_draft_is_not_ticked_as_made_in_writing() {
    let repo = draft_repo();
    let (text, code) = matrix(repo.path(), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("? nhsex.written  SI 2000/617 reg 8(3) †  [NOT CHECKED]"), "{text}");
    assert!(text.contains("not checked: a draft, not yet signed"), "{text}");
    assert!(!text.contains("✓ nhsex.written"), "{text}");
    assert!(text.contains("RESULT  16 of 17 applicable requirements met; 1 not checked."), "{text}");
    let (json, _) = matrix(repo.path(), &["--format", "json"]);
    let m: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(m["summary"]["fully_satisfied"], false);
    assert_eq!(m["summary"]["not_checked"], 1);
    assert_eq!(m["summary"]["not_met"], 0);
}

#[test]
fn a_signed_agreement_is_ticked_with_its_signatures() {
    let repo = clean_repo();
    let (text, _) = matrix(repo.path(), &[]);
    assert!(text.contains("✓ nhsex.written  SI 2000/617 reg 8(3) †"), "{text}");
    assert!(text.contains("signed: "), "{text}");
    assert!(!text.contains("[NOT CHECKED]"), "{text}");
}

#[test]
fn an_unsigned_draft_is_no_finding() {
    // Not checked is neither a tick nor a defect: validate stays silent.
    let repo = draft_repo();
    let (report, _) = validate_json(repo.path(), &[]);
    let statute: Vec<String> = codes(&report).into_iter().filter(|c| c.starts_with("statute.")).collect();
    assert_eq!(statute, Vec::<String>::new(), "{report:#}");
}

#[test]
fn a_lettered_item_is_cited_under_its_clause() {
    // "6. Payments … (c) The Payments may be varied by agreement in writing
    // between the Parties": a reader cites Clause 6(c), not "Clause (c)".
    use crate::import_corpus::{corpus, imported};
    let repo = imported(&corpus("delegation-2019-trust-to-council.txt"), "d");
    let (text, _) = matrix(repo.path(), &["d"]);
    assert!(text.contains("  recognised Clause 6(c) "), "{text}");
    assert!(!text.contains("Clause (c)"), "{text}");
    // A recital keeps its own letter.
    assert!(text.contains("  recognised Recital E "), "{text}");
}

#[test]
fn how_contributions_vary_is_one_paragraph_not_two() {
    // 7.2 names the contributions, 7.3 says how they are varied: the
    // evidence is 7.3 alone, which carries who, what and how.
    use crate::import_corpus::{corpus, imported};
    let repo = imported(&corpus("mental-health-2010-pct.txt"), "m");
    let (text, _) = matrix(repo.path(), &["m"]);
    assert!(text.contains("  recognised Clause 7.3 "), "{text}");
    assert!(
        text.contains("how the contributions may be varied: 7.3 Contributions may be varied only by written agreement"),
        "{text}"
    );
    assert!(!text.contains("Clause 7.2, 7.3"), "{text}");
}
