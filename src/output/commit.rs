//! All-or-nothing writing: stage every output in a temporary file beside
//! its target, then rename them into place, undoing on a failed rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tempfile::NamedTempFile;

/// An output written in full to a temporary file, not yet in place.
/// Dropping it deletes the temporary file.
pub struct Staged {
    tmp: NamedTempFile,
    target: PathBuf,
}

pub fn stage(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<Staged> {
    let dir = folder_of(path);
    let mut tmp = NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).and_then(|()| w.flush()).with_context(|| format!("cannot write {}", path.display()))?;
    }
    tmp.as_file().sync_all().with_context(|| format!("cannot write {}", path.display()))?;
    readable(&tmp, path);
    Ok(Staged { tmp, target: path.to_path_buf() })
}

/// Renames every staged file into place. If one fails, those already in
/// place are put back as they were (the file they replaced, or nothing),
/// so the command leaves no part of its output behind.
pub fn commit(staged: Vec<Staged>) -> anyhow::Result<()> {
    let mut done: Vec<(PathBuf, Option<NamedTempFile<()>>)> = Vec::with_capacity(staged.len());
    for Staged { tmp, target } in staged {
        let placed = keep_previous(&target).and_then(|kept| tmp.persist(&target).map(|_| kept).map_err(|e| e.error));
        match placed {
            Ok(kept) => done.push((target, kept)),
            Err(e) => {
                undo(done);
                return Err(e).with_context(|| format!("cannot write {}", target.display()));
            }
        }
    }
    // Success: dropping the kept copies deletes them.
    Ok(())
}

/// A second name for the file at `target`, if there is one, so that it can
/// be put back after the rename replaces it. The target itself stays in
/// place throughout: readers see the old file or the new one, never none.
fn keep_previous(target: &Path) -> std::io::Result<Option<NamedTempFile<()>>> {
    match target.symlink_metadata() {
        Ok(m) if !m.is_dir() => tempfile::Builder::new()
            .prefix(".s75-previous-")
            .make_in(folder_of(target), |kept| {
                std::fs::hard_link(target, kept).or_else(|_| std::fs::copy(target, kept).map(|_| ()))
            })
            .map(Some),
        // Nothing there, or a folder (which the rename will refuse to replace).
        _ => Ok(None),
    }
}

fn undo(done: Vec<(PathBuf, Option<NamedTempFile<()>>)>) {
    for (target, kept) in done.into_iter().rev() {
        let restored = match kept {
            Some(previous) => previous.persist(&target).map(|_| ()).map_err(|e| e.error),
            None => std::fs::remove_file(&target),
        };
        if let Err(e) = restored {
            eprintln!("warning: could not restore {}: {e}", target.display());
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Temporary files are private (0600); an output is meant to be shared, so
/// it gets the target's existing permissions, or 0644.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_rename_puts_back_what_the_earlier_ones_replaced_or_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (old, new, blocked) = (dir.path().join("old.txt"), dir.path().join("new.txt"), dir.path().join("blocked"));
        std::fs::write(&old, "previous\n").expect("write");
        std::fs::create_dir(&blocked).expect("mkdir");
        let staged = [&old, &new, &blocked]
            .into_iter()
            .map(|p| stage(p, |w| w.write_all(b"replacement\n")).expect("stage"))
            .collect();
        let e = commit(staged).expect_err("a folder is in the way");
        assert!(format!("{e:#}").starts_with(&format!("cannot write {}", blocked.display())), "{e:#}");
        assert_eq!(std::fs::read_to_string(&old).expect("read"), "previous\n");
        assert_eq!(names(dir.path()), ["blocked", "old.txt"], "no new file, kept copy or temporary file left");
    }

    #[test]
    fn a_successful_commit_leaves_only_the_outputs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "old\n").expect("write");
        let staged = [&a, &b].into_iter().map(|p| stage(p, |w| w.write_all(b"new\n")).expect("stage")).collect();
        commit(staged).expect("commit");
        assert_eq!(std::fs::read_to_string(&a).expect("read"), "new\n");
        assert_eq!(std::fs::read_to_string(&b).expect("read"), "new\n");
        assert_eq!(names(dir.path()), ["a", "b"]);
    }
}
