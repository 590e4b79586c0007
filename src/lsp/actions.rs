//! Code actions: a near miss or a miscapitalised term is replaced by the
//! defined form, at every place the finding lists.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit};

use crate::model::Span;
use crate::rules::{Finding, Rule, terms};

use super::analysis::Analysis;
use super::position::{range, uri};

/// The rules whose finding names the defined form that was meant.
const FIXABLE: [&Rule; 2] = [&terms::NEAR_MISS, &terms::MISCAPITALISED];

/// The fixes for the findings on `file` that overlap `wanted`.
pub fn actions(analysis: &Analysis, file: &std::path::Path, wanted: Range) -> Vec<CodeActionOrCommand> {
    analysis
        .findings
        .iter()
        .filter(|f| FIXABLE.iter().any(|r| std::ptr::eq(*r, f.rule)) && f.primary.span.file.disk_path == file)
        .filter(|f| overlaps(range(&f.primary.span), wanted))
        .filter_map(fix)
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn fix(f: &Finding) -> Option<CodeAction> {
    let defined = defined_form(f)?;
    let places = std::iter::once(&f.primary.span)
        .chain(f.related.iter().filter(|l| l.message != "defined here").map(|l| &l.span));
    // The protocol's WorkspaceEdit is keyed by Uri; the cell inside a Uri
    // caches a parse and is not part of its hash.
    #[allow(clippy::mutable_key_type)]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for span in places {
        changes
            .entry(uri(&span.file.disk_path)?)
            .or_default()
            .push(TextEdit::new(range(span), replacement(span, &defined)));
    }
    Some(CodeAction {
        title: format!("Use the defined term “{defined}”"),
        kind: Some(CodeActionKind::QUICKFIX),
        is_preferred: Some(true),
        edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
        ..CodeAction::default()
    })
}

/// The defined form a finding names: the last quoted phrase of its message
/// ("“Commencement date” is not the defined term “Commencement Date”"),
/// or else the text its "defined here" label points at.
fn defined_form(f: &Finding) -> Option<String> {
    let from_message =
        f.message.rsplit_once('“').and_then(|(_, rest)| rest.split_once('”')).map(|(t, _)| t.to_string());
    from_message
        .or_else(|| f.related.iter().find(|l| l.message == "defined here").map(|l| l.span.text().to_string()))
        .filter(|t| !t.trim().is_empty())
}

/// The defined form, keeping a plural the text wrote ("Commencement dates" → "Commencement Dates").
fn replacement(span: &Span, defined: &str) -> String {
    let written = span.text();
    let plural = written.to_lowercase() == format!("{}s", defined.to_lowercase());
    if plural { format!("{defined}s") } else { defined.to_string() }
}
