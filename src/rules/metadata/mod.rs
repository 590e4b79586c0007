//! `metadata.*`: problems in `agreement.toml`, and metadata that disagrees
//! with the text (a party's defined name that the text never uses). The
//! loader reports the first four kinds as it reads agreement.toml; each
//! other rule checks the agreement itself.

mod duplicate_party;
mod empty_schedule;
mod incomplete;
mod invalid_value;
mod missing_field;
mod negative_amount;
mod nul_byte;
mod party_not_in_text;
mod schedule_mismatch;
mod unknown_key;
mod wrong_type;

pub use duplicate_party::DUPLICATE_PARTY;
pub use empty_schedule::EMPTY_SCHEDULE;
pub use incomplete::INCOMPLETE;
pub use invalid_value::INVALID_VALUE;
pub use missing_field::MISSING_FIELD;
pub use negative_amount::NEGATIVE_AMOUNT;
pub use nul_byte::NUL_BYTE;
pub use party_not_in_text::{PARTY_NOT_IN_TEXT, contains_word};
pub use schedule_mismatch::SCHEDULE_MISMATCH;
pub use unknown_key::UNKNOWN_KEY;
pub use wrong_type::WRONG_TYPE;

use crate::model::Agreement;
use crate::model::metadata::MetaProblemKind;
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[
    &UNKNOWN_KEY,
    &WRONG_TYPE,
    &MISSING_FIELD,
    &INVALID_VALUE,
    &INCOMPLETE,
    &PARTY_NOT_IN_TEXT,
    &SCHEDULE_MISMATCH,
    &NEGATIVE_AMOUNT,
    &DUPLICATE_PARTY,
    &EMPTY_SCHEDULE,
    &NUL_BYTE,
];

pub struct Metadata;

impl Family for Metadata {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        // An import's unfinished skeleton: its missing keys are one warning.
        let unfinished = incomplete::is_unfinished_import(a);
        let missing: Vec<_> =
            a.meta.problems.iter().filter(|p| unfinished && p.kind == MetaProblemKind::MissingField).collect();
        out.extend(incomplete::finding(a, &missing));
        for p in a.meta.problems.iter().filter(|p| !(unfinished && p.kind == MetaProblemKind::MissingField)) {
            let code = match p.kind {
                MetaProblemKind::UnknownKey => &UNKNOWN_KEY,
                MetaProblemKind::WrongType => &WRONG_TYPE,
                MetaProblemKind::MissingField => &MISSING_FIELD,
                MetaProblemKind::InvalidValue => &INVALID_VALUE,
            };
            out.push(Finding::new(code, p.span.clone(), p.message.clone()));
        }
        invalid_value::check_id(a, out);
        party_not_in_text::check_parties_in_text(a, out);
        schedule_mismatch::check_schedule_headings(a, out);
        negative_amount::negative_contributions(a, out);
        duplicate_party::duplicate_parties(a, out);
        empty_schedule::empty_schedules(a, out);
        nul_byte::nul_bytes(a, out);
    }
}
