//! The date line: "THIS AGREEMENT is made on 29 March 2019". An agreement
//! takes its date from this line; left as "made on … 2019" it records no
//! date at all.

use std::ops::Range;
use std::sync::LazyLock;

use super::date_line;
use crate::model::pattern::Matcher;

/// What a date line lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undated {
    /// The date part of the line, from "made on" to the year or the end of
    /// the line's first sentence.
    pub range: Range<usize>,
    pub has_month: bool,
}

// The parts of a date line (see `date_line`).
static ANCHOR: LazyLock<Matcher> = crate::builtin_matcher!("residue", date_line::ANCHOR);
static MONTH: LazyLock<Matcher> = crate::builtin_matcher!("residue", date_line::MONTH);
static DAY: LazyLock<Matcher> = crate::builtin_matcher!("residue", date_line::DAY);
static NUMERIC: LazyLock<Matcher> = crate::builtin_matcher!("residue", date_line::NUMERIC);
static BY_SIGNATURE: LazyLock<Matcher> = crate::builtin_matcher!("residue", date_line::BY_SIGNATURE);
static YEAR: LazyLock<Matcher> = crate::builtin_matcher!("residue", date_line::YEAR);

/// Every pattern, named as in [`date_line::ALL`].
static PATTERNS: [(&str, &LazyLock<Matcher>); 6] = [
    ("ANCHOR", &ANCHOR),
    ("MONTH", &MONTH),
    ("DAY", &DAY),
    ("NUMERIC", &NUMERIC),
    ("BY_SIGNATURE", &BY_SIGNATURE),
    ("YEAR", &YEAR),
];

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
    let rest = &text[anchor.end..];
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
    let day = DAY.find_iter(date).into_iter().any(|(_, d)| !YEAR.is_match(&date[d]));
    if month.is_some() && day {
        return None;
    }
    let end = YEAR.find(date).map_or(date.trim_end().len(), |y| y.end);
    Some(Undated { range: anchor.start..anchor.end + end, has_month: month.is_some() })
}

/// Compiles this module's patterns now rather than on first use (see
/// `rules::compile_patterns`).
pub(crate) fn compile_patterns() {
    for (_, pattern) in &PATTERNS {
        LazyLock::force(pattern);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pattern::Pattern;

    /// Each pattern compiled when s75 was built finds what the pattern
    /// compiled now finds, in the bundled agreements' preambles and in the
    /// date lines below.
    #[test]
    fn the_prebuilt_patterns_find_what_their_patterns_find() {
        assert_eq!(date_line::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>(), PATTERNS.map(|(n, _)| n));
        let mut texts: Vec<String> = crate::rules::testing::bundled()
            .iter()
            .flat_map(|a| a.body.blocks.iter().take(12).map(|b| b.text.clone()).collect::<Vec<_>>())
            .collect();
        texts.extend(
            [
                "THIS AGREEMENT is made on 2019",
                "dated the 29th day of March 2019",
                "This Deed is dated 1st April 2019 BETWEEN",
                "made on 29/03/2019 and 2019-03-29",
                "executed as a deed on the date of the last signature",
                "Sept 2019, 31st; 32nd; 1999",
            ]
            .map(str::to_string),
        );
        for ((name, pattern), (_, matcher)) in date_line::ALL.iter().zip(&PATTERNS) {
            #[cfg(target_endian = "little")]
            assert!(matcher.is_prebuilt(), "build.rs compiled {name}");
            let compiled = Pattern::new(pattern);
            let mut found = 0;
            for t in &texts {
                let theirs: Vec<_> = compiled.find_iter(t).map(|m| (0, m.range())).collect();
                assert_eq!(matcher.find_iter(t), theirs, "{name} on {t:?}");
                assert_eq!(matcher.find(t), theirs.first().map(|m| m.1.clone()), "{name} on {t:?}");
                assert_eq!(matcher.is_match(t), !theirs.is_empty(), "{name} on {t:?}");
                found += theirs.len();
            }
            assert!(found > 0, "{name} finds something");
        }
    }

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
