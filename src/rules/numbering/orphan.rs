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
        "3.1 The Trust responsibilities are:\n\n3.2.1 To undertake safeguarding enquiries …\n\n3.3 Identify …",
    ),
};
