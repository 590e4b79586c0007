//! `dates.text-conflict`: the agreement's text states its commencement, Term or expiry two different ways.

use crate::rules::{Example, Rule, Severity};

pub static TEXT_CONFLICT: Rule = Rule {
    code: "dates.text-conflict",
    severity: Severity::Error,
    summary: "the agreement's text states its commencement, Term or expiry two different ways",
    doc: "Two clauses that fix the same date differently leave the term uncertain. Reported only when agreement.toml \
          does not settle the fact (then `dates.metadata-text` applies).",
    example: Example::MetadataAndBody {
        metadata: "[term]\ncommencement = 2024-04-01",
        body: "## 14 Duration\n\n14.1 This Agreement shall cease two (2) years following the Commencement Date.",
    },
};
