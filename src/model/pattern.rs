//! Compiling regular expressions: which front end to use, and the two
//! this module adds to the `regex` crate's.
//!
//! # Policy
//!
//! Every pattern is compiled by `regex-automata` (directly, or through
//! `regex`, which is its default set-up), so all follow the same syntax and
//! matching rules; what differs is what is built, which is most of the cost
//! of a run that compiles its patterns afresh. Choose by how the pattern is
//! used:
//!
//! 1. **`regex::Regex`**: searching a long text (a document's blocks, a
//!    PDF's bytes) for a pattern that begins with a rare literal ("s75-",
//!    "Schedule", "TBC"). Its literal prefilter jumps to the candidates and
//!    its lazy DFA reads the rest. Examples: `render::marker`, the
//!    placeholder and "Not used" scans in `rules::residue`, the keyword
//!    scan in `model::references::parse`.
//! 2. **[`Pattern`]**: the same kind of search when the pattern's first
//!    letters are common in English (the day or month that opens a date),
//!    where a prefilter stops at almost every word.
//! 3. **[`Anchored`]**: reading a phrase at a known place (`^`, the text
//!    after a match) or in a short window: NFA engines only, cheapest to
//!    build.
//! 4. **[`Matcher`]**: many patterns searched together, each match saying
//!    which it is (the stale register's names, the Acts' titles), and
//!    patterns made from a rule pack's data.
//!
//! `regex-automata` and `regex-syntax` are used directly only here (and in
//! [`searches_joined`], which reads a pattern's syntax tree). Patterns
//! written in the source are compiled once per run (`LazyLock`) and panic
//! if invalid: a bad literal is a bug that every test run finds. Patterns
//! from data never panic: [`Matcher::new`] and [`Pattern::build`] return
//! the error, which becomes a load error naming the pack. Each is compiled
//! where it is first used: a run pays only for the patterns it needs.
//!
//! # [`Anchored`]
//!
//! Patterns that read a phrase at a known place: anchored with `^`
//! and matched against the text from that place on ("of Schedule 6", " and
//! 27", "paragraphs "), or against a short window.
//!
//! `regex::Regex` prepares every pattern for fast scanning of long texts: a
//! literal prefilter, a full or lazy DFA and a reverse automaton (building
//! the full DFA of `^(?i-u:schedule)\s+…` alone took most of its 0.4 ms). A
//! pattern that only ever looks at the next few words gains nothing from
//! them, and each s75 run builds its patterns afresh: these are compiled
//! with the NFA engines alone (one-pass DFA, bounded backtracker, PikeVM),
//! which build in under half the time and match by the same rules.

use std::ops::Range;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;

mod joined;
pub mod matcher;
pub use joined::searches_joined;
pub use matcher::Matcher;

/// Whether `text` holds one of `phrases` (ASCII, all beginning with the
/// same letter), in any case. The text is looked at only where that letter
/// is, found with `memchr`: cheap enough to ask of every paragraph, where
/// lower-casing each would not be. (No character outside ASCII has a lower
/// case in which English phrases' letters appear, so comparing ASCII
/// letters case-insensitively is comparing the lower-cased text.)
pub fn contains_ignore_ascii_case(text: &str, phrases: &[&str]) -> bool {
    let Some(&first) = phrases.first().and_then(|p| p.as_bytes().first()) else { return false };
    debug_assert!(phrases.iter().all(|p| p.as_bytes().first().is_some_and(|b| b.eq_ignore_ascii_case(&first))));
    let bytes = text.as_bytes();
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), bytes).any(|at| {
        let rest = &bytes[at..];
        phrases.iter().any(|p| rest.get(..p.len()).is_some_and(|r| r.eq_ignore_ascii_case(p.as_bytes())))
    })
}

/// Whether `text` begins with the ASCII `prefix`, in any case (see
/// [`contains_ignore_ascii_case`] for why ASCII case is enough).
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// A pattern compiled for phrases at a known place; see the module comment.
pub struct Anchored {
    regex: Regex,
}

