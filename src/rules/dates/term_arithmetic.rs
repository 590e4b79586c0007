//! `dates.term-arithmetic`: the term's expiry in agreement.toml is not commencement + length.

use super::accepted_last_days;
use super::english::long_date;
use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static TERM_ARITHMETIC: Rule = Rule {
    code: "dates.term-arithmetic",
    severity: Severity::Error,
    summary: "the term's expiry in agreement.toml is not commencement + length",
    doc: "`[term]` gives commencement, length and expiry; they must agree. s75 counts a term of N units from its \
          first day to commencement + N units − 1 day, inclusive: a 1-year term from 1 April 2019 ends on 31 March \
          2020. Adding months or years keeps the day of the month and clamps it to the month's last day when that \
          day does not exist: 31 January + 1 month = 28 February, or 29 February in a leap year. For terms starting \
          on the 29th–31st, where that rule and counting from the day before give different last days, either is \
          accepted.",
    example: Example::Metadata(
        "[term]\ncommencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-04-01   # the term ends on 2027-03-31",
    ),
};

pub(super) fn check_term_arithmetic(a: &Agreement, out: &mut Vec<Finding>) {
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
