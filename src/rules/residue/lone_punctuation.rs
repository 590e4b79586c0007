//! `residue.lone-punctuation`: a paragraph consists only of punctuation.
//! Its findings are made by [`super::shape`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static LONE_PUNCTUATION: Rule = Rule {
    code: "residue.lone-punctuation",
    severity: Severity::Warning,
    summary: "a paragraph consists only of punctuation",
    doc: "A paragraph that is just \".\" is a left-over of editing: a deleted sentence's full stop. Delete it.",
    example: Example::Body(
        "## 14 Records\n\n14.1 The Trust shall keep records.\n\n.\n\n14.2 Records shall be kept for eight years.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::LONE_PUNCTUATION);
        // this finding at 13-information-sharing-and-management.md:41
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/13-information-sharing-and-management.md")
                && *line == 41
                && message == "a paragraph that is only \".\""),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::LONE_PUNCTUATION, &clean()), Vec::new());
    }
}
