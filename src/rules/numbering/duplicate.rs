//! `numbering.duplicate`: the same number is used twice among sibling provisions.
//! Its findings are made by [`super::report`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static DUPLICATE: Rule = Rule {
    code: "numbering.duplicate",
    severity: Severity::Error,
    summary: "the same number is used twice among sibling provisions",
    doc: "Two provisions with one number make every reference to that number ambiguous, and usually mean that \
          everything after the second is one number off. Siblings are the numbers under one parent (2.1, 2.2 under \
          2) in the body, or in one Part, Appendix or lettered section of a schedule, where numbering restarts; a \
          Part whose numbers carry on from the Part before (Part A 1–3, Part B 4–6) continues that sequence. A \
          clause heading whose number is repeated on its own single paragraph (`## 1A. COMMENCEMENT` then `1A. This \
          Agreement …`) is one clause, not two. Renumber, and correct the references to the renumbered provisions.",
    example: Example::Body(
        "## 14 Notices\n\n14.1 Notices shall be in writing.\n\n14.1 Notices shall be sent to the addresses above.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::DUPLICATE);
        // this finding at agreement.md:154
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/agreement.md")
                && *line == 154
                && message == "1.1 is used twice in the body"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::DUPLICATE, &clean()), Vec::new());
    }
}
