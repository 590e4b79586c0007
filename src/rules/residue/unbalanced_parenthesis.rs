//! `residue.unbalanced-parenthesis`: a round bracket without its partner.
//! Its findings are made by [`super::brackets`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static UNBALANCED_PARENTHESIS: Rule = Rule {
    code: "residue.unbalanced-parenthesis",
    severity: Severity::Warning,
    summary: "a round bracket without its partner",
    doc: "An unclosed `(` leaves the reader to guess where the parenthesis ends; a `)` with nothing to close is a \
          typing slip. A warning: it is punctuation, not a drafting option left open. Enumerators written with a \
          closing bracket only (\"a) …; b) …\") are not reported, and a parenthesis that runs on across a paragraph \
          break is accepted.",
    example: Example::Body(
        "## 14 Advocacy\n\n14.1 The Trust shall instruct Independent Mental Capacity Advocates (under the Mental Capacity Act 2005.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::UNBALANCED_PARENTHESIS);
        // this finding at agreement.md:152
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/agreement.md")
                && *line == 152
                && message == "unclosed `(`: no `)` closes it"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNBALANCED_PARENTHESIS, &clean()), Vec::new());
    }
}
