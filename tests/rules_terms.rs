//! `terms.*`: each rule firing on one introduced defect of the clean fixture
//! and staying silent on correct use, then the real 2019 agreement against
//! the defect census (docs/notes/2019-defects.md §3 and the traps of §7).

use crate::common::*;

use serde_json::Value;

const BODY: &str = "agreements/example-delegation/agreement.md";
const SCHEDULE_2: &str = "agreements/example-delegation/schedules/02-seconded-staff.md";
/// The last definition of the clean fixture: new definitions go after it.
const LAST_DEFINITION: &str = "\"Term\" means the period of three (3) years from the Commencement Date.";

/// Adds definitions after the fixture's last one.
fn define(extra: &str) -> (&'static str, &'static str, String) {
    (BODY, LAST_DEFINITION, format!("{LAST_DEFINITION}\n\n{extra}"))
}

fn terms(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("terms."))).collect())
        .unwrap_or_default()
}

fn only(report: &Value, code: &str) -> Value {
    let all = terms(report);
    assert_eq!(all.len(), 1, "expected exactly one terms finding: {report:#}");
    assert_eq!(all[0]["code"], code, "{:#}", all[0]);
    all[0].clone()
}

#[test]
fn an_unused_definition() {
    let (a, b, c) = define("\"Host Authority\" means the Trust;");
    let (repo, report) = validate_with(&[(a, b, &c)]);
    let f = only(&report, "terms.unused");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64()),
        (Some(BODY), Some(line_in(&repo, BODY, "\"Host Authority\"")))
    );
    assert_eq!(f["message"], "“Host Authority” is defined but never used");
    assert_eq!(f["text"], "Host Authority");
}

#[test]
fn uses_in_plural_possessive_alias_or_a_schedule_count() {
    let (a, b, c) = define(
        "\"Service User\" means an adult who receives the services;\n\n\"Approved Mental Health Professional\" or \"AMHP\" means an approved professional;\n\n\"Board\" means the joint board described in Clause 8;",
    );
    let (_, report) = validate_with(&[
        (a, b, &c),
        (
            BODY,
            "5.1 The Partnership Arrangements are for adults",
            "5.1 The Partnership Arrangements, which an AMHP may review, are for Service Users’ benefit and adults",
        ),
        (SCHEDULE_2, "keep this list up to date.", "keep this list up to date and report it to the Board’s chair."),
    ]);
    assert_eq!(terms(&report), Vec::<&Value>::new());
}

#[test]
fn a_term_after_a_count_is_used() {
    let (a, b, c) = define("\"Working Day\" means a day other than a Saturday or Sunday;");
    let (_, report) = validate_with(&[
        (a, b, &c),
        (
            BODY,
            "5.1 The Partnership Arrangements are for adults",
            "5.1 Within 20 Working Days the Partnership Arrangements are for adults",
        ),
    ]);
    assert_eq!(terms(&report), Vec::<&Value>::new());
}

#[test]
fn a_use_inside_another_definition_is_a_use_but_a_heading_is_not() {
    let (a, b, c) = define(
        "\"Host Authority\" means the Trust;\n\n\"Lead Partner\" means the Trust acting as the Host Authority;\n\n\"Staffing\" means the Seconded Staff;",
    );
    let (_, report) = validate_with(&[(a, b, &c), (BODY, "## 7 Staff and Resources", "## 7 Staffing")]);
    let unused: Vec<String> = with_code(&report, "terms.unused")
        .iter()
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect();
    // "Host Authority" is used in the definition of "Lead Partner", which carries it into the text.
    assert_eq!(unused, ["“Lead Partner” is defined but never used", "“Staffing” is defined but used only in headings"]);
}

#[test]
fn a_term_in_another_case_is_a_miscapitalised_note_not_a_near_miss() {
    let (repo, report) = validate_with(&[(
        BODY,
        "takes effect on the Commencement Date and",
        "takes effect on the Commencement date and",
    )]);
    let f = only(&report, "terms.miscapitalised");
    assert_eq!(f["severity"], "note");
    assert_eq!(f["line"], line_in(&repo, BODY, "Commencement date and"));
    assert_eq!(
        f["message"],
        "“Commencement date” is written with other capitals than the defined term “Commencement Date”"
    );
    assert_eq!(f["related"][0]["label"], "defined here");
}

