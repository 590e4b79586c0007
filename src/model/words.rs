//! The agreement's text cut into words once, for every rule that reads
//! words (defined terms, the statute pack's phrases).
//!
//! Every block of the body and of each schedule is cut into runs of letters
//! and digits, and each run's exact spelling is interned for the whole
//! agreement. An agreement has some forty thousand words but only a few
//! thousand spellings, so a rule derives what it needs of a word (its lower
//! case, its singular) once per spelling. What stands between two words (a
//! space, a comma, a full stop) is classified while cutting ([`Gap`]).

use std::ops::Range;
use std::sync::OnceLock;

use super::doc_id::DocId;
use super::document::Document;

/// One run of letters and digits in a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// Byte range in [`crate::model::Block::text`].
    pub start: u32,
    pub end: u32,
    /// The spelling, as written: an index into [`Words::spelling`].
    pub spelling: u32,
    /// What stands between the previous run of the block (or its start) and this one.
    pub gap: Gap,
}

/// The characters between two words, as the rules that read words need to
/// know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gap(u8);

impl Gap {
    /// A character other than a space, a hyphen, an en dash or a slash.
    const HARD: u8 = 1;
    /// A slash.
    const SLASH: u8 = 2;
    /// A full stop, colon, question or exclamation mark.
    const SENTENCE: u8 = 4;

    /// Only spaces, hyphens and en dashes ("health-related"): the words of a
    /// phrase of the statute pack may stand either side.
    pub fn joins_phrase_words(self) -> bool {
        self.0 & (Gap::HARD | Gap::SLASH) == 0
    }

    /// Punctuation other than a hyphen or a slash: no defined term runs across it.
    pub fn is_hard(self) -> bool {
        self.0 & Gap::HARD != 0
    }

    /// A sentence may end here.
    pub fn ends_sentence(self) -> bool {
        self.0 & Gap::SENTENCE != 0
    }

    /// The gap that is the one character `c`.
    pub fn of_char(c: char) -> Gap {
        Gap(gap_class(c))
    }

    /// The gap that is `text`.
    pub fn of(text: &str) -> Gap {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return Gap(bytes.iter().fold(0, |g, &b| g | GAP[usize::from(b)]));
        }
        Gap(text.chars().fold(0, |g, c| g | gap_class(c)))
    }
}

/// How one character between words counts (see [`Gap`]).
fn gap_class(c: char) -> u8 {
    match c {
        '.' | '!' | '?' | ':' => Gap::HARD | Gap::SENTENCE,
        '/' => Gap::SLASH,
        '-' | '–' => 0,
        c if c.is_whitespace() => 0,
        _ => Gap::HARD,
    }
}

impl Run {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Debug, Default)]
pub struct Words {
    /// Every distinct spelling, one after another.
    text: String,
    spellings: Vec<Range<u32>>,
    /// Hash → spelling id, for interning and [`Words::find`].
    table: Table,
    runs: Vec<Run>,
    /// Per document (the body, then each schedule entry), per block: its runs.
    blocks: Vec<Vec<BlockRuns>>,
    /// The blocks each spelling stands in, made when a rule first asks ([`WordFlags`]).
    block_lists: OnceLock<BlockLists>,
}

/// For each spelling, the blocks it stands in, in reading order (a block
/// once for each time the spelling stands in it).
/// Blocks are numbered through the documents in slot order.
#[derive(Debug, Default)]
struct BlockLists {
    /// The number of each document's first block.
    first_block: Vec<u32>,
    block_count: usize,
    /// Spelling `s`'s blocks are `blocks[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    blocks: Vec<u32>,
}

impl BlockLists {
    fn new(words: &Words) -> BlockLists {
        let mut first_block = Vec::with_capacity(words.blocks.len());
        let mut block_count = 0;
        for doc in &words.blocks {
            first_block.push(block_count as u32);
            block_count += doc.len();
        }
        // The runs of every block, in reading order, by block number.
        let by_block: Vec<&[Run]> =
            words.blocks.iter().flatten().map(|b| &words.runs[b.runs.start as usize..b.runs.end as usize]).collect();
        // Counted, then placed in one array. A spelling repeated in a block
        // lists the block again: marking a block twice changes nothing.
        let spellings = words.spellings.len();
        let mut starts = vec![0u32; spellings + 1];
        for r in by_block.iter().copied().flatten() {
            starts[r.spelling as usize + 1] += 1;
        }
        for s in 0..spellings {
            starts[s + 1] += starts[s];
        }
        let mut next = starts.clone();
        let mut blocks = vec![0u32; starts[spellings] as usize];
        for (b, runs) in by_block.iter().enumerate() {
            for r in *runs {
                let s = r.spelling as usize;
                blocks[next[s] as usize] = b as u32;
                next[s] += 1;
            }
        }
        BlockLists { first_block, block_count, starts, blocks }
    }

