//! `stale.unverified`: the text names something the register says was stale before the term, on an unverified (†) entry.

use crate::rules::{Example, Rule, Severity};

pub static UNVERIFIED: Rule = Rule {
    code: "stale.unverified",
    severity: Severity::Warning,
    summary: "the text names something the register says was stale before the term, on an unverified (†) entry",
    doc: "The register marks entries whose status or date no source in statute.md confirms (†). They are reported as \
          warnings until someone checks them and sets `verified = true`. Names are judged against the agreement's \
          own term (agreement.toml's [term], else the text's Commencement Date and Term): a name that went stale \
          after the term ended is not reported, and nothing is judged when the commencement date is unknown. The \
          register of names, dates, successors and sources is src/rules/stale/register.toml; `[packs] stale = \
          \"file.toml\"` in s75.toml replaces it.",
    example: Example::Body(
        "## 14 Staff\n\n14.1 The Trust shall carry out Criminal Records Bureau checks on the Seconded Staff.",
    ),
};
