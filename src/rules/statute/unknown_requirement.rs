//! `statute.unknown-requirement`: agreement.toml [satisfies] names a requirement the statute pack does not have.
//! Its findings are made by [`super::diags`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static UNKNOWN_REQUIREMENT: Rule = Rule {
    code: "statute.unknown-requirement",
    severity: Severity::Error,
    summary: "agreement.toml [satisfies] names a requirement the statute pack does not have",
    doc: "Every key of [satisfies] must be the id of a requirement in the statute pack, or the declaration satisfies \
          nothing. Usually a misspelling; `s75 explain statute.unmet` lists the ids.",
    example: Example::Metadata("[satisfies]\n\"laex.aim_outcomes\" = [\"3.1\"]   # laex.aims_outcomes"),
};
