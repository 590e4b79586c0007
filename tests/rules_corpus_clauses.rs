//! Defects of the development corpus (copied into `tests/fixtures/corpus/`)
//! that sit in a clause which exists but says too little, or in a party
//! named in the parties clause: each finding points at the line of the
//! imported text the answer key names, where a legal officer amends it.

use serde_json::Value;
use tempfile::TempDir;

use crate::common::corpus::imported;
use crate::common::*;

fn validated(stem: &str) -> (TempDir, Value) {
    let repo = imported(stem);
    let (report, _) = validate_json(repo.path(), &[]);
    (repo, report)
}

/// The findings with `code` whose message contains `about`.
fn about<'r>(report: &'r Value, code: &str, about: &str) -> Vec<&'r Value> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter().filter(|f| f["code"] == code && f["message"].as_str().is_some_and(|m| m.contains(about))).collect()
        })
        .unwrap_or_default()
}

/// The only finding with `code` about `what`, and the line of the imported
/// body holding `needle`.
fn one<'r>(repo: &TempDir, report: &'r Value, code: &str, what: &str, needle: &str) -> (&'r Value, u64) {
    let found = about(report, code, what);
    assert_eq!(found.len(), 1, "{code} {what}: {report:#}");
    let f = found[0];
    let file = f["file"].as_str().expect("file");
    assert!(file.ends_with("/agreement.md"), "{f:#}");
    let text = std::fs::read_to_string(repo.path().join(file)).expect("read");
    let line = text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in {file}"));
    (f, line as u64 + 1)
}

#[test]
fn six_monthly_pooled_fund_reports_are_reported_on_the_reporting_clause() {
    // equipment-pdf-2015 D05: the pooled fund manager reports six-monthly.
    let (repo, report) = validated("equipment-pdf-2015");
    let (f, line) =
        one(&repo, &report, "statute.unmet-unverified", "pool.reports_quarterly_annual", "submit a six-monthly");
    assert_eq!(f["line"], line);
    assert_eq!(
        f["message"],
        "statutory basis unverified: SI 2000/617 reg 7(4) †: no clause found that states quarterly reports and an \
         annual return on the pooled fund; Clause 6.3(b) says less than that (pool.reports_quarterly_annual)"
    );
    assert!(f["help"].as_str().is_some_and(|h| h.contains("Amend Clause 6.3(b) to provide for it")), "{f:#}");
    assert!(f["related"][0]["file"].as_str().is_some_and(|p| p.ends_with("agreement.toml")), "{f:#}");
}

#[test]
fn an_annual_only_report_under_reg_9_is_reported_on_its_clause() {
    // delegation-2019-trust-to-council D06: the Council reports only yearly.
    let (repo, report) = validated("delegation-2019-trust-to-council");
    let (f, line) = one(&repo, &report, "statute.unmet", "laex.reporting", "by 31 May in each year, an annual");
    assert_eq!(f["line"], line);
    assert_eq!(f["severity"], "error");
    assert!(f["message"].as_str().is_some_and(|m| m.contains("; Clause 9(a) says less than that")), "{f:#}");
}

#[test]
fn accounts_kept_but_never_audited_and_quarterly_reports_that_are_there() {
    let (repo, report) = validated("mental-health-2010-pct");
    // D04: the host keeps the pool's accounts; nothing has them audited.
    let (f, line) = one(&repo, &report, "statute.unmet-unverified", "pool.audit", "shall be the Host Partner");
    assert_eq!(f["line"], line);
    assert!(f["message"].as_str().is_some_and(|m| m.contains("; Clause 8.1 says less than that")), "{f:#}");
    // Clause 8.3(b)–(c) provide quarterly reports and an annual return: silent.
    assert!(about(&report, "statute.unmet-unverified", "pool.reports_quarterly_annual").is_empty(), "{report:#}");
}

#[test]
fn the_clean_five_party_pool_has_no_clause_that_says_too_little() {
    let (_repo, report) = validated("clean-pool-2023-five-parties");
    let all = report["findings"].as_array().expect("findings");
    assert!(all.iter().all(|f| !f["message"].as_str().unwrap_or("").contains("says less than that")), "{report:#}");
}

#[test]
fn a_number_ahead_of_its_place_carries_the_out_of_order_finding() {
    // mental-health-2010-pct D05: 16.1, 16.2, 16.4, 16.3.
    let (repo, report) = validated("mental-health-2010-pct");
    let (f, line) = one(&repo, &report, "numbering.out-of-order", "16.4", "16.4 Complaints about");
    assert_eq!(f["line"], line);
    assert_eq!(f["message"], "16.4 comes before 16.3 in the body");
    assert_eq!(f["label"], "ahead of 16.3");
}

#[test]
fn a_party_abolished_during_the_term_is_reported_at_the_parties_clause() {
    // mental-health-2010-pct D01: the PCT is abolished in 2013, mid-term.
    let (repo, report) = validated("mental-health-2010-pct");
    let (f, line) = one(&repo, &report, "stale.party-abolished", "Tarnside Primary Care Trust", "(2) TARNSIDE PRIMARY");
    assert_eq!(f["line"], line);
    assert_eq!(f["text"], "PRIMARY CARE TRUST");
    assert_eq!(f["related"][0]["label"], "recorded here as a Primary Care Trust");
    // The Council and the Foundation Trust exist throughout: nothing on them.
    let parties = report["findings"].as_array().expect("findings").iter();
    assert_eq!(parties.filter(|f| f["code"].as_str().unwrap_or("").starts_with("stale.party")).count(), 1);
}
