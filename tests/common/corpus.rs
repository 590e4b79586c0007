//! The development corpus (copied into `tests/fixtures/corpus/`) as a user
//! meets it: a new repository made with `s75 init`, one file imported.

use tempfile::TempDir;

use super::{fixture, s75, stderr};

/// A new repository with `tests/fixtures/corpus/STEM.txt` imported as `STEM`.
pub fn imported(stem: &str) -> TempDir {
    let repo = TempDir::new().expect("temp dir");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(repo.path()).status();
    assert!(git.is_ok_and(|s| s.success()), "git init");
    let init = s75().arg("init").current_dir(repo.path()).output().expect("run s75 init");
    assert!(init.status.success(), "s75 init: {}", stderr(&init));
    let file = fixture(&format!("corpus/{stem}.txt"));
    let out = s75().arg("import").arg(&file).args(["--id", stem]).current_dir(repo.path()).output().expect("run s75");
    assert_eq!(out.status.code(), Some(0), "{}: {}", file.display(), stderr(&out));
    repo
}
