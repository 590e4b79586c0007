//! How the register's names become the patterns of its one matcher.
//!
//! Shared with `build.rs`, which compiles the built-in register's matcher
//! ahead of time (see `register::Matcher`), so this file uses nothing but
//! `regex-syntax`: the two must build the very same patterns.

/// Whole-word alternatives. An ASCII `\b` keeps the fast DFA usable on text
/// with curly quotes (a Unicode `\b` would not).
pub fn words(alternatives: &[String], case_insensitive: bool) -> Option<String> {
    if alternatives.is_empty() {
        return None;
    }
    let body = alternatives
        .iter()
        .map(|a| a.split_whitespace().map(regex_syntax::escape).collect::<Vec<_>>().join(r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    // ASCII case folding: names are English, and Unicode folding would make
    // the combined pattern several times slower to compile.
    let flags = if case_insensitive { "i-u" } else { "-u" };
    Some(format!(r"(?{flags}:\b(?:{body})\b)"))
}

/// One entry's pattern: its names (any case), acronyms (as written) and
/// regular expressions, as alternatives.
pub fn entry_pattern(names: &[String], acronyms: &[String], patterns: &[String]) -> String {
    let mut alternatives: Vec<String> = Vec::new();
    alternatives.extend(words(names, true));
    alternatives.extend(words(acronyms, false));
    alternatives.extend(patterns.iter().map(|p| format!("(?:{p})")));
    alternatives.join("|")
}

/// The matcher's patterns, in order: every entry's exceptions first (at one
/// position the first listed pattern wins, so the longer non-stale phrase
/// wins), then one pattern per entry. Returns the patterns and how many of
/// them are exceptions.
pub fn pieces(excepts: Vec<String>, entries: Vec<String>) -> (Vec<String>, usize) {
    let n = excepts.len();
    let mut all = excepts;
    all.extend(entries);
    (all, n)
}
