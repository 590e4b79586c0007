//! One cache entry on disk: the key and the findings, as JSON. A span is
//! kept as the index of its file among the files the agreement reads (and
//! the shared ones) with its byte range, and is rebuilt against the files
//! read this run, so a cached finding shows the same lines as a fresh one.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{SourceFile, Span};
use crate::rules::Finding;
use crate::rules::finding::{Label, Severity, Suppression};

#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    findings: Vec<StoredFinding>,
}

#[derive(Serialize, Deserialize)]
struct StoredFinding {
    code: String,
    severity: Severity,
    message: String,
    primary: StoredLabel,
    related: Vec<StoredLabel>,
    help: Option<String>,
    agreement: String,
    suppressed: Option<Suppression>,
}

#[derive(Serialize, Deserialize)]
struct StoredLabel {
    /// Index into the files the entry was made from.
    file: usize,
    /// The file's path, checked on the way back.
    path: String,
    start: usize,
    end: usize,
    message: String,
}

/// The entry's bytes, or `None` if a finding points into a file outside
/// `files` (it could not be rebuilt, so it is not cached).
pub fn encode(key: &str, findings: &[Finding], files: &[Arc<SourceFile>]) -> Option<Vec<u8>> {
    let label = |l: &Label| {
        let file = files
            .iter()
            .position(|f| Arc::ptr_eq(f, &l.span.file) || (f.path == l.span.file.path && f.text == l.span.file.text))?;
        Some(StoredLabel {
            file,
            path: l.span.file.path.clone(),
            start: l.span.range.start,
            end: l.span.range.end,
            message: l.message.clone(),
        })
    };
    let findings = findings
        .iter()
        .map(|f| {
            Some(StoredFinding {
                code: f.code().to_string(),
                severity: f.severity,
                message: f.message.clone(),
                primary: label(&f.primary)?,
                related: f.related.iter().map(label).collect::<Option<_>>()?,
                help: f.help.clone(),
                agreement: f.agreement.clone(),
                suppressed: f.suppressed.clone(),
            })
        })
        .collect::<Option<_>>()?;
    serde_json::to_vec(&Entry { key: key.to_string(), findings }).ok()
}

/// The findings in `bytes` if it is a whole entry for `key` whose spans all
/// fall on character boundaries of `files`; `None` otherwise.
pub fn decode(bytes: &[u8], key: &str, files: &[Arc<SourceFile>]) -> Option<Vec<Finding>> {
    let entry: Entry = serde_json::from_slice(bytes).ok()?;
    if entry.key != key {
        return None;
    }
    let label = |l: StoredLabel| {
        let file = files.get(l.file).filter(|f| f.path == l.path)?;
        let inside = l.start <= l.end && file.text.is_char_boundary(l.start) && file.text.is_char_boundary(l.end);
        inside.then(|| Label { span: Span::new(file, l.start..l.end), message: l.message })
    };
    entry
        .findings
        .into_iter()
        .map(|f| {
            Some(Finding {
                // A code no rule has any more (an older s75 wrote the entry): recompute.
                rule: crate::rules::registry::by_code(&f.code)?,
                severity: f.severity,
                message: f.message,
                primary: label(f.primary)?,
                related: f.related.into_iter().map(label).collect::<Option<_>>()?,
                help: f.help,
                agreement: f.agreement,
                suppressed: f.suppressed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::terms::UNUSED;

    #[test]
    fn a_code_no_rule_has_is_a_miss_not_a_finding() {
        let file = SourceFile::new("agreements/a/agreement.md", "", "“Trust” means the Trust.\n".to_string());
        let files = [Arc::clone(&file)];
        let finding = Finding::new(&UNUSED, Span::new(&file, 0.."“Trust”".len()), "“Trust” is never used");
        let bytes = encode("k", std::slice::from_ref(&finding), &files).expect("an entry");
        let back = decode(&bytes, "k", &files).expect("the entry decodes");
        assert!(std::ptr::eq(back[0].rule, &UNUSED), "the code comes back as the same rule");
        // An entry written by an s75 with a rule this one no longer has.
        let text = String::from_utf8(bytes).expect("JSON").replace("terms.unused", "terms.retired-rule");
        assert!(decode(text.as_bytes(), "k", &files).is_none(), "an unknown code must be recomputed");
    }
}
