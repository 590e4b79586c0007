//! Defects of the development corpus (copies in `tests/fixtures/corpus/`)
//! that a reviewer finds and s75 once missed — dates, terms and drafting
//! residue — each imported as a user would, with the finding on the line a
//! legal officer would correct, and the same text corrected staying silent.

use serde_json::Value;
use tempfile::TempDir;

use crate::common::corpus::imported;
use crate::common::*;

/// (file name, line, severity, message) of every finding with `code`.
fn found(repo: &TempDir, code: &str) -> Vec<(String, u64, String, String)> {
    let (report, _) = validate_json(repo.path(), &[]);
    with_code(&report, code)
        .into_iter()
        .map(|f: &Value| {
            (
                f["file"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["severity"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The agreement folder of an imported corpus text.
fn dir(repo: &TempDir, stem: &str) -> std::path::PathBuf {
    repo.path().join("agreements").join(stem)
}

#[test]
fn a_drafting_note_labelled_dn_is_reported_in_a_numbered_paragraph() {
    let repo = imported("word-copied-2021");
    let body = dir(&repo, "word-copied-2021").join("agreement.md");
    let line = line_of(&body, "[DN: CCG finance to confirm");
    assert_eq!(
        found(&repo, "residue.drafting-note"),
        [("agreement.md".into(), line, "warning".into(), "a bracketed drafting note is left in the text".into())]
    );
}

#[test]
fn a_numbered_paragraph_with_the_note_removed_is_silent() {
    let repo = imported("word-copied-2021");
    let body = dir(&repo, "word-copied-2021").join("agreement.md");
    edit(&body, "[DN: CCG finance to confirm the 2022/23 and 2023/24 figures before signature.]", "Not used.");
    assert_eq!(found(&repo, "residue.drafting-note"), []);
}

#[test]
fn an_undated_agreement_whose_term_has_ended_is_reported() {
    let repo = imported("equipment-pdf-2015");
    assert_eq!(
        found(&repo, "residue.undated"),
        [(
            "agreement.md".into(),
            1,
            "error".into(),
            "the term ran from 2015-04-01 to 2018-03-31, but the date line has no day or month".into()
        )]
    );
}

#[test]
fn an_undated_text_marked_illustrative_or_whose_term_runs_on_is_silent() {
    let repo = imported("equipment-pdf-2015");
    let meta = dir(&repo, "equipment-pdf-2015").join("agreement.toml");
    edit(&meta, "# illustrative = \"\"", "illustrative = \"A reconstruction, not the signed text.\"\n#");
    assert_eq!(found(&repo, "residue.undated"), []);

    let repo = imported("equipment-pdf-2015");
    let meta = dir(&repo, "equipment-pdf-2015").join("agreement.toml");
    edit(&meta, "expiry = 2018-03-31", "expiry = 2099-03-31");
    assert_eq!(found(&repo, "residue.undated"), []);
}

#[test]
fn contributions_stated_for_a_year_after_the_term_are_reported() {
    let repo = imported("bcf-2024-icb-host");
    let schedule = dir(&repo, "bcf-2024-icb-host").join("schedules/02-individual-schemes-and-contributions.md");
    let line = line_of(&schedule, "Indicative contributions for the Financial Year 2026/27");
    assert_eq!(
        found(&repo, "dates.contribution-outside-term"),
        [(
            "02-individual-schemes-and-contributions.md".into(),
            line,
            "error".into(),
            "contributions are stated for 2026/27 (2026-04-01 to 2027-03-31), which starts after the term ends \
             (2024-04-01 to 2026-03-31)"
                .into()
        )]
    );
}

#[test]
fn contributions_for_years_the_term_covers_are_silent() {
    let repo = imported("bcf-2024-icb-host");
    let meta = dir(&repo, "bcf-2024-icb-host").join("agreement.toml");
    edit(&meta, "expiry = 2026-03-31", "expiry = 2027-03-31");
    assert_eq!(found(&repo, "dates.contribution-outside-term"), []);
}

#[test]
fn an_expiry_date_that_disagrees_with_the_term_is_reported_on_its_definition() {
    let repo = imported("lead-commissioning-2018");
    let body = dir(&repo, "lead-commissioning-2018").join("agreement.md");
    let line = line_of(&body, "\"Expiry Date\" means 31 March 2021");
    assert_eq!(
        found(&repo, "dates.text-conflict"),
        [(
            "agreement.md".into(),
            line,
            "error".into(),
            "the text gives the last day of the term as 31 March 2021 here, but its Term of 3 years from 1 \
             October 2018 ends on 30 September 2021"
                .into()
        )]
    );
    // One defect, one finding: not also reported on the Term's definition.
    assert_eq!(found(&repo, "dates.metadata-text"), []);
}

#[test]
fn an_expiry_date_that_agrees_with_the_term_is_silent() {
    let repo = imported("lead-commissioning-2018");
    let a = dir(&repo, "lead-commissioning-2018");
    edit(&a.join("agreement.md"), "\"Expiry Date\" means 31 March 2021", "\"Expiry Date\" means 30 September 2021");
    edit(&a.join("agreement.toml"), "expiry = 2021-03-31", "expiry = 2021-09-30");
    assert_eq!(found(&repo, "dates.text-conflict"), []);
    assert_eq!(found(&repo, "dates.metadata-text"), []);
}

#[test]
fn an_extension_that_miscounts_its_new_expiry_is_reported() {
    let repo = imported("deed-of-variation-2022");
    let body = dir(&repo, "deed-of-variation-2022").join("agreement.md");
    let line = line_of(&body, "so that it shall expire on 31 March 2026");
    assert_eq!(
        found(&repo, "dates.text-conflict"),
        [(
            "agreement.md".into(),
            line,
            "error".into(),
            "extending a term that ends on 31 March 2023 by 24 months gives 31 March 2025, not 31 March 2026".into()
        )]
    );
}

#[test]
fn an_extension_that_counts_its_new_expiry_right_is_silent() {
    let repo = imported("deed-of-variation-2022");
    let body = dir(&repo, "deed-of-variation-2022").join("agreement.md");
    edit(&body, "so that it shall expire on 31 March 2026", "so that it shall expire on 31 March 2025");
    assert_eq!(found(&repo, "dates.text-conflict"), []);
}

#[test]
fn a_numbered_paragraph_labelled_as_a_drafting_note_is_reported() {
    let repo = imported("word-copied-2021");
    let body = dir(&repo, "word-copied-2021").join("agreement.md");
    edit(
        &body,
        "[DN: CCG finance to confirm the 2022/23 and 2023/24 figures before signature.]",
        "Drafting note: CCG finance to confirm the 2022/23 and 2023/24 figures before signature.",
    );
    let line = line_of(&body, "Drafting note: CCG finance to confirm");
    assert_eq!(
        found(&repo, "residue.drafting-note"),
        [("agreement.md".into(), line, "warning".into(), "a drafting note is left in the text".into())]
    );
}

#[test]
fn an_extension_stated_as_a_period_to_a_date_is_checked_too() {
    let repo = imported("deed-of-variation-2022");
    let body = dir(&repo, "deed-of-variation-2022").join("agreement.md");
    edit(&body, "24 months, so that it shall expire on 31 March 2026", "24 months to 31 March 2026");
    let line = line_of(&body, "24 months to 31 March 2026");
    assert_eq!(
        found(&repo, "dates.text-conflict"),
        [(
            "agreement.md".into(),
            line,
            "error".into(),
            "extending a term that ends on 31 March 2023 by 24 months gives 31 March 2025, not 31 March 2026".into()
        )]
    );
}