#[test]
fn a_general_lower_case_phrase_is_not_the_defined_term() {
    // The clean fixture defines "Council Functions".
    let (_, report) = validate_with(&[(
        BODY,
        "5.1 The Partnership Arrangements are for adults",
        "5.1 The Council's functions under the Mental Health Act 1983 remain the responsibility of the Council, as do non-delegated Council functions. The Partnership Arrangements are for adults",
    )]);
    assert_eq!(terms(&report), Vec::<&Value>::new());
}

#[test]
fn a_near_miss_in_word_order_of_a_term_never_used() {
    let (a, b, c) = define("\"Potential Adult Safeguarding Review case\" means a case that may need a review;");
    let (repo, report) = validate_with(&[
        (a, b, &c),
        (
            BODY,
            "8.1 The Trust shall report to the Council quarterly",
            "8.1 The Trust shall report each Potential Safeguarding Adults Review Case to the Council quarterly",
        ),
    ]);
    let f = &with_code(&report, "terms.near-miss")[0];
    assert_eq!(f["line"], line_in(&repo, BODY, "Potential Safeguarding Adults Review Case"));
    assert_eq!(
        f["message"],
        "“Potential Safeguarding Adults Review Case” is not the defined term “Potential Adult Safeguarding Review case”"
    );
    // The defined form is never used: one defect, reported once, as the near miss that explains it.
    assert_eq!(with_code(&report, "terms.unused").len(), 0);
    assert!(f["help"].as_str().is_some_and(|h| h.contains("used nowhere else")), "{f:#}");
}

#[test]
fn a_misspelt_term_and_repeated_variants_are_one_finding() {
    let (repo, report) = validate_with(&[
        (BODY, "from the Commencement Date.", "from the Comencement Date."),
        (BODY, "8.1 The Trust shall report", "8.1 From the Comencement Date the Trust shall report"),
    ]);
    let f = only(&report, "terms.near-miss");
    assert_eq!(f["message"], "“Comencement Date” (2 times) is not the defined term “Commencement Date”");
    assert_eq!(f["line"], line_in(&repo, BODY, "\"Term\" means"));
    assert_eq!(f["related"][0]["label"], "also here");
    assert_eq!(f["related"][0]["line"], line_in(&repo, BODY, "8.1 From the Comencement"));
}

#[test]
fn no_near_miss_for_plural_sentence_starts_or_longer_names() {
    let (_, report) = validate_with(&[
        // The last word's plural, a capitalised sentence start, a longer name that ends like a term.
        (
            BODY,
            "8.3 The Council shall monitor",
            "8.3 Seconded staff are reviewed yearly. The Northfield Seconded Staff Forum meets. The Council shall monitor",
        ),
        (
            BODY,
            "9.1 The Partners shall review the Partnership Arrangements each year.",
            "9.1 The Partners shall review each Partnership Arrangement each year.",
        ),
    ]);
    assert_eq!(terms(&report), Vec::<&Value>::new());
}

#[test]
fn a_term_defined_twice_with_different_meanings() {
    let (a, b, c) = define("\"Term\" means the period from the Commencement Date to 31 March 2026.");
    let (repo, report) = validate_with(&[(a, b, &c)]);
    let f = only(&report, "terms.duplicate-definition");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["line"], line_in(&repo, BODY, "to 31 March 2026"));
    assert_eq!(f["message"], "“Term” is defined twice, with different meanings");
    assert_eq!(f["related"][0]["line"], line_in(&repo, BODY, LAST_DEFINITION));
}

#[test]
fn two_terms_defined_identically() {
    let (a, b, c) = define(
        "\"Board\" means the joint board of the Partners that meets each quarter under Clause 8;\n\n\"Joint Board\" means the joint board of the Partners that meets each quarter under Clause 8;",
    );
    let (repo, report) = validate_with(&[
        (a, b, &c),
        (BODY, "through a joint board that meets", "through the Board and the Joint Board that meet"),
    ]);
    let f = only(&report, "terms.redundant-definition");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["line"], line_in(&repo, BODY, "\"Joint Board\" means"));
    assert_eq!(f["message"], "“Joint Board” and “Board” are defined identically");
}

#[test]
fn an_inline_redefinition_is_redundant() {
    let (repo, report) = validate_with(&[(
        SCHEDULE_2,
        "1\\. The Council seconds",
        "1\\. Under the partnership agreement (the \"Agreement\") the Council seconds",
    )]);
    let f = only(&report, "terms.redundant-definition");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_u64()),
        (Some(SCHEDULE_2), Some(line_in(&repo, SCHEDULE_2, "(the \"Agreement\")")))
    );
    assert_eq!(f["message"], "“Agreement” is defined again here; “Agreement” is already defined");
}

