//! Mentions of schedules by number: "Schedule 12", "schedules 4 and 12",
//! "Schedules 11, 12 and 13". A local scan, independent of the
//! cross-reference parser, for the one question this family asks: does the
//! text point at a schedule that is "Not used"? Ranges ("Schedules 1 to 17")
//! name every schedule at once and are not counted as a mention of each.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::pattern::{Pattern, contains_ignore_ascii_case};
use crate::model::{Agreement, Document};
use crate::rules::{Example, Finding, Rule, Severity};

pub static NOT_USED_REFERENCE: Rule = Rule {
    code: "residue.not-used-reference",
    severity: Severity::Error,
    summary: "the text refers to a schedule that is \"Not used\"",
    doc: "A schedule number kept as \"Not used\" has no content, so a reference to it points at nothing: the \
          reference is wrong, or the schedule's content was dropped. Mentions in a line that itself says \"not \
          used\" (a contents list) and ranges such as \"Schedules 1 to 17\" are not reported.",
    example: Example::Metadata(
        "[[schedules]]\nnumber = \"1\"\ntitle = \"Aims and Outcomes\"\nfile = \"schedules/01-aims-and-outcomes.md\"\n\n[[schedules]]\nnumber = \"2\"\nnot_used = true   # clause 1.1 still refers to Schedule 2",
    ),
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// "Schedule 12", or just "12" inside a list.
    pub range: Range<usize>,
    pub number: String,
}

static SCHEDULES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\bschedules?\s+(\d{1,3}(?-i:[A-Z])?(?:\s*(?:,\s*and|,|and|&|or|to|-|–)\s*\d{1,3}(?-i:[A-Z])?)*)\b",
    )
    .expect("valid pattern")
});

static ITEM: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"\d{1,3}[A-Z]?"));

static RANGE: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"^\s*(?:to|-|–)\s*$"));

/// The mentions in one text: what [`mentions_by_block`] finds in each block.
#[cfg(test)]
pub fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for caps in SCHEDULES.captures_iter(text) {
        read_mention(&caps, &mut out);
    }
    out
}

/// [`mentions`] in every block of a document, by block: the pattern
/// searches the document's joined text once (it cannot match a NUL).
fn mentions_by_block(doc: &Document) -> Vec<Vec<Mention>> {
    let joined = doc.joined();
    let mut out: Vec<Vec<Mention>> = vec![Vec::new(); doc.blocks.len()];
    for caps in SCHEDULES.captures_iter(&joined.text) {
        let Some(whole) = caps.get(0) else { continue };
        let (b, _) = joined.locate(whole.range());
        let start = joined.start(b);
        let from = out[b].len();
        read_mention(&caps, &mut out[b]);
        for m in &mut out[b][from..] {
            m.range = m.range.start - start..m.range.end - start;
        }
    }
    out
}

/// The mentions in one match of [`SCHEDULES`], at their places in the searched text.
fn read_mention(caps: &regex::Captures, out: &mut Vec<Mention>) {
    let (Some(whole), Some(list)) = (caps.get(0), caps.get(1)) else { return };
    let items: Vec<_> = ITEM.find_iter(list.as_str()).collect();
    for (k, item) in items.iter().enumerate() {
        let sep_before = k.checked_sub(1).map(|p| &list.as_str()[items[p].end()..item.start()]);
        let sep_after = items.get(k + 1).map(|n| &list.as_str()[item.end()..n.start()]);
        let in_range = [sep_before, sep_after].into_iter().flatten().any(|s| RANGE.is_match(s));
        if in_range {
            continue;
        }
        // The first number is shown with its word: "Schedule 12".
        let start = if k == 0 { whole.start() } else { list.start() + item.start() };
        out.push(Mention { range: start..list.start() + item.end(), number: item.as_str().to_string() });
    }
}

pub(super) fn check_not_used_references(agreement: &Agreement, out: &mut Vec<Finding>) {
    let not_used: Vec<_> = agreement.schedules.iter().filter(|s| agreement.schedule_not_used(s)).collect();
    if not_used.is_empty() {
        return;
    }
    // The mentions in every block, found once for all the empty schedules.
    let mentioned: Vec<Vec<Vec<Mention>>> = agreement
        .documents()
        .map(|doc| {
            let mut found = mentions_by_block(doc);
            for (b, mentions) in doc.blocks.iter().zip(&mut found) {
                // A contents line or a statement that the schedule is not used.
                if !mentions.is_empty() && says_not_used(&b.text) {
                    mentions.clear();
                }
            }
            found
        })
        .collect();
    for schedule in not_used {
        let entry = agreement.entry(schedule);
        let Some(number) = &entry.number else { continue };
        let marked =
            schedule.doc.as_ref().and_then(|d| d.blocks.first()).map_or_else(|| entry.span.clone(), |b| b.span.clone());
        for (doc, mentioned) in agreement.documents().zip(&mentioned) {
            if schedule.doc.as_ref().is_some_and(|own| std::ptr::eq(own, doc)) {
                continue;
            }
            for (b, mentions) in doc.blocks.iter().zip(mentioned) {
                for m in mentions.iter().filter(|m| m.number.eq_ignore_ascii_case(&number.value)) {
                    out.push(
                        Finding::new(
                            &NOT_USED_REFERENCE,
                            b.span_of(m.range.clone()),
                            format!("reference to Schedule {}, which is \"Not used\"", number.value),
                        )
                        .label("refers to an empty schedule")
                        .related(marked.clone(), format!("Schedule {} is not used", number.value))
                        .help("correct the schedule number, or restore the schedule's content"),
                    );
                }
            }
        }
    }
}

/// Whether the text says "not used", in any case.
fn says_not_used(text: &str) -> bool {
    contains_ignore_ascii_case(text, &["not used"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_searched_at_once_has_each_blocks_mentions() {
        for doc in crate::rules::testing::bundled_documents() {
            let by_block: Vec<Vec<Mention>> = doc.blocks.iter().map(|b| mentions(&b.text)).collect();
            assert_eq!(mentions_by_block(&doc), by_block, "{}", doc.file.path);
        }
    }

    fn numbers(text: &str) -> Vec<(String, String)> {
        mentions(text).into_iter().map(|m| (text[m.range].to_string(), m.number)).collect()
    }

    #[test]
    fn single_and_listed_mentions() {
        assert_eq!(numbers("as set out in Schedule 12."), [("Schedule 12".into(), "12".into())]);
        assert_eq!(numbers("see schedule 12 and"), [("schedule 12".into(), "12".into())]);
        assert_eq!(numbers("Schedules 4 and 12"), [("Schedules 4".into(), "4".into()), ("12".into(), "12".into())]);
        assert_eq!(
            numbers("Schedules 11, 12 and 13").iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
            ["11", "12", "13"]
        );
    }

    #[test]
    fn other_numbers_and_ranges_are_not_mentions_of_12() {
        assert_eq!(
            numbers("Schedule 120 and Schedule 12A"),
            [("Schedule 120".into(), "120".into()), ("Schedule 12A".into(), "12A".into())]
        );
        assert_eq!(numbers("Schedules 1 to 17"), []);
        assert_eq!(numbers("Schedules 10–13"), []);
        assert_eq!(numbers("paragraph 12 of the Schedule"), []);
        assert_eq!(numbers("Scheduled 12 meetings"), []);
    }
}
