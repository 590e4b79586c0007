//! One pass over the words of an agreement, shared by the `terms` rules.
//!
//! Every block is split into word tokens once. Each token keeps its exact
//! spelling (for case-sensitive matching of defined terms), an interned
//! normalised form (lower case, singular, no possessive: for near-misses),
//! and whether punctuation separates it from the previous token (a term
//! never spans a comma or a full stop). Terms are found through a map from
//! their first word, so the cost is one hash lookup per token rather than a
//! scan of the text per term.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::DocId;
use crate::model::agreement::documents;
use crate::model::definitions::{Definition, Problem};
use crate::model::words::{Gap, Run, Words};
use crate::model::{Agreement, BlockKind, Span};
use crate::rules::xref::singular;

#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// The word as written, without a possessive "’s".
    pub word: &'a str,
    pub possessive: bool,
    /// Byte range in the block text, the possessive included.
    pub start: usize,
    pub end: usize,
    /// Punctuation other than a hyphen or slash stands between this token and the previous one.
    pub hard_gap: bool,
    /// First word of the block or of a sentence.
    pub sentence_start: bool,
    /// Interned lower-case singular form.
    pub norm: u32,
}

impl Token<'_> {
    pub fn capitalised(&self) -> bool {
        self.word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// Two letters or more, all capitals: "COUNCIL", "NHS".
    pub fn all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.word.chars().filter(|c| c.is_alphabetic()) {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
        letters > 1
    }
}

#[derive(Debug)]
pub struct BlockWords<'a> {
    pub doc: DocId,
    pub block: usize,
    pub heading: bool,
    pub tokens: Vec<Token<'a>>,
}

/// A name of a defined term, split into words.
#[derive(Debug)]
pub struct Pattern {
    /// Index into the definitions list.
    pub def: usize,
    /// The name as defined: "Council's Functions", "AMHP".
    pub name: String,
    pub words: Vec<(String, bool)>,
    pub norms: Vec<u32>,
}

pub struct Index<'a> {
    pub agreement: &'a Agreement,
    pub defs: &'a [Definition],
    pub blocks: Vec<BlockWords<'a>>,
    pub patterns: Vec<Pattern>,
    /// Normalised first word of a pattern (by id) → patterns (the first of each name only).
    by_first: Vec<Vec<usize>>,
    /// For the first pattern of each name: every pattern with the same
    /// words, itself included, in order; empty for the others. A name
    /// defined again and again (an agreement of repeated clauses) is then
    /// matched once per place, not once per definition.
    twins: Vec<Vec<usize>>,
    /// Normalised word → id.
    norms: WordHashMap<String, u32>,
}

/// Capitalised words that may stand before a term without making it part of a longer name.
pub const DETERMINERS: &[&str] =
    &["The", "Each", "Either", "Both", "Neither", "That", "This", "Any", "Other", "A", "An", "No", "All", "Such"];

/// Whether the token at `at` continues a capitalised name begun before it:
/// "Council" in "Coventry City Council", "Board" in "Section 75 Strategic Board".
pub fn continues_name(tokens: &[Token], at: usize) -> bool {
    let Some(t) = tokens.get(at) else { return false };
    let Some(prev) = at.checked_sub(1).and_then(|p| tokens.get(p)) else { return false };
    // "within 15 Working Days": a count is not part of a name, but "Section
    // 75 Board" is one name.
    if prev.word.starts_with(|c: char| c.is_ascii_digit()) && !prev.sentence_start {
        return !t.hard_gap && at >= 2 && continues_name(tokens, at - 1);
    }
    !t.hard_gap && prev.capitalised() && !prev.sentence_start && !DETERMINERS.contains(&prev.word)
}

/// Whether `pat` is used at `at`: `None` if not, else whether exactly (see [`Index::uses`]).
pub fn matches(tokens: &[Token], at: usize, pat: &Pattern) -> Option<bool> {
    let n = pat.words.len();
    let window = tokens.get(at..at + n)?;
    let first_case = |s: &str| s.chars().next().map(char::is_uppercase);
    if window.iter().skip(1).any(|t| t.hard_gap)
        || window.iter().map(|t| t.norm).ne(pat.norms.iter().copied())
        || first_case(window[0].word) != first_case(&pat.words[0].0)
    {
        return None;
    }
    Some(window.iter().zip(&pat.words).enumerate().all(|(k, (t, (w, poss)))| {
        if k + 1 == n {
            t.word == w || number_variants(w).iter().any(|v| v == t.word)
        } else if heads_a_phrase(&pat.words, k) {
            t.possessive == *poss && (t.word == w || number_variants(w).iter().any(|v| v == t.word))
        } else {
            t.word == w && t.possessive == *poss
        }
    }))
}

