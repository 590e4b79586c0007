//! Regular expressions that read a phrase at a known place: anchored with `^`
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

    /// The text of group `i`, if it took part in the match.
    pub fn group(&self, i: usize) -> Option<&'t str> {
        self.caps.get_group(i).map(|s| &self.text[s.range()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
