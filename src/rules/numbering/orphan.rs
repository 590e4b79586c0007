//! `numbering.orphan`: a sub-number has no parent provision.
//! Its findings are made by [`super::report`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static ORPHAN: Rule = Rule {
    code: "numbering.orphan",
    severity: Severity::Warning,
    summary: "a sub-number has no parent provision",
    doc: "A provision numbered under a parent that does not exist (3.2.1 with no 3.2; 2.1 to 2.7 with no 2) usually \
          means a mistyped number or an unnumbered lead-in paragraph. A Part or section numbered from 1.1 without \
          any top-level number is a house style and is not reported.",
    example: Example::Body(
        "## 14 Notices\n\n14.1 Notices shall be in writing.\n\n14.2.1 A notice sent by post is received two days after posting.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::ORPHAN);
        // this finding at 01-aims-and-outcomes.md:29
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/15-safeguarding-adults.md")
                && *line == 15
                && message == "2.1.1–2.1.4 are numbered under 2.1, but Schedule 15 has no 2.1"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::ORPHAN, &clean()), Vec::new());
    }
}
