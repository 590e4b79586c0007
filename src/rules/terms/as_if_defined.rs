//! Names of bodies, documents, posts and processes used as if defined
//! ("the Joint Media Panel shall …", "the Escalation Protocol"), for
//! `terms.undefined`.
//!
//! A capitalised name after "the" whose last word names a kind of thing an
//! agreement sets up (a board, a protocol, a manager: the heads of the
//! names pack) promises a definition or a clause that constitutes it. It is
//! reported unless the reader can tell what it is without one:
//!
//! - it is defined, or it is what a definition refers to ("“Board” means the
//!   Section 75 Strategic Board …"), or a heading names it;
//! - it is a party, a body of a party ("the Trust Board"), or a name of the
//!   parties' place ("the Coventry Safeguarding Adults Board");
//! - the law or government creates it (the names pack, the stale-name
//!   register: "the Health and Wellbeing Board", "the Secretary of State");
//! - it is cited with a year or a number ("the NHS Long Term Plan 2019");
//! - it is the tail or head of a defined name (a near miss, reported as such).
//!
//! One finding per name, every place listed.

use std::collections::BTreeMap;

use crate::fast_hash::HashSet;

use super::index::{Index, Token};
use super::names::{Names, key};
use super::{UNDEFINED, quoted};
use crate::model::agreement::documents;
use crate::model::pattern::contains_ignore_ascii_case;
use crate::model::words::WordFlags;
use crate::model::{BlockKind, DocId, Section};
use crate::rules::Finding;

/// Words that join the words of one name: "Secretary of State", "Health and Wellbeing Board".
const JOINS: &[&str] = &["of", "and", "for", "&"];

struct Place {
    block: usize,
    at: usize,
    len: usize,
}

pub fn check(ix: &Index, names: &Names, out: &mut Vec<Finding>) {
    if imports_definitions(ix) {
        return;
    }
    let context = Known::new(ix);
    let mut found: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    // Names that some sentence cites with a number or sets up: explained everywhere.
    let mut explained: HashSet<String> = HashSet::default();
    for (bi, b) in ix.blocks.iter().enumerate() {
        let Some(block) = b.doc.document(ix.agreement).and_then(|d| d.blocks.get(b.block)) else { continue };
        // The body's operative text: schedules describe teams and posts at
        // a level of detail where a capitalised name is a label, not a term.
        let operative = b.doc == DocId::Body
            && !b.heading
            && !matches!(block.kind, BlockKind::TableRow { .. })
            && matches!(block.section, Section::Recitals | Section::Clauses);
        if !operative {
            continue;
        }
        let t = &b.tokens;
        for at in 1..t.len() {
            if !after_the(t, at) {
                continue;
            }
            let Some(len) = name_at(t, at) else { continue };
            // The name without a possessive on its last word.
            let last = &t[at + len - 1];
            let text = &ix.text(bi, at, len)[..last.start - t[at].start + last.word.len()];
            if context.explains(t, at, len, text, names) || belongs_to_a_party(t, at + len, &context) {
                continue;
            }
            if set_up_here(t, at + len) {
                explained.insert(key(text));
            }
            found.entry(key(text)).or_default().push(Place { block: bi, at, len });
        }
    }
    let mut groups: Vec<Vec<Place>> = found
        .into_iter()
        .filter(|(k, places)| !explained.contains(k) && (places.len() >= TERM_BY_USE || ends_with_head(k, names)))
        .map(|(_, places)| places)
        .collect();
    groups.sort_by_key(|g| g.first().map(|p| (p.block, p.at)));
    for places in groups {
        out.extend(finding(ix, &places));
    }
}

fn ends_with_head(key: &str, names: &Names) -> bool {
    key.rsplit(' ').next().is_some_and(|w| names.is_head(w))
}

