//! `numbering.gap`: a number is missing among sibling provisions or items.

use crate::rules::{Example, Rule, Severity};

pub static GAP: Rule = Rule {
    code: "numbering.gap",
    severity: Severity::Warning,
    summary: "a number is missing among sibling provisions or items",
    doc: "A missing number (2.1 then 2.3; a first sub-paragraph numbered 4.2; (a), (b), (d)) usually marks a \
          paragraph that lost its number or was deleted without renumbering. It is a warning, not an error: a gap \
          makes no reference ambiguous, and leaving a deleted clause's number unused keeps references stable \
          (better: keep the number with \"[Not used]\"). Inserted numbers such as 1A or 27A are not gaps.",
    example: Example::Body(
        "## 14 Notices\n\n14.1 Notices shall be in writing.\n\n14.3 Notices shall be sent to the addresses above.",
    ),
};
