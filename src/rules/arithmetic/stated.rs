//! Contributions stated in a sentence with their total: "the Council shall
//! contribute £2,410,000 and the CCG shall contribute £5,125,000, a total
//! of £7,535,000", or "the Pooled Fund shall total £7,535,000, being
//! £2,410,000 from the Council and £5,125,000 from the CCG".
//!
//! A sentence is read only when each amount but the total is tied to a
//! different partner, exactly one amount is called the total, and nothing
//! says the total holds other money ("the remainder", "including", "of
//! which"): a budget that partners part-fund is not a sum of its parts.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::metadata::Party;

/// "£2,410,000", "£1.5m", "£8 million".
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"£\s?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]{1,2}))?(?P<mult>\s?(?:m|million|k)\b)?",
    )
    .expect("valid")
});

/// Words right before an amount that make it the total.
static TOTAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:a\s+total\s+of|totall?ing|shall\s+total|in\s+aggregate|aggregate\s+of)\s*$").expect("valid")
});

/// Words that say the total holds more than the amounts named.
const OTHER_MONEY: [&str; 9] =
    ["remainder", "balance", "includ", "of which", "excluding", "plus", "other", "further", "additional"];

#[derive(Debug)]
pub struct Stated {
    pub total: (Range<usize>, i64),
    /// Each partner's amount (pence) and the partner's index.
    pub parts: Vec<(Range<usize>, i64, usize)>,
}

/// Pence of "£1.5m" and the like; `None` for amounts too large or odd to trust.
fn pence(c: &regex::Captures) -> Option<i64> {
    let int: i64 = c["int"].replace(',', "").parse().ok()?;
    let frac = c.name("frac").map_or(Ok(0), |f| format!("{:0<2}", f.as_str()).parse::<i64>()).ok()?;
    let mult = match c.name("mult").map(|m| m.as_str().trim()) {
        Some("m" | "million") => 1_000_000,
        Some("k") => 1_000,
        _ => 1,
    };
    if mult > 1 {
        // "£1.5m": the decimals are of millions.
        return (int * 100 + frac).checked_mul(mult);
    }
    int.checked_mul(100)?.checked_add(frac)
}

/// Sentences of `text` (split at "; " and ". ") whose contributions and total are stated together.
pub fn find(text: &str, parties: &[Party]) -> Vec<Stated> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in text.match_indices(['.', ';']).map(|(i, _)| i + 1).chain([text.len()]) {
        // A decimal point ("£1.5m") does not end a sentence.
        if end < text.len() && !text[end..].starts_with(' ') {
            continue;
        }
        if let Some(s) = sentence(text, start..end, parties) {
            out.push(s);
        }
        start = end;
    }
    out
}

fn sentence(text: &str, range: Range<usize>, parties: &[Party]) -> Option<Stated> {
    let s = &text[range.clone()];
    let lower = s.to_lowercase();
    if !lower.contains("contribut") && !lower.contains("pooled fund") || OTHER_MONEY.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let amounts: Vec<(Range<usize>, i64)> =
        AMOUNT.captures_iter(s).filter_map(|c| Some((c.get(0)?.range(), pence(&c)?))).collect();
    if amounts.len() < 3 {
        return None;
    }
    let totals: Vec<usize> = (0..amounts.len()).filter(|&i| TOTAL_BEFORE.is_match(&s[..amounts[i].0.start])).collect();
    let [t] = totals[..] else { return None };
    // Each part's partner is named before it ("the CCG shall contribute £…")
    // or, in the other style, after it ("£… from the CCG").
    let between = |i: usize| {
        let from = if i == 0 { 0 } else { amounts[i - 1].0.end };
        &s[from..amounts[i].0.start]
    };
    let after = |i: usize| {
        let to = amounts.get(i + 1).map_or(s.len(), |a| a.0.start);
        &s[amounts[i].0.end..to]
    };
    let parts: Vec<usize> = (0..amounts.len()).filter(|&i| i != t).collect();
    let first_after = after(parts[0]);
    let trailing = first_after.trim_start().starts_with(['(', 'f', 'b']) && party_in(first_after, parties).is_some();
    let mut named = Vec::new();
    for &i in &parts {
        let words = if trailing { after(i) } else { between(i) };
        named.push(party_in(words, parties)?);
    }
    let mut distinct = named.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != named.len() {
        return None;
    }
    let shift = |r: &Range<usize>| range.start + r.start..range.start + r.end;
    Some(Stated {
        total: (shift(&amounts[t].0), amounts[t].1),
        parts: parts.iter().zip(named).map(|(&i, p)| (shift(&amounts[i].0), amounts[i].1, p)).collect(),
    })
}

/// The one partner a stretch of words names, by key, name or defined name.
fn party_in(words: &str, parties: &[Party]) -> Option<usize> {
    let lower = words.to_lowercase();
    let names = |p: &Party| {
        [&p.key, &p.name, &p.defined_as]
            .into_iter()
            .flatten()
            .map(|n| n.value.to_lowercase().trim_start_matches("the ").to_string())
            .filter(|n| n.len() >= 2)
            .collect::<Vec<_>>()
    };
    let hits: Vec<usize> = parties
        .iter()
        .enumerate()
        .filter(|(_, p)| names(p).iter().any(|n| crate::rules::metadata::contains_word(&lower, n)))
        .map(|(i, _)| i)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}