    fn of(&self, spelling: u32) -> &[u32] {
        let s = spelling as usize;
        &self.blocks[self.starts[s] as usize..self.starts[s + 1] as usize]
    }
}

#[derive(Debug, Clone, Default)]
struct BlockRuns {
    runs: Range<u32>,
    /// What follows the last run.
    tail: Gap,
}

impl Words {
    /// The words of an agreement's documents, `slots` of them (the body and
    /// each schedule entry); kept with the agreement ([`crate::model::Agreement::words`]).
    pub(crate) fn new<'d>(documents: impl Iterator<Item = (DocId, &'d Document)>, slots: usize) -> Words {
        let documents: Vec<_> = documents.collect();
        // Sized from the text, so that neither is copied as it grows: English
        // has a word every six bytes or so, and a 250 KB agreement some 5,000
        // spellings (the table is kept at most half full).
        let bytes: usize = documents.iter().flat_map(|(_, d)| &d.blocks).map(|b| b.text.len()).sum();
        let mut words = Words {
            blocks: vec![Vec::new(); slots],
            runs: Vec::with_capacity(bytes / 6),
            table: Table { slots: vec![(0, EMPTY); (bytes / 24).next_power_of_two().max(1024)] },
            ..Words::default()
        };
        for (id, doc) in documents {
            words.blocks[slot(id)] = doc
                .blocks
                .iter()
                .map(|b| {
                    let from = words.runs.len() as u32;
                    let tail = words.cut(&b.text);
                    BlockRuns { runs: from..words.runs.len() as u32, tail }
                })
                .collect();
        }
        words
    }

    /// Appends the runs of `text`, and returns the gap after the last. This
    /// reads every byte of the agreement, so ASCII is classified by a table
    /// and each word hashed as it is read.
    fn cut(&mut self, text: &str) -> Gap {
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut gap = 0;
        while i < bytes.len() {
            match CLASS[usize::from(bytes[i])] {
                OTHER => {
                    gap |= GAP[usize::from(bytes[i])];
                    i += 1;
                    continue;
                }
                WORD => {}
                _ => {
                    let (is_word, width) = char_class(text, i);
                    if !is_word {
                        gap |= text[i..].chars().next().map_or(Gap::HARD, gap_class);
                        i += width;
                        continue;
                    }
                }
            }
            let start = i;
            let mut hash = Hash::default();
            while i < bytes.len() {
                let b = bytes[i];
                match CLASS[usize::from(b)] {
                    WORD => {
                        hash.add(b);
                        i += 1;
                    }
                    OTHER => break,
                    _ => {
                        let (is_word, width) = char_class(text, i);
                        if !is_word {
                            break;
                        }
                        bytes[i..i + width].iter().for_each(|&b| hash.add(b));
                        i += width;
                    }
                }
            }
            let spelling = self.intern(&text[start..i], hash.0);
            self.runs.push(Run { start: start as u32, end: i as u32, spelling, gap: Gap(gap) });
            gap = 0;
        }
        Gap(gap)
    }

    /// The id of a spelling, added if new.
    fn intern(&mut self, word: &str, hash: u64) -> u32 {
        if self.table.slots.len() < 2 * (self.spellings.len() + 1) {
            self.table.grow();
        }
        let at = match self.table.probe(hash, |id| self.spelling(id) == word) {
            Ok(id) => return id,
            Err(at) => at,
        };
        let id = self.spellings.len() as u32;
        let from = self.text.len() as u32;
        self.text.push_str(word);
        self.spellings.push(from..self.text.len() as u32);
        self.table.slots[at] = (hash, id);
        id
    }

    /// The words of one text, as if it were the agreement's only block
    /// (`block(DocId::Body, 0)`): for tests of the rules that read words.
    pub fn of_text(text: &str) -> Words {
        let mut words = Words { blocks: vec![Vec::new()], ..Words::default() };
        let tail = words.cut(text);
        words.blocks[0].push(BlockRuns { runs: 0..words.runs.len() as u32, tail });
        words
    }

    /// The runs of block `block` of document `doc`.
    pub fn block(&self, doc: DocId, block: usize) -> &[Run] {
        let Some(b) = self.blocks.get(slot(doc)).and_then(|b| b.get(block)) else { return &[] };
        &self.runs[b.runs.start as usize..b.runs.end as usize]
    }

    /// What follows the last run of block `block` of document `doc`.
    pub fn tail(&self, doc: DocId, block: usize) -> Gap {
        self.blocks.get(slot(doc)).and_then(|b| b.get(block)).map_or_else(Gap::default, |b| b.tail)
    }

    pub fn spelling(&self, id: u32) -> &str {
        let r = &self.spellings[id as usize];
        &self.text[r.start as usize..r.end as usize]
    }

    /// How many runs there are in the whole agreement.
    pub fn run_count(&self) -> usize {
        self.runs.len()
    }

    /// How many distinct spellings there are: ids are below this.
    pub fn spelling_count(&self) -> usize {
        self.spellings.len()
    }

    /// The id of a spelling, if the text has it.
    pub fn find(&self, spelling: &str) -> Option<u32> {
        let mut hash = Hash::default();
        spelling.bytes().for_each(|b| hash.add(b));
        self.table.probe(hash.0, |id| self.spelling(id) == spelling).ok()
    }
}

