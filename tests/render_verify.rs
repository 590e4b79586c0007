//! `s75 verify`: a pack against the repository, now or at a revision.

use std::path::Path;
use std::process::Output;

use crate::common::*;
use git2::{Repository, Signature};

/// Renders with `--draft`: these tests edit the text, and verification does
/// not depend on whether the rules accept the edit.
fn render(repo: &Path, format: &str, out: &str) {
    let o = s75()
        .current_dir(repo)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", "agreements/example-delegation", "--draft", "--format", format, "-o", out])
        .output()
        .expect("run s75 render");
    assert_eq!(o.status.code(), Some(0), "render failed\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o));
}

fn verify(repo: &Path, args: &[&str]) -> Output {
    s75().current_dir(repo).arg("verify").args(args).output().expect("run s75 verify")
}

#[track_caller]
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "exit\nstdout: {}\nstderr: {}", stdout(out), stderr(out));
}

/// Commits every file of the working tree; returns the commit id.
fn commit_all(repo: &Repository, message: &str) -> String {
    let mut index = repo.index().expect("index");
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).expect("add");
    index.write().expect("write index");
    let tree = repo.find_tree(index.write_tree().expect("tree")).expect("find tree");
    let sig = Signature::new("Test", "test@example.org", &git2::Time::new(1_710_000_000, 0)).expect("signature");
    let parents: Vec<git2::Commit> = repo.head().ok().and_then(|h| h.peel_to_commit().ok()).into_iter().collect();
    let parents: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents).expect("commit").to_string()
}

#[test]
fn verify_passes_on_a_fresh_pack_and_fails_after_the_text_changes() {
    let repo = clean_repo();
    for (format, pack) in [("pdf", "pack.pdf"), ("html", "pack.html")] {
        render(repo.path(), format, pack);
        let out = verify(repo.path(), &[pack]);
        assert_exit(&out, 0);
        assert!(
            stdout(&out).starts_with("unchanged: agreements/example-delegation in the working tree matches the pack"),
            "{}",
            stdout(&out)
        );
    }
    edit(&clean_file(&repo, "agreement.md"), "six (6) months' notice", "three (3) months' notice");
    for pack in ["pack.pdf", "pack.html", "pack.pdf.manifest.json"] {
        let out = verify(repo.path(), &[pack]);
        assert_exit(&out, 1);
        let text = stdout(&out);
        assert!(
            text.starts_with("changed: agreements/example-delegation in the working tree differs from the pack"),
            "{text}"
        );
        assert!(
            text.contains("modified: agreements/example-delegation/agreement.md"),
            "names the changed file:\n{text}"
        );
        assert!(!text.contains("schedules/01"), "only the changed file is named:\n{text}");
    }
}

#[test]
fn verify_finds_the_fingerprint_in_the_pack_without_its_manifest() {
    let repo = clean_repo();
    render(repo.path(), "pdf", "pack.pdf");
    std::fs::remove_file(repo.path().join("pack.pdf.manifest.json")).expect("remove manifest");
    assert_exit(&verify(repo.path(), &["pack.pdf"]), 0);
    edit(&clean_file(&repo, "schedules/02-seconded-staff.md"), "| Social Worker | 2.0 |", "| Social Worker | 3.0 |");
    let out = verify(repo.path(), &["pack.pdf"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("cannot be named"), "says why files are not listed:\n{}", stdout(&out));
}

#[test]
fn a_removed_schedule_file_is_a_change() {
    let repo = clean_repo();
    render(repo.path(), "pdf", "pack.pdf");
    std::fs::remove_file(clean_file(&repo, "schedules/02-seconded-staff.md")).expect("remove");
    let out = verify(repo.path(), &["pack.pdf"]);
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("missing:  agreements/example-delegation/schedules/02-seconded-staff.md"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn verify_at_a_revision_and_the_commit_in_the_footer() {
    let dir = clean_repo();
    let git = Repository::init(dir.path()).expect("git init");
    let first = commit_all(&git, "first");
    render(dir.path(), "pdf", "pack.pdf");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("pack.pdf.manifest.json")).expect("manifest"))
            .expect("JSON");
    assert_eq!(manifest["git"]["commit"], first.as_str(), "the pack names the commit");
    assert_eq!(manifest["git"]["state"], "committed");
    assert_eq!(manifest["created_from"], "commit");
    assert_eq!(manifest["created"], "2024-03-09T16:00:00Z", "the pack time is the commit time");
    let pack_arg = "pack.pdf";

    edit(&clean_file(&dir, "agreement.md"), "six (6) months' notice", "three (3) months' notice");
    commit_all(&git, "second");
    assert_exit(&verify(dir.path(), &[pack_arg]), 1);
    let at_first = verify(dir.path(), &[pack_arg, "--rev", "HEAD~1"]);
    assert_exit(&at_first, 0);
    assert!(stdout(&at_first).contains(&format!("in revision HEAD~1 ({})", &first[..12])), "{}", stdout(&at_first));
    assert!(stdout(&at_first).contains(&format!("made from commit {}", &first[..12])), "{}", stdout(&at_first));
    assert_exit(&verify(dir.path(), &[pack_arg, "--rev", &first]), 0);
    assert_exit(&verify(dir.path(), &[pack_arg, "--rev", "HEAD"]), 1);
    let bad = verify(dir.path(), &[pack_arg, "--rev", "no-such-rev"]);
    assert_exit(&bad, 2);
    assert!(stderr(&bad).contains("`no-such-rev` is not a commit"), "{}", stderr(&bad));
}

#[test]
fn uncommitted_changes_are_named_in_the_footer_and_manifest() {
    let dir = clean_repo();
    let git = Repository::init(dir.path()).expect("git init");
    commit_all(&git, "first");
    edit(&clean_file(&dir, "agreement.md"), "six (6) months' notice", "three (3) months' notice");
    render(dir.path(), "html", "pack.html");
    let html = std::fs::read_to_string(dir.path().join("pack.html")).expect("pack");
    assert!(html.contains("· uncommitted changes"), "footer says so");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("pack.html.manifest.json")).expect("manifest"))
            .expect("JSON");
    assert_eq!(manifest["git"]["commit"], serde_json::Value::Null);
    assert_eq!(manifest["git"]["state"], "uncommitted changes");
}

#[test]
fn verify_reports_errors_with_exit_2() {
    let repo = clean_repo();
    write(&repo.path().join("not-a-pack.txt"), "hello\n");
    let out = verify(repo.path(), &["not-a-pack.txt"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("is not a PDF or HTML pack"), "{}", stderr(&out));
    assert_exit(&verify(repo.path(), &["missing.pdf"]), 2);
    // A pack of an agreement the repository does not have.
    render(repo.path(), "pdf", "pack.pdf");
    std::fs::remove_file(clean_file(&repo, "agreement.toml")).expect("remove");
    let out = verify(repo.path(), &["pack.pdf"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("agreement.toml does not exist"), "{}", stderr(&out));
}
