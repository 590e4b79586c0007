//! `statute.unmet-unverified`: a requirement whose statutory basis is
//! unverified (†) is not met.

use crate::rules::{Example, Rule, Severity};

pub static UNMET_UNVERIFIED: Rule = Rule {
    code: "statute.unmet-unverified",
    severity: Severity::Warning,
    summary: "a requirement whose statutory basis is unverified (†) is not met",
    // `{unverified}` is the pack's unverified requirements ([`super::Statute`]'s `details`).
    doc: "As `statute.unmet`, for requirements the statute pack marks `verified = false` (a † in the research note): \
          their wording or regulation number could not be confirmed from the text of SI 2000/617, so they are \
          warnings, and every message says \"statutory basis unverified\". Check the revised \
          Regulations on legislation.gov.uk before relying on one; once checked, set `verified = true` in the pack. \
          They are:\n\n{unverified}",
    example: Example::Metadata(
        "arrangements = [\"nhs-exercises-la-functions\", \"staff-goods-services\", \"pooled-fund\"]",
    ),
};
