//! The patterns that read an agreement's date line ("THIS AGREEMENT is made
//! on 29 March 2019"), each compiled into a DFA when s75 is built (this file
//! is shared with `build.rs`); see `super::dates`.
//!
//! Patterns use ASCII word rules (`-u`): the words are English, and a
//! Unicode `\b` stops a DFA on text full of curly quotes and dashes.

pub const ANCHOR: &str = r"(?i-u)\b(?:this (?:agreement|deed) is (?:made|dated|entered into)(?: on)?|^dated\b)";

pub const MONTH: &str = r"(?i-u)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b";

pub const DAY: &str = r"(?i-u)\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b";

pub const NUMERIC: &str = r"(?-u:\b)\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?-u:\b)|(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b)";

/// "made on the date on which it has been signed by all of the Partners":
/// dated by its signatures, which is a date.
pub const BY_SIGNATURE: &str = r"(?i-u)\b(?:signed|signature|executed|execution)\b";

pub const YEAR: &str = r"(?-u:\b)(?:19|20)\d\d(?-u:\b)";

/// Every pattern, by name, for `build.rs` (and the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub const ALL: &[(&str, &str)] = &[
    ("ANCHOR", ANCHOR),
    ("MONTH", MONTH),
    ("DAY", DAY),
    ("NUMERIC", NUMERIC),
    ("BY_SIGNATURE", BY_SIGNATURE),
    ("YEAR", YEAR),
];
