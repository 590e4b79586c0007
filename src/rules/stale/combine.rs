//! How the register's names and the Acts' titles become the patterns of
//! their matchers (`model::pattern::Matcher`).

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

/// One Act's pattern: its title or an alias, then a year (the match ends
/// with the year's four digits).
pub fn act_pattern(names: &[String]) -> String {
    let body = names
        .iter()
        .map(|n| n.split_whitespace().map(regex_syntax::escape).collect::<Vec<_>>().join(r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    format!(r"(?-u:\b)(?:{body})\s+(?:1[6-9][0-9][0-9]|20[0-9][0-9])(?-u:\b)")
}
