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
//! Phrases match word by word over a text cut into words once ([`Words`]),
//! with no regular expressions: a pack of a hundred phrases costs nothing to
//! load, and a search looks only at the words sharing the stem's first letters.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Phrase {
    /// As written in the pack, for messages.
    pub source: String,
    /// All must occur; each is a list of alternatives, each a run of words.
    terms: Vec<Vec<Vec<WordPattern>>>,
}

#[derive(Debug, Clone)]
struct WordPattern {
    /// Lower case.
    stem: String,
    any_ending: bool,
}

impl WordPattern {
    fn matches(&self, word: &str) -> bool {
        match word.strip_prefix(self.stem.as_str()) {
            Some(rest) => self.any_ending || matches!(rest, "" | "s" | "es"),
            None => false,
        }
    }
}

impl Phrase {
    /// Reads a phrase; the error says what is wrong with it in the pack's terms.
    pub fn parse(source: &str) -> Result<Phrase, String> {
        let mut terms = Vec::new();
        for term in source.split(" + ") {
            let mut alternatives = Vec::new();
            for alt in term.split('|') {
                alternatives.push(alternative(alt.trim()).map_err(|e| format!("phrase \"{source}\": {e}"))?);
            }
            terms.push(alternatives);
        }
        Ok(Phrase { source: source.to_string(), terms })
    }

    /// Where each term first occurs in `text`, or `None` unless all occur.
    pub fn find(&self, text: &str) -> Option<Vec<Range<usize>>> {
        self.find_in(&Words::new(text))
    }

    /// As [`Phrase::find`], over a text already cut into words.
    pub fn find_in(&self, words: &Words) -> Option<Vec<Range<usize>>> {
        self.terms.iter().map(|alternatives| alternatives.iter().filter_map(|alt| words.first(alt)).min_by_key(|r| r.start)).collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }
}

/// One alternative of a term: its words.
fn alternative(alt: &str) -> Result<Vec<WordPattern>, String> {
    if alt.is_empty() {
        return Err("an empty word (check for a doubled `|` or a stray `+`)".to_string());
    }
    let mut out = Vec::new();
    for word in alt.split(|c: char| c.is_whitespace() || c == '-' || c == '–').filter(|w| !w.is_empty()) {
        let (stem, any_ending) = match word.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (word, false),
        };
        if stem.contains('*') {
            return Err(format!("`{word}`: `*` may only end a word"));
        }
        if stem.is_empty() || !stem.chars().all(char::is_alphanumeric) {
            return Err(format!("`{word}` is not a word (use letters and digits; `*` only at the end)"));
        }
        out.push(WordPattern { stem: stem.to_lowercase(), any_ending });
    }
    Ok(out)
}

/// A text cut into words (runs of letters and digits), lower-cased, with an
/// index from each word's first letters to where such words stand, so a
/// stem's occurrences are found without scanning the text.
#[derive(Debug, Default)]
pub struct Words {
    words: Vec<Word>,
    /// First [`PREFIX`] characters of a word → its positions, in order.
    by_prefix: std::collections::HashMap<String, Vec<usize>>,
}

/// How many leading characters the index keys on.
const PREFIX: usize = 3;

#[derive(Debug)]
struct Word {
    lower: String,
    range: Range<usize>,
    /// Only spaces and hyphens separate it from the previous word.
    joined: bool,
}

fn prefix(word: &str) -> &str {
    word.char_indices().nth(PREFIX).map_or(word, |(i, _)| &word[..i])
}

impl Words {
    pub fn new(text: &str) -> Words {
        let mut words: Vec<Word> = Vec::new();
        let mut by_prefix: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let gap = words.last().map_or("", |w: &Word| &text[w.range.end..s]);
                    let joined = !words.is_empty() && gap.chars().all(|g| g.is_whitespace() || g == '-' || g == '–');
                    let word = &text[s..i];
                    let lower = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
                    by_prefix.entry(prefix(&lower).to_string()).or_default().push(words.len());
                    words.push(Word { lower, range: s..i, joined });
                    start = None;
                }
                _ => {}
            }
        }
        Words { words, by_prefix }
    }

    /// The first place the run of patterns occurs.
    fn first(&self, run: &[WordPattern]) -> Option<Range<usize>> {
        let (head, rest) = run.split_first()?;
        let follows = |i: usize| {
            rest.iter().enumerate().all(|(k, p)| self.words.get(i + k + 1).is_some_and(|w| w.joined && p.matches(&w.lower)))
        };
        let at = |i: &usize| head.matches(&self.words[*i].lower) && follows(*i);
        let found = if head.stem.chars().count() >= PREFIX {
            self.by_prefix.get(prefix(&head.stem))?.iter().copied().find(|i| at(i))
        } else {
            // A stem shorter than the index key: its words are under many keys.
            (0..self.words.len()).find(at)
        };
        found.map(|i| self.words[i].range.start..self.words[i + rest.len()].range.end)
    }
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
