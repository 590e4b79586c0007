//! File-system safety: nothing outside the repository is read (symbolic
//! links are followed to their real location and refused when it is
//! outside), no output replaces a source, and a failed command leaves no
//! part of its output behind.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::common::*;

/// A line only found in the outside file: if it shows anywhere, s75 read it.
const SECRET: &str = "OUTSIDE-SECRET-7f3a";

fn run(repo: &Path, args: &[&str]) -> Output {
    s75().current_dir(repo).env_remove("SOURCE_DATE_EPOCH").args(args).output().expect("run s75")
}

#[track_caller]
fn refused(out: &Output, names: &[&str]) {
    let (so, se) = (stdout(out), stderr(out));
    assert_eq!(out.status.code(), Some(2), "exit\nstdout: {so}\nstderr: {se}");
    for n in names {
        assert!(se.contains(n), "stderr does not name {n:?}: {se}");
    }
    assert_eq!(se.lines().filter(|l| l.starts_with("error")).count(), 1, "one error: {se}");
    for text in [SECRET, "root:"] {
        assert!(!so.contains(text) && !se.contains(text), "outside text {text:?} shown\nstdout: {so}\nstderr: {se}");
    }
}

/// A folder outside the repository holding a file with the secret line.
fn outside(name: &str, text: &str) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    write(&dir.path().join(name), &format!("{text}\n{SECRET}\n"));
    dir
}

fn replace_with_link(link: &Path, target: &Path) {
    if link.is_dir() {
        std::fs::remove_dir_all(link).expect("remove folder");
    } else {
        std::fs::remove_file(link).expect("remove file");
    }
    symlink(target, link).expect("symlink");
}

const AGREEMENT: &str = "agreements/example-delegation";
const SCHEDULE: &str = "schedules/01-aims-and-outcomes.md";

/// Every command that reads the agreement, with an output file where it writes one.
fn every_reader(repo: &Path) -> Vec<(Vec<&'static str>, Option<&'static str>)> {
    copy_into(&repo.join(AGREEMENT), &repo.join("old/example-delegation"));
    vec![
        (vec!["validate", AGREEMENT], None),
        (vec!["validate", "--format", "json", "-o", "report.json", AGREEMENT], Some("report.json")),
        (vec!["matrix", AGREEMENT], None),
        (vec!["dates", AGREEMENT], None),
        (vec!["diff", "old/example-delegation", AGREEMENT], None),
        (vec!["render", AGREEMENT, "--format", "html", "-o", "pack.html"], Some("pack.html")),
        (vec!["render", AGREEMENT, "--draft", "-o", "pack.pdf"], Some("pack.pdf")),
    ]
}

#[test]
fn a_schedule_linked_to_a_file_outside_is_refused_at_its_line_in_agreement_toml() {
    let repo = clean_repo();
    let away = outside("passwd", "root:x:0:0:root:/root:/bin/bash");
    replace_with_link(&clean_file(&repo, SCHEDULE), &away.path().join("passwd"));
    for (args, output) in every_reader(repo.path()) {
        let out = run(repo.path(), &args);
        refused(
            &out,
            &[
                "agreements/example-delegation/agreement.toml:81:",
                "agreements/example-delegation/schedules/01-aims-and-outcomes.md",
                "symbolic link",
            ],
        );
        if let Some(file) = output {
            assert!(!repo.path().join(file).exists(), "{args:?} wrote {file}");
            assert!(!repo.path().join(format!("{file}.manifest.json")).exists(), "{args:?} wrote a manifest");
        }
    }
}

#[test]
fn the_body_linked_to_etc_passwd_is_refused() {
    let repo = clean_repo();
    replace_with_link(&clean_file(&repo, "agreement.md"), Path::new("/etc/passwd"));
    for args in [vec!["validate", AGREEMENT], vec!["render", AGREEMENT, "--format", "html", "-o", "pack.html"]] {
        let out = run(repo.path(), &args);
        refused(&out, &["agreements/example-delegation/agreement.md: is a symbolic link to /etc/passwd"]);
    }
    assert!(!repo.path().join("pack.html").exists());
}

