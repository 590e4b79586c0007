//! `terms.*` on agreements in other drafting styles (the development corpus,
//! copied into `tests/fixtures/corpus/`), imported with `s75 import` into a
//! new repository and validated: the planted defined-term defects are found
//! where the answer key puts them, and its controls stay silent.

use serde_json::Value;
use tempfile::TempDir;

use crate::common::*;

/// FILE of the corpus imported as its own id into a new repository; the JSON report.
fn imported(stem: &str) -> (TempDir, Value) {
    let repo = TempDir::new().expect("temp dir");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(repo.path()).status();
    assert!(git.is_ok_and(|s| s.success()), "git init");
    let init = s75().arg("init").current_dir(repo.path()).output().expect("run s75 init");
    assert!(init.status.success(), "s75 init: {}", stderr(&init));
    let file = fixture(&format!("corpus/{stem}.txt"));
    let out = s75().arg("import").arg(&file).args(["--id", stem]).current_dir(repo.path()).output().expect("run s75");
    assert_eq!(out.status.code(), Some(0), "{stem}: {}", stderr(&out));
    let (report, _) = validate_json(repo.path(), &[]);
    (repo, report)
}

fn terms(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("terms."))).collect())
        .unwrap_or_default()
}

/// The terms finding whose message is `message`; panics with every terms finding if there is none.
fn finding<'r>(report: &'r Value, message: &str) -> &'r Value {
    let all = terms(report);
    all.iter().find(|f| f["message"] == message).copied().unwrap_or_else(|| panic!("no {message:?} in {all:#?}"))
}

#[test]
fn lettered_definitions_under_a_plain_paragraph_heading_and_a_schedule_definition() {
    let (repo, report) = imported("lead-commissioning-2018");
    let body = "agreements/lead-commissioning-2018/agreement.md";
    // D05: the possessive moved.
    let f = finding(&report, "“Annual Carer's Report” is not the defined term “Annual Carers' Report”");
    assert_eq!(f["line"], line_in(&repo, body, "an Annual Carer's Report"));
    // D09: "In this Schedule "Carer" includes …" against clause 1.1(c)'s adults only.
    let f = finding(&report, "“Carer” is defined again for this part, with a meaning different from its definition");
    assert_eq!(f["severity"], "error");
    let schedule = f["file"].as_str().expect("file");
    assert_eq!(f["line"], line_in(&repo, schedule, "In this Schedule"));
}

#[test]
fn definitions_pasted_from_word_are_read() {
    let (repo, report) = imported("word-copied-2021");
    let body = "agreements/word-copied-2021/agreement.md";
    // D02
    let f = finding(&report, "“Looked After Child” is defined but never used");
    assert_eq!(f["line"], line_in(&repo, body, "\"Looked After Child\" means"));
    // D03
    let f = finding(
        &report,
        "“Integrated Commissioning Executive” is used as a defined name, but nothing defines or sets it up",
    );
    assert_eq!(f["line"], line_in(&repo, body, "shall report to the Integrated Commissioning Executive"));
}

#[test]
fn a_body_nothing_sets_up_and_a_long_name_with_its_last_word_changed() {
    let (repo, report) = imported("bcf-2024-icb-host");
    let f =
        finding(&report, "“Joint Commissioning Board” is used as a defined name, but nothing defines or sets it up");
    assert_eq!(
        f["line"],
        line_in(&repo, "agreements/bcf-2024-icb-host/agreement.md", "reserved to the Joint Commissioning Board")
    );
    let (repo, report) = imported("mental-health-2010-pct");
    let f = finding(
        &report,
        "“Approved Mental Health Practitioner” is not the defined term “Approved Mental Health Professional”",
    );
    assert_eq!(
        f["line"],
        line_in(
            &repo,
            "agreements/mental-health-2010-pct/agreement.md",
            "Approved Mental Health Practitioner is available"
        )
    );
}

#[test]
fn an_inline_definition_in_the_body_beside_the_definitions_schedule() {
    let (repo, report) = imported("delegation-2019-trust-to-council");
    // D05: the finding sits on the body's inline definition, the extra one.
    let f = finding(&report, "“Service Users” is defined here and again in the definitions");
    assert_eq!(
        f["line"],
        line_in(&repo, "agreements/delegation-2019-trust-to-council/agreement.md", "Ravensmere (\"Service Users\")")
    );
}

#[test]
fn the_clean_agreement_has_no_terms_finding() {
    // Its controls: "In this Schedule "Step-Down Bed" means …" used only in that schedule,
    // and "a term extending beyond the Term".
    let (_, report) = imported("clean-pool-2023-five-parties");
    assert_eq!(terms(&report), Vec::<&Value>::new());
}
