//! `terms.miscapitalised`: a defined term written with a later word in
//! another case ("Commencement date", "AMHP rota").
//!
//! The words and their order are the term's, so a reader (and a court,
//! reading the agreement as a whole) will usually take the phrase as the
//! term: this is a tidy-up, not a change of meaning. It is a note, below a
//! real near miss (a different word, a lost possessive), and one finding per
//! term lists every place, so that it is fixed in one pass. A lower-case
//! phrase that only shares the term's words is not the term at all: "the
//! Council's functions under the Mental Health Act 1983" and "non-delegated
//! Council functions" (qualified) speak of functions generally, and are not
//! reported; nor is the term's own definition ("“NHS Functions” the NHS
//! functions of the PCT …").

use super::index::{Index, Pattern, Token, number_variants};
use super::quoted;
use crate::rules::{Example, Finding, Rule, Severity};

pub static MISCAPITALISED: Rule = Rule {
    code: "terms.miscapitalised",
    severity: Severity::Note,
    summary: "a defined term is written with a word in another case",
    doc: "A phrase with a defined term's words in the term's order but a later word in lower case \
          (\"Commencement date\" for \"Commencement Date\") is almost always meant as the term, and will \
          usually be read as it, but the agreement should use its terms exactly. One note per term lists \
          every place. A lower-case phrase qualified as a general one (\"the Council's functions under the \
          Mental Health Act 1983\", \"non-delegated Council functions\") is not the term and is not reported. \
          Where the text writes the term one way throughout and only the definition differs, the note sits \
          on the definition. Write the term as defined.",
    example: Example::Body(
        "## 14 Review\n\n14.1 The Partners shall review this Agreement before the first anniversary of the Commencement date.",
    ),
};

/// Where a miscapitalised term was written.
pub struct Place {
    pub block: usize,
    pub at: usize,
    pub len: usize,
}

/// Whether a use (the term's words in order, see [`Index::uses`]) differs
/// from the term only in the case of its words: the possessives are the
/// term's, and the last word may be singular or plural.
pub fn case_only(window: &[Token], pat: &Pattern) -> bool {
    let n = window.len();
    window.iter().zip(&pat.words).enumerate().all(|(k, (t, (w, poss)))| {
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let number = |a: &str| number_variants(w).iter().any(|v| same(v, a));
        (k + 1 == n || t.possessive == *poss) && (same(t.word, w) || (k + 1 == n && number(t.word)))
    })
}

/// Function words that may stand before a term without qualifying it.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "or", "for", "by", "with", "under", "on", "at", "from", "its", "their",
    "his", "her", "this", "that", "these", "those", "any", "each", "all", "such", "which", "as", "is", "are", "be",
    "been", "was", "were", "will", "shall", "may", "must", "not", "no", "into", "onto", "upon", "within", "between",
    "about", "if", "where", "when", "than", "per", "via", "our", "your", "both", "either",
];

/// Words after a noun that make it a general one: "functions under the Act", "functions of needs assessment".
const QUALIFIERS_AFTER: &[&str] =
    &["under", "of", "relating", "pursuant", "conferred", "imposed", "arising", "which", "that", "other"];

/// A lower-case phrase that speaks of the thing generally, not of the
/// defined term: a later word is in lower case where the term has a
/// capital, and a qualifying word stands before it ("non-delegated Council
/// functions") or after it ("the Council's functions under the Mental
/// Health Act 1983", "the NHS functions of the PCT").
pub fn general(tokens: &[Token], at: usize, pat: &Pattern) -> bool {
    let n = pat.words.len();
    let Some(window) = tokens.get(at..at + n) else { return false };
    let lowered = window
        .iter()
        .zip(&pat.words)
        .skip(1)
        .any(|(t, (w, _))| !t.capitalised() && w.chars().next().is_some_and(char::is_uppercase));
    if !lowered {
        return false;
    }
    let before = at.checked_sub(1).and_then(|p| tokens.get(p)).filter(|_| !window[0].hard_gap);
    let qualified_before = before.is_some_and(|b| {
        !b.capitalised() && b.word.chars().all(char::is_alphabetic) && !FUNCTION_WORDS.contains(&b.word)
    });
    let after = tokens.get(at + n).filter(|t| !t.hard_gap);
    // "in relation to", "in respect of"; a bare "in" is as often where or how.
    let in_relation = after.is_some_and(|t| t.word == "in")
        && tokens.get(at + n + 1).is_some_and(|t| matches!(t.word, "relation" | "respect"));
    let qualified_after = in_relation || after.is_some_and(|t| QUALIFIERS_AFTER.contains(&t.word));
    qualified_before || qualified_after
}

