//! Provisions as comparable units: number, heading, exact-text hash and
//! shingles, computed once per side so alignment never re-reads the model.
//!
//! Each entry of a definitions clause is a unit of its own, keyed by its
//! term: the model joins the definitions to the provision before them (in
//! the 2019 agreement, to the item "(f)" that ends one definition), and a
//! reader wants "“Host Authority” changed", not "1.1 (f) modified".

use std::cell::OnceCell;

use super::text::{Shingles, collapse_display, collapse_ws, hash_str};
use crate::model::DocId;
use crate::model::definitions::{Definition, DefinitionForm, definitions_in};
use crate::model::{Document, Section};

/// One provision of a document, ready to align.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index into `Document::provisions`.
    pub prov: usize,
    /// The authored number (`11.1`, `(a)`, `38.`), if any.
    pub number: Option<String>,
    /// The number as references cite it (`38.` → `38`).
    pub key: Option<String>,
    pub heading: Option<String>,
    /// For an item such as `(f)`, the dotted number it stands under (`1.1`):
    /// "(f)" alone does not tell a reader where to look.
    pub within: Option<String>,
    /// Block texts, the first prefixed with the authored number: what a reader sees.
    pub blocks: Vec<String>,
    /// Whitespace-normalised text without the opening number: equal text,
    /// equal provision, whatever its number.
    pub text: String,
    pub hash: u64,
    /// For a definition: the term as written ("Host Authority").
    pub term: Option<String>,
    /// For a definition: what the two versions match it by
    /// ([`Definition::key`]).
    pub term_key: Option<String>,
    /// Where the words compared for similarity start in [`Unit::text`]: a
    /// definition is compared by what follows its term, so a renamed term
    /// with the same meaning still pairs with its old self.
    pub meaning_from: usize,
    /// Computed on first use: most provisions of a renewal match exactly and
    /// never need them.
    pub shingles: OnceCell<Shingles>,
    /// Repository-relative path and 1-based line of the opening block.
    pub path: String,
    pub line: usize,
}

impl Unit {
    /// Word shingles of [`Unit::text`].
    pub fn shingles(&self) -> &Shingles {
        self.shingles.get_or_init(|| Shingles::of(self.text.get(self.meaning_from..).unwrap_or(&self.text)))
    }

    /// What identifies the unit besides its text: its number, or its term.
    pub fn ident(&self) -> Option<&str> {
        self.key.as_deref().or(self.term_key.as_deref())
    }

    /// Whether the text is too short to identify the unit on its own
    /// ("Clause 31", "Not used"): the same words at another number are more
    /// likely another item of a list than this one moved.
    pub fn is_short(&self) -> bool {
        self.text.split_whitespace().nth(SHORT_WORDS - 1).is_none()
    }

    /// Whether the unit is only a heading line (a clause title).
    pub fn is_heading_only(&self) -> bool {
        self.heading.is_some() && self.blocks.len() == 1
    }
}

/// Texts of fewer words than this are [`Unit::is_short`].
const SHORT_WORDS: usize = 5;

/// The units of a document, in reading order.
///
/// The model joins unnumbered paragraphs to the provision before them, which
/// suits clauses. Two places are lists of separate statements instead, and
/// there every block is a unit of its own: the body's preamble (a preface,
/// the date line, "BETWEEN:", each party) — a preface added above the date
/// line must read as an insertion, not as a rewrite of the date line — and
/// the execution blocks, which follow the last clause: a signature date
/// filled in is not a change to that clause.
///
/// A definition (its paragraph and the items continuing it) is one unit,
/// wherever the model's provisions begin and end; a paragraph between
/// definitions that is not one stands alone.
pub fn units(doc: &Document, id: DocId) -> Vec<Unit> {
    let defs: Vec<Definition> =
        definitions_in(doc, id).into_iter().filter(|d| d.form == DefinitionForm::Clause).collect();
    let mut def_of_block: Vec<Option<usize>> = vec![None; doc.blocks.len()];
    for (i, d) in defs.iter().enumerate() {
        for b in d.blocks.clone() {
            if let Some(slot) = def_of_block.get_mut(b).filter(|s| s.is_none()) {
                *slot = Some(i);
            }
        }
    }
    let mut dotted: Option<String> = None;
    let mut out = Vec::with_capacity(doc.provisions.len() + defs.len());
    for (i, p) in doc.provisions.iter().enumerate() {
        let start = &doc.blocks[p.start];
        let n = p.number(doc).map(|n| &n.value);
        let within = match n {
            Some(n) if n.is_item() => dotted.clone(),
            _ => None,
        };
        if let Some(n) = n.filter(|n| n.components().is_some()) {
            dotted = Some(n.raw.clone());
        } else if n.is_none() && start.is_heading() {
            dotted = None;
        }
        let opening = Unit {
            prov: i,
            number: n.map(|n| n.raw.clone()),
            key: n.map(crate::model::Number::key),
            heading: p.heading(doc).map(collapse_ws),
            within,
            blocks: Vec::new(),
            text: String::new(),
            hash: 0,
            term: None,
            term_key: None,
            meaning_from: 0,
            shingles: OnceCell::new(),
            path: doc.file.path.clone(),
            line: start.span.start().0,
        };
        let one_per_block =
            |b: &crate::model::Block| b.section == Section::Execution || start.section == Section::Preamble;
        let mut k = p.blocks.start;
        while k < p.blocks.end {
            if let Some(d) = def_of_block[k].map(|i| &defs[i]) {
                // A definition is one unit at its first block; the rest of its blocks are in it.
                if d.blocks.start == k {
                    out.push(definition(&opening, doc, d, dotted.clone()));
                }
                k += 1;
                continue;
            }
            if k == p.blocks.start {
                // The provision proper: its blocks up to the first that stands alone.
                let own_end = (k + 1..p.blocks.end)
                    .find(|&j| one_per_block(&doc.blocks[j]) || def_of_block[j].is_some())
                    .unwrap_or(p.blocks.end);
                let mut u = opening.clone();
                let blocks: Vec<String> = doc.blocks[k..own_end].iter().map(collapse_display).collect();
                // The text without the opening number (what `Provision::text` gives),
                // built from the blocks already collapsed rather than read again.
                let mut text = match blocks.first() {
                    Some(first) => without_number(first, start),
                    None => collapse_ws(&start.text),
                };
                for b in blocks.iter().skip(1).filter(|b| !b.is_empty()) {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(b);
                }
                fill(&mut u, blocks, text);
                out.push(u);
                k = own_end;
                continue;
            }
            let b = &doc.blocks[k];
            let mut u = Unit {
                number: None,
                key: None,
                heading: None,
                within: None,
                line: b.span.start().0,
                ..opening.clone()
            };
            let text = collapse_display(b);
            fill(&mut u, vec![text.clone()], text);
            out.push(u);
            k += 1;
        }
    }
    out
}

