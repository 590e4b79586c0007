//! The compliance matrix: each statutory requirement that applies to an
//! agreement, and the clause, schedule or fact that satisfies it — or
//! "missing". It is the page a legal officer files with the decision report.
//!
//! The matrix is built from the same [`Evaluation`] the `statute.*` rules
//! report from, so the matrix and `s75 validate` can never disagree. This
//! module holds the model (plain strings, ready to render and to serialise
//! as JSON); [`render`] writes it as text, Markdown, HTML, CSV or JSON.

pub mod render;

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::loading::LoadError;
use crate::model::Agreement;
use crate::model::metadata::State;
use crate::rules::Context;
use crate::rules::statute::evaluate::{Declaration, Outcome, term_end};
use crate::rules::statute::types::{Evidence, fmt_date};
use crate::rules::statute::{How, Pack, Status, evaluate};

pub use render::{Format, write};

#[derive(Debug, Serialize)]
pub struct Matrix {
    pub title: String,
    pub agreement: AgreementInfo,
    pub pack: PackInfo,
    /// The date the matrix was prepared (ISO 8601).
    pub prepared: String,
    /// The same, as a reader writes it ("24 November 2026").
    pub prepared_display: String,
    pub tool: String,
    /// The git commit the agreement's files were read at, when known.
    pub commit: Option<String>,
    pub summary: Summary,
    pub rows: Vec<Row>,
    /// Problems with agreement.toml `[satisfies]`, as sentences with locations.
    pub notes: Vec<Note>,
    /// The sources the rows cite.
    pub sources: Vec<Source>,
}

