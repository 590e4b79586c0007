//! `xref.*`: each rule firing on one introduced defect of the clean fixture
//! and staying silent on correct references, then the real 2019 agreement
//! against the defect census (docs/notes/2019-defects.md §2).

use crate::common::*;

use serde_json::Value;

const BODY: &str = "agreements/example-delegation/agreement.md";
const SCHEDULE_1: &str = "agreements/example-delegation/schedules/01-aims-and-outcomes.md";
const SCHEDULE_2: &str = "agreements/example-delegation/schedules/02-seconded-staff.md";

fn xref(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("xref."))).collect())
        .unwrap_or_default()
}

fn assert_one(report: &Value, code: &str, file: &str, line: u64, severity: &str) -> Value {
    let all = xref(report);
    assert_eq!(all.len(), 1, "expected exactly one xref finding: {report:#}");
    let f = all[0].clone();
    assert_eq!(f["code"], code, "{f:#}");
    assert_eq!(f["file"], file, "{f:#}");
    assert_eq!(f["line"], line, "{f:#}");
    assert_eq!(f["severity"], severity, "{f:#}");
    f
}

#[test]
fn a_clause_that_does_not_exist() {
    let (repo, report) =
        validate_with(&[(BODY, "terminated earlier under Clause 10.", "terminated earlier under Clause 19.")]);
    let f = assert_one(&report, "xref.missing-target", BODY, line_in(&repo, BODY, "under Clause 19."), "error");
    assert_eq!(f["message"], "Clause 19 does not exist");
    assert_eq!(f["text"], "Clause 19");
    let (_, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, 1, "an error fails the run");
}

#[test]
fn both_ends_of_a_range_are_checked() {
    let (repo, report) = validate_with(&[(BODY, "under Clause 10.", "under Clauses 10.1 to 10.3.")]);
    let f = assert_one(&report, "xref.missing-target", BODY, line_in(&repo, BODY, "Clauses 10.1 to 10.3"), "error");
    assert_eq!(f["message"], "Clause 10.3 does not exist");
    assert_eq!(f["text"], "10.3");
}

#[test]
fn a_schedule_that_does_not_exist() {
    let (repo, report) = validate_with(&[(BODY, "Council listed in Schedule 2;", "Council listed in Schedule 3;")]);
    let f = assert_one(&report, "xref.missing-target", BODY, line_in(&repo, BODY, "listed in Schedule 3"), "error");
    assert_eq!(f["message"], "Schedule 3 does not exist");
}

#[test]
fn a_paragraph_of_a_schedule_that_does_not_exist() {
    let (repo, report) = validate_with(&[(BODY, "set out in Schedule 1.", "set out in paragraph 2 of Schedule 9.")]);
    let f =
        assert_one(&report, "xref.missing-target", BODY, line_in(&repo, BODY, "paragraph 2 of Schedule 9"), "error");
    assert_eq!(f["message"], "paragraph 2 of Schedule 9: the agreement has no Schedule 9");
    assert_eq!(f["text"], "paragraph 2");
}

#[test]
fn a_schedule_marked_not_used() {
    let (repo, report) = validate_with(&[
        (BODY, "Council listed in Schedule 2;", "Council listed in Schedule 3;"),
        (
            "agreements/example-delegation/agreement.toml",
            "file = \"schedules/02-seconded-staff.md\"\n",
            "file = \"schedules/02-seconded-staff.md\"\n\n[[schedules]]\nnumber = \"3\"\ntitle = \"Not used\"\nnot_used = true\n",
        ),
    ]);
    let f = assert_one(&report, "xref.missing-target", BODY, line_in(&repo, BODY, "listed in Schedule 3"), "error");
    assert_eq!(f["message"], "Schedule 3 is marked \"Not used\"");
    assert_eq!(f["related"][0]["label"], "marked not used here");
}

#[test]
fn a_paragraph_of_this_schedule_that_does_not_exist() {
    let (repo, report) = validate_with(&[(
        SCHEDULE_2,
        "keep this list up to date.",
        "keep this list up to date under paragraph 3 of this Schedule.",
    )]);
    let f = assert_one(
        &report,
        "xref.missing-target",
        SCHEDULE_2,
        line_in(&repo, SCHEDULE_2, "paragraph 3 of this"),
        "error",
    );
    assert_eq!(f["message"], "paragraph 3 of Schedule 2 does not exist");
    // The paragraph that exists is found.
    let (_, report) = validate_with(&[(
        SCHEDULE_2,
        "keep this list up to date.",
        "keep this list up to date under paragraph 1 of this Schedule.",
    )]);
    assert_eq!(xref(&report), Vec::<&Value>::new());
}

