//! `metadata.duplicate-party`: two [[parties]] entries with one key.

use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static DUPLICATE_PARTY: Rule = Rule {
    code: "metadata.duplicate-party",
    severity: Severity::Error,
    summary: "two [[parties]] entries have the same key",
    doc: "Functions, contributions, reporting and signatures name a party by its key; with two entries of one key \
          they silently refer to the first. Give each party its own key.",
    example: Example::Metadata(
        "[[parties]]\nkey = \"council\"\nname = \"Northfield Borough Council\"\n\n[[parties]]\nkey = \"council\"\nname = \"Southfield District Council\"",
    ),
};

pub fn duplicate_parties(a: &Agreement, out: &mut Vec<Finding>) {
    let keys: Vec<_> = a.meta.parties.iter().filter_map(|p| p.key.as_ref()).collect();
    for (i, key) in keys.iter().enumerate() {
        // Reported once, at the second use, pointing back at the first.
        if let Some(first) = keys[..i].iter().find(|k| k.value == key.value) {
            if keys[..i].iter().filter(|k| k.value == key.value).count() == 1 {
                out.push(
                    Finding::new(
                        &DUPLICATE_PARTY,
                        key.span.clone(),
                        format!("party key `{}` is used by two [[parties]] entries", key.value),
                    )
                    .label("second party with this key")
                    .related(first.span.clone(), "first party with this key")
                    .help("give each party its own key: references by key reach only the first"),
                );
            }
        }
    }
}