/// What a test says of the words of each block: a rule asks it before
/// running a pattern over a block, when the pattern can match only where
/// some word stands (a month's name, a place). The test is asked once per
/// spelling, and its flags marked on the blocks that spelling stands in,
/// so a block's flags are those of all its words without reading them.
pub struct WordFlags<'w> {
    lists: &'w BlockLists,
    /// Per block (numbered as in [`BlockLists`]): its words' flags together.
    flags: Vec<u8>,
}

impl<'w> WordFlags<'w> {
    /// `test` gives a word's flags.
    pub fn new(words: &'w Words, test: impl Fn(&str) -> u8) -> Self {
        let mut flags = WordFlags::none(words);
        for s in 0..words.spellings.len() as u32 {
            flags.mark(s, test(words.spelling(s)));
        }
        flags
    }

    /// Flag 1 on the blocks where one of `spellings` stands as a whole word,
    /// exactly as written: only those spellings are looked at.
    pub fn of_spellings(words: &'w Words, spellings: &[&str]) -> Self {
        let mut flags = WordFlags::none(words);
        for s in spellings.iter().filter_map(|w| words.find(w)) {
            flags.mark(s, 1);
        }
        flags
    }

    fn none(words: &'w Words) -> Self {
        let lists = words.block_lists.get_or_init(|| BlockLists::new(words));
        WordFlags { lists, flags: vec![0; lists.block_count] }
    }

    fn mark(&mut self, spelling: u32, flag: u8) {
        if flag != 0 {
            for &b in self.lists.of(spelling) {
                self.flags[b as usize] |= flag;
            }
        }
    }

    /// The flags of every word of block `block` of document `doc`, together.
    pub fn of_block(&self, doc: DocId, block: usize) -> u8 {
        let Some(&first) = self.lists.first_block.get(slot(doc)) else { return 0 };
        let next = self.lists.first_block.get(slot(doc) + 1).map_or(self.lists.block_count, |&n| n as usize);
        let b = first as usize + block;
        if b < next { self.flags[b] } else { 0 }
    }
}

/// Byte classes: a letter or digit, other ASCII, or a byte of a multi-byte
/// character (decoded to classify).
const OTHER: u8 = 0;
const WORD: u8 = 1;
const MULTI: u8 = 2;

static CLASS: [u8; 256] = {
    let mut class = [MULTI; 256];
    let mut b = 0;
    while b < 0x80 {
        class[b] = if (b as u8).is_ascii_alphanumeric() { WORD } else { OTHER };
        b += 1;
    }
    class
};

/// The hash of a word, built byte by byte as it is read (the "Fx" hash of rustc).
#[derive(Default)]
struct Hash(u64);

