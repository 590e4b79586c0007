//! `metadata.nul-byte`: a NUL byte in a source file.

use crate::model::{Agreement, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static NUL_BYTE: Rule = Rule {
    code: "metadata.nul-byte",
    severity: Severity::Error,
    summary: "a source file contains a NUL byte",
    doc: "A NUL (byte 0) is not text: it comes from a bad conversion or a binary file pasted in, is invisible in most \
          editors and is shown differently by each tool, so the signed text and the reviewed text may differ. \
          Delete it.",
    example: Example::Body("14.1 The Partners\0 agree to meet each quarter."),
};

/// One finding per file, at the first NUL, read from the source file. A NUL
/// that reaches a block's text cannot mislead `Document::joined` (where a
/// NUL separates blocks): the patterns searching it cannot match a NUL, so
/// one inside a block only ends a word, as in the block's own text, and a
/// match is placed by where it starts.
pub fn nul_bytes(a: &Agreement, out: &mut Vec<Finding>) {
    for doc in a.documents() {
        let text = &doc.file.text;
        let Some(at) = memchr::memchr(0, text.as_bytes()) else { continue };
        let count = memchr::memchr_iter(0, text.as_bytes()).count();
        let more = if count > 1 { format!(" (and {} more)", count - 1) } else { String::new() };
        out.push(
            Finding::new(&NUL_BYTE, Span::new(&doc.file, at..at + 1), format!("NUL byte in the text{more}"))
                .label("a NUL byte here")
                .help("delete it: a NUL is not text, and tools show it differently"),
        );
    }
}
