//! `dates.*`: each rule firing and staying silent, on edited copies of the
//! clean fixture (term 2024-04-01 to 2027-03-31, six months' notice, one
//! twelve-month extension agreed "no later than three (3) months before the
//! end of the Term") and on the real 2019 Coventry agreement.

use crate::common::*;

use serde_json::Value;

/// The `dates.*` findings of a report.
fn dates(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("dates."))).collect())
        .unwrap_or_default()
}

fn toml(repo: &tempfile::TempDir) -> std::path::PathBuf {
    clean_file(repo, "agreement.toml")
}

fn body(repo: &tempfile::TempDir) -> std::path::PathBuf {
    clean_file(repo, "agreement.md")
}

/// Replaces the clean agreement's `[term]` dates.
fn set_term(repo: &tempfile::TempDir, commencement: &str, length: &str, expiry: &str) {
    edit(
        &toml(repo),
        "commencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31",
        &format!("commencement = {commencement}\nlength = \"{length}\"\nexpiry = {expiry}"),
    );
}

fn file_of(f: &Value) -> &str {
    f["file"].as_str().unwrap_or("")
}

#[test]
fn clean_agreement_has_no_date_findings() {
    let repo = clean_repo();
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(dates(&report).is_empty(), "{report:#}");
}

#[test]
fn expiry_that_is_not_commencement_plus_length_is_an_error() {
    let repo = clean_repo();
    edit(&toml(&repo), "expiry = 2027-03-31", "expiry = 2027-04-01");
    let (report, code) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.term-arithmetic");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "error");
    assert!(file_of(found[0]).ends_with("agreement.toml"));
    assert_eq!(found[0]["text"], "2027-04-01");
    assert!(
        found[0]["message"].as_str().unwrap().contains("3 years from 1 April 2024 ends on 31 March 2027"),
        "{:#}",
        found[0]
    );
    assert_eq!(found[0]["related"].as_array().unwrap().len(), 2, "commencement and length are shown too");
    assert_eq!(code, 1);
}

#[test]
fn expiry_before_commencement_is_an_error() {
    let repo = clean_repo();
    edit(&toml(&repo), "expiry = 2027-03-31", "expiry = 2023-03-31");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.term-arithmetic");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["message"].as_str().unwrap().contains("before commencement"));
}

/// The stated rule: commencement + length − 1 day, months clamped to the
/// month's end; for month-end starts "from the day before" is accepted too.
#[test]
fn month_end_arithmetic_in_leap_and_common_years() {
    let cases = [
        // 31 January 2024 + 1 month = 29 February (leap year); less a day = 28 February.
        ("2024-01-31", "1 month", "2024-02-28", true),
        ("2024-01-31", "1 month", "2024-02-29", true),
        ("2024-01-31", "1 month", "2024-03-01", false),
        // 2023 is a common year: 28 February clamped, less a day = 27 February.
        ("2023-01-31", "1 month", "2023-02-27", true),
        ("2023-01-31", "1 month", "2023-02-28", true),
        ("2023-01-31", "1 month", "2023-03-01", false),
        // A term ending on the last day of a month.
        ("2024-03-01", "1 year", "2025-02-28", true),
        ("2024-03-01", "1 year", "2025-03-01", false),
        ("2024-02-29", "1 year", "2025-02-28", true),
        ("2024-02-29", "1 year", "2025-03-01", false),
        ("2019-04-01", "12 months", "2020-03-31", true),
    ];
    for (commencement, length, expiry, ok) in cases {
        let repo = clean_repo();
        set_term(&repo, commencement, length, expiry);
        let (report, _) = validate_json(repo.path(), &[]);
        let found = with_code(&report, "dates.term-arithmetic");
        assert_eq!(found.is_empty(), ok, "{commencement} + {length} → {expiry}: {found:#?}");
    }
}

#[test]
fn term_length_in_text_and_metadata_disagree_shows_both_places() {
    let repo = clean_repo();
    set_term(&repo, "2024-04-01", "2 years", "2026-03-31");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.metadata-text");
    assert_eq!(found.len(), 1, "{report:#}");
    let f = found[0];
    assert_eq!(f["severity"], "error");
    assert!(file_of(f).ends_with("agreement.md"), "primary in the text");
    assert_eq!(f["text"], "three (3) years");
    let related = &f["related"][0];
    assert!(related["file"].as_str().unwrap().ends_with("agreement.toml"), "related in the metadata");
    assert_eq!(related["text"], "\"2 years\"");
    assert!(f["message"].as_str().unwrap().contains("3 years") && f["message"].as_str().unwrap().contains("2 years"));
}

