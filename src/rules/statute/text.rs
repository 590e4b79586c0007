//! The whole agreement cut into words once, for every phrase the statute
//! pack searches: each block of the body and of every schedule, as a reader
//! sees it (its number, then its text), one [`Words`] piece per block.
//!
//! Searches then ask which blocks, or which units of several blocks
//! ([`super::recognise`]), a phrase occurs in, rather than cutting each unit
//! or heading into words again for each phrase.

use std::ops::Range;

use super::phrase::{Index, NO_GROUP, lower_case};
use crate::model::agreement;
use crate::model::words::{self, Gap};
use crate::model::{Agreement, Document};

pub struct AgreementWords<'a> {
    pub words: Index,
    /// The agreement's documents, body first; a block's id is its document's
    /// first id ([`AgreementWords::block_id`]) plus its index.
    documents: Vec<&'a Document>,
    first_ids: Vec<u32>,
}

impl<'a> AgreementWords<'a> {
    pub fn new(a: &'a Agreement) -> Self {
        let shared = a.words();
        let mut words = Index::default();
        let mut lower = String::new();
        // The lower-case form of each spelling, found once per spelling.
        let mut forms: Vec<u32> = vec![u32::MAX; shared.spelling_count()];
        let mut documents = Vec::new();
        let mut first_ids = Vec::new();
        let mut id = 0u32;
        // Whether only spaces and hyphens followed the last word so far.
        let mut soft = false;
        let mut any = false;
        words.reserve(shared.run_count());
        for (doc_id, doc) in agreement::documents(a) {
            documents.push(doc);
            first_ids.push(id);
            for (i, b) in doc.blocks.iter().enumerate() {
                // The form of a spelling of the text, found once per spelling.
                let mut form_of = |words: &mut Index, spelling: u32| match forms[spelling as usize] {
                    u32::MAX => {
                        lower_case(shared.spelling(spelling), &mut lower);
                        let form = words.form_id(&lower);
                        forms[spelling as usize] = form;
                        form
                    }
                    form => form,
                };
                // The number and the text, as a reader sees them: a line
                // break before, a space between (`Block::display_text`).
                if let Some(n) = &b.number {
                    let raw = &n.value.raw;
                    let mut gap = Between { text: raw, from: 0, soft: &mut soft, any: &mut any };
                    for range in words::runs(raw) {
                        // Numbers ("1", "iv") are mostly spelt in the text too.
                        let form = match shared.find(&raw[range.clone()]) {
                            Some(spelling) => form_of(&mut words, spelling),
                            None => {
                                let mut lower = String::new();
                                lower_case(&raw[range.clone()], &mut lower);
                                words.form_id(&lower)
                            }
                        };
                        words.push(form, id, gap.joined(range));
                    }
                    gap.end();
                }
                // The text's own words, with what stands between them read when they were cut.
                for run in shared.block(doc_id, i) {
                    let form = form_of(&mut words, run.spelling);
                    words.push(form, id, any && soft && run.gap.joins_phrase_words());
                    (soft, any) = (true, true);
                }
                soft = soft && shared.tail(doc_id, i).joins_phrase_words();
                id += 1;
            }
        }
        AgreementWords { words, documents, first_ids }
    }

    /// The id of block `block` of `doc` (a document of this agreement).
    pub fn block_id(&self, doc: &Document, block: usize) -> u32 {
        let d = self.documents.iter().position(|d| std::ptr::eq(*d, doc)).unwrap_or(0);
        self.first_ids[d] + u32::try_from(block).unwrap_or(u32::MAX)
    }

    /// How many block ids there are.
    pub fn block_count(&self) -> usize {
        self.documents.iter().map(|d| d.blocks.len()).sum()
    }

    /// The block word `i` is in.
    pub fn block_of(&self, i: usize) -> u32 {
        self.words.piece(i)
    }

    /// Each word's group, given each block's (or [`NO_GROUP`]).
    pub fn group_of<'g>(&'g self, group_of_block: &'g [u32]) -> impl Fn(usize) -> u32 + 'g {
        move |i| group_of_block.get(self.block_of(i) as usize).copied().unwrap_or(NO_GROUP)
    }
}

/// What stands between the words of a number, and before it:
/// `soft` carries whether only spaces and hyphens have stood since the last
/// word, `any` whether there was one.
struct Between<'t, 's> {
    text: &'t str,
    /// The end of the last word in this piece.
    from: usize,
    soft: &'s mut bool,
    any: &'s mut bool,
}

impl Between<'_, '_> {
    /// Whether the word at `word` is joined to the one before it.
    fn joined(&mut self, word: Range<usize>) -> bool {
        let joined = *self.any && *self.soft && Gap::of(&self.text[self.from..word.start]).joins_phrase_words();
        *self.soft = true;
        *self.any = true;
        self.from = word.end;
        joined
    }

    /// The text after the last word; the space or line break after the piece joins.
    fn end(self) {
        *self.soft = *self.soft && Gap::of(&self.text[self.from..]).joins_phrase_words();
    }
}
