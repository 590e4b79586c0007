//! `residue.bare-number`: a provision number stands alone, with no heading or text.

use crate::rules::{Example, Rule, Severity};

pub static BARE_NUMBER: Rule = Rule {
    code: "residue.bare-number",
    severity: Severity::Warning,
    summary: "a provision number stands alone, with no heading or text",
    doc: "A paragraph that is only a number (\"11.8\") followed by its sub-paragraphs (\"11.8.1 …\") has lost its \
          heading or text, and a reference to it has nothing to name.",
    example: Example::Body("## 14 Staff\n\n14.1\n\n14.1.1 Seconded Staff may attend training provided by the Trust."),
};
