//! Every `statute.*` rule, firing and staying silent. Each test copies the
//! clean fixture (a reg 8 delegation every rule is silent on), changes one
//! thing, and reads the JSON report.

use crate::common::*;

use serde_json::Value;

/// `statute.*` findings whose message names a requirement id.
fn about<'a>(report: &'a Value, code: &str, id: &str) -> Vec<&'a Value> {
    with_code(report, code)
        .into_iter()
        .filter(|f| f["message"].as_str().is_some_and(|m| m.contains(&format!("({id})"))))
        .collect()
}

fn statute_codes(report: &Value) -> Vec<String> {
    codes(report).into_iter().filter(|c| c.starts_with("statute.")).collect()
}

fn toml(repo: &tempfile::TempDir) -> std::path::PathBuf {
    clean_file(repo, "agreement.toml")
}

fn body(repo: &tempfile::TempDir) -> std::path::PathBuf {
    clean_file(repo, "agreement.md")
}

#[test]
fn the_clean_delegation_meets_every_requirement() {
    let repo = clean_repo();
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(statute_codes(&report), Vec::<String>::new(), "{report:#}");
}

// --- must_hold conditions on the parties -----------------------------------

#[test]
fn partners_must_include_a_local_authority() {
    let repo = clean_repo();
    edit(&toml(&repo), "kind = \"unitary-council\"", "kind = \"nhs-trust\"");
    let (report, code) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet", "gen.partners.nhs_and_la");
    assert_eq!(f.len(), 1, "{report:#}");
    assert!(
        f[0]["message"].as_str().unwrap_or("").starts_with("SI 2000/617 reg 2(1): no party is a local authority"),
        "{}",
        f[0]
    );
    assert_eq!(f[0]["file"], "agreements/example-delegation/agreement.toml");
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(code, 1);
}

#[test]
fn a_combined_authority_is_not_a_prescribed_local_authority() {
    let repo = clean_repo();
    edit(&toml(&repo), "kind = \"unitary-council\"", "kind = \"combined-authority\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet", "gen.la.prescribed_type");
    assert_eq!(f.len(), 1, "{report:#}");
    assert_eq!(f[0]["text"], "\"combined-authority\"", "points at the party's kind");
    assert!(
        about(&report, "statute.unmet", "gen.partners.nhs_and_la").is_empty(),
        "it is still on the local-authority side"
    );
}

#[test]
fn an_nhs_body_abolished_before_the_term_cannot_be_a_partner() {
    let repo = clean_repo();
    edit(&toml(&repo), "kind = \"nhs-foundation-trust\"", "kind = \"pct\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet", "gen.nhs.in_existence");
    assert_eq!(f.len(), 1, "{report:#}");
    let m = f[0]["message"].as_str().unwrap_or("");
    assert!(m.contains("ceased to exist on 1 April 2013, before the term began on 1 April 2024"), "{m}");
    assert_eq!(f[0]["text"], "\"pct\"");
}

