//! `s75 diff` between git revisions: a real repository built with git2 in a
//! temp directory, two commits, and the errors a user meets (unknown
//! revision, agreement missing in one revision, shallow clone without the
//! base, corrupt file, no repository).

use std::path::Path;

use git2::{IndexAddOption, Repository, Signature};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::diff::{base, count, diff_json, insert_before, read, renumber_clauses, write};
use crate::common::{copy_into, s75, stderr, stdout};

const BODY: &str = "agreements/example/agreement.md";

/// Stages every file and commits it on top of HEAD (if any).
fn commit_all(repo: &Repository, message: &str) -> git2::Oid {
    let mut index = repo.index().expect("index");
    index.add_all(["*"].iter(), IndexAddOption::DEFAULT, None).expect("add");
    index.update_all(["*"].iter(), None).expect("update");
    index.write().expect("write index");
    let tree_id = index.write_tree().expect("tree");
    let tree = repo.find_tree(tree_id).expect("find tree");
    let sig = Signature::now("s75 test", "test@example.org").expect("signature");
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents).expect("commit")
}

/// A repository with the fixture agreement committed, then clause 3 inserted and committed.
fn two_commits() -> (TempDir, Repository, git2::Oid, git2::Oid) {
    let dir = TempDir::new().expect("temp");
    copy_into(&base(), dir.path());
    let repo = Repository::init(dir.path()).expect("init");
    let first = commit_all(&repo, "2023 agreement");
    let path = dir.path().join(BODY);
    let text = renumber_clauses(&read(&path), 3, 1);
    write(
        &path,
        &insert_before(
            &text,
            "## 4 Aims and Outcomes",
            "## 3 Safeguarding\n\n3.1 Each Partner shall follow the multi-agency safeguarding adults procedures.",
        ),
    );
    let second = commit_all(&repo, "insert clause 3");
    (dir, repo, first, second)
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = s75().current_dir(dir).args(args).output().expect("run s75");
    (out.status.code().unwrap_or(-1), stdout(&out), stderr(&out))
}

/// Asserts a run failed with status 2 and exactly one error line containing `needle`.
fn assert_one_error(dir: &Path, args: &[&str], needle: &str) {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, 2, "stdout: {out}\nstderr: {err}");
    assert!(out.is_empty(), "nothing on stdout: {out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one clear message: {err}");
    assert!(lines[0].starts_with("error: ") && lines[0].contains(needle), "{err}");
}