#[derive(Debug, Serialize)]
pub struct AgreementInfo {
    pub id: String,
    pub title: String,
    pub folder: String,
    pub status: String,
    pub illustrative: Option<String>,
    pub parties: Vec<PartyInfo>,
    pub arrangements: Vec<String>,
    pub term: Option<String>,
    pub host: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PartyInfo {
    pub name: String,
    pub kind: String,
    pub defined_as: String,
}

#[derive(Debug, Serialize)]
pub struct PackInfo {
    pub name: String,
    pub version: String,
    pub title: String,
    pub file: String,
    pub caveat: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    /// Requirements that apply.
    pub requirements: usize,
    pub met: usize,
    /// Applicable requirements not checked: a fact they rest on is not recorded.
    pub not_checked: usize,
    /// Applicable requirements not met (partly met, missing or failing).
    pub not_met: usize,
    /// Of those, requirements verified against the Regulations (errors).
    pub not_met_verified: usize,
    /// Of those, † requirements (warnings).
    pub not_met_unverified: usize,
    /// Every applicable requirement is met.
    pub fully_satisfied: bool,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub citation: String,
    pub description: String,
    pub verified: bool,
    /// "met", "partly met", "missing", "not met" or "not checked".
    pub status: String,
    pub satisfied: bool,
    pub sources: Vec<String>,
    pub evidence: Vec<EvidenceRow>,
    /// What the agreement does not state (for partly met or missing rows).
    pub missing: Vec<String>,
    /// Why a condition fails (for "not met" rows).
    pub problems: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// "declared", "recognised", "metadata" or "unchecked".
    pub how: String,
    /// The element of the requirement it shows, when the requirement has several.
    pub element: Option<String>,
    /// "Clause 2.1", "Schedule 1", "[term]".
    pub reference: String,
    pub file: String,
    pub line: usize,
    /// `file:line`.
    pub location: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub message: String,
    pub location: String,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub key: String,
    pub text: String,
}

impl Matrix {
    /// The matrix of one agreement against a statute pack, as of `today`.
    pub fn build(pack: &Pack, a: &Agreement, today: Date) -> Matrix {
        let eval = evaluate(pack, a);
        let rows: Vec<Row> = eval.outcomes.iter().map(row).collect();
        let unchecked = |r: &&Row| r.status == Status::NotChecked.as_str();
        let failing = |r: &&Row| !r.satisfied && !unchecked(r);
        let not_met = |verified: bool| rows.iter().filter(failing).filter(|r| r.verified == verified).count();
        let summary = Summary {
            requirements: rows.len(),
            met: rows.iter().filter(|r| r.satisfied).count(),
            not_checked: rows.iter().filter(unchecked).count(),
            not_met: rows.iter().filter(failing).count(),
            not_met_verified: not_met(true),
            not_met_unverified: not_met(false),
            fully_satisfied: rows.iter().all(|r| r.satisfied),
        };
        let mut cited: Vec<&str> = rows.iter().flat_map(|r| r.sources.iter().map(String::as_str)).collect();
        cited.sort_unstable();
        cited.dedup();
        let sources = pack
            .sources
            .iter()
            .filter(|(k, _)| cited.contains(&k.as_str()))
            .map(|(k, t)| Source { key: k.clone(), text: t.clone() })
            .collect();
        Matrix {
            title: "Statutory compliance matrix".to_string(),
            agreement: agreement_info(a, pack),
            pack: PackInfo {
                name: pack.name.clone(),
                version: pack.version.clone(),
                title: pack.title.clone(),
                file: pack.file.path.clone(),
                caveat: pack.caveat.clone(),
            },
            prepared: today.to_string(),
            prepared_display: fmt_date(today),
            tool: format!("s75 {}", env!("CARGO_PKG_VERSION")),
            commit: commit(&a.disk_dir),
            summary,
            rows,
            notes: eval.declarations.iter().map(note).collect(),
            sources,
        }
    }
}

/// The matrix of one agreement as terminal text, with the rule packs of `cx`
/// (for `s75 validate --matrix`).
pub fn text_for(a: &Agreement, cx: &Context) -> Result<String, LoadError> {
    let pack = Pack::parse(&cx.packs.statute)?;
    let matrix = Matrix::build(&pack, a, cx.today);
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render::write(Format::Text, &matrix, &mut out);
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn agreement_info(a: &Agreement, pack: &Pack) -> AgreementInfo {
    let m = &a.meta;
    let status = match m.status.as_ref().map(|s| s.state.value) {
        Some(State::Signed) => "signed",
        Some(State::Draft) => "draft",
        None => "not recorded",
    };
    let term = m.term.as_ref().and_then(|t| t.commencement.as_ref()).map(|c| match term_end(a) {
        Some(end) => format!("{} to {}", fmt_date(c.value), fmt_date(end)),
        None => format!("from {}", fmt_date(c.value)),
    });
    AgreementInfo {
        id: a.id().to_string(),
        title: a.title().to_string(),
        folder: a.dir.clone(),
        status: status.to_string(),
        illustrative: m.illustrative.as_ref().map(|i| i.value.clone()),
        parties: m
            .parties
            .iter()
            .map(|p| PartyInfo {
                name: p.display_name().to_string(),
                // As the pack names the kind ("NHS trust"), else as agreement.toml writes it.
                kind: p.kind.as_ref().map_or_else(String::new, |k| {
                    pack.kind(k.value).map_or_else(|| k.value.to_string(), |i| i.name.clone())
                }),
                defined_as: p.defined_as.as_ref().map_or_else(String::new, |d| d.value.clone()),
            })
            .collect(),
        arrangements: m.arrangements.iter().map(|x| x.value.to_string()).collect(),
        term,
        host: m.host.as_ref().map(|h| m.party(&h.value).map_or(h.value.as_str(), |p| p.display_name()).to_string()),
    }
}

fn row(o: &Outcome) -> Row {
    let req = o.requirement;
    let several = o.elements.len() > 1;
    let mut evidence: Vec<EvidenceRow> = o.declared.iter().map(|e| evidence_row(e, None)).collect();
    // A declaration is the drafter's citation: it replaces what s75 merely
    // recognised, while facts from agreement.toml still corroborate it.
    let declared = !o.declared.is_empty();
    for el in &o.elements {
        let label = several.then(|| el.element.describes.clone());
        let shown = el.evidence.iter().filter(|e| !(declared && e.how == How::Recognised));
        evidence.extend(shown.map(|e| evidence_row(e, label.clone())));
    }
    evidence.extend(o.held.iter().map(|e| evidence_row(e, None)));
    // The same clause can show two elements; list it once per element only.
    let mut seen = Vec::new();
    evidence.retain(|e| {
        let key = (e.how.clone(), e.element.clone(), e.location.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    let status = o.status();
    Row {
        id: req.id.clone(),
        citation: req.citation.clone(),
        description: req.description.clone(),
        verified: req.verified,
        status: status.as_str().to_string(),
        satisfied: status == Status::Met,
        sources: req.sources.clone(),
        evidence,
        missing: o.missing().iter().map(|e| e.describes.clone()).collect(),
        problems: o
            .failures
            .iter()
            .chain(o.elements.iter().filter_map(|e| e.contradicted.as_ref()))
            .filter(|_| o.declared.is_empty() || !o.failures.is_empty())
            .map(|f| Note { message: f.message.clone(), location: location(&f.span) })
            .collect(),
    }
}

fn evidence_row(e: &Evidence, element: Option<String>) -> EvidenceRow {
    let (line, _) = e.span.start();
    EvidenceRow {
        how: e.how.as_str().to_string(),
        element,
        reference: e.reference.clone(),
        file: e.span.file.path.clone(),
        line,
        location: format!("{}:{line}", e.span.file.path),
        detail: e.detail.clone(),
    }
}

fn location(span: &crate::model::Span) -> String {
    format!("{}:{}", span.file.path, span.start().0)
}

fn note(d: &Declaration) -> Note {
    match d {
        Declaration::Unknown { id, .. } => Note {
            message: format!("[satisfies] names `{}`, which is not a requirement of the statute pack", id.value),
            location: location(&id.span),
        },
        Declaration::MissingClause { requirement, reference, why, .. } => Note {
            message: format!("[satisfies] declares `{}` for {requirement}, but {why}", reference.value),
            location: location(&reference.span),
        },
        Declaration::NotApplicable { id, applies_to } => Note {
            message: format!("[satisfies] declares `{}`, which applies only to {applies_to} arrangements", id.value),
            location: location(&id.span),
        },
    }
}

/// The commit the agreement was read at, with a warning when its folder has
/// uncommitted changes: a filed matrix must say which text it describes.
fn commit(dir: &Path) -> Option<String> {
    let repo = git2::Repository::discover(dir).ok()?;
    let head = repo.head().ok()?.peel_to_commit().ok()?;
    let id = head.id().to_string();
    let short = id.get(..12).unwrap_or(&id).to_string();
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let rel = dir.canonicalize().ok()?.strip_prefix(&workdir).ok()?.to_string_lossy().replace('\\', "/");
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true).pathspec(&rel);
    let dirty = repo.statuses(Some(&mut options)).ok().is_some_and(|s| !s.is_empty());
    Some(if dirty { format!("{short} (with uncommitted changes to this agreement)") } else { short })
}