#[test]
fn a_definition_without_means() {
    let (a, b, c) = define("\"Carer\" an individual who cares for an adult;");
    let (repo, report) = validate_with(&[
        (a, b, &c),
        (
            BODY,
            "5.1 The Partnership Arrangements are for adults",
            "5.1 The Partnership Arrangements are for each Carer and adults",
        ),
    ]);
    let f = only(&report, "terms.malformed-definition");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["line"], line_in(&repo, BODY, "\"Carer\" an individual"));
    assert_eq!(f["message"], "the definition of “Carer” has no “means” after the term");
}

#[test]
fn other_malformed_definitions() {
    let (a, b, c) = define(
        "\"Staff Rota or Rota\" means the rota;\n\n\"Budget\" means the budget set out in Schedule 2\n\n\"Fund\" means the fund (as agreed;",
    );
    let (_, report) = validate_with(&[
        (a, b, &c),
        (
            BODY,
            "8.3 The Council shall monitor",
            "8.3 The Rota, the Budget and the Fund are reviewed. The Council shall monitor",
        ),
    ]);
    let messages: Vec<&str> =
        with_code(&report, "terms.malformed-definition").iter().filter_map(|f| f["message"].as_str()).collect();
    assert_eq!(
        messages,
        [
            "the definition of “Staff Rota or Rota” puts alternative terms in one pair of quotes (“Staff Rota” or “Rota”): quote each term separately",
            "the definition of “Budget” does not end with “;” or “.”",
        ]
    );
    // "Fund"'s unclosed "(" is a bracket, which the residue rules report: one defect, one finding.
    let brackets = with_code(&report, "residue.unbalanced-parenthesis");
    assert_eq!(brackets.len(), 1, "{report:#}");
}

#[test]
fn party_where_the_agreement_says_partner() {
    let (repo, report) =
        validate_with(&[(BODY, "10.1 Either Partner may terminate", "10.1 Either Party may terminate")]);
    let f = only(&report, "terms.undefined");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["line"], line_in(&repo, BODY, "Either Party may"));
    assert_eq!(f["message"], "“Party” is not defined: the agreement calls its parties “Partners”");
    // "Third Party" is a name of its own.
    let (_, report) = validate_with(&[(
        BODY,
        "10.1 Either Partner may terminate",
        "10.1 No Third Party may enforce it. Either Partner may terminate",
    )]);
    assert_eq!(terms(&report), Vec::<&Value>::new());
}

#[test]
fn a_phrase_said_to_be_defined_that_is_not() {
    let (repo, report) = validate_with(&[(
        BODY,
        "who need secondary mental health services,",
        "who meet the Eligibility Criteria defined in Schedule 1,",
    )]);
    let f = only(&report, "terms.undefined");
    assert_eq!(f["line"], line_in(&repo, BODY, "Eligibility Criteria defined"));
    assert_eq!(f["message"], "“Eligibility Criteria” is said to be defined, but no definition defines it");
}

// ---------------------------------------------------------------------------
// The real 2019 agreement (docs/notes/2019-defects.md §3).

fn coventry_report() -> Value {
    assert!(coventry_2019().join("agreement.toml").is_file(), "the 2019 agreement is in the repository");
    let (report, _) = validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]);
    report
}

fn messages<'r>(report: &'r Value, code: &str) -> Vec<&'r str> {
    with_code(report, code).into_iter().filter_map(|f| f["message"].as_str()).collect()
}

#[test]
fn coventry_2019_unused_definitions() {
    let report = coventry_report();
    let found = messages(&report, "terms.unused");
    // D-1 to D-9: defined but never used in operative text.
    // D-2 and D-9 are reported as the near misses that explain them (one
    // defect, one finding); D-5 ("Host Authority") is used in the
    // definition of "The Partners", which is a use.
    let census = [
        "“Council’s Head of Service” is defined but never used",
        "“Equipment” is defined but used only in headings",
        "“Financial Year” is defined but never used",
        "“Management and Governance Arrangements” is defined but never used",
        "“Management Structure” is defined but never used",
        "“Social Care Management Support Staff” is defined but never used",
    ];
    for expected in census {
        assert!(found.contains(&expected), "missing {expected:?} in {found:#?}");
    }
    // Besides those: D-P2 (used only as a heading, a judgement item) and the inline "ADR",
    // defined in 15.4 and never used again.
    let extra: Vec<&&str> = found.iter().filter(|m| !census.contains(m)).collect();
    assert_eq!(
        extra,
        [&"“Assessment and Support Planning” is defined but used only in headings", &"“ADR” is defined but never used"]
    );
}

