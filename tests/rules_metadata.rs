//! `metadata.negative-amount`, `duplicate-party`, `empty-schedule` and
//! `nul-byte`: inputs every loader accepts, each reported at its line, and
//! silent on the clean fixture and the bundled agreements.

use crate::common::*;

const NEW_RULES: [&str; 4] =
    ["metadata.negative-amount", "metadata.duplicate-party", "metadata.empty-schedule", "metadata.nul-byte"];

fn line_of(path: &std::path::Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).expect("needle in file") as u64 + 1
}

/// The one finding with `code`; asserts its file and line.
fn one_at(report: &serde_json::Value, code: &str, file: &str, line: u64) {
    let found = with_code(report, code);
    assert_eq!(found.len(), 1, "{code}: {report:#}");
    assert_eq!(found[0]["file"], file, "{:#}", found[0]);
    assert_eq!(found[0]["line"], line, "{:#}", found[0]);
}

#[test]
fn silent_on_the_clean_fixture_and_the_bundled_agreements() {
    let repo = clean_repo();
    let (report, _) = validate_json(repo.path(), &[]);
    let (bundled, _) = validate_json(&crate_dir(), &[]);
    for code in NEW_RULES {
        assert!(with_code(&report, code).is_empty(), "{code} on the clean fixture: {report:#}");
        assert!(with_code(&bundled, code).is_empty(), "{code} on the bundled agreements");
    }
}

#[test]
fn a_negative_contribution_is_reported_at_its_amount() {
    let repo = tempfile::TempDir::new().unwrap();
    std::fs::write(repo.path().join("s75.toml"), "").unwrap();
    let dir = repo.path().join("agreements/coventry-mh-pool-2022");
    copy_into(&crate_dir().join("agreements/coventry-mh-pool-2022"), &dir);
    let toml = dir.join("agreement.toml");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(with_code(&report, "metadata.negative-amount").is_empty(), "positive amounts are fine");
    edit(&toml, "amount = 1500000", "amount = -1500000");
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, 1);
    one_at(
        &report,
        "metadata.negative-amount",
        "agreements/coventry-mh-pool-2022/agreement.toml",
        line_of(&toml, "-1500000"),
    );
    assert!(with_code(&report, "metadata.negative-amount")[0]["message"].as_str().unwrap().contains("negative"));
}

#[test]
fn two_parties_with_one_key_are_reported_at_the_second() {
    let repo = clean_repo();
    let toml = clean_file(&repo, "agreement.toml");
    edit(&toml, "key = \"council\"", "key = \"trust\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let second = std::fs::read_to_string(&toml)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "key = \"trust\"")
        .nth(1)
        .unwrap()
        .0 as u64
        + 1;
    one_at(&report, "metadata.duplicate-party", "agreements/example-delegation/agreement.toml", second);
    let f = with_code(&report, "metadata.duplicate-party")[0];
    assert!(f["message"].as_str().unwrap().contains("`trust` is used by two"), "{f:#}");
}

#[test]
fn an_empty_schedule_file_is_reported_at_the_key_naming_it() {
    let repo = clean_repo();
    std::fs::write(clean_file(&repo, "schedules/02-seconded-staff.md"), "\n\n").unwrap();
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, 1);
    let toml = clean_file(&repo, "agreement.toml");
    one_at(
        &report,
        "metadata.empty-schedule",
        "agreements/example-delegation/agreement.toml",
        line_of(&toml, "02-seconded-staff.md"),
    );
}

#[test]
fn a_nul_byte_in_the_body_is_a_finding_at_its_line_not_a_crash() {
    let repo = clean_repo();
    let body = clean_file(&repo, "agreement.md");
    let line = line_of(&body, "(B) The Partners consider");
    edit(&body, "(B) The Partners consider", "(B) The Partners\0 consider");
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, 1, "{report:#}");
    one_at(&report, "metadata.nul-byte", "agreements/example-delegation/agreement.md", line);
    // Only the NUL is reported: the text around it reads as before.
    let others: Vec<_> = codes(&report).into_iter().filter(|c| c != "metadata.nul-byte").collect();
    assert!(others.is_empty(), "{others:?}");
}