#[test]
fn a_paragraph_of_another_schedule() {
    let (repo, report) = validate_with(&[(BODY, "set out in Schedule 1.", "set out in paragraph 2.3 of Schedule 1.")]);
    let f =
        assert_one(&report, "xref.missing-target", BODY, line_in(&repo, BODY, "paragraph 2.3 of Schedule 1"), "error");
    assert_eq!(f["message"], "paragraph 2.3 of Schedule 1 does not exist");
    assert_eq!(f["related"][0]["file"], SCHEDULE_1, "points at the schedule searched");
    let (_, report) = validate_with(&[(BODY, "set out in Schedule 1.", "set out in paragraph 2.2 of Schedule 1.")]);
    assert_eq!(xref(&report), Vec::<&Value>::new());
}

#[test]
fn a_clause_written_in_a_schedule_may_be_the_agreements_or_the_schedules_own() {
    // Clause 13 is the agreement's; Clause 2 is both; Clause 14 is neither.
    let (_, report) = validate_with(&[(
        SCHEDULE_2,
        "keep this list up to date.",
        "keep this list up to date (see Clause 13 and Clause 2).",
    )]);
    assert_eq!(xref(&report), Vec::<&Value>::new());
    let (repo, report) =
        validate_with(&[(SCHEDULE_2, "keep this list up to date.", "keep this list up to date (see Clause 14).")]);
    let f =
        assert_one(&report, "xref.missing-target", SCHEDULE_2, line_in(&repo, SCHEDULE_2, "see Clause 14"), "error");
    assert!(f["message"].as_str().is_some_and(|m| m.contains("neither the agreement nor this schedule")), "{f:#}");
    // "of the Agreement" means the body only: the schedule's own paragraph 2 does not count.
    let (_, report) = validate_with(&[(
        SCHEDULE_2,
        "keep this list up to date.",
        "keep this list up to date (see Clause 2 of the Agreement).",
    )]);
    assert_eq!(xref(&report), Vec::<&Value>::new());
    let (_, report) = validate_with(&[(
        SCHEDULE_2,
        "posts to the Trust under Clause 7.",
        "posts to the Trust under Clause 2.2.1 of the Agreement.",
    )]);
    assert_eq!(xref(&report).len(), 1, "{report:#}");
}

#[test]
fn an_appendix_of_this_schedule() {
    let (repo, report) = validate_with(&[(
        SCHEDULE_1,
        "2.2 carers are offered",
        "2.2 carers (Appendix A to this Schedule) are offered",
    )]);
    let f = assert_one(
        &report,
        "xref.missing-target",
        SCHEDULE_1,
        line_in(&repo, SCHEDULE_1, "Appendix A to this"),
        "error",
    );
    assert!(f["message"].as_str().is_some_and(|m| m.starts_with("Appendix A of Schedule 1 does not exist")), "{f:#}");
    let (_, report) = validate_with(&[(
        SCHEDULE_1,
        "2.2 carers are offered an assessment of their own needs.",
        "2.2 carers (Appendix A to this Schedule) are offered an assessment.\n\n## Appendix A\n\nThe carers' assessment form.",
    )]);
    assert_eq!(xref(&report), Vec::<&Value>::new());
}

#[test]
fn a_name_that_is_not_the_targets_heading() {
    let (repo, report) = validate_with(&[(
        BODY,
        "by written agreement under Clause 11.",
        "by written agreement under Clause 11 (Termination).",
    )]);
    let f =
        assert_one(&report, "xref.heading-mismatch", BODY, line_in(&repo, BODY, "Clause 11 (Termination)"), "warning");
    assert_eq!(f["message"], "Clause 11 is called “Termination” here, but it is headed “Variation”");
    assert_eq!(f["related"][0]["line"], line_in(&repo, BODY, "## 11 Variation"));
    assert_eq!(f["related"][0]["label"], "Clause 11 is headed here");
}