#[test]
fn an_nhs_body_established_after_the_term_began_cannot_be_a_partner() {
    let repo = clean_repo();
    edit(&toml(&repo), "kind = \"nhs-foundation-trust\"", "kind = \"icb\"");
    edit(
        &toml(&repo),
        "commencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31",
        "commencement = 2021-04-01\nlength = \"3 years\"\nexpiry = 2024-03-31",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet", "gen.nhs.in_existence");
    assert_eq!(f.len(), 1, "{report:#}");
    assert!(f[0]["message"].as_str().unwrap_or("").contains("first established on 1 July 2022"), "{}", f[0]);
}

#[test]
fn a_ccg_is_a_partner_while_it_exists() {
    // A term that starts before 1 July 2022: the CCG is prescribed when the
    // term begins. (That it ceases during the term is a stale-reference finding.)
    let repo = clean_repo();
    edit(&toml(&repo), "kind = \"nhs-foundation-trust\"", "kind = \"ccg\"");
    edit(
        &toml(&repo),
        "commencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31",
        "commencement = 2022-04-01\nlength = \"3 years\"\nexpiry = 2025-03-31",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(about(&report, "statute.unmet", "gen.nhs.in_existence").is_empty(), "{report:#}");
}

#[test]
fn nhs_england_as_a_partner_is_an_unverified_warning() {
    let repo = clean_repo();
    edit(&toml(&repo), "kind = \"nhs-foundation-trust\"", "kind = \"nhs-england\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet-unverified", "gen.nhs.prescribed_type");
    assert_eq!(f.len(), 1, "{report:#}");
    assert_eq!(f[0]["severity"], "warning");
    assert!(
        f[0]["message"].as_str().unwrap_or("").starts_with("statutory basis unverified: SI 2000/617 reg 3(1) †:"),
        "{}",
        f[0]
    );
}

// --- excluded functions -----------------------------------------------------

#[test]
fn a_delegated_excluded_function_is_flagged_at_its_description() {
    let repo = clean_repo();
    edit(
        &toml(&repo),
        "description = \"Care and support planning\"",
        "description = \"Endoscopy for adults in the community\"",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet-unverified", "gen.functions.excluded");
    assert_eq!(f.len(), 1, "{report:#}");
    let m = f[0]["message"].as_str().unwrap_or("");
    assert!(m.contains("concerns endoscop") && m.contains("SI 2000/617 reg 5 †"), "{m}");
    assert_eq!(f[0]["text"], "\"Endoscopy for adults in the community\"");
    assert!(f[0]["label"].as_str().unwrap_or("").contains("Clause 4.1.2"), "{}", f[0]);
}

#[test]
fn an_excluded_function_the_council_keeps_is_not_flagged() {
    let repo = clean_repo();
    edit(&toml(&repo), "description = \"Decisions on charging\"", "description = \"Emergency ambulance services\"");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(
        about(&report, "statute.unmet-unverified", "gen.functions.excluded").is_empty(),
        "kind = \"excluded\" is not delegated"
    );
}

// --- statutory liability is not transferred --------------------------------

const SAFEGUARD: &str = "12.1 Each Partner remains liable for the exercise of its own functions; nothing in this Agreement transfers that liability.";

/// The `gen.liability.not_transferred` findings when clause 12.1 reads `clause`.
fn liability_findings(clause: &str) -> Vec<Value> {
    let repo = clean_repo();
    edit(&body(&repo), SAFEGUARD, clause);
    let (report, _) = validate_json(repo.path(), &[]);
    about(&report, "statute.unmet-unverified", "gen.liability.not_transferred").into_iter().cloned().collect()
}

#[test]
fn a_sentence_moving_statutory_liability_is_an_unverified_warning_at_that_sentence() {
    let f = liability_findings(
        "12.1 Each Partner remains liable for its own acts. The Trust assumes statutory liability for the Council \
         Functions from the Commencement Date.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    let m = f[0]["message"].as_str().unwrap_or("");
    assert!(m.contains("NHS Act 2006 s.75 (subsection †)") && m.contains("appears to move statutory liability"), "{m}");
    assert_eq!(f[0]["severity"], "warning");
    // The sentence that claims it, not the one before it that denies nothing.
    let text = f[0]["text"].as_str().unwrap_or("");
    assert!(text.starts_with("The Trust assumes statutory liability"), "{text}");
}

#[test]
fn a_transfer_of_statutory_responsibility_is_flagged_and_its_denial_is_not() {
    let f = liability_findings(
        "12.1 The Council transfers to the Trust its statutory responsibility for the Council Functions.",
    );
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = liability_findings(
        "12.1 Nothing in this Agreement transfers the statutory responsibility of either Partner for its functions.",
    );
    assert!(f.is_empty(), "{f:#?}");
}

// --- the conditions: improvement and consultation ----------------------------

#[test]
fn a_missing_improvement_recital_is_a_warning() {
    // Reg 4(1) is a condition of entering the arrangements, not a clause the
    // Regulations require: a missing recital is a warning, not an error.
    let repo = clean_repo();
    edit(
        &body(&repo),
        "are likely to lead to an improvement in the way those functions are exercised",
        "are appropriate",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    assert!(about(&report, "statute.unmet", "gen.condition.improvement").is_empty(), "{report:#}");
    let f = about(&report, "statute.unmet-unverified", "gen.condition.improvement");
    assert_eq!(f.len(), 1, "{report:#}");
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(code, 0, "no error");
    assert!(f[0]["message"].as_str().unwrap_or("").starts_with(
        "statutory basis unverified: SI 2000/617 reg 4(1) †: no clause found that states that the arrangements are likely to improve"
    ));
    assert!(
        f[0]["help"].as_str().unwrap_or("").contains("the Regulations do not require the agreement to contain one"),
        "{:#}",
        f[0]
    );
    assert_eq!(f[0]["label"], "applies to every section 75 agreement");
    assert!(
        about(&report, "statute.unmet-unverified", "gen.condition.joint_consultation").is_empty(),
        "consultation is still stated"
    );
}

#[test]
fn joint_consultation_is_an_unverified_warning() {
    let repo = clean_repo();
    edit(&body(&repo), ", and have jointly consulted the people likely to be affected by them", "");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet-unverified", "gen.condition.joint_consultation");
    assert_eq!(f.len(), 1, "{report:#}");
    assert!(f[0]["message"].as_str().unwrap_or("").starts_with("statutory basis unverified: SI 2000/617 reg 4 †"));
}

// --- elements found in the text, and partial matches --------------------------

#[test]
fn a_missing_element_is_named_and_the_found_ones_are_related() {
    let repo = clean_repo();
    edit(
        &body(&repo),
        "## 9 Review\n\n9.1 The Partners shall review the Partnership Arrangements each year.",
        "## 9 Meetings\n\n9.1 The Partners shall meet each year.",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet-unverified", "nhsex.duration_review");
    assert_eq!(f.len(), 1, "{report:#}");
    let m = f[0]["message"].as_str().unwrap_or("");
    assert!(
        m.contains("SI 2000/617 reg 8(3)(f) †: no clause found that states provision for review of the arrangements"),
        "{m}"
    );
    assert_eq!(
        f[0]["text"], "\"nhs-exercises-la-functions\"",
        "points at the arrangement that brings the requirement in"
    );
    let related: Vec<&str> =
        f[0]["related"].as_array().map(|r| r.iter().filter_map(|x| x["label"].as_str()).collect()).unwrap_or_default();
    assert!(
        related.iter().any(|l| l.starts_with("provision for termination of the arrangements found here (Clause 10")),
        "{related:?}"
    );
}

#[test]
fn declaring_the_clause_satisfies_the_requirement() {
    let repo = clean_repo();
    edit(
        &body(&repo),
        "## 9 Review\n\n9.1 The Partners shall review the Partnership Arrangements each year.",
        "## 9 Meetings\n\n9.1 The Partners shall meet each year to consider how the service is working.",
    );
    let toml_path = toml(&repo);
    let text = std::fs::read_to_string(&toml_path).expect("read");
    write(
        &toml_path,
        &format!("{text}\n[satisfies]\n\"nhsex.duration_review\" = [\"2.1\", \"9.1\", \"10.1\", \"11.1\"]\n"),
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(statute_codes(&report), Vec::<String>::new(), "{report:#}");
}

// --- declarations in [satisfies] ----------------------------------------------

fn with_satisfies(line: &str) -> tempfile::TempDir {
    let repo = clean_repo();
    let toml_path = toml(&repo);
    let text = std::fs::read_to_string(&toml_path).expect("read");
    write(&toml_path, &format!("{text}\n[satisfies]\n{line}\n"));
    repo
}

#[test]
fn a_declared_clause_must_exist() {
    let repo = with_satisfies("\"nhsex.aims_outcomes\" = [\"3.1\", \"3.9\", \"Schedule 7\"]");
    let (report, code) = validate_json(repo.path(), &[]);
    let f = with_code(&report, "statute.declared-clause-missing");
    assert_eq!(f.len(), 2, "{report:#}");
    assert_eq!(f[0]["text"], "\"3.9\"");
    assert!(f[0]["message"].as_str().unwrap_or("").contains("the agreement has no clause 3.9"), "{}", f[0]);
    assert!(f[1]["message"].as_str().unwrap_or("").contains("the agreement has no Schedule 7"), "{}", f[1]);
    assert_eq!(code, 1);
}

#[test]
fn declared_clauses_that_exist_are_silent() {
    for refs in [
        "\"3.1\"",
        "\"Clause 3.1\"",
        "\"Schedule 1\"",
        "\"Schedule 1 para 2\"",
        "\"paragraph 2.1 of Schedule 1\"",
        "\"Recital (A)\"",
        "\"Recitals\"",
    ] {
        let repo = with_satisfies(&format!("\"nhsex.aims_outcomes\" = [{refs}]"));
        let (report, _) = validate_json(repo.path(), &[]);
        assert_eq!(statute_codes(&report), Vec::<String>::new(), "{refs}: {report:#}");
    }
}

#[test]
fn an_unknown_requirement_suggests_the_near_one() {
    let repo = with_satisfies("\"nhsex.aim_outcomes\" = [\"3.1\"]");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = with_code(&report, "statute.unknown-requirement");
    assert_eq!(f.len(), 1, "{report:#}");
    assert_eq!(f[0]["help"], "did you mean `nhsex.aims_outcomes`?");
}

#[test]
fn a_declaration_for_another_arrangement_type_is_a_warning() {
    let repo = with_satisfies("\"pool.host_partner\" = [\"2.1\"]");
    let (report, code) = validate_json(repo.path(), &[]);
    let f = with_code(&report, "statute.declared-not-applicable");
    assert_eq!(f.len(), 1, "{report:#}");
    assert!(f[0]["message"].as_str().unwrap_or("").contains("applies only to pooled-fund arrangements"));
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(code, 0, "a warning does not fail the run");
}

// --- requirements by arrangement type ---------------------------------------------

#[test]
fn a_pooled_fund_brings_in_reg_7_and_metadata_satisfies_parts_of_it() {
    let repo = clean_repo();
    edit(
        &toml(&repo),
        "arrangements = [\"nhs-exercises-la-functions\"",
        "arrangements = [\"pooled-fund\", \"nhs-exercises-la-functions\"",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    // Verified (reg 7(3)): errors. Unverified (reg 7(4)): warnings.
    assert_eq!(about(&report, "statute.unmet", "pool.contributions").len(), 1, "{report:#}");
    assert_eq!(about(&report, "statute.unmet", "pool.management_monitoring").len(), 1);
    let manager = about(&report, "statute.unmet-unverified", "pool.fund_manager");
    assert_eq!(manager.len(), 1);
    assert!(
        manager[0]["message"].as_str().unwrap_or("").starts_with("statutory basis unverified: SI 2000/617 reg 7(4) †:")
    );
    assert!(about(&report, "statute.unmet", "pool.aims_outcomes").is_empty(), "clause 3 states them");
    assert!(about(&report, "statute.unmet-unverified", "pool.host_partner").is_empty(), "`host` is set");
    // The NHS foundation trust is a partner: the commissioner's consent (reg 7(2) †).
    assert_eq!(about(&report, "statute.unmet-unverified", "pool.nhs_trust_consent").len(), 1);

    let text = std::fs::read_to_string(toml(&repo)).expect("read");
    write(&toml(&repo), &format!("{text}\n[pooled_fund]\nmanager = \"Head of Finance\"\n"));
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(about(&report, "statute.unmet-unverified", "pool.fund_manager").is_empty(), "{report:#}");
}

#[test]
fn reg_9_reporting_must_be_by_the_local_authority() {
    // The fixture's Trust reports to the Council. Under reg 9 the duty is
    // the Council's (9(4)), and [[reporting]] says who reports: the words
    // "quarterly" and "annual" in clause 8 do not make up for it.
    let repo = clean_repo();
    edit(
        &toml(&repo),
        "arrangements = [\"nhs-exercises-la-functions\"",
        "arrangements = [\"la-exercises-nhs-functions\"",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let f = about(&report, "statute.unmet", "laex.reporting");
    assert_eq!(f.len(), 1, "{report:#}");
    let m = f[0]["message"].as_str().unwrap_or("");
    assert!(
        m.starts_with(
            "SI 2000/617 reg 9(4): no clause found that states quarterly and annual reports by the local authority"
        ),
        "{m}"
    );
    assert!(m.contains("records no quarterly or annual [[reporting]] by a local authority"), "{m}");

    let text = std::fs::read_to_string(toml(&repo))
        .expect("read")
        .replace("by = \"trust\"\nto = \"council\"", "by = \"council\"\nto = \"trust\"");
    write(&toml(&repo), &text);
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(about(&report, "statute.unmet", "laex.reporting").is_empty(), "{report:#}");
}

#[test]
fn nhs_trust_consent_applies_only_where_an_nhs_trust_is_a_partner() {
    let repo = clean_repo();
    edit(
        &toml(&repo),
        "arrangements = [\"nhs-exercises-la-functions\"",
        "arrangements = [\"la-exercises-nhs-functions\"",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(about(&report, "statute.unmet-unverified", "laex.nhs_trust_consent").len(), 1, "{report:#}");

    edit(&toml(&repo), "kind = \"nhs-foundation-trust\"", "kind = \"icb\"");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(
        about(&report, "statute.unmet-unverified", "laex.nhs_trust_consent").is_empty(),
        "only where an NHS trust is a partner"
    );
}

#[test]
fn a_requirement_not_yet_in_force_does_not_apply() {
    // SI 2000/617 came into force on 1 April 2000: an agreement that ran
    // entirely before then is not judged by it.
    let repo = clean_repo();
    edit(
        &body(&repo),
        "are likely to lead to an improvement in the way those functions are exercised",
        "are appropriate",
    );
    edit(
        &toml(&repo),
        "commencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31",
        "commencement = 1997-04-01\nlength = \"1 year\"\nexpiry = 1998-03-31",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(about(&report, "statute.unmet", "gen.condition.improvement").is_empty(), "{report:#}");
}
