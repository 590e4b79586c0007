//! The date line: "THIS AGREEMENT is made on 29 March 2019". An agreement
//! takes its date from this line; left as "made on … 2019" it records no
//! date at all.

use std::ops::Range;
use std::sync::LazyLock;

use crate::model::pattern::Pattern;

/// What a date line lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undated {
    /// The date part of the line, from "made on" to the year or the end of
    /// the line's first sentence.
    pub range: Range<usize>,
    pub has_month: bool,
}

// The parts of a date line. Patterns use ASCII word rules (`-u`): the words
// are English, and a Unicode `\b` stops the fast DFA on text full of curly
// quotes and dashes.
static ANCHOR: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i-u)\b(?:this (?:agreement|deed) is (?:made|dated|entered into)(?: on)?|^dated\b)")
});
static MONTH: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i-u)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    )
});
static DAY: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"(?i-u)\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b"));
static NUMERIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?-u:\b)\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?-u:\b)|(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b)")
});
/// "made on the date on which it has been signed by all of the Partners":
/// dated by its signatures, which is a date.
static BY_SIGNATURE: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i-u)\b(?:signed|signature|executed|execution)\b"));
static YEAR: LazyLock<Pattern> = LazyLock::new(|| Pattern::new(r"(?-u:\b)(?:19|20)\d\d(?-u:\b)"));

/// Whether the text is a date line ("THIS AGREEMENT is made on …").
pub fn is_date_line(text: &str) -> bool {
    ANCHOR.is_match(text)
}

/// Checks a date line. `None` when the text is not a date line or carries a
/// full date (a day and a month, or a numeric date).
pub fn undated(text: &str) -> Option<Undated> {
    let anchor = ANCHOR.find(text)?;
    // The date is what follows the anchor up to the parties ("BETWEEN") or
    // the end of the first sentence.
    let rest = &text[anchor.end()..];
    let stop = rest.to_lowercase().find("between").unwrap_or(rest.len()).min(120.min(rest.len()));
    let mut stop = stop;
    while !rest.is_char_boundary(stop) {
        stop -= 1;
    }
    let date = &rest[..stop];
    if NUMERIC.is_match(date) || BY_SIGNATURE.is_match(date) {
        return None;
    }
    let month = MONTH.find(date);
    // The day is a figure apart from the year, e.g. "29th day of March".
    let day = DAY.find_iter(date).any(|d| !YEAR.is_match(d.as_str()));
    if month.is_some() && day {
        return None;
    }
    let end = YEAR.find(date).map_or(date.trim_end().len(), |y| y.end());
    Some(Undated { range: anchor.start()..anchor.end() + end, has_month: month.is_some() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_date_is_undated() {
        let text = "THIS AGREEMENT is made on 2019";
        let u = undated(text).expect("undated");
        assert_eq!(&text[u.range.clone()], "THIS AGREEMENT is made on 2019");
        assert!(!u.has_month);
        let u = undated("This Agreement is made on the day of 2019 BETWEEN: (1) X").expect("undated");
        assert!(!u.has_month);
        let u = undated("THIS AGREEMENT is made on April 2019").expect("no day");
        assert!(u.has_month);
    }

    #[test]
    fn dated_lines_and_other_text_are_silent() {
        assert_eq!(undated("THIS AGREEMENT is made on 22 March 2024"), None);
        assert_eq!(undated("THIS AGREEMENT is made on the 29th day of March 2019"), None);
        assert_eq!(undated("THIS AGREEMENT is made on 29/03/2019"), None);
        assert_eq!(undated("This Deed is dated 1st April 2019"), None);
        assert_eq!(undated("The Partners have agreed to enter into this Agreement"), None);
        assert_eq!(
            undated("THIS AGREEMENT is made on the date on which it has been signed by all of the Partners"),
            None
        );
        assert_eq!(undated("This Agreement is dated the date of the last signature below"), None);
    }
}
