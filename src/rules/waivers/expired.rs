//! `waiver.expired`: a waiver past its expiry date (found by [`super::apply`]).

use crate::rules::{Example, Rule, Severity};

pub static EXPIRED: Rule = Rule {
    code: "waiver.expired",
    severity: Severity::Error,
    summary: "a waiver's expiry date has passed",
    doc: "A waiver accepts a finding until a date. After it, the finding counts again and the waiver itself is \
          reported, so someone decides afresh: renew it with a new date and approver, or fix the text.",
    example: Example::Config(
        "[[waivers]]\ncode = \"terms.unused\"\nmatches = \"Notice Period\"\nreason = \"kept for the 2027 renewal\"\napproved_by = \"Legal Services\"\nexpires = 2025-01-01",
    ),
};