impl Anchored {
    /// Compiles a pattern written in this program.
    ///
    /// # Panics
    /// If the pattern is invalid: patterns are literals in the source, and a
    /// bad one is a bug that every test run finds at once.
    pub fn new(pattern: &str) -> Anchored {
        let config = meta::Config::new().auto_prefilter(false).hybrid(false).dfa(false);
        let regex = meta::Builder::new().configure(config).build(pattern).expect("valid regex literal");
        Anchored { regex }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// Where the leftmost match is.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.regex.find(text).map(|m| m.range())
    }

    /// The leftmost match and its groups.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        let mut caps = self.regex.create_captures();
        self.regex.captures(text, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }
}

/// A pattern compiled without a literal prefilter. Working out a pattern's
/// literals is half or more of the cost of compiling it, and they help only
/// a search of a long text for a rare word: not a pattern that reads a
/// paragraph or the words around a match, nor one whose first letters are
/// common in English (the day or month that opens a date), for which a
/// prefilter stops at almost every word and restarts the search there (a
/// scan of an agreement for dates was six times slower with it). The
/// methods are those of `regex::Regex`, and so are the matches.
#[derive(Debug)]
pub struct Pattern {
    regex: Regex,
}

impl Pattern {
    /// Compiles a pattern written in this program.
    ///
    /// # Panics
    /// If the pattern is invalid (see [`Anchored::new`]).
    pub fn new(pattern: &str) -> Pattern {
        Pattern::build(pattern).expect("valid regex literal")
    }

    /// Compiles a pattern made from a rule pack's data.
    pub fn build(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        let config = meta::Config::new().auto_prefilter(false);
        Ok(Pattern { regex: meta::Builder::new().configure(config).build(pattern).map_err(Box::new)? })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// The leftmost match.
    pub fn find<'t>(&self, text: &'t str) -> Option<Found<'t>> {
        self.regex.find(text).map(|m| Found { text, range: m.range() })
    }

    /// Every match, leftmost first.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found<'t>> + 't {
        self.regex.find_iter(text).map(move |m| Found { text, range: m.range() })
    }

    /// The leftmost match and its groups.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        let mut caps = self.regex.create_captures();
        self.regex.captures(text, &mut caps);
        caps.is_match().then_some(Groups { text, caps })
    }

    /// Every match, leftmost first, with its groups.
    pub fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Groups<'t>> + 't {
        self.regex.captures_iter(text).map(move |caps| Groups { text, caps })
    }

    /// The index of the group named `name`.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.regex.group_info().to_index(regex_automata::PatternID::ZERO, name)
    }
}

/// A match, or a group of one, in the searched text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'t> {
    text: &'t str,
    range: Range<usize>,
}

impl<'t> Found<'t> {
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.range.clone()]
    }
}

