//! `residue.lone-punctuation`: a paragraph consists only of punctuation.

use crate::rules::{Example, Rule, Severity};

pub static LONE_PUNCTUATION: Rule = Rule {
    code: "residue.lone-punctuation",
    severity: Severity::Warning,
    summary: "a paragraph consists only of punctuation",
    doc: "A paragraph that is just \".\" is a left-over of editing: a deleted sentence's full stop. Delete it.",
    example: Example::Body("2.7 Respond to referrals …\n\n.\n\n3.3 Records relating to …"),
};
