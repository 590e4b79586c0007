//! `s75 import FILE --id ID` on agreements in the drafting styles councils and
//! NHS bodies use (the development corpus, copied into
//! `tests/fixtures/corpus/` with its answer keys): each imports with no flag
//! but `--id`, the parties and term read from the text are the key's, and the
//! clean five-party agreement validates without an error or a warning.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::common::*;

const CLEAN: &str = "clean-pool-2023-five-parties";

pub(crate) fn corpus(name: &str) -> PathBuf {
    fixture(&format!("corpus/{name}"))
}

/// The key's `[meta]` table.
fn meta(stem: &str) -> toml::Table {
    let text = std::fs::read_to_string(corpus(&format!("{stem}.key.toml"))).expect("key file");
    let key: toml::Table = toml::from_str(&text).expect("key is TOML");
    key["meta"].as_table().expect("[meta]").clone()
}

/// A new repository (as `s75 init` makes it) with FILE imported as `id`.
pub(crate) fn imported(file: &Path, id: &str) -> TempDir {
    let repo = TempDir::new().expect("temp dir");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(repo.path()).status();
    assert!(git.is_ok_and(|s| s.success()), "git init");
    let init = s75().arg("init").current_dir(repo.path()).output().expect("run s75 init");
    assert!(init.status.success(), "s75 init: {}", stderr(&init));
    let out = s75().arg("import").arg(file).args(["--id", id]).current_dir(repo.path()).output().expect("run s75");
    assert_eq!(out.status.code(), Some(0), "{}: {}", file.display(), stderr(&out));
    repo
}

pub(crate) fn metadata(repo: &TempDir, id: &str) -> toml::Table {
    let path = repo.path().join("agreements").join(id).join("agreement.toml");
    toml::from_str(&std::fs::read_to_string(path).expect("agreement.toml")).expect("agreement.toml is TOML")
}

