//! `terms.unused`: a definition whose term is never used in operative text.
//!
//! A use is one anywhere but in the term's own definition and in headings:
//! a term used inside another definition ("the Trust acting as the Host
//! Authority" in the definition of "The Partners") is used, as the other
//! definition carries it into the text; a term used only as a heading
//! ("Equipment" as the title of clause 12) does no work. A use need not be exact: "the
//! TUPE legislation" uses "TUPE Legislation" (and is a near miss of it);
//! "Potential Safeguarding Adults Review Case" does not use "Potential
//! Adult Safeguarding Review case".

use super::index::{Hit, Index};
use super::quoted;
use crate::model::definitions::DefinitionForm;
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNUSED: Rule = Rule {
    code: "terms.unused",
    severity: Severity::Warning,
    summary: "a defined term is never used outside the definitions",
    doc: "A definition nobody uses is dead text, and often a sign that the text uses a different name \
          for the same thing. Uses are counted anywhere but in the term's own definition and in headings \
          (a use inside another definition counts: that definition carries it into the text), \
          case-sensitively, allowing the plural or singular of the last word, a possessive, and the \
          term's aliases. Where the text nearly uses the term (\"Council's Nominated Professional \
          Supervisor\" for \"Council's Designated Professional Supervisor\"), the near miss is reported \
          instead. Remove the definition or use it.",
    example: Example::Body("## 14 Notices\n\n14.1 Notices shall be given within one month (the \"Notice Period\")."),
};

/// The unused definitions, each with its finding, and the number of uses
/// of each definition (exact or not), which the near-miss check also needs.
/// A definition whose only uses are near misses is reported as a near miss,
/// not here too: the caller drops those (one defect, one finding).
pub fn check(ix: &Index, uses: &[Hit]) -> (Vec<usize>, Vec<(usize, Finding)>) {
    let mut operative = vec![0usize; ix.defs.len()];
    let mut headings: Vec<Vec<&Hit>> = vec![Vec::new(); ix.defs.len()];
    let mut out = Vec::new();
    for h in uses {
        let b = &ix.blocks[h.block];
        for &p in ix.twins(h.pattern) {
            let d = ix.patterns[p].def;
            let def = &ix.defs[d];
            // Its own definition does not use a term: a clause definition's
            // paragraphs, an inline definition's own quoted term.
            let own = match def.form {
                DefinitionForm::Clause => b.doc == def.doc && def.blocks.contains(&b.block),
                DefinitionForm::Inline => {
                    (b.doc, b.block) == (def.doc, def.block)
                        && b.tokens
                            .get(h.at)
                            .is_some_and(|t| t.start < def.names_range.end && def.names_range.start < t.end)
                }
            };
            if own {
                continue;
            }
            if b.heading {
                // "Terms of Reference" is a name of its own, not a heading use of "Term".
                let word = |i: usize| b.tokens.get(i).filter(|t| !t.hard_gap);
                let longer = word(h.at + h.len).is_some_and(|t| t.word.eq_ignore_ascii_case("of"))
                    && word(h.at + h.len + 1).is_some_and(|t| t.capitalised());
                if !longer {
                    headings[d].push(h);
                }
            } else {
                operative[d] += 1;
            }
        }
    }
    for (d, def) in ix.defs.iter().enumerate() {
        if operative[d] > 0 {
            continue;
        }
        let message = if headings[d].is_empty() {
            format!("{} is defined but never used", quoted(&def.term))
        } else {
            format!("{} is defined but used only in headings", quoted(&def.term))
        };
        let mut f = Finding::new(&UNUSED, def.span.clone(), message)
            .label("defined here")
            .help("remove the definition, or use the term where the text means it");
        for h in headings[d].iter().take(5) {
            if let Some(span) = ix.span(h.block, h.at, h.len) {
                f = f.related(span, "a heading, not a use");
            }
        }
        out.push((d, f));
    }
    (operative, out)
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::UNUSED);
        // a finding at agreement.md:39
        assert!(found.iter().any(|(file, line, _)| file.ends_with("/agreement.md") && *line == 39), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNUSED, &clean()), Vec::new());
    }
}
