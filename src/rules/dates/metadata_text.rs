//! `dates.metadata-text`: agreement.toml and the agreement's text give different dates or periods.

use super::english::long_date;
use super::term::{Origin, ResolvedTerm};
use super::text::TextFacts;
use super::{accepted_last_days, same_length};
use crate::model::metadata::Duration;
use crate::model::{Agreement, Located, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static METADATA_TEXT: Rule = Rule {
    code: "dates.metadata-text",
    severity: Severity::Error,
    summary: "agreement.toml and the agreement's text give different dates or periods",
    doc: "The commencement date, the Term, the expiry, the termination notice and the extension provisions are read \
          from the text (the \"Commencement Date\" and \"Term\" definitions, \"this Agreement shall take effect on \
          …\", \"twelve (12) months' notice\", \"three (3) months prior to the end of the Term\") and compared with \
          `[term]`. The finding points at the text and shows the metadata beside it: one of them is wrong. Only the \
          usual wordings are read, so a silent run does not prove the two agree. s75 counts a term of N units from \
          its first day to commencement + N units − 1 day, inclusive: a 1-year term from 1 April 2019 ends on 31 \
          March 2020. Adding months or years keeps the day of the month and clamps it to the month's last day when \
          that day does not exist: 31 January + 1 month = 28 February, or 29 February in a leap year. For terms \
          starting on the 29th–31st, where that rule and counting from the day before give different last days, \
          either is accepted.",
    example: Example::Metadata(
        "[term]\ncommencement = 2024-04-01\nlength = \"2 years\"   # the text says three (3) years\nexpiry = 2026-03-31",
    ),
};

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

pub(super) fn check_metadata_against_text(a: &Agreement, facts: &TextFacts, t: &ResolvedTerm, out: &mut Vec<Finding>) {
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
        // When the text also states that expiry as a date, the two clauses
        // disagree with each other: `dates.text-conflict` reports it there.
        let stated = facts.expiry.iter().any(|s| s.value == m.value);
        for s in facts.length.iter().filter(|_| !stated) {
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