#[test]
fn commencement_in_text_is_read_in_its_usual_forms() {
    for (text, fires) in [("1st April 2024", false), ("the 1st day of April 2024", false), ("2 April 2024", true)] {
        let repo = clean_repo();
        edit(
            &body(&repo),
            "\"Commencement Date\" means 1 April 2024;",
            &format!("\"Commencement Date\" means {text};"),
        );
        let (report, _) = validate_json(repo.path(), &[]);
        let found = with_code(&report, "dates.metadata-text");
        assert_eq!(!found.is_empty(), fires, "{text}: {report:#}");
        if fires {
            assert!(found[0]["message"].as_str().unwrap().contains("2 April 2024"));
            assert!(found[0]["related"][0]["file"].as_str().unwrap().ends_with("agreement.toml"));
        }
    }
}

#[test]
fn notice_in_metadata_is_compared_with_the_termination_clause() {
    let repo = clean_repo();
    edit(&toml(&repo), "notice = \"6 months\"", "notice = \"3 months\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.metadata-text");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["text"], "six (6) months'");
    assert!(found[0]["message"].as_str().unwrap().contains("termination notice"));
}

#[test]
fn notice_as_long_as_the_whole_term_is_a_warning() {
    let repo = clean_repo();
    edit(&toml(&repo), "notice = \"6 months\"", "notice = \"3 years\"");
    edit(&body(&repo), "not less than six (6) months' notice", "not less than thirty-six (36) months' notice");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.notice-vs-term");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "warning");
    assert!(found[0]["message"].as_str().unwrap().contains("is as long as the whole term"), "{:#}", found[0]);
    assert!(file_of(found[0]).ends_with("agreement.md"), "the clause is the primary place");
    assert!(with_code(&report, "dates.metadata-text").is_empty(), "36 months = 3 years");
}

#[test]
fn notice_longer_than_the_term_is_a_warning_that_says_so() {
    let repo = clean_repo();
    edit(&toml(&repo), "notice = \"6 months\"", "notice = \"4 years\"");
    edit(&body(&repo), "not less than six (6) months' notice", "not less than four (4) years' notice");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.notice-vs-term");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["message"].as_str().unwrap().contains("longer than the whole term"));
}

