//! Clause headings that carry a label word: the old formal style's
//! `Article 16 - Liabilities and Insurance`, `ARTICLE 5: LEAD COMMISSIONING`,
//! `Article 3.` with its title on the next line, and the same forms with
//! `Clause`.
//!
//! The repository format reads a clause heading from the number that opens
//! it (`## 16 Liabilities and Insurance`), so such a heading is written as its
//! number and its title: the label word and the separator are layout, as the
//! `Clause` a modern agreement never prints in its headings. The number and
//! the title are kept exactly as printed.

use std::sync::LazyLock;

use regex::Regex;

use super::tokens::{ends_with_terminator, is_all_caps, is_title_like, leading_number};
use super::unwrap::{Para, is_execution_lead, is_execution_start};

/// A label word, a clause number (`16`, `1A`), then a separator or a space
/// and the title, or nothing.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Article|ARTICLE|Clause|CLAUSE)\s+([0-9]{1,3}[A-Z]?)\.?(?:\s*[-–—:]\s*|\s+|$)(.*)$")
        .expect("valid regex literal")
});

/// A document whose clauses are labelled prints the label on every clause:
/// one such line is more likely a stray line of prose.
const MIN_HEADINGS: usize = 2;

/// Rewrites the body's labelled clause headings as `N Title` (a heading on
/// two lines becomes one paragraph). Schedules and the signature blocks are
/// left as they are.
pub(crate) fn rewrite(paras: Vec<Para>) -> Vec<Para> {
    let body_end = paras.iter().position(|p| p.schedule.is_some()).unwrap_or(paras.len());
    let found: usize = (0..body_end).filter(|&i| heading_at(&paras, i, body_end).is_some()).count();
    if found < MIN_HEADINGS {
        return paras;
    }
    let mut out = Vec::with_capacity(paras.len());
    let mut in_execution = false;
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        in_execution |= is_execution_start(&p.text) || is_execution_lead(&p.text);
        match (i < body_end && !in_execution).then(|| heading_at(&paras, i, body_end)).flatten() {
            Some((text, used)) => {
                out.push(Para { text, ..p.clone() });
                i += used;
            }
            None => {
                out.push(p.clone());
                i += 1;
            }
        }
    }
    out
}

/// The heading at `i` as `N Title`, and how many paragraphs it took.
fn heading_at(paras: &[Para], i: usize, body_end: usize) -> Option<(String, usize)> {
    let p = &paras[i];
    if p.bullet {
        return None;
    }
    let (number, title) = labelled(&p.text)?;
    if !title.is_empty() {
        return Some((format!("{number} {title}"), 1));
    }
    // "ARTICLE 5" / "LEAD COMMISSIONING": the title is the next paragraph.
    let next = paras.get(i + 1).filter(|_| i + 1 < body_end)?;
    let title = next.text.trim();
    let is_title = !next.bullet && leading_number(title).is_none() && is_heading_title(title);
    Some(if is_title { (format!("{number} {title}"), 2) } else { (number.to_string(), 1) })
}

/// The number and the title (possibly empty) of a labelled heading.
fn labelled(text: &str) -> Option<(&str, &str)> {
    let c = LABELLED.captures(text.trim())?;
    let number = c.get(1)?.as_str();
    let title = c.get(2).map_or("", |m| m.as_str().trim());
    (title.is_empty() || is_heading_title(title)).then_some((number, title))
}

/// "Liabilities and Insurance", "LEAD COMMISSIONING": not a sentence
/// ("Article 8 of the Convention applies.") and not lower case ("of the
/// Human Rights Act").
fn is_heading_title(title: &str) -> bool {
    title.starts_with(|c: char| c.is_uppercase())
        && !ends_with_terminator(title)
        && (is_title_like(title) || (is_all_caps(title) && title.chars().count() <= 90))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(texts: &[&str]) -> Vec<Para> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Para { text: (*t).to_string(), line: i + 1, bullet: false, schedule: None })
            .collect()
    }

    fn texts(paras: &[Para]) -> Vec<&str> {
        paras.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn the_forms_drafters_print() {
        assert_eq!(labelled("Article 16 - Liabilities and Insurance"), Some(("16", "Liabilities and Insurance")));
        assert_eq!(labelled("ARTICLE 5: LEAD COMMISSIONING"), Some(("5", "LEAD COMMISSIONING")));
        assert_eq!(labelled("Article 3. Aims and Outcomes"), Some(("3", "Aims and Outcomes")));
        assert_eq!(labelled("Article 12A – Data Sharing"), Some(("12A", "Data Sharing")));
        assert_eq!(labelled("Clause 7 Financial Arrangements"), Some(("7", "Financial Arrangements")));
        assert_eq!(labelled("ARTICLE 4"), Some(("4", "")));
        assert_eq!(labelled("Article 8 of the European Convention on Human Rights applies."), None);
        assert_eq!(labelled("Article 28 of the UK GDPR"), None);
        assert_eq!(labelled("Clause 5.2 of the Original Agreement shall be deleted"), None);
    }

    #[test]
    fn headings_become_number_and_title() {
        let got = rewrite(paras(&[
            "NOW IT IS HEREBY AGREED as follows:",
            "Article 1 - Definitions and Interpretation",
            "1.1 In this Agreement:",
            "ARTICLE 2",
            "COMMENCEMENT AND DURATION",
            "2.1 This Agreement shall come into force on the Commencement Date.",
            "Article 3.",
            "3.1 The Partners shall review this Agreement.",
        ]));
        assert_eq!(
            texts(&got),
            [
                "NOW IT IS HEREBY AGREED as follows:",
                "1 Definitions and Interpretation",
                "1.1 In this Agreement:",
                "2 COMMENCEMENT AND DURATION",
                "2.1 This Agreement shall come into force on the Commencement Date.",
                "3",
                "3.1 The Partners shall review this Agreement.",
            ]
        );
        assert_eq!(got[3].line, 4, "the heading keeps the line of its label");
    }

    #[test]
    fn one_labelled_line_is_left_alone() {
        let input = paras(&["1 Definitions", "Article 8 - Human Rights", "1.1 The Partners shall comply."]);
        assert_eq!(rewrite(input.clone()), input);
    }

    #[test]
    fn schedules_and_signatures_are_left_alone() {
        let mut input = paras(&[
            "Article 1 - Definitions",
            "Article 2 - Term",
            "Schedule 1",
            "Article 1 - Services",
            "Article 2 - Charges",
        ]);
        input[2].schedule = Some(("1".into(), None));
        let got = rewrite(input);
        assert_eq!(
            texts(&got),
            ["1 Definitions", "2 Term", "Schedule 1", "Article 1 - Services", "Article 2 - Charges"]
        );
    }
}
