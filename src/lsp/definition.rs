//! Go to definition: from a term to its definition, from a reference to
//! what it refers to (across the body and the schedules).

use lsp_types::Location;

use crate::model::references::{Hit, Resolution};
use crate::model::{DocId, Document};

use super::analysis::Analysis;
use super::locate::{Target, target_at};
use super::position::location;

pub fn definition(analysis: &Analysis, id: DocId, doc: &Document, offset: usize) -> Vec<Location> {
    match target_at(analysis, None, id, doc, offset) {
        Some(Target::Term { key, .. }) => {
            analysis.terms.definitions(&key).iter().filter_map(|&d| location(&analysis.defs[d].span)).collect()
        }
        Some(Target::Reference(i)) => match &analysis.refs[i].resolution {
            Resolution::Found(hits) => hits.iter().filter_map(|h| hit_location(analysis, h)).collect(),
            Resolution::ScheduleNotUsed { at: Some(span), .. } => location(span).into_iter().collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Where a target is: its opening block, or for a schedule without a text its entry in `agreement.toml`.
pub fn hit_location(analysis: &Analysis, hit: &Hit) -> Option<Location> {
    match (hit.doc.document(&analysis.agreement), hit.block) {
        (Some(doc), Some(block)) => location(&super::locate::number_span(doc, block)),
        _ => location(hit.title_span.as_ref()?),
    }
}
