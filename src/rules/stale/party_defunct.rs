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
          commencement date is unknown. Each party is reported once, at the parties clause that names it (where the \
          agreement is amended), with agreement.toml's record beside it; the text's other mentions are not repeated. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Metadata(
        "[[parties]]\nkey = \"pct\"\nname = \"Northfield Primary Care Trust\"\nkind = \"pct\"   # PCTs were abolished in 2013\ndefined_as = \"the Trust\"",
    ),
};