/// A deed of variation or a side agreement that gives its words "the same
/// meanings" as another document's: the definitions are elsewhere.
fn imports_definitions(ix: &Index) -> bool {
    // "meaning" is letters only, so it stands inside one word: a block's
    // words say whether its text has it, judged once per spelling.
    let meaning = WordFlags::new(ix.agreement.words(), |w| u8::from(mentions_meaning(w)));
    documents(ix.agreement).any(|(id, doc)| {
        doc.blocks.iter().enumerate().filter(|&(i, _)| meaning.of_block(id, i) != 0).any(|(_, b)| {
            let lower = b.text.to_lowercase();
            (lower.contains("same meaning") || lower.contains("meanings given") || lower.contains("meaning given"))
                && !lower.contains("in this agreement have")
        })
    })
}

/// Whether `text` has the word "meaning" in any case.
fn mentions_meaning(text: &str) -> bool {
    contains_ignore_ascii_case(text, &["meaning"])
}

/// Words after a name, in its sentence, that say what it is or where it is:
/// "the … Protocol at the date of this Agreement is incorporated at Schedule
/// 13", "the … Board established under clause 8", "the … Plan 2019/20".
fn set_up_here(t: &[Token], end: usize) -> bool {
    const SAYS: &[&str] =
        &["Schedule", "Appendix", "Annex", "established", "constituted", "incorporated", "set", "appointed"];
    if t.get(end).is_some_and(|n| !n.hard_gap && n.word.starts_with(|c: char| c.is_ascii_digit())) {
        return true;
    }
    t.iter().skip(end).take(12).take_while(|n| !n.sentence_start).any(|n| SAYS.contains(&n.word))
}

/// "the Chief Executive of the Trust", "the Board of each Partner": a
/// party's own body or post.
fn belongs_to_a_party(t: &[Token], end: usize, context: &Known) -> bool {
    let word = |i: usize| t.get(i).filter(|n| !n.hard_gap).map(|n| n.word);
    word(end) == Some("of")
        && matches!(word(end + 1), Some("the" | "each" | "either" | "both"))
        && word(end + 2).is_some_and(|w| context.is_party_or_defined(w))
}

/// "the" (or "The") right before `at`, with nothing between.
fn after_the(t: &[Token], at: usize) -> bool {
    let prev = &t[at - 1];
    matches!(prev.word, "the" | "The") && !prev.possessive && !t[at].hard_gap && t[at].capitalised()
}

/// The length of the capitalised name of two words or more at `at`, not
/// the title of legislation. (One cited with a number is a title too: see
/// [`set_up_here`].)
/// Acronyms ("the NHS …", "the BCF Partnership Board") are not the start of
/// one: an acronym names a party or a national body, or is defined itself.
fn name_at(t: &[Token], at: usize) -> Option<usize> {
    let first = &t[at];
    if first.all_caps() || first.word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut end = at + 1;
    let mut words = 1;
    // A possessive ends a name unless the name goes on ("the Joint Children's Commissioning Board").
    while let Some(next) = t.get(end).filter(|n| !n.hard_gap && (!t[end - 1].possessive || n.capitalised())) {
        if next.capitalised() && !next.word.starts_with(|c: char| c.is_ascii_digit()) {
            end += 1;
            words += 1;
        } else if JOINS.contains(&next.word)
            && t.get(end + 1)
                .is_some_and(|n| !n.hard_gap && n.capitalised() && !n.word.starts_with(|c: char| c.is_ascii_digit()))
        {
            end += 2;
            words += 1;
        } else {
            break;
        }
    }
    let last = &t[end - 1];
    (words >= 2 && !last.all_caps() && !STATUTE_KINDS.contains(&last.word)).then_some(end - at)
}

/// Last words of the titles of legislation: "the Mental Health Act" is a
/// citation (the citation rules' business), not a term.
const STATUTE_KINDS: &[&str] =
    &["Act", "Acts", "Regulations", "Regulation", "Order", "Rules", "Directions", "Directive", "Bill", "Code"];

/// A name used this often, always capitalised, is used as a term whatever
/// its last word (a definition deleted while its term is still used).
const TERM_BY_USE: usize = 3;