/// Words that join a term's head noun to what qualifies it: "General
/// Manager for Social Care Governance", "Head of Service".
const HEAD_LINKS: &[&str] = &["of", "for", "in", "to", "on", "with", "at", "within"];

/// Whether word `k` of a term is its head noun followed by a qualifying
/// phrase: its plural is the plural of the term ("General Managers for
/// Social Care Governance"), as the usual interpretation clause has the
/// singular include the plural.
fn heads_a_phrase(words: &[(String, bool)], k: usize) -> bool {
    k + 2 < words.len() && HEAD_LINKS.contains(&words[k + 1].0.as_str())
}

/// A use of a defined term: `len` tokens from `at` in block `block` (an index into [`Index::blocks`]).
/// `pattern` is the first pattern of its name: the use is one of every [`Index::twins`] of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub block: usize,
    pub at: usize,
    pub len: usize,
    /// The term as defined (see [`Index::uses`]).
    pub exact: bool,
}

impl<'a> Index<'a> {
    pub fn new(agreement: &'a Agreement, defs: &'a [Definition]) -> Self {
        let words = agreement.words();
        let mut interner = Interner::for_words(words);
        let mut blocks = Vec::new();
        for (id, doc) in documents(agreement) {
            for (i, b) in doc.blocks.iter().enumerate() {
                if b.kind == BlockKind::Code {
                    continue;
                }
                let tokens = tokens_of_runs(&b.text, words.block(id, i), &mut interner);
                blocks.push(BlockWords { doc: id, block: i, heading: b.is_heading(), tokens });
            }
        }
        let mut patterns = Vec::new();
        for (d, def) in defs.iter().enumerate() {
            let mut seen: Vec<Vec<(String, bool)>> = Vec::new();
            for name in def.names() {
                // "A or B" in one pair of quotes is two names, not one.
                if def.problems.contains(&Problem::AlternativesInOneQuote) && name == def.core() {
                    continue;
                }
                let toks = tokenize(name, &mut interner);
                let words: Vec<(String, bool)> = toks.iter().map(|t| (t.word.to_string(), t.possessive)).collect();
                if words.is_empty() || seen.contains(&words) {
                    continue;
                }
                seen.push(words.clone());
                patterns.push(Pattern {
                    def: d,
                    name: name.to_string(),
                    norms: toks.iter().map(|t| t.norm).collect(),
                    words,
                });
            }
        }
        let mut twins: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
        let mut first_of: HashMap<&[(String, bool)], usize> = HashMap::new();
        for (p, pat) in patterns.iter().enumerate() {
            let first = *first_of.entry(pat.words.as_slice()).or_insert(p);
            twins[first].push(p);
        }
        let mut by_first: Vec<Vec<usize>> = vec![Vec::new(); interner.norms.len()];
        for (p, pat) in patterns.iter().enumerate().filter(|(p, _)| !twins[*p].is_empty()) {
            if let Some(list) = pat.norms.first().and_then(|&n| by_first.get_mut(n as usize)) {
                list.push(p);
            }
        }
        Index { agreement, defs, blocks, patterns, by_first, twins, norms: interner.norms }
    }

    /// The patterns with the same words as `p` when `p` is the first of
    /// them (`p` included), else none: a [`Hit`] of `p` is a use of each.
    pub fn twins(&self, p: usize) -> &[usize] {
        self.twins.get(p).map_or(&[][..], Vec::as_slice)
    }

    /// How many distinct normalised words there are: ids are below this.
    pub fn norm_count(&self) -> usize {
        self.norms.len()
    }

    /// The id of a word's normalised form, if the text or a term has it.
    pub fn norm(&self, word: &str) -> Option<u32> {
        self.norms.get(&normalise(word)).copied()
    }

