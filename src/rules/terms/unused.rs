//! `terms.unused`: a definition whose term is never used in operative text.
//!
//! Operative text is everything outside the definitions clause and outside
//! headings: a term used only inside another definition ("Host Authority"
//! in the definition of "The Partners") or only as a heading ("Equipment"
//! as the title of clause 12) does no work. A use need not be exact: "the
//! TUPE legislation" uses "TUPE Legislation" (and is a near miss of it);
//! "Potential Safeguarding Adults Review Case" does not use "Potential
//! Adult Safeguarding Review case".

use crate::fast_hash::HashSet;

use super::index::{Hit, Index};
use super::quoted;
use crate::model::DocId;
use crate::model::definitions::DefinitionForm;
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNUSED: Rule = Rule {
    code: "terms.unused",
    severity: Severity::Warning,
    summary: "a defined term is never used outside the definitions",
    doc: "A definition nobody uses is dead text, and often a sign that the text uses a different name for the same \
          thing (\"Council's Nominated Professional Supervisor\" where \"Council's Designated Professional \
          Supervisor\" is defined). Uses are counted in the body and the schedules outside the definitions clause \
          and outside headings, case-sensitively, allowing the plural or singular of the last word, a possessive, \
          and the term's aliases. Remove the definition or use it.",
    example: Example::Body("## 14 Notices\n\n14.1 Notices shall be given within one month (the \"Notice Period\")."),
};

/// Reports unused definitions; returns the number of operative uses of each
/// definition (exact or not), which the near-miss check also needs.
pub fn check(ix: &Index, uses: &[Hit], out: &mut Vec<Finding>) -> Vec<usize> {
    // Blocks of the definitions clause: uses there do not count.
    let definition_blocks: HashSet<(DocId, usize)> = ix
        .defs
        .iter()
        .filter(|d| d.form == DefinitionForm::Clause)
        .flat_map(|d| d.blocks.clone().map(move |b| (d.doc, b)))
        .collect();
    let in_definitions: Vec<bool> = ix.blocks.iter().map(|b| definition_blocks.contains(&(b.doc, b.block))).collect();
    let mut operative = vec![0usize; ix.defs.len()];
    let mut headings: Vec<Vec<&Hit>> = vec![Vec::new(); ix.defs.len()];
    for h in uses {
        let b = &ix.blocks[h.block];
        if in_definitions.get(h.block).copied().unwrap_or(false) {
            continue;
        }
        for &p in ix.twins(h.pattern) {
            let d = ix.patterns[p].def;
            // An inline definition's own quoted term is not a use of it.
            let def = &ix.defs[d];
            let own = (b.doc, b.block) == (def.doc, def.block)
                && b.tokens.get(h.at).is_some_and(|t| t.start < def.names_range.end && def.names_range.start < t.end);
            if own {
                continue;
            }
            if b.heading {
                headings[d].push(h);
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
        out.push(f);
    }
    operative
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
