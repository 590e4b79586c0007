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

pub mod english;
pub mod term;
pub mod text;

use jiff::civil::Date;

use crate::loading::LoadError;
use crate::model::metadata::{Duration, DurationUnit, FinancialYear};
use crate::model::{Agreement, Located, Span};
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};
use english::long_date;
use term::{Origin, ResolvedTerm};
use text::TextFacts;

pub const TERM_ARITHMETIC: &str = "dates.term-arithmetic";
pub const METADATA_TEXT: &str = "dates.metadata-text";
pub const TEXT_CONFLICT: &str = "dates.text-conflict";
pub const NOTICE_VS_TERM: &str = "dates.notice-vs-term";
pub const EXTENSION_DEADLINE: &str = "dates.extension-deadline";
pub const CONTRIBUTION_OUTSIDE_TERM: &str = "dates.contribution-outside-term";
pub const CONTRIBUTION_PART_YEAR: &str = "dates.contribution-part-year";
pub const WORDS_FIGURES: &str = "dates.words-and-figures";
pub const IMPOSSIBLE_DATE: &str = "dates.impossible-date";

pub struct Dates;

impl Dates {
    /// The date rules need no pack: their knowledge is the calendar.
    pub fn new(_cx: &Context) -> Result<Self, LoadError> {
        Ok(Dates)
    }
}

const CONVENTION: &str = "s75 counts a term of N units from its first day to commencement + N units − 1 day, \
     inclusive: a 1-year term from 1 April 2019 ends on 31 March 2020. Adding months or years keeps the day of \
     the month and clamps it to the month's last day when that day does not exist: 31 January + 1 month = \
     28 February, or 29 February in a leap year. For terms starting on the 29th–31st, where that rule and \
     counting from the day before give different last days, either is accepted.";

impl Family for Dates {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        vec![
            RuleInfo::new(
                TERM_ARITHMETIC,
                Severity::Error,
                "the term's expiry in agreement.toml is not commencement + length",
                &format!("`[term]` gives commencement, length and expiry; they must agree. {CONVENTION}"),
                "[term]\ncommencement = 2019-04-01\nlength = \"1 year\"\nexpiry = 2020-04-01   # the term ends on 2020-03-31",
            ),
            RuleInfo::new(
                METADATA_TEXT,
                Severity::Error,
                "agreement.toml and the agreement's text give different dates or periods",
                &format!(
                    "The commencement date, the Term, the expiry, the termination notice and the extension \
                     provisions are read from the text (the \"Commencement Date\" and \"Term\" definitions, \
                     \"this Agreement shall take effect on …\", \"twelve (12) months' notice\", \"three (3) \
                     months prior to the end of the Term\") and compared with `[term]`. The finding points \
                     at the text and shows the metadata beside it: one of them is wrong. Only the usual \
                     wordings are read, so a silent run does not prove the two agree. {CONVENTION}"
                ),
                "\"Term\" means the period of one (1) year …   # agreement.toml: length = \"3 years\"",
            ),
            RuleInfo::new(
                TEXT_CONFLICT,
                Severity::Error,
                "the agreement's text states its commencement, Term or expiry two different ways",
                "Two clauses that fix the same date differently leave the term uncertain. Reported only when \
                 agreement.toml does not settle the fact (then `dates.metadata-text` applies).",
                "\"Term\" means one (1) year …  /  21.1 … shall cease two (2) years following the Commencement Date",
            ),
            RuleInfo::new(
                NOTICE_VS_TERM,
                Severity::Warning,
                "the termination notice period is as long as the whole term, or longer",
                "Notice given on the first day of the term then expires only at (or after) natural expiry, so \
                 termination on notice cannot shorten the term; it can only work during an extension. The \
                 glossary: \"a notice period longer than the remaining term is a warning sign\". Shorten the \
                 notice, or confirm the partners intend it.",
                "\"Term\" means one (1) year …  21.3 … twelve (12) months written notice of termination",
            ),
            RuleInfo::new(
                EXTENSION_DEADLINE,
                Severity::Note,
                "when the first extension must be agreed, where the clause names a day rather than a deadline",
                &format!(
                    "\"The Partners may agree in writing three (3) months prior to the end of the Term to \
                     extend\" names a single day (expiry − 3 months), not a latest date; \"no later than three \
                     (3) months before\" would. The note shows the computed day so it can be diarised, and \
                     asks for the wording to be settled. {CONVENTION}"
                ),
                "21.2 The Partners may agree in writing three (3) months prior to the end of the Term to extend …",
            ),
            RuleInfo::new(
                CONTRIBUTION_OUTSIDE_TERM,
                Severity::Error,
                "a pooled-fund contribution is for a financial year outside the term",
                "Financial years run 1 April to 31 March. A contribution for a year the term does not reach \
                 cannot be paid under this agreement.",
                "[[pooled_fund.contributions]]\nyear = \"2025/26\"   # the term ends 2025-03-31",
            ),
            RuleInfo::new(
                CONTRIBUTION_PART_YEAR,
                Severity::Warning,
                "a pooled-fund contribution is for a financial year the term covers only in part",
                "Financial years run 1 April to 31 March. When the term starts or ends inside a year, a \
                 contribution stated for that year may be a full-year amount for a part-year term: check it is \
                 pro rata, or align the term with the financial year.",
                "[term]\ncommencement = 2022-10-01\n[[pooled_fund.contributions]]\nyear = \"2022/23\"",
            ),
            RuleInfo::new(
                WORDS_FIGURES,
                Severity::Warning,
                "a period written in words and figures that disagree",
                "\"three (4) months\" cannot be read with confidence: which number was meant? Correct one of \
                 them. s75 does not use such a period in any other date check.",
                "either Partner may terminate on three (4) months' notice",
            ),
            RuleInfo::new(
                IMPOSSIBLE_DATE,
                Severity::Error,
                "a date that does not exist (31 June, 29 February in a common year)",
                "A date the calendar does not have cannot fix an obligation. 29 February exists only in leap \
                 years (2024, 2028; not 2023 or 2100).",
                "\"Commencement Date\" means 29 February 2023",
            ),
        ]
    }

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
                TERM_ARITHMETIC,
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
            TERM_ARITHMETIC,
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
        METADATA_TEXT,
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
            TEXT_CONFLICT,
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
    let mut finding = Finding::new(NOTICE_VS_TERM, n.span.clone(), message)
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
            EXTENSION_DEADLINE,
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
                    CONTRIBUTION_OUTSIDE_TERM,
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
                    CONTRIBUTION_PART_YEAR,
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
                        WORDS_FIGURES,
                        b.span_of(w.range.clone()),
                        format!("\"{}\" says {} in words and {} in figures", &b.text[w.range], w.words, w.figure),
                    )
                    .help("correct the words or the figure"),
                );
            }
            for d in dates.into_iter().filter(|d| d.date.is_none()) {
                out.push(Finding::new(
                    IMPOSSIBLE_DATE,
                    b.span_of(d.range.clone()),
                    format!("\"{}\" is not a date in the calendar", &b.text[d.range]),
                ));
            }
        }
    }
}
