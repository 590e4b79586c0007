//! `citations.*`: Acts and statutory instruments cited wrongly — a title
//! no Act or instrument has ("Equalities Act 2010"), an SI number in a form no one can
//! look up ("ST 2006/246"), a title beside another instrument's number,
//! a subsection a section does not have ("section 75(a)").
//!
//! The knowledge is data with sources: Acts, their years and the structure
//! of the sections these agreements cite in `stale/acts.toml` (shared with
//! `stale.act-year`), statutory instruments in `instruments.toml`.

mod data;
pub mod malformed;
pub mod subsection;
pub mod unknown_act;
pub mod unknown_instrument;
pub mod wrong_instrument;

use regex::Regex;

use crate::loading::LoadError;
use crate::model::agreement::documents;
use crate::model::words::WordFlags;
use crate::model::{Agreement, Block};
use crate::rules::{Context, Family, Finding, Rule};
use data::Knowledge;

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[
    &unknown_act::UNKNOWN_ACT,
    &unknown_instrument::UNKNOWN_INSTRUMENT,
    &malformed::MALFORMED,
    &wrong_instrument::WRONG_INSTRUMENT,
    &subsection::SUBSECTION,
];

pub struct Citations {
    knowledge: Knowledge,
    /// The instruments' titles as patterns, compiled once.
    titles: Vec<(Regex, usize)>,
}

impl Citations {
    /// Reads the Acts and instruments packs; a malformed pack is a load error.
    pub fn new(cx: &Context) -> Result<Self, LoadError> {
        let knowledge = Knowledge::read(&cx.packs.acts, &cx.packs.instruments)?;
        let titles = wrong_instrument::titles(&knowledge);
        Ok(Citations { knowledge, titles })
    }
}

impl Family for Citations {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        let k = &self.knowledge;
        unknown_act::check(a, k, out);
        unknown_instrument::check(a, k, out);
        malformed::check(a, k, out);
        wrong_instrument::check(a, k, &self.titles, out);
        subsection::check(a, k, out);
    }
}

/// The blocks, in reading order, with one of `words` as a whole word. A
/// citation's pattern needs its key word ("Act", "Regulations") standing
/// alone: as it is a run of letters, the agreement's words say which blocks
/// hold one without reading their text.
fn blocks_with<'a>(a: &'a Agreement, words: &[&str]) -> Vec<&'a Block> {
    let has_word = WordFlags::of_spellings(a.words(), words);
    let mut out = Vec::new();
    for (id, doc) in documents(a) {
        out.extend(doc.blocks.iter().enumerate().filter(|&(i, _)| has_word.of_block(id, i) != 0).map(|(_, b)| b));
    }
    out
}

/// For the unit tests of the `citations` rules.
#[cfg(test)]
pub(crate) mod testing {
    use super::Knowledge;
    use crate::model::Agreement;
    use crate::rules::testing::{bundled, with_body};

    /// The built-in Acts and instruments.
    pub fn knowledge() -> Knowledge {
        let p = crate::rules::Packs::builtin();
        Knowledge::read(&p.acts, &p.instruments).expect("reads")
    }

    /// The bundled pooled-fund agreement with `body` as its only text.
    pub fn pool_with_body(body: &str) -> Agreement {
        with_body(bundled().swap_remove(2), body)
    }
}
