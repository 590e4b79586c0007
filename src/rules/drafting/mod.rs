//! `drafting.*`: slips a careful reader finds and the other families do not
//! look for — another authority's text left in a copied agreement, a
//! sentence that stops mid-way, a signature block for a body that is not a
//! party.
//!
//! The list of English local authorities is data (`authorities.toml`, with
//! its sources), read once when the checker is built.

mod authorities;
mod mentions;
pub mod non_party_signature;
pub mod other_area;
pub mod other_authority;
mod parties;
pub mod unfinished_sentence;

use std::ops::Range;

use crate::loading::LoadError;
use crate::model::agreement::documents;
use crate::model::words::WordFlags;
use crate::model::{Agreement, Block, BlockKind, Section};
use crate::rules::{Context, Family, Finding, Rule};
use authorities::Authorities;
use parties::Parties;

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[
    &other_authority::OTHER_AUTHORITY,
    &other_area::OTHER_AREA,
    &unfinished_sentence::UNFINISHED_SENTENCE,
    &non_party_signature::NON_PARTY_SIGNATURE,
];

pub struct Drafting {
    authorities: Authorities,
}

impl Drafting {
    /// Reads the authorities list from `cx.packs`; a malformed list is a load error.
    pub fn new(cx: &Context) -> Result<Self, LoadError> {
        Ok(Drafting { authorities: Authorities::parse(&cx.packs.authorities)? })
    }
}

impl Family for Drafting {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        let parties = Parties::of(a, &self.authorities);
        // Both authority rules read the same names: the text is searched once.
        let named = scan(a, &self.authorities);
        other_authority::check_scanned(&named, &parties, out);
        other_area::check_scanned(&named, &parties, out);
        unfinished_sentence::check(a, out);
        non_party_signature::check(a, &parties, out);
    }
}

/// The councils and areas one block of running text names.
pub(crate) struct Named<'a> {
    pub block: &'a Block,
    pub councils: Vec<authorities::CouncilName>,
    pub places: Vec<mentions::PlaceUse>,
}

/// Every block of running text that names a council or an area.
fn scan<'a>(a: &'a Agreement, authorities: &Authorities) -> Vec<Named<'a>> {
    let mut out = Vec::new();
    // What a block's words allow, each judged once per spelling. A council's
    // name needs "Council" or "Borough" (letters, so inside one word: "County
    // Council", "London Borough"); a place on the list is named only where
    // its first word is, one not on the list only before "Agreement" (see
    // `mentions::place_uses`).
    const COUNCIL: u8 = 1;
    const PLACE: u8 = 2;
    let flags = WordFlags::new(a.words(), |w| {
        let council = w.contains("Council") || w.contains("Borough");
        let place = authorities.may_begin_place(w) || w.contains("Agreement");
        (if council { COUNCIL } else { 0 }) | (if place { PLACE } else { 0 })
    });
    for (id, doc) in documents(a) {
        for (i, block) in doc.blocks.iter().enumerate().filter(|(_, b)| prose(b)) {
            let has = flags.of_block(id, i);
            let councils =
                if has & COUNCIL != 0 { authorities::council_names(&block.text, authorities) } else { Vec::new() };
            let places = if has & PLACE != 0 { mentions::place_uses(&block.text, authorities) } else { Vec::new() };
            if !councils.is_empty() || !places.is_empty() {
                out.push(Named { block, councils, places });
            }
        }
    }
    out
}

/// Blocks that are the agreement's running text: not the parties clause
/// (names and addresses), not the signature blocks, not code.
fn prose(b: &Block) -> bool {
    !matches!(b.section, Section::Preamble | Section::Execution) && b.kind != BlockKind::Code
}

/// Whether lower-cased `haystack` holds `word` as whole words.
fn contains_word_ci(haystack: &str, word: &str) -> bool {
    !word.is_empty() && crate::rules::metadata::contains_word(haystack, word)
}

/// The sentence of `text` around `range`: from the end of the sentence
/// before it to the end of its own.
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let ends = |i: usize, c: char| matches!(c, '.' | ';' | '?' | '!') && text[i + 1..].starts_with(' ');
    let start =
        text[..range.start].char_indices().rev().find(|&(i, c)| ends(i, c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..]
        .char_indices()
        .find(|&(i, c)| ends(range.end + i, c))
        .map_or(text.len(), |(i, _)| range.end + i);
    start..end
}

