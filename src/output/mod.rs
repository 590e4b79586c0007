//! Every file a command writes — a report with `-o`, a pack and its
//! manifest — goes through here, so two promises hold for all of them:
//!
//! - [`guard`]: an output never replaces a source. A path that is a file
//!   this run read (links followed), or that lies in the repository's
//!   `agreements/` or `schedules/` folder, is refused before anything is
//!   written (the folders are allowed with `--force`).
//! - [`commit`]: a command that fails writes nothing. Every output goes to a
//!   temporary file beside its target; all are renamed into place only when
//!   all are complete, and a rename that fails part-way undoes the ones
//!   before it, restoring any file they replaced.

mod commit;
mod guard;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use guard::Guard;

/// Where a command may write, and the writing itself.
pub struct Outputs {
    guard: Guard,
}

impl Outputs {
    /// `force`: the user allows writing into the sources' folders (a source
    /// itself is refused regardless).
    pub fn new(force: bool) -> Outputs {
        Outputs { guard: Guard { force } }
    }

    /// Refuses `path` if it would replace a source (see [`guard`]). Commands
    /// ask early, before long work; writing asks again.
    pub fn check(&self, path: &Path) -> anyhow::Result<()> {
        self.guard.check(path)
    }

    /// Writes one file from `fill`, all or nothing.
    pub fn write(&self, path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
        self.check(path)?;
        commit::commit(vec![commit::stage(path, fill)?])
    }

    /// Writes every file or none.
    pub fn write_all(&self, files: &[(&Path, &[u8])]) -> anyhow::Result<()> {
        for (path, _) in files {
            self.check(path)?;
        }
        let staged = files
            .iter()
            .map(|(path, bytes)| commit::stage(path, |w| w.write_all(bytes)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        commit::commit(staged)
    }
}

/// Where a file at `path` would really be: the path with its links
/// followed, or, for a file not yet there, its folder's real path and its
/// name. `None` when the folder does not exist either (writing will fail).
fn real_location(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(name))
}