#[test]
fn coventry_2019_near_misses() {
    let report = coventry_report();
    let found = messages(&report, "terms.near-miss");
    for expected in [
        // D-11 (16.2)
        "“Potential Safeguarding Adults Review Case” is not the defined term “Potential Adult Safeguarding Review case”",
        // D-12 (Sch 8, three times)
        "“Council’s Nominated Professional Supervisor” (3 times) is not the defined term “Council’s Designated Professional Supervisor”",
        // D-10c: "Council Functions" for the defined "Council's Functions"
        // (Sch 3's "non-delegated Council functions" speaks of functions generally.)
        "“Council Functions” (7 times) is not the defined term “Council's Functions”",
        // D-10d: twenty uses say "Council’s Head of …": the definition is the one to fix.
        "“Council Head of Social Work- Mental Health and Sustainability” is defined in a form the text does not use: it says “Council’s Head of Social Work -Mental Health and Sustainability” (20 times)",
        // D-16
        "“Council’s Priorities” is not the defined term “Council Priorities”",
        // D-15
        "“Aims and Outcomes” is not the defined term “Aim and Outcomes”",
    ] {
        assert!(found.contains(&expected), "missing {expected:?} in {found:#?}");
    }
    // F-17: "the Service", "Seconded Employee"/"Seconded Employees", "Council's Mental Health
    // Service Manager" for "…Managers" are the singular or plural of a defined term: no finding.
    // F-16: bodies whose names contain "Board" are not near misses of "Board" or "Section 75 Board".
    for f in &found {
        for trap in [
            "Seconded Employee",
            "Service Manager”",
            "Safeguarding Adults Board",
            "Section 75 Strategic Board",
            "Act 2006",
            "“Service”",
            "“Services”",
        ] {
            assert!(!f.contains(trap), "trap {trap:?} reported: {f}");
        }
    }
    assert!(with_code(&report, "terms.near-miss").iter().all(|f| f["severity"] == "warning"));
}

#[test]
fn coventry_2019_duplicate_definitions() {
    let report = coventry_report();
    let redundant = messages(&report, "terms.redundant-definition");
    // D-10a: "Board" and "Section 75 Board" have identical definitions.
    assert!(redundant.contains(&"“Section 75 Board” and “Board” are defined identically"), "{redundant:#?}");
    // D-10b: "Partners" in the preamble and "The Partners" in 1.1.
    assert!(redundant.contains(&"“Partners” is defined twice"), "{redundant:#?}");
    // D-10f: Sch 8 1.1 re-defines "the ‘Agreement’".
    assert!(redundant.contains(&"“Agreement” is defined again here; “Agreement” is already defined"), "{redundant:#?}");
    // No two definitions-clause definitions of one term disagree.
    assert_eq!(messages(&report, "terms.duplicate-definition"), Vec::<&str>::new());
}

#[test]
fn coventry_2019_malformed_definitions() {
    let report = coventry_report();
    let found = messages(&report, "terms.malformed-definition");
    assert_eq!(
        found,
        [
            // D-39, once for the four definitions that open with ”.
            "4 defined terms open with a closing quote ”, this one and 3 more",
            // D-33
            "the definition of “Approved Mental Health Professional Functions or AMHP Functions” puts alternative terms in one pair of quotes (“Approved Mental Health Professional Functions” or “AMHP Functions”): quote each term separately",
            // D-35
            "the definition of “Board” does not end with “;” or “.”",
            // D-32
            "the definition of “Carer” has no “means” after the term",
            // D-34's stray "]" is residue.stray-bracket's (one defect, one finding).
            // D-36 (its unclosed "(" is residue.unbalanced-parenthesis's)
            "the definition of “TUPE Legislation” leaves ‘ unclosed; does not end with “;” or “.”",
            // D-31 (29.1.1)
            "the definition of “the Equality Act” defines “the Equality Act” as itself: name what it refers to (for an Act, with its year)",
        ]
    );
}

