//! `metadata.incomplete`: an agreement.toml that `s75 import` wrote and the
//! user has not yet completed. The importer fills in what it can read from
//! the text and leaves a TODO for the rest; reporting each missing key as an
//! error would bury the agreement's real findings under the import's, so the
//! gaps are reported once, as a warning.

use crate::model::Agreement;
use crate::model::metadata::MetaProblem;
use crate::rules::{Example, Finding, Rule, Severity};

pub static INCOMPLETE: Rule = Rule {
    code: "metadata.incomplete",
    severity: Severity::Warning,
    summary: "an imported agreement.toml still has required values to complete",
    doc: "`s75 import` reads what it can from the text and leaves a TODO for the rest. Until the TODOs are completed \
          the record is incomplete: this is said once, and the checks that need the missing values are skipped.",
    example: Example::Metadata(
        "# Written by `s75 import` from Northfield.docx: complete the TODOs\n[term]\n# commencement = YYYY-MM-DD  # TODO: required; not found in the text\nlength = \"3 years\"",
    ),
};

/// The header the importer writes on the skeleton it leaves.
const IMPORT_HEADER: &str = "# Written by `s75 import`";

/// Whether `agreement.toml` is an import's skeleton with TODOs left in it.
pub fn is_unfinished_import(a: &Agreement) -> bool {
    let text = &a.meta.file.text;
    text.starts_with(IMPORT_HEADER) && text.contains("TODO")
}

/// One warning listing the required keys the import could not read.
pub fn finding(a: &Agreement, missing: &[&MetaProblem]) -> Option<Finding> {
    let first = missing.first()?;
    let list: Vec<String> =
        missing.iter().map(|p| p.message.trim_start_matches("missing required key ").to_string()).collect();
    Some(
        Finding::new(
            &INCOMPLETE,
            first.span.clone(),
            format!("the record is incomplete: {} (the import could not read them from the text)", list.join("; ")),
        )
        .help(format!("complete the TODOs in {}; {}", a.meta.file.path, skipped(&list))),
    )
}

/// The checks a missing value stops, named so the user knows what has not
/// been looked at.
fn skipped(missing: &[String]) -> String {
    let has = |key: &str| missing.iter().any(|m| m.contains(key));
    let mut checks = Vec::new();
    if has("`arrangements`") {
        checks.push("the requirements of SI 2000/617 regs 7, 8 and 9 that depend on the arrangements (statute.unmet)");
    }
    if has("`term") {
        checks.push("commencement + length against expiry (dates.term-arithmetic)");
    }
    if has("defined_as") {
        checks.push("whether the text uses each party's defined name (metadata.party-not-in-text)");
    }
    if checks.is_empty() {
        "checks that need these values are skipped until then".to_string()
    } else {
        format!("until then these checks are skipped: {}", checks.join("; "))
    }
}
