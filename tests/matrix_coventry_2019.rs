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
    // Clause 10 deals with finance, but nothing says how payments may vary.
    let payments = row(&m, "nhsex.payments");
    assert_eq!(payments["status"], "partly met");
    assert_eq!(payments["missing"], serde_json::json!(["how the payments may be varied"]));
    assert_eq!(references(payments), ["Clause 10"]);
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
    assert_eq!(statute.len(), 2, "{statute:#?}");
    assert!(statute.iter().any(|m| m.ends_with("(gen.condition.improvement)")));
    assert!(
        statute.iter().any(|m| m.starts_with("statutory basis unverified: SI 2000/617 reg 8(3)(b) †")
            && m.ends_with("(nhsex.payments)"))
    );
}
