//! Many patterns searched together, each match saying which it is: the
//! stale register's names and the Acts' titles.

use std::ops::Range;

use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

use super::joined::hir_searches_joined;

#[derive(Debug)]
pub struct Matcher {
    regex: Regex,
    /// Whether every pattern may search a document's joined text (see
    /// [`super::searches_joined`]).
    joinable: bool,
}

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
        let mut builder = Regex::builder();
        builder.configure(config);
        // Each pattern is parsed once, for the regex and for what it may search.
        let Ok(hirs) = syntax::parse_many_with(pieces, &syntax::Config::default()) else {
            // One does not parse: building from the text says which.
            let regex = builder.build_many(pieces).map_err(Box::new)?;
            return Ok(Some(Matcher { regex, joinable: false }));
        };
        let joinable = hirs.iter().all(hir_searches_joined);
        let regex = builder.build_many_from_hir(&hirs).map_err(Box::new)?;
        Ok(Some(Matcher { regex, joinable }))
    }

    /// Whether [`Matcher::find_iter`] finds in a document's joined text
    /// exactly what it finds in each block (see [`super::searches_joined`]).
    pub fn joinable(&self) -> bool {
        self.joinable
    }

    /// Every leftmost-first match: (pattern index, where). At one place, the
    /// pattern listed first wins.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        self.regex.find_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect()
    }
}
