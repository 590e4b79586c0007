//! What stands at a position of a document: a reference, a use (or the
//! definition) of a term, a stale name, or a provision's own number.

use std::ops::Range;

use crate::model::{DocId, Document, Span};
use crate::rules::stale::register::Register;

use super::analysis::{Analysis, block_at};

pub enum Target {
    /// Index into [`Analysis::refs`].
    Reference(usize),
    /// A defined name (its key, see [`super::terms::key`]), written at `span`.
    Term { key: String, span: Span },
    /// An entry of the stale register, named at `span`.
    Stale { entry: usize, span: Span },
    /// The provision opened by block `block` of `doc` (its number or heading).
    Provision { doc: DocId, block: usize },
}

pub fn target_at(
    analysis: &Analysis,
    register: Option<&Register>,
    id: DocId,
    doc: &Document,
    offset: usize,
) -> Option<Target> {
    let (bi, block) = block_at(doc, offset)?;
    let holds = |span: &Span| span.range.start <= offset && offset <= span.range.end;
    if let Some(i) =
        analysis.refs.iter().position(|r| r.doc == id && r.reference.block == bi && holds(&r.reference.span))
    {
        return Some(Target::Reference(i));
    }
    // A heading names a clause; it does not use a term ("Survivorship of Terms").
    let uses = if block.is_heading() { Vec::new() } else { analysis.terms.find(&block.text) };
    for u in uses {
        let span = block.span_of(u.range.clone());
        if holds(&span) {
            return Some(Target::Term { key: u.key, span });
        }
    }
    if let Some(register) = register {
        for m in register.find(&block.text) {
            let span = block.span_of(m.range.clone());
            if holds(&span) {
                return Some(Target::Stale { entry: m.entry, span });
            }
        }
    }
    let opens = doc.provisions.iter().any(|p| p.start == bi);
    let on_number = block.number.as_ref().is_some_and(|n| holds(&n.span));
    (opens && (on_number || block.is_heading())).then_some(Target::Provision { doc: id, block: bi })
}

/// A provision's number, or its whole heading when it has none.
pub fn number_span(doc: &Document, block: usize) -> Span {
    let b = &doc.blocks[block];
    b.number.as_ref().map_or_else(|| b.span.clone(), |n| n.span.clone())
}

/// Every use of the names in `keys` in the agreement, in reading order: (span, key).
pub fn term_uses(analysis: &Analysis, keys: &[String]) -> Vec<(Span, Range<usize>, DocId, usize)> {
    let mut out = Vec::new();
    for (id, doc) in crate::model::agreement::documents(&analysis.agreement) {
        for (bi, b) in doc.blocks.iter().enumerate().filter(|(_, b)| !b.is_heading()) {
            for u in analysis.terms.find(&b.text) {
                if keys.contains(&u.key) {
                    out.push((b.span_of(u.range.clone()), u.range, id, bi));
                }
            }
        }
    }
    out
}
