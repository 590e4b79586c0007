//! Document symbols: the outline of clauses (numbers and headings), nested
//! as the numbering nests: headings by level, then 1 → 1.1 → 1.1.1. Item
//! labels ("(a)") are left out: an outline of every item is no outline.

use lsp_types::{DocumentSymbol, SymbolKind};

use crate::model::{BlockKind, Document};

use super::position::range;

const HEADING_WORDS: usize = 12;

pub fn symbols(doc: &Document) -> Vec<DocumentSymbol> {
    // Open symbols, outermost first, with their depth.
    let mut open: Vec<(usize, DocumentSymbol)> = Vec::new();
    let mut top = Vec::new();
    for p in &doc.provisions {
        let b = &doc.blocks[p.start];
        let number = b.number.as_ref().map(|n| &n.value);
        if number.is_some_and(|n| n.is_item()) {
            continue;
        }
        let depth = match b.kind {
            BlockKind::Heading { level } => usize::from(level),
            _ => match number.and_then(|n| n.depth()) {
                Some(d) => 10 + d,
                None => continue,
            },
        };
        let name = match (number, b.text.trim()) {
            (Some(n), "") => n.raw.clone(),
            (Some(n), text) => format!("{} {}", n.raw, first_words(text)),
            (None, text) => first_words(text),
        };
        if name.trim().is_empty() {
            continue;
        }
        while open.last().is_some_and(|(d, _)| *d >= depth) {
            close(&mut open, &mut top);
        }
        #[allow(deprecated)] // `deprecated` is a required field of the protocol type.
        let symbol = DocumentSymbol {
            name,
            detail: None,
            kind: if b.is_heading() { SymbolKind::MODULE } else { SymbolKind::NUMBER },
            tags: None,
            deprecated: None,
            range: range(&p.span(doc)),
            selection_range: range(&b.span),
            children: None,
        };
        open.push((depth, symbol));
    }
    while !open.is_empty() {
        close(&mut open, &mut top);
    }
    top
}

/// Closes the innermost open symbol into its parent, widening the parent to hold it.
fn close(open: &mut Vec<(usize, DocumentSymbol)>, top: &mut Vec<DocumentSymbol>) {
    let Some((_, symbol)) = open.pop() else { return };
    match open.last_mut() {
        Some((_, parent)) => {
            if symbol.range.end > parent.range.end {
                parent.range.end = symbol.range.end;
            }
            parent.children.get_or_insert_with(Vec::new).push(symbol);
        }
        None => top.push(symbol),
    }
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= HEADING_WORDS { words.join(" ") } else { format!("{} …", words[..HEADING_WORDS].join(" ")) }
}
