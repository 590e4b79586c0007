//! What git knows about an agreement's files: the commit a pack comes from
//! (only when every source file is committed unchanged), its time, and the
//! files as they were at any revision (for `s75 verify --rev`).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use git2::{ErrorCode, Oid, Repository, Status};

use super::fingerprint::Sources;

/// How the source files stand with respect to git.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitState {
    /// Every source file is tracked and unchanged since `HEAD`.
    Committed,
    /// Some source file is modified, staged, untracked or ignored, or there is no commit yet.
    Uncommitted,
    /// The repository is not inside a git work tree.
    NotGit,
}

#[derive(Debug, Clone)]
pub struct GitInfo {
    pub state: GitState,
    /// Full hex id of `HEAD`, only when [`GitState::Committed`].
    pub commit: Option<String>,
    /// Seconds since the epoch of `HEAD`, whenever there is a `HEAD`: the
    /// pack's timestamp when SOURCE_DATE_EPOCH is not set.
    pub head_time: Option<i64>,
}

impl GitInfo {
    /// The words printed after the fingerprint: "commit 0123abcd4567",
    /// "uncommitted changes", "not in git".
    pub fn label(&self) -> String {
        match (&self.state, &self.commit) {
            (GitState::Committed, Some(c)) => format!("commit {}", short(c)),
            (GitState::NotGit, _) => "not in git".to_string(),
            _ => "uncommitted changes".to_string(),
        }
    }

    pub fn state_name(&self) -> &'static str {
        match self.state {
            GitState::Committed => "committed",
            GitState::Uncommitted => "uncommitted changes",
            GitState::NotGit => "not in git",
        }
    }
}

/// The first 12 characters of a commit id, as footers show it.
pub fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// The git repository holding `root`, and `root`'s path inside its work tree.
fn open(root: &Path) -> Option<(Repository, PathBuf)> {
    let repo = Repository::discover(root).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    let prefix = root.strip_prefix(&workdir).ok()?.to_path_buf();
    Some((repo, prefix))
}

/// Inspects the repository-relative `files` of an agreement under `root`.
/// Git problems (a corrupt index, say) count as "uncommitted": the pack is
/// then simply not tied to a commit, which is the safe answer.
pub fn inspect(root: &Path, files: &[String]) -> GitInfo {
    let Some((repo, prefix)) = open(root) else {
        return GitInfo { state: GitState::NotGit, commit: None, head_time: None };
    };
    let head = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let head_time = head.as_ref().map(|c| c.time().seconds());
    let clean =
        head.is_some() && files.iter().all(|f| repo.status_file(&prefix.join(f)).is_ok_and(|s| s == Status::CURRENT));
    match head {
        Some(c) if clean => GitInfo { state: GitState::Committed, commit: Some(c.id().to_string()), head_time },
        _ => GitInfo { state: GitState::Uncommitted, commit: None, head_time },
    }
}

/// The files of the repository at a git revision (`HEAD~2`, a tag, a commit id).
pub struct AtRevision {
    repo: Repository,
    tree: Oid,
    prefix: PathBuf,
    rev: String,
    commit: String,
}

impl AtRevision {
    pub fn open(root: &Path, rev: &str) -> anyhow::Result<AtRevision> {
        let Some((repo, prefix)) = open(root) else {
            bail!("--rev needs a git repository, and {} is not in one", root.display());
        };
        let commit = repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_commit())
            .with_context(|| format!("`{rev}` is not a commit in this repository"))?;
        let (tree, commit_id) = (commit.tree_id(), commit.id().to_string());
        drop(commit);
        Ok(AtRevision { repo, tree, prefix, rev: rev.to_string(), commit: commit_id })
    }
}

impl Sources for AtRevision {
    fn read(&self, rel: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let tree = self.repo.find_tree(self.tree)?;
        let entry = match tree.get_path(&self.prefix.join(rel)) {
            Ok(e) => e,
            Err(e) if e.code() == ErrorCode::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {rel} at {}", self.rev)),
        };
        match self.repo.find_blob(entry.id()) {
            Ok(blob) => Ok(Some(blob.content().to_vec())),
            // A folder (or submodule) where a file is expected: no such file.
            Err(_) => Ok(None),
        }
    }

    fn describe(&self) -> String {
        format!("revision {} ({})", self.rev, short(&self.commit))
    }
}
