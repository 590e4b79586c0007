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
//! Phrases match word by word, with no regular expressions: a pack of a
//! hundred phrases costs nothing to load. A short text is cut into [`Words`]
//! and read through; a whole agreement is cut once into an [`Index`], where
//! a search looks only at the words of the forms a stem matches.

use std::ops::Range;
use std::sync::OnceLock;

use crate::model::words::{Gap, runs};

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
}

/// One alternative of a term: its words.
fn alternative(alt: &str) -> Result<Vec<WordPattern>, String> {
    if alt.is_empty() {
        return Err("an empty word (check for a doubled `|` or a stray `+`)".to_string());
    }
    let mut out = Vec::new();
    // The pack's words are split where the text's may be joined.
    for word in alt.split(|c| Gap::of_char(c).joins_phrase_words()).filter(|w| !w.is_empty()) {
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

/// A short text (a heading, a sentence, a value from agreement.toml) cut
/// into words (runs of letters and digits) in lower case, searched word by
/// word. A whole agreement is searched through an [`Index`] instead.
#[derive(Debug, Default)]
pub struct Words {
    /// Every word lower-cased, one after another; `Word::lower` indexes it.
    lowered: String,
    words: Vec<Word>,
}

#[derive(Debug)]
struct Word {
    lower: Range<usize>,
    range: Range<usize>,
    /// Only spaces and hyphens separate it from the previous word.
    joined: bool,
}

impl Words {
    pub fn new(text: &str) -> Words {
        let mut words = Words::default();
        let mut lower = String::new();
        let mut prev_end = None;
        for range in runs(text) {
            lower_case(&text[range.clone()], &mut lower);
            let from = words.lowered.len();
            words.lowered.push_str(&lower);
            let joined = prev_end.is_some_and(|e| Gap::of(&text[e..range.start]).joins_phrase_words());
            prev_end = Some(range.end);
            words.words.push(Word { lower: from..words.lowered.len(), range, joined });
        }
        words
    }

    fn lower(&self, i: usize) -> &str {
        &self.lowered[self.words[i].lower.clone()]
    }

    /// The first place the run of patterns occurs, as a byte range.
    fn first(&self, run: &[WordPattern]) -> Option<Range<usize>> {
        let n = self.words.len();
        let at = |i: usize| {
            run.iter().enumerate().all(|(k, p)| {
                let j = i + k;
                j < n && (k == 0 || self.words[j].joined) && p.matches(self.lower(j))
            })
        };
        let i = (0..n).find(|&i| at(i))?;
        Some(self.words[i].range.start..self.words[i + run.len() - 1].range.end)
    }
}

/// Many words, in pieces (the blocks of a whole agreement: see
/// `super::text`), each with the id of its lower-case form, and for each
/// form where it stands: a stem's occurrences are found by looking up the
/// forms it matches, never by scanning the text.
#[derive(Debug, Default)]
pub struct Index {
    words: Vec<IndexedWord>,
    /// Every distinct lower-case form, one after another; `forms` indexes it.
    lowered: String,
    forms: Vec<Range<u32>>,
    /// Lower-case form → its index in `forms`.
    by_form: HashMap<Box<str>, u32>,
    /// Where words of each form stand, built on the first search.
    postings: OnceLock<Postings>,
    /// Form indices in the order of their text, for stems with any ending;
    /// sorted when first needed.
    sorted: OnceLock<Vec<u32>>,
}

use crate::fast_hash::HashMap;

#[derive(Debug)]
struct IndexedWord {
    form: u32,
    /// The piece the word is in.
    piece: u32,
    /// Only spaces and hyphens separate it from the previous word.
    joined: bool,
}

/// The positions of each form's words, in reading order: those of form `f`
/// are `positions[starts[f]..starts[f + 1]]`.
#[derive(Debug)]
struct Postings {
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl Index {
    /// The id of a lower-case form, added if new.
    pub fn form_id(&mut self, lower: &str) -> u32 {
        if let Some(&id) = self.by_form.get(lower) {
            return id;
        }
        let id = u32::try_from(self.forms.len()).unwrap_or(u32::MAX);
        let from = self.lowered.len() as u32;
        self.lowered.push_str(lower);
        self.forms.push(from..self.lowered.len() as u32);
        self.by_form.insert(lower.into(), id);
        id
    }

    /// Adds a word of the form `form` (see [`Index::form_id`]) in piece
    /// `piece`; `joined` when only spaces and hyphens separate it from the
    /// word before.
    pub fn push(&mut self, form: u32, piece: u32, joined: bool) {
        self.words.push(IndexedWord { form, piece, joined });
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn reserve(&mut self, words: usize) {
        self.words.reserve(words);
    }

    /// The piece word `i` is in.
    pub fn piece(&self, i: usize) -> u32 {
        self.words[i].piece
    }

    fn form_text(&self, form: u32) -> &str {
        let r = &self.forms[form as usize];
        &self.lowered[r.start as usize..r.end as usize]
    }

    /// Where the words of `form` stand.
    fn positions(&self, form: u32) -> &[u32] {
        let p = self.postings.get_or_init(|| {
            // Counted, then placed: one array for all forms.
            let mut starts = vec![0u32; self.forms.len() + 1];
            for w in &self.words {
                starts[w.form as usize + 1] += 1;
            }
            for f in 0..self.forms.len() {
                starts[f + 1] += starts[f];
            }
            let mut next = starts.clone();
            let mut positions = vec![0u32; self.words.len()];
            for (i, w) in self.words.iter().enumerate() {
                positions[next[w.form as usize] as usize] = i as u32;
                next[w.form as usize] += 1;
            }
            Postings { starts, positions }
        });
        let f = form as usize;
        &p.positions[p.starts[f] as usize..p.starts[f + 1] as usize]
    }

    /// The forms a pattern matches: the stem, its plurals, or any ending.
    fn forms_matching(&self, p: &WordPattern) -> Vec<u32> {
        if p.any_ending {
            let sorted = self.sorted.get_or_init(|| {
                // By the first eight bytes first, which decide most comparisons cheaply.
                let prefix = |f: u32| {
                    let mut key = [0u8; 8];
                    let text = self.form_text(f).as_bytes();
                    let n = text.len().min(8);
                    key[..n].copy_from_slice(&text[..n]);
                    u64::from_be_bytes(key)
                };
                let mut keyed: Vec<(u64, u32)> = (0..self.forms.len() as u32).map(|f| (prefix(f), f)).collect();
                keyed.sort_unstable_by(|&(ka, a), &(kb, b)| {
                    ka.cmp(&kb).then_with(|| self.form_text(a).cmp(self.form_text(b)))
                });
                keyed.into_iter().map(|(_, f)| f).collect::<Vec<u32>>()
            });
            let from = sorted.partition_point(|&f| self.form_text(f) < p.stem.as_str());
            sorted[from..].iter().copied().take_while(|&f| self.form_text(f).starts_with(p.stem.as_str())).collect()
        } else {
            let mut key = String::with_capacity(p.stem.len() + 2);
            let mut out = Vec::new();
            for ending in ["", "s", "es"] {
                key.clear();
                key.push_str(&p.stem);
                key.push_str(ending);
                out.extend(self.by_form.get(key.as_str()).copied());
            }
            out
        }
    }

    /// Every place the run of patterns starts, in reading order.
    fn occurrences(&self, run: &[WordPattern]) -> Vec<usize> {
        let Some((head, rest)) = run.split_first() else { return Vec::new() };
        let forms = self.forms_matching(head);
        let mut starts: Vec<usize> =
            forms.iter().flat_map(|&f| self.positions(f).iter().map(|&i| i as usize)).collect();
        if forms.len() > 1 {
            starts.sort_unstable();
        }
        starts.retain(|&i| {
            rest.iter().enumerate().all(|(k, p)| {
                let j = i + k + 1;
                j < self.words.len() && self.words[j].joined && p.matches(self.form_text(self.words[j].form))
            })
        });
        starts
    }
}

/// `word` in lower case, into `out`, as the pack's stems are.
pub fn lower_case(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// For each group a phrase occurs in whole: the group, and where each of
/// the phrase's terms first occurs in it (a word position).
pub type GroupMatches = Vec<(u32, Vec<usize>)>;

/// Not in any group (see [`Phrase::groups`]).
pub const NO_GROUP: u32 = u32::MAX;

impl Phrase {
    /// The groups of words (clauses, blocks…: `group_of` gives each word's,
    /// or [`NO_GROUP`]) in which every term of the phrase occurs, a term's
    /// words all in one group; in group order. A term's first occurrence in
    /// a group is its earliest alternative, the first listed on a tie, as in
    /// [`Phrase::find_in`] over the group's text alone.
    pub fn groups(&self, words: &Index, group_of: impl Fn(usize) -> u32) -> GroupMatches {
        let mut matched: Option<GroupMatches> = None;
        for alternatives in &self.terms {
            // (group, first start) for this term, by group.
            let mut firsts: Vec<(u32, usize)> = Vec::new();
            for alt in alternatives {
                for start in words.occurrences(alt) {
                    let group = group_of(start);
                    if group != NO_GROUP && group_of(start + alt.len() - 1) == group {
                        firsts.push((group, start));
                    }
                }
            }
            // Stable: on a tie the alternative listed first stays first.
            firsts.sort_by_key(|&(g, start)| (g, start));
            firsts.dedup_by_key(|&mut (g, _)| g);
            matched = Some(match matched {
                None => firsts.into_iter().map(|(g, start)| (g, vec![start])).collect(),
                Some(so_far) => {
                    let mut next = Vec::with_capacity(so_far.len().min(firsts.len()));
                    let mut firsts = firsts.into_iter().peekable();
                    for (g, mut starts) in so_far {
                        while firsts.next_if(|&(fg, _)| fg < g).is_some() {}
                        if let Some((_, start)) = firsts.next_if(|&(fg, _)| fg == g) {
                            starts.push(start);
                            next.push((g, starts));
                        }
                    }
                    next
                }
            });
            if matched.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
        }
        matched.unwrap_or_default()
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
