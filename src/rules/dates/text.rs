//! What the agreement's own words say about its dates: the Commencement
//! Date, the Term, the termination notice and the extension provisions.
//!
//! Only a few well-worn forms are read, and only in the body (schedules
//! carry many unrelated periods such as "within one month of the
//! Commencement Date"). A statement that is not in one of these forms is
//! not read at all: a missed statement costs a finding, a misread one costs
//! the reader's trust.

use std::sync::LazyLock;

use crate::model::pattern::Pattern;
use jiff::civil::Date;

use super::english::{self, FoundDate, FoundDuration};
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

// The phrases around a period or date. Patterns use ASCII case folding
// (`(?i-u)`): the words are ASCII, and Unicode folding costs far more to compile.
/// What follows a period that counts from the start: "… from the Commencement Date".
static FROM_COMMENCEMENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)^\s+(?:from|following|after|commencing\s+on|starting\s+on|beginning\s+on)\s+(?:and\s+including\s+)?the\s+Commencement\s+Date",
    )
});
/// Verbs of a clause that states how long the Agreement lasts.
static DURATION_VERBS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)\b(?:continue|cease|expire|determine|remain\s+in\s+force|period\s+of|term\s+of)")
});
/// Blocks whose periods are about something else (reviews, notices, deadlines).
static NOT_DURATION: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"(?i-u)\b(?:notice|review|within)\b"));
/// Before a date in the definition of the Term: "… ending on", "… to and including".
static BEFORE_EXPIRY_IN_TERM: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)(?:\bto|\buntil|\bending\s+on|\bexpiring\s+on|\band\s+including)\s+(?:the\s+)?$")
});
/// Before the last day of the term: "this Agreement shall expire on".
static BEFORE_EXPIRY: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)(?:this\s+Agreement|the\s+Term)\s+(?:shall|will)\s+(?:(?:continue|remain\s+in\s+force)\s+until|(?:expire|end|terminate|cease)(?:\s+absolutely)?\s+on)\s+(?:and\s+including\s+)?$",
    )
});
/// Before the first day: "this Agreement shall take effect on".
static BEFORE_COMMENCEMENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)(?:this\s+Agreement|it)\s+(?:shall\s+|will\s+)?(?:take\s+effect|commences?|come\s+into\s+(?:force|effect)|comes\s+into\s+(?:force|effect))\s+(?:on|from)\s+(?:and\s+including\s+)?$",
    )
});
/// Termination for fault is not the notice period of the agreement.
static FAULT: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i-u)breach|default|insolv|force\s+majeure|fail|remed"));
/// After a notice period: "… written notice".
static AFTER_NOTICE_PERIOD: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i-u)^\s*(?:(?:prior|advance|written|previous)\s+)*notice\b"));
/// Before a notice period: "notice in writing of not less than …".
static BEFORE_NOTICE_PERIOD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)\bnotice\s+(?:in\s+writing\s+)?(?:of\s+)?(?:not\s+less\s+than\s+|at\s+least\s+)$")
});
/// After an extension's lead time: "… prior to the end of the Term".
static AFTER_LEAD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)^\s+(?:prior\s+to|before)\s+the\s+(?:end|expiry|expiration|termination)\s+of\s+(?:the\s+Term|this\s+Agreement|the\s+Agreement)",
    )
});
/// Before a lead time that is a latest date: "no later than …".
static FIRM_LEAD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)(?:no\s+later\s+than|not\s+later\s+than|at\s+least|not\s+less\s+than|a\s+minimum\s+of|on\s+or\s+before|by)\s+$",
    )
});
/// Before the length of an extension: "extend this Agreement for a further period of …".
static BEFORE_EXTENSION_PERIOD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)\bextend(?:ed)?\s+(?:this\s+Agreement\s+|the\s+Agreement\s+|the\s+Term\s+)?(?:once\s+)?(?:by|for)\s+(?:a\s+|one\s+)?(?:further\s+|additional\s+)?(?:period\s+of\s+|term\s+of\s+)?$",
    )
});

/// The defined term a block defines, if it is a definition.
pub fn defines(block: &Block) -> Option<&str> {
    DEFINITION.captures(&block.text).and_then(|c| c.name("term")).map(|m| m.as_str())
}

fn is_definition_of(block: &Block, term: &str) -> bool {
    defines(block).is_some_and(|t| t.eq_ignore_ascii_case(term))
}

/// Reads the body of `agreement`.
pub fn read(agreement: &Agreement) -> TextFacts {
    read_found(agreement, &english::in_body(agreement))
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
    // "“Expiry Date” means 31 March 2021": the definition's first date is the last day.
    let expiry_def = ["Expiry Date", "End Date", "Termination Date"].iter().any(|t| is_definition_of(block, t));

    // Dates: commencement and expiry.
    for (i, d) in dates.iter().enumerate() {
        let Some(date) = d.date else { continue };
        let before = &text[..d.range.start];
        if (commencement_def && i == 0) || BEFORE_COMMENCEMENT.is_match(before) {
            facts.commencement.push(Located::new(date, at(d.range.clone())));
        } else if (expiry_def && i == 0)
            || (term_def && BEFORE_EXPIRY_IN_TERM.is_match(before))
            || BEFORE_EXPIRY.is_match(before)
        {
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