/// What the agreement itself tells a reader about names.
struct Known {
    /// Every defined name and alias, as [`key`] makes it.
    defined: HashSet<String>,
    /// Every definition's meaning, lower case, without a leading "the".
    referred: Vec<String>,
    /// Lower-case text of every heading, with straight apostrophes.
    described: String,
    /// The parties' words: their names and defined names ("Coventry", "Trust").
    party_words: HashSet<String>,
    /// The parties' words that the text also writes in lower case: common
    /// words ("city", "partnership"), not proper names.
    lower_words: HashSet<String>,
}

impl Known {
    fn new(ix: &Index) -> Self {
        let defined: HashSet<String> = ix.defs.iter().flat_map(|d| d.names().map(key)).collect();
        // "“Board” means the Section 75 Strategic Board …": what a definition refers to.
        let referred: Vec<String> = ix
            .defs
            .iter()
            .map(|d| {
                let m = d.meaning.trim_start().to_lowercase().replace('’', "'");
                m.strip_prefix("the ").map_or(m.clone(), str::to_string)
            })
            .collect();
        let mut described = String::new();
        for b in ix.blocks.iter().filter(|b| b.heading) {
            if let Some(block) = b.doc.document(ix.agreement).and_then(|d| d.blocks.get(b.block)) {
                described.push_str(&block.text.to_lowercase().replace('’', "'"));
                described.push('\n');
            }
        }
        let mut party_words = HashSet::default();
        for p in &ix.agreement.meta.parties {
            for text in [&p.name, &p.defined_as].into_iter().flatten() {
                party_words.extend(text.value.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase));
            }
        }
        for d in ix.defs.iter().filter(|d| section_of(ix, d) == Some(Section::Preamble)) {
            party_words.extend(d.names().flat_map(|n| n.split_whitespace()).map(str::to_lowercase));
            party_words.extend(d.meaning.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase));
        }
        party_words.retain(|w| !w.is_empty());
        // The parties' words written in lower case in prose (only those are
        // asked about); a web or email address ("hradvice@coventry.gov.uk")
        // writes a place in lower case too.
        let mut lower_words = HashSet::default();
        // A token's normal form is looked up first: cheaper than its spelling.
        let mut party_norm = vec![false; ix.norm_count()];
        for id in party_words.iter().filter_map(|w| ix.norm(w)) {
            party_norm[id as usize] = true;
        }
        for b in &ix.blocks {
            let Some(text) = b.doc.document(ix.agreement).and_then(|d| d.blocks.get(b.block)).map(|b| b.text.as_str())
            else {
                continue;
            };
            for t in b.tokens.iter().filter(|t| {
                party_norm[t.norm as usize] && t.word.starts_with(char::is_lowercase) && party_words.contains(t.word)
            }) {
                if in_prose(text, t) {
                    lower_words.insert(t.word.to_string());
                }
            }
        }
        Known { defined, referred, described, party_words, lower_words }
    }

    /// "Trust", "Council", "Partner", "ICB": a party's name or a defined term.
    fn is_party_or_defined(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.party_words.contains(&lower) || self.defined.contains(&key(word))
    }

    /// Whether the name at `at` needs no definition (see the module notes).
    fn explains(&self, t: &[Token], at: usize, len: usize, text: &str, names: &Names) -> bool {
        let k = key(text);
        if self.defined.contains(&k) || names.knows(&k) {
            return true;
        }
        let lower = text.to_lowercase().replace('’', "'");
        let refers = |m: &String| m.strip_prefix(lower.as_str()).is_some_and(|r| !r.starts_with(char::is_alphanumeric));
        if self.described.contains(&lower) || self.referred.iter().any(refers) {
            return true;
        }
        // A proper name from the parties' names: "Coventry …", "Brackenford …".
        let first = t[at].word.to_lowercase();
        if self.party_words.contains(&first) && !self.lower_words.contains(&first) {
            return true;
        }
        // The head or tail of a defined name: a near miss or a longer name of a defined thing.
        let words: Vec<&str> = t[at..at + len].iter().map(|t| t.word).collect();
        (1..words.len()).any(|cut| {
            self.defined.contains(&key(&words[cut..].join(" "))) && words.len() - cut >= 2
                || self.defined.contains(&key(&words[..cut].join(" ")))
        })
    }
}

