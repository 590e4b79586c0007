//! Clause numbers for text pasted from Word, where the automatic numbering
//! was lost: one paragraph a line, headings without numbers, and
//! cross-references that still say "Clause 9.3".
//!
//! Word's usual multi-level list numbers a heading `1.`, each paragraph under
//! it `1.1`, `1.2`, and the items a paragraph introduces with a colon
//! `1.2.1`, `1.2.2`; definitions keep their own style, unnumbered. The
//! numbers are rebuilt that way only when the text's own cross-references
//! vouch for them: every reference to a clause must land on a rebuilt number,
//! and most must land on a provision that is about what the reference says
//! (a definition's term, a word of the referring sentence). Otherwise the
//! text stays unnumbered and the importer says once that the numbers are
//! missing: wrong numbers would send every reference to the wrong place.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::tokens::{ends_with_terminator, is_title_like, leading_number};
use super::unwrap::{Para, is_execution_lead, is_execution_start, is_recitals_heading, starts_definition};

/// What the rebuilding found, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rebuilt {
    /// Clause headings numbered.
    pub clauses: usize,
    /// References to clauses that land on a rebuilt number.
    pub references: usize,
    /// Of those, the ones whose target is about what the reference says.
    pub confirmed: usize,
}

/// Why the numbers were not rebuilt, when the text has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The text has its numbers (or no clauses to number): nothing to do.
    Numbered,
    Rebuilt(Rebuilt),
    /// Headings but no numbers, and the references do not vouch for a
    /// rebuilt numbering: the reason, for the note.
    Missing(String),
}

/// "Clause 9.3", "clause 17", "sub-clause 8.2.1".
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Ss]ub-)?[Cc]lauses?\s+(\d{1,3}(?:\.\d{1,3}){0,3})\b(\s+(?:of|to|in|under)\s+the\s+[A-Z][\w’']*(?:\s+[A-Z][\w’']*)*)?")
        .expect("valid regex literal")
});

/// Words too common in an agreement to show what a provision is about.
const COMMON: &[&str] = &[
    "agreement",
    "partner",
    "partners",
    "clause",
    "clauses",
    "schedule",
    "schedules",
    "shall",
    "which",
    "their",
    "accordance",
    "under",
    "other",
    "within",
    "without",
    "where",
    "there",
    "these",
    "those",
    "each",
    "apply",
    "applies",
    "provided",
    "provide",
    "person",
    "persons",
    "council",
    "board",
    "joint",
];

/// Numbers the clauses of `paras` if their numbering was lost and the
/// text's references vouch for the rebuilt numbers.
pub(crate) fn rebuild(paras: Vec<Para>) -> (Vec<Para>, Outcome) {
    let Some((start, end)) = clause_region(&paras) else {
        return (paras, Outcome::Numbered);
    };
    let region = &paras[start..end];
    if region.iter().any(|p| leading_number(&p.text).is_some_and(|n| n.components().is_some())) {
        return (paras, Outcome::Numbered);
    }
    let numbers = number(region);
    let clauses = numbers.iter().filter(|n| n.as_deref().is_some_and(|n| !n.contains('.'))).count();
    if clauses < 3 {
        return (paras, Outcome::Numbered);
    }
    match vouch(&paras, start, &numbers) {
        Ok(rebuilt) => {
            let mut out = paras;
            for (p, n) in out[start..end].iter_mut().zip(&numbers) {
                if let Some(n) = n {
                    let shown = if n.contains('.') { n.clone() } else { format!("{n}.") };
                    p.text = format!("{shown} {}", p.text);
                }
            }
            (out, Outcome::Rebuilt(Rebuilt { clauses, ..rebuilt }))
        }
        Err(why) => (paras, Outcome::Missing(why)),
    }
}