#[test]
fn names_that_fit_the_heading_are_silent() {
    for (from, to) in [
        ("by written agreement under Clause 11.", "by written agreement under Clause 11 (Variation)."),
        ("by written agreement under Clause 11.", "by written agreement in accordance with the Clause 11 Variation."),
        ("set out in Schedule 1.", "set out in Schedule 1 (“Aims and outcomes”)."),
        ("Council listed in Schedule 2;", "Council listed in Schedule 2 Seconded Staff;"),
    ] {
        let (_, report) = validate_with(&[(BODY, from, to)]);
        assert_eq!(xref(&report), Vec::<&Value>::new(), "{to}");
    }
    // A schedule's name: "the X in Schedule N".
    let (repo, report) = validate_with(&[(
        BODY,
        "Council listed in Schedule 2;",
        "Council listed in the Staff Register in Schedule 2;",
    )]);
    let f = assert_one(&report, "xref.heading-mismatch", BODY, line_in(&repo, BODY, "Staff Register"), "warning");
    assert_eq!(f["message"], "Schedule 2 is called “Staff Register” here, but it is headed “Seconded Staff”");
}

#[test]
fn citations_of_other_instruments_are_not_references() {
    let (_, report) = validate_with(&[(
        BODY,
        "4.2 The Council retains its functions relating to charging for care and support.",
        "4.2 The Council retains its functions under Part 1 of the Care Act 2014, section 117 of the Mental Health Act 1983, Schedule 3 to the Care Act 2014 and Regulation 4(2) of the Regulations, and Appendix 1 of the Council's Charging Policy.",
    )]);
    assert_eq!(xref(&report), Vec::<&Value>::new());
}

// ---------------------------------------------------------------------------
// The real 2019 agreement (docs/notes/2019-defects.md §2).

fn coventry_report() -> Value {
    let dir = coventry_2019();
    assert!(dir.join("agreement.toml").is_file(), "the 2019 agreement is in the repository");
    let (report, _) = validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]);
    report
}

/// (file name, line, message) of the findings with `code`.
fn rows(report: &Value, code: &str) -> Vec<(String, u64, String)> {
    with_code(report, code)
        .into_iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string();
            (file, f["line"].as_u64().unwrap_or(0), f["message"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

#[test]
fn coventry_2019_missing_targets_are_the_detectable_census_items() {
    let report = coventry_report();
    let found: Vec<(String, String)> =
        rows(&report, "xref.missing-target").into_iter().map(|(f, _, m)| (f, m)).collect();
    assert_eq!(
        found,
        [
            // Sch 4 2.2.1 "Notwithstanding paragraph 3.2 of this Schedule" — Sch 4 has no paragraph 3.
            (
                "04-integrated-mental-health-service.md".to_string(),
                "paragraph 3.2 of Schedule 4 does not exist".to_string()
            ),
            // Sch 5 6.2 "is in Appendix A of this schedule" — Sch 5 has no appendix.
            (
                "05-service-description.md".into(),
                "Appendix A of Schedule 5 does not exist: the schedule has no heading \"Appendix A\"".into()
            ),
            // Sch 14 (C) "under paragraph 1.2 of Schedule 7" — Sch 7 has paragraphs 1–3 only.
            ("14-adult-mental-health-and-older.md".into(), "paragraph 1.2 of Schedule 7 does not exist".into()),
        ]
    );
    assert!(with_code(&report, "xref.missing-target").iter().all(|f| f["severity"] == "error"));
    // point at provisions that exist (the wrong ones): not detectable, not guessed at.
    // The ~60 correct references of §2c, the traps F-8, F-9, F-11, F-13, F-20, F-22 and F-23,
    // and the ambiguous X-P2, X-P4 and X-P8 all resolve: nothing else is reported.
}

#[test]
fn coventry_2019_heading_mismatches() {
    let report = coventry_report();
    let found = rows(&report, "xref.heading-mismatch");
    // Sch 8 1.3 "the Service Specification in Schedule 5" (Schedule 5 is "The Service Description").
    assert!(
        found.contains(&(
            "08-secondment-arrangements.md".into(),
            9,
            "Schedule 5 is called “Service Specification” here, but it is headed “The Service Description”".into()
        )),
        "{found:#?}"
    );
    // Besides X-8, only the judgement item X-P6 ("Schedule 8 Secondment Terms") may be reported,
    // as a warning; "Clause 18 Variation" (Recital E), "Clause 21 Termination and Clause 22
    // Termination Arrangements" (Sch 6), "Clauses 23, 24 and 27 (Good Faith …)" (X-P8),
    // "Schedule 3 (“Integrated Service Governance”)" (X-P5) and "Schedule 13 – Information
    // Sharing" (X-P7) stay silent.
    for (file, _, message) in &found {
        let allowed = message.contains("Service Specification")
            || (file == "03-integrated-service-clinical-governance.md" && message.contains("Secondment Terms"));
        assert!(allowed, "unexpected heading mismatch: {file}: {message}");
    }
    assert!(with_code(&report, "xref.heading-mismatch").iter().all(|f| f["severity"] == "warning"));
}
