//! `numbering.*` rules.

use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, RuleInfo};

pub struct Numbering;

impl Family for Numbering {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        Vec::new()
    }

    fn check(&self, _: &Agreement, _: &Context, _: &mut Vec<Finding>) {}
}
