//! `metadata.*`: problems in `agreement.toml`, and metadata that disagrees
//! with the text (a party's defined name that the text never uses).

mod silent;

use crate::model::metadata::MetaProblemKind;
use crate::model::{Agreement, DocKind};
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};

mod incomplete;

pub struct Metadata;

pub const UNKNOWN_KEY: &str = "metadata.unknown-key";
pub const WRONG_TYPE: &str = "metadata.wrong-type";
pub const MISSING_FIELD: &str = "metadata.missing-field";
pub const INVALID_VALUE: &str = "metadata.invalid-value";
pub const PARTY_NOT_IN_TEXT: &str = "metadata.party-not-in-text";
pub const SCHEDULE_MISMATCH: &str = "metadata.schedule-mismatch";
pub use silent::{DUPLICATE_PARTY, EMPTY_SCHEDULE, NEGATIVE_AMOUNT, NUL_BYTE};

impl Family for Metadata {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        let mut rules = vec![
            RuleInfo::new(
                UNKNOWN_KEY,
                Severity::Error,
                "agreement.toml has a key s75 does not know",
                "A key s75 does not read is information that is silently ignored, usually a misspelling \
                 (`comencement`). Correct it, or remove it. docs/FORMAT.md lists every key.",
                "[term]\ncomencement = 2019-04-01",
            ),
            RuleInfo::new(
                WRONG_TYPE,
                Severity::Error,
                "a value in agreement.toml has the wrong type",
                "Dates are unquoted TOML dates (2019-04-01), amounts are numbers, lists are arrays.",
                "[term]\ncommencement = \"1 April 2019\"",
            ),
            RuleInfo::new(
                MISSING_FIELD,
                Severity::Error,
                "a required key is missing from agreement.toml",
                "Every agreement states its schema, id, title, status, parties (key, name, kind, defined name), \
                 arrangement types and term (commencement and length or expiry).",
                "[term]\nnotice = \"12 months\"   # no commencement",
            ),
            RuleInfo::new(
                INVALID_VALUE,
                Severity::Error,
                "a value in agreement.toml is not one s75 accepts",
                "Party kinds, arrangement types, durations (\"12 months\"), financial years (\"2022/23\") and \
                 party keys must be values s75 knows; the id must equal the folder name.",
                "[[parties]]\nkind = \"hospital\"",
            ),
            RuleInfo::new(
                incomplete::INCOMPLETE,
                Severity::Warning,
                "an imported agreement.toml still has required values to complete",
                "`s75 import` reads what it can from the text and leaves a TODO for the rest. Until the TODOs are \
                 completed the record is incomplete: this is said once, and the checks that need the missing \
                 values are skipped.",
                "# Written by `s75 import` …\n# commencement = YYYY-MM-DD  # TODO: required; not found in the text",
            ),
            RuleInfo::new(
                PARTY_NOT_IN_TEXT,
                Severity::Error,
                "a party's defined name never appears in the agreement text",
                "Each party's `defined_as` (\"the Trust\") is how the text refers to it. If the text never uses \
                 it, the metadata and the text describe different parties, or the name is misspelt.",
                "defined_as = \"the Provider\"   # the text says \"the Trust\"",
            ),
            RuleInfo::new(
                SCHEDULE_MISMATCH,
                Severity::Error,
                "a schedule file's heading does not match its [[schedules]] entry",
                "The number in the schedule file's `# Schedule N` heading must be the number the metadata gives \
                 it, or references to \"Schedule N\" find the wrong text.",
                "number = \"4\"  # the file says # Schedule 5",
            ),
        ];
        rules.extend(silent::rules());
        rules
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        // An import's unfinished skeleton: its missing keys are one warning.
        let unfinished = incomplete::is_unfinished_import(a);
        let missing: Vec<_> =
            a.meta.problems.iter().filter(|p| unfinished && p.kind == MetaProblemKind::MissingField).collect();
        out.extend(incomplete::finding(a, &missing));
        for p in a.meta.problems.iter().filter(|p| !(unfinished && p.kind == MetaProblemKind::MissingField)) {
            let code = match p.kind {
                MetaProblemKind::UnknownKey => UNKNOWN_KEY,
                MetaProblemKind::WrongType => WRONG_TYPE,
                MetaProblemKind::MissingField => MISSING_FIELD,
                MetaProblemKind::InvalidValue => INVALID_VALUE,
            };
            out.push(Finding::new(code, p.span.clone(), p.message.clone()));
        }
        check_id(a, out);
        check_parties_in_text(a, out);
        check_schedule_headings(a, out);
        silent::check(a, out);
    }
}

fn check_id(a: &Agreement, out: &mut Vec<Finding>) {
    let folder = a.dir.rsplit('/').next().unwrap_or(&a.dir);
    if let Some(id) = a.meta.id.as_ref().filter(|id| id.value != folder) {
        out.push(
            Finding::new(
                INVALID_VALUE,
                id.span.clone(),
                format!("id `{}` differs from the folder name `{folder}`", id.value),
            )
            .help("rename the folder or change the id: other agreements refer to it by id"),
        );
    }
}

fn check_parties_in_text(a: &Agreement, out: &mut Vec<Finding>) {
    for party in &a.meta.parties {
        let Some(defined) = &party.defined_as else { continue };
        // "the Trust" is written "The Trust" at a sentence start: match the name without its article.
        let name = defined.value.trim();
        let core = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
        if core.is_empty() {
            continue;
        }
        let used = a.documents().any(|d| d.blocks.iter().any(|b| contains_word(&b.text, core)));
        if !used {
            out.push(
                Finding::new(
                    PARTY_NOT_IN_TEXT,
                    defined.span.clone(),
                    format!("\"{name}\" never appears in the agreement text"),
                )
                .label("defined name of this party")
                .help("use the name the agreement's text gives the party, e.g. (\"the Trust\") in the preamble"),
            );
        }
    }
}

/// Whole-word, case-sensitive search.
pub fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn check_schedule_headings(a: &Agreement, out: &mut Vec<Finding>) {
    for s in &a.schedules {
        let (Some(doc), Some(declared)) = (&s.doc, &a.entry(s).number) else { continue };
        let DocKind::Schedule { number: Some(found), .. } = &doc.kind else { continue };
        if !found.value.eq_ignore_ascii_case(&declared.value) {
            out.push(
                Finding::new(
                    SCHEDULE_MISMATCH,
                    found.span.clone(),
                    format!(
                        "file is headed Schedule {} but agreement.toml lists it as Schedule {}",
                        found.value, declared.value
                    ),
                )
                .related(declared.span.clone(), "declared here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::contains_word;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("the Trust shall", "Trust"));
        assert!(!contains_word("the Trustee shall", "Trust"));
        assert!(contains_word("(“the Trust”);", "Trust"));
    }
}