/// The paragraphs that hold the clauses: from the first heading after the
/// recitals (or the parties) to the first schedule or signature block.
fn clause_region(paras: &[Para]) -> Option<(usize, usize)> {
    let end = paras
        .iter()
        .position(|p| p.schedule.is_some() || is_execution_start(&p.text) || is_execution_lead(&p.text))
        .unwrap_or(paras.len());
    // The clauses follow the recitals and the words that introduce them
    // ("IT IS AGREED:", "NOW IT IS HEREBY AGREED as follows:").
    let lead_in = |t: &str| {
        let lower = t.to_lowercase();
        is_recitals_heading(t) || (lower.contains("agreed") && (t.ends_with(':') || lower.ends_with("as follows")))
    };
    let after = paras[..end].iter().rposition(|p| lead_in(&p.text)).map_or(0, |i| i + 1);
    let start = (after..end).find(|&i| is_heading(&paras[..end], i) && !is_preamble_line(&paras[i].text))?;
    Some((start, end))
}

/// "BETWEEN", "PARTIES", a party with its defined name ("ACME COUNCIL
/// (the \"Council\")"): the preamble's, never a clause heading.
fn is_preamble_line(text: &str) -> bool {
    let t = text.trim_end_matches(':');
    t.eq_ignore_ascii_case("between")
        || t.eq_ignore_ascii_case("parties")
        || t.contains("(\"")
        || t.contains("(the \"")
        || t.contains("(“")
        || t.contains("(the “")
}

/// A heading: a short title ("Pooled Fund Manager", "Term") followed by
/// text that is not another title.
fn is_heading(paras: &[Para], i: usize) -> bool {
    let p = &paras[i];
    let title = |t: &str| {
        !ends_with_terminator(t)
            && !t.contains(';')
            && is_title_like(t)
            && t.split_whitespace().count() <= 10
            && !starts_definition(t)
    };
    !p.bullet && title(&p.text) && paras.get(i + 1).is_some_and(|n| !title(&n.text) && !n.bullet)
}

/// The number each paragraph of the region gets: `1` for a heading, `1.2`
/// for a paragraph, `1.2.1` for an item of a list that `1.2` introduces,
/// nothing for a definition (or text before the first heading).
fn number(region: &[Para]) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(region.len());
    let (mut clause, mut sub, mut item) = (0usize, 0usize, 0usize);
    let mut list_open = false;
    // "…; and": whatever it looks like, the next paragraph is the last item.
    let mut last_item_next = false;
    for (i, p) in region.iter().enumerate() {
        let text = p.text.as_str();
        if is_heading(region, i) {
            clause += 1;
            sub = 0;
            list_open = false;
            last_item_next = false;
            out.push(Some(clause.to_string()));
        } else if clause == 0 || starts_definition(text) {
            out.push(None);
        } else if list_open && (text.starts_with(char::is_lowercase) || continues_list(text) || last_item_next) {
            item += 1;
            // "…; and" / "… or": the list goes on; a full stop ends it.
            list_open = !text.trim_end().ends_with('.');
            last_item_next = text.trim_end().ends_with(" and") || text.trim_end().ends_with(" or");
            out.push(Some(format!("{clause}.{sub}.{item}")));
        } else {
            sub += 1;
            item = 0;
            list_open = text.trim_end().ends_with(':');
            last_item_next = false;
            out.push(Some(format!("{clause}.{sub}")));
        }
    }
    out
}

/// An item of a list whatever its first letter: it ends as a list's items
/// do, "…;", "…; and", "…; or" ("Monitor the Services;").
fn continues_list(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(';') || t.ends_with("; and") || t.ends_with("; or")
}

