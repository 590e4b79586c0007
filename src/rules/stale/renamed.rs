//! `stale.renamed`: the text uses the old name of a body that was renamed before the term began.

use crate::rules::{Example, Rule, Severity};

pub static RENAMED: Rule = Rule {
    code: "stale.renamed",
    severity: Severity::Warning,
    summary: "the text uses the old name of a body that was renamed before the term began",
    doc: "A renamed body (or one with a new operating name, such as NHS Resolution for the NHS Litigation Authority) \
          is the same legal person, so the obligation still works; the text is out of date and should use the \
          current name. Names are judged against the agreement's own term (agreement.toml's [term], else the text's \
          Commencement Date and Term): a name that went stale after the term ended is not reported, and nothing is \
          judged when the commencement date is unknown. The register of names, dates, successors and sources is \
          src/rules/stale/register.toml; `[packs] stale = \"file.toml\"` in s75.toml replaces it.",
    example: Example::Body(
        "## 14 Claims\n\n14.1 The Trust shall notify the National Health Service Litigation Authority of any claim.",
    ),
};
