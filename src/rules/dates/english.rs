//! Numbers, periods and dates as agreements write them in English:
//! "twelve (12) months", "one 1 year", "six months'", "1st April 2019",
//! "the 1st day of April 2019", "April 1, 2019".
//!
//! Everything here is conservative: a phrase is read only when it is
//! unambiguous, and a number written in words whose figure disagrees
//! ("three (4) months") is reported as such rather than guessed at.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;

use crate::model::agreement::documents;
use crate::model::metadata::{Duration, DurationUnit};
use crate::model::pattern::{Groups, Pattern, starts_with_ignore_ascii_case};
use crate::model::words::{WordFlags, Words};
use crate::model::{Agreement, DocId, Document};

/// Number words up to ninety-nine; compounds ("twenty-four") are built from these.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "one" → 1, "twenty-four" / "twenty four" → 24; case-insensitive.
pub fn number_word(word: &str) -> Option<u32> {
    let w = word.trim().to_ascii_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return u32::try_from(i).ok();
    }
    let (tens, unit) = match w.split_once(['-', ' ']) {
        Some((t, u)) => (t, Some(u.trim())),
        None => (w.as_str(), None),
    };
    let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)?;
    let u = match unit {
        Some(u) => UNITS.iter().position(|x| *x == u).filter(|i| (1..10).contains(i))?,
        None => 0,
    };
    u32::try_from(t * 10 + u).ok()
}

/// A period found in text, with where it stands in the searched string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDuration {
    pub duration: Duration,
    pub range: Range<usize>,
}

/// A number written twice that disagrees with itself: "three (4) months".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordsFigures {
    pub words: u32,
    pub figure: u32,
    pub range: Range<usize>,
}

/// One regex for every period: a number (in words, in figures, or in words
/// followed by its figure, bracketed or not) and a unit, with the
/// possessive or adjectival forms agreements use ("months'", "12-month").
static DURATION: LazyLock<Pattern> = LazyLock::new(|| {
    let units = UNITS[1..].join("|");
    let tens = TENS[2..].join("|");
    let word = format!("(?:(?:{tens})(?:[- ](?:{units}))?|{units})");
    // ASCII-only case folding (`(?i-u)`): the words are ASCII, and Unicode
    // folding would make this pattern some ten times slower to compile.
    let pattern = format!(
        r"(?-u:\b)(?:(?P<w>(?i-u:{word}))(?:\s*\(\s*(?P<f1>[0-9]{{1,3}})\s*\)|\s+(?P<f2>[0-9]{{1,3}}))?|(?P<d>[0-9]{{1,3}}))(?:\s+|-)(?i-u:calendar\s+)?(?P<u>(?i-u:day|week|month|year))(?i-u:s)?(?-u:\b)(?:['’]s?)?"
    );
    Pattern::new(&pattern)
});

static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    let months = MONTHS.iter().map(|m| format!("{}(?:{})?", &m[..3], &m[3..])).collect::<Vec<_>>().join("|");
    let pattern = format!(
        r"(?i-u)\b(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<m1>{months}|Sept)\.?,?\s+(?P<y1>[0-9]{{4}})|(?P<m2>{months}|Sept)\.?\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y2>[0-9]{{4}}))\b"
    );
    Pattern::new(&pattern)
});

/// What [`durations`], [`words_figures`] and [`dates`] find in each block
/// of a document, by block.
#[derive(Debug, Default)]
pub struct InBlocks {
    pub durations: Vec<Vec<FoundDuration>>,
    pub words_figures: Vec<Vec<WordsFigures>>,
    pub dates: Vec<Vec<FoundDate>>,
}

/// Periods and dates in every block of each of the agreement's documents
/// (as [`Agreement::documents`] lists them).
pub fn in_documents(a: &Agreement) -> Vec<InBlocks> {
    let gate = gate(a.words());
    documents(a).map(|(id, doc)| in_blocks(doc, id, &gate)).collect()
}

/// [`in_documents`] for the body only.
pub fn in_body(a: &Agreement) -> InBlocks {
    in_blocks(&a.body, DocId::Body, &gate(a.words()))
}

