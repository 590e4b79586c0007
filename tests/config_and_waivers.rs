//! Rule levels (s75.toml and -A/-W/-D), `-D warnings`, and waivers.

use crate::common::*;

/// The clean fixture with one unknown key (an error by default) on a known line.
fn repo_with_unknown_key() -> (tempfile::TempDir, usize) {
    let repo = clean_repo();
    let toml = clean_file(&repo, "agreement.toml");
    edit(&toml, "notice = \"6 months\"", "notice = \"6 months\"\nbreak_clause = \"none\"");
    let line = std::fs::read_to_string(&toml).unwrap().lines().position(|l| l.starts_with("break_clause")).unwrap() + 1;
    (repo, line)
}

#[test]
fn unknown_key_is_an_error_by_default() {
    let (repo, line) = repo_with_unknown_key();
    let (report, code) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "metadata.unknown-key");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(found[0]["line"], line);
    assert_eq!(found[0]["message"], "unknown key `term.break_clause`");
    assert_eq!(code, 1);
}

#[test]
fn command_line_levels_override_the_default() {
    let (repo, _) = repo_with_unknown_key();
    let (report, code) = validate_json(repo.path(), &["-W", "metadata.unknown-key"]);
    assert_eq!(with_code(&report, "metadata.unknown-key")[0]["severity"], "warning");
    assert_eq!(code, 0, "warnings alone pass");
    let (_, code) = validate_json(repo.path(), &["-W", "metadata.unknown-key", "-D", "warnings"]);
    assert_eq!(code, 1, "-D warnings makes warnings fail the run");
    let (report, code) = validate_json(repo.path(), &["-A", "metadata"]);
    assert!(with_code(&report, "metadata.unknown-key").is_empty(), "a family selector allows all its rules");
    assert_eq!(code, 0);
}

#[test]
fn config_sets_levels_and_the_command_line_wins() {
    let (repo, _) = repo_with_unknown_key();
    write(&repo.path().join("s75.toml"), "[rules]\n\"metadata.unknown-key\" = \"allow\"\n");
    let (report, code) = validate_json(repo.path(), &[]);
    assert!(codes(&report).is_empty(), "{report:#}");
    assert_eq!(code, 0);
    let (report, code) = validate_json(repo.path(), &["-D", "metadata.unknown-key"]);
    assert_eq!(with_code(&report, "metadata.unknown-key")[0]["severity"], "error");
    assert_eq!(code, 1);
}

#[test]
fn config_excludes_agreements_from_the_default_run() {
    let (repo, _) = repo_with_unknown_key();
    write(&repo.path().join("s75.toml"), "exclude = [\"agreements/example-*\"]\n");
    let out = s75().current_dir(repo.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("every agreement in the repository is excluded by s75.toml"));
    // Naming the agreement explicitly still checks it.
    let (report, _) = validate_json(repo.path(), &["agreements/example-delegation"]);
    assert_eq!(with_code(&report, "metadata.unknown-key").len(), 1);
}

fn add_waiver(repo: &tempfile::TempDir, waiver: &str) {
    let toml = clean_file(repo, "agreement.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n[[waivers]]\n{waiver}\n")).unwrap();
}

#[test]
fn a_waiver_suppresses_its_finding_but_keeps_it_in_json() {
    let (repo, line) = repo_with_unknown_key();
    add_waiver(
        &repo,
        &format!(
            "code = \"metadata.unknown-key\"\nlocation = \"agreement.toml:{line}\"\nreason = \"kept for the renewal\"\napproved_by = \"Legal Services\"\nexpires = 2027-01-01"
        ),
    );
    let (report, code) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "metadata.unknown-key");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["suppressed"]["reason"], "kept for the renewal");
    assert_eq!(found[0]["suppressed"]["approved_by"], "Legal Services");
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["suppressed"], 1);
    assert_eq!(code, 0);
}

#[test]
fn a_waiver_can_match_by_text() {
    let (repo, _) = repo_with_unknown_key();
    add_waiver(
        &repo,
        "code = \"metadata.unknown-key\"\nmatches = \"break_clause\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-01-01",
    );
    let (_, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, 0);
}

#[test]
fn an_expired_waiver_is_an_error_and_suppresses_nothing() {
    let (repo, _) = repo_with_unknown_key();
    add_waiver(
        &repo,
        "code = \"metadata.unknown-key\"\nmatches = \"break_clause\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2026-11-23",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    let expired = with_code(&report, "waiver.expired");
    assert_eq!(expired.len(), 1, "{report:#}");
    assert_eq!(expired[0]["message"], "waiver expired on 2026-11-23; the finding it accepted counts again");
    assert!(with_code(&report, "metadata.unknown-key")[0]["suppressed"].is_null());
    assert_eq!(code, 1);
    // The day of expiry itself is still covered (S75_TODAY is 2026-11-24).
    let (report, _) = validate_json(repo.path(), &["--today", "2026-11-23"]);
    assert!(with_code(&report, "waiver.expired").is_empty());
}

#[test]
fn a_waiver_matching_nothing_is_a_warning() {
    let repo = clean_repo();
    add_waiver(
        &repo,
        "code = \"metadata.unknown-key\"\nmatches = \"no such text\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-01-01",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(codes(&report), ["waiver.unused"]);
    assert_eq!(with_code(&report, "waiver.unused")[0]["severity"], "warning");
    assert_eq!(code, 0);
}

#[test]
fn a_waiver_without_location_or_text_is_invalid() {
    let (repo, _) = repo_with_unknown_key();
    add_waiver(&repo, "code = \"metadata.unknown-key\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-01-01");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(with_code(&report, "waiver.invalid").len(), 1);
    assert!(with_code(&report, "metadata.unknown-key")[0]["suppressed"].is_null());
}

#[test]
fn waivers_in_s75_toml_apply_to_every_agreement_and_report_when_unused() {
    let (repo, _) = repo_with_unknown_key();
    write(
        &repo.path().join("s75.toml"),
        "[[waivers]]\ncode = \"metadata.unknown-key\"\nmatches = \"break_clause\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-01-01\n\n[[waivers]]\ncode = \"metadata.unknown-key\"\nmatches = \"nothing like this\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-01-01\n",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(report["summary"]["suppressed"], 1);
    let unused = with_code(&report, "waiver.unused");
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0]["file"], "s75.toml");
    assert_eq!(unused[0]["line"], 8);
    assert_eq!(code, 0);
}
