//! Writing an imported agreement into its folder, all or nothing.
//!
//! Every file is first written into a temporary folder beside the destination
//! (same file system, so moves are renames). A new destination is then one
//! rename of the whole folder. An existing destination (with `force`, or with
//! no clashing files) gets each file renamed into place; if any move fails,
//! the files already moved are taken out again and replaced files restored,
//! so a failure never leaves a half-written agreement.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{ImportError, Imported};

/// Writes into `dest` (the agreement folder, e.g. `<repo>/agreements/<id>`).
/// Refuses if any target file exists unless `force`. Writes atomically: all
/// files go to a temp dir beside dest first, then are moved into place, so a
/// failure leaves nothing half-written.
pub fn write_imported(dest: &Path, imported: &Imported, force: bool) -> Result<(), ImportError> {
    for f in &imported.files {
        check_relative(&f.path)?;
    }
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source: io::Error| ImportError::Io { path, source }
    };
    if dest.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
        return Err(ImportError::Io {
            path: dest.to_path_buf(),
            source: io::Error::new(io::ErrorKind::AlreadyExists, "exists and is not a folder"),
        });
    }
    let existing: Vec<PathBuf> =
        imported.files.iter().map(|f| dest.join(&f.path)).filter(|p| p.symlink_metadata().is_ok()).collect();
    if !existing.is_empty() && !force {
        return Err(ImportError::DestinationExists { dest: dest.to_path_buf(), files: existing });
    }

    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let staging = tempfile::Builder::new().prefix(".s75-import-").tempdir_in(&parent).map_err(io_err(&parent))?;
    for f in &imported.files {
        let path = staging.path().join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io_err(&dest.join(&f.path)))?;
        }
        fs::write(&path, &f.contents).map_err(io_err(&dest.join(&f.path)))?;
    }

    if dest.symlink_metadata().is_err() {
        // A new agreement folder appears in one rename.
        fs::rename(staging.path(), dest).map_err(io_err(dest))?;
        // The staging folder is now `dest`: it must not be deleted.
        let _ = staging.keep();
        return Ok(());
    }
    move_into(staging.path(), dest, imported)
    // `staging` (now holding only replaced files) is removed when dropped.
}

/// One file moved into place, and what it replaced.
struct Moved {
    target: PathBuf,
    backup: Option<PathBuf>,
    placed: bool,
}

fn move_into(staging: &Path, dest: &Path, imported: &Imported) -> Result<(), ImportError> {
    let backups = staging.join(".replaced");
    let mut moved: Vec<Moved> = Vec::new();
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    for f in &imported.files {
        let target = dest.join(&f.path);
        let result = place(&staging.join(&f.path), &target, &backups.join(&f.path), &mut moved, &mut created_dirs);
        if let Err(source) = result {
            rollback(&moved, &created_dirs);
            return Err(ImportError::Io { path: target, source });
        }
    }
    Ok(())
}

fn place(
    staged: &Path,
    target: &Path,
    backup: &Path,
    moved: &mut Vec<Moved>,
    created_dirs: &mut Vec<PathBuf>,
) -> io::Result<()> {
    if let Some(dir) = target.parent() {
        create_dirs(dir, created_dirs)?;
    }
    let backup = if target.symlink_metadata().is_ok() {
        if let Some(dir) = backup.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::rename(target, backup)?;
        Some(backup.to_path_buf())
    } else {
        None
    };
    moved.push(Moved { target: target.to_path_buf(), backup, placed: false });
    fs::rename(staged, target)?;
    if let Some(m) = moved.last_mut() {
        m.placed = true;
    }
    Ok(())
}

/// Creates `dir` and its missing ancestors, remembering which it created.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut d = dir;
    while d.symlink_metadata().is_err() {
        missing.push(d.to_path_buf());
        match d.parent() {
            Some(p) if !p.as_os_str().is_empty() => d = p,
            _ => break,
        }
    }
    for m in missing.into_iter().rev() {
        fs::create_dir(&m)?;
        created.push(m);
    }
    Ok(())
}

/// Undoes `move_into` as far as the file system allows: best effort, since
/// it runs after an error already being reported.
fn rollback(moved: &[Moved], created_dirs: &[PathBuf]) {
    for m in moved.iter().rev() {
        if m.placed {
            let _ = fs::remove_file(&m.target);
        }
        if let Some(b) = &m.backup {
            let _ = fs::rename(b, &m.target);
        }
    }
    for d in created_dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}

