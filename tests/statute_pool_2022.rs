//! The 2022 Coventry mental health pooled fund (agreements/coventry-mh-pool-2022):
//! written so that every requirement of SI 2000/617 reg 7 is met, and so that
//! `s75 validate` warns that its CCG partner ceases to exist during the term.

use crate::common::*;

use serde_json::Value;

const ID: &str = "coventry-mh-pool-2022";

fn pool_dir() -> std::path::PathBuf {
    crate_dir().join("agreements").join(ID)
}

fn matrix_json() -> (Value, i32) {
    let out = s75().current_dir(crate_dir()).args(["matrix", ID, "--format", "json"]).output().expect("run s75");
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    (json, out.status.code().unwrap_or(-1))
}

#[test]
fn its_matrix_meets_every_requirement_it_could_check() {
    let (m, code) = matrix_json();
    assert_eq!(code, 0, "{m:#}");
    // A draft with no delegated functions listed: "made in writing" and "no
    // excluded function" are not checked, and the matrix says so.
    assert_eq!(m["summary"]["fully_satisfied"], false, "{m:#}");
    assert_eq!(m["summary"]["not_met"], 0);
    assert_eq!(m["summary"]["not_checked"], 2);
    let rows = m["rows"].as_array().expect("rows");
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    for id in [
        "pool.written",
        "pool.aims_outcomes",
        "pool.contributions",
        "pool.functions",
        "pool.persons_services",
        "pool.resources",
        "pool.duration_review",
        "pool.management_monitoring",
        "pool.host_partner",
        "pool.fund_manager",
        "pool.reports_quarterly_annual",
        "pool.audit",
        "pool.nhs_trust_consent",
        "gen.partners.nhs_and_la",
        "gen.condition.improvement",
    ] {
        assert!(ids.contains(&id), "{id} missing from the matrix: {ids:?}");
    }
    for r in rows {
        let unchecked = ["pool.written", "gen.functions.excluded"].contains(&r["id"].as_str().unwrap_or(""));
        assert_eq!(r["status"], if unchecked { "not checked" } else { "met" }, "{r:#}");
        let evidence = r["evidence"].as_array().expect("evidence");
        assert!(!evidence.is_empty(), "{r:#}");
        for e in evidence {
            let location = e["location"].as_str().unwrap_or("");
            assert!(
                location.starts_with(&format!("agreements/{ID}/")) && e["line"].as_u64().is_some_and(|l| l > 0),
                "{e:#}"
            );
        }
    }
    // reg 7(3)(a)–(g): each cites the clauses the agreement declares.
    let aims = rows.iter().find(|r| r["id"] == "pool.aims_outcomes").expect("row");
    let cited: Vec<&str> = aims["evidence"]
        .as_array()
        .map(|e| e.iter().filter_map(|x| x["reference"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(cited, ["Clause 3.1", "Schedule 1"]);
    assert_eq!(aims["evidence"][0]["how"], "declared");
}

#[test]
fn it_has_no_statute_findings_and_no_errors() {
    let (report, code) = validate_json(&crate_dir(), &[pool_dir().to_str().expect("path")]);
    let statute: Vec<String> = codes(&report).into_iter().filter(|c| c.starts_with("statute.")).collect();
    assert_eq!(statute, Vec::<String>::new(), "{report:#}");
    let errors: Vec<&Value> = report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["severity"] == "error").collect())
        .unwrap_or_default();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, 0);
}

