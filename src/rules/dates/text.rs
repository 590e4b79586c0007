//! What the agreement's own words say about its dates: the Commencement
//! Date, the Term, the termination notice and the extension provisions.
//!
//! Only a few well-worn forms are read, and only in the body (schedules
//! carry many unrelated periods such as "within one month of the
//! Commencement Date"). A statement that is not in one of these forms is
//! not read at all: a missed statement costs a finding, a misread one costs
//! the reader's trust.

use std::sync::LazyLock;

use crate::model::pattern::{Matcher, Pattern};
use jiff::civil::Date;

use super::english::{self, FoundDate, FoundDuration};
use super::phrases;
use crate::model::metadata::Duration;
use crate::model::{Agreement, Block, Located, Section};

/// An extension lead time: "three (3) months prior to the end of the Term".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lead {
    pub duration: Duration,
    /// True when worded as a latest date ("no later than", "at least");
    /// false when it names a single day ("three months prior to").
    pub firm: bool,
}

/// Every statement about dates the body makes, in reading order.
#[derive(Debug, Default)]
pub struct TextFacts {
    pub commencement: Vec<Located<Date>>,
    /// Term lengths counted from the Commencement Date.
    pub length: Vec<Located<Duration>>,
    /// Last days of the Term stated as dates.
    pub expiry: Vec<Located<Date>>,
    /// No-fault termination notice periods.
    pub notice: Vec<Located<Duration>>,
    pub extension_lead: Vec<Located<Lead>>,
    pub extension_period: Vec<Located<Duration>>,
}

/// `“Term” means` / `"Commencement Date" shall mean`, at the start of a block.
static DEFINITION: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r#"^\s*["“”'‘’]\s*(?P<term>[^"“”'‘’]{1,60}?)\s*["“”'‘’]\s+(?:shall\s+)?means?(?-u:\b)"#)
});

// The phrases around a period or date (see `phrases`).
static FROM_COMMENCEMENT: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::FROM_COMMENCEMENT);
static DURATION_VERBS: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::DURATION_VERBS);
static NOT_DURATION: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::NOT_DURATION);
static BEFORE_EXPIRY_IN_TERM: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::BEFORE_EXPIRY_IN_TERM);
static BEFORE_EXPIRY: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::BEFORE_EXPIRY);
static BEFORE_COMMENCEMENT: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::BEFORE_COMMENCEMENT);
static FAULT: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::FAULT);
static AFTER_NOTICE_PERIOD: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::AFTER_NOTICE_PERIOD);
static BEFORE_NOTICE_PERIOD: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::BEFORE_NOTICE_PERIOD);
static AFTER_LEAD: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::AFTER_LEAD);
static FIRM_LEAD: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::FIRM_LEAD);
static BEFORE_EXTENSION_PERIOD: LazyLock<Matcher> = crate::builtin_matcher!("dates", phrases::BEFORE_EXTENSION_PERIOD);

/// Every phrase, named as in [`phrases::ALL`].
static PHRASES: [(&str, &LazyLock<Matcher>); 12] = [
    ("FROM_COMMENCEMENT", &FROM_COMMENCEMENT),
    ("DURATION_VERBS", &DURATION_VERBS),
    ("NOT_DURATION", &NOT_DURATION),
    ("BEFORE_EXPIRY_IN_TERM", &BEFORE_EXPIRY_IN_TERM),
    ("BEFORE_EXPIRY", &BEFORE_EXPIRY),
    ("BEFORE_COMMENCEMENT", &BEFORE_COMMENCEMENT),
    ("FAULT", &FAULT),
    ("AFTER_NOTICE_PERIOD", &AFTER_NOTICE_PERIOD),
    ("BEFORE_NOTICE_PERIOD", &BEFORE_NOTICE_PERIOD),
    ("AFTER_LEAD", &AFTER_LEAD),
    ("FIRM_LEAD", &FIRM_LEAD),
    ("BEFORE_EXTENSION_PERIOD", &BEFORE_EXTENSION_PERIOD),
];

/// The defined term a block defines, if it is a definition.
pub fn defines(block: &Block) -> Option<&str> {
    DEFINITION.captures(&block.text).and_then(|c| c.name("term")).map(|m| m.as_str())
}

fn is_definition_of(block: &Block, term: &str) -> bool {
    defines(block).is_some_and(|t| t.eq_ignore_ascii_case(term))
}

/// Reads the body of `agreement`.
pub fn read(agreement: &Agreement) -> TextFacts {
    read_found(agreement, &english::in_blocks(&agreement.body))
}

/// As [`read`], given the periods and dates of the body's blocks.
pub fn read_found(agreement: &Agreement, found: &english::InBlocks) -> TextFacts {
    let mut facts = TextFacts::default();
    let blocks = agreement.body.blocks.iter().zip(&found.dates).zip(&found.durations);
    for ((block, dates), periods) in blocks.filter(|((b, _), _)| b.section == Section::Clauses && !b.is_heading()) {
        read_block(block, dates, periods, &mut facts);
    }
    facts
}

