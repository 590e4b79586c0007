//! Every rule has a stable, unique code, a severity, a one-line summary, and
//! an explanation with an example (`s75 rules`, `s75 explain`).

use crate::common::*;

fn rules() -> Vec<serde_json::Value> {
    let out = s75().args(["rules", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).unwrap()
}

#[test]
fn codes_are_unique_kebab_case_and_grouped_by_family() {
    let rules = rules();
    assert!(rules.len() >= 20, "only {} rules", rules.len());
    let mut seen = std::collections::BTreeSet::new();
    for r in &rules {
        let code = r["code"].as_str().unwrap();
        assert!(seen.insert(code.to_string()), "duplicate code {code}");
        let (family, name) = code.split_once('.').unwrap_or_else(|| panic!("{code} has no family"));
        for part in [family, name] {
            assert!(
                !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'),
                "{code} is not kebab-case"
            );
        }
        assert!(["error", "warning", "note"].contains(&r["severity"].as_str().unwrap()), "{code}");
        let summary = r["summary"].as_str().unwrap();
        assert!(
            !summary.is_empty() && !summary.contains('\n') && summary.len() < 110,
            "{code}: summary must be one short line: {summary:?}"
        );
    }
    for family in ["metadata", "numbering", "xref", "terms", "residue", "statute", "dates", "stale", "waiver"] {
        assert!(
            rules.iter().any(|r| r["code"].as_str().unwrap().starts_with(&format!("{family}."))),
            "no {family} rules"
        );
    }
}

#[test]
fn every_rule_can_be_explained_with_an_example() {
    for r in rules() {
        let code = r["code"].as_str().unwrap();
        let out = s75().args(["explain", code]).output().unwrap();
        assert!(out.status.success(), "explain {code}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with(code), "{text}");
        let example = text.split("\nExample (").nth(1).unwrap_or_else(|| panic!("{code} has no example"));
        assert!(example.trim().len() > 5, "{code}: empty example");
    }
}

#[test]
fn explaining_an_unknown_rule_suggests_the_nearest() {
    let out = s75().args(["explain", "numbering.duplicat"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean numbering.duplicate?"), "{}", stderr(&out));
}

#[test]
fn rules_format_markdown_is_docs_rules_md() {
    let out = s75().args(["rules", "--format", "markdown"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = std::fs::read_to_string(crate_dir().join("docs/rules.md")).unwrap();
    assert!(stdout(&out) == docs, "docs/rules.md is stale: `s75 rules --format markdown > docs/rules.md`");
    let json = s75().args(["rules", "--format", "json"]).output().unwrap();
    assert_eq!(stdout(&json), stdout(&s75().args(["rules", "--json"]).output().unwrap()));
}
