//! Many patterns searched together, each match saying which it is: the
//! stale register's names and the Acts' titles.

use std::ops::Range;

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;

#[derive(Debug)]
pub struct Matcher(Regex);

impl Matcher {
    /// The matcher for these patterns, in order; `None` when there are none.
    pub fn new(pieces: &[String]) -> Result<Option<Matcher>, Box<meta::BuildError>> {
        if pieces.is_empty() {
            return Ok(None);
        }
        // Only where a match is, never its groups, so the engines that
        // report groups are not built. No literal prefilter: the
        // case-insensitive names have too many prefixes for one to help, and
        // working them out was half the cost of building the matcher.
        let config = Regex::config()
            .which_captures(WhichCaptures::Implicit)
            .onepass(false)
            .backtrack(false)
            .auto_prefilter(false);
        let regex = Regex::builder().configure(config).build_many(pieces).map_err(Box::new)?;
        Ok(Some(Matcher(regex)))
    }

    /// Every leftmost-first match: (pattern index, where). At one place, the
    /// pattern listed first wins.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        self.0.find_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect()
    }
}