#[test]
fn extension_worded_as_a_single_day_gets_a_note_with_the_computed_date() {
    let repo = clean_repo();
    edit(
        &body(&repo),
        "may agree in writing, no later than three (3) months before the end of the Term,",
        "may agree in writing three (3) months prior to the end of the Term",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.extension-deadline");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "note");
    assert!(found[0]["message"].as_str().unwrap().contains("by 31 December 2026"), "{:#}", found[0]);
    assert_eq!(code, 0, "a note does not fail the run");
}

#[test]
fn extension_deadline_from_a_month_end_expiry_clamps() {
    // Expiry 31 May 2024: three months before is 29 February 2024 (leap year).
    let repo = clean_repo();
    set_term(&repo, "2023-06-01", "1 year", "2024-05-31");
    edit(
        &body(&repo),
        "may agree in writing, no later than three (3) months before the end of the Term,",
        "may agree in writing three (3) months prior to the end of the Term",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.extension-deadline");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["message"].as_str().unwrap().contains("by 29 February 2024"), "{:#}", found[0]);
}

#[test]
fn words_and_figures_that_disagree_are_reported_and_not_used() {
    let repo = clean_repo();
    edit(&body(&repo), "six (6) months' notice", "six (7) months' notice");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.words-and-figures");
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(found[0]["message"].as_str().unwrap().contains("6 in words and 7 in figures"));
    assert!(with_code(&report, "dates.metadata-text").is_empty(), "an ambiguous period is not compared");
}

#[test]
fn a_date_the_calendar_lacks_is_an_error() {
    let repo = clean_repo();
    edit(&body(&repo), "THIS AGREEMENT is made on 22 March 2024", "THIS AGREEMENT is made on 29 February 2023");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.impossible-date");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["text"], "29 February 2023");
    // 29 February in a leap year is a date.
    let repo = clean_repo();
    edit(&body(&repo), "THIS AGREEMENT is made on 22 March 2024", "THIS AGREEMENT is made on 29 February 2024");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(with_code(&report, "dates.impossible-date").is_empty());
}

#[test]
fn two_clauses_stating_different_terms_conflict_when_the_metadata_is_silent() {
    let repo = clean_repo();
    edit(&toml(&repo), "length = \"3 years\"\nexpiry = 2027-03-31\n", "");
    edit(
        &body(&repo),
        "2.1 This Agreement takes effect on the Commencement Date and continues for the Term",
        "2.1 This Agreement takes effect on the Commencement Date and shall continue for a period of two (2) years from the Commencement Date",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.text-conflict");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["text"], "two (2) years");
    assert_eq!(found[0]["related"][0]["text"], "three (3) years");
}

const POOL: &str = "\n[pooled_fund]\nmanager = \"Head of Finance\"\n";

fn contribution(year: &str) -> String {
    format!("\n[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"{year}\"\namount = 100000\n")
}

#[test]
fn contributions_outside_the_term_are_errors_and_inside_are_silent() {
    let repo = clean_repo();
    let extra = format!("{POOL}{}{}{}", contribution("2023/24"), contribution("2024/25"), contribution("2027/28"));
    edit(&toml(&repo), "[[functions]]", &format!("{extra}\n[[functions]]"));
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.contribution-outside-term");
    let years: Vec<&str> = found.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(years, vec!["\"2023/24\"", "\"2027/28\""], "{report:#}");
    assert!(with_code(&report, "dates.contribution-part-year").is_empty());
}

#[test]
fn a_term_covering_part_of_a_financial_year_warns_on_that_year() {
    let repo = clean_repo();
    set_term(&repo, "2024-10-01", "3 years", "2027-09-30");
    let extra = format!("{POOL}{}{}{}", contribution("2024/25"), contribution("2025/26"), contribution("2027/28"));
    edit(&toml(&repo), "[[functions]]", &format!("{extra}\n[[functions]]"));
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "dates.contribution-part-year");
    let years: Vec<&str> = found.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(years, vec!["\"2024/25\"", "\"2027/28\""], "{report:#}");
    assert!(
        found[0]["message"].as_str().unwrap().contains("2024-10-01 to 2025-03-31 of 2024/25: 182 of its 365 days"),
        "{:#}",
        found[0]
    );
}

/// Census T-4 and T-5 (docs/notes/2019-defects.md §6), and silence on the
/// five consistent date provisions.
#[test]
fn coventry_2019_notice_equals_term_and_extension_deadline() {
    let (report, _) = validate_json(&crate_dir(), &[coventry_2019().to_str().unwrap()]);
    let found = dates(&report);
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["dates.extension-deadline", "dates.notice-vs-term"], "{found:#?}");

    let deadline = found[0];
    assert!(deadline["message"].as_str().unwrap().contains("by 31 December 2019"), "{deadline:#}");
    assert_eq!(deadline["text"], "three (3) months");

    let notice = found[1];
    assert_eq!(notice["severity"], "warning");
    assert_eq!(notice["text"], "twelve (12) months");
    assert!(notice["message"].as_str().unwrap().contains("as long as the whole term (1 year)"), "{notice:#}");
    let related: Vec<&str> =
        notice["related"].as_array().unwrap().iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert!(related.contains(&"one (1) year"), "the Term definition is shown: {related:?}");
}

#[test]
fn key_dates_of_the_2019_agreement() {
    let repo = s75::loading::Repo::for_paths(&[coventry_2019()]).expect("repository");
    let agreement = s75::loading::load_agreement(&repo, &coventry_2019()).expect("loads");
    let dates: Vec<(String, String)> =
        s75::rules::dates::term::key_dates(&agreement).into_iter().map(|k| (k.date.to_string(), k.what)).collect();
    let days: Vec<&str> = dates.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(days, vec!["2019-04-01", "2019-04-01", "2019-12-31", "2020-03-31"], "{dates:#?}");
    assert!(dates.iter().any(|(d, w)| d == "2019-12-31" && w.starts_with("Extension")));
    assert!(dates.iter().any(|(d, w)| d == "2019-04-01" && w.starts_with("Last day to serve 12 months' notice")));
}
