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
pub use read::Overlay;
pub use repo::Repo;

use crate::model::metadata::ScheduleSource;
use crate::model::{Agreement, Document, Located, Metadata, Schedule, SourceFile};
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
    read_agreement(repo, dir)?.parse(shared)
}

/// An agreement's files, read and its `agreement.toml` understood, but its
/// Markdown not yet parsed: everything its findings can depend on, at a
/// fraction of the cost of loading it (the findings cache hashes these).
pub struct AgreementFiles {
    /// The agreement's folder, relative to the repository root.
    pub dir: String,
    disk_dir: PathBuf,
    pub meta_file: Arc<SourceFile>,
    pub meta: Metadata,
    pub body: Arc<SourceFile>,
    /// One per `[[schedules]]` entry: its file, if it has one.
    pub schedules: Vec<Option<Arc<SourceFile>>>,
}

/// Reads the files of the agreement in folder `dir`, with the same errors as
/// [`load_agreement`] in the same order.
pub fn read_agreement(repo: &Repo, dir: &Path) -> Result<AgreementFiles, LoadError> {
    read_agreement_overlaid(repo, dir, &Overlay::default())
}

/// As [`load_agreement`], with the texts in `overlay` (an editor's unsaved
/// buffers) read in place of those files on disk.
pub fn load_agreement_overlaid(repo: &Repo, dir: &Path, overlay: &Overlay) -> Result<Agreement, LoadError> {
    read_agreement_overlaid(repo, dir, overlay)?.parse(None)
}

/// As [`read_agreement`], with the texts in `overlay` read in place of those files.
pub fn read_agreement_overlaid(repo: &Repo, dir: &Path, overlay: &Overlay) -> Result<AgreementFiles, LoadError> {
    let meta_path = dir.join(repo::METADATA_FILE);
    let meta_file = read::read_source_overlaid(&repo.confine(&meta_path)?, &repo.relative(&meta_path), overlay)?;
    let meta = metadata::parse(&meta_file)?;

    let body_name = meta.body.as_ref().map_or(DEFAULT_BODY, |b| b.value.as_str());
    let body_path = resolve(repo, dir, body_name, meta.body.as_ref(), &meta_file)?;
    let body = read_referenced(repo, &body_path, meta.body.as_ref(), &meta_file, "body file", overlay)?;

    let mut schedules = Vec::with_capacity(meta.schedules.len());
    for entry in &meta.schedules {
        let located = match &entry.source {
            ScheduleSource::Local(f) => Some((resolve(repo, dir, &f.value, Some(f), &meta_file)?, f)),
            ScheduleSource::Shared(f) => {
                Some((resolve(repo, &repo.root.join("schedules"), &f.value, Some(f), &meta_file)?, f))
            }
            ScheduleSource::NotUsed | ScheduleSource::Missing => None,
        };
        let file = match located {
            Some((path, key)) => Some(read_referenced(repo, &path, Some(key), &meta_file, "schedule file", overlay)?),
            None => None,
        };
        schedules.push(file);
    }
    Ok(AgreementFiles { dir: repo.relative(dir), disk_dir: dir.to_path_buf(), meta_file, meta, body, schedules })
}

impl AgreementFiles {
    /// As [`Agreement::id`], before parsing.
    pub fn id(&self) -> &str {
        self.meta.id.as_ref().map_or_else(|| self.dir.rsplit('/').next().unwrap_or(&self.dir), |i| i.value.as_str())
    }

    /// As [`Agreement::title`], before parsing.
    pub fn title(&self) -> &str {
        self.meta.title.as_ref().map_or(self.id(), |t| t.value.as_str())
    }

    /// Every file read, `agreement.toml` first.
    pub fn files(&self) -> impl Iterator<Item = &Arc<SourceFile>> {
        [&self.meta_file, &self.body].into_iter().chain(self.schedules.iter().flatten())
    }

    /// Parses the Markdown into the agreement model; a file nested too deeply is a load error.
    pub fn parse(self, shared: Option<&SharedParses>) -> Result<Agreement, LoadError> {
        let parse = |file: &Arc<SourceFile>, role: Role| match shared {
            Some(s) => s.parse(file, role),
            None => markdown::parse(file, role),
        };
        let body = parse(&self.body, Role::Body)?;
        let mut schedules = Vec::with_capacity(self.schedules.len());
        for (entry, file) in self.schedules.iter().enumerate() {
            let doc = file.as_ref().map(|f| parse(f, Role::Schedule)).transpose()?;
            schedules.push(Schedule { entry, doc });
        }
        Ok(Agreement::new(self.dir, self.disk_dir, self.meta, body, schedules))
    }
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
    overlay: &Overlay,
) -> Result<std::sync::Arc<crate::model::SourceFile>, LoadError> {
    let line = key.map_or(1, |k| k.span.start().0);
    let real = repo.confine(path).map_err(|e| LoadError::at(&meta.path, line, format!("{what} {e}")))?;
    if !real.is_file() {
        return Err(LoadError::at(&meta.path, line, format!("{what} `{}` does not exist", repo.relative(path))));
    }
    read::read_source_overlaid(&real, &repo.relative(path), overlay)
}
