//! s75: keep Section 75 partnership agreements honest.
//!
//! Data flows one way: files → [`loading`] → [`model`] → [`rules`] (findings)
//! → [`reports`]. [`diff`] and [`render`] read the same model.

#![forbid(unsafe_code)]

pub mod calendar;
pub mod cli;
pub mod config;
pub mod diff;
pub mod fast_hash;
pub mod git;
pub mod import;
pub mod loading;
pub mod matrix;
pub mod model;
pub mod render;
pub mod reports;
pub mod rules;
pub mod timing;

use std::io::Write;
use std::path::Path;

/// Writes to standard output. A reader that closes the pipe early
/// (`s75 diff … | head`) has what it wanted: that is not an error.
pub fn write_to_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    // Standard output is line-buffered: without a buffer of our own, a
    // report of a few thousand lines costs a write call per line.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    match fill(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes a file so that readers see either the old file or the whole new
/// one, never a part: the content goes to a temporary file beside the
/// target, which is then renamed over it.
pub fn write_atomically(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).with_context(|| format!("cannot write {}", path.display()))?;
        w.flush()?;
    }
    // Temporary files are created private (0600); a report or pack is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
