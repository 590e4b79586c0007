//! The compliance matrix of the 2019 Coventry–CWPT agreement: a delegation
//! in which the Trust exercises the Council's functions (reg 8, so every
//! arrangement-specific requirement is †). The matrix shows, honestly, what
//! the agreement states and what it does not.

use crate::common::*;

use serde_json::Value;

fn matrix() -> (Value, i32) {
    let out = s75()
        .current_dir(crate_dir())
        .args(["matrix", "coventry-cwpt-2019", "--format", "json"])
        .output()
        .expect("run s75");
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    (json, out.status.code().unwrap_or(-1))
}

fn row<'a>(m: &'a Value, id: &str) -> &'a Value {
    m["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no row {id}: {m:#}"))
}

fn references(r: &Value) -> Vec<String> {
    r["evidence"]
        .as_array()
        .map(|e| e.iter().filter_map(|x| x["reference"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

#[test]
fn it_is_judged_as_a_reg_8_delegation() {
    let (m, _) = matrix();
    let arrangements = m["agreement"]["arrangements"].as_array().expect("arrangements");
    assert!(
        arrangements.iter().any(|a| a == "nhs-exercises-la-functions"),
        "agreement.toml must declare the delegation: {arrangements:?}"
    );
    let ids: Vec<&str> =
        m["rows"].as_array().map(|r| r.iter().filter_map(|x| x["id"].as_str()).collect()).unwrap_or_default();
    assert!(ids.iter().any(|i| i.starts_with("nhsex.")));
    assert!(!ids.iter().any(|i| i.starts_with("pool.") || i.starts_with("laex.")), "{ids:?}");
    // Reg 8 was not read: every delegation requirement is marked unverified.
    for r in
        m["rows"].as_array().into_iter().flatten().filter(|r| r["id"].as_str().is_some_and(|i| i.starts_with("nhsex.")))
    {
        assert_eq!(r["verified"], false, "{r:#}");
        assert!(r["citation"].as_str().unwrap_or("").ends_with('†'), "{r:#}");
    }
}

#[test]
fn it_shows_what_is_missing() {
    let (m, code) = matrix();
    // Nothing in the recitals or clauses states the improvement condition
    // (clause 3.3's "Continuous Improvement" is the Council's own duty).
    let improvement = row(&m, "gen.condition.improvement");
    assert_eq!(improvement["status"], "missing");
    // A condition of entering the arrangements, not a required clause (†).
    assert_eq!(improvement["verified"], false);
    // Clause 10 deals with finance; Schedule 6's own paragraph says how
    // funding changes: only by agreement between the Partners.
    let payments = row(&m, "nhsex.payments");
    assert_eq!(payments["status"], "met");
    assert_eq!(references(payments), ["Clause 10", "Schedule 6 para 2.3"]);
    assert_eq!(m["summary"]["not_met_verified"], 0);
    assert_eq!(m["summary"]["fully_satisfied"], false);
    assert_eq!(code, 0, "no verified requirement is unmet");
}

#[test]
fn it_shows_what_is_there_with_file_and_line() {
    let (m, _) = matrix();
    assert_eq!(row(&m, "nhsex.aims_outcomes")["status"], "met");
    assert_eq!(references(row(&m, "nhsex.aims_outcomes")), ["Clause 2"]);
    assert_eq!(references(row(&m, "gen.condition.joint_consultation")), ["Recital (C)"]);
    assert_eq!(references(row(&m, "nhsex.resources")), ["Clause 11"]);
    assert_eq!(references(row(&m, "nhsex.monitoring")), ["Schedule 16"]);
    let duration = references(row(&m, "nhsex.duration_review"));
    for clause in ["Clause 1A", "Clause 23", "Clause 18", "Clause 21"] {
        assert!(duration.iter().any(|r| r == clause), "{clause} not in {duration:?}");
    }
    let reporting = row(&m, "nhsex.reporting");
    assert!(
        references(reporting).starts_with(&["Clause 23.2".to_string(), "Clause 23.4".to_string()]),
        "{reporting:#}"
    );
    let first = &reporting["evidence"][0];
    assert_eq!(first["how"], "metadata");
    assert_eq!(first["location"], format!("agreements/coventry-cwpt-2019/agreement.md:{}", first["line"]));
}

#[test]
fn validate_reports_the_same_gaps() {
    let (report, _) = validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]);
    let statute: Vec<String> = report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("statute.")))
                .filter_map(|f| f["message"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(statute.len(), 1, "{statute:#?}");
    assert!(statute.iter().any(|m| m.ends_with("(gen.condition.improvement)")));
}

/// The 2019 agreement with its finance schedule's paragraph on changes of
/// funding struck out, in a temp repository.
fn without_funding_changes(id: &str, termination_item: &str) -> tempfile::TempDir {
    let repo = tempfile::TempDir::new().expect("temp dir");
    write(&repo.path().join("s75.toml"), "");
    let dir = repo.path().join("agreements").join(id);
    copy_into(&crate_dir().join("agreements").join(id), &dir);
    let finance = dir.join("schedules/06-financial-framework.md");
    let text = std::fs::read_to_string(&finance).expect("finance schedule");
    // Appendix A's note ("Any significant changes … to be agreed and
    // confirmed by the Board") says it of the recharges: it goes too.
    let struck = ["2.1 ", "2.3 ", "[This table is correct"];
    let kept: Vec<&str> = text.lines().filter(|l| !struck.iter().any(|s| l.starts_with(s))).collect();
    std::fs::write(&finance, kept.join("\n")).expect("write");
    // Its termination clause's "failure to agree a change in funding" too.
    let body = dir.join("agreement.md");
    let text = std::fs::read_to_string(&body).expect("body");
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with(termination_item)).collect();
    std::fs::write(&body, kept.join("\n")).expect("write");
    repo
}

fn payments_row(repo: &std::path::Path, id: &str) -> Value {
    let out = s75().current_dir(repo).args(["matrix", id, "--format", "json"]).output().expect("run s75");
    let m: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    row(&m, "nhsex.payments").clone()
}

#[test]
fn how_payments_vary_is_the_finance_schedules_own_paragraph() {
    for id in ["coventry-cwpt-2019", "coventry-cwpt-2022"] {
        let out = s75().current_dir(crate_dir()).args(["matrix", id]).output().expect("run s75");
        let text = stdout(&out);
        assert!(
            text.contains("  recognised Schedule 6 para 2.3 ")
                && text.contains(
                    "how the payments may be varied: 2.3 If agreement on a change of funding cannot be agreed"
                ),
            "{id}:\n{text}"
        );
    }
}

#[test]
fn a_review_clause_does_not_say_how_payments_vary() {
    // The 2022 renewal's Clause 11 (Review of this Agreement) names the
    // Financial Year in 11.1 and "variation" in 11.3: words scattered over a
    // clause about review, not a statement of how payments are varied.
    let repo = without_funding_changes("coventry-cwpt-2022", "22.4.5 ");
    let payments = payments_row(repo.path(), "coventry-cwpt-2022");
    assert_eq!(payments["status"], "partly met", "{payments:#}");
    assert_eq!(payments["missing"], serde_json::json!(["how the payments may be varied"]));
    assert_eq!(references(&payments), ["Clause 10"]);
}

#[test]
fn a_list_of_functions_does_not_say_how_payments_vary() {
    // 2019 Clause 5.1 lists the delegated functions: "direct payments" in
    // 5.1.9 and "as amended" in 5.1.16 are two items, not one provision.
    let repo = without_funding_changes("coventry-cwpt-2019", "21.4.5 ");
    let payments = payments_row(repo.path(), "coventry-cwpt-2019");
    assert_eq!(payments["status"], "partly met", "{payments:#}");
    assert_eq!(references(&payments), ["Clause 10"]);
}
