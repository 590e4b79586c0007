//! Writing a pack and its manifest so that a failure leaves neither half
//! behind: both go to temporary files beside their targets first, and are
//! renamed into place only once both are complete.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;
use tempfile::NamedTempFile;

pub fn write_all(files: &[(&Path, &[u8])]) -> anyhow::Result<()> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut tmp = NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
        tmp.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
        tmp.as_file().sync_all().with_context(|| format!("cannot write {}", path.display()))?;
        readable(&tmp, path);
        staged.push((tmp, *path));
    }
    // Until here nothing visible has changed; dropping `staged` on an error
    // above deletes the temporary files.
    for (tmp, path) in staged {
        tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Temporary files are private (0600); a pack is meant to be shared, so it
/// gets the target's existing permissions, or 0644.
fn readable(tmp: &NamedTempFile, target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let perms = std::fs::metadata(target)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        let _ = tmp.as_file().set_permissions(perms);
    }
    #[cfg(not(unix))]
    let _ = (tmp, target);
}
