//! The fingerprint of an agreement's text: a SHA-256 of every source file
//! (`agreement.toml`, the body, each schedule file) and one SHA-256 over
//! that list.
//!
//! The list of files is read from `agreement.toml` itself, so the same code
//! answers for the working tree (when rendering) and for any git revision
//! (when verifying): a pack can be checked years later without s75 having
//! to remember which files it read.

use std::path::Path;

use anyhow::Context as _;
use sha2::{Digest, Sha256};

use crate::loading::repo::METADATA_FILE;
use crate::loading::{DEFAULT_BODY, Repo, read};
use crate::model::SourceFile;
use crate::model::metadata::ScheduleSource;

/// Where source files are read from: the working tree or a git revision.
pub trait Sources {
    /// The bytes of a repository-relative file, or `None` when it does not exist.
    fn read(&self, rel: &str) -> anyhow::Result<Option<Vec<u8>>>;
    /// "the working tree", "revision v1.0 (0123abcd4567)": for messages.
    fn describe(&self) -> String;
}

/// The files on disk under the repository root.
pub struct WorkingTree<'a> {
    pub root: &'a Path,
}

impl Sources for WorkingTree<'_> {
    fn read(&self, rel: &str) -> anyhow::Result<Option<Vec<u8>>> {
        // Only a hash is taken, but a link out of the repository is still refused.
        let path = Repo { root: self.root.to_path_buf() }.confine(&self.root.join(rel))?;
        if !path.is_file() {
            return Ok(None);
        }
        read::read_bytes(&path).map(Some).with_context(|| format!("cannot read {rel}"))
    }

    fn describe(&self) -> String {
        "the working tree".to_string()
    }
}

/// The hash of one source file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileHash {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes; `None` when the file is missing.
    pub sha256: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// In reading order: `agreement.toml`, the body, then the schedules.
    pub files: Vec<FileHash>,
    /// SHA-256 over the lines `"<sha256>  <path>\n"` of [`Fingerprint::files`]
    /// (`missing` in place of the hash for a missing file).
    pub sha256: String,
    /// Why the file list may be incomplete (agreement.toml could not be read).
    pub note: Option<String>,
}

/// Characters of the fingerprint shown in page footers: enough to tell
/// packs apart at a glance; the full hash is in the metadata and manifest.
pub const SHORT_LEN: usize = 12;

impl Fingerprint {
    pub fn short(&self) -> &str {
        self.sha256.get(..SHORT_LEN).unwrap_or(&self.sha256)
    }

    pub fn paths(&self) -> Vec<String> {
        self.files.iter().map(|f| f.path.clone()).collect()
    }
}

/// Computes the fingerprint of the agreement in repository folder `dir`
/// (`agreements/<id>`). Fails only when `agreement.toml` itself is absent
/// or unreadable: a missing body or schedule is part of the answer.
pub fn compute(repo: &Repo, dir: &str, sources: &dyn Sources) -> anyhow::Result<Fingerprint> {
    // `dir` may come from a pack being verified: it must name a folder inside the repository.
    if repo.resolve_inside(&repo.root, dir).is_none() {
        anyhow::bail!("agreement folder `{dir}` is outside the repository");
    }
    let meta_rel = join(dir, METADATA_FILE);
    let meta_bytes =
        sources.read(&meta_rel)?.with_context(|| format!("{meta_rel} does not exist in {}", sources.describe()))?;
    let mut files = vec![FileHash { path: meta_rel.clone(), sha256: Some(sha256_hex(&meta_bytes)) }];
    let (paths, note) = match referenced_files(repo, dir, &meta_rel, &meta_bytes) {
        Ok(paths) => (paths, None),
        Err(e) => (Vec::new(), Some(format!("{e:#}"))),
    };
    for rel in paths {
        let sha256 = sources.read(&rel)?.map(|b| sha256_hex(&b));
        files.push(FileHash { path: rel, sha256 });
    }
    Ok(Fingerprint { sha256: combine(&files), files, note })
}

/// The combined hash of a file list (see [`Fingerprint::sha256`]).
pub fn combine(files: &[FileHash]) -> String {
    let mut h = Sha256::new();
    for f in files {
        h.update(f.sha256.as_deref().unwrap_or("missing").as_bytes());
        h.update(b"  ");
        h.update(f.path.as_bytes());
        h.update(b"\n");
    }
    hex(&h.finalize())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The body and schedule files `agreement.toml` names, repository-relative,
/// resolved exactly as the loader resolves them.
fn referenced_files(repo: &Repo, dir: &str, meta_rel: &str, bytes: &[u8]) -> anyhow::Result<Vec<String>> {
    let text = read::check_text(bytes.to_vec(), meta_rel)?;
    let file = SourceFile::new(meta_rel, repo.root.join(meta_rel), text);
    let meta = crate::loading::metadata::parse(&file)?;
    let agreement_dir = repo.root.join(dir);
    let shared_dir = repo.root.join("schedules");
    let mut out = Vec::new();
    let mut push = |base: &Path, rel: &str| -> anyhow::Result<()> {
        let path =
            repo.resolve_inside(base, rel).with_context(|| format!("{meta_rel}: `{rel}` is outside the repository"))?;
        out.push(repo.relative(&path));
        Ok(())
    };
    push(&agreement_dir, meta.body.as_ref().map_or(DEFAULT_BODY, |b| b.value.as_str()))?;
    for entry in &meta.schedules {
        match &entry.source {
            ScheduleSource::Local(f) => push(&agreement_dir, &f.value)?,
            ScheduleSource::Shared(f) => push(&shared_dir, &f.value)?,
            ScheduleSource::NotUsed | ScheduleSource::Missing => {}
        }
    }
    Ok(out)
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{}/{name}", dir.trim_end_matches('/')) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_hash_depends_on_paths_hashes_and_order() {
        let a = FileHash { path: "a".into(), sha256: Some(sha256_hex(b"one")) };
        let b = FileHash { path: "b".into(), sha256: Some(sha256_hex(b"two")) };
        let missing = FileHash { path: "b".into(), sha256: None };
        let ab = combine(&[a.clone(), b.clone()]);
        assert_eq!(ab.len(), 64);
        assert_ne!(ab, combine(&[b.clone(), a.clone()]));
        assert_ne!(ab, combine(&[a.clone(), missing]));
        assert_eq!(ab, combine(&[a, b]));
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
