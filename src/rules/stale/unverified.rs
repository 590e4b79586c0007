//! `stale.unverified`: the text names something the register says was stale before the term, on an unverified (†) entry.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static UNVERIFIED: Rule = Rule {
    code: "stale.unverified",
    severity: Severity::Warning,
    summary: "the text names something the register says was stale before the term, on an unverified (†) entry",
    doc: "The register marks entries whose status or date its primary sources do not yet confirm (†). They \
          are reported as warnings until someone checks them and sets `verified = true`. Names are judged against the agreement's \
          own term (agreement.toml's [term], else the text's Commencement Date and Term): a name that went stale \
          after the term ended is not reported, and nothing is judged when the commencement date is unknown. Each name is reported once per agreement, at its first mention, with the others \
          listed. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Body(
        "## 14 Appeals\n\n14.1 The Trust shall support appeals to the Mental Health Review Tribunal.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::UNVERIFIED);
        // this finding at agreement.md:15
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 15 && message == "\"HSC 2000/010\" (named 2 times) is out of date: circular HSC 2000/010, superseded with effect from 1 March 2007, before this agreement's term began on 1 April 2019"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNVERIFIED, &clean()), Vec::new());
    }
}
