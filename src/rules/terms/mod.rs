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
mod redundant_definition;
#[cfg(test)]
mod testkit;
mod undefined;
mod unused;

pub use abbreviation::ABBREVIATION;
pub use duplicates::DUPLICATE;
pub use malformed::MALFORMED;
pub use miscapitalised::MISCAPITALISED;
pub use near_miss::NEAR_MISS;
pub use redundant_definition::REDUNDANT;
pub use undefined::UNDEFINED;
pub use unused::UNUSED;

use crate::loading::LoadError;
use crate::model::Agreement;
use crate::model::definitions::definitions;
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] =
    &[&UNUSED, &UNDEFINED, &NEAR_MISS, &MISCAPITALISED, &ABBREVIATION, &DUPLICATE, &REDUNDANT, &MALFORMED];

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

impl Family for Terms {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
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
