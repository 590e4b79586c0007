//! `drafting.*` through the real binary: another authority's text, a
//! sentence that stops mid-way, and a signature block for a body that is not
//! a party — on the bundled 2019 agreement and on agreements in other house
//! styles imported from the corpus copies in `tests/fixtures/corpus/`.

use serde_json::Value;
use tempfile::TempDir;

use crate::common::*;

/// (code, file name, line, severity) of every `drafting.*` finding.
fn drafting(report: &Value) -> Vec<(String, String, u64, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("drafting.")))
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["file"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A new repository with a corpus text imported as `id`.
fn imported(stem: &str) -> TempDir {
    let repo = TempDir::new().expect("temp dir");
    let init = s75().arg("init").current_dir(repo.path()).output().expect("run s75 init");
    assert!(init.status.success(), "s75 init: {}", stderr(&init));
    let file = fixture(&format!("corpus/{stem}.txt"));
    let out = s75().arg("import").arg(&file).args(["--id", stem]).current_dir(repo.path()).output().expect("run s75");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{stem}: {}", stderr(&out));
    repo
}

#[test]
fn the_2019_agreement_shows_its_copied_text_and_unfinished_sentences() {
    let repo = TempDir::new().expect("temp dir");
    copy_into(&coventry_2019(), &repo.path().join("agreements/coventry-cwpt-2019"));
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(
        drafting(&report),
        [
            ("drafting.other-area".into(), "agreement.md".into(), 334, "note".into()),
            (
                "drafting.other-authority".into(),
                "02-partnership-agreement-strategic-governance-arrangements.md".into(),
                141,
                "warning".into()
            ),
            (
                "drafting.unfinished-sentence".into(),
                "02-partnership-agreement-strategic-governance-arrangements.md".into(),
                175,
                "warning".into()
            ),
            (
                "drafting.unfinished-sentence".into(),
                "16-information-and-monitoring-requirements.md".into(),
                7,
                "warning".into()
            ),
        ]
    );
    let f = with_code(&report, "drafting.other-authority");
    assert_eq!(
        f[0]["message"],
        "“the Warwickshire Section 75 Partnership Agreement” is another authority's agreement: none of the parties \
         is that authority (the council party is The Council of the City of Coventry)"
    );
}

#[test]
fn a_signature_block_for_a_body_that_is_not_a_party() {
    // The corpus's delegation agreement: its third block is for a trust that
    // is not a party, and its blocks have no "Signature:" field.
    let stem = "delegation-2019-trust-to-council";
    let repo = imported(stem);
    let (report, _) = validate_json(repo.path(), &[]);
    let line = line_of(
        &repo.path().join(format!("agreements/{stem}/agreement.md")),
        "SIGNED for and on behalf of RAVENSMERE HEALTHCARE NHS FOUNDATION TRUST",
    );
    assert_eq!(
        drafting(&report),
        [("drafting.non-party-signature".into(), "agreement.md".into(), line, "warning".into())]
    );
    let f = with_code(&report, "drafting.non-party-signature");
    assert_eq!(
        f[0]["message"],
        "this signature block is for “RAVENSMERE HEALTHCARE NHS FOUNDATION TRUST”, which is not a party (the parties: \
         Ashdown Vale Community Healthcare NHS Trust; Ravensmere City Council)"
    );
}

#[test]
fn silent_on_the_parties_own_blocks_and_text_in_every_other_house_style() {
    // Five parties with defined names, a deed's seal and "executed as a
    // deed by", a PDF's truncated "NHS KESTRELSHIRE VALLEYS", a 2010 "SIGNED
    // on behalf of": no drafting finding in any of them.
    for stem in [
        "clean-pool-2023-five-parties",
        "deed-of-variation-2022",
        "equipment-pdf-2015",
        "mental-health-2010-pct",
        "lead-commissioning-2018",
        "word-copied-2021",
    ] {
        let repo = imported(stem);
        let (report, _) = validate_json(repo.path(), &[]);
        assert_eq!(drafting(&report), [], "{stem}");
    }
}