    /// Every use of every defined term, in reading order, one per name
    /// defined more than once (its [`Index::twins`]). A use has the
    /// term's words in the term's order; it is `exact` when it is the term as
    /// defined, allowing the last word in the plural or singular ("Service
    /// User" / "Service Users") and a possessive on it ("Trust’s"), and
    /// otherwise differs only in the case of a later word, a possessive, or
    /// the number of a word ("Commencement date", "Council Functions" for
    /// "Council's Functions", "Aims and Outcomes" for "Aim and Outcomes").
    /// A match that is the tail of a longer capitalised name ("Coventry City
    /// Council", "Line Management Structure") is not a use.
    pub fn uses(&self) -> Vec<Hit> {
        let mut out = Vec::new();
        for (bi, b) in self.blocks.iter().enumerate() {
            for (at, t) in b.tokens.iter().enumerate() {
                let Some(cands) = self.by_first.get(t.norm as usize).filter(|c| !c.is_empty()) else { continue };
                if continues_name(&b.tokens, at) {
                    continue;
                }
                for &p in cands {
                    let pat = &self.patterns[p];
                    if let Some(exact) = matches(&b.tokens, at, pat) {
                        out.push(Hit { pattern: p, block: bi, at, len: pat.words.len(), exact });
                    }
                }
            }
        }
        out
    }

    /// Span of `len` tokens from `at` in indexed block `block`.
    pub fn span(&self, block: usize, at: usize, len: usize) -> Option<Span> {
        let b = self.blocks.get(block)?;
        let first = b.tokens.get(at)?;
        let last = b.tokens.get(at + len.max(1) - 1)?;
        let doc = b.doc.document(self.agreement)?;
        Some(doc.blocks.get(b.block)?.span_of(first.start..last.end))
    }

    /// The text of `len` tokens from `at`, as written.
    pub fn text(&self, block: usize, at: usize, len: usize) -> &'a str {
        let Some(b) = self.blocks.get(block) else { return "" };
        let (Some(first), Some(last)) = (b.tokens.get(at), b.tokens.get(at + len.max(1) - 1)) else { return "" };
        b.doc
            .document(self.agreement)
            .and_then(|d| d.blocks.get(b.block))
            .and_then(|blk| blk.text.get(first.start..last.end))
            .unwrap_or("")
    }
}

/// Keeps the longest of overlapping uses, so that "Board" inside "Section
/// 75 Board" is a use of "Section 75 Board" only. Uses of the same extent
/// (one name defined twice) are all kept.
pub fn longest(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.block, h.at, std::cmp::Reverse(h.len)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    let mut extent: Option<(usize, usize, usize)> = None;
    for h in hits {
        if let Some((block, at, len)) = extent {
            let same = (block, at, len) == (h.block, h.at, h.len);
            let overlaps = block == h.block && h.at < at + len;
            if overlaps && !same {
                continue;
            }
        }
        extent = Some((h.block, h.at, h.len));
        out.push(h);
    }
    out
}

/// "Service" ↔ "Services", "Authority" ↔ "Authorities", "Process" ↔ "Processes".
pub fn number_variants(w: &str) -> Vec<String> {
    let mut out = vec![format!("{w}s"), format!("{w}es")];
    if let Some(stem) = w.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    if let Some(stem) = w.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('s').filter(|s| !s.is_empty()) {
        out.push(stem.to_string());
    }
    out
}

fn normalise(word: &str) -> String {
    singular(&word.to_lowercase())
}

/// Interns normalised words. Words repeat a great deal, so each distinct
/// spelling is normalised once and then found by a lookup.
#[derive(Default)]
pub struct Interner {
    norms: WordHashMap<String, u32>,
    spellings: WordHashMap<String, u32>,
    /// The normalised id of each spelling of the agreement's [`Words`](crate::model::words::Words), once seen.
    by_spelling: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

/// A fast hash for the many short words looked up here, eight bytes at a
/// time (the "Fx" hash of rustc). The default SipHash guards against
/// adversarial keys, which agreement text is not.
#[derive(Default, Clone, Copy)]
pub struct WordHash(u64);

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
        self.0 = h;
    }
}

pub type WordHashMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;

impl Interner {
    /// An interner for the spellings of `words` ([`tokens_of_runs`]).
    fn for_words(words: &Words) -> Interner {
        Interner {
            by_spelling: vec![UNSEEN; words.spelling_count()],
            // The text's spellings are at least as many as their normal forms.
            norms: WordHashMap::with_capacity_and_hasher(words.spelling_count(), Default::default()),
            ..Interner::default()
        }
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.spellings.get(word) {
            return id;
        }
        let id = self.norm_id(word);
        self.spellings.insert(word.to_string(), id);
        id
    }

