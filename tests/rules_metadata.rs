//! `metadata.negative-amount`, `duplicate-party`, `empty-schedule` and
//! `nul-byte`: inputs every loader accepts, each reported at its line, and
//! silent on the clean fixture and the bundled agreements.

use crate::common::*;

const NEW_RULES: [&str; 4] =
    ["metadata.negative-amount", "metadata.duplicate-party", "metadata.empty-schedule", "metadata.nul-byte"];

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

/// `metadata.wrong-type`, `invalid-value` and `missing-field`: what the
/// loader finds in agreement.toml, each at its key's line; none of them on
/// the clean fixture or the bundled agreements.
const LOADER_RULES: [&str; 3] = ["metadata.wrong-type", "metadata.invalid-value", "metadata.missing-field"];

#[test]
fn the_loaders_rules_are_silent_on_the_clean_fixture_and_the_bundled_agreements() {
    let (report, _) = validate_json(clean_repo().path(), &[]);
    let (bundled, _) = validate_json(&crate_dir(), &[]);
    for code in LOADER_RULES {
        assert!(with_code(&report, code).is_empty(), "{code} on the clean fixture: {report:#}");
        assert!(with_code(&bundled, code).is_empty(), "{code} on the bundled agreements");
    }
}

#[test]
fn a_length_written_as_a_number_is_the_wrong_type() {
    let file = "agreements/example-delegation/agreement.toml";
    let (repo, report) = validate_with(&[(file, "length = \"3 years\"", "length = 3")]);
    one_at(&report, "metadata.wrong-type", file, line_of(&repo.path().join(file), "length = 3"));
    let message = with_code(&report, "metadata.wrong-type")[0]["message"].as_str().unwrap().to_string();
    assert!(message.contains("length"), "{message}");
}

#[test]
fn an_unknown_party_kind_is_an_invalid_value() {
    let file = "agreements/example-delegation/agreement.toml";
    let (repo, report) = validate_with(&[(file, "kind = \"nhs-foundation-trust\"", "kind = \"foundation-trust\"")]);
    one_at(&report, "metadata.invalid-value", file, line_of(&repo.path().join(file), "\"foundation-trust\""));
    let message = with_code(&report, "metadata.invalid-value")[0]["message"].as_str().unwrap().to_string();
    assert!(message.contains("foundation-trust"), "{message}");
}

#[test]
fn an_id_that_is_not_the_folder_name_is_an_invalid_value() {
    let file = "agreements/example-delegation/agreement.toml";
    let (repo, report) = validate_with(&[(file, "id = \"example-delegation\"", "id = \"example-delegation-2024\"")]);
    one_at(
        &report,
        "metadata.invalid-value",
        file,
        line_of(&repo.path().join(file), "id = \"example-delegation-2024\""),
    );
    let f = with_code(&report, "metadata.invalid-value")[0];
    assert_eq!(f["message"], "id `example-delegation-2024` differs from the folder name `example-delegation`", "{f:#}");
}

#[test]
fn a_title_left_out_is_a_missing_field_outside_an_import() {
    let file = "agreements/example-delegation/agreement.toml";
    let (_repo, report) = validate_with(&[(
        file,
        "title = \"Section 75 Partnership Agreement for integrated community mental health services (example)\"\n",
        "",
    )]);
    let found = with_code(&report, "metadata.missing-field");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["file"], file);
    assert!(found[0]["message"].as_str().unwrap().contains("title"), "{:#}", found[0]);
    // A hand-written record is not an unfinished import.
    assert!(with_code(&report, "metadata.incomplete").is_empty());
}
