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
mod extended_expiry;
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
use crate::model::Agreement;
use crate::model::metadata::{Duration, DurationUnit, FinancialYear};
use crate::rules::{Context, Family, Finding, Rule};
use term::ResolvedTerm;

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
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        // Periods and dates in every block, read once for the body's
        // statements and for the words-and-figures checks.
        let found = english::in_documents(a);
        let facts = text::read_found(a, &found[0]);
        let t = term::resolve(a, &facts);
        term_arithmetic::check_term_arithmetic(a, out);
        metadata_text::check_metadata_against_text(a, &facts, &t, out);
        text_conflict::check_text_conflicts(a, &facts, out);
        extended_expiry::check(a, &found, out);
        notice_vs_term::check_notice(&t, out);
        extension_deadline::check_extension_deadline(&t, out);
        check_contributions(a, &t, out);
        contribution_outside_term::check_text_contributions(a, &t, out);
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