    /// The id of a spelling of the agreement's words (`word` is its text).
    fn spelling_id(&mut self, spelling: u32, word: &str) -> u32 {
        match self.by_spelling.get(spelling as usize) {
            Some(&id) if id != UNSEEN => id,
            Some(_) => {
                let id = self.norm_id(word);
                self.by_spelling[spelling as usize] = id;
                id
            }
            None => self.id(word),
        }
    }

    fn norm_id(&mut self, word: &str) -> u32 {
        let next = u32::try_from(self.norms.len()).unwrap_or(u32::MAX);
        *self.norms.entry(normalise(word)).or_insert(next)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '’' | '\'')
}

/// Splits text into word tokens. Hyphens, slashes and spaces join words
/// softly ("Service/Clinical Governance", "Head of Social Work- Mental
/// Health"); other punctuation separates them hard.
pub fn tokenize<'t>(text: &'t str, interner: &mut Interner) -> Vec<Token<'t>> {
    let mut out: Vec<Token<'t>> = Vec::with_capacity(text.len() / 6);
    let mut hard = false;
    let mut sentence = true;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if !c.is_alphanumeric() {
            if !(c.is_whitespace() || matches!(c, '-' | '/' | '–')) {
                hard = true;
            }
            if matches!(c, '.' | '!' | '?' | ':') {
                sentence = true;
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut possessive = false;
        let mut word_end = i;
        let mut end = i;
        while let Some(ch) = char_at(text, end) {
            if ch.is_alphanumeric() {
                end += ch.len_utf8();
                word_end = end;
                continue;
            }
            if !is_apostrophe(ch) {
                break;
            }
            // "Council’s", "Councils’", or an apostrophe inside a word ("don't").
            let after = end + ch.len_utf8();
            match (char_at(text, after), text.get(after + 1..).and_then(|r| r.chars().next())) {
                (Some('s'), following) if following.is_none_or(|c| !c.is_alphanumeric()) => {
                    possessive = true;
                    end = after + 1;
                    break;
                }
                (Some(c2), _) if c2.is_alphanumeric() => end = after,
                _ => {
                    possessive = true;
                    end = after;
                    break;
                }
            }
        }
        let word = &text[start..word_end];
        let norm = interner.id(word);
        out.push(Token {
            word,
            possessive,
            start,
            end,
            hard_gap: hard && !out.is_empty(),
            sentence_start: sentence,
            norm,
        });
        hard = false;
        sentence = false;
        i = end;
    }
    out
}

/// [`tokenize`] over the runs of letters and digits already cut from `text`
/// ([`Words::block`](crate::model::words::Words::block)): the same tokens, without reading the words again.
fn tokens_of_runs<'t>(text: &'t str, runs: &[Run], interner: &mut Interner) -> Vec<Token<'t>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Token<'t>> = Vec::with_capacity(runs.len());
    // Where the previous token ended (after any possessive), and the previous run.
    let mut from = 0;
    let mut run_end = 0;
    let mut k = 0;
    while let Some(run) = runs.get(k) {
        let (start, mut word_end) = (run.start as usize, run.end as usize);
        // The run's gap was read when it was cut, unless a possessive ate into it.
        let gap = if from == run_end { run.gap } else { Gap::of(&text[from..start]) };
        let (hard, sentence) = (gap.is_hard(), gap.ends_sentence());
        k += 1;
        let mut end = word_end;
        let mut possessive = false;
        let mut merged = false;
        // "Council’s", "Councils’", or an apostrophe inside a word ("don't").
        while let Some(after) = apostrophe_at(bytes, end) {
            match runs.get(k).filter(|next| next.start as usize == after) {
                Some(next) if next.end as usize == after + 1 && bytes[after] == b's' => {
                    possessive = true;
                    end = after + 1;
                    k += 1;
                    break;
                }
                Some(next) => {
                    word_end = next.end as usize;
                    end = word_end;
                    merged = true;
                    k += 1;
                }
                None => {
                    possessive = true;
                    end = after;
                    break;
                }
            }
        }
        let word = &text[start..word_end];
        let norm = if merged { interner.id(word) } else { interner.spelling_id(run.spelling, word) };
        let hard_gap = hard && !out.is_empty();
        out.push(Token { word, possessive, start, end, hard_gap, sentence_start: sentence || out.is_empty(), norm });
        from = end;
        run_end = runs[k - 1].end as usize;
    }
    out
}

