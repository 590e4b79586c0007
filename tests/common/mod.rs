//! Helpers shared by the integration tests: real files in temp directories,
//! the real binary, its real output.
#![allow(dead_code)]

pub mod corpus;
pub mod diff;
pub mod lsp;
pub mod render;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    crate_dir().join("tests/fixtures").join(name)
}

/// The 2019 Coventry–CWPT agreement as converted into the repository.
pub fn coventry_2019() -> PathBuf {
    crate_dir().join("agreements/coventry-cwpt-2019")
}

/// The `s75` binary with a fixed date and no colour, so output is reproducible.
pub fn s75() -> Command {
    let mut cmd = Command::cargo_bin("s75").expect("binary built");
    cmd.env("S75_TODAY", "2026-11-24").env("NO_COLOR", "1").env_remove("CI").env_remove("GITHUB_ACTIONS");
    cmd
}

/// Copies a folder tree (a fixture repository) into a new temp dir.
pub fn copy_tree(from: &Path) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    copy_into(from, dir.path());
    dir
}

pub fn copy_into(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside fixture");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A temp copy of the clean fixture repository (`tests/fixtures/clean`).
pub fn clean_repo() -> TempDir {
    copy_tree(&fixture("clean"))
}

pub const CLEAN_ID: &str = "example-delegation";

/// Path of a file of the clean agreement inside a copied repository.
pub fn clean_file(repo: &TempDir, rel: &str) -> PathBuf {
    repo.path().join("agreements").join(CLEAN_ID).join(rel)
}

/// Replaces `from` with `to` in a file; panics if `from` is absent, so a
/// test can never pass because its edit silently did nothing.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read file to edit");
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write edited file");
}

/// The 1-based number of the first line of `path` that contains `needle`;
/// panics naming both when none does.
pub fn line_of(path: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let index = text.lines().position(|l| l.contains(needle));
    index.unwrap_or_else(|| panic!("{} has no line with {needle:?}", path.display())) as u64 + 1
}

/// [`line_of`] for a file given relative to a repository.
pub fn line_in(repo: &TempDir, rel: &str, needle: &str) -> u64 {
    line_of(&repo.path().join(rel), needle)
}

pub fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

/// Runs `s75 validate --format json ARGS` in `dir`; returns the parsed report and exit code.
pub fn validate_json(dir: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    let out = s75().current_dir(dir).arg("validate").args(["--format", "json"]).args(args).output().expect("run s75");
    let code = out.status.code().unwrap_or(-1);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); exit {code}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (json, code)
}

/// Findings with a given code from a JSON report.
pub fn with_code<'a>(report: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    report["findings"].as_array().map(|a| a.iter().filter(|f| f["code"] == code).collect()).unwrap_or_default()
}

/// All finding codes in a JSON report.
pub fn codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["code"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The clean fixture with `edits` (file, from, to) applied; its JSON report.
pub fn validate_with(edits: &[(&str, &str, &str)]) -> (TempDir, serde_json::Value) {
    let repo = clean_repo();
    for (file, from, to) in edits {
        edit(&repo.path().join(file), from, to);
    }
    let (report, _) = validate_json(repo.path(), &[]);
    (repo, report)
}
