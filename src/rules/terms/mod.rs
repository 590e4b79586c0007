//! `terms.*` rules.

use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, RuleInfo};

pub struct Terms;

impl Family for Terms {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        Vec::new()
    }

    fn check(&self, _: &Agreement, _: &Context, _: &mut Vec<Finding>) {}
}
