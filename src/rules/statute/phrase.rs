//! The phrase language of the statute pack, written so that a lawyer can read
//! and edit it without knowing regular expressions:
//!
//! - `"aim* + outcome*"`: every term joined by ` + ` must occur (any order);
//! - `"host partner|host authority"`: a term accepts any of its alternatives;
//! - a word matches itself or its plural (`service` finds "services"); a
//!   trailing `*` matches any ending (`terminat*` finds "termination");
//! - words in an alternative may be separated in the text by spaces or
//!   hyphens (`health related` finds "health-related");
//! - case never matters.
//!
//! Each phrase compiles to one regular expression per term.

use std::ops::Range;

use regex::Regex;

#[derive(Debug, Clone)]
pub struct Phrase {
    /// As written in the pack, for messages.
    pub source: String,
    terms: Vec<Regex>,
}

impl Phrase {
    /// Compiles a phrase; the error says what is wrong with it in the pack's terms.
    pub fn parse(source: &str) -> Result<Phrase, String> {
        let mut terms = Vec::new();
        for term in source.split(" + ") {
            let mut alternatives = Vec::new();
            for alt in term.split('|') {
                alternatives.push(alternative(alt.trim()).map_err(|e| format!("phrase \"{source}\": {e}"))?);
            }
            // ASCII word rules (`-u`): the pack's words are English; Unicode
            // `\b`/`\w` tables made compiling the pack most of a run's time.
            let pattern = format!("(?i-u)\\b(?:{})", alternatives.join("|"));
            let re = Regex::new(&pattern).map_err(|e| format!("phrase \"{source}\": {e}"))?;
            terms.push(re);
        }
        Ok(Phrase { source: source.to_string(), terms })
    }

    /// Where each term first occurs in `text`, or `None` unless all occur.
    pub fn find(&self, text: &str) -> Option<Vec<Range<usize>>> {
        self.terms.iter().map(|t| t.find(text).map(|m| m.range())).collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }
}

/// One alternative of a term: words → a regular expression.
fn alternative(alt: &str) -> Result<String, String> {
    if alt.is_empty() {
        return Err("an empty word (check for a doubled `|` or a stray `+`)".to_string());
    }
    let words: Vec<&str> = alt.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    let mut parts = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let (stem, any_ending) = match word.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (*word, false),
        };
        if stem.is_empty()
            || !stem.chars().all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '&' | '.' | '(' | ')'))
        {
            return Err(format!("`{word}` is not a word (use letters and digits; `*` only at the end)"));
        }
        if stem.contains('*') {
            return Err(format!("`{word}`: `*` may only end a word"));
        }
        let ending = if any_ending { r"\w*" } else { r"(?:s|es)?\b" };
        // A word that ends in punctuation ("ltd.") cannot be followed by \b.
        let ending = if !any_ending && !stem.ends_with(char::is_alphanumeric) { "" } else { ending };
        parts.push(format!("{}{ending}", regex::escape(stem)));
        if i + 1 < words.len() {
            parts.push(r"(?:[\s\-]|–)+".to_string());
        }
    }
    Ok(parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(phrase: &str, text: &str) -> bool {
        Phrase::parse(phrase).expect("phrase").is_match(text)
    }

    #[test]
    fn all_terms_must_occur_in_any_order() {
        assert!(m("aim* + outcome*", "The outcomes and the aims"));
        assert!(!m("aim* + outcome*", "The aims only"));
    }

    #[test]
    fn words_match_plurals_and_stems_but_not_longer_words() {
        assert!(m("service", "kinds of services"));
        assert!(m("terminat*", "Termination"));
        assert!(!m("term", "Termination"));
        assert!(m("term", "the Term"));
        assert!(!m("aim", "claims"), "words start at a word boundary");
    }

    #[test]
    fn alternatives_and_hyphens() {
        assert!(m("host partner|host authority", "the Host Authority"));
        assert!(m("health related function*", "Health-related Functions"));
        assert!(m("class 4 laser*", "class 4 lasers"));
    }

    #[test]
    fn bad_phrases_are_reported() {
        assert!(Phrase::parse("a + ").is_err());
        assert!(Phrase::parse("te*rm").is_err());
        assert!(Phrase::parse("a||b").is_err());
    }
}
