//! `citations.unknown-instrument`: "the Public Contract Regulations 2015" —
//! an instrument's title, with its year, that no instrument in the list
//! has but one does nearly (an inflection, or a slip of a letter or two).
//! Titles near none are instruments s75 does not know: nothing is said.

use std::sync::LazyLock;

use regex::Regex;

use super::data::{Instrument, Knowledge};
use super::unknown_act::{JOINING, near, title_words};
use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNKNOWN_INSTRUMENT: Rule = Rule {
    code: "citations.unknown-instrument",
    severity: Severity::Warning,
    summary: "a statutory instrument is cited by a title no instrument has, close to a known one of the same year",
    doc: "\"the NHS Bodies and Local Authority Partnership Arrangements Regulations 2000\" is not the title \
          of the Regulations: they are the NHS Bodies and Local Authorities Partnership Arrangements \
          Regulations 2000 (SI 2000/617). A misnamed instrument makes the provision that cites it uncertain. \
          A title is reported only when it differs from a listed instrument's title of the same year by an \
          inflection or a slip of a letter or two; the list is src/rules/citations/instruments.toml, with \
          legislation.gov.uk sources, and an instrument it does not hold is not reported.",
    example: Example::Body(
        "## 14 Procurement\n\n14.1 The Trust shall procure services in accordance with the Public Contract Regulations 2015.",
    ),
};

static TITLE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:Regulations|Order)\s+(?:19|20)[0-9]{2}\b").expect("valid"));

pub fn check(a: &Agreement, k: &Knowledge, out: &mut Vec<Finding>) {
    for b in super::blocks_with(a, &["Regulations", "Order"])
        .into_iter()
        .filter(|b| b.text.contains("Regulations ") || b.text.contains("Order "))
    {
        for m in TITLE_END.find_iter(&b.text) {
            let words = title_words(&b.text[..m.start()]);
            let Some(last) = words.last() else { continue };
            let phrase = |i: usize| format!("{} {}", &b.text[words[i].start..last.end], m.as_str());
            let starts: Vec<usize> = (0..words.len())
                .filter(|&i| i == 0 || !JOINING.contains(&&b.text[words[i - 1].clone()]))
                .filter(|&i| b.text[words[i].clone()].chars().next().is_some_and(char::is_uppercase))
                .collect();
            if starts.iter().any(|&i| k.instrument_named(&phrase(i))) {
                continue;
            }
            let Some((i, inst)) = starts.iter().find_map(|&i| nearest(k, &phrase(i)).map(|inst| (i, inst))) else {
                continue;
            };
            let said = phrase(i);
            let mut f = Finding::new(
                &UNKNOWN_INSTRUMENT,
                b.span_of(words[i].start..m.end()),
                format!(
                    "\"{said}\" is not the title of an instrument; did you mean the {} ({})?",
                    inst.title,
                    inst.citation()
                ),
            )
            .label("no instrument has this title");
            if let Some(src) = &inst.source {
                f = f.help(format!("cite the instrument by its title: {src}"));
            }
            out.push(f);
        }
    }
}

/// The one listed instrument of the year cited whose title `said` nearly is
/// (a title of another year is another instrument: the Public Contracts
/// Regulations 2006 are not a slip for those of 2015).
fn nearest<'k>(k: &'k Knowledge, said: &str) -> Option<&'k Instrument> {
    let year: i16 = said.get(said.len().saturating_sub(4)..)?.parse().ok()?;
    let found: Vec<&Instrument> =
        k.instruments.iter().filter(|i| i.year == year && i.names.iter().any(|n| near(said, n))).collect();
    (found.len() == 1).then(|| found[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citations::testing::{knowledge, pool_with_body};
    use crate::rules::testing::bundled;

    fn messages(body: &str) -> Vec<String> {
        let mut out = Vec::new();
        check(&pool_with_body(body), &knowledge(), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn misnamed_instruments_are_found() {
        assert_eq!(
            messages(
                "made under the NHS Bodies and Local Authority Partnership Arrangements Regulations 2000 (the \"Regulations\")"
            ),
            [
                "\"NHS Bodies and Local Authority Partnership Arrangements Regulations 2000\" is not the title of an instrument; \
              did you mean the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 (SI 2000/617)?"
            ]
        );
        assert_eq!(
            messages("in accordance with the Public Contract Regulations 2015."),
            [
                "\"Public Contract Regulations 2015\" is not the title of an instrument; did you mean the Public Contracts \
              Regulations 2015 (SI 2015/102)?"
            ]
        );
    }

    #[test]
    fn listed_unlisted_and_amending_titles_are_silent() {
        let text = "the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 (SI 2000/617); the \
                    National Health Service Bodies and Local Authorities Partnership Arrangements Regulations 2000; the NHS \
                    Bodies and Local Authorities Partnership Arrangements (Amendment) Regulations 2003; the Health Care \
                    Services (Provider Selection Regime) Regulations 2023; the Working Time Regulations 1998; the \
                    Transfer of Undertakings (Protection of Employment) Regulations 2006; the Utilities Contracts \
                    Regulations 2016; the Public Contracts Regulations 2006";
        assert_eq!(messages(text), Vec::<String>::new());
        let p = crate::rules::Packs::builtin();
        let k = Knowledge::read(&p.acts, &p.instruments).expect("reads");
        for a in bundled() {
            let mut out = Vec::new();
            check(&a, &k, &mut out);
            assert!(out.is_empty(), "{}: {:?}", a.id(), out.iter().map(|f| &f.message).collect::<Vec<_>>());
        }
    }
}