/// Checks the rebuilt numbers against the text's references to clauses.
fn vouch(paras: &[Para], start: usize, numbers: &[Option<String>]) -> Result<Rebuilt, String> {
    let targets: Vec<(&str, usize)> =
        numbers.iter().enumerate().filter_map(|(i, n)| n.as_deref().map(|n| (n, start + i))).collect();
    let mut references = 0;
    let mut confirmed = 0;
    for (at, p) in paras.iter().enumerate() {
        for c in REFERENCE.captures_iter(&p.text) {
            // "Clause 5.2 of the Original Agreement": another document's.
            if c.get(2).is_some_and(|m| !m.as_str().trim_end().ends_with("Agreement") || other_document(m.as_str())) {
                continue;
            }
            let key = &c[1];
            let Some(&(_, target)) = targets.iter().find(|(n, _)| *n == key) else {
                return Err(format!("its reference to Clause {key} (line {}) would land on no rebuilt number", p.line));
            };
            references += 1;
            let scope = scope_of(numbers, start, target);
            // A provision that names itself proves nothing.
            let own = (scope.0..scope.1).contains(&at);
            if !own && about(&p.text, &paras[scope.0..scope.1]) {
                confirmed += 1;
            }
        }
    }
    if references == 0 {
        return Err("it has no references to clauses to check rebuilt numbers against".to_string());
    }
    if confirmed * 2 < references {
        return Err(format!(
            "only {confirmed} of its {references} references to clauses land on a provision about what they say"
        ));
    }
    Ok(Rebuilt { clauses: 0, references, confirmed })
}

/// "of the Original Agreement", "of the Reablement Agreement": an agreement
/// with a name is another one; "of the Agreement" is this one.
fn other_document(qualifier: &str) -> bool {
    qualifier.split_whitespace().count() > 3
}

/// The paragraphs a reference to the provision at `target` covers: a
/// clause with everything under it, a paragraph with its items.
fn scope_of(numbers: &[Option<String>], start: usize, target: usize) -> (usize, usize) {
    let key = numbers[target - start].clone().unwrap_or_default();
    let prefix = format!("{key}.");
    let mut end = target + 1;
    while let Some(n) = numbers.get(end - start) {
        match n {
            Some(n) if !n.starts_with(&prefix) => break,
            _ => end += 1,
        }
    }
    (target, end)
}

/// Whether the referring paragraph and the target share what they are
/// about: a definition's term ("\"Annual Return\" means the return described
/// in Clause 9.3" → 9.3 mentions the Annual Return), or a telling word
/// ("terminated earlier under Clause 17" → 17 Termination).
fn about(referring: &str, target: &[Para]) -> bool {
    let target_text: String = target.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
    if let Some(term) = defined_term(referring) {
        return target_text.to_lowercase().contains(&term.to_lowercase());
    }
    let stems = |t: &str| -> HashSet<String> {
        t.split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .filter(|w| w.len() >= 5 && !COMMON.contains(&w.as_str()))
            .map(|w| w.chars().take(6).collect())
            .collect()
    };
    !stems(referring).is_disjoint(&stems(&target_text))
}

