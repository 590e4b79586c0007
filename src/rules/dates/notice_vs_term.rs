//! `dates.notice-vs-term`: the termination notice period is as long as the whole term, or longer.

use crate::rules::{Example, Rule, Severity};

pub static NOTICE_VS_TERM: Rule = Rule {
    code: "dates.notice-vs-term",
    severity: Severity::Warning,
    summary: "the termination notice period is as long as the whole term, or longer",
    doc: "Notice given on the first day of the term then expires only at (or after) natural expiry, so termination on \
          notice cannot shorten the term; it can only work during an extension. The glossary: \"a notice period \
          longer than the remaining term is a warning sign\". Shorten the notice, or confirm the partners intend it.",
    example: Example::Metadata(
        "[term]\ncommencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31\nnotice = \"36 months\"",
    ),
};
