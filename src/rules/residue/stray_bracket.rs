//! `residue.stray-bracket`: an unbalanced square bracket.
//! Its findings are made by [`super::brackets`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static STRAY_BRACKET: Rule = Rule {
    code: "residue.stray-bracket",
    severity: Severity::Error,
    summary: "an unbalanced square bracket",
    doc: "Square brackets are how drafts mark options and blanks, so a `]` or `[` without its partner is what is left \
          of an option deleted by halves: the text around it may not be the agreed choice. A bracket inside a \
          definition is reported here, not again by `terms.malformed-definition`. Unbalanced round brackets are \
          `residue.unbalanced-parenthesis`; a character typed after an item number is `residue.number-suffix`.",
    example: Example::Body("## 14 Notices\n\n14.1 Notices shall be in writing. ];"),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::STRAY_BRACKET);
        // this finding at agreement.md:61
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/agreement.md")
                && *line == 61
                && message == "stray `]`: no `[` opens it"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::STRAY_BRACKET, &clean()), Vec::new());
    }
}
