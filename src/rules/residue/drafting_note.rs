//! `residue.drafting-note`: a drafting note is left in the text.
//! Its findings are made by [`super::shape`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static DRAFTING_NOTE: Rule = Rule {
    code: "residue.drafting-note",
    severity: Severity::Warning,
    summary: "a drafting note is left in the text",
    doc: "A whole unnumbered paragraph in square brackets, or one labelled \"Drafting note\", is a note between \
          drafters rather than agreed text. A bracketed note labelled as one (\"[DN: …]\", \"[Drafting note: …]\", \
          \"[Note to draft: …]\", \"[NTD: …]\") is a note wherever it sits, in a numbered paragraph too. Delete it, \
          or make it part of the agreement's words. \"[Not used]\" and \"[Intentionally left blank]\" are not notes.",
    example: Example::Body(
        "## 14 Budget\n\n[This table is correct as of January 2024 and is an estimate of 2024/25 costs.]",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::DRAFTING_NOTE);
        // this finding at 06-financial-framework.md:55
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/06-financial-framework.md")
                && *line == 55
                && message == "a bracketed drafting note is left in the text"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::DRAFTING_NOTE, &clean()), Vec::new());
    }
}
