//! `citations.wrong-instrument`: an instrument's title and an SI number
//! given together that disagree — "the NHS Bodies and Local Authorities
//! Partnership Arrangements Regulations 2000 (SI 2000/671)": those
//! Regulations are SI 2000/617.

use std::sync::LazyLock;

use regex::Regex;

use super::data::{Instrument, Knowledge};
use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static WRONG_INSTRUMENT: Rule = Rule {
    code: "citations.wrong-instrument",
    severity: Severity::Warning,
    summary: "an instrument is cited by its title with another instrument's SI number",
    doc: "When an agreement gives an instrument's title and, beside it, an SI number, the two must be the same \
          instrument: a reader who looks up the number finds other regulations. The titles and numbers are \
          src/rules/citations/instruments.toml, each with its legislation.gov.uk page; only a number written \
          right after a title in that list (\"… Regulations 2000 (SI 2000/671)\") is checked.",
    example: Example::Body(
        "## 14 Regulations\n\n14.1 This Agreement is made under the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 (SI 2000/671).",
    ),
};

/// Right after a title: "(SI 2000/617)", ", SI 2000/617", "(S.I. 2000 No. 617)".
static NUMBER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[(,]?\s*S\.?\s?I\.?\s*(?P<year>(?:19|20)[0-9]{2})\s*(?:/|\s+No\.?)\s*(?P<num>[0-9]{1,5})\b")
        .expect("valid")
});

/// Each instrument's titles as patterns (spacing free), with the instrument's index.
pub fn titles(k: &Knowledge) -> Vec<(Regex, usize)> {
    k.instruments
        .iter()
        .enumerate()
        .flat_map(|(i, inst)| inst.names.iter().map(move |n| (n, i)))
        .filter_map(|(n, i)| {
            let words: Vec<String> = n.split_whitespace().map(regex::escape).collect();
            Regex::new(&format!(r"\b{}", words.join(r"\s+"))).ok().map(|r| (r, i))
        })
        .collect()
}

/// Any SI number, to skip the blocks that give none.
static SI_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bS\.?\s?I\.?\s*(?:19|20)[0-9]{2}\s*(?:/|\s+No)").expect("valid"));

pub fn check(a: &Agreement, k: &Knowledge, titles: &[(Regex, usize)], out: &mut Vec<Finding>) {
    for doc in a.documents() {
        // Only a block with an SI number can give one beside a title.
        for b in doc.blocks.iter().filter(|b| b.text.contains('S') && SI_NUMBER.is_match(&b.text)) {
            for (re, i) in titles {
                let inst: &Instrument = &k.instruments[*i];
                for m in re.find_iter(&b.text) {
                    let Some(c) = NUMBER_AFTER.captures(&b.text[m.end()..]) else { continue };
                    let (Ok(year), Ok(num)) = (c["year"].parse::<i16>(), c["num"].parse::<u32>()) else { continue };
                    if (year, num) == (inst.year, inst.number) {
                        continue;
                    }
                    let whole = c.get(0).map_or(0..0, |w| w.range());
                    let cited = c.get(0).map_or("", |w| w.as_str()).trim_start_matches([' ', '(', ',']);
                    let start = m.end() + whole.end - cited.len();
                    let mut message =
                        format!("the {} are {}, not {}", inst.title, inst.citation(), cited.trim_end_matches(')'));
                    if let Some(other) = k.instrument(year, num) {
                        message.push_str(&format!(" (SI {year}/{num} is the {})", other.title));
                    }
                    let mut f = Finding::new(&WRONG_INSTRUMENT, b.span_of(start..m.end() + whole.end), message)
                        .label(format!("should be {}", inst.citation()))
                        .related(b.span_of(m.range()), "the title cited");
                    if let Some(src) = &inst.source {
                        f = f.help(format!("correct the number: {src}"));
                    }
                    out.push(f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citations::testing::{knowledge, pool_with_body};
    use crate::rules::testing::bundled;

    fn messages(body: &str) -> Vec<String> {
        let mut out = Vec::new();
        let k = knowledge();
        check(&pool_with_body(body), &k, &titles(&k), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_title_with_another_number() {
        let recital = "(1) The Council is a local authority for the purposes of regulation 3 of the NHS\nBodies and Local \
                       Authorities Partnership Arrangements Regulations 2000\n(SI 2000/671) and has functions under the \
                       Care Act 2014.\n";
        assert_eq!(
            messages(recital),
            [
                "the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000 are SI 2000/617, not SI 2000/671"
            ]
        );
    }

    #[test]
    fn right_numbers_and_bare_titles_are_silent() {
        let text = "under section 75 of the National Health Service Act 2006 and the NHS Bodies and Local Authorities \
                    Partnership Arrangements Regulations 2000 (SI 2000/617).\n\n\"Regulations\" means the NHS Bodies and \
                    Local Authorities Partnership Arrangements Regulations 2000; and\n\nthe Transfer of Undertakings \
                    (Protection of Employment) Regulations 2006 (S.I. 2006 No. 246)\n";
        assert_eq!(messages(text), Vec::<String>::new());
        for a in bundled() {
            let mut out = Vec::new();
            let k = knowledge();
            check(&a, &k, &titles(&k), &mut out);
            assert!(out.is_empty(), "{}", a.id());
        }
    }
}