/// The groups of one match.
pub struct Groups<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Groups<'t> {
    /// The whole match.
    pub fn whole(&self) -> Range<usize> {
        self.caps.get_match().map_or(0..0, |m| m.range())
    }

    /// Whether group `i` took part in the match.
    pub fn has(&self, i: usize) -> bool {
        self.caps.get_group(i).is_some()
    }

    /// The text of group `i`, if it took part in the match.
    pub fn group(&self, i: usize) -> Option<&'t str> {
        self.caps.get_group(i).map(|s| &self.text[s.range()])
    }

    /// Group `i`, if it took part in the match (0 is the whole match).
    pub fn get(&self, i: usize) -> Option<Found<'t>> {
        self.caps.get_group(i).map(|s| Found { text: self.text, range: s.range() })
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Found<'t>> {
        self.caps.get_group_by_name(name).map(|s| Found { text: self.text, range: s.range() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_in_any_case_and_only_whole() {
        let instructions = ["shall be inserted", "shall be deleted"];
        assert!(contains_ignore_ascii_case("A NEW CLAUSE 27A SHALL BE INSERTED", &instructions));
        assert!(contains_ignore_ascii_case("which Shall Be Deleted.", &instructions));
        assert!(!contains_ignore_ascii_case("it shall be delete", &instructions), "cut short at the end");
        assert!(!contains_ignore_ascii_case("shall not be deleted", &instructions));
        assert!(!contains_ignore_ascii_case("anything", &[]));
        assert!(starts_with_ignore_ascii_case("DRAFTING NOTE: check", "drafting note"));
        assert!(starts_with_ignore_ascii_case("Ntd: x", "ntd:"));
        assert!(!starts_with_ignore_ascii_case("a drafting note", "drafting note"));
        assert!(!starts_with_ignore_ascii_case("nt", "ntd:"), "shorter than the prefix");
    }

    #[test]
    fn patterns_that_can_search_joined_blocks() {
        for p in [r"(?i-u)\bschedules?\s+\d", r"Health\s+Improvement\s+Plans?(?-u:\b)", r"[A-Z][a-z]+", r"\w+"] {
            assert!(searches_joined(p), "{p}");
        }
        for p in [r"^dated", r"notice$", r"(?m)^x", r"a.b", r"[^x]", r"\W", r"\x00", r"\D", r"\S", "("] {
            assert!(!searches_joined(p), "{p}");
        }
    }

    #[test]
    fn a_matcher_may_search_joined_blocks_when_every_pattern_may() {
        let matcher = |pieces: &[&str]| {
            let pieces: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
            Matcher::new(&pieces).expect("builds").expect("a matcher")
        };
        assert!(matcher(&[r"(?i-u)\bschedules?\s+\d", r"[A-Z][a-z]+"]).joinable());
        assert!(!matcher(&[r"[A-Z][a-z]+", r"^dated"]).joinable());
        assert!(!matcher(&[r"a.b"]).joinable());
        assert!(Matcher::new(&["(".to_string()]).is_err(), "a pattern that does not parse is an error");
    }

    #[test]
    fn matches_as_the_regex_crate_does() {
        let patterns = [
            r"^(?i-u:schedule)\s+([0-9]{1,2}[A-Z]?)(?-u:\b)",
            r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or|&)\s+)",
            r"^\s+(?i:paragraphs?|paras?\.?)\s+",
        ];
        let texts = [
            "Schedule 12A of",
            "schedule\u{a0}3,",
            "SCHEDULE 123",
            "Schedule 1AB",
            ", and 4",
            " and/or 5",
            " & 6",
            " paras. 4",
            " Paragraph\t2",
            "",
            "x",
        ];
        for p in patterns {
            let (scanner, theirs) = (Pattern::new(p), regex::Regex::new(p).expect("pattern"));
            for t in texts {
                let ours: Vec<_> = scanner.captures_iter(t).map(|g| (g.whole(), g.group(1))).collect();
                let want: Vec<_> = theirs
                    .captures_iter(t)
                    .map(|c| (c.get(0).map_or(0..0, |m| m.range()), c.get(1).map(|m| m.as_str())))
                    .collect();
                assert_eq!(ours, want, "{p} on {t:?}");
            }
            let (ours, theirs) = (Anchored::new(p), regex::Regex::new(p).expect("pattern"));
            for t in texts {
                assert_eq!(ours.find(t), theirs.find(t).map(|m| m.range()), "{p} on {t:?}");
                let (a, b) = (ours.captures(t), theirs.captures(t));
                assert_eq!(a.as_ref().map(Groups::whole), b.as_ref().and_then(|c| c.get(0)).map(|m| m.range()));
                assert_eq!(
                    a.as_ref().and_then(|g| g.group(1)),
                    b.as_ref().and_then(|c| c.get(1)).map(|m| m.as_str()),
                    "{p} on {t:?}"
                );
            }
        }
    }
}
