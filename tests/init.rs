//! `s75 init`: a new agreements repository, then `s75 new` and `s75 validate`
//! in it, as a new user's first commands.

use std::path::Path;

use crate::common::*;

const MADE: [&str; 5] =
    ["s75.toml", ".gitattributes", ".github/workflows/s75.yml", "agreements/.gitkeep", "schedules/.gitkeep"];

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    s75().current_dir(dir).args(args).output().expect("run s75")
}

#[test]
fn init_then_new_then_validate_works() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let out = run(dir.path(), &["init", "partnerships"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", stdout(&out), stderr(&out));
    let repo = dir.path().join("partnerships");
    for rel in MADE {
        assert!(repo.join(rel).is_file(), "{rel} was not made");
    }
    assert!(repo.join(".git").is_dir(), "a git repository is made to keep the agreements in");
    let text = stdout(&out);
    assert!(text.contains("cd partnerships\n  s75 new --template pooled-fund"), "{text}");

    let out = run(&repo, &["new", "--template", "pooled-fund", "north-pool-2027"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", stdout(&out), stderr(&out));
    // The scaffold's placeholders are warnings, not errors in reading the repository.
    let (report, code) = validate_json(&repo, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["summary"]["agreements"], 1, "{report:#}");
    assert!(with_code(&report, "residue.draft-placeholder").len() > 3, "{report:#}");
    assert!(report["findings"].as_array().expect("findings").iter().all(|f| f["code"] != "metadata.unknown-key"));
}

#[test]
fn init_in_the_current_folder_inside_a_git_repository_makes_no_second_one() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    git2::Repository::init(dir.path()).expect("git init");
    let sub = dir.path().join("legal");
    std::fs::create_dir(&sub).expect("mkdir");
    let out = run(&sub, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", stdout(&out), stderr(&out));
    assert!(!sub.join(".git").exists());
    assert!(stdout(&out).contains("\n  s75 new --template pooled-fund"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("cd "), "{}", stdout(&out));
    // The configuration as written is accepted.
    let out = run(&sub, &["new", "--template", "delegation", "north-delegation-2027"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (report, code) = validate_json(&sub, &[]);
    assert_eq!((code, &report["summary"]["agreements"]), (0, &serde_json::json!(1)), "{report:#}");
}

#[test]
fn init_twice_refuses_and_writes_nothing() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    assert_eq!(run(dir.path(), &["init"]).status.code(), Some(0));
    std::fs::write(dir.path().join("s75.toml"), "# mine\n").expect("write");
    std::fs::remove_file(dir.path().join(".gitattributes")).expect("remove");
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.starts_with("error: s75.toml, .github/workflows/s75.yml, agreements/.gitkeep, schedules/.gitkeep already exist; s75 init never overwrites a file"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("s75.toml")).expect("read"), "# mine\n");
    assert!(!dir.path().join(".gitattributes").exists(), "nothing is written, not even the missing file");
}

#[test]
fn the_gitattributes_keep_sources_lf_and_packs_binary() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    assert_eq!(run(dir.path(), &["init"]).status.code(), Some(0));
    let repo = git2::Repository::open(dir.path()).expect("git repository");
    for (file, attr, want) in
        [("agreements/a/agreement.md", "eol", "lf"), ("s75.toml", "eol", "lf"), ("pack.pdf", "text", "false")]
    {
        let value = repo.get_attr(Path::new(file), attr, git2::AttrCheckFlags::FILE_THEN_INDEX).expect("attr");
        let shown = match git2::AttrValue::from_string(value) {
            git2::AttrValue::String(s) => s.to_string(),
            git2::AttrValue::False => "false".to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(shown, want, "{file} {attr}");
    }
}

#[test]
fn the_workflow_runs_validate_with_github_annotations() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    assert_eq!(run(dir.path(), &["init"]).status.code(), Some(0));
    let yml = std::fs::read_to_string(dir.path().join(".github/workflows/s75.yml")).expect("workflow");
    assert!(yml.contains("run: s75 validate --format github"), "{yml}");
    assert!(!yml.contains("https://"), "no address that may not exist: {yml}");
}