/// Whether a word stands in prose, not in a web or email address.
fn in_prose(text: &str, t: &Token) -> bool {
    let before = text[..t.start].chars().next_back();
    let rest = &text[t.end..];
    let dotted = rest.strip_prefix('.').is_some_and(|r| r.starts_with(char::is_alphanumeric));
    !matches!(before, Some('.' | '@' | '/')) && !dotted
}

fn section_of(ix: &Index, d: &crate::model::definitions::Definition) -> Option<Section> {
    d.doc.document(ix.agreement).and_then(|doc| doc.blocks.get(d.block)).map(|b| b.section)
}

fn finding(ix: &Index, places: &[Place]) -> Option<Finding> {
    let first = places.first()?;
    let span = ix.span(first.block, first.at, first.len)?;
    let written = ix.text(first.block, first.at, first.len);
    let text = written.strip_suffix("’s").or_else(|| written.strip_suffix("'s")).unwrap_or(written);
    let times = if places.len() > 1 { format!(" (used {} times)", places.len()) } else { String::new() };
    let mut f = Finding::new(
        &UNDEFINED,
        span,
        format!("{} is used as a defined name, but nothing defines or sets it up{times}", quoted(text)),
    )
    .label("named as if defined")
    .help("define it (what it is and where it is set up), or use the name the agreement defines for it");
    for p in places.iter().skip(1).take(10) {
        if let Some(span) = ix.span(p.block, p.at, p.len) {
            f = f.related(span, "also here");
        }
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::rules::terms::UNDEFINED;
    use crate::rules::terms::testkit::{coventry_2019, findings, messages, with_body};

    fn named(a: &crate::model::Agreement) -> Vec<String> {
        messages(&findings(a, &UNDEFINED)).into_iter().filter(|m| m.contains("used as a defined name")).collect()
    }

    const BCF: &str = "## 1 DEFINITIONS AND INTERPRETATION\n\n1.1 In this Agreement:\n\n\"BCF Partnership Board\" means the board established by the Partners under Clause 13;\n\n\"Pooled Fund\" means the pooled fund established under Clause 6;\n\n\"Individual Scheme\" means each scheme listed in Schedule 2;\n\n## 13 GOVERNANCE\n\n";

    #[test]
    fn fires_on_the_2019_agreement_for_the_partnership_protocol_only() {
        assert_eq!(
            named(&coventry_2019()),
            ["“Partnership Protocol” is used as a defined name, but nothing defines or sets it up"]
        );
    }

    #[test]
    fn fires_on_a_board_nothing_sets_up() {
        let a = with_body(&format!(
            "{BCF}13.1 The BCF Partnership Board shall oversee the Pooled Fund.\n\n13.2 Decisions on the allocation of the Pooled Fund between the Individual Schemes shall be reserved to the Joint Commissioning Board, which shall act on the recommendation of the BCF Partnership Board.\n"
        ));
        assert_eq!(
            named(&a),
            ["“Joint Commissioning Board” is used as a defined name, but nothing defines or sets it up"]
        );
    }

    #[test]
    fn silent_on_statutory_bodies_posts_titles_places_and_bodies_set_up_where_named() {
        let a = with_body(&format!(
            "{BCF}13.1 The BCF Partnership Board shall report to the Health and Wellbeing Board and to the Coventry Safeguarding Adults Board, and notices go to the Chief Executive of the Trust.\n\n13.2 The Partners shall have regard to the Mental Health Act and to the NHS Long Term Plan 2019, and shall inform the Secretary of State and the Care Quality Commission.\n\n13.3 The Joint Finance Group established under Clause 13.4 shall advise the BCF Partnership Board on the Pooled Fund.\n\n13.4 The Information Sharing Protocol is set out in Schedule 9.\n"
        ));
        assert_eq!(named(&a), Vec::<String>::new());
    }
}