#[test]
fn a_schedules_folder_linked_outside_is_named_as_the_link() {
    let repo = clean_repo();
    let away = TempDir::new().expect("temp dir");
    copy_into(&clean_file(&repo, "schedules"), away.path());
    common_append(&away.path().join("01-aims-and-outcomes.md"));
    replace_with_link(&clean_file(&repo, "schedules"), away.path());
    let out = run(repo.path(), &["validate", AGREEMENT]);
    refused(
        &out,
        &[
            "agreement.toml:81: schedule file agreements/example-delegation/schedules/01-aims-and-outcomes.md: leads outside the repository",
            "agreements/example-delegation/schedules is a symbolic link to",
        ],
    );
}

fn common_append(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, format!("{text}\n{SECRET}\n")).expect("write");
}

#[test]
fn agreement_toml_linked_outside_is_refused() {
    let repo = clean_repo();
    let away = TempDir::new().expect("temp dir");
    let toml = clean_file(&repo, "agreement.toml");
    std::fs::copy(&toml, away.path().join("agreement.toml")).expect("copy");
    common_append(&away.path().join("agreement.toml"));
    replace_with_link(&toml, &away.path().join("agreement.toml"));
    let out = run(repo.path(), &["validate", AGREEMENT]);
    refused(&out, &["agreements/example-delegation/agreement.toml: is a symbolic link to"]);
}

#[test]
fn links_that_stay_inside_the_repository_are_read() {
    let repo = clean_repo();
    let moved = repo.path().join("texts/aims.md");
    write(&moved, &std::fs::read_to_string(clean_file(&repo, SCHEDULE)).expect("read"));
    replace_with_link(&clean_file(&repo, SCHEDULE), Path::new("../../../texts/aims.md"));
    let out = run(repo.path(), &["validate", AGREEMENT]);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&out), stderr(&out));
}

#[test]
fn a_rule_pack_outside_the_repository_is_refused_at_its_line_in_s75_toml() {
    let repo = clean_repo();
    write(&repo.path().join("s75.toml"), "[packs]\nstatute = \"../../../../../../../../etc/passwd\"\n");
    let out = run(repo.path(), &["validate", AGREEMENT]);
    refused(&out, &["s75.toml:2: rule pack", "../../../../../../../../etc/passwd: is outside the repository"]);

    let away = outside("acts.toml", "# acts");
    std::fs::create_dir_all(repo.path().join("packs")).expect("mkdir");
    symlink(away.path().join("acts.toml"), repo.path().join("packs/acts.toml")).expect("symlink");
    write(&repo.path().join("s75.toml"), "\n[packs]\nacts = \"packs/acts.toml\"\n");
    for args in [vec!["validate", AGREEMENT], vec!["matrix", AGREEMENT]] {
        let out = run(repo.path(), &args);
        refused(&out, &["s75.toml:3: rule pack packs/acts.toml: is a symbolic link to"]);
    }
}

#[test]
fn a_template_folder_outside_the_repository_is_refused_from_s75_toml_and_the_command_line() {
    let repo = clean_repo();
    write(&repo.path().join("s75.toml"), "[render]\ntemplates = \"/etc\"\n");
    let out = run(repo.path(), &["render", AGREEMENT, "--format", "html", "-o", "pack.html"]);
    refused(&out, &["/etc: is outside the repository"]);
    assert!(!repo.path().join("pack.html").exists());

    std::fs::remove_file(repo.path().join("s75.toml")).expect("rm");
    let away = outside("pack.html", "<p>{{ agreement.title }}</p>");
    let dir = away.path().to_str().expect("utf-8");
    let out = run(repo.path(), &["render", AGREEMENT, "--format", "html", "-o", "pack.html", "--templates", dir]);
    refused(&out, &["is outside the repository"]);
    assert!(!repo.path().join("pack.html").exists());
}

