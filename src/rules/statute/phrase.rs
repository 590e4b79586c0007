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
        self.terms
            .iter()
            .map(|alternatives| alternatives.iter().filter_map(|alt| words.first(alt)).min_by_key(|r| r.start))
            .collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Whether the phrase could occur in `lowered` (a text in lower case):
    /// every term has an alternative whose first stem is in it. A cheap test
    /// before cutting a text into words: `false` means [`Phrase::find`] fails.
    pub fn could_occur_in(&self, lowered: &str) -> bool {
        self.terms
            .iter()
            .all(|alts| alts.iter().any(|alt| alt.first().is_some_and(|w| lowered.contains(w.stem.as_str()))))
    }
}

/// One alternative of a term: its words.
fn alternative(alt: &str) -> Result<Vec<WordPattern>, String> {
    if alt.is_empty() {
        return Err("an empty word (check for a doubled `|` or a stray `+`)".to_string());
    }
    let mut out = Vec::new();
    for word in alt.split(joins_words).filter(|w| !w.is_empty()) {
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
    /// Every word lower-cased, one after another; `Word::lower` indexes it.
    lowered: String,
    words: Vec<Word>,
    /// (key of a word's first [`PREFIX`] characters, its position), sorted:
    /// the words sharing a prefix form one run, in reading order.
    by_prefix: Vec<(u64, u32)>,
}

/// How many leading characters the index keys on.
const PREFIX: usize = 3;

#[derive(Debug)]
struct Word {
    lower: Range<usize>,
    range: Range<usize>,
    /// Only spaces and hyphens separate it from the previous word.
    joined: bool,
}

/// Whether the character at byte `i` is part of a word (a letter or digit),
/// and its length in bytes.
fn char_class(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
        _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
    }
}

/// Whether only spaces and hyphens separate two words ("health-related").
fn soft_gap(gap: &str) -> bool {
    gap.chars().all(joins_words)
}

/// Spaces and hyphens: what may stand between the words of a phrase, in the
/// pack and in the text alike.
fn joins_words(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '–'
}

/// The index key of a lower-cased word: its first [`PREFIX`] characters.
fn prefix_key(word: &str) -> u64 {
    word.chars().take(PREFIX).fold(0u64, |key, c| (key << 21) | u64::from(c))
}

impl Words {
    pub fn new(text: &str) -> Words {
        let bytes = text.as_bytes();
        let mut out = Words { lowered: String::with_capacity(text.len()), ..Words::default() };
        out.words.reserve(text.len() / 6);
        out.by_prefix.reserve(text.len() / 6);
        let mut prev_end = None;
        let mut i = 0;
        // Bytes are read directly and only non-ASCII characters decoded:
        // this runs over the whole agreement.
        while i < bytes.len() {
            let (is_word, width) = char_class(text, i);
            if !is_word {
                i += width;
                continue;
            }
            let s = i;
            i += width;
            while i < bytes.len() {
                let (is_word, width) = char_class(text, i);
                if !is_word {
                    break;
                }
                i += width;
            }
            let joined = prev_end.is_some_and(|e: usize| soft_gap(&text[e..s]));
            let word = &text[s..i];
            let from = out.lowered.len();
            if word.is_ascii() {
                out.lowered.push_str(word);
                out.lowered[from..].make_ascii_lowercase();
            } else {
                out.lowered.push_str(&word.to_lowercase());
            }
            let lower = from..out.lowered.len();
            let position = out.words.len() as u32;
            out.by_prefix.push((prefix_key(&out.lowered[lower.clone()]), position));
            out.words.push(Word { lower, range: s..i, joined });
            prev_end = Some(i);
        }
        out.by_prefix.sort_unstable();
        out
    }

    fn lower(&self, i: usize) -> &str {
        &self.lowered[self.words[i].lower.clone()]
    }

    /// The first place the run of patterns occurs.
    fn first(&self, run: &[WordPattern]) -> Option<Range<usize>> {
        let (head, rest) = run.split_first()?;
        let follows = |i: usize| {
            rest.iter().enumerate().all(|(k, p)| {
                let j = i + k + 1;
                j < self.words.len() && self.words[j].joined && p.matches(self.lower(j))
            })
        };
        let at = |i: usize| head.matches(self.lower(i)) && follows(i);
        let found = if head.stem.chars().count() >= PREFIX {
            let key = prefix_key(&head.stem);
            let from = self.by_prefix.partition_point(|&(k, _)| k < key);
            self.by_prefix[from..].iter().take_while(|&&(k, _)| k == key).map(|&(_, i)| i as usize).find(|&i| at(i))
        } else {
            // A stem shorter than the index key: its words are under many keys.
            (0..self.words.len()).find(|&i| at(i))
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
    fn could_occur_in_never_rules_out_a_match() {
        for (phrase, text) in
            [("aim* + outcome*", "The Outcomes and the AIMS"), ("host partner|host authority", "Host-Authority")]
        {
            let p = Phrase::parse(phrase).expect("phrase");
            assert!(p.is_match(text) && p.could_occur_in(&text.to_lowercase()), "{phrase} in {text}");
        }
        assert!(!Phrase::parse("aim* + outcome*").expect("phrase").could_occur_in("the aims only"));
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
