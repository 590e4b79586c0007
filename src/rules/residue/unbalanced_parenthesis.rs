//! `residue.unbalanced-parenthesis`: a round bracket without its partner.

use crate::rules::{Example, Rule, Severity};

pub static UNBALANCED_PARENTHESIS: Rule = Rule {
    code: "residue.unbalanced-parenthesis",
    severity: Severity::Warning,
    summary: "a round bracket without its partner",
    doc: "An unclosed `(` leaves the reader to guess where the parenthesis ends; a `)` with nothing to close is a \
          typing slip. A warning: it is punctuation, not a drafting option left open. Enumerators written with a \
          closing bracket only (\"a) …; b) …\") are not reported, and a parenthesis that runs on across a paragraph \
          break is accepted.",
    example: Example::Body(
        "## 14 Advocacy\n\n14.1 The Trust shall instruct Independent Mental Capacity Advocates (under the Mental Capacity Act 2005.",
    ),
};