#[test]
fn a_template_linked_outside_from_the_template_folder_is_refused() {
    let repo = clean_repo();
    let away = outside("pack.html", "<p>{{ agreement.title }}</p>");
    std::fs::create_dir_all(repo.path().join("tpl")).expect("mkdir");
    symlink(away.path().join("pack.html"), repo.path().join("tpl/pack.html")).expect("symlink");
    let out = run(repo.path(), &["render", AGREEMENT, "--format", "html", "-o", "pack.html", "--templates", "tpl"]);
    refused(&out, &["tpl/pack.html: is a symbolic link to"]);
    assert!(!repo.path().join("pack.html").exists());

    // A Typst helper the template imports is confined the same way.
    write(&repo.path().join("tpl/pack.typ"), "#import \"helper.typ\": secret\n#secret\n");
    std::fs::remove_file(repo.path().join("tpl/pack.html")).expect("rm");
    write(&away.path().join("helper.typ"), &format!("#let secret = \"{SECRET}\"\n"));
    symlink(away.path().join("helper.typ"), repo.path().join("tpl/helper.typ")).expect("symlink");
    let out = run(repo.path(), &["render", AGREEMENT, "-o", "pack.pdf", "--templates", "tpl"]);
    refused(&out, &["tpl/helper.typ: is a symbolic link to"]);
    assert!(!repo.path().join("pack.pdf").exists());
}

/// `-o` naming a source: refused for every command that writes, the file untouched.
#[test]
fn no_command_writes_over_a_source() {
    let repo = clean_repo();
    copy_into(&repo.path().join(AGREEMENT), &repo.path().join("old/example-delegation"));
    write(&repo.path().join("s75.toml"), "# configuration\n");
    let body = clean_file(&repo, "agreement.md");
    let schedule = clean_file(&repo, SCHEDULE);
    // A link from outside the source folders to a source is no way round.
    symlink(&body, repo.path().join("report.txt")).expect("symlink");
    let sources = [
        (body.clone(), "agreements/example-delegation/agreement.md"),
        (schedule.clone(), "agreements/example-delegation/schedules/01-aims-and-outcomes.md"),
        (repo.path().join("s75.toml"), "s75.toml"),
        (body.clone(), "report.txt"),
    ];
    let commands: [&[&str]; 5] = [
        &["validate", AGREEMENT],
        &["matrix", AGREEMENT],
        &["dates", AGREEMENT],
        &["diff", "old/example-delegation", AGREEMENT],
        &["render", AGREEMENT, "--format", "html"],
    ];
    for (file, target) in &sources {
        let before = std::fs::read(file).expect("read");
        for cmd in commands {
            for force in [false, true] {
                let mut args = cmd.to_vec();
                args.extend(["-o", target]);
                if force {
                    args.push("--force");
                }
                let out = run(repo.path(), &args);
                refused(&out, &[target, "s75 never overwrites its sources"]);
                assert_eq!(std::fs::read(file).expect("read"), before, "{args:?} changed {target}");
            }
        }
    }
}

