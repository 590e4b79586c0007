//! `dates.contribution-part-year`: a pooled-fund contribution is for a financial year the term covers only in part.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static CONTRIBUTION_PART_YEAR: Rule = Rule {
    code: "dates.contribution-part-year",
    severity: Severity::Warning,
    summary: "a pooled-fund contribution is for a financial year the term covers only in part",
    doc: "Financial years run 1 April to 31 March. When the term starts or ends inside a year, a contribution stated \
          for that year may be a full-year amount for a part-year term: check it is pro rata, or align the term \
          with the financial year.",
    example: Example::Metadata(
        "[term]\ncommencement = 2024-10-01\nlength = \"3 years\"\nexpiry = 2027-09-30\n\n[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"2024/25\"\namount = 250000",
    ),
};
