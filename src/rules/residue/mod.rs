//! `residue.*`: drafting left-overs — placeholders, stray brackets, notes,
//! an undated date line or blank signature blocks in an agreement marked
//! signed, and references to schedules that are "Not used".
//!
//! Square brackets are also the agreement's own drafting ("[CWPT]",
//! "[Consultation]"), so placeholders are recognised by what the bracket
//! holds (see [`placeholder`]), never by the brackets alone.
//!
//! Each rule has its file; [`brackets`] and [`shape`] are single passes that
//! find the findings of several rules.

mod after_execution;
mod bare_number;
mod brackets;
mod dates;
mod draft_placeholder;
mod drafting_note;
mod empty_execution;
mod lone_punctuation;
mod not_used;
mod number_suffix;
mod placeholder;
mod shape;
mod stray_bracket;
mod unbalanced_parenthesis;
mod undated;

pub use after_execution::AFTER_EXECUTION;
pub use bare_number::BARE_NUMBER;
pub use draft_placeholder::DRAFT_PLACEHOLDER;
pub use drafting_note::DRAFTING_NOTE;
pub use empty_execution::EMPTY_EXECUTION;
pub use lone_punctuation::LONE_PUNCTUATION;
pub use not_used::NOT_USED_REFERENCE;
pub use number_suffix::NUMBER_SUFFIX;
pub use placeholder::PLACEHOLDER;
pub use stray_bracket::STRAY_BRACKET;
pub use unbalanced_parenthesis::UNBALANCED_PARENTHESIS;
pub use undated::UNDATED;

use crate::model::metadata::State;
use crate::model::{Agreement, BlockKind};
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[
    &PLACEHOLDER,
    &DRAFT_PLACEHOLDER,
    &STRAY_BRACKET,
    &NUMBER_SUFFIX,
    &UNBALANCED_PARENTHESIS,
    &UNDATED,
    &EMPTY_EXECUTION,
    &NOT_USED_REFERENCE,
    &DRAFTING_NOTE,
    &LONE_PUNCTUATION,
    &BARE_NUMBER,
    &AFTER_EXECUTION,
];

pub struct Residue;

impl Family for Residue {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, agreement: &Agreement, cx: &Context, out: &mut Vec<Finding>) {
        // A placeholder is an error unless the agreement says it is a draft.
        let draft = agreement.meta.status.as_ref().is_some_and(|s| s.state.value == State::Draft);
        let placeholder_rule = if draft { &DRAFT_PLACEHOLDER } else { &PLACEHOLDER };
        for doc in agreement.documents() {
            let placeholders = placeholder::in_document(doc);
            for ((i, b), hits) in doc.blocks.iter().enumerate().zip(placeholders) {
                if b.kind == BlockKind::Code {
                    continue;
                }
                placeholder::check_placeholders(b, hits, placeholder_rule, out);
                shape::check_block_shape(doc, i, out);
                brackets::check_number_suffix(b, out);
            }
            brackets::check_brackets(doc, out);
        }
        if agreement.meta.is_signed() {
            undated::check_date_line(agreement, out);
            empty_execution::check_execution(agreement, out);
        } else {
            undated::check_past_term(agreement, cx.today, out);
        }
        not_used::check_not_used_references(agreement, out);
        after_execution::check(agreement, out);
    }
}
