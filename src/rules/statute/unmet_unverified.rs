//! `statute.unmet-unverified`: a requirement whose statutory basis is
//! unverified (†) is not met.
//! Its findings are made by [`super::diags`], with those of related rules.

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

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::UNMET_UNVERIFIED);
        // this finding at agreement.toml:23
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.toml") && *line == 23 && message == "statutory basis unverified: SI 2000/617 reg 4(1) †: no clause found that states that the arrangements are likely to improve the way the functions are exercised (gen.condition.improvement)"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNMET_UNVERIFIED, &clean()), Vec::new());
    }
}
