//! `metadata.unknown-key`: a key agreement.toml does not define (reported by
//! the loader as a [`MetaProblemKind::UnknownKey`](crate::model::metadata::MetaProblemKind)).
//! Its findings are made by [`super`], from the problems the loader records
//! while reading agreement.toml.

use crate::rules::{Example, Rule, Severity};

pub static UNKNOWN_KEY: Rule = Rule {
    code: "metadata.unknown-key",
    severity: Severity::Error,
    summary: "agreement.toml has a key s75 does not know",
    doc: "A key s75 does not read is information that is silently ignored, usually a misspelling (`comencement`). \
          Correct it, or remove it. docs/FORMAT.md lists every key.",
    example: Example::Metadata("[term]\ncomencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31"),
};
