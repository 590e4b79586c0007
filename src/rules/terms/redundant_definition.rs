//! `terms.redundant-definition`: a term defined again, or two terms defined
//! identically. Found with `terms.duplicate-definition` by [`super::duplicates`].

use crate::rules::{Example, Rule, Severity};

pub static REDUNDANT: Rule = Rule {
    code: "terms.redundant-definition",
    severity: Severity::Warning,
    summary: "a term is defined again, or two terms are defined identically",
    doc: "A second definition with the same meaning, an inline re-definition of a term already defined (\"(the \
          ‘Agreement’)\" in a schedule), or two terms with identical definitions (\"Board\" and \"Section 75 \
          Board\") invite the reader to look for a difference that is not there, and drift apart at the next edit. \
          Keep one, and use it.",
    example: Example::Body(
        "“Board” means the Section 75 Strategic Board …\n“Section 75 Board” means the Section 75 Strategic Board …",
    ),
};
