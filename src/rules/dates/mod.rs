//! `dates.*`: the term adds up, the metadata and the text agree on it, the
//! notice period can work within it, and contributions fall in it.
//!
//! Arithmetic convention, used everywhere: a term of N units runs from its
//! first day to `commencement + N units − 1 day`, inclusive, so a 1-year term
//! from 1 April 2019 ends on 31 March 2020. Adding months or years keeps the
//! day of the month and clamps it to the month's last day when that day does
//! not exist (jiff's rule): 31 January + 1 month = 28 February (29 in a leap
//! year). Where that rule and "count from the day before" disagree (terms
//! starting on the 29th–31st), either answer is accepted.

mod contribution_outside_term;
mod contribution_part_year;
pub mod english;
mod extension_deadline;
mod impossible_date;
mod metadata_text;
mod notice_vs_term;
pub mod term;
mod term_arithmetic;
pub mod text;
mod text_conflict;
mod words_and_figures;

pub use contribution_outside_term::CONTRIBUTION_OUTSIDE_TERM;
pub use contribution_part_year::CONTRIBUTION_PART_YEAR;
pub use extension_deadline::EXTENSION_DEADLINE;
pub use impossible_date::IMPOSSIBLE_DATE;
pub use metadata_text::METADATA_TEXT;
pub use notice_vs_term::NOTICE_VS_TERM;
pub use term_arithmetic::TERM_ARITHMETIC;
pub use text_conflict::TEXT_CONFLICT;
pub use words_and_figures::WORDS_FIGURES;

use jiff::civil::Date;

use crate::loading::LoadError;
use crate::model::metadata::{Duration, DurationUnit, FinancialYear};
use crate::model::{Agreement, Located, Span};
use crate::rules::{Context, Family, Finding, Rule};
use english::long_date;
use term::{Origin, ResolvedTerm};
use text::TextFacts;

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[
    &TERM_ARITHMETIC,
    &METADATA_TEXT,
    &TEXT_CONFLICT,
    &NOTICE_VS_TERM,
    &EXTENSION_DEADLINE,
    &CONTRIBUTION_OUTSIDE_TERM,
    &CONTRIBUTION_PART_YEAR,
    &WORDS_FIGURES,
    &IMPOSSIBLE_DATE,
];

pub struct Dates;

impl Dates {
    /// The date rules need no pack: their knowledge is the calendar.
    pub fn new(_cx: &Context) -> Result<Self, LoadError> {
        Ok(Dates)
    }
}

impl Family for Dates {
    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        // Periods and dates in every block, read once for the body's
        // statements and for the words-and-figures checks.
        let found: Vec<english::InBlocks> = a.documents().map(english::in_blocks).collect();
        let facts = text::read_found(a, &found[0]);
        let t = term::resolve(a, &facts);
        check_term_arithmetic(a, out);
        check_metadata_against_text(a, &facts, &t, out);
        check_text_conflicts(a, &facts, out);
        check_notice(&t, out);
        check_extension_deadline(&t, out);
        check_contributions(a, &t, out);
        check_words(a, found, out);
    }
}

/// The dates a period may end on, counted from `start`: the stated rule, and
/// for month-end starts the "from the day before" reading too.
fn accepted_last_days(length: Duration, start: Date) -> Vec<Date> {
    let mut days: Vec<Date> = length.last_day_from(start).into_iter().collect();
    if matches!(length.unit, DurationUnit::Month | DurationUnit::Year) && start.day() > 28 {
        if let Some(alt) = start.yesterday().ok().and_then(|d| length.after(d)) {
            days.push(alt);
        }
    }
    days
}

/// Whether two periods are the same length: counted from `start` when
/// known ("12 months" = "1 year"), else by their units.
pub(crate) fn same_length(a: Duration, b: Duration, start: Option<Date>) -> bool {
    match start.and_then(|s| Some((a.after(s)?, b.after(s)?))) {
        Some((x, y)) => x == y,
        None => a == b || (a.months().is_some() && a.months() == b.months()),
    }
}

fn check_term_arithmetic(a: &Agreement, out: &mut Vec<Finding>) {
    let Some(term) = &a.meta.term else { return };
    let (Some(c), Some(e)) = (&term.commencement, &term.expiry) else { return };
    if e.value < c.value {
        out.push(
            Finding::new(
                &TERM_ARITHMETIC,
                e.span.clone(),
                format!("expiry {} is before commencement {}", e.value, c.value),
            )
            .related(c.span.clone(), "commencement"),
        );
        return;
    }
    let Some(length) = &term.length else { return };
    let accepted = accepted_last_days(length.value, c.value);
    let Some(expected) = accepted.first().copied() else { return };
    if accepted.contains(&e.value) {
        return;
    }
    out.push(
        Finding::new(
            &TERM_ARITHMETIC,
            e.span.clone(),
            format!("expiry {} does not match the term: {} from {} ends on {}", e.value, length.value, long_date(c.value), long_date(expected)),
        )
        .label(format!("expected {expected}"))
        .related(c.span.clone(), "commencement")
        .related(length.span.clone(), "length")
        .help("the expiry is the last day of the term: commencement + length − 1 day (see `s75 explain dates.term-arithmetic`)"),
    );
}

