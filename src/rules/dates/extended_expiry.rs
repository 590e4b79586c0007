//! An extension that states its arithmetic: "(C) The Original Agreement is
//! due to expire on 31 March 2023" and "the term … shall be extended by a
//! further period of 24 months, so that it shall expire on 31 March 2026".
//! The new last day must be the old one moved on by the period. Reported as
//! `dates.text-conflict`: two statements of the text disagree.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::TEXT_CONFLICT;
use super::english::{self, long_date};
use crate::model::{Agreement, Located};
use crate::rules::Finding;

/// Before the current last day: "is due to expire on", "currently expires on".
static DUE_TO_EXPIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:due\s+to\s+(?:expire|end|terminate)|(?:currently|presently)\s+(?:expires|ends))\s+(?:on\s+)?(?:the\s+)?$")
        .expect("due-to-expire pattern")
});
/// Before the period of an extension: "shall be extended by a further period of".
static EXTENDED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bextended\s+(?:by|for)\s+(?:a\s+)?(?:further\s+|additional\s+)?(?:period\s+of\s+)?$")
        .expect("extended-by pattern")
});
/// Between the period and the new last day: "…, so that it shall expire on",
/// or straight on: "… 24 months to 31 March 2025".
static SO_THAT_IT_EXPIRES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[^.;]{0,40}?\b(?:so\s+that\s+it|and\s+(?:it\s+)?)\s*(?:shall|will)\s+(?:now\s+)?(?:expire|end|terminate|continue\s+until)\s+(?:on\s+)?(?:the\s+)?|\s*,?\s*(?:to|until|ending\s+on|expiring\s+on)\s+(?:and\s+including\s+)?(?:the\s+)?)$")
        .expect("so-that-it-expires pattern")
});

/// `found`: what [`english::in_documents`] found in each of `a`'s documents, in order.
pub(super) fn check(a: &Agreement, found: &[english::InBlocks], out: &mut Vec<Finding>) {
    let mut due: Vec<Located<Date>> = Vec::new();
    let mut extended: Vec<(english::FoundDuration, Located<Date>)> = Vec::new();
    for (doc, found) in a.documents().zip(found) {
        for ((b, dates), durations) in doc.blocks.iter().zip(&found.dates).zip(&found.durations) {
            let text = b.text.as_str();
            for d in dates {
                if let Some(date) = d.date.filter(|_| DUE_TO_EXPIRE.is_match(&text[..d.range.start])) {
                    due.push(Located::new(date, b.span_of(d.range.clone())));
                }
            }
            for p in durations.iter().filter(|p| EXTENDED_BY.is_match(&text[..p.range.start])) {
                let new_end = dates
                    .iter()
                    .filter(|d| d.range.start >= p.range.end)
                    .find(|d| SO_THAT_IT_EXPIRES.is_match(&text[p.range.end..d.range.start]));
                if let Some(date) = new_end.and_then(|d| Some((d.date?, d.range.clone()))) {
                    extended.push((p.clone(), Located::new(date.0, b.span_of(date.1))));
                }
            }
        }
    }
    // Only one stated current expiry makes the arithmetic certain.
    let [old] = due.as_slice() else { return };
    for (period, new) in extended {
        let moved = [
            period.duration.after(old.value),
            old.value.tomorrow().ok().and_then(|d| period.duration.last_day_from(d)),
        ];
        let Some(expected) = moved[1].or(moved[0]) else { continue };
        if moved.contains(&Some(new.value)) {
            continue;
        }
        out.push(
            Finding::new(
                &TEXT_CONFLICT,
                new.span.clone(),
                format!(
                    "extending a term that ends on {} by {} gives {}, not {}",
                    long_date(old.value),
                    period.duration,
                    long_date(expected),
                    long_date(new.value)
                ),
            )
            .label(format!("{} + {} = {}", long_date(old.value), period.duration, long_date(expected)))
            .related(old.span.clone(), "the expiry extended")
            .help("correct the new expiry date or the period of the extension, so that the two agree"),
        );
    }
}
