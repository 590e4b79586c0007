//! `metadata.wrong-type`: a value of the wrong TOML type (reported by the loader).
//! Its findings are made by [`super`], from the problems the loader records
//! while reading agreement.toml.

use crate::rules::{Example, Rule, Severity};

pub static WRONG_TYPE: Rule = Rule {
    code: "metadata.wrong-type",
    severity: Severity::Error,
    summary: "a value in agreement.toml has the wrong type",
    doc: "Dates are unquoted TOML dates (2019-04-01), amounts are numbers, lists are arrays.",
    example: Example::Metadata("[term]\ncommencement = \"1 April 2024\"\nlength = \"3 years\"\nexpiry = 2027-03-31"),
};