/// Periods and dates in every block of a document. A block is searched
/// only when its words can make one (see [`UNIT`]): most paragraphs
/// have neither, and asking the words the agreement has already cut costs
/// a fraction of the two patterns reading every byte.
fn in_blocks(doc: &Document, id: DocId, gate: &Gate) -> InBlocks {
    let n = doc.blocks.len();
    let mut found =
        InBlocks { durations: vec![Vec::new(); n], words_figures: vec![Vec::new(); n], dates: vec![Vec::new(); n] };
    for (i, b) in doc.blocks.iter().enumerate() {
        let has = gate.of_block(id, i);
        if has & UNIT != 0 {
            for c in DURATION.captures_iter(&b.text) {
                match read_duration(&c) {
                    Ok(Some(d)) => found.durations[i].push(d),
                    Ok(None) => {}
                    Err(w) => found.words_figures[i].push(w),
                }
            }
        }
        if has & (MONTH | YEAR) == MONTH | YEAR {
            found.dates[i].extend(dates(&b.text));
        }
    }
    found
}

/// Which words of a block can be part of a period or a date.
type Gate<'w> = WordFlags<'w>;

/// [`DURATION`] needs a unit after a space or hyphen, so a word that
/// begins with "day", "week", "month" or "year" in any case ([`UNIT`]);
/// [`DATE`] needs a month ("Jan", "Sept", "April" …: a word that begins so,
/// or holds a letter outside ASCII, after which an ASCII `\b` may fall
/// inside the word: [`MONTH`]) and a year after a space or comma, a word
/// that begins with four figures ([`YEAR`]).
const UNIT: u8 = 1;
const MONTH: u8 = 2;
const YEAR: u8 = 4;

fn gate(words: &Words) -> Gate<'_> {
    WordFlags::new(words, word_flags)
}

fn word_flags(word: &str) -> u8 {
    // Most words begin with a letter that begins no unit and no month.
    let first = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if word.is_ascii()
        && !matches!(first, b'0'..=b'9' | b'a' | b'd' | b'f' | b'j' | b'm' | b'n' | b'o' | b's' | b'w' | b'y')
    {
        return 0;
    }
    let begins = |prefix: &str| starts_with_ignore_ascii_case(word, prefix);
    let mut flags = 0;
    if ["day", "week", "month", "year"].iter().any(|u| begins(u)) {
        flags |= UNIT;
    }
    if !word.is_ascii() || MONTHS.iter().any(|m| begins(&m[..3])) {
        flags |= MONTH;
    }
    if word.len() >= 4 && word.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        flags |= YEAR;
    }
    flags
}

/// Every period in `text`. Periods whose words and figure disagree are left
/// out here and returned by [`words_figures`].
pub fn durations(text: &str) -> Vec<FoundDuration> {
    DURATION.captures_iter(text).filter_map(|c| read_duration(&c).ok().flatten()).collect()
}

/// The first period that starts at `text`'s start (after spaces).
pub fn duration_at_start(text: &str) -> Option<FoundDuration> {
    let trimmed = text.trim_start();
    let offset = text.len() - trimmed.len();
    let c = DURATION.captures(trimmed)?;
    let whole = c.get(0)?;
    if whole.start() != 0 {
        return None;
    }
    read_duration(&c).ok().flatten().map(|mut d| {
        d.range = d.range.start + offset..d.range.end + offset;
        d
    })
}

/// Numbers written in words and figures that disagree ("six (3) months").
pub fn words_figures(text: &str) -> Vec<WordsFigures> {
    DURATION.captures_iter(text).filter_map(|c| read_duration(&c).err()).collect()
}