#[test]
fn coventry_2019_undefined_terms_are_few_and_named() {
    let report = coventry_report();
    let found = messages(&report, "terms.undefined");
    assert_eq!(
        found,
        [
            // D-P1: "the Eligibility Criteria defined in Schedule 14" (Carer, Service User).
            "“Eligibility Criteria” is said to be defined, but no definition defines it",
            // D-21: "that Party", "The Parties", "either Party".
            "“Party” is not defined (used 4 times): the agreement calls its parties “Partners”",
            // D-30: 27.3, beside 27.1's "Partnership Information Sharing Protocol".
            "“Partnership Protocol” is used as a defined name, but nothing defines or sets it up",
            // D-27: Sch 5 A 10.1, Sch 6 5.3.
            "“Trust Functions” is not defined (used 2 times): the defined terms like it are “Council's Functions” and “NHS Functions”",
        ]
    );
}

#[test]
fn coventry_2019_names_of_acts_bodies_and_places_are_not_terms() {
    let report = coventry_report();
    for f in terms(&report) {
        let m = f["message"].as_str().unwrap_or_default();
        for name in [
            "Mental Health Act",
            "Care Act 2014",
            "Coventry City Council",
            "Safeguarding Adults Board",
            "Warwickshire",
            "Receiving Party",
            "Third Parties",
        ] {
            assert!(!m.contains(name), "{name:?} reported: {m}");
        }
    }
}

#[test]
fn coventry_2019_case_only_variants_are_notes_grouped_per_term() {
    let report = coventry_report();
    let notes = with_code(&report, "terms.miscapitalised");
    assert!(notes.iter().all(|f| f["severity"] == "note"));
    let found: Vec<&str> = notes.iter().filter_map(|f| f["message"].as_str()).collect();
    for expected in [
        // D-14 (1A)
        "“Commencement date” is written with other capitals than the defined term “Commencement Date”",
        // D-10e
        "“TUPE legislation” is written with other capitals than the defined term “TUPE Legislation”",
        // Four places, one note, each place listed.
        "“AMHP rota” (4 times) is written with other capitals than the defined term “AMHP Rota”",
    ] {
        assert!(found.contains(&expected), "missing {expected:?} in {found:#?}");
    }
    let rota = notes.iter().find(|f| f["message"].as_str().is_some_and(|m| m.contains("AMHP rota"))).expect("rota");
    let also = rota["related"].as_array().expect("related").iter().filter(|r| r["label"] == "also here").count();
    assert_eq!(also, 3);
    // "the Council’s functions under the Mental Health Act 1983" (Sch 4) and "non-delegated
    // Council functions" (Sch 3) speak of functions generally: not the defined term.
    for f in terms(&report) {
        let m = f["message"].as_str().unwrap_or_default();
        assert!(!m.contains("Council’s functions") && !m.contains("Council functions"), "{m}");
    }
    // The plural of a defined post title is a use: "Council’s General Managers for Social Care Governance".
    assert!(terms(&report).iter().all(|f| !f["message"].as_str().unwrap_or_default().contains("General Managers")));
}

/// A temp repository holding a copy of the 2019 agreement, with `edits` made to its body.
fn coventry_copy_with(edits: &[(&str, &str)]) -> (tempfile::TempDir, Value) {
    let repo = tempfile::TempDir::new().expect("temp dir");
    let dir = repo.path().join("agreements/coventry-cwpt-2019");
    copy_into(&coventry_2019(), &dir);
    for (from, to) in edits {
        edit(&dir.join("agreement.md"), from, to);
    }
    let (report, _) = validate_json(repo.path(), &["agreements/coventry-cwpt-2019"]);
    (repo, report)
}

#[test]
fn a_body_named_as_if_defined_is_reported() {
    let (repo, report) = coventry_copy_with(&[(
        "17.2 For the avoidance of doubt",
        "17.2 Any press release shall first be approved by the Joint Media Panel. For the avoidance of doubt",
    )]);
    let found = with_code(&report, "terms.undefined");
    let f = found
        .iter()
        .find(|f| f["message"].as_str().is_some_and(|m| m.contains("Joint Media Panel")))
        .unwrap_or_else(|| panic!("no finding for the Joint Media Panel: {found:#?}"));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["message"], "“Joint Media Panel” is used as a defined name, but nothing defines or sets it up");
    assert_eq!(f["text"], "Joint Media Panel");
    let body = "agreements/coventry-cwpt-2019/agreement.md";
    assert_eq!((f["file"].as_str(), f["line"].as_u64()), (Some(body), Some(line_in(&repo, body, "Joint Media Panel"))));
}