/// The term a definition defines: `"Annual Return" means …` → "Annual Return".
fn defined_term(text: &str) -> Option<&str> {
    if !starts_definition(text) {
        return None;
    }
    let inner = &text[text.chars().next()?.len_utf8()..];
    let close = inner.find(['"', '”'])?;
    Some(&inner[..close])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASTED: &[&str] = &[
        "THIS AGREEMENT is made on 1 May 2021",
        "BACKGROUND",
        "The Partners wish to pool their funds.",
        "IT IS AGREED:",
        "Definitions",
        "In this Agreement:",
        "\"Annual Report\" means the report described in Clause 3.2;",
        "\"Term\" means three years.",
        "Term",
        "This Agreement continues for the Term unless terminated under Clause 4.",
        "Reporting",
        "The Manager shall:",
        "keep the accounts; and",
        "report monthly.",
        "The Manager shall give each Partner an Annual Report by 31 May.",
        "Termination",
        "Either Partner may terminate this Agreement on six months' notice.",
    ];

    #[test]
    fn numbers_are_rebuilt_where_the_references_vouch_for_them() {
        let (out, outcome) = rebuild(Para::plain(PASTED));
        let texts: Vec<&str> = out.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts[4..],
            [
                "1. Definitions",
                "1.1 In this Agreement:",
                "\"Annual Report\" means the report described in Clause 3.2;",
                "\"Term\" means three years.",
                "2. Term",
                "2.1 This Agreement continues for the Term unless terminated under Clause 4.",
                "3. Reporting",
                "3.1 The Manager shall:",
                "3.1.1 keep the accounts; and",
                "3.1.2 report monthly.",
                "3.2 The Manager shall give each Partner an Annual Report by 31 May.",
                "4. Termination",
                "4.1 Either Partner may terminate this Agreement on six months' notice.",
            ]
        );
        assert_eq!(outcome, Outcome::Rebuilt(Rebuilt { clauses: 4, references: 2, confirmed: 2 }));
    }

    #[test]
    fn list_items_in_capitals_are_items_while_the_list_goes_on() {
        let mut texts = PASTED.to_vec();
        texts[12] = "Keep the accounts; and";
        texts[13] = "Report monthly.";
        let (out, _) = rebuild(Para::plain(&texts));
        let numbered: Vec<&str> = out[11..15].iter().map(|p| p.text.split(' ').next().unwrap_or("")).collect();
        assert_eq!(numbered, ["3.1", "3.1.1", "3.1.2", "3.2"]);
    }

    #[test]
    fn a_reference_to_no_rebuilt_number_leaves_the_text_unnumbered() {
        let mut texts = PASTED.to_vec();
        texts[9] = "This Agreement continues for the Term unless terminated under Clause 9.";
        let (out, outcome) = rebuild(Para::plain(&texts));
        assert_eq!(out, Para::plain(&texts));
        assert!(matches!(&outcome, Outcome::Missing(why) if why.contains("Clause 9 (line 10)")), "{outcome:?}");
    }

    #[test]
    fn references_that_land_on_unrelated_provisions_leave_the_text_unnumbered() {
        let mut texts = PASTED.to_vec();
        // The Annual Report is described in 3.2; 3.1 is the Manager's list.
        texts[6] = "\"Annual Report\" means the report described in Clause 3.1.1;";
        texts[9] = "This Agreement continues for the Term unless ended under Clause 3.";
        let (_, outcome) = rebuild(Para::plain(&texts));
        assert!(matches!(&outcome, Outcome::Missing(why) if why.contains("only 0 of its 2")), "{outcome:?}");
    }

    #[test]
    fn without_references_nothing_is_rebuilt() {
        let mut texts = PASTED.to_vec();
        texts[6] = "\"Annual Report\" means the report the Manager gives each year;";
        texts[9] = "This Agreement continues for the Term.";
        let (out, outcome) = rebuild(Para::plain(&texts));
        assert_eq!(out, Para::plain(&texts));
        assert!(matches!(outcome, Outcome::Missing(_)));
    }

    #[test]
    fn the_preamble_gives_no_headings() {
        let mut texts = vec![
            "THIS AGREEMENT is made on 1 May 2021",
            "BETWEEN",
            "ACME COUNCIL (the \"Council\")",
            "B TRUST (the \"Trust\").",
        ];
        texts.extend_from_slice(&PASTED[4..]);
        let (out, outcome) = rebuild(Para::plain(&texts));
        assert!(matches!(outcome, Outcome::Rebuilt(Rebuilt { clauses: 4, .. })), "{outcome:?}");
        assert_eq!(out[1].text, "BETWEEN");
        assert_eq!(out[4].text, "1. Definitions");
    }

    #[test]
    fn numbered_text_is_left_alone() {
        let texts = ["THIS AGREEMENT", "1 Definitions", "1.1 In this Agreement:", "2 Term", "2.1 Three years."];
        let (out, outcome) = rebuild(Para::plain(&texts));
        assert_eq!((out, outcome), (Para::plain(&texts), Outcome::Numbered));
    }
}
