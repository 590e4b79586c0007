//! `stale.during-term`: the text names something that is abolished, renamed or repealed during the term.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static DURING_TERM: Rule = Rule {
    code: "stale.during-term",
    severity: Severity::Warning,
    summary: "the text names something that is abolished, replaced or repealed during the term",
    doc: "The name was right when the agreement was made, but obligations that name an abolished body or a \
          repealed law lose their object part-way through. Add a successor provision (\"references to X include any \
          successor body\") or name the successor. A body that merged into its successor or was renamed is \
          `stale.during-term-merged`, a note. Names are judged against the agreement's own term (agreement.toml's [term], else the text's Commencement \
          Date and Term): a name that went stale after the term ended is not reported, and nothing is judged when \
          the commencement date is unknown. Each name is reported once per agreement, at its first mention, with the others \
          listed. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::MetadataAndBody {
        metadata: "[term]\ncommencement = 2021-04-01\nlength = \"3 years\"\nexpiry = 2024-03-31",
        body: "## 14 Commissioning\n\n14.1 The Clinical Commissioning Group shall be consulted on any variation.",
    },
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::DURING_TERM);
        // this finding at agreement.md:128
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 128 && message == "\"Local Safeguarding Children’s Board\": Local Safeguarding Children Board, abolished with effect from 29 September 2019, during the term (2019-04-01 to 2020-03-31)"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::DURING_TERM, &clean()), Vec::new());
    }
}
