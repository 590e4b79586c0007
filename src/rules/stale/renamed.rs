//! `stale.renamed`: the text uses the old name of a body that was renamed before the term began.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static RENAMED: Rule = Rule {
    code: "stale.renamed",
    severity: Severity::Warning,
    summary: "the text uses the old name of a body that was renamed before the term began",
    doc: "A renamed body (or one with a new operating name, such as NHS Resolution for the NHS Litigation Authority) \
          is the same legal person, so the obligation still works; the text is out of date and should use the \
          current name. Names are judged against the agreement's own term (agreement.toml's [term], else the text's \
          Commencement Date and Term): a name that went stale after the term ended is not reported, and nothing is \
          judged when the commencement date is unknown. The register of names, dates, successors and sources is \
          src/rules/stale/register.toml; `[packs] stale = \"file.toml\"` in s75.toml replaces it.",
    example: Example::Body(
        "## 14 Claims\n\n14.1 The Trust shall notify the National Health Service Litigation Authority of any claim.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::RENAMED);
        // this finding at agreement.md:208
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 208 && message == "\"Secretary of State for Health\" is out of date: Department of Health, renamed with effect from 8 January 2018, before this agreement's term began on 1 April 2019"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::RENAMED, &clean()), Vec::new());
    }
}
