//! `statute.*` rules.

use crate::loading::LoadError;
use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, RuleInfo};

pub struct Statute;

impl Statute {
    /// Reads this family's rule pack from `cx.packs`; a malformed pack is a load error.
    pub fn new(_cx: &Context) -> Result<Self, LoadError> {
        Ok(Statute)
    }
}

impl Family for Statute {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        Vec::new()
    }

    fn check(&self, _: &Agreement, _: &Context, _: &mut Vec<Finding>) {}
}
