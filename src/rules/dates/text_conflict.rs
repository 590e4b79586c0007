//! `dates.text-conflict`: the agreement's text states its commencement, Term or expiry two different ways.

use crate::rules::{Example, Rule, Severity};

pub static TEXT_CONFLICT: Rule = Rule {
    code: "dates.text-conflict",
    severity: Severity::Error,
    summary: "the agreement's text states its commencement, Term or expiry two different ways",
    doc: "Two clauses that fix the same date differently leave the term uncertain. Reported only when agreement.toml \
          does not settle the fact (then `dates.metadata-text` applies).",
    example: Example::Body(
        "\"Term\" means one (1) year …  /  21.1 … shall cease two (2) years following the Commencement Date",
    ),
};
