//! Who the tracked changes of a redline are attributed to, and when. Never
//! the clock: the caller chooses a date from the command line, the
//! environment or git, so the same two versions give the same file.

/// 1980-01-01T00:00:00Z, the date ZIP and reproducible builds use for "no
/// meaningful time", when nothing better is known.
const FIXED: i64 = 315_532_800;

/// The author's name when neither `--author` nor git gives one.
pub const DEFAULT_AUTHOR: &str = "s75";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub author: String,
    pub time: jiff::Timestamp,
}

impl Default for Stamp {
    fn default() -> Self {
        Stamp {
            author: DEFAULT_AUTHOR.to_string(),
            time: jiff::Timestamp::from_second(FIXED).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        }
    }
}

impl Stamp {
    /// `2026-11-24T00:00:00Z`: what Word's `w:date` and the core properties take.
    pub fn iso(&self) -> String {
        self.time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// `24 November 2026`, for the PDF's summary page.
    pub fn day(&self) -> String {
        self.time.strftime("%-d %B %Y").to_string()
    }
}