/// `Ok(None)` when the capture is not a usable period; `Err` when its words
/// and figure disagree.
fn read_duration(c: &Groups) -> Result<Option<FoundDuration>, WordsFigures> {
    let Some(whole) = c.get(0) else { return Ok(None) };
    let figure = c.name("f1").or_else(|| c.name("f2")).and_then(|f| f.as_str().parse::<u32>().ok());
    let amount = match (c.name("w").and_then(|w| number_word(w.as_str())), figure, c.name("d")) {
        (Some(w), Some(f), _) if w != f => return Err(WordsFigures { words: w, figure: f, range: whole.range() }),
        (Some(w), _, _) => w,
        (None, _, Some(d)) => match d.as_str().parse::<u32>() {
            Ok(n) => n,
            Err(_) => return Ok(None),
        },
        _ => return Ok(None),
    };
    let unit = match c.name("u").map(|u| u.as_str().to_ascii_lowercase()).as_deref() {
        Some("day") => DurationUnit::Day,
        Some("week") => DurationUnit::Week,
        Some("month") => DurationUnit::Month,
        Some("year") => DurationUnit::Year,
        _ => return Ok(None),
    };
    if amount == 0 {
        return Ok(None);
    }
    Ok(Some(FoundDuration { duration: Duration { amount, unit }, range: whole.range() }))
}

/// A calendar date found in text. `date` is `None` when the day does not
/// exist in that month ("31 February 2020", "29 February 2023").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: Option<Date>,
    pub range: Range<usize>,
}

/// Every date written with a month name in `text`.
pub fn dates(text: &str) -> Vec<FoundDate> {
    DATE.captures_iter(text).filter_map(|c| read_date(&c)).collect()
}

fn read_date(c: &Groups) -> Option<FoundDate> {
    let (d, m, y) = match (c.name("d1"), c.name("m1"), c.name("y1")) {
        (Some(d), Some(m), Some(y)) => (d, m, y),
        _ => (c.name("d2")?, c.name("m2")?, c.name("y2")?),
    };
    let day: i8 = d.as_str().parse().ok()?;
    let year: i16 = y.as_str().parse().ok()?;
    let month = month_number(m.as_str())?;
    if !(1..=31).contains(&day) {
        return None;
    }
    Some(FoundDate { date: Date::new(year, month, day).ok(), range: c.whole() })
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let i = MONTHS.iter().position(|m| m[..3].eq_ignore_ascii_case(prefix))?;
    i8::try_from(i + 1).ok()
}

/// "12-month", "1-year": a period used as an adjective.
pub fn adjectival(d: Duration) -> String {
    let unit = match d.unit {
        DurationUnit::Day => "day",
        DurationUnit::Week => "week",
        DurationUnit::Month => "month",
        DurationUnit::Year => "year",
    };
    format!("{}-{unit}", d.amount)
}

