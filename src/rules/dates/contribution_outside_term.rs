//! `dates.contribution-outside-term`: a pooled-fund contribution is for a financial year outside the term.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static CONTRIBUTION_OUTSIDE_TERM: Rule = Rule {
    code: "dates.contribution-outside-term",
    severity: Severity::Error,
    summary: "a pooled-fund contribution is for a financial year outside the term",
    doc: "Financial years run 1 April to 31 March. A contribution for a year the term does not reach cannot be paid \
          under this agreement. Read from `[[pooled_fund.contributions]]`, and from the text where a sentence names \
          contributions, a sum in pounds and a financial year that starts after the term ends (not where it speaks \
          of extending or renewing the agreement).",
    example: Example::Metadata(
        "[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"2027/28\"   # the term ends 2027-03-31\namount = 250000",
    ),
};

use std::sync::LazyLock;

use regex::Regex;

use super::term::ResolvedTerm;
use crate::model::Agreement;
use crate::model::metadata::FinancialYear;
use crate::rules::Finding;

/// "2026/27", "2026-27", "2026/2027": a financial year written in the text.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b20\d\d(?:/|-)(?:20)?\d\d\b").expect("financial-year pattern"));

/// Words that make a later year legitimate: what happens if the term is
/// extended or renewed, or money carried over after it ends.
static AFTER_THE_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:extend|extension|renew|successor|carr(?:y|ied)\s+forward|after\s+the\s+(?:end|expiry)|terminat|surviv)")
        .expect("after-the-term pattern")
});

/// Contributions stated in the text ("Indicative contributions for the
/// Financial Year 2026/27: ICB £14,700,000") for a year that starts after
/// the term ends. Only a sentence that names contributions and a sum is
/// read, and only years after the end: a year before the start is usually a
/// baseline or the previous agreement's outturn.
pub(super) fn check_text_contributions(a: &Agreement, t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let (Some(c), Some(e)) = (&t.commencement, &t.expiry) else { return };
    // A year agreement.toml already lists is reported there.
    let listed: Vec<FinancialYear> = a
        .meta
        .pooled_fund
        .iter()
        .flat_map(|f| &f.contributions)
        .filter_map(|c| c.year.as_ref().map(|y| y.value))
        .collect();
    for doc in a.documents() {
        for b in doc.blocks.iter().filter(|b| !b.is_heading()) {
            // The pound sign first: it is the cheapest to look for.
            if !b.text.contains('£') || !b.text.to_lowercase().contains("contribut") || AFTER_THE_TERM.is_match(&b.text)
            {
                continue;
            }
            let mut reported = Vec::new();
            for m in YEAR.find_iter(&b.text) {
                let Some(fy) = FinancialYear::parse(m.as_str()) else { continue };
                if fy.first_day() <= e.value || listed.contains(&fy) || reported.contains(&fy) {
                    continue;
                }
                reported.push(fy);
                out.push(
                    Finding::new(
                        &CONTRIBUTION_OUTSIDE_TERM,
                        b.span_of(m.range()),
                        format!(
                            "contributions are stated for {fy} ({} to {}), which starts after the term ends ({} to {})",
                            fy.first_day(),
                            fy.last_day(),
                            c.value,
                            e.value
                        ),
                    )
                    .label("after the term")
                    .related(e.span.clone(), "the term ends")
                    .help(match &t.extension_period {
                        // An option to extend is not an extension: until it is
                        // agreed, the year's figures bind no one.
                        Some(p) => format!(
                            "the agreement may be extended (by up to {}): give the year's figures in the variation \
                             that extends it, and delete them here",
                            p.value
                        ),
                        None => "delete the year's figures, or extend the term to cover it (by a variation, if \
                                 signed)"
                            .to_string(),
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{bundled, clean, reported};

    // Firing on real text: tests/rules_corpus_recall.rs imports the 2024
    // Better Care Fund agreement, whose schedule gives figures for 2026/27.

    #[test]
    fn silent_on_the_bundled_and_clean_agreements() {
        for a in bundled().iter().chain([&clean()]) {
            assert_eq!(reported(&super::CONTRIBUTION_OUTSIDE_TERM, a), Vec::new(), "{:?}", a.dir);
        }
    }
}
