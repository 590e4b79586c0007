//! `numbering.out-of-order`: a number is lower than the one before it at the same level.

use crate::rules::{Example, Rule, Severity};

pub static OUT_OF_ORDER: Rule = Rule {
    code: "numbering.out-of-order",
    severity: Severity::Error,
    summary: "a number is lower than the one before it at the same level",
    doc: "Numbers at one level must increase in reading order. A lower number that is not a repeat (2.4 after 2.6) \
          means provisions were moved or mistyped, and a reference to either number may no longer point where the \
          drafter meant.",
    example: Example::Body("2.6 The Partners shall …\n\n2.4 The Trust shall …"),
};