/// The byte after an apostrophe (’ or ') at byte `at`, if there is one.
fn apostrophe_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'\'', ..] => Some(at + 1),
        [0xE2, 0x80, 0x99, ..] => Some(at + 3),
        _ => None,
    }
}

/// The character at byte `i`, with an ASCII fast path.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::words::Words;

    fn words(text: &str) -> Vec<(String, bool, bool)> {
        tokenize(text, &mut Interner::default())
            .into_iter()
            .map(|t| (t.word.to_string(), t.possessive, t.hard_gap))
            .collect()
    }

    /// A name defined twice is matched once per place, its `twins` naming
    /// both definitions, so an agreement of repeated clauses (each defining
    /// the same names) costs places, not places × definitions.
    #[test]
    fn a_name_defined_twice_is_one_use_per_place() {
        let mut twinned = 0;
        for a in crate::rules::testing::bundled() {
            let defs = crate::model::definitions::definitions(&a);
            let ix = Index::new(&a, &defs);
            let uses = longest(ix.uses());
            // (block, offset, length, the name's words) of each use.
            type Place<'a> = (usize, usize, usize, &'a [(String, bool)]);
            let mut places: Vec<Place> =
                uses.iter().map(|h| (h.block, h.at, h.len, ix.patterns[h.pattern].words.as_slice())).collect();
            let all = places.len();
            places.dedup();
            assert_eq!(places.len(), all, "{}: a place is a use of one name once", a.id());
            for h in &uses {
                let twins = ix.twins(h.pattern);
                assert_eq!(twins.first(), Some(&h.pattern));
                assert!(twins.iter().all(|&t| ix.patterns[t].words == ix.patterns[h.pattern].words));
                twinned += usize::from(twins.len() > 1);
            }
        }
        assert!(twinned > 0, "some bundled agreement defines a name twice and uses it");
    }

    #[test]
    fn possessives_and_gaps() {
        let w = |s: &str, p: bool, h: bool| (s.to_string(), p, h);
        assert_eq!(
            words("the Council’s Head"),
            [w("the", false, false), w("Council", true, false), w("Head", false, false)]
        );
        assert_eq!(words("Councils’ Functions"), [w("Councils", true, false), w("Functions", false, false)]);
        assert_eq!(
            words("Service/Clinical Governance, Board"),
            [
                w("Service", false, false),
                w("Clinical", false, false),
                w("Governance", false, false),
                w("Board", false, true)
            ]
        );
        assert_eq!(
            words("Work- Mental don't"),
            [w("Work", false, false), w("Mental", false, false), w("don't", false, false)]
        );
    }

    #[test]
    fn sentence_starts() {
        let t = tokenize("The Trust. Each Partner: the", &mut Interner::default());
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, true]);
    }

    /// Tokens from the shared runs are the tokens of [`tokenize`], on text
    /// made of the characters that matter to it: apostrophes of both kinds,
    /// "s" after them, sentence ends, soft and hard separators, accents.
    #[test]
    fn tokens_of_runs_are_the_tokens_of_tokenize() {
        let pieces = [
            "Council", "s", "’", "'", " ", "-", "/", "–", ".", ",", ":", "?", "é", "Café", "1", "don", "t", "’s ",
            "\n", "(",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut texts: Vec<String> = ["the Council’s Head", "Councils’ Functions", "don't", "O’Brien’s", "it's.", "’s"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        for text in &texts {
            let words = Words::of_text(text);
            let mut interner = Interner::for_words(&words);
            let shared = tokens_of_runs(text, words.block(DocId::Body, 0), &mut interner);
            let own = tokenize(text, &mut Interner::default());
            let view = |t: &[Token]| -> Vec<(String, bool, usize, usize, bool, bool)> {
                t.iter()
                    .map(|t| (t.word.to_string(), t.possessive, t.start, t.end, t.hard_gap, t.sentence_start))
                    .collect()
            };
            assert_eq!(view(&shared), view(&own), "{text:?}");
        }
    }

    #[test]
    fn variants() {
        assert!(number_variants("Service").contains(&"Services".to_string()));
        assert!(number_variants("Services").contains(&"Service".to_string()));
        assert!(number_variants("Authority").contains(&"Authorities".to_string()));
    }
}
