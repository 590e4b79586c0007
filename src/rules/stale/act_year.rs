//! `stale.act-year`: an Act is cited with a year in which no Act of that title was passed.

use crate::rules::{Example, Rule, Severity};

pub static ACT_YEAR: Rule = Rule {
    code: "stale.act-year",
    severity: Severity::Warning,
    summary: "an Act is cited with a year in which no Act of that title was passed",
    doc: "\"Care Act 2015\" is a slip for the Care Act 2014. Titles passed in several years (Local Government Act \
          1972/1999/2000, Children Act 1989/2004, Mental Health Act 1983/2007) accept each of them. The list is \
          src/rules/stale/acts.toml (`[packs] acts = \"file.toml\"` replaces it); a real Act missing from it is a \
          gap in the list, so this is a warning. Whether a real Act has since been repealed (the Data Protection \
          Act 1998) is the register's business, not this rule's.",
    example: Example::Body("## 14 Compliance\n\n14.1 The Trust shall act in accordance with the Care Act 2015."),
};
