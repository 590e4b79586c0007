//! `stale.during-term-merged`: the text names a body that merges into its
//! successor, or is renamed, during the term. Its findings are made by
//! [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static DURING_TERM_MERGED: Rule = Rule {
    code: "stale.during-term-merged",
    severity: Severity::Note,
    summary: "the text names a body that merges into its successor, or is renamed, during the term",
    doc: "The name was right when the agreement was made (the Criminal Records Bureau in 2010), and the body's duties \
          pass to its successor (the Disclosure and Barring Service from 1 December 2012), so obligations still \
          work: a note. A successor provision keeps the text current. Names are judged against the agreement's own \
          term (agreement.toml's [term], else the text's Commencement Date and Term). Each name is reported once \
          per agreement, at its first mention, with the others listed.",
    example: Example::MetadataAndBody {
        metadata: "[term]\ncommencement = 2010-10-01\nlength = \"3 years\"\nexpiry = 2013-09-30",
        body: "## 14 Staff\n\n14.1 The Trust shall obtain checks from the Criminal Records Bureau for the Seconded Staff.",
    },
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported};

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::DURING_TERM_MERGED, &clean()), Vec::new());
    }
}
