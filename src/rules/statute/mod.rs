//! `statute.*`: what section 75 of the NHS Act 2006 and SI 2000/617 require
//! of a partnership agreement, checked against the statute pack.
//!
//! - `requirements.toml` — the pack: requirements, elements, party kinds,
//!   excluded functions, sources (data a lawyer edits);
//! - [`pack`] — reads and checks the pack, compiling its phrases;
//! - [`phrase`] — the phrase language used to recognise clauses;
//! - [`types`] — what the pack, the facts and the evaluation share;
//! - [`facts`] — the facts from agreement.toml the pack can name;
//! - [`refs`] — clause references written in agreement.toml;
//! - [`recognise`] — finding the clause that states an element;
//! - [`evaluate`] — the pack applied to one agreement (shared with the matrix);
//! - [`diags`] — findings of the rules, each rule in its own file.

mod declared_clause_missing;
mod declared_not_applicable;
pub mod diags;
pub mod evaluate;
pub mod facts;
pub mod pack;
pub mod phrase;
pub mod recognise;
pub mod refs;
pub mod text;
pub mod types;
mod unknown_requirement;
mod unmet;
mod unmet_unverified;

pub use declared_clause_missing::DECLARED_CLAUSE_MISSING;
pub use declared_not_applicable::DECLARED_NOT_APPLICABLE;
pub use unknown_requirement::UNKNOWN_REQUIREMENT;
pub use unmet::UNMET;
pub use unmet_unverified::UNMET_UNVERIFIED;

pub use evaluate::{Evaluation, Outcome, Status, evaluate};
pub use pack::Pack;
pub use types::{Evidence, How};

use crate::loading::LoadError;
use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] =
    &[&UNMET, &UNMET_UNVERIFIED, &DECLARED_CLAUSE_MISSING, &UNKNOWN_REQUIREMENT, &DECLARED_NOT_APPLICABLE];

pub struct Statute {
    pack: Pack,
}

impl Statute {
    /// Reads this family's rule pack from `cx.packs`; a malformed pack is a load error.
    pub fn new(cx: &Context) -> Result<Self, LoadError> {
        Ok(Statute { pack: Pack::parse(&cx.packs.statute)? })
    }

    pub fn pack(&self) -> &Pack {
        &self.pack
    }
}

impl Family for Statute {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    /// The pack's requirements, listed in the documentation of the rules
    /// that report them.
    fn details(&self, rule: &Rule) -> Vec<(&'static str, String)> {
        if rule.code == UNMET.code {
            vec![("pack", self.pack.file.path.clone()), ("verified", diags::requirement_list(&self.pack, true))]
        } else if rule.code == UNMET_UNVERIFIED.code {
            vec![("unverified", diags::requirement_list(&self.pack, false))]
        } else {
            Vec::new()
        }
    }

    fn check(&self, agreement: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        diags::findings(&evaluate(&self.pack, agreement), out);
    }
}