impl Hash {
    fn add(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Open addressing from a word's hash to its spelling id.
#[derive(Debug, Default)]
struct Table {
    /// (hash, id); a power of two long, at most half full.
    slots: Vec<(u64, u32)>,
}

const EMPTY: u32 = u32::MAX;

impl Table {
    /// The id whose slot has `hash` and for which `same` holds, or the free
    /// slot where it would go.
    fn probe(&self, hash: u64, same: impl Fn(u32) -> bool) -> Result<u32, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut at = (hash as usize) & mask;
        loop {
            let (slot_hash, id) = self.slots[at];
            if id == EMPTY {
                return Err(at);
            }
            if slot_hash == hash && same(id) {
                return Ok(id);
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![(0, EMPTY); size]);
        let mask = size - 1;
        for (hash, id) in old.into_iter().filter(|&(_, id)| id != EMPTY) {
            let mut at = (hash as usize) & mask;
            while self.slots[at].1 != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = (hash, id);
        }
    }
}

/// How each ASCII byte between words counts (see [`Gap`]).
static GAP: [u8; 256] = {
    let mut class = [Gap::HARD; 256];
    let mut b = 0;
    while b < 0x80 {
        class[b] = match b as u8 {
            b'.' | b'!' | b'?' | b':' => Gap::HARD | Gap::SENTENCE,
            b'/' => Gap::SLASH,
            // The ASCII characters `char::is_whitespace` takes.
            b'-' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 0,
            _ => Gap::HARD,
        };
        b += 1;
    }
    class
};

/// Where a document's blocks are kept in [`Words::blocks`].
fn slot(doc: DocId) -> usize {
    match doc {
        DocId::Body => 0,
        DocId::Schedule(i) => i + 1,
    }
}

/// The byte ranges of the runs of letters and digits in `text`.
pub fn runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < text.len() {
            let (is_word, width) = char_class(text, i);
            if is_word {
                break;
            }
            i += width;
        }
        if i >= text.len() {
            return None;
        }
        let start = i;
        while i < text.len() {
            let (is_word, width) = char_class(text, i);
            if !is_word {
                break;
            }
            i += width;
        }
        Some(start..i)
    })
}

/// Whether the character at byte `i` is a letter or digit, and its length in bytes.
pub fn char_class(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
        _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        let mut words = Words::default();
        words.cut(text);
        words.runs.iter().map(|r| &text[r.range()]).collect()
    }

    #[test]
    fn runs_of_letters_and_digits_in_any_script() {
        assert_eq!(
            cut("The Council’s 12-month Café, (iv) 1.1"),
            ["The", "Council", "s", "12", "month", "Café", "iv", "1", "1"]
        );
        assert_eq!(cut(" – "), Vec::<&str>::new());
    }

    #[test]
    fn gaps_are_classified_as_the_text_is() {
        let text = "a b-c/d, e. f\u{a0}g – h’s i";
        let words = Words::of_text(text);
        let runs = words.block(DocId::Body, 0);
        let mut from = 0;
        for r in runs {
            assert_eq!(r.gap, Gap::of(&text[from..r.start as usize]), "before {:?}", &text[r.range()]);
            from = r.end as usize;
        }
        assert_eq!(words.tail(DocId::Body, 0), Gap::of(&text[from..]));
        for b in 0..0x80u8 {
            let c = char::from(b);
            assert_eq!(GAP[usize::from(b)], gap_class(c), "{c:?}");
        }
        assert!(Gap::of(" - ").joins_phrase_words() && !Gap::of("/").joins_phrase_words() && !Gap::of("/").is_hard());
        assert!(Gap::of(". ").ends_sentence() && Gap::of(", ").is_hard() && !Gap::of(", ").ends_sentence());
    }

    /// A gate's flags for a block are those of the block's own words, found
    /// from each spelling's list of blocks; a block past the end has none.
    #[test]
    fn a_blocks_flags_are_its_words_flags() {
        let test = |w: &str| u8::from(w.starts_with('A')) | (u8::from(w.len() > 8) << 1);
        for a in crate::rules::testing::bundled() {
            let words = a.words();
            let flags = WordFlags::new(words, test);
            let exact = WordFlags::of_spellings(words, &["Act", "Schedule"]);
            for (id, doc) in crate::model::agreement::documents(&a) {
                for i in 0..=doc.blocks.len() {
                    let runs = words.block(id, i);
                    let expected = runs.iter().fold(0, |f, r| f | test(words.spelling(r.spelling)));
                    assert_eq!(flags.of_block(id, i), expected, "{} {id:?} block {i}", a.id());
                    let has = runs.iter().any(|r| matches!(words.spelling(r.spelling), "Act" | "Schedule"));
                    assert_eq!(exact.of_block(id, i) != 0, has, "{} {id:?} block {i}", a.id());
                }
            }
        }
    }

    #[test]
    fn spellings_are_interned_exactly() {
        let mut words = Words::default();
        let text = "Trust trust Trust";
        words.cut(text);
        let ids: Vec<u32> = words.runs.iter().map(|r| r.spelling).collect();
        assert_eq!(ids, [0, 1, 0]);
        assert_eq!(words.find("trust"), Some(1));
        assert_eq!(words.find("Trusts"), None);
    }
}