/// The unit of one definitions-clause entry: its blocks as a reader sees
/// them, named by its term, standing under the clause that defines it.
fn definition(opening: &Unit, doc: &Document, d: &Definition, within: Option<String>) -> Unit {
    let blocks: Vec<String> = doc.blocks[d.blocks.clone()].iter().map(collapse_display).collect();
    let text = blocks.iter().filter(|b| !b.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    // The meaning starts after the quoted names: the names end within the
    // first block's text, whose collapsed form starts the unit's text.
    let first = &doc.blocks[d.blocks.start];
    let names_end = first.text.get(..d.names_range.end).map_or(0, |t| collapse_ws(t).len());
    let offset = first.number.as_ref().map_or(0, |n| n.value.raw.len() + 1);
    let mut u = Unit {
        number: None,
        key: None,
        heading: None,
        within,
        term: Some(d.term.clone()),
        term_key: Some(d.key()),
        meaning_from: (names_end + offset).min(text.len()),
        line: first.span.start().0,
        ..opening.clone()
    };
    if !text.is_char_boundary(u.meaning_from) {
        u.meaning_from = 0;
    }
    fill(&mut u, blocks, text);
    u
}

/// The collapsed text of `block` without its number, cut from `shown` (the
/// collapsed [`crate::model::Block::display_text`]): `display_text` puts one
/// space between number and text, so unless the number itself holds
/// whitespace, what follows it is the collapsed text.
fn without_number(shown: &str, block: &crate::model::Block) -> String {
    let rest = match &block.number {
        None => Some(shown),
        Some(n) if !n.value.raw.contains(char::is_whitespace) => shown.strip_prefix(n.value.raw.as_str()),
        Some(_) => None,
    };
    match rest {
        Some(rest) => rest.strip_prefix(' ').unwrap_or(rest).to_string(),
        None => collapse_ws(&block.text),
    }
}

/// `text` is already whitespace-collapsed.
fn fill(u: &mut Unit, blocks: Vec<String>, text: String) {
    u.blocks = blocks;
    u.hash = hash_str(&text);
    u.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loading::markdown::{Role, parse};
    use crate::model::SourceFile;

    /// Each definition is a unit keyed by its term, its continuation items
    /// in it, whatever provision the model joins it to.
    #[test]
    fn each_definition_is_a_unit() {
        let src = "# 1 Definitions\n\n1.1 In this Agreement:\n\n“Care” means the following:\n\n(a) assessing;\n\n(b) planning.\n\n“Host Authority” means the Trust;\n\n“Term” means one year.\n\n1.2 Headings do not affect meaning.\n";
        let file = SourceFile::new("a.md", "a.md", src.to_string());
        let doc = parse(&file, Role::Body).expect("parses");
        let units = units(&doc, DocId::Body);
        let seen: Vec<(Option<&str>, Option<&str>, &str)> =
            units.iter().map(|u| (u.number.as_deref(), u.term.as_deref(), u.text.as_str())).collect();
        assert_eq!(
            seen,
            vec![
                (Some("1"), None, "Definitions"),
                (Some("1.1"), None, "In this Agreement:"),
                (None, Some("Care"), "“Care” means the following: (a) assessing; (b) planning."),
                (None, Some("Host Authority"), "“Host Authority” means the Trust;"),
                (None, Some("Term"), "“Term” means one year."),
                (Some("1.2"), None, "Headings do not affect meaning."),
            ]
        );
        assert_eq!(units[3].within.as_deref(), Some("1.1"));
        // Compared by meaning: a renamed term with the same meaning still pairs.
        assert_eq!(&units[3].text[units[3].meaning_from..], " means the Trust;");
    }

    #[test]
    fn text_without_number_is_the_collapsed_text() {
        let src = "# 1. Definitions\n\n1.1 The  Council\n   means the council.\n\n(a)   item\n\nplain   paragraph\n\n2.\n\n3.3\u{a0}Tabbed\ttext\n";
        let file = SourceFile::new("a.md", "a.md", src.to_string());
        let doc = parse(&file, Role::Body).expect("parses");
        let _ = units(&doc, DocId::Body);
        assert!(doc.blocks.iter().filter(|b| b.number.is_some()).count() >= 4, "{:#?}", doc.blocks);
        for b in &doc.blocks {
            let shown = collapse_ws(&b.display_text());
            assert_eq!(collapse_display(b), shown, "{:?}", b.text);
            assert_eq!(without_number(&shown, b), collapse_ws(&b.text), "{:?}", b.text);
        }
    }
}
