//! Refusing an output path that would replace a source.

use std::path::Path;

use anyhow::bail;

use crate::loading::error::display_path;
use crate::loading::repo::CONFIG_FILE;
use crate::loading::{Repo, read};

/// The folders of a repository that hold agreement text.
const SOURCE_FOLDERS: [&str; 2] = ["agreements", "schedules"];

pub struct Guard {
    pub force: bool,
}

impl Guard {
    pub fn check(&self, path: &Path) -> anyhow::Result<()> {
        let Some(real) = super::real_location(path) else { return Ok(()) };
        let shown = display_path(path);
        // The sources this process has read, compared by real location so
        // neither a link nor a `..` in `-o` hides one.
        if let Some(source) = read::sources_read().iter().find(|s| s.canonicalize().is_ok_and(|s| s == real)) {
            let also =
                if display_path(source) == shown { String::new() } else { format!(" ({})", display_path(source)) };
            bail!(
                "{shown}: is a source file this run reads{also}; s75 never overwrites its sources: choose another output path"
            );
        }
        // The repository the output would land in, whichever that is.
        let Some(repo) = real.parent().and_then(Repo::find) else { return Ok(()) };
        // Its configuration, even when this run did not need to read it.
        if real == repo.root.join(CONFIG_FILE) {
            bail!(
                "{shown}: is the repository's configuration; s75 never overwrites its sources: choose another output path"
            );
        }
        if self.force {
            return Ok(());
        }
        if let Some(folder) = SOURCE_FOLDERS.iter().find(|f| real.starts_with(repo.root.join(f))) {
            bail!(
                "{shown}: is inside the repository's {folder}/ folder, where agreement sources live; choose another output path, or give --force to write there"
            );
        }
        Ok(())
    }
}