fn mismatch(text: &Span, what: &str, text_says: String, meta: &Span, meta_says: String) -> Finding {
    Finding::new(
        &METADATA_TEXT,
        text.clone(),
        format!("the text gives the {what} as {text_says}, agreement.toml as {meta_says}"),
    )
    .label(format!("text: {text_says}"))
    .related(meta.clone(), format!("agreement.toml: {meta_says}"))
    .help("correct whichever is wrong; the signed text is usually the authority")
}

fn check_metadata_against_text(a: &Agreement, facts: &TextFacts, t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let Some(term) = &a.meta.term else { return };
    let start = t.commencement.as_ref().map(|c| c.value);
    if let Some(m) = &term.commencement {
        for s in facts.commencement.iter().filter(|s| s.value != m.value) {
            out.push(mismatch(&s.span, "commencement date", long_date(s.value), &m.span, long_date(m.value)));
        }
    }
    if let Some(m) = &term.length {
        for s in facts.length.iter().filter(|s| !same_length(s.value, m.value, start)) {
            out.push(mismatch(&s.span, "term", s.value.to_string(), &m.span, m.value.to_string()));
        }
    } else if let (Some(m), Some(c)) = (&term.expiry, start) {
        // A Term stated as a length in the text, an expiry in the metadata.
        for s in &facts.length {
            let accepted = accepted_last_days(s.value, c);
            if let Some(first) = accepted.first().filter(|_| !accepted.contains(&m.value)) {
                let says = format!("{} (ending {})", s.value, long_date(*first));
                out.push(mismatch(&s.span, "term", says, &m.span, format!("expiry {}", long_date(m.value))));
            }
        }
    }
    if let Some(e) = t.expiry.as_ref().filter(|e| e.origin == Origin::Metadata) {
        let meta_span = e.also.as_ref().unwrap_or(&e.span);
        for s in facts.expiry.iter().filter(|s| s.value != e.value) {
            out.push(mismatch(&s.span, "last day of the term", long_date(s.value), meta_span, long_date(e.value)));
        }
    }
    let mut any_of = |what: &str, stated: Option<&Located<Duration>>, texts: Vec<&Located<Duration>>| {
        let Some(m) = stated else { return };
        if texts.is_empty() || texts.iter().any(|s| same_length(s.value, m.value, start)) {
            return;
        }
        let s = texts[0];
        out.push(mismatch(&s.span, what, s.value.to_string(), &m.span, m.value.to_string()));
    };
    any_of("termination notice", term.notice.as_ref(), facts.notice.iter().collect());
    let ext = term.extension.as_ref();
    let leads: Vec<Located<Duration>> =
        facts.extension_lead.iter().map(|l| Located::new(l.value.duration, l.span.clone())).collect();
    any_of(
        "time before expiry to agree an extension",
        ext.and_then(|e| e.agree_before.as_ref()),
        leads.iter().collect(),
    );
    any_of("extension period", ext.and_then(|e| e.period.as_ref()), facts.extension_period.iter().collect());
}

/// Different text statements of one fact, where the metadata does not settle it.
fn check_text_conflicts(a: &Agreement, facts: &TextFacts, out: &mut Vec<Finding>) {
    let term = a.meta.term.as_ref();
    let conflict = |what: &str, first: &Span, first_says: String, later: &Span, later_says: String| {
        Finding::new(
            &TEXT_CONFLICT,
            later.clone(),
            format!("the text gives the {what} as {later_says} here and as {first_says} earlier"),
        )
        .label(later_says)
        .related(first.clone(), first_says)
        .help("make the clauses agree, and record the result in agreement.toml's [term]")
    };
    if term.is_none_or(|t| t.commencement.is_none()) {
        if let Some(first) = facts.commencement.first() {
            for s in facts.commencement.iter().filter(|s| s.value != first.value) {
                out.push(conflict(
                    "commencement date",
                    &first.span,
                    long_date(first.value),
                    &s.span,
                    long_date(s.value),
                ));
            }
        }
    }
    let start = term
        .and_then(|t| t.commencement.as_ref())
        .map(|c| c.value)
        .or_else(|| facts.commencement.first().map(|c| c.value));
    if term.is_none_or(|t| t.length.is_none() && t.expiry.is_none()) {
        if let Some(first) = facts.length.first() {
            for s in facts.length.iter().filter(|s| !same_length(s.value, first.value, start)) {
                out.push(conflict("term", &first.span, first.value.to_string(), &s.span, s.value.to_string()));
            }
        }
        if let Some(first) = facts.expiry.first() {
            for s in facts.expiry.iter().filter(|s| s.value != first.value) {
                out.push(conflict(
                    "last day of the term",
                    &first.span,
                    long_date(first.value),
                    &s.span,
                    long_date(s.value),
                ));
            }
        }
    }
}

