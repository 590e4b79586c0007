//! Many patterns searched together, each match saying which it is: the
//! stale register's names and the Acts' titles. The built-in packs' DFAs
//! are compiled when s75 is built (`build.rs`) and only read here; patterns
//! from a pack named in s75.toml `[packs]` (or any that `build.rs` could
//! not compile) are compiled at run time instead.

use std::ops::Range;

use regex_automata::Input;
use regex_automata::dfa::{self, Automaton, dense};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::iter::Searcher;

pub struct Matcher(Engine);

enum Engine {
    Prebuilt(Box<dfa::regex::Regex<dense::DFA<&'static [u32]>>>),
    Compiled(Regex),
}

/// A DFA's bytes, aligned as reading them in place requires.
#[repr(C, align(4))]
pub struct Aligned<B: ?Sized>(pub B);

/// What `build.rs` compiled for one pack: its patterns (one per line) and
/// the forward and reverse DFAs, little-endian; all empty if it could not.
pub struct Prebuilt {
    pub patterns: &'static str,
    pub forward: &'static Aligned<[u8]>,
    pub reverse: &'static Aligned<[u8]>,
}

/// The [`Prebuilt`] matcher of the pack `build.rs` compiled under this name.
#[macro_export]
macro_rules! prebuilt {
    ($name:expr) => {
        $crate::model::pattern::matcher::Prebuilt {
            patterns: include_str!(concat!(env!("OUT_DIR"), "/", $name, ".patterns")),
            forward: const {
                &$crate::model::pattern::matcher::Aligned(*include_bytes!(concat!(
                    env!("OUT_DIR"),
                    "/",
                    $name,
                    ".forward.dfa"
                )))
            },
            reverse: const {
                &$crate::model::pattern::matcher::Aligned(*include_bytes!(concat!(
                    env!("OUT_DIR"),
                    "/",
                    $name,
                    ".reverse.dfa"
                )))
            },
        }
    };
}

impl Prebuilt {
    /// The patterns it was compiled from.
    pub fn pieces(&self) -> Vec<String> {
        self.patterns.split('\n').map(str::to_string).collect()
    }
}

impl Matcher {
    /// The matcher for these patterns, in order; `None` when there are none.
    /// `prebuilt` is used if it was compiled from exactly these patterns.
    pub fn new(pieces: &[String], prebuilt: &Prebuilt) -> Result<Option<Matcher>, Box<meta::BuildError>> {
        if pieces.is_empty() {
            return Ok(None);
        }
        if let Some(m) = Matcher::read(pieces, prebuilt) {
            return Ok(Some(m));
        }
        Matcher::compile(pieces).map(Some)
    }

    /// Compiles the patterns now.
    pub fn compile(pieces: &[String]) -> Result<Matcher, Box<meta::BuildError>> {
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
        Ok(Matcher(Engine::Compiled(regex)))
    }

    /// The DFAs compiled ahead of time, if they were compiled from exactly
    /// these patterns (and read back whole on this machine).
    fn read(pieces: &[String], prebuilt: &Prebuilt) -> Option<Matcher> {
        // A pattern with a line break in it never equals a line: compiled at run time.
        let same = prebuilt.patterns.split('\n').eq(pieces.iter().map(String::as_str));
        if !same || prebuilt.patterns.is_empty() {
            return None;
        }
        let regex =
            dfa::regex::Regex::builder().build_from_dfas(read_dfa(prebuilt.forward)?, read_dfa(prebuilt.reverse)?);
        Some(Matcher(Engine::Prebuilt(Box::new(regex))))
    }

    /// Whether any pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.0 {
            Engine::Compiled(regex) => regex.is_match(text),
            Engine::Prebuilt(regex) => {
                regex.forward().try_search_fwd(&Input::new(text).earliest(true)).is_ok_and(|m| m.is_some())
            }
        }
    }

    /// The leftmost-first match.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        match &self.0 {
            Engine::Compiled(regex) => regex.find(text).map(|m| m.range()),
            Engine::Prebuilt(regex) => regex.try_search(&Input::new(text)).ok().flatten().map(|m| m.range()),
        }
    }

    pub fn is_prebuilt(&self) -> bool {
        matches!(self.0, Engine::Prebuilt(_))
    }

    /// Every leftmost-first match: (pattern index, where). At one place, the
    /// pattern listed first wins.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        match &self.0 {
            Engine::Compiled(regex) => regex.find_iter(text).map(|m| (m.pattern().as_usize(), m.range())).collect(),
            Engine::Prebuilt(regex) => {
                let mut out = Vec::new();
                let mut searcher = Searcher::new(Input::new(text));
                // A search fails only on a DFA's "quit" bytes, which only a
                // Unicode word boundary adds, and build.rs would not have
                // built the DFA for one: an error cannot happen here.
                while let Ok(Some(m)) = searcher.try_advance(|input| regex.try_search(input)) {
                    out.push((m.pattern().as_usize(), m.range()));
                }
                out
            }
        }
    }
}

/// Reads a DFA that `build.rs` serialised, checking all of it: a DFA
/// that fails the check (such as a little-endian one on a big-endian
/// machine) is compiled at run time instead.
fn read_dfa(bytes: &'static Aligned<[u8]>) -> Option<dense::DFA<&'static [u32]>> {
    dense::DFA::from_bytes(&bytes.0).ok().map(|(dfa, _)| dfa)
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_prebuilt() { "Matcher(prebuilt)" } else { "Matcher(compiled)" })
    }
}
