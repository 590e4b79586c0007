//! Inputs every loader accepts but no other rule looks at: a negative
//! contribution, two parties with one key, an empty schedule file, a NUL
//! byte in the text. Each reads as valid and says something wrong.

use crate::model::metadata::ScheduleSource;
use crate::model::{Agreement, Span};
use crate::rules::{Finding, RuleInfo, Severity};

pub const NEGATIVE_AMOUNT: &str = "metadata.negative-amount";
pub const DUPLICATE_PARTY: &str = "metadata.duplicate-party";
pub const EMPTY_SCHEDULE: &str = "metadata.empty-schedule";
pub const NUL_BYTE: &str = "metadata.nul-byte";

pub fn rules() -> Vec<RuleInfo> {
    vec![
        RuleInfo::new(
            NEGATIVE_AMOUNT,
            Severity::Error,
            "a pooled-fund contribution is negative",
            "A partner pays money into a pooled fund; a negative amount takes money out, and every total and \
             share computed from it is wrong. A withdrawal or reduction is agreed in the text, not written as a \
             negative contribution.",
            "[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"2022/23\"\namount = -250000",
        ),
        RuleInfo::new(
            DUPLICATE_PARTY,
            Severity::Error,
            "two [[parties]] entries have the same key",
            "Functions, contributions, reporting and signatures name a party by its key; with two entries of \
             one key they silently refer to the first. Give each party its own key.",
            "[[parties]]\nkey = \"council\"\nname = \"Coventry City Council\"\n\n[[parties]]\nkey = \"council\"\nname = \"Warwickshire County Council\"",
        ),
        RuleInfo::new(
            EMPTY_SCHEDULE,
            Severity::Error,
            "a schedule file has no text",
            "A schedule listed in agreement.toml whose file is empty is a schedule missing from the agreement, \
             usually a file created and never filled, or emptied by mistake. Write its text, or mark the slot \
             `not_used = true` if the agreement says \"Not used\".",
            "[[schedules]]\nnumber = \"3\"\nfile = \"schedules/03-finance.md\"   # an empty file",
        ),
        RuleInfo::new(
            NUL_BYTE,
            Severity::Error,
            "a source file contains a NUL byte",
            "A NUL (byte 0) is not text: it comes from a bad conversion or a binary file pasted in, is invisible \
             in most editors and is shown differently by each tool, so the signed text and the reviewed text \
             may differ. Delete it.",
            "The Partners\\0 agree   # a NUL between \"Partners\" and \"agree\"",
        ),
    ]
}

pub fn check(a: &Agreement, out: &mut Vec<Finding>) {
    negative_contributions(a, out);
    duplicate_parties(a, out);
    empty_schedules(a, out);
    nul_bytes(a, out);
}

fn negative_contributions(a: &Agreement, out: &mut Vec<Finding>) {
    let Some(fund) = &a.meta.pooled_fund else { return };
    for amount in fund.contributions.iter().filter_map(|c| c.amount.as_ref()).filter(|m| m.value.pence < 0) {
        out.push(
            Finding::new(NEGATIVE_AMOUNT, amount.span.clone(), format!("contribution of {} is negative", amount.value))
                .label("a contribution below zero")
                .help("write the amount the partner pays in; agree any reduction in the text"),
        );
    }
}

fn duplicate_parties(a: &Agreement, out: &mut Vec<Finding>) {
    let keys: Vec<_> = a.meta.parties.iter().filter_map(|p| p.key.as_ref()).collect();
    for (i, key) in keys.iter().enumerate() {
        // Reported once, at the second use, pointing back at the first.
        if let Some(first) = keys[..i].iter().find(|k| k.value == key.value) {
            if keys[..i].iter().filter(|k| k.value == key.value).count() == 1 {
                out.push(
                    Finding::new(
                        DUPLICATE_PARTY,
                        key.span.clone(),
                        format!("party key `{}` is used by two [[parties]] entries", key.value),
                    )
                    .label("second party with this key")
                    .related(first.span.clone(), "first party with this key")
                    .help("give each party its own key: references by key reach only the first"),
                );
            }
        }
    }
}

fn empty_schedules(a: &Agreement, out: &mut Vec<Finding>) {
    for s in &a.schedules {
        let Some(doc) = &s.doc else { continue };
        if !doc.file.text.trim().is_empty() {
            continue;
        }
        let (ScheduleSource::Local(name) | ScheduleSource::Shared(name)) = &a.entry(s).source else { continue };
        out.push(
            Finding::new(EMPTY_SCHEDULE, name.span.clone(), format!("schedule file `{}` is empty", doc.file.path))
                .label("names an empty file")
                .help("write the schedule's text, or mark the slot `not_used = true`"),
        );
    }
}

/// One finding per file, at the first NUL, read from the source file. A NUL
/// that reaches a block's text cannot mislead `Document::joined` (where a
/// NUL separates blocks): the patterns searching it cannot match a NUL, so
/// one inside a block only ends a word, as in the block's own text, and a
/// match is placed by where it starts.
fn nul_bytes(a: &Agreement, out: &mut Vec<Finding>) {
    for doc in a.documents() {
        let text = &doc.file.text;
        let Some(at) = memchr::memchr(0, text.as_bytes()) else { continue };
        let count = memchr::memchr_iter(0, text.as_bytes()).count();
        let more = if count > 1 { format!(" (and {} more)", count - 1) } else { String::new() };
        out.push(
            Finding::new(NUL_BYTE, Span::new(&doc.file, at..at + 1), format!("NUL byte in the text{more}"))
                .label("a NUL byte here")
                .help("delete it: a NUL is not text, and tools show it differently"),
        );
    }
}
