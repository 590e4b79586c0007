//! `s75 validate --since REV`: which agreements a change touches, and what
//! the rules found in them at REV (so a pull-request comment can say which
//! findings the change introduced).
//!
//! The changed agreements are git's answer, shared with `s75 diff --since`
//! (`GitRepo::changes`): REV's tree against the working tree, uncommitted
//! edits included, with a changed shared schedule counting for each
//! agreement that names it. A change to `s75.toml` or a rule pack it names
//! changes what every agreement is checked against, so then all are checked.

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::Config;
use crate::git::{GitError, GitRepo, Revision};
use crate::loading::Repo;
use crate::loading::repo::CONFIG_FILE;
use crate::reports::Since;
use crate::rules::{Checker, Finding};

pub struct Base {
    git: GitRepo,
    rev: Revision,
    /// Repository-relative folders of the changed agreements; `None`: all of them.
    changed: Option<BTreeSet<String>>,
}

impl Base {
    pub fn open(repo: &Repo, rev: &str, config: &Config) -> anyhow::Result<Base> {
        let git = GitRepo::open(repo).map_err(|e| match e {
            // The library's message suggests comparing folders, which is `diff`'s way out.
            GitError::NoRepository(root) => anyhow::anyhow!("--since needs a git repository: {root} is not inside one"),
            e => e.into(),
        })?;
        let rev = git.resolve(rev)?;
        let changes = git.changes(&rev, None)?;
        let packs: Vec<&str> = config.packs.iter().map(|(_, p)| p.value.trim_start_matches("./")).collect();
        let config_changed = changes.files.iter().any(|f| f == CONFIG_FILE || packs.contains(&f.as_str()));
        let changed = (!config_changed).then(|| changes.agreements.into_iter().collect());
        Ok(Base { git, rev, changed })
    }

    /// Whether the agreement in `dir` is to be checked.
    pub fn selects(&self, dir: &Path) -> bool {
        self.changed.as_ref().is_none_or(|c| c.contains(&self.git.s75.relative(dir)))
    }

    /// What the checker finds in these agreements as they are at REV —
    /// today's checker, configured by today's `s75.toml`, so that a finding
    /// is new because the agreement changed, not because a level did. An
    /// agreement new since REV had nothing; one that cannot be read at REV
    /// is given its findings of now, so that none of them is called new on
    /// a guess (a false "new" costs more than a missed one).
    pub fn since(&self, dirs: &[&Path], checker: &Checker, now: &[Finding]) -> anyhow::Result<Since> {
        let mut then = Vec::new();
        for dir in dirs {
            let rel = self.git.s75.relative(dir);
            if !self.git.has_agreement(&self.rev, &rel)? {
                continue;
            }
            match self.git.load(&self.rev, &rel) {
                Ok(agreement) => then.extend(checker.check(&agreement)),
                Err(e) => {
                    eprintln!("warning: {e}; none of its findings is marked new");
                    let shown = format!("{rel}/");
                    then.extend(now.iter().filter(|f| f.primary.span.file.path.starts_with(&shown)).cloned());
                }
            }
        }
        Ok(Since::new(&self.rev.name, &then))
    }
}
