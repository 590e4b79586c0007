//! The files a custom Typst template may read besides itself (helper
//! modules, images): only from its own folder, and only when their real
//! location is inside the repository. typst-as-lib's file-system resolver
//! follows symbolic links and also reads packages from the user's data
//! folder; either would let a template put outside text into a pack.

use std::borrow::Cow;
use std::path::PathBuf;

use typst::diag::{FileError, FileResult};
use typst::foundations::Bytes;
use typst::syntax::{FileId, Source, VirtualRoot};
use typst_as_lib::file_resolver::FileResolver;

use crate::loading::{Repo, read};

pub struct ConfinedFiles {
    pub dir: PathBuf,
    pub repo: Repo,
}

impl ConfinedFiles {
    fn bytes(&self, id: FileId) -> FileResult<Vec<u8>> {
        let not_found = || FileError::NotFound(id.vpath().get_without_slash().into());
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(not_found());
        }
        let path = id.vpath().realize(&self.dir).map_err(|_| not_found())?;
        let real = self.repo.confine(&path).map_err(|e| FileError::Other(Some(e.to_string().into())))?;
        read::read_bytes(&real).map_err(|e| FileError::from_io(e, &path))
    }
}

impl FileResolver for ConfinedFiles {
    fn resolve_binary(&self, id: FileId) -> FileResult<Cow<'_, Bytes>> {
        Ok(Cow::Owned(Bytes::new(self.bytes(id)?)))
    }

    fn resolve_source(&self, id: FileId) -> FileResult<Cow<'_, Source>> {
        let bytes = self.bytes(id)?;
        let text = String::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Cow::Owned(Source::new(id, text)))
    }
}
