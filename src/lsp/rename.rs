//! Rename a defined term: one workspace edit that changes its definition and
//! every use, in the body and the schedules. Only the name the cursor is on
//! changes (an alias keeps its own name); a plural ending or possessive
//! after a use stays as written.

use std::collections::HashMap;

use lsp_types::{PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};

use crate::model::{DocId, Document};

use super::analysis::Analysis;
use super::locate::{Target, target_at, term_uses};
use super::position::{range, uri};

/// The name under the cursor, if it is one that can be renamed.
pub fn prepare(analysis: &Analysis, id: DocId, doc: &Document, offset: usize) -> Option<PrepareRenameResponse> {
    match target_at(analysis, None, id, doc, offset)? {
        Target::Term { span, .. } => Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: range(&span),
            placeholder: span.text().to_string(),
        }),
        _ => None,
    }
}

/// The edit, or why there is none.
pub fn rename(
    analysis: &Analysis,
    id: DocId,
    doc: &Document,
    offset: usize,
    new_name: &str,
) -> Result<WorkspaceEdit, String> {
    let Some(Target::Term { key, .. }) = target_at(analysis, None, id, doc, offset) else {
        return Err("only a defined term can be renamed: put the cursor on a use or on its definition".to_string());
    };
    let new_name = new_name.trim();
    if new_name.is_empty() || new_name.contains(['“', '”', '"', '\n']) {
        return Err(format!("`{new_name}` cannot be a defined term: give the new name without quotes"));
    }
    // The protocol's WorkspaceEdit is keyed by Uri; the cell inside a Uri
    // caches a parse and is not part of its hash.
    #[allow(clippy::mutable_key_type)]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (span, ..) in term_uses(analysis, std::slice::from_ref(&key)) {
        if let Some(u) = uri(&span.file.disk_path) {
            changes.entry(u).or_default().push(TextEdit::new(range(&span), new_name.to_string()));
        }
    }
    Ok(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() })
}