#[test]
fn outputs_inside_the_source_folders_need_force() {
    let repo = clean_repo();
    let target = "agreements/example-delegation/report.json";
    let out = run(repo.path(), &["validate", "--format", "json", "-o", target, AGREEMENT]);
    refused(&out, &[target, "inside the repository's agreements/ folder", "--force"]);
    assert!(!repo.path().join(target).exists());
    let out = run(repo.path(), &["validate", "--format", "json", "-o", target, "--force", AGREEMENT]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(repo.path().join(target).is_file());

    std::fs::create_dir_all(repo.path().join("schedules")).expect("mkdir");
    let out = run(repo.path(), &["dates", AGREEMENT, "-o", "schedules/dates.txt"]);
    refused(&out, &["schedules/dates.txt", "inside the repository's schedules/ folder"]);
    assert!(!repo.path().join("schedules/dates.txt").exists());
}

#[test]
fn an_import_is_never_written_over_its_own_input() {
    let repo = clean_repo();
    let input = repo.path().join("agreements/legacy/agreement.md");
    write(&input, &std::fs::read_to_string(fixture("seeds/coventry-cwpt-2019-council-pack.txt")).expect("seed"));
    let before = std::fs::read(&input).expect("read");
    let out = run(repo.path(), &["import", "agreements/legacy/agreement.md", "--id", "legacy", "--force"]);
    refused(&out, &["agreements/legacy/agreement.md", "is a source file this run reads"]);
    assert_eq!(std::fs::read(&input).expect("read"), before);
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    names.sort();
    names
}

/// The manifest cannot be written (a folder is in its way): the pack renamed
/// into place before it is taken back out, and a previous pack restored.
#[test]
fn a_failed_manifest_leaves_no_pack_behind_and_restores_the_previous_one() {
    let repo = clean_repo();
    let fresh = repo.path().join("fresh");
    std::fs::create_dir_all(fresh.join("pack.html.manifest.json")).expect("mkdir");
    let out = run(repo.path(), &["render", AGREEMENT, "--format", "html", "-o", "fresh/pack.html"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write fresh/pack.html.manifest.json"), "{}", stderr(&out));
    assert_eq!(files_in(&fresh), ["pack.html.manifest.json"], "a pack or temporary file was left behind");

    let kept = repo.path().join("kept");
    std::fs::create_dir_all(&kept).expect("mkdir");
    let first = run(repo.path(), &["render", AGREEMENT, "--format", "html", "-o", "kept/pack.html"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let previous = std::fs::read(kept.join("pack.html")).expect("read");
    std::fs::remove_file(kept.join("pack.html.manifest.json")).expect("rm");
    std::fs::create_dir(kept.join("pack.html.manifest.json")).expect("mkdir");
    edit(&clean_file(&repo, "agreement.md"), "the Trust", "the  Trust");
    let out = run(repo.path(), &["render", AGREEMENT, "--format", "html", "-o", "kept/pack.html"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(kept.join("pack.html")).expect("read"), previous, "the previous pack was not restored");
    assert_eq!(files_in(&kept), ["pack.html", "pack.html.manifest.json"]);
}

#[test]
fn an_output_under_a_regular_file_fails_and_writes_nothing() {
    let repo = clean_repo();
    write(&repo.path().join("plain"), "a file\n");
    for args in [
        vec!["validate", AGREEMENT, "-o", "plain/report.txt"],
        vec!["render", AGREEMENT, "--format", "html", "-o", "plain/pack.html"],
    ] {
        let out = run(repo.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(repo.path().join("plain")).expect("read"), "a file\n");
    }
}

#[test]
fn s75_toml_linked_outside_is_refused() {
    let repo = clean_repo();
    let away = outside("s75.toml", "# rules");
    replace_with_link(&repo.path().join("s75.toml"), &away.path().join("s75.toml"));
    let out = run(repo.path(), &["validate", AGREEMENT]);
    refused(&out, &["s75.toml: is a symbolic link to"]);
}

/// The walk that finds agreements follows no links: an agreement folder
/// linked from outside is not read, and naming it is refused.
#[test]
fn an_agreement_folder_linked_from_outside_is_not_walked_into() {
    let repo = clean_repo();
    let away = TempDir::new().expect("temp dir");
    copy_into(&repo.path().join(AGREEMENT), away.path());
    common_append(&away.path().join("agreement.md"));
    symlink(away.path(), repo.path().join("agreements/linked")).expect("symlink");
    let out = run(repo.path(), &["validate", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("agreements/linked") && !stdout(&out).contains(SECRET), "{}", stdout(&out));
    let out = run(repo.path(), &["validate", "agreements/linked"]);
    refused(&out, &["agreements/linked: is outside the repository"]);
}