#[test]
fn two_commits_diffed_by_revision() {
    let (dir, _repo, first, _) = two_commits();
    let (report, code, err) = diff_json(dir.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(report["old"], "HEAD~1");
    let a = &report["agreements"][0];
    assert_eq!(a["id"], "example");
    assert_eq!(a["old"]["revision"], "HEAD~1");
    assert_eq!(count(&report, "inserted"), 2);
    assert_eq!(count(&report, "renumbered"), 29);
    assert_eq!(count(&report, "modified"), 0);
    // Spans name the repository path, not the temporary copy the revision was read into.
    let first_inserted = report["agreements"][0]["documents"][0]["entries"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["status"] == "inserted"))
        .expect("an insertion");
    assert_eq!(first_inserted["new"][0]["path"], BODY);

    // The same, naming the agreement by id, by path, and the base by commit id.
    for args in [vec!["HEAD~1", "HEAD", "example"], vec!["HEAD~1", "HEAD", "agreements/example"]] {
        let (r, code, err) = diff_json(dir.path(), &args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(count(&r, "inserted"), 2);
    }
    let sha = first.to_string();
    let (r, _, _) = diff_json(dir.path(), &[&sha, "HEAD"]);
    assert_eq!(count(&r, "inserted"), 2);

    // A revision against itself: no differences, exit 0.
    let (r, code, _) = diff_json(dir.path(), &["HEAD", "HEAD"]);
    assert_eq!(code, 0);
    assert_eq!(r["agreements"], Value::Array(Vec::new()));
}

#[test]
fn since_compares_with_the_working_tree() {
    let (dir, _repo, _, _) = two_commits();
    // Nothing changed since HEAD: exit 0.
    let (code, out, err) = run(dir.path(), &["diff", "--since", "HEAD"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("No agreements differ"), "{out}");

    // An uncommitted edit counts: the working tree is the new side.
    let path = dir.path().join(BODY);
    write(&path, &read(&path).replace("six (6) months' notice", "three (3) months' notice"));
    let (report, code, err) = diff_json(dir.path(), &["--since", "HEAD~1"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(report["new"], "working tree");
    assert_eq!(count(&report, "inserted"), 2);
    assert_eq!(count(&report, "modified"), 1);
    let (report, _, _) = diff_json(dir.path(), &["--since", "HEAD"]);
    assert_eq!(count(&report, "modified"), 1);
    assert_eq!(count(&report, "inserted"), 0);

    // A new, untracked agreement is reported as added.
    copy_into(&base().join("agreements/example"), &dir.path().join("agreements/another"));
    let (report, _, _) = diff_json(dir.path(), &["--since", "HEAD"]);
    let statuses: Vec<(&str, &str)> = report["agreements"]
        .as_array()
        .expect("agreements")
        .iter()
        .map(|a| (a["new"]["dir"].as_str().unwrap_or(""), a["status"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(statuses, vec![("agreements/another", "added"), ("agreements/example", "changed")]);
}

#[test]
fn unknown_revision_is_one_clear_error() {
    let (dir, _repo, _, _) = two_commits();
    assert_one_error(dir.path(), &["diff", "no-such-branch", "HEAD"], "unknown revision `no-such-branch`");
    assert_one_error(dir.path(), &["diff", "--since", "v9.9"], "unknown revision `v9.9`");
}

#[test]
fn agreement_missing_in_one_revision_is_an_error() {
    let (dir, repo, _, _) = two_commits();
    copy_into(&base().join("agreements/example"), &dir.path().join("agreements/later"));
    commit_all(&repo, "add another agreement");
    assert_one_error(
        dir.path(),
        &["diff", "HEAD~1", "HEAD", "later"],
        "agreement `agreements/later` does not exist at revision `HEAD~1`",
    );
    // Unnamed, it is simply a new agreement.
    let (report, code, _) = diff_json(dir.path(), &["HEAD~1", "HEAD"]);
    assert_eq!(code, 1);
    assert_eq!(report["agreements"][0]["status"], "added");
}

#[test]
fn shallow_clone_without_the_base_is_an_error() {
    let (dir, _repo, first, _) = two_commits();
    let clone = TempDir::new().expect("temp");
    let target = clone.path().join("shallow");
    let url = format!("file://{}", dir.path().display());
    let status = std::process::Command::new("git")
        .args(["clone", "--quiet", "--depth", "1", &url])
        .arg(&target)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", clone.path())
        .status()
        .expect("git is needed to make a shallow clone for this test");
    assert!(status.success(), "git clone --depth 1 failed");
    assert!(Repository::open(&target).expect("open clone").is_shallow());
    assert_one_error(&target, &["diff", "HEAD~1", "HEAD"], "not in this shallow clone");
    assert_one_error(&target, &["diff", "--since", &first.to_string()], "fetch-depth: 0");
}

#[test]
fn corrupt_file_at_a_revision_is_an_error_naming_revision_file_and_line() {
    let (dir, repo, _, _) = two_commits();
    let path = dir.path().join(BODY);
    let mut bytes = read(&path).into_bytes();
    let at = bytes.iter().position(|&b| b == b'\n').expect("newline") + 1;
    bytes.insert(at, 0xFF);
    std::fs::write(&path, bytes).expect("write");
    commit_all(&repo, "corrupt");
    assert_one_error(
        dir.path(),
        &["diff", "HEAD~1", "HEAD"],
        "at revision `HEAD`: agreements/example/agreement.md:2: invalid UTF-8",
    );
}

#[test]
fn corrupt_file_in_a_folder_is_an_error() {
    let repo = crate::common::diff::pair();
    let path = repo.path().join("agreements/new/agreement.md");
    let text = read(&path);
    std::fs::write(&path, format!("\u{feff}{text}")).expect("write");
    assert_one_error(
        repo.path(),
        &["diff", "agreements/old", "agreements/new"],
        "agreements/new/agreement.md:1: file starts with a UTF-8 byte-order mark",
    );
    assert_one_error(
        repo.path(),
        &["diff", "agreements/old", "agreements/nowhere"],
        "`agreements/nowhere` is not a folder",
    );
}

#[test]
fn revisions_outside_a_git_repository_are_an_error() {
    let dir = TempDir::new().expect("temp");
    copy_into(&base(), dir.path());
    assert_one_error(dir.path(), &["diff", "HEAD~1", "HEAD"], "is not inside a git repository");
}