#[test]
fn a_term_whose_definition_was_deleted_is_reported_once_with_every_place() {
    let definition = "“Data Protection Legislation” means (i) the General Data Protection Regulation (GDPR), and any applicable national implementing Laws as amended from time to time (ii) the Data Protection Act 2018 to the extent that it relates to processing of personal data and privacy; (iii) all applicable Law about the processing of personal data and privacy;\n\n";
    let (_, report) = coventry_copy_with(&[(definition, "")]);
    let found: Vec<&Value> = with_code(&report, "terms.undefined")
        .into_iter()
        .filter(|f| f["message"].as_str().is_some_and(|m| m.contains("Data Protection Legislation")))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "“Data Protection Legislation” is used as a defined name, but nothing defines or sets it up (used 5 times)"
    );
    assert_eq!(found[0]["related"].as_array().map(Vec::len), Some(4));
}

#[test]
fn coventry_2019_names_used_as_if_defined_are_few_and_real() {
    let report = coventry_report();
    let found: Vec<&str> =
        messages(&report, "terms.undefined").into_iter().filter(|m| m.contains("used as a defined name")).collect();
    // D-30: 27.3 "the Partnership Protocol", beside 27.1's "Partnership Information Sharing
    // Protocol … incorporated at Schedule 13" (which is set up there, so not reported).
    assert_eq!(found, ["“Partnership Protocol” is used as a defined name, but nothing defines or sets it up"]);
}

#[test]
fn coventry_2019_the_act_in_4_2_2_is_not_the_act_of_17_1() {
    let report = coventry_report();
    let found = with_code(&report, "terms.abbreviation-two-meanings");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = found[0];
    assert_eq!(
        f["message"],
        "“the Act” here follows a mention of the National Health Service Act 2006, but “the Act” is defined as the Freedom of Information Act 2000"
    );
    assert_eq!(f["severity"], "warning");
    let related: Vec<(&str, &str)> = f["related"]
        .as_array()
        .expect("related")
        .iter()
        .map(|r| (r["label"].as_str().unwrap_or(""), r["text"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(related, [("defined here", "the Act"), ("the Act named just before", "2006 Act")]);
}

#[test]
fn one_abbreviation_defined_for_two_acts() {
    let (a, b, c) = define(
        "\"the Act\" means the National Health Service Act 2006 and the regulations made under it;\n\n\"Care Duties\" means the duties of the Council under the Care Act 2014 (\"the Act\");",
    );
    let (repo, report) = validate_with(&[(a, b, &c)]);
    let found = with_code(&report, "terms.abbreviation-two-meanings");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(
        found[0]["message"],
        "“the Act” is defined here as the Care Act 2014, but already as the National Health Service Act 2006"
    );
    assert_eq!(found[0]["line"], line_in(&repo, BODY, "Care Act 2014 (\"the Act\")"));
    // The same defect is not also a redundant or duplicate definition.
    assert!(
        with_code(&report, "terms.redundant-definition").is_empty()
            && with_code(&report, "terms.duplicate-definition").is_empty()
    );
}

#[test]
fn a_repositorys_names_pack_replaces_the_built_in_one() {
    let planted = [(
        "17.2 For the avoidance of doubt",
        "17.2 The Joint Media Panel shall approve press releases. For the avoidance of doubt",
    )];
    let (repo, report) = coventry_copy_with(&planted);
    assert!(messages(&report, "terms.undefined").iter().any(|m| m.contains("Joint Media Panel")), "{report:#}");
    // The council's own copy knows its media panel.
    let own = std::fs::read_to_string(crate_dir().join("src/rules/terms/names.toml")).expect("built-in pack")
        + "\n[[known]]\nname = \"Joint Media Panel\"\nwhat = \"the partners' press panel\"\nsource = \"https://example.org/panel\"\n";
    write(&repo.path().join("packs/names.toml"), &own);
    write(&repo.path().join("s75.toml"), "[packs]\nnames = \"packs/names.toml\"\n");
    let (report, _) = validate_json(repo.path(), &["agreements/coventry-cwpt-2019"]);
    assert!(!messages(&report, "terms.undefined").iter().any(|m| m.contains("Joint Media Panel")), "{report:#}");
    // A pack s75 cannot read stops the run, naming the file and line.
    write(&repo.path().join("packs/names.toml"), "schema = 1\nheads = [\"Board\"]\n\n[[known]]\nname = \"X Board\"\n");
    let out =
        s75().current_dir(repo.path()).args(["validate", "agreements/coventry-cwpt-2019"]).output().expect("run s75");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("packs/names.toml"), "{}", stderr(&out));
}
