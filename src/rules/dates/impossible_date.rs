//! `dates.impossible-date`: a date that does not exist (31 June, 29 February in a common year).
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static IMPOSSIBLE_DATE: Rule = Rule {
    code: "dates.impossible-date",
    severity: Severity::Error,
    summary: "a date that does not exist (31 June, 29 February in a common year)",
    doc: "A date the calendar does not have cannot fix an obligation. 29 February exists only in leap years (2024, \
          2028; not 2023 or 2100).",
    example: Example::Body("## 14 Review\n\n14.1 The first review shall be completed by 29 February 2025."),
};
