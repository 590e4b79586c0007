//! `terms.redundant-definition`: a term defined again, or two terms defined
//! identically. Found with `terms.duplicate-definition` by [`super::duplicates`].

use crate::rules::{Example, Rule, Severity};

pub static REDUNDANT: Rule = Rule {
    code: "terms.redundant-definition",
    severity: Severity::Warning,
    summary: "a term is defined again, or two terms are defined identically",
    doc: "A second definition with the same meaning, an inline re-definition of a term already \
          defined (\"(the ‘Agreement’)\" in a schedule), or two terms with identical definitions \
          (\"Board\" and \"Section 75 Board\") invite the reader to look for a difference that is not \
          there, and drift apart at the next edit. Keep one, and use it.",
    example: Example::Body(
        "## 14 Board\n\n14.1 The Partners shall establish a joint board (the \"Partnership Board\").\n\n14.2 The Partnership Board shall meet quarterly.\n\n14.3 The Partners shall set up a joint board (the \"Partnership Board\").",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::REDUNDANT);
        // a finding at agreement.md:115
        assert!(found.iter().any(|(file, line, _)| file.ends_with("/agreement.md") && *line == 115), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::REDUNDANT, &clean()), Vec::new());
    }
}
