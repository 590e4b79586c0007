//! `arithmetic.*`: figures in the text that do not add up — a Total that is
//! not the sum of its figures, a contributions table that disagrees with
//! `agreement.toml`. Tables are read in every shape an agreement reaches
//! s75 in (see [`tables`]).

pub mod contributions;
mod figures;
mod stated;
mod tables;
pub mod total;

use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[&total::TOTAL, &contributions::CONTRIBUTIONS];

pub struct Arithmetic;

impl Family for Arithmetic {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        total::check(a, out);
        contributions::check(a, out);
    }
}
