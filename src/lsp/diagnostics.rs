//! Findings → the editor's diagnostics, one list per file of the agreement,
//! with the finding's other places as related locations. A load error is
//! one diagnostic at the file and line it names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position, Range};

use crate::loading::{LoadError, Repo};
use crate::rules::{Finding, Severity};

use super::analysis::Outcome;
use super::position::{location, range};

/// Diagnostics by file (real path). Every file of a loaded agreement is
/// listed, so that an editor clears what an edit fixed.
pub fn by_file(repo: &Repo, outcome: &Outcome) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    match outcome {
        Ok(analysis) => {
            for f in analysis.files() {
                out.entry(f.disk_path.clone()).or_default();
            }
            for f in &analysis.findings {
                let file = &f.primary.span.file.disk_path;
                // Findings on a rule pack built into s75 have no file to show them in.
                if file.starts_with(&repo.root) {
                    out.entry(file.clone()).or_default().push(diagnostic(f));
                }
            }
        }
        Err(e) => {
            let (file, diagnostic) = load_error(repo, e);
            out.insert(file, vec![diagnostic]);
        }
    }
    out
}

fn diagnostic(f: &Finding) -> Diagnostic {
    let related = f
        .related
        .iter()
        .filter_map(|l| {
            let message = if l.message.is_empty() { "see also".to_string() } else { l.message.clone() };
            Some(DiagnosticRelatedInformation { location: location(&l.span)?, message })
        })
        .collect::<Vec<_>>();
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range: range(&f.primary.span),
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(code(f))),
        source: Some("s75".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// A finding's rule code as text.
pub fn code(f: &Finding) -> String {
    f.code().to_string()
}

/// The file a load error names (real path) and the diagnostic at its line.
pub fn load_error(repo: &Repo, e: &LoadError) -> (PathBuf, Diagnostic) {
    let (path, line) = match e {
        LoadError::At { path, line, .. } => (path.as_str(), *line),
        LoadError::Io { path, .. } | LoadError::File { path, .. } => (path.as_str(), 1),
    };
    let message = match e {
        LoadError::At { message, .. } | LoadError::File { message, .. } => message.clone(),
        LoadError::Io { source, .. } => format!("cannot read: {source}"),
    };
    let file = Path::new(path);
    let file = if file.is_absolute() { file.to_path_buf() } else { repo.root.join(file) };
    let at = Position::new(u32::try_from(line.saturating_sub(1)).unwrap_or(0), 0);
    let diagnostic = Diagnostic {
        range: Range::new(at, Position::new(at.line + 1, 0)),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("load".to_string())),
        source: Some("s75".to_string()),
        message: format!("{message} (s75 cannot read the agreement until this is fixed)"),
        ..Diagnostic::default()
    };
    (file.canonicalize().unwrap_or(file), diagnostic)
}
