//! `residue.lone-punctuation`: a paragraph consists only of punctuation.

use crate::rules::{Example, Rule, Severity};

pub static LONE_PUNCTUATION: Rule = Rule {
    code: "residue.lone-punctuation",
    severity: Severity::Warning,
    summary: "a paragraph consists only of punctuation",
    doc: "A paragraph that is just \".\" is a left-over of editing: a deleted sentence's full stop. Delete it.",
    example: Example::Body(
        "## 14 Records\n\n14.1 The Trust shall keep records.\n\n.\n\n14.2 Records shall be kept for eight years.",
    ),
};
