//! `terms.*`: defined terms that are unused, near-missed, defined twice,
//! malformed, or capitalised phrases used as if defined.
//!
//! Definitions come from [`crate::model::definitions`]; the text is read
//! once into an [`index::Index`] of words that every check shares.

mod abbreviation;
mod as_if_defined;
mod duplicates;
mod index;
mod malformed;
mod miscapitalised;
mod names;
mod near_miss;
#[cfg(test)]
mod testkit;
mod undefined;
mod unused;

use crate::loading::LoadError;
use crate::model::Agreement;
use crate::model::definitions::definitions;
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};

pub struct Terms {
    names: names::Names,
    act_aliases: abbreviation::Aliases,
}

impl Terms {
    /// Reads the names pack from `cx.packs`; a malformed pack is a load error.
    pub fn new(cx: &Context) -> Result<Self, LoadError> {
        Ok(Terms {
            names: names::parse(&cx.packs.names, &cx.packs.stale)?,
            act_aliases: abbreviation::Aliases::of(&cx.packs.acts),
        })
    }
}

pub const UNUSED: &str = "terms.unused";
pub const UNDEFINED: &str = "terms.undefined";
pub const NEAR_MISS: &str = "terms.near-miss";
pub const DUPLICATE: &str = "terms.duplicate-definition";
pub const REDUNDANT: &str = "terms.redundant-definition";
pub const MALFORMED: &str = "terms.malformed-definition";

impl Family for Terms {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        vec![
            RuleInfo::new(
                UNUSED,
                Severity::Warning,
                "a defined term is never used outside the definitions",
                "A definition nobody uses is dead text, and often a sign that the text uses a different name \
                 for the same thing. Uses are counted anywhere but in the term's own definition and in headings \
                 (a use inside another definition counts: that definition carries it into the text), \
                 case-sensitively, allowing the plural or singular of the last word, a possessive, and the \
                 term's aliases. Where the text nearly uses the term (\"Council's Nominated Professional \
                 Supervisor\" for \"Council's Designated Professional Supervisor\"), the near miss is reported \
                 instead. Remove the definition or use it.",
                "“Financial Year” means each period of 12 months …   (and the text never says \"Financial Year\")",
            ),
            RuleInfo::new(
                UNDEFINED,
                Severity::Warning,
                "a capitalised term is used as if defined, but is not defined",
                "Capitals promise a definition. Reported: a capitalised name of a body, document, post or \
                 process used after \"the\" in the body as if it were defined (\"the Joint Media Panel shall …\", \
                 \"the Escalation Protocol\"), or any capitalised name so used three times or more (a definition \
                 deleted while its term is still used), unless the agreement defines it, a definition refers to \
                 it, a heading names it, the sentence sets it up (\"established under clause 8\", \"at Schedule \
                 13\") or cites it with a year, it is a party's own (\"the Chief Executive of the Trust\") or named \
                 after the parties' place, or it is a body, post or document the law creates (the names pack, \
                 with sources, and the stale-name register); \"Party\"/\"Parties\" where the agreement defines \
                 \"Partners\"; a phrase said to be \"defined in Schedule 14\" that no definition defines; and a \
                 sibling of defined terms (\"Trust Functions\" beside \"NHS Functions\" and \"Council's \
                 Functions\") used twice or more. One finding per name, every place listed. Define the name \
                 (what it is and where it is set up), or use the defined one.",
                "that Party shall …   (the agreement defines “Partners”)",
            ),
            RuleInfo::new(
                NEAR_MISS,
                Severity::Warning,
                "a phrase is nearly, but not exactly, a defined term",
                "A defined term only carries its definition when it is used as defined. A phrase with the \
                 same words in another order, a word in another number or without its possessive (\"Council \
                 Functions\" for \"Council's Functions\"), a misspelt word, one middle word changed in a long \
                 term (\"Council's Nominated Professional Supervisor\"), or the last word of a long name changed \
                 (\"Approved Mental Health Practitioner\") may not invoke it. A word only in another case is \
                 `terms.miscapitalised`; the plural or singular of the last word, or of the head of a post's \
                 title (\"General Managers for Social Care Governance\"), is a use (\"words denoting the \
                 singular include the plural\"). Each variant is reported once, with its other occurrences; \
                 where the text writes the term one way three times or more and the defined form hardly \
                 ever, the finding sits on the definition, which is the one to fix.",
                "report each Potential Safeguarding Adults Review Case   (defined: “Potential Adult Safeguarding Review case”)",
            ),
            miscapitalised::info(),
            abbreviation::info(),
            RuleInfo::new(
                DUPLICATE,
                Severity::Error,
                "a term is defined twice in the definitions with different meanings",
                "Two definitions of one term with different meanings leave the reader to choose; so does a \
                 definition for one schedule (\"In this Schedule “Carer” includes …\") that differs from the \
                 agreement's. Keep one, or give the two meanings different names.",
                "“Term” means one year …\n“Term” means the period from the Commencement Date to 31 March 2022.",
            ),
            RuleInfo::new(
                REDUNDANT,
                Severity::Warning,
                "a term is defined again, or two terms are defined identically",
                "A second definition with the same meaning, an inline re-definition of a term already \
                 defined (\"(the ‘Agreement’)\" in a schedule), or two terms with identical definitions \
                 (\"Board\" and \"Section 75 Board\") invite the reader to look for a difference that is not \
                 there, and drift apart at the next edit. Keep one, and use it.",
                "“Board” means the Section 75 Strategic Board …\n“Section 75 Board” means the Section 75 Strategic Board …",
            ),
            RuleInfo::new(
                MALFORMED,
                Severity::Warning,
                "a definition is not written as a definition",
                "A definition is `“Term” means …;`. Reported: no \"means\" (`“Carer” an individual who …`), two \
                 alternative terms in one pair of quotes, quotes left open (brackets are the residue rules' \
                 business), no closing \";\" or \".\", an inline definition that defines a name as itself (`the Equality Act, (“the Equality \
                 Act”)`), and terms opened with a closing quote (`”the 2006 Act”`, reported once for all).",
                "“Carer” an individual who meets the Eligibility Criteria …",
            ),
        ]
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        let defs = definitions(a);
        if defs.is_empty() {
            return;
        }
        let ix = index::Index::new(a, &defs);
        let uses = index::longest(ix.uses());
        let (counts, unused) = unused::check(&ix, &uses);
        let near_missed = near_miss::check(&ix, &uses, &counts, out);
        // A term never used because the text nearly uses it: the near miss says so.
        out.extend(unused.into_iter().filter(|(d, _)| !near_missed.contains(d)).map(|(_, f)| f));
        undefined::check(&ix, &uses, out);
        as_if_defined::check(&ix, &self.names, out);
        abbreviation::check(&ix, &uses, &self.act_aliases, out);
        duplicates::check(a, &defs, out);
        malformed::check(&defs, out);
    }
}

/// "“Term”" for messages.
fn quoted(term: &str) -> String {
    format!("“{term}”")
}
