//! `stale.reference`: the text names a body, law or guidance that no longer existed when the term began.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static REFERENCE: Rule = Rule {
    code: "stale.reference",
    severity: Severity::Error,
    summary: "the text names a body, law or guidance that no longer existed when the term began",
    doc: "An obligation tied to a body that no longer exists (a Primary Care Trust in 2019) or to a repealed law \
          cannot be performed as written. Refer to the successor the message names. Names are judged against the \
          agreement's own term (agreement.toml's [term], else the text's Commencement Date and Term): a name that \
          went stale after the term ended is not reported, and nothing is judged when the commencement date is \
          unknown. Each name is reported once per agreement, at its first mention, with the others \
          listed. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Body("## 14 Co-operation\n\n14.1 The Partners shall co-operate with the Primary Care Trust."),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::REFERENCE);
        // this finding at agreement.md:222
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 222 && message == "\"Health Authorities\" is out of date: Health Authority, merged into its successor with effect from 1 October 2002, before this agreement's term began on 1 April 2019"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::REFERENCE, &clean()), Vec::new());
    }
}
