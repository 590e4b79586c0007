//! `terms.duplicate-definition` and `terms.redundant-definition`.
//!
//! The same name defined twice is an error when both are definitions-clause
//! definitions with different meanings (which one applies?), and a warning
//! otherwise: the same meaning twice, or an inline re-definition ("(the
//! ‘Agreement’)" in a schedule, whose "meaning" is only the words before it
//! and cannot be compared). Two different terms with identical meanings
//! ("Board" and "Section 75 Board") are a warning too.

use std::collections::BTreeMap;

use super::abbreviation::statute_of;
use super::{REDUNDANT, quoted};
use crate::model::definitions::{Definition, DefinitionForm};
use crate::model::{Agreement, Section};
use crate::rules::xref::singular;
use crate::rules::{Example, Finding, Rule, Severity};

pub static DUPLICATE: Rule = Rule {
    code: "terms.duplicate-definition",
    severity: Severity::Error,
    summary: "a term is defined twice in the definitions with different meanings",
    doc: "Two definitions of one term with different meanings leave the reader to choose; so does a definition \
          for one schedule (\"In this Schedule “Carer” includes …\") that differs from the agreement's. Keep one, \
          or give the two meanings different names.",
    example: Example::Body(
        "## 14 Further Definitions\n\n14.1 In this Agreement:\n\n\"Term\" means one year from the Commencement Date;",
    ),
};

/// Names compare without case, articles, straight/curly apostrophes, and with the last word singular.
fn name_key(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.split_last() {
        Some((last, head)) => {
            let mut k = head.join(" ");
            if !k.is_empty() {
                k.push(' ');
            }
            k + &singular(last)
        }
        None => String::new(),
    }
}

/// Meanings compare without case, spacing and closing punctuation.
fn meaning_key(meaning: &str) -> String {
    let words: Vec<String> = meaning.split_whitespace().map(str::to_lowercase).collect();
    words.join(" ").trim_end_matches([';', '.', ',', ' ']).to_string()
}

pub fn check(a: &Agreement, defs: &[Definition], out: &mut Vec<Finding>) {
    same_name(a, defs, out);
    same_meaning(defs, out);
}

fn same_name(a: &Agreement, defs: &[Definition], out: &mut Vec<Finding>) {
    // Name key → the first definition using it, and the name as written there.
    let mut first: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for (i, d) in defs.iter().enumerate() {
        let mut reported = false;
        for name in d.names() {
            let k = name_key(name);
            match first.get(&k) {
                // One abbreviation for two Acts is `terms.abbreviation-two-meanings`.
                Some(&(j, _)) if two_acts(&defs[j], d) => {}
                Some(&(j, earlier_name)) if j != i && !reported => {
                    out.push(finding(a, &defs[j], earlier_name, d, name));
                    reported = true;
                }
                Some(_) => {}
                None => {
                    first.insert(k, (i, name));
                }
            }
        }
    }
}

/// Two definitions of one abbreviation for two Acts (or for one Act written two ways:
/// a redundancy `terms.abbreviation-two-meanings` does not report, and this rule need not).
fn two_acts(a: &Definition, b: &Definition) -> bool {
    matches!((statute_of(a), statute_of(b)), (Some(x), Some(y)) if x != y)
}

fn finding(a: &Agreement, earlier: &Definition, earlier_name: &str, later: &Definition, name: &str) -> Finding {
    // The definitions clause is where a term lives: an inline definition of
    // the same name in the operative text is the extra one, even where it
    // comes first. The parties' names in the preamble are defined there by
    // convention, so there the later definition is the extra one.
    let in_preamble = |d: &Definition| {
        d.doc.document(a).and_then(|doc| doc.blocks.get(d.block)).is_some_and(|b| b.section == Section::Preamble)
    };
    if earlier.form == DefinitionForm::Inline
        && later.form == DefinitionForm::Clause
        && !later.scoped
        && !in_preamble(earlier)
    {
        return Finding::new(
            &REDUNDANT,
            earlier.span.clone(),
            format!("{} is defined here and again in the definitions", quoted(earlier_name)),
        )
        .label("defined here in passing")
        .related(later.span.clone(), "the definition")
        .help("keep the definition and use the term here; if the two meanings differ, give them different names");
    }
    let both_clause = earlier.form == DefinitionForm::Clause && later.form == DefinitionForm::Clause;
    let differ = meaning_key(&earlier.meaning) != meaning_key(&later.meaning);
    let (code, message) = if both_clause && differ && later.scoped {
        (
            &DUPLICATE,
            format!("{} is defined again for this part, with a meaning different from its definition", quoted(name)),
        )
    } else if both_clause && differ {
        (&DUPLICATE, format!("{} is defined twice, with different meanings", quoted(name)))
    } else if later.form == DefinitionForm::Inline && earlier.form == DefinitionForm::Clause {
        (&REDUNDANT, format!("{} is defined again here; {} is already defined", quoted(name), quoted(earlier_name)))
    } else {
        (&REDUNDANT, format!("{} is defined twice", quoted(name)))
    };
    Finding::new(code, later.span.clone(), message)
        .label("defined again")
        .related(earlier.span.clone(), "first defined here")
        .help("keep one definition; if the meanings really differ, give the terms different names")
}

fn same_meaning(defs: &[Definition], out: &mut Vec<Finding>) {
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, d) in defs.iter().enumerate().filter(|(_, d)| d.form == DefinitionForm::Clause) {
        let k = meaning_key(&d.meaning);
        // Short meanings ("the Trust;") say too little to call two terms the same.
        if k.len() < 30 {
            continue;
        }
        match first.get(&k) {
            Some(&j) if name_key(defs[j].core()) != name_key(d.core()) => out.push(
                Finding::new(
                    &REDUNDANT,
                    d.span.clone(),
                    format!("{} and {} are defined identically", quoted(&d.term), quoted(&defs[j].term)),
                )
                .label("same meaning")
                .related(defs[j].span.clone(), "defined identically here")
                .help("keep one term and use it throughout"),
            ),
            Some(_) => {}
            None => {
                first.insert(k, i);
            }
        }
    }
}
