//! `stale.party-defunct`: a party had ceased to exist before the term began.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static PARTY_DEFUNCT: Rule = Rule {
    code: "stale.party-defunct",
    severity: Severity::Error,
    summary: "a party had ceased to exist before the term began",
    doc: "A body that no longer exists cannot be a partner: the agreement must be made with its successor. Names are \
          judged against the agreement's own term (agreement.toml's [term], else the text's Commencement Date and \
          Term): a name that went stale after the term ended is not reported, and nothing is judged when the \
          commencement date is unknown. The register of names, dates, successors and sources is \
          src/rules/stale/register.toml; `[packs] stale = \"file.toml\"` in s75.toml replaces it.",
    example: Example::Metadata(
        "[[parties]]\nkey = \"pct\"\nname = \"Northfield Primary Care Trust\"\nkind = \"pct\"   # PCTs were abolished in 2013\ndefined_as = \"the Trust\"",
    ),
};
