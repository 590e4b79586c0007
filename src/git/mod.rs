//! Agreements at git revisions, read with libgit2 (git2) — never by running
//! `git`, so no PATH, hooks, pager or user configuration can change what
//! s75 sees.
//!
//! A revision's agreement is loaded by writing its files (the agreement's
//! folder, the repository's shared `schedules/` and `s75.toml`) from the
//! revision's tree into a temporary folder laid out like the repository,
//! then reading that with the ordinary loader. The loader therefore stays
//! the only code that parses agreements, and every span shows the
//! repository-relative path, exactly as for the working tree.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, ObjectType, Oid, Repository, Tree, TreeWalkMode, TreeWalkResult};

use crate::loading::{LoadError, Repo, load_agreement};
use crate::model::Agreement;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error(
        "{0} is not inside a git repository; to compare two folders, give two agreement folders: s75 diff OLD_DIR NEW_DIR"
    )]
    NoRepository(String),
    #[error("the git repository at {0} has no working tree (bare repositories are not supported)")]
    Bare(String),
    #[error("unknown revision `{0}`: no branch, tag or commit of that name (nor a folder)")]
    UnknownRevision(String),
    #[error(
        "revision `{0}` is not in this shallow clone: its history was cut off when the repository was cloned. Fetch it first, e.g. `git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout"
    )]
    NotInShallowClone(String),
    #[error("agreement `{dir}` does not exist at revision `{rev}`")]
    MissingAgreement { dir: String, rev: String },
    #[error("at revision `{rev}`: {source}")]
    Load { rev: String, source: LoadError },
    #[error("cannot read revision `{rev}`: {message}")]
    Corrupt { rev: String, message: String },
    #[error("cannot write a temporary copy of revision `{rev}`: {source}")]
    Io { rev: String, source: std::io::Error },
}

/// A resolved revision: the name the user gave and the tree it names.
#[derive(Debug, Clone)]
pub struct Revision {
    pub name: String,
    pub commit: Oid,
    tree: Oid,
}

/// What a change touched, s75-relative.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Every changed file (both names of a renamed one).
    pub files: Vec<String>,
    /// The agreement folders those files change, sorted.
    pub agreements: Vec<String>,
}

/// The git repository holding an s75 agreement repository.
pub struct GitRepo {
    repo: Repository,
    /// The s75 repository root inside the git working tree: "" or "sub/dir/".
    prefix: String,
    /// The s75 repository on disk (the working tree side).
    pub s75: Repo,
}

impl GitRepo {
    /// Opens the git repository containing the s75 repository `s75`.
    pub fn open(s75: &Repo) -> Result<GitRepo, GitError> {
        let repo =
            Repository::discover(&s75.root).map_err(|_| GitError::NoRepository(s75.root.display().to_string()))?;
        let workdir = repo.workdir().ok_or_else(|| GitError::Bare(repo.path().display().to_string()))?;
        let workdir = workdir.canonicalize().unwrap_or_else(|_| workdir.to_path_buf());
        let rel = s75.root.strip_prefix(&workdir).unwrap_or(Path::new(""));
        let mut prefix = rel.to_string_lossy().replace('\\', "/");
        if !prefix.is_empty() && !prefix.ends_with('/') {
            prefix.push('/');
        }
        Ok(GitRepo { repo, prefix, s75: s75.clone() })
    }

    /// Resolves a revision (branch, tag, commit, `HEAD~2`, …) to its tree.
    pub fn resolve(&self, rev: &str) -> Result<Revision, GitError> {
        let not_found = |e: git2::Error| match e.code() {
            // A shallow clone lacks history: the likeliest reason a base cannot be found.
            _ if self.repo.is_shallow() => GitError::NotInShallowClone(rev.to_string()),
            ErrorCode::NotFound | ErrorCode::InvalidSpec | ErrorCode::Ambiguous => {
                GitError::UnknownRevision(rev.to_string())
            }
            _ => GitError::Corrupt { rev: rev.to_string(), message: e.message().to_string() },
        };
        let object = self.repo.revparse_single(rev).map_err(not_found)?;
        let commit = object.peel_to_commit().map_err(not_found)?;
        let tree =
            commit.tree().map_err(|e| GitError::Corrupt { rev: rev.to_string(), message: e.message().to_string() })?;
        Ok(Revision { name: rev.to_string(), commit: commit.id(), tree: tree.id() })
    }

