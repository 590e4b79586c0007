//! `numbering.orphan`: a sub-number has no parent provision.

use crate::rules::{Example, Rule, Severity};

pub static ORPHAN: Rule = Rule {
    code: "numbering.orphan",
    severity: Severity::Warning,
    summary: "a sub-number has no parent provision",
    doc: "A provision numbered under a parent that does not exist (3.2.1 with no 3.2; 2.1 to 2.7 with no 2) usually \
          means a mistyped number or an unnumbered lead-in paragraph. A Part or section numbered from 1.1 without \
          any top-level number is a house style and is not reported.",
    example: Example::Body(
        "## 14 Notices\n\n14.1 Notices shall be in writing.\n\n14.2.1 A notice sent by post is received two days after posting.",
    ),
};
