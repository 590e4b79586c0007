//! `numbering.*`: the authored numbers of clauses, paragraphs and items.
//!
//! Agreements are cited by number, so a duplicate makes a reference
//! ambiguous and a lost number usually marks a lost or unnumbered paragraph.
//! Each document (the body, each schedule) is checked on its own, region by
//! region (see [`regions`]); dotted numbers (`2.3`) are checked by parent
//! ([`dotted`]) and item labels (`(a)`, `(iv)`) within the run of items of one
//! provision ([`items`]); [`report`] turns what they find into findings of
//! the four rules, each in its own file.

mod dotted;
mod duplicate;
mod gap;
mod items;
mod orphan;
mod out_of_order;
mod regions;
mod report;
mod sequence;

pub use duplicate::DUPLICATE;
pub use gap::GAP;
pub use orphan::ORPHAN;
pub use out_of_order::OUT_OF_ORDER;

use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[&DUPLICATE, &GAP, &OUT_OF_ORDER, &ORPHAN];

pub struct Numbering;

impl Family for Numbering {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, agreement: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        for doc in agreement.documents() {
            for region in regions::regions(doc) {
                report::check_dotted(doc, &region, out);
                report::check_items(doc, &region, out);
            }
        }
    }
}
