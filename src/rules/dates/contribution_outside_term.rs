//! `dates.contribution-outside-term`: a pooled-fund contribution is for a financial year outside the term.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static CONTRIBUTION_OUTSIDE_TERM: Rule = Rule {
    code: "dates.contribution-outside-term",
    severity: Severity::Error,
    summary: "a pooled-fund contribution is for a financial year outside the term",
    doc: "Financial years run 1 April to 31 March. A contribution for a year the term does not reach cannot be paid \
          under this agreement.",
    example: Example::Metadata(
        "[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"2027/28\"   # the term ends 2027-03-31\namount = 250000",
    ),
};