// ---------------------------------------------------------------------------
// THE CCG WARNING. This finding comes from the stale-references family
// (src/rules/stale/), not from the statute rules: the agreement names NHS
// Coventry and Warwickshire CCG as a party of kind "ccg", and CCGs ceased to
// exist on 1 July 2022, a quarter into the term. The test is written against
// the finding's meaning (a stale.* warning at the CCG naming the date), not
// its exact code, so that it survives wording changes in that family.
// ---------------------------------------------------------------------------
#[test]
fn it_warns_that_the_ccg_partner_ceases_to_exist_during_the_term() {
    let (report, _) = validate_json(&crate_dir(), &[pool_dir().to_str().expect("path")]);
    let ccg: Vec<&Value> = report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("stale.")))
                .filter(|f| {
                    f["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("1 July 2022") && m.contains("Clinical Commissioning Group"))
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(ccg.len(), 1, "expected one stale-reference warning about the CCG: {report:#}");
    assert_eq!(ccg[0]["severity"], "warning");
    assert!(ccg[0]["message"].as_str().unwrap_or("").contains("during the term"), "{}", ccg[0]);
}

#[test]
fn the_ccg_warning_is_its_only_finding() {
    // Good drafting: definitions used, references resolve, no placeholders,
    // dates that add up. The one finding is the CCG's abolition, which the
    // drafters of March 2022 left to a later variation.
    let (report, _) = validate_json(&crate_dir(), &[pool_dir().to_str().expect("path")]);
    let findings = report["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{report:#}");
    assert!(findings[0]["message"].as_str().is_some_and(|m| m.contains("Clinical Commissioning Group")), "{report:#}");
}

#[test]
fn its_contributions_are_the_reports_8m_over_three_financial_years() {
    let text = std::fs::read_to_string(pool_dir().join("agreement.toml")).expect("read");
    let meta: toml::Table = toml::from_str(&text).expect("agreement.toml parses");
    let contributions = meta["pooled_fund"]["contributions"].as_array().expect("contributions");
    let total = |party: &str| -> i64 {
        contributions
            .iter()
            .filter(|c| c["party"].as_str() == Some(party))
            .filter_map(|c| c["amount"].as_integer())
            .sum()
    };
    assert_eq!(
        total("ccg") + total("trust") + total("council"),
        8_000_000,
        "report 5.1: the value of the pooled budget will be £8m"
    );
    assert_eq!(total("council"), 0, "report 5.1: the Council adds no budget, only officer time and hosting");
    assert!(total("ccg") > 0 && total("trust") > 0);
    let mut years: Vec<&str> = contributions.iter().filter_map(|c| c["year"].as_str()).collect();
    years.sort_unstable();
    years.dedup();
    assert_eq!(years, ["2022/23", "2023/24", "2024/25"]);
    // The schedule's table states the same figures.
    let schedule = std::fs::read_to_string(pool_dir().join("schedules/02-contributions.md")).expect("read");
    assert!(schedule.contains("| Total | £4,000,000 | £2,500,000 | £1,500,000 | £8,000,000 |"), "{schedule}");
}

#[test]
fn it_is_illustrative_and_names_the_ccg_as_a_party() {
    let text = std::fs::read_to_string(pool_dir().join("agreement.toml")).expect("read");
    let meta: toml::Table = toml::from_str(&text).expect("agreement.toml parses");
    assert!(meta["illustrative"].as_str().is_some_and(|s| s.contains("not the agreement the partners signed")));
    assert_eq!(meta["host"].as_str(), Some("council"));
    let parties = meta["parties"].as_array().expect("parties");
    let kinds: Vec<(&str, &str)> =
        parties.iter().filter_map(|p| Some((p["key"].as_str()?, p["kind"].as_str()?))).collect();
    assert_eq!(kinds, [("council", "metropolitan-borough-council"), ("ccg", "ccg"), ("trust", "nhs-trust")]);
    assert_eq!(meta["term"]["commencement"].to_string(), "2022-04-01");
    assert_eq!(meta["term"]["expiry"].to_string(), "2025-03-31");
}

#[test]
fn validate_with_matrix_prints_the_matrix_after_the_findings() {
    let out = s75()
        .current_dir(crate_dir())
        .args(["validate", "--matrix", &format!("agreements/{ID}")])
        .output()
        .expect("run s75");
    let text = stdout(&out);
    let findings_end = text.find("1 agreement checked").expect("summary line");
    let matrix_start = text.find("STATUTORY COMPLIANCE MATRIX").expect("matrix");
    assert!(matrix_start > findings_end, "{text}");
    assert!(text.contains("RESULT  19 of 21 applicable requirements met; 2 not checked."), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn with_no_delegated_function_listed_excluded_functions_are_not_ticked() {
    let out = s75().current_dir(crate_dir()).args(["matrix", ID]).output().expect("run s75");
    let text = stdout(&out);
    assert!(text.contains("? gen.functions.excluded  SI 2000/617 reg 5 †"), "{text}");
    assert!(text.contains("not checked: no delegated functions are listed in agreement.toml"), "{text}");
    assert!(!text.contains("none was checked"), "{text}");
    assert!(text.contains("? pool.written  SI 2000/617 reg 7(3)  [NOT CHECKED]"), "{text}");
}
