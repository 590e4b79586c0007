//! `waiver.invalid`: a waiver that names neither a location nor text to match.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static INVALID: Rule = Rule {
    code: "waiver.invalid",
    severity: Severity::Error,
    summary: "a waiver names no location or text to match",
    doc: "A waiver must say which finding it accepts: `location = \"agreement.md:120\"` (a file and line) and/or \
          `matches = \"text\"` (words on the finding's line or in its message). A waiver for every finding of a \
          code would hide future defects; use `-A CODE` or s75.toml `[rules]` for that.",
    example: Example::Config(
        "[[waivers]]\ncode = \"terms.unused\"\nreason = \"kept for the renewal\"\napproved_by = \"Legal Services\"\nexpires = 2030-01-01",
    ),
};
