//! `metadata.party-not-in-text`: a party's defined name that the text never uses.

use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static PARTY_NOT_IN_TEXT: Rule = Rule {
    code: "metadata.party-not-in-text",
    severity: Severity::Error,
    summary: "a party's defined name never appears in the agreement text",
    doc: "Each party's `defined_as` (\"the Trust\") is how the text refers to it. If the text never uses it, the \
          metadata and the text describe different parties, or the name is misspelt.",
    example: Example::Metadata(
        "[[parties]]\nkey = \"trust\"\nname = \"Northfield Mental Health NHS Foundation Trust\"\nkind = \"nhs-foundation-trust\"\ndefined_as = \"the Provider\"   # the text says \"the Trust\"",
    ),
};

pub fn check_parties_in_text(a: &Agreement, out: &mut Vec<Finding>) {
    for party in &a.meta.parties {
        let Some(defined) = &party.defined_as else { continue };
        // "the Trust" is written "The Trust" at a sentence start: match the name without its article.
        let name = defined.value.trim();
        let core = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
        if core.is_empty() {
            continue;
        }
        let used = a.documents().any(|d| d.blocks.iter().any(|b| contains_word(&b.text, core)));
        if !used {
            out.push(
                Finding::new(
                    &PARTY_NOT_IN_TEXT,
                    defined.span.clone(),
                    format!("\"{name}\" never appears in the agreement text"),
                )
                .label("defined name of this party")
                .help("use the name the agreement's text gives the party, e.g. (\"the Trust\") in the preamble"),
            );
        }
    }
}

/// Whole-word, case-sensitive search.
pub fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::contains_word;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("the Trust shall", "Trust"));
        assert!(!contains_word("the Trustee shall", "Trust"));
        assert!(contains_word("(“the Trust”);", "Trust"));
    }
}
