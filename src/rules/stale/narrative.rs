//! `stale.narrative`: the text mentions a stale name as history ("formerly the CCG").
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static NARRATIVE: Rule = Rule {
    code: "stale.narrative",
    severity: Severity::Note,
    summary: "the text mentions a stale name as history (\"formerly the CCG\")",
    doc: "History told as history (\"the responsibilities of the former primary care trust\") is accurate and is \
          not an obligation, so this is a note: check the sentence does not still rely on the old body. The words that mark history are the register's [narrative] lists. Names are judged \
          against the agreement's own term (agreement.toml's [term], else the text's Commencement Date and Term): a \
          name that went stale after the term ended is not reported, and nothing is judged when the commencement \
          date is unknown. Each name is reported once per agreement, at its first mention, with the others \
          listed. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Body(
        "## 14 Commissioning\n\n14.1 The Integrated Care Board (formerly the Clinical Commissioning Group) commissions the Trust's NHS services.",
    ),
};