fn check_notice(t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let (Some(c), Some(e), Some(n)) = (&t.commencement, &t.expiry, &t.notice) else { return };
    let (Some(notice_ends), Ok(term_ends)) = (n.value.after(c.value), e.value.tomorrow()) else { return };
    if notice_ends < term_ends {
        return;
    }
    let how = if notice_ends == term_ends { "as long as" } else { "longer than" };
    let term_text = t.length.as_ref().map_or_else(|| t.range_text().unwrap_or_default(), |l| l.value.to_string());
    let mut message = format!("the termination notice ({}) is {how} the whole term ({term_text})", n.value);
    if let Some(p) = t
        .extension_period
        .as_ref()
        .filter(|p| same_length(n.value, p.value, Some(c.value)) || n.value.months() > p.value.months())
    {
        message.push_str(&format!(", and not shorter than each {} extension", english::adjectival(p.value)));
    }
    let term_span = t.length.as_ref().map_or(&e.span, |l| &l.span);
    let mut finding = Finding::new(&NOTICE_VS_TERM, n.span.clone(), message)
        .label(format!("{} notice", n.value))
        .related(term_span.clone(), format!("term: {term_text}, ending {}", long_date(e.value)));
    if let Some(also) = &n.also {
        finding = finding.related(also.clone(), format!("agreement.toml: notice {}", n.value));
    }
    out.push(finding.help(format!(
        "notice served on the first day ({}) runs until {}, {}: termination on notice cannot shorten this term",
        long_date(c.value),
        long_date(notice_ends.yesterday().unwrap_or(notice_ends)),
        if notice_ends == term_ends { "the last day of the term" } else { "after the term has ended" }
    )));
}

fn check_extension_deadline(t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let (Some(lead), Some(e), Some(deadline)) = (&t.extension_lead, &t.expiry, t.extension_deadline()) else { return };
    if lead.value.firm {
        return;
    }
    out.push(
        Finding::new(
            &EXTENSION_DEADLINE,
            lead.span.clone(),
            format!(
                "extension must be agreed in writing by {}: {} before the term ends on {}",
                long_date(deadline),
                lead.value.duration,
                long_date(e.value)
            ),
        )
        .label(format!("{} before expiry = {deadline}", lead.value.duration))
        .related(e.span.clone(), format!("the term ends on {}", long_date(e.value)))
        .help("as worded the clause names that single day, not a latest date; write \"no later than … before the end of the Term\" if a deadline is meant"),
    );
    if let (Some(f), Some(also)) = (out.last_mut(), &lead.also) {
        f.related.push(crate::rules::Label {
            span: also.clone(),
            message: format!("agreement.toml: agree_before {}", lead.value.duration),
        });
    }
}

fn check_contributions(a: &Agreement, t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let (Some(fund), Some(c), Some(e)) = (&a.meta.pooled_fund, &t.commencement, &t.expiry) else { return };
    for contribution in &fund.contributions {
        let Some(year) = &contribution.year else { continue };
        let fy: FinancialYear = year.value;
        let (first, last) = (fy.first_day(), fy.last_day());
        let range = format!("{} to {}", c.value, e.value);
        if last < c.value || first > e.value {
            out.push(
                Finding::new(
                    &CONTRIBUTION_OUTSIDE_TERM,
                    year.span.clone(),
                    format!("contribution for {fy} ({first} to {last}) falls outside the term ({range})"),
                )
                .related(
                    if last < c.value { c.span.clone() } else { e.span.clone() },
                    if last < c.value { "the term starts" } else { "the term ends" },
                )
                .help("correct the year, or the term"),
            );
        } else if c.value > first || e.value < last {
            let from = c.value.max(first);
            let to = e.value.min(last);
            let days = to.since(from).ok().map_or(0, |s| s.get_days() + 1);
            let total = last.since(first).ok().map_or(365, |s| s.get_days() + 1);
            out.push(
                Finding::new(
                    &CONTRIBUTION_PART_YEAR,
                    year.span.clone(),
                    format!("the term ({range}) covers only {from} to {to} of {fy}: {days} of its {total} days"),
                )
                .related(if c.value > first { c.span.clone() } else { e.span.clone() }, if c.value > first { "the term starts" } else { "the term ends" })
                .help("check the amount is for that part of the year, or align the term with financial years (1 April to 31 March)"),
            );
        }
    }
}

/// Periods whose words and figures disagree, and dates the calendar lacks, anywhere in the text.
fn check_words(a: &Agreement, found: Vec<english::InBlocks>, out: &mut Vec<Finding>) {
    for (doc, found) in a.documents().zip(found) {
        for ((b, words_figures), dates) in doc.blocks.iter().zip(found.words_figures).zip(found.dates) {
            for w in words_figures {
                out.push(
                    Finding::new(
                        &WORDS_FIGURES,
                        b.span_of(w.range.clone()),
                        format!("\"{}\" says {} in words and {} in figures", &b.text[w.range], w.words, w.figure),
                    )
                    .help("correct the words or the figure"),
                );
            }
            for d in dates.into_iter().filter(|d| d.date.is_none()) {
                out.push(Finding::new(
                    &IMPOSSIBLE_DATE,
                    b.span_of(d.range.clone()),
                    format!("\"{}\" is not a date in the calendar", &b.text[d.range]),
                ));
            }
        }
    }
}