    fn tree(&self, rev: &Revision) -> Result<Tree<'_>, GitError> {
        self.repo.find_tree(rev.tree).map_err(|e| corrupt(rev, &e))
    }

    /// Whether `dir` (s75-relative) is an agreement folder at `rev`.
    pub fn has_agreement(&self, rev: &Revision, dir: &str) -> Result<bool, GitError> {
        let tree = self.tree(rev)?;
        let path = format!("{}{dir}/{}", self.prefix, crate::loading::repo::METADATA_FILE);
        Ok(tree.get_path(Path::new(&path)).is_ok_and(|e| e.kind() == Some(ObjectType::Blob)))
    }

    /// Agreement folders (s75-relative) whose files differ between two
    /// revisions, or between a revision and the working tree (`new = None`;
    /// untracked files count, ignored ones do not). A change to a shared
    /// schedule counts for every agreement whose `agreement.toml` names it.
    pub fn changed_agreements(&self, old: &Revision, new: Option<&Revision>) -> Result<Vec<String>, GitError> {
        Ok(self.changes(old, new)?.agreements)
    }

    /// What differs between two revisions, or a revision and the working
    /// tree: the changed files and the agreements they change (see
    /// [`GitRepo::changed_agreements`]).
    pub fn changes(&self, old: &Revision, new: Option<&Revision>) -> Result<Changes, GitError> {
        let old_tree = self.tree(old)?;
        let new_tree = new.map(|r| self.tree(r)).transpose()?;
        let mut opts = git2::DiffOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true);
        let diff = match &new_tree {
            Some(t) => self.repo.diff_tree_to_tree(Some(&old_tree), Some(t), Some(&mut opts)),
            None => self.repo.diff_tree_to_workdir_with_index(Some(&old_tree), Some(&mut opts)),
        }
        .map_err(|e| corrupt(old, &e))?;
        let mut paths: Vec<String> = Vec::new();
        for delta in diff.deltas() {
            for f in [delta.old_file(), delta.new_file()] {
                if let Some(p) = f.path() {
                    let p = p.to_string_lossy().replace('\\', "/");
                    if let Some(rel) = p.strip_prefix(&self.prefix) {
                        paths.push(rel.to_string());
                    }
                }
            }
        }
        let exists_new = |dir: &str| -> bool {
            match &new_tree {
                Some(t) => t.get_path(Path::new(&format!("{}{dir}/agreement.toml", self.prefix))).is_ok(),
                None => self.s75.root.join(dir).join("agreement.toml").is_file(),
            }
        };
        let exists_old =
            |dir: &str| old_tree.get_path(Path::new(&format!("{}{dir}/agreement.toml", self.prefix))).is_ok();
        let mut out = BTreeSet::new();
        let mut shared = BTreeSet::new();
        for p in &paths {
            if let Some(name) = p.strip_prefix("schedules/") {
                shared.insert(name.to_string());
                continue;
            }
            if !p.starts_with("agreements/") {
                continue;
            }
            // The deepest folder above the file that is an agreement on either side.
            let found = Path::new(p)
                .ancestors()
                .skip(1)
                .map(|a| a.to_string_lossy().to_string())
                .take_while(|a| a.starts_with("agreements/"))
                .find(|a| exists_old(a) || exists_new(a));
            out.extend(found);
        }
        if !shared.is_empty() {
            for (tree, disk) in [(Some(&old_tree), false), (new_tree.as_ref(), new_tree.is_none())] {
                for dir in self.agreements_in(tree, disk)? {
                    let toml = match tree {
                        Some(t) if !disk => {
                            read_blob_text(&self.repo, t, &format!("{}{dir}/agreement.toml", self.prefix))
                        }
                        _ => self
                            .s75
                            .confine(&self.s75.root.join(&dir).join("agreement.toml"))
                            .ok()
                            .and_then(|p| std::fs::read_to_string(p).ok()),
                    };
                    if toml.is_some_and(|t| shared_schedules(&t).iter().any(|s| shared.contains(s))) {
                        out.insert(dir);
                    }
                }
            }
        }
        Ok(Changes { agreements: out.into_iter().collect(), files: paths })
    }

    /// Agreement folders in a tree, or on disk.
    fn agreements_in(&self, tree: Option<&Tree<'_>>, disk: bool) -> Result<Vec<String>, GitError> {
        if disk || tree.is_none() {
            return Ok(self.s75.all_agreements().iter().map(|d| self.s75.relative(d)).collect());
        }
        let mut out = Vec::new();
        if let Some(tree) = tree {
            let _ = tree.walk(TreeWalkMode::PreOrder, |root, entry| {
                if entry.name_bytes() == b"agreement.toml" {
                    if let Some(rel) = root.strip_prefix(&self.prefix) {
                        if rel.starts_with("agreements/") {
                            out.push(rel.trim_end_matches('/').to_string());
                        }
                    }
                }
                TreeWalkResult::Ok
            });
        }
        Ok(out)
    }

    /// Loads agreement `dir` (s75-relative) as it is at `rev`.
    pub fn load(&self, rev: &Revision, dir: &str) -> Result<Agreement, GitError> {
        if !self.has_agreement(rev, dir)? {
            return Err(GitError::MissingAgreement { dir: dir.to_string(), rev: rev.name.clone() });
        }
        let tmp = tempfile::Builder::new()
            .prefix("s75-diff-")
            .tempdir()
            .map_err(|e| GitError::Io { rev: rev.name.clone(), source: e })?;
        let root = tmp.path().canonicalize().unwrap_or_else(|_| tmp.path().to_path_buf());
        let tree = self.tree(rev)?;
        for part in [dir.to_string(), "schedules".to_string(), crate::loading::repo::CONFIG_FILE.to_string()] {
            self.extract(rev, &tree, &part, &root)?;
        }
        let repo = Repo { root: root.clone() };
        load_agreement(&repo, &root.join(dir)).map_err(|e| GitError::Load { rev: rev.name.clone(), source: e })
    }

    /// Writes the file or folder `rel` (s75-relative) of a tree under `root`.
    fn extract(&self, rev: &Revision, tree: &Tree<'_>, rel: &str, root: &Path) -> Result<(), GitError> {
        let full = format!("{}{rel}", self.prefix);
        let Ok(entry) = tree.get_path(Path::new(&full)) else { return Ok(()) };
        let io = |e: std::io::Error| GitError::Io { rev: rev.name.clone(), source: e };
        match entry.kind() {
            Some(ObjectType::Blob) => {
                let blob = self.repo.find_blob(entry.id()).map_err(|e| corrupt(rev, &e))?;
                write_file(&root.join(rel), blob.content()).map_err(io)
            }
            Some(ObjectType::Tree) => {
                let sub = self.repo.find_tree(entry.id()).map_err(|e| corrupt(rev, &e))?;
                let mut files: Vec<(PathBuf, Oid)> = Vec::new();
                sub.walk(TreeWalkMode::PreOrder, |dir, e| {
                    // Blobs only: symbolic links and submodules are not agreement text.
                    if e.kind() == Some(ObjectType::Blob) && e.filemode() != 0o120000 {
                        let name = String::from_utf8_lossy(e.name_bytes()).to_string();
                        files.push((root.join(rel).join(dir).join(name), e.id()));
                    }
                    TreeWalkResult::Ok
                })
                .map_err(|e| corrupt(rev, &e))?;
                for (path, id) in files {
                    let blob = self.repo.find_blob(id).map_err(|e| corrupt(rev, &e))?;
                    write_file(&path, blob.content()).map_err(io)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The s75-relative agreement folder an argument names: a path (relative
    /// to the working directory) or a bare id (`coventry-cwpt-2019`).
    pub fn agreement_arg(&self, arg: &str) -> String {
        let trimmed = arg.trim_end_matches('/');
        if !trimmed.contains('/') {
            return format!("agreements/{trimmed}");
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        let abs = cwd.join(trimmed);
        let abs = abs.canonicalize().unwrap_or(abs);
        match abs.strip_prefix(&self.s75.root) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => trimmed.to_string(),
        }
    }
}

/// The shared schedules an `agreement.toml` names (`shared = "…"` in its
/// `[[schedules]]`). Read as TOML: a file name found anywhere in the text
/// would also match a local schedule's path that ends the same way
/// (`schedules/02-seconded-staff.md` is not the shared `staff.md`). A file
/// that is not valid TOML names none; loading it reports why.
fn shared_schedules(agreement_toml: &str) -> Vec<String> {
    let Ok(table) = agreement_toml.parse::<toml::Table>() else { return Vec::new() };
    let Some(schedules) = table.get("schedules").and_then(toml::Value::as_array) else { return Vec::new() };
    schedules.iter().filter_map(|s| s.get("shared")?.as_str()).map(String::from).collect()
}

fn corrupt(rev: &Revision, e: &git2::Error) -> GitError {
    GitError::Corrupt { rev: rev.name.clone(), message: e.message().to_string() }
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

fn read_blob_text(repo: &Repository, tree: &Tree<'_>, path: &str) -> Option<String> {
    let entry = tree.get_path(Path::new(path)).ok()?;
    let blob = repo.find_blob(entry.id()).ok()?;
    String::from_utf8(blob.content().to_vec()).ok()
}