fn party_names(m: &toml::Table) -> Vec<String> {
    m.get("parties")
        .and_then(|p| p.as_array())
        .map(|ps| ps.iter().filter_map(|p| p["name"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn term_date(m: &toml::Table, key: &str) -> Option<String> {
    m.get("term").and_then(|t| t.get(key)).map(|d| d.to_string())
}

fn schedules(repo: &TempDir, id: &str) -> usize {
    std::fs::read_dir(repo.path().join("agreements").join(id).join("schedules")).map_or(0, |d| d.count())
}

const STYLES: [&str; 8] = [
    "bcf-2024-icb-host",
    "clean-pool-2023-five-parties",
    "deed-of-variation-2022",
    "delegation-2019-trust-to-council",
    "equipment-pdf-2015",
    "lead-commissioning-2018",
    "mental-health-2010-pct",
    "word-copied-2021",
];

#[test]
fn every_style_imports_with_only_an_id_and_its_parties() {
    for stem in STYLES {
        let repo = imported(&corpus(&format!("{stem}.txt")), "a");
        let m = metadata(&repo, "a");
        let want: Vec<String> = meta(stem)["parties"]
            .as_array()
            .expect("parties")
            .iter()
            .map(|p| p.as_str().unwrap_or("").into())
            .collect();
        assert_eq!(party_names(&m), want, "{stem}");
    }
}

#[test]
fn the_term_is_read_from_the_definitions_clauses_or_a_definitions_schedule() {
    for stem in ["bcf-2024-icb-host", CLEAN, "delegation-2019-trust-to-council", "equipment-pdf-2015"] {
        let repo = imported(&corpus(&format!("{stem}.txt")), "a");
        let (m, key) = (metadata(&repo, "a"), meta(stem));
        assert_eq!(term_date(&m, "commencement"), Some(key["commencement"].to_string()), "{stem}");
        if stem != "delegation-2019-trust-to-council" && stem != "equipment-pdf-2015" {
            assert_eq!(term_date(&m, "expiry"), Some(key["expiry"].to_string()), "{stem}");
        }
    }
}

#[test]
fn contributions_host_and_arrangements_are_read_from_the_text() {
    let repo = imported(&corpus(&format!("{CLEAN}.txt")), "a");
    let m = metadata(&repo, "a");
    assert_eq!(m["arrangements"].as_array().map(|a| a.len()), Some(1));
    assert_eq!(m["arrangements"][0].as_str(), Some("pooled-fund"));
    assert_eq!(m["host"].as_str(), Some("county-council"));
    let rows = m["pooled_fund"]["contributions"].as_array().expect("contributions");
    assert_eq!(rows.len(), 15);
    let icb_2024: Vec<_> =
        rows.iter().filter(|r| r["party"].as_str() == Some("icb") && r["year"].as_str() == Some("2024/25")).collect();
    assert_eq!(icb_2024.len(), 1);
    assert_eq!(icb_2024[0]["amount"].as_integer(), Some(6_592_000));
}

#[test]
fn schedules_without_page_breaks_and_signatures_after_them() {
    // "SCHEDULE 3 - NOT USED" is followed at once by "SCHEDULE 4 - …", and
    // the execution blocks follow the last schedule.
    let repo = imported(&corpus(&format!("{CLEAN}.txt")), "a");
    assert_eq!(schedules(&repo, "a"), 6);
    let body = std::fs::read_to_string(repo.path().join("agreements/a/agreement.md")).expect("body");
    assert_eq!(body.matches("Signed for and on behalf of").count(), 5);
    let last = std::fs::read_to_string(repo.path().join("agreements/a/schedules/06-intermediate-care-board.md"))
        .expect("schedule 6");
    assert!(!last.contains("Signature"), "{last}");
    // A contents list and the running header of a PDF's pages are dropped.
    let repo = imported(&corpus("equipment-pdf-2015.txt"), "b");
    assert_eq!(schedules(&repo, "b"), 5);
    let body = std::fs::read_to_string(repo.path().join("agreements/b/agreement.md")).expect("body");
    assert!(!body.contains("OFFICIAL") && !body.contains("Page 2 of"), "{body}");
    assert_eq!(body.to_lowercase().matches("definitions and interpretation").count(), 1, "{body}");
}

#[test]
fn text_that_lost_its_numbers_is_said_once_not_reported_per_reference() {
    let repo = TempDir::new().expect("temp dir");
    let out = s75()
        .arg("import")
        .arg(corpus("word-copied-2021.txt"))
        .args(["--id", "w", "--out"])
        .arg(repo.path().join("agreements/w"))
        .output()
        .expect("run s75");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("the text has no clause numbers").count(), 1, "{}", stderr(&out));
    let repo = imported(&corpus("word-copied-2021.txt"), "w");
    let (report, _) = validate_json(repo.path(), &[]);
    let clause_refs: Vec<_> = with_code(&report, "xref.missing-target")
        .into_iter()
        .filter(|f| f["message"].as_str().is_some_and(|m| m.starts_with("Clause")))
        .collect();
    assert_eq!(clause_refs, Vec::<&serde_json::Value>::new());
}

#[test]
fn a_deed_of_variation_quotes_the_original_agreements_numbers() {
    let repo = imported(&corpus("deed-of-variation-2022.txt"), "d");
    let (report, _) = validate_json(repo.path(), &[]);
    let body = std::fs::read_to_string(repo.path().join("agreements/d/agreement.md")).expect("body");
    let lines: Vec<&str> = body.lines().collect();
    for f in with_code(&report, "xref.missing-target") {
        let line = f["line"].as_u64().and_then(|l| lines.get(l as usize - 1)).copied().unwrap_or("");
        assert!(
            !(line.starts_with('"') || line.contains("shall be inserted") || line.contains("Original Agreement")),
            "{f:#}\n{line}"
        );
    }
}

#[test]
fn what_the_import_could_not_read_is_one_warning_not_a_list_of_errors() {
    let repo = imported(&corpus("mental-health-2010-pct.txt"), "m");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(with_code(&report, "metadata.missing-field"), Vec::<&serde_json::Value>::new());
    let incomplete = with_code(&report, "metadata.incomplete");
    assert_eq!(incomplete.len(), 1, "{report:#}");
    assert_eq!(incomplete[0]["severity"], "warning");
    let message = incomplete[0]["message"].as_str().unwrap_or("");
    assert!(message.starts_with("the record is incomplete: ") && message.contains("term"), "{message}");
    // Once the TODOs are gone it is the user's record: a missing key is an error again.
    let toml = repo.path().join("agreements/m/agreement.toml");
    let text = std::fs::read_to_string(&toml).expect("toml").replace("TODO", "to do");
    std::fs::write(&toml, text).expect("write");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(!with_code(&report, "metadata.missing-field").is_empty());
    assert!(with_code(&report, "metadata.incomplete").is_empty());
}

#[test]
fn the_clean_agreement_validates_clean_as_text_and_as_word() {
    for file in [corpus(&format!("{CLEAN}.txt")), fixture(&format!("import/docx/{CLEAN}.docx"))] {
        let repo = imported(&file, "clean");
        let (report, code) = validate_json(repo.path(), &[]);
        let serious: Vec<_> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| matches!(f["severity"].as_str(), Some("error" | "warning")))
            .collect();
        assert_eq!(serious, Vec::<&serde_json::Value>::new(), "{}", file.display());
        assert_eq!(code, 0, "{}", file.display());
    }
}
