//! Files → model. Reads strictly (see [`read`]), keeps every span, and turns
//! unreadable input into one [`LoadError`] naming file and line.

pub mod error;
pub mod markdown;
pub mod metadata;
pub mod read;
pub mod repo;
pub mod toml_reader;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

pub use error::LoadError;
pub use repo::Repo;

use crate::model::metadata::ScheduleSource;
use crate::model::{Agreement, Document, Located, Schedule, SourceFile};
use markdown::Role;

pub const DEFAULT_BODY: &str = "agreement.md";

/// Loads the agreement in folder `dir` (inside `repo`).
pub fn load_agreement(repo: &Repo, dir: &Path) -> Result<Agreement, LoadError> {
    load_agreement_sharing(repo, dir, None)
}

/// Documents parsed while loading agreements side by side (the two versions
/// a diff compares): a renewal carries most schedules over byte for byte,
/// and a file whose text the other side has already parsed is copied rather
/// than parsed again. Never waits: a file both sides reach at once is
/// parsed by both.
#[derive(Default)]
pub struct SharedParses {
    done: Mutex<Vec<Parsed>>,
}

/// A document as first parsed, from `file` in `role`.
struct Parsed {
    file: Arc<SourceFile>,
    role: Role,
    doc: Arc<Document>,
}

impl SharedParses {
    fn parse(&self, file: &Arc<SourceFile>, role: Role) -> Result<Document, LoadError> {
        let found = {
            let done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
            done.iter().find(|p| p.role == role && p.file.text == file.text).map(|p| Arc::clone(&p.doc))
        };
        if let Some(doc) = found {
            return Ok(doc.on_file(file));
        }
        let doc = markdown::parse(file, role)?;
        let parsed = Parsed { file: Arc::clone(file), role, doc: Arc::new(doc.clone()) };
        self.done.lock().unwrap_or_else(PoisonError::into_inner).push(parsed);
        Ok(doc)
    }
}

/// As [`load_agreement`], taking parsed documents from `shared` where the
/// same text was loaded before, and adding to it.
pub fn load_agreement_sharing(repo: &Repo, dir: &Path, shared: Option<&SharedParses>) -> Result<Agreement, LoadError> {
    let parse = |file: &Arc<SourceFile>, role: Role| match shared {
        Some(s) => s.parse(file, role),
        None => markdown::parse(file, role),
    };
    let rel_dir = repo.relative(dir);
    let meta_path = dir.join(repo::METADATA_FILE);
    let meta_file = read::read_source(&repo.confine(&meta_path)?, &repo.relative(&meta_path))?;
    let meta = metadata::parse(&meta_file)?;

    let body_name = meta.body.as_ref().map_or(DEFAULT_BODY, |b| b.value.as_str());
    let body_path = resolve(repo, dir, body_name, meta.body.as_ref(), &meta_file)?;
    let body_file = read_referenced(repo, &body_path, meta.body.as_ref(), &meta_file, "body file")?;
    let body = parse(&body_file, Role::Body)?;

    let mut schedules = Vec::with_capacity(meta.schedules.len());
    for (i, entry) in meta.schedules.iter().enumerate() {
        let located = match &entry.source {
            ScheduleSource::Local(f) => Some((resolve(repo, dir, &f.value, Some(f), &meta_file)?, f)),
            ScheduleSource::Shared(f) => {
                Some((resolve(repo, &repo.root.join("schedules"), &f.value, Some(f), &meta_file)?, f))
            }
            ScheduleSource::NotUsed | ScheduleSource::Missing => None,
        };
        let doc = match located {
            Some((path, key)) => {
                let file = read_referenced(repo, &path, Some(key), &meta_file, "schedule file")?;
                Some(parse(&file, Role::Schedule)?)
            }
            None => None,
        };
        schedules.push(Schedule { entry: i, doc });
    }
    Ok(Agreement::new(rel_dir, dir.to_path_buf(), meta, body, schedules))
}

/// Resolves a path named in `agreement.toml`; one leaving the repository is an error at that key.
fn resolve(
    repo: &Repo,
    base: &Path,
    rel: &str,
    key: Option<&Located<String>>,
    meta: &crate::model::SourceFile,
) -> Result<PathBuf, LoadError> {
    repo.resolve_inside(base, rel).ok_or_else(|| {
        let line = key.map_or(1, |k| k.span.start().0);
        LoadError::at(&meta.path, line, format!("`{rel}` is outside the repository"))
    })
}

/// Reads a file named in `agreement.toml`; a missing one, or one that leads
/// outside the repository, is reported at the key that names it.
fn read_referenced(
    repo: &Repo,
    path: &Path,
    key: Option<&Located<String>>,
    meta: &crate::model::SourceFile,
    what: &str,
) -> Result<std::sync::Arc<crate::model::SourceFile>, LoadError> {
    let line = key.map_or(1, |k| k.span.start().0);
    let real = repo.confine(path).map_err(|e| LoadError::at(&meta.path, line, format!("{what} {e}")))?;
    if !real.is_file() {
        return Err(LoadError::at(&meta.path, line, format!("{what} `{}` does not exist", repo.relative(path))));
    }
    read::read_source(&real, &repo.relative(path))
}
