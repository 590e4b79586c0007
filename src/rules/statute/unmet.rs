//! `statute.unmet`: a statutory requirement that applies to the agreement is
//! not met. The requirements are the statute pack's data; [`super::diags`]
//! turns an [`Evaluation`](super::Evaluation) into these findings.

use crate::rules::{Example, Rule, Severity};

pub static UNMET: Rule = Rule {
    code: "statute.unmet",
    severity: Severity::Error,
    summary: "a statutory requirement that applies to the agreement is not met",
    // `{pack}` and `{verified}` are the pack in use and its verified
    // requirements ([`super::Statute`]'s `details`).
    doc: "The statute pack ({pack}) lists what section 75 of the NHS Act 2006 and SI 2000/617 require of a \
          partnership agreement, for each type of arrangement in `arrangements`. A requirement is met when every \
          element it needs is found — in agreement.toml's facts or by recognising the clause that states it — or \
          when agreement.toml declares the clauses that satisfy it:\n\n    [satisfies]\n    \
          \"pool.aims_outcomes\" = [\"2.1\", \"Schedule 1\"]\n\nSome requirements are conditions on the facts (the \
          partners' kinds, the functions delegated) that no declaration excuses. `s75 matrix` shows every \
          requirement with the clause that satisfies it. These requirements are verified against the text of the \
          Regulations and are reported as errors:\n\n{verified}",
    example: Example::Metadata(
        "arrangements = [\"pooled-fund\"]\n# …and no clause states the aims and outcomes: SI 2000/617 reg 7(3)(a)",
    ),
};
