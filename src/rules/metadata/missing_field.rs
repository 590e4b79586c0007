//! `metadata.missing-field`: a required key left out (reported by the loader;
//! in an unfinished import they are `metadata.incomplete` instead).
//! Its findings are made by [`super`], from the problems the loader records
//! while reading agreement.toml.

use crate::rules::{Example, Rule, Severity};

pub static MISSING_FIELD: Rule = Rule {
    code: "metadata.missing-field",
    severity: Severity::Error,
    summary: "a required key is missing from agreement.toml",
    doc: "Every agreement states its schema, id, title, status, parties (key, name, kind, defined name), arrangement \
          types and term (commencement and length or expiry).",
    example: Example::Metadata("[term]\nlength = \"3 years\"   # no commencement\nexpiry = 2027-03-31"),
};
