//! Provisions as comparable units: number, heading, exact-text hash and
//! shingles, computed once per side so alignment never re-reads the model.

use std::cell::OnceCell;

use super::text::{Shingles, collapse_display, collapse_ws, hash_str};
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
        self.shingles.get_or_init(|| Shingles::of(&self.text))
    }

    /// Whether the unit is only a heading line (a clause title).
    pub fn is_heading_only(&self) -> bool {
        self.heading.is_some() && self.blocks.len() == 1
    }
}

/// The units of a document, in reading order.
///
/// The model joins unnumbered paragraphs to the provision before them, which
/// suits clauses. Two places are lists of separate statements instead, and
/// there every block is a unit of its own: the body's preamble (a preface,
/// the date line, "BETWEEN:", each party) — a preface added above the date
/// line must read as an insertion, not as a rewrite of the date line — and
/// the execution blocks, which follow the last clause: a signature date
/// filled in is not a change to that clause.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut dotted: Option<String> = None;
    let mut out = Vec::with_capacity(doc.provisions.len());
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
            shingles: OnceCell::new(),
            path: doc.file.path.clone(),
            line: start.span.start().0,
        };
        let one_per_block =
            |b: &crate::model::Block| b.section == Section::Execution || start.section == Section::Preamble;
        // The provision proper: its blocks up to the first that stands alone.
        let own_end =
            (p.blocks.start + 1..p.blocks.end).find(|&k| one_per_block(&doc.blocks[k])).unwrap_or(p.blocks.end);
        let own = p.blocks.start..own_end;
        let mut u = opening.clone();
        let blocks: Vec<String> = doc.blocks[own].iter().map(collapse_display).collect();
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
        for b in &doc.blocks[own_end..p.blocks.end] {
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
        }
    }
    out
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

    #[test]
    fn text_without_number_is_the_collapsed_text() {
        let src = "# 1. Definitions\n\n1.1 The  Council\n   means the council.\n\n(a)   item\n\nplain   paragraph\n\n2.\n\n3.3\u{a0}Tabbed\ttext\n";
        let file = SourceFile::new("a.md", "a.md", src.to_string());
        let doc = parse(&file, Role::Body).expect("parses");
        assert!(doc.blocks.iter().filter(|b| b.number.is_some()).count() >= 4, "{:#?}", doc.blocks);
        for b in &doc.blocks {
            let shown = collapse_ws(&b.display_text());
            assert_eq!(collapse_display(b), shown, "{:?}", b.text);
            assert_eq!(without_number(&shown, b), collapse_ws(&b.text), "{:?}", b.text);
        }
    }
}
