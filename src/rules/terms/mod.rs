//! `terms.*`: defined terms that are unused, near-missed, defined twice,
//! malformed, or capitalised phrases used as if defined.
//!
//! Definitions come from [`crate::model::definitions`]; the text is read
//! once into an [`index::Index`] of words that every check shares.

mod duplicates;
mod index;
mod malformed;
mod near_miss;
mod redundant_definition;
mod undefined;
mod unused;

pub use duplicates::DUPLICATE;
pub use malformed::MALFORMED;
pub use near_miss::NEAR_MISS;
pub use redundant_definition::REDUNDANT;
pub use undefined::UNDEFINED;
pub use unused::UNUSED;

use crate::model::Agreement;
use crate::model::definitions::definitions;
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[&UNUSED, &UNDEFINED, &NEAR_MISS, &DUPLICATE, &REDUNDANT, &MALFORMED];

pub struct Terms;

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
        let counts = unused::check(&ix, &uses, out);
        near_miss::check(&ix, &uses, &counts, out);
        undefined::check(&ix, &uses, out);
        duplicates::check(&defs, out);
        malformed::check(&defs, out);
    }
}

/// "“Term”" for messages.
fn quoted(term: &str) -> String {
    format!("“{term}”")
}
