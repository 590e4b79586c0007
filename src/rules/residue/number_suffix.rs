//! `residue.number-suffix`: a stray character after an item number (`i)_`).
//! Its findings are made by [`super::brackets`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static NUMBER_SUFFIX: Rule = Rule {
    code: "residue.number-suffix",
    severity: Severity::Warning,
    summary: "a stray character after an item number",
    doc: "A character typed after an item label (`i)_`) is a slip in a number that other provisions cite. The item \
          is still readable, so this is a warning: delete the character.",
    example: Example::Body("## 14 Information\n\n14.1 The Partners shall share:\n\ni)_ the annual report;"),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::NUMBER_SUFFIX);
        assert!(found.iter().any(|(_, _, message)| message.starts_with("stray `_` after item number")), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::NUMBER_SUFFIX, &clean()), Vec::new());
    }
}
