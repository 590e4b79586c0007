//! `stale.act-year`: an Act is cited with a year in which no Act of that title was passed.

use super::Stale;
use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static ACT_YEAR: Rule = Rule {
    code: "stale.act-year",
    severity: Severity::Warning,
    summary: "an Act is cited with a year in which no Act of that title was passed",
    doc: "\"Care Act 2015\" is a slip for the Care Act 2014. Titles passed in several years (Local Government Act \
          1972/1999/2000, Children Act 1989/2004, Mental Health Act 1983/2007) accept each of them. The list is \
          s75's built-in list of Acts (`[packs] acts = \"file.toml\"` in s75.toml replaces it); a real Act missing from it is a \
          gap in the list, so this is a warning. Whether a real Act has since been repealed (the Data Protection \
          Act 1998) is the register's business, not this rule's.",
    example: Example::Body("## 14 Compliance\n\n14.1 The Trust shall act in accordance with the Care Act 2015."),
};

impl Stale {
    /// Acts cited with a year in which no Act of that title was passed.
    pub(super) fn check_acts(&self, a: &Agreement, out: &mut Vec<Finding>) {
        for doc in a.documents() {
            // Few paragraphs cite an Act: each is searched on its own.
            for b in doc.blocks.iter().filter(|b| b.text.contains(" Act")) {
                for c in self.acts.find(&b.text) {
                    let act = &self.acts.acts[c.act];
                    if act.years.contains(&c.year) {
                        continue;
                    }
                    let Some(nearest) = act.nearest(c.year) else { continue };
                    let known = act.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
                    let mut f = Finding::new(
                        &ACT_YEAR,
                        b.span_of(c.range.clone()),
                        format!("no {} was passed in {}; did you mean {} {nearest}?", act.title, c.year, act.title),
                    )
                    .label(format!("known: {} {known}", act.title));
                    if let Some(source) = &act.source {
                        f = f.help(format!("check the citation: {source}"));
                    }
                    out.push(f);
                }
            }
        }
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::ACT_YEAR);
        // this finding at 14-adult-mental-health-and-older.md:31
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/14-adult-mental-health-and-older.md")
                && *line == 31
                && message == "no Road Traffic Act was passed in 2000; did you mean Road Traffic Act 1991?"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::ACT_YEAR, &clean()), Vec::new());
    }
}