/// One note for a term: every place it is written in another case.
/// `sits_on_definition`: the text writes it one way throughout, so the
/// definition is the odd one out.
pub fn finding(ix: &Index, p: usize, places: &[Place], sits_on_definition: bool) -> Option<Finding> {
    let pat = &ix.patterns[p];
    let def = &ix.defs[pat.def];
    let first = places.first()?;
    let text = ix.text(first.block, first.at, first.len);
    let times = if places.len() > 1 { format!(" ({} times)", places.len()) } else { String::new() };
    if sits_on_definition {
        let mut f = Finding::new(
            &MISCAPITALISED,
            def.span.clone(),
            format!("{} is defined with other capitals than the text uses: {}{times}", quoted(&pat.name), quoted(text)),
        )
        .label("defined in this form")
        .help("change the definition to the form the text uses");
        for o in places.iter().take(10) {
            if let Some(span) = ix.span(o.block, o.at, o.len) {
                f = f.related(span, "used so here");
            }
        }
        return Some(f);
    }
    let span = ix.span(first.block, first.at, first.len)?;
    let mut f = Finding::new(
        &MISCAPITALISED,
        span,
        format!("{}{times} is written with other capitals than the defined term {}", quoted(text), quoted(&pat.name)),
    )
    .label("another case")
    .help("write the defined term exactly as defined");
    for o in places.iter().skip(1).take(10) {
        if let Some(span) = ix.span(o.block, o.at, o.len) {
            f = f.related(span, "also here");
        }
    }
    Some(f.related(def.span.clone(), "defined here"))
}

#[cfg(test)]
mod tests {
    use super::MISCAPITALISED;
    use crate::rules::terms::testkit::{coventry_2019, findings, messages, with_body};

    const MODERN: &str = "## 1 Definitions and Interpretation\n\n1.1 In this Agreement:\n\n\"Pooled Fund\" means the pooled fund established under Clause 6;\n\n\"Pooled Fund Manager\" means the officer of the Host Partner appointed under Clause 7.2;\n\n\"Council Functions\" means the health-related functions of the Council described in Schedule 3;\n\n\"Term\" means the period from 1 April 2024 to 31 March 2026.\n\n## 2 Pooled Fund\n\n";

    #[test]
    fn fires_on_the_2019_agreement_once_per_term() {
        let found = messages(&findings(&coventry_2019(), &MISCAPITALISED));
        assert!(
            found.contains(
                &"“Commencement date” is written with other capitals than the defined term “Commencement Date”"
                    .to_string()
            ),
            "{found:#?}"
        );
        assert!(
            found.contains(
                &"“AMHP rota” (4 times) is written with other capitals than the defined term “AMHP Rota”".to_string()
            ),
            "{found:#?}"
        );
    }

    #[test]
    fn fires_in_a_modern_template_and_lists_every_place() {
        let a = with_body(&format!(
            "{MODERN}2.1 The Pooled Fund manager shall keep accounts. 2.2 The Pooled Fund manager shall report quarterly on the Pooled Fund and the Council Functions during the Term.\n"
        ));
        let found = findings(&a, &MISCAPITALISED);
        assert_eq!(
            messages(&found),
            [
                "“Pooled Fund manager” (2 times) is written with other capitals than the defined term “Pooled Fund Manager”"
            ]
        );
        assert_eq!(found[0].related.iter().filter(|r| r.message == "also here").count(), 1);
    }

    #[test]
    fn silent_on_general_phrases_and_ordinary_words() {
        // A possessive and a qualifier, a qualifier before, and the ordinary word "term".
        let a = with_body(&format!(
            "{MODERN}2.1 The Council's functions under the Care Act 2014 remain its own, as do non-delegated Council functions. No contract may have a term extending beyond the Term. The Pooled Fund Manager shall keep the Pooled Fund and the Council Functions.\n"
        ));
        assert_eq!(messages(&findings(&a, &MISCAPITALISED)), Vec::<String>::new());
    }
}
