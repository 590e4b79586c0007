//! `stale.reference`: the text names a body, law or guidance that no longer existed when the term began.

use crate::rules::{Example, Rule, Severity};

pub static REFERENCE: Rule = Rule {
    code: "stale.reference",
    severity: Severity::Error,
    summary: "the text names a body, law or guidance that no longer existed when the term began",
    doc: "An obligation tied to a body that no longer exists (a Primary Care Trust in 2019) or to a repealed law \
          cannot be performed as written. Refer to the successor the message names. Names are judged against the \
          agreement's own term (agreement.toml's [term], else the text's Commencement Date and Term): a name that \
          went stale after the term ended is not reported, and nothing is judged when the commencement date is \
          unknown. The register of names, dates, successors and sources is src/rules/stale/register.toml; `[packs] \
          stale = \"file.toml\"` in s75.toml replaces it.",
    example: Example::Body("## 14 Co-operation\n\n14.1 The Partners shall co-operate with the Primary Care Trust."),
};