/// Reads one block, given the dates and periods in it.
fn read_block(block: &Block, dates: &[FoundDate], periods: &[FoundDuration], facts: &mut TextFacts) {
    let text = block.text.as_str();
    let at = |range: std::ops::Range<usize>| block.span_of(range);
    if dates.is_empty() && periods.is_empty() {
        return;
    }
    let commencement_def = is_definition_of(block, "Commencement Date");
    let term_def = is_definition_of(block, "Term");

    // Dates: commencement and expiry.
    for (i, d) in dates.iter().enumerate() {
        let Some(date) = d.date else { continue };
        let before = &text[..d.range.start];
        if (commencement_def && i == 0) || BEFORE_COMMENCEMENT.is_match(before) {
            facts.commencement.push(Located::new(date, at(d.range.clone())));
        } else if (term_def && BEFORE_EXPIRY_IN_TERM.is_match(before)) || BEFORE_EXPIRY.is_match(before) {
            facts.expiry.push(Located::new(date, at(d.range.clone())));
        }
    }

    if periods.is_empty() {
        return;
    }
    let lower = text.to_ascii_lowercase();
    let is_duration_clause = term_def || (DURATION_VERBS.is_match(text) && !NOT_DURATION.is_match(text));
    let is_notice_clause = lower.contains("terminat") && lower.contains("notice") && !FAULT.is_match(text);
    let is_extension_clause = lower.contains("extend") || lower.contains("extension");
    for &FoundDuration { duration, ref range } in periods {
        let (before, after) = (&text[..range.start], &text[range.end..]);
        let span = at(range.clone());
        if is_duration_clause && FROM_COMMENCEMENT.is_match(after) {
            facts.length.push(Located::new(duration, span));
        } else if is_notice_clause && (AFTER_NOTICE_PERIOD.is_match(after) || BEFORE_NOTICE_PERIOD.is_match(before)) {
            facts.notice.push(Located::new(duration, span));
        } else if is_extension_clause && AFTER_LEAD.is_match(after) {
            let firm = FIRM_LEAD.is_match(before);
            facts.extension_lead.push(Located::new(Lead { duration, firm }, span));
        } else if is_extension_clause && BEFORE_EXTENSION_PERIOD.is_match(before) {
            facts.extension_period.push(Located::new(duration, span));
        }
    }
}

/// Compiles this module's patterns now rather than on first use (see
/// `rules::compile_patterns`).
pub(crate) fn compile_patterns() {
    LazyLock::force(&DEFINITION);
    for (_, phrase) in &PHRASES {
        LazyLock::force(phrase);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each phrase compiled when s75 was built matches where the pattern
    /// compiled now matches: in every body clause and in the words around
    /// each period and date of the bundled agreements.
    #[test]
    fn the_prebuilt_phrases_match_as_their_patterns_do() {
        assert_eq!(phrases::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>(), PHRASES.map(|(n, _)| n));
        let mut texts: Vec<String> = Vec::new();
        for a in crate::rules::testing::bundled() {
            let found = english::in_blocks(&a.body);
            for (i, b) in a.body.blocks.iter().enumerate() {
                texts.push(b.text.clone());
                let ranges = found.durations[i]
                    .iter()
                    .map(|d| d.range.clone())
                    .chain(found.dates[i].iter().map(|d| d.range.clone()));
                for r in ranges {
                    texts.push(b.text[..r.start].to_string());
                    texts.push(b.text[r.end..].to_string());
                }
            }
        }
        // And a text each phrase is written for, with variants that are not.
        for t in [
            " from and including the Commencement Date",
            "The Agreement shall remain in force",
            "by notice",
            "the period ending on and including the ",
            "this Agreement shall expire absolutely on ",
            "This Agreement shall come into force on ",
            "on the insolvency of a Partner",
            " prior written notice",
            "giving notice in writing of not less than ",
            " before the expiry of this Agreement",
            "no later than ",
            "extend the Term by a further period of ",
            "this Agreement shall expire on 31 March",
            "notice of three months",
        ] {
            texts.push(t.to_string());
            texts.push(t.to_uppercase());
            texts.push(format!("x{t}y"));
        }
        for ((name, pattern), (_, matcher)) in phrases::ALL.iter().zip(&PHRASES) {
            #[cfg(target_endian = "little")]
            assert!(matcher.is_prebuilt(), "build.rs compiled {name}");
            let compiled = Pattern::new(pattern);
            let matched = texts.iter().filter(|t| {
                assert_eq!(matcher.is_match(t), compiled.is_match(t), "{name} on {t:?}");
                compiled.is_match(t)
            });
            assert!(matched.count() > 0, "{name} matches something");
        }
    }
}
