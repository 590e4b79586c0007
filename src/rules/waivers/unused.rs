//! `waiver.unused`: a waiver that matches no finding (found by [`super::apply`]
//! for agreement.toml, and over the whole run for s75.toml).

use crate::rules::{Example, Rule, Severity};

pub static UNUSED: Rule = Rule {
    code: "waiver.unused",
    severity: Severity::Warning,
    summary: "a waiver matches no finding",
    doc: "The finding it was written for has gone (the text was fixed, or moved so the location no longer matches). \
          Remove the waiver, or correct its location or text.",
    example: Example::Config(
        "[[waivers]]\ncode = \"numbering.duplicate\"\nlocation = \"agreement.md:999\"\nreason = \"agreed\"\napproved_by = \"Legal Services\"\nexpires = 2030-01-01",
    ),
};