/// Paths of imported files stay inside the agreement folder.
fn check_relative(path: &Path) -> Result<(), ImportError> {
    let ok = !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if ok { Ok(()) } else { Err(ImportError::InvalidPath { path: path.to_path_buf() }) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportSummary, ImportedFile};

    fn imported(files: &[(&str, &str)]) -> Imported {
        Imported {
            files: files
                .iter()
                .map(|(p, c)| ImportedFile { path: PathBuf::from(p), contents: c.to_string() })
                .collect(),
            summary: ImportSummary::default(),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.path().strip_prefix(dir).map(|p| p.display().to_string()).unwrap_or_default())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_a_new_folder_and_leaves_no_staging_behind() {
        let root = tempfile::tempdir().expect("tempdir");
        let dest = root.path().join("agreements/x");
        write_imported(&dest, &imported(&[("agreement.md", "a\n"), ("schedules/01-s.md", "s\n")]), false)
            .expect("write");
        assert_eq!(fs::read_to_string(dest.join("schedules/01-s.md")).expect("read"), "s\n");
        assert_eq!(
            listing(&root.path().join("agreements")),
            ["x", "x/agreement.md", "x/schedules", "x/schedules/01-s.md"]
        );
    }

    #[test]
    fn refuses_to_overwrite_without_force_and_lists_the_files() {
        let root = tempfile::tempdir().expect("tempdir");
        let dest = root.path().join("x");
        fs::create_dir_all(&dest).expect("mkdir");
        fs::write(dest.join("agreement.md"), "mine\n").expect("write");
        let imp = imported(&[("agreement.toml", "t\n"), ("agreement.md", "new\n")]);
        let e = write_imported(&dest, &imp, false).unwrap_err();
        assert!(matches!(&e, ImportError::DestinationExists { files, .. } if files.len() == 1), "{e}");
        assert!(e.to_string().contains("agreement.md") && e.to_string().contains("--force"), "{e}");
        assert_eq!(listing(&dest), ["agreement.md"], "nothing written");
        assert_eq!(fs::read_to_string(dest.join("agreement.md")).expect("read"), "mine\n");

        write_imported(&dest, &imp, true).expect("forced write");
        assert_eq!(fs::read_to_string(dest.join("agreement.md")).expect("read"), "new\n");
        assert_eq!(listing(&dest), ["agreement.md", "agreement.toml"]);
        assert_eq!(listing(root.path()), ["x", "x/agreement.md", "x/agreement.toml"], "staging removed");
    }

    #[test]
    fn a_failure_while_moving_into_place_restores_everything() {
        let root = tempfile::tempdir().expect("tempdir");
        let dest = root.path().join("x");
        fs::create_dir_all(&dest).expect("mkdir");
        fs::write(dest.join("agreement.md"), "old\n").expect("write");
        // A plain file where the schedules folder must go: the third move fails.
        fs::write(dest.join("schedules"), "in the way\n").expect("write");
        let imp = imported(&[("agreement.toml", "t\n"), ("agreement.md", "new\n"), ("schedules/01-s.md", "s\n")]);
        let e = write_imported(&dest, &imp, true).unwrap_err();
        assert!(matches!(&e, ImportError::Io { path, .. } if path.ends_with("schedules/01-s.md")), "{e}");
        assert_eq!(listing(&dest), ["agreement.md", "schedules"]);
        assert_eq!(fs::read_to_string(dest.join("agreement.md")).expect("read"), "old\n");
        assert_eq!(listing(root.path()), ["x", "x/agreement.md", "x/schedules"], "staging removed");
    }

    #[test]
    fn a_failure_while_staging_leaves_no_folder() {
        let root = tempfile::tempdir().expect("tempdir");
        let dest = root.path().join("x");
        // "a" is a file, so "a/b" cannot be written.
        let e = write_imported(&dest, &imported(&[("a", "1"), ("a/b", "2")]), false).unwrap_err();
        assert!(matches!(e, ImportError::Io { .. }), "{e}");
        assert!(listing(root.path()).is_empty(), "{:?}", listing(root.path()));
    }

    #[test]
    fn paths_must_stay_inside_the_folder() {
        let root = tempfile::tempdir().expect("tempdir");
        for bad in ["../escape.md", "/abs.md", "", "a/../../b"] {
            let e =
                write_imported(&root.path().join("x"), &imported(&[("ok.md", "1"), (bad, "2")]), false).unwrap_err();
            assert!(matches!(e, ImportError::InvalidPath { .. }), "{bad}: {e}");
        }
        assert!(listing(root.path()).is_empty());
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_an_error() {
        let root = tempfile::tempdir().expect("tempdir");
        let dest = root.path().join("x");
        fs::write(&dest, "file").expect("write");
        let e = write_imported(&dest, &imported(&[("agreement.md", "a")]), true).unwrap_err();
        assert!(e.to_string().contains("not a folder"), "{e}");
    }
}
