//! `numbering.gap`: a number is missing among sibling provisions or items.
//! Its findings are made by [`super::report`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static GAP: Rule = Rule {
    code: "numbering.gap",
    severity: Severity::Warning,
    summary: "a number is missing among sibling provisions or items",
    doc: "A missing number (2.1 then 2.3; a first sub-paragraph numbered 4.2; (a), (b), (d)) usually marks a \
          paragraph that lost its number or was deleted without renumbering. It is a warning, not an error: a gap \
          makes no reference ambiguous, and leaving a deleted clause's number unused keeps references stable \
          (better: keep the number with \"[Not used]\"). Inserted numbers such as 1A or 27A are not gaps.",
    example: Example::Body(
        "## 14 Notices\n\n14.1 Notices shall be in writing.\n\n14.3 Notices shall be sent to the addresses above.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::GAP);
        // this finding at 02-partnership-agreement-strategic-governance-arrangements.md:19
        assert!(
            found.iter().any(|(file, line, message)| file
                .ends_with("/02-partnership-agreement-strategic-governance-arrangements.md")
                && *line == 19
                && message == "1.7 is missing: 1.8 follows 1.6 in Schedule 2 ((A) Section 75 Strategic Board)"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::GAP, &clean()), Vec::new());
    }
}