/// Whether the sentence around a mention of another authority also names a
/// party's area: a passage about both ("between Warwickshire County Council
/// and … and Coventry City Council", "Coventry, Solihull and Warwickshire")
/// is about the other authority as such, not a left-over.
fn beside_a_party(text: &str, range: &Range<usize>, parties: &Parties) -> bool {
    let s = sentence_around(text, range);
    let (before, after) = (&text[s.start..range.start], &text[range.end..s.end]);
    parties.named_in(before) || parties.named_in(after)
}

/// Whether the sentence around a council's name also names a party by its
/// defined name ("the Partners, with Warwickshire County Council,
/// reviewed …"): the council is named beside the parties, as a third party.
fn beside_the_parties(text: &str, range: &Range<usize>, parties: &Parties) -> bool {
    let s = sentence_around(text, range);
    let rest = format!("{} {}", &text[s.start..range.start], &text[range.end..s.end]);
    let lower = rest.to_lowercase();
    ["Partners", "Parties", "Partner", "Party"].iter().any(|w| crate::rules::metadata::contains_word(&rest, w))
        || parties.defined.iter().any(|d| contains_word_ci(&lower, d.strip_prefix("the ").unwrap_or(d)))
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::model::Agreement;
    use crate::rules::Packs;

    pub fn authorities() -> Authorities {
        Authorities::parse(&Packs::builtin().authorities).expect("the built-in list reads")
    }

    /// The findings of one rule on an agreement.
    pub fn run(a: &Agreement, check: impl Fn(&Agreement, &Authorities, &Parties, &mut Vec<Finding>)) -> Vec<Finding> {
        let authorities = authorities();
        let parties = Parties::of(a, &authorities);
        let mut out = Vec::new();
        check(a, &authorities, &parties, &mut out);
        out
    }

    /// A copy of the bundled 2019 agreement with `from` replaced by `to` in
    /// the file `rel` (relative to the agreement's folder).
    pub fn edited_2019(rel: &str, from: &str, to: &str) -> Agreement {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements/coventry-cwpt-2019");
        let tmp = tempfile::tempdir().expect("a temporary directory");
        let dir = tmp.path().join("agreements/coventry-cwpt-2019");
        copy_dir(&root, &dir);
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path).expect("the file");
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
        let repo = crate::loading::Repo { root: tmp.path().to_path_buf() };
        let a = crate::loading::load_agreement(&repo, &dir).expect("the agreement loads");
        drop(tmp);
        a
    }

    fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir").flatten() {
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                copy_dir(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).expect("copy");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::authorities;
    use super::*;
    use crate::rules::testing::{bundled, with_body};

    /// The blocks `scan` skips for want of a place's first word name no place.
    fn assert_scan_misses_no_place(a: &Agreement) -> usize {
        let authorities = authorities();
        let scanned = scan(a, &authorities);
        let mut places = 0;
        for doc in a.documents() {
            for block in doc.blocks.iter().filter(|b| prose(b)) {
                let all = mentions::place_uses(&block.text, &authorities);
                let found = scanned.iter().find(|n| std::ptr::eq(n.block, block)).map_or(&[][..], |n| &n.places);
                let phrases = |u: &[mentions::PlaceUse]| u.iter().map(|u| u.phrase.clone()).collect::<Vec<_>>();
                assert_eq!(phrases(found), phrases(&all), "{}", block.text);
                places += all.len();
            }
        }
        places
    }

    #[test]
    fn scanning_only_blocks_with_a_places_first_word_misses_no_place() {
        let found: usize = bundled().iter().map(assert_scan_misses_no_place).sum();
        assert!(found > 0);
        let text = "## 1 Services\n\n1.1 Services in North Warwickshire.\n\n1.2 Services in Stoke-on-Trent.\n\n\
                    1.3 The Kestrelshire Section 75 Agreement.\n\n1.4 Nothing here.";
        assert_eq!(assert_scan_misses_no_place(&with_body(bundled().swap_remove(0), text)), 3);
    }
}
