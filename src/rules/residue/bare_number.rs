//! `residue.bare-number`: a provision number stands alone, with no heading or text.
//! Its findings are made by [`super::shape`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static BARE_NUMBER: Rule = Rule {
    code: "residue.bare-number",
    severity: Severity::Warning,
    summary: "a provision number stands alone, with no heading or text",
    doc: "A paragraph that is only a number (\"11.8\") followed by its sub-paragraphs (\"11.8.1 …\") has lost its \
          heading or text, and a reference to it has nothing to name.",
    example: Example::Body("## 14 Staff\n\n14.1\n\n14.1.1 Seconded Staff may attend training provided by the Trust."),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::BARE_NUMBER);
        // this finding at 10-joint-operational-and-human-resources.md:513
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/10-joint-operational-and-human-resources.md")
                && *line == 513
                && message == "11.8 has no heading or text"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::BARE_NUMBER, &clean()), Vec::new());
    }
}
