//! Find references: every use of a term (its definition too, when the
//! editor asks for declarations), or every reference to a clause,
//! paragraph or schedule.

use lsp_types::Location;

use crate::model::references::Resolution;
use crate::model::{DocId, Document};

use super::analysis::Analysis;
use super::locate::{Target, number_span, target_at, term_uses};
use super::position::location;

pub fn references(analysis: &Analysis, id: DocId, doc: &Document, offset: usize, declaration: bool) -> Vec<Location> {
    match target_at(analysis, None, id, doc, offset) {
        Some(Target::Term { key, .. }) => term_references(analysis, &key, declaration),
        Some(Target::Reference(i)) => match &analysis.refs[i].resolution {
            Resolution::Found(hits) => hits
                .iter()
                .filter_map(|h| Some((h.doc, h.block?)))
                .flat_map(|t| provision_references(analysis, t, declaration))
                .collect(),
            _ => Vec::new(),
        },
        Some(Target::Provision { doc, block, .. }) => provision_references(analysis, (doc, block), declaration),
        _ => Vec::new(),
    }
}

/// The uses of every name of the definitions of `key`: "Partners" finds "Partner" too.
fn term_references(analysis: &Analysis, key: &str, declaration: bool) -> Vec<Location> {
    let defs = analysis.terms.definitions(key);
    let mut keys: Vec<String> = defs.iter().flat_map(|&d| analysis.defs[d].names().map(super::terms::key)).collect();
    keys.dedup();
    term_uses(analysis, &keys)
        .into_iter()
        .filter(|(_, range, doc, block)| {
            declaration
                || !defs.iter().any(|&d| {
                    let def = &analysis.defs[d];
                    def.doc == *doc
                        && def.block == *block
                        && def.names_range.start <= range.start
                        && range.end <= def.names_range.end
                })
        })
        .filter_map(|(span, ..)| location(&span))
        .collect()
}

/// The references that resolve to the provision opened by `target`.
fn provision_references(analysis: &Analysis, target: (DocId, usize), declaration: bool) -> Vec<Location> {
    let (doc, block) = target;
    let mut out = Vec::new();
    if declaration {
        if let Some(d) = doc.document(&analysis.agreement) {
            out.extend(location(&number_span(d, block)));
        }
    }
    for r in &analysis.refs {
        if let Resolution::Found(hits) = &r.resolution {
            if hits.iter().any(|h| h.doc == doc && h.block == Some(block)) {
                out.extend(location(&r.reference.span));
            }
        }
    }
    out
}
