//! `dates.text-conflict`: the agreement's text states its commencement, Term or expiry two different ways.

use super::english::long_date;
use super::text::TextFacts;
use super::{accepted_last_days, same_length};
use crate::model::{Agreement, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static TEXT_CONFLICT: Rule = Rule {
    code: "dates.text-conflict",
    severity: Severity::Error,
    summary: "the agreement's text states its commencement, Term or expiry two different ways",
    doc: "Two clauses that fix the same date differently leave the term uncertain. Reported only when agreement.toml \
          does not settle the fact (then `dates.metadata-text` applies), or agrees with one of the clauses. A last \
          day stated as a date (\"“Expiry Date” means 31 March 2021\") is checked against a Term counted from the \
          Commencement Date, and a new expiry set by an extension (\"extended by a further period of 24 months, so \
          that it shall expire on …\") against the expiry it extends.",
    example: Example::MetadataAndBody {
        metadata: "[term]\ncommencement = 2024-04-01",
        body: "## 14 Duration\n\n14.1 This Agreement shall cease two (2) years following the Commencement Date.",
    },
};

/// Different text statements of one fact, where the metadata does not settle it.
pub(super) fn check_text_conflicts(a: &Agreement, facts: &TextFacts, out: &mut Vec<Finding>) {
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
    check_length_against_stated_expiry(a, facts, start, out);
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

/// A Term counted from the Commencement Date against a last day the text
/// states as a date ("“Expiry Date” means 31 March 2021"). Reported on the
/// stated date when agreement.toml has no length and either has no expiry or
/// took its expiry from that date; otherwise `dates.metadata-text` reports it.
fn check_length_against_stated_expiry(
    a: &Agreement,
    facts: &TextFacts,
    start: Option<jiff::civil::Date>,
    out: &mut Vec<Finding>,
) {
    let Some(start) = start else { return };
    let term = a.meta.term.as_ref();
    if term.is_some_and(|t| t.length.is_some()) {
        return;
    }
    let meta_expiry = term.and_then(|t| t.expiry.as_ref()).map(|e| e.value);
    let Some(length) = facts.length.first() else { return };
    let accepted = accepted_last_days(length.value, start);
    let Some(&ends) = accepted.first() else { return };
    for e in facts.expiry.iter().filter(|e| !accepted.contains(&e.value)) {
        if meta_expiry.is_some_and(|m| m != e.value) {
            continue;
        }
        let says = format!("{} from {} (ending {})", length.value, long_date(start), long_date(ends));
        let message = format!(
            "the text gives the last day of the term as {} here, but its Term of {} from {} ends on {}",
            long_date(e.value),
            length.value,
            long_date(start),
            long_date(ends)
        );
        out.push(
            Finding::new(&TEXT_CONFLICT, e.span.clone(), message)
                .label(long_date(e.value))
                .related(length.span.clone(), format!("Term: {says}"))
                .help("make the clauses agree, and record the result in agreement.toml's [term]"),
        );
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{bundled, clean, reported};

    // Firing on real text: tests/rules_corpus_recall.rs imports the 2018 lead
    // commissioning agreement ("Expiry Date" against its Term) and the 2022
    // deed of variation (an extension that miscounts its new expiry).

    #[test]
    fn silent_on_the_bundled_and_clean_agreements() {
        for a in bundled().iter().chain([&clean()]) {
            assert_eq!(reported(&super::TEXT_CONFLICT, a), Vec::new(), "{:?}", a.dir);
        }
    }
}
