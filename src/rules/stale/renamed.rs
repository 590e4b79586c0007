//! `stale.renamed`: the text uses the old name of a body that was renamed before the term began.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static RENAMED: Rule = Rule {
    code: "stale.renamed",
    severity: Severity::Warning,
    summary: "the text uses the old name of a body that was renamed before the term began",
    doc: "A renamed body is the same legal person, so the obligation still works; the text is out of date and \
          should use the current name (a body that changed only its operating name is `stale.operating-name`). Names are judged against the agreement's own term (agreement.toml's [term], else the text's \
          Commencement Date and Term): a name that went stale after the term ended is not reported, and nothing is \
          judged when the commencement date is unknown. Each name is reported once per agreement, at its first mention, with the others \
          listed. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Body(
        "## 14 Guidance\n\n14.1 The Trust shall have regard to guidance issued by the Department of Health.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::RENAMED);
        // this finding at agreement.md:208
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 208 && message == "\"Secretary of State for Health\", \"Department of Health\" (named 6 times) is out of date: Department of Health, renamed with effect from 8 January 2018, before this agreement's term began on 1 April 2019"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::RENAMED, &clean()), Vec::new());
    }
}
