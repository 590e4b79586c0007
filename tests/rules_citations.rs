//! `citations.*` through the binary: misnamed Acts, malformed and wrong SI
//! numbers and subsections a section does not have, in the real 2019
//! agreement and in imported agreements of other house styles.

use crate::common::corpus::imported;
use crate::common::*;

fn citations(report: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("citations.")))
        .map(|f| {
            let file = f["file"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
            let code = f["code"].as_str().unwrap_or("").to_string();
            (code, file, f["line"].as_u64().unwrap_or(0), f["message"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn the_2019_agreement_cites_four_things_wrongly() {
    let (report, _) = validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]);
    let found = citations(&report);
    let codes: Vec<(&str, &str, u64)> = found.iter().map(|(c, f, l, _)| (c.as_str(), f.as_str(), *l)).collect();
    assert_eq!(
        codes,
        [
            ("citations.malformed", "agreement.md", 152),
            ("citations.subsection", "agreement.md", 376),
            ("citations.unknown-act", "08-secondment-arrangements.md", 251),
            ("citations.unknown-act", "10-joint-operational-and-human-resources.md", 5),
        ]
    );
    assert_eq!(
        found[0].3,
        "\"ST 2006/246\": \"ST\" is not how a statutory instrument is cited; write SI 2006/246 (the Transfer of \
         Undertakings (Protection of Employment) Regulations 2006)"
    );
    assert_eq!(found[2].3, "\"Equalities Act 2010\" is not the title of an Act; did you mean the Equality Act 2010?");
    for f in with_code(&report, "citations.unknown-act") {
        assert_eq!(f["severity"], "warning");
    }
}

#[test]
fn an_old_formal_agreement_misnumbers_the_regulations_and_misnames_the_nhs_act() {
    let repo = imported("lead-commissioning-2018");
    let (report, _) = validate_json(repo.path(), &[]);
    let messages: Vec<String> = citations(&report).into_iter().map(|(c, _, _, m)| format!("{c}: {m}")).collect();
    assert_eq!(
        messages,
        [
            "citations.wrong-instrument: the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 \
             are SI 2000/617, not SI 2000/671",
            "citations.unknown-act: \"National Health Services Act 2006\" is not the title of an Act; did you mean the \
             National Health Service Act 2006?",
        ]
    );
}

#[test]
fn correct_citations_in_every_other_style_are_silent() {
    // Amending Acts cited correctly, "SI 2000/617" beside its title, sections of
    // other Acts: none of these agreements misnames anything this family checks
    // (the bcf agreement's "Equalities Act 2010" aside).
    for stem in [
        "clean-pool-2023-five-parties",
        "deed-of-variation-2022",
        "delegation-2019-trust-to-council",
        "equipment-pdf-2015",
        "mental-health-2010-pct",
        "word-copied-2021",
    ] {
        let repo = imported(stem);
        let (report, _) = validate_json(repo.path(), &[]);
        assert_eq!(citations(&report), [], "{stem}");
    }
    let repo = imported("bcf-2024-icb-host");
    let (report, _) = validate_json(repo.path(), &[]);
    let codes: Vec<String> = citations(&report).into_iter().map(|(c, _, _, m)| format!("{c}: {m}")).collect();
    assert_eq!(
        codes,
        [
            "citations.unknown-act: \"Equalities Act 2010\" is not the title of an Act; did you mean the Equality Act 2010?"
        ]
    );
}
