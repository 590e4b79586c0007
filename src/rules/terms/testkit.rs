//! For the unit tests of the `terms` rules: the family run over real text.

use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, Rule};

/// The findings of `rule` (a `terms` rule) on `a`.
pub fn findings(a: &Agreement, rule: &'static Rule) -> Vec<Finding> {
    let cx = Context::new(jiff::civil::date(2026, 11, 24));
    let mut out = Vec::new();
    super::Terms::new(&cx).expect("the built-in packs read").check(a, &cx, &mut out);
    out.retain(|f| std::ptr::eq(f.rule, rule));
    out
}

/// The real 2019 agreement.
pub fn coventry_2019() -> Agreement {
    crate::rules::testing::bundled().remove(0)
}

/// The 2019 agreement's metadata (its parties) with `body` as its text and no schedules:
/// a passage in another house style, read as s75 reads an agreement.
pub fn with_body(body: &str) -> Agreement {
    crate::rules::testing::with_body(coventry_2019(), body)
}

/// The messages of `findings`.
pub fn messages(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| f.message.clone()).collect()
}
