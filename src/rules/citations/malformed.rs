//! `citations.malformed`: a statutory instrument cited in a form no reader
//! can look up — "ST 2006/246" for SI 2006/246, or the number and year
//! swapped ("SI 617/2000"). The forms lawyers write ("SI 2000/617",
//! "S.I. 2000/617", "SI 2000 No. 617") are all correct and never reported.

use std::sync::LazyLock;

use regex::Regex;

use super::data::Knowledge;
use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static MALFORMED: Rule = Rule {
    code: "citations.malformed",
    severity: Severity::Warning,
    summary: "a statutory instrument is cited in a form that is not an SI number",
    doc: "Statutory instruments are cited by year and number: \"SI 2006/246\" (also written \"S.I. 2006/246\" \
          or \"SI 2006 No. 246\"). \"ST 2006/246\" is a slip that leaves the reader unable to look the \
          instrument up, and \"SI 246/2006\" swaps the number and the year. Where the instrument is in s75's \
          list (src/rules/citations/instruments.toml), the message names it.",
    example: Example::Body(
        "## 14 Staff\n\n14.1 The Transfer of Undertakings (Protection of Employment) Regulations 2006 (ST 2006/246) shall apply to the Seconded Staff.",
    ),
};

/// "ST 2006/246", "S.T. 2006/246", and the SI forms, with the two numbers.
static CITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<pre>S\.?\s?T\b\.?|S\.?\s?I\b\.?)\s*(?P<a>[0-9]{1,4})\s*/\s*(?P<b>[0-9]{1,5})\b").expect("valid")
});

fn is_year(s: &str) -> bool {
    s.len() == 4 && (s.starts_with("19") || s.starts_with("20"))
}

pub fn check(a: &Agreement, k: &Knowledge, out: &mut Vec<Finding>) {
    for doc in a.documents() {
        for b in doc.blocks.iter().filter(|b| b.text.contains('/')) {
            for c in CITED.captures_iter(&b.text) {
                let (Some(whole), Some(pre), Some(x), Some(y)) = (c.get(0), c.name("pre"), c.name("a"), c.name("b"))
                else {
                    continue;
                };
                let is_st = pre.as_str().contains('T');
                // "2019/20" after "ST" is a financial year, not an instrument.
                let financial_year = y.as_str().len() == 2
                    && x.as_str().parse::<u32>().is_ok_and(|a| Ok((a + 1) % 100) == y.as_str().parse());
                let (year, number, what) = if is_st && is_year(x.as_str()) && !financial_year {
                    (x.as_str(), y.as_str(), "\"ST\" is not how a statutory instrument is cited")
                } else if !is_st && !is_year(x.as_str()) && is_year(y.as_str()) {
                    (y.as_str(), x.as_str(), "the number and the year are swapped")
                } else {
                    continue;
                };
                let right = format!("SI {year}/{number}");
                let named = match (year.parse::<i16>(), number.parse::<u32>()) {
                    (Ok(y), Ok(n)) => k.instrument(y, n),
                    _ => None,
                };
                let mut message = format!("\"{}\": {what}; write {right}", whole.as_str());
                if let Some(i) = named {
                    message.push_str(&format!(" (the {})", i.title));
                }
                let mut f = Finding::new(&MALFORMED, b.span_of(whole.range()), message).label(format!("write {right}"));
                if let Some(src) = named.and_then(|i| i.source.as_ref()) {
                    f = f.help(format!("check the number: {src}"));
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citations::testing::{knowledge, pool_with_body};
    use crate::rules::testing::bundled;

    #[test]
    fn the_2019_tupe_definition_cites_st_2006_246() {
        let k = knowledge();
        let a = bundled().into_iter().next().expect("2019");
        let mut out = Vec::new();
        check(&a, &k, &mut out);
        let messages: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["\"ST 2006/246\": \"ST\" is not how a statutory instrument is cited; write SI 2006/246 (the Transfer of \
              Undertakings (Protection of Employment) Regulations 2006)"]
        );
    }

    fn found(text: &str) -> usize {
        CITED
            .captures_iter(text)
            .filter(|c| {
                let st = c["pre"].contains('T');
                (st && is_year(&c["a"])) || (!st && !is_year(&c["a"]) && is_year(&c["b"]))
            })
            .count()
    }

    #[test]
    fn the_forms_lawyers_write_are_silent() {
        for ok in [
            "the Regulations (SI 2000/617)",
            "S.I. 2000/617",
            "S.I.2000/617",
            "SI 2000 No. 617",
            "Statutory Instrument 2000 No. 617",
            "HSC 2000/010 LAC (2000)9",
            "the TEST 2006/246 results",
            "2019/20 and 2020/21",
        ] {
            assert_eq!(found(ok), 0, "{ok}");
        }
        assert_eq!(found("(SI 617/2000)"), 1);
        assert_eq!(found("S.T. 2006/246"), 1);
        let k = knowledge();
        let pool = pool_with_body("the ST 2019/20 budget; SI 617/2000\n");
        let mut out = Vec::new();
        check(&pool, &k, &mut out);
        let messages: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["\"SI 617/2000\": the number and the year are swapped; write SI 2000/617 (the NHS Bodies and Local \
              Authorities Partnership Arrangements Regulations 2000)"]
        );
        for a in bundled().iter().skip(2) {
            let mut out = Vec::new();
            check(a, &knowledge(), &mut out);
            assert!(out.is_empty(), "{}", a.id());
        }
    }
}
