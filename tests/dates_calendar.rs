//! `s75 dates`: the key dates of the real agreements, as text, JSON and an
//! iCalendar file a calendar program can import.

use crate::common::*;

fn dates(args: &[&str]) -> (String, String, i32) {
    let out = s75().current_dir(crate_dir()).arg("dates").args(args).output().expect("run s75");
    (stdout(&out), stderr(&out), out.status.code().unwrap_or(-1))
}

/// The unfolded property lines of each VEVENT (RFC 5545 §3.1: a line that
/// starts with a space continues the previous one).
fn events(ics: &str) -> Vec<Vec<String>> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push(line.to_string());
                }
            }
        }
    }
    out
}

fn property<'a>(event: &'a [String], name: &str) -> &'a str {
    event.iter().find_map(|l| l.strip_prefix(name)).unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

#[test]
fn the_2019_agreement_diary_has_its_four_key_dates_with_their_clauses() {
    let (text, err, code) = dates(&["agreements/coventry-cwpt-2019"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        vec![
            "1 April 2019  coventry-cwpt-2019  Commencement (past)  [agreements/coventry-cwpt-2019/agreement.md:61]",
            "1 April 2019  coventry-cwpt-2019  Last day to serve 12 months' notice ending the agreement at expiry \
             (31 March 2020) (past)  [agreements/coventry-cwpt-2019/agreement.md:464]",
            "31 December 2019  coventry-cwpt-2019  Extension to be agreed in writing (3 months before expiry) \
             (past)  [agreements/coventry-cwpt-2019/agreement.md:462]",
            "31 March 2020  coventry-cwpt-2019  Last day of the term (past)  \
             [agreements/coventry-cwpt-2019/agreement.md:150]",
        ]
    );
}

#[test]
fn past_is_judged_against_the_day_given() {
    let (text, _, _) = dates(&["agreements/coventry-cwpt-2019", "--today", "2019-12-01"]);
    assert!(text.contains("Extension to be agreed in writing (3 months before expiry)  ["), "{text}");
    assert!(text.contains("Commencement (past)"), "{text}");
    assert!(text.contains("Last day of the term  ["), "{text}");
}

#[test]
fn by_default_every_bundled_agreement_and_no_excluded_fixture() {
    let (text, err, code) = dates(&["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let rows = report["dates"].as_array().expect("dates");
    let mut ids: Vec<&str> = rows.iter().filter_map(|r| r["agreement"].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, vec!["coventry-cwpt-2019", "coventry-cwpt-2022", "coventry-mh-pool-2022"]);
    let pool_end = rows
        .iter()
        .find(|r| r["agreement"] == "coventry-mh-pool-2022" && r["what"] == "Last day of the term")
        .expect("pool expiry");
    assert_eq!(pool_end["date"], "2025-03-31");
    assert_eq!(pool_end["file"], "agreements/coventry-mh-pool-2022/agreement.toml");
    // In date order.
    let days: Vec<&str> = rows.iter().filter_map(|r| r["date"].as_str()).collect();
    let mut sorted = days.clone();
    sorted.sort();
    assert_eq!(days, sorted);
}

#[test]
fn the_ics_file_is_a_valid_calendar_of_all_day_events_and_reproducible() {
    let out = tempfile::TempDir::new().expect("temp dir");
    let path = out.path().join("key-dates.ics");
    let path_arg = path.to_str().expect("utf-8 path");
    let (_, err, code) = dates(&["agreements/coventry-cwpt-2019", "--format", "ics", "-o", path_arg]);
    assert_eq!(code, 0, "{err}");
    let ics = std::fs::read_to_string(&path).expect("ics written");

    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "a line is longer than 75 octets");
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF in {ics}");
    icalendar::parser::read_calendar(&icalendar::parser::unfold(&ics)).expect("parses as iCalendar");

    let events = events(&ics);
    assert_eq!(events.len(), 4);
    let term_end = events
        .iter()
        .find(|e| property(e, "SUMMARY:").ends_with(": Last day of the term"))
        .expect("last day of the term");
    assert_eq!(property(term_end, "DTSTART;VALUE=DATE:"), "20200331");
    assert_eq!(property(term_end, "DTEND;VALUE=DATE:"), "20200401", "all-day: the end is exclusive");
    assert_eq!(property(term_end, "DTSTAMP:"), "20261124T000000Z");
    assert!(property(term_end, "DESCRIPTION:").contains("agreements/coventry-cwpt-2019/agreement.md:150"));
    let mut uids: Vec<&str> = events.iter().map(|e| property(e, "UID:")).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 4, "UIDs are unique");

    // The same day gives the same bytes, so a re-import updates rather than duplicates.
    let again = out.path().join("again.ics");
    let (_, _, code) =
        dates(&["agreements/coventry-cwpt-2019", "--format", "ics", "-o", again.to_str().expect("utf-8 path")]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&again).expect("written"), ics.as_bytes());
}

#[test]
fn a_missing_agreement_is_one_error_and_nothing_written() {
    let out = tempfile::TempDir::new().expect("temp dir");
    let path = out.path().join("key-dates.ics");
    let (text, err, code) = dates(&["agreements/no-such-agreement", "--format", "ics", "-o", path.to_str().unwrap()]);
    assert_eq!(code, 2, "{text}{err}");
    assert!(err.contains("no-such-agreement"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!path.exists());
}
