//! Clause headings that carry a label word: the old formal style's
//! `Article 16 - Liabilities and Insurance`, `ARTICLE 5: LEAD COMMISSIONING`,
//! `Article 3.` with its title on the next line, and the same forms with
//! `Clause`.
//!
//! They are clause headings as printed: the repository format reads the
//! label and the number together as the clause's number (`Article 16`, key
//! `16`). A heading printed on two lines ("ARTICLE 5" / "LEAD
//! COMMISSIONING") becomes one paragraph.

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

/// Whether `text` is a labelled clause heading.
pub(crate) fn is_heading(text: &str) -> bool {
    labelled(text).is_some()
}

/// Joins a labelled heading printed on two lines into one paragraph, in the
/// body before the signature blocks.
pub(crate) fn join_titles(paras: Vec<Para>) -> Vec<Para> {
    let body_end = paras.iter().position(|p| p.schedule.is_some()).unwrap_or(paras.len());
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    let mut in_execution = false;
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        in_execution |= is_execution_start(&p.text) || is_execution_lead(&p.text);
        let mut para = p.clone();
        i += 1;
        let bare = !p.bullet && labelled(&p.text).is_some_and(|(_, title)| title.is_empty());
        if i < body_end && !in_execution && bare {
            let next = &paras[i];
            let title = next.text.trim();
            if !next.bullet && leading_number(title).is_none() && is_heading_title(title) {
                para.text = format!("{} {title}", p.text.trim_end());
                i += 1;
            }
        }
        out.push(para);
    }
    out
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
    fn a_heading_on_two_lines_is_joined() {
        let got = join_titles(Para::plain(&[
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
                "Article 1 - Definitions and Interpretation",
                "1.1 In this Agreement:",
                "ARTICLE 2 COMMENCEMENT AND DURATION",
                "2.1 This Agreement shall come into force on the Commencement Date.",
                "Article 3.",
                "3.1 The Partners shall review this Agreement.",
            ]
        );
        assert_eq!(got[3].line, 4, "the heading keeps the line of its label");
    }
}
