//! `numbering.out-of-order`: a number is lower than the one before it at the same level.
//! Its findings are made by [`super::report`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static OUT_OF_ORDER: Rule = Rule {
    code: "numbering.out-of-order",
    severity: Severity::Error,
    summary: "a number is lower than the one before it at the same level",
    doc: "Numbers at one level must increase in reading order. A lower number that is not a repeat (2.4 after 2.6) \
          means provisions were moved or mistyped, and a reference to either number may no longer point where the \
          drafter meant.",
    example: Example::Body(
        "## 14 Notices\n\n14.1 Notices shall be in writing.\n\n14.3 Notices shall be sent to the addresses above.\n\n14.2 A notice sent by post is received two days after posting.",
    ),
};