/// "1 April 2019": how messages show a date.
pub fn long_date(d: Date) -> String {
    let month = usize::try_from(d.month() - 1).ok().and_then(|i| MONTHS.get(i)).copied().unwrap_or("?");
    format!("{} {} {}", d.day(), month, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blocks_searched_are_every_block_with_a_period_or_a_date() {
        let (mut periods, mut found_dates) = (0, 0);
        for a in crate::rules::testing::bundled() {
            for (doc, found) in a.documents().zip(in_documents(&a)) {
                for (i, b) in doc.blocks.iter().enumerate() {
                    assert_eq!(found.durations[i], durations(&b.text), "{}: {}", doc.file.path, b.text);
                    assert_eq!(found.words_figures[i], words_figures(&b.text), "{}: {}", doc.file.path, b.text);
                    assert_eq!(found.dates[i], dates(&b.text), "{}: {}", doc.file.path, b.text);
                    periods += found.durations[i].len();
                    found_dates += found.dates[i].len();
                }
            }
        }
        assert!(periods > 20 && found_dates > 20, "{periods} periods, {found_dates} dates");
    }

    #[test]
    fn periods_and_dates_in_capitals_or_after_other_letters_are_searched_for() {
        use crate::rules::testing::{bundled, with_body};
        let body = "On TWELVE (12) MONTHS' notice.\n\nSigned the 1st day of SEPT 2019.\n\nA 12-month review.\n\n\
                    Signed éApril 1, 2020.\n\nNo period or date here.";
        let a = with_body(bundled().swap_remove(0), body);
        let found = in_body(&a);
        let (mut periods, mut found_dates) = (0, 0);
        for (i, b) in a.body.blocks.iter().enumerate() {
            assert_eq!(found.durations[i], durations(&b.text), "{}", b.text);
            assert_eq!(found.dates[i], dates(&b.text), "{}", b.text);
            periods += found.durations[i].len();
            found_dates += found.dates[i].len();
        }
        assert_eq!((periods, found_dates), (2, 2));
    }

    fn dur(amount: u32, unit: DurationUnit) -> Duration {
        Duration { amount, unit }
    }

    #[test]
    fn number_words() {
        assert_eq!(number_word("one"), Some(1));
        assert_eq!(number_word("Twelve"), Some(12));
        assert_eq!(number_word("twenty-four"), Some(24));
        assert_eq!(number_word("thirty six"), Some(36));
        assert_eq!(number_word("twenty-zero"), None);
        assert_eq!(number_word("dozen"), None);
    }

    #[test]
    fn periods_in_words_figures_or_both() {
        let found = |t: &str| durations(t).into_iter().map(|d| d.duration).collect::<Vec<_>>();
        assert_eq!(found("the period of one (1) year from"), vec![dur(1, DurationUnit::Year)]);
        assert_eq!(found("one 1 year following"), vec![dur(1, DurationUnit::Year)]);
        assert_eq!(found("twelve (12) months written notice"), vec![dur(12, DurationUnit::Month)]);
        assert_eq!(found("not less than six (6) months' notice"), vec![dur(6, DurationUnit::Month)]);
        assert_eq!(found("giving twelve months’ notice"), vec![dur(12, DurationUnit::Month)]);
        assert_eq!(found("for a twelve (12) month period"), vec![dur(12, DurationUnit::Month)]);
        assert_eq!(found("a 12-month extension"), vec![dur(12, DurationUnit::Month)]);
        assert_eq!(found("seven days’ notice"), vec![dur(7, DurationUnit::Day)]);
        assert_eq!(found("Three (3) Calendar Months"), vec![dur(3, DurationUnit::Month)]);
        assert_eq!(found("twenty-four months"), vec![dur(24, DurationUnit::Month)]);
        // Not periods: a year number, a unit alone, "someone".
        assert_eq!(found("in 2019 and in some years"), vec![]);
        assert_eq!(found("someone months"), vec![]);
    }

    #[test]
    fn disagreeing_words_and_figures_are_reported_not_guessed() {
        assert_eq!(durations("three (4) months"), vec![]);
        let w = words_figures("by giving three (4) months notice");
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].words, w[0].figure), (3, 4));
        assert!(words_figures("three (3) months").is_empty());
    }

    #[test]
    fn period_at_start_only() {
        assert_eq!(duration_at_start(" three (3) months prior").map(|d| d.range), Some(1..17));
        assert_eq!(duration_at_start("prior to three months"), None);
    }

    #[test]
    fn dates_with_month_names() {
        let found = |t: &str| dates(t).into_iter().map(|d| d.date).collect::<Vec<_>>();
        assert_eq!(found("being 1st April 2019."), vec![Some(Date::constant(2019, 4, 1))]);
        assert_eq!(found("on 31 March 2025"), vec![Some(Date::constant(2025, 3, 31))]);
        assert_eq!(found("the 1st day of April 2019"), vec![Some(Date::constant(2019, 4, 1))]);
        assert_eq!(found("April 1, 2019"), vec![Some(Date::constant(2019, 4, 1))]);
        assert_eq!(
            found("30 Sept 2019 and 2 Jan. 2020"),
            vec![Some(Date::constant(2019, 9, 30)), Some(Date::constant(2020, 1, 2))]
        );
        // Days that do not exist are found, with no date.
        assert_eq!(found("29 February 2023"), vec![None]);
        assert_eq!(found("29 February 2024"), vec![Some(Date::constant(2024, 2, 29))]);
        assert_eq!(found("31 June 2020"), vec![None]);
        // Not dates.
        assert_eq!(found("Q2 2013/14, 2019/20, April 2019, may 2019"), vec![]);
    }

    #[test]
    fn long_dates() {
        assert_eq!(long_date(Date::constant(2022, 7, 1)), "1 July 2022");
        assert_eq!(long_date(Date::constant(2019, 12, 31)), "31 December 2019");
    }
}
