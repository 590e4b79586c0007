//! `s75 render` output: atomic writes, the manifest, templates from the
//! command line and from s75.toml.

use std::path::Path;
use std::process::Output;

use crate::common::render::*;
use crate::common::*;
use sha2::{Digest, Sha256};

fn render(repo: &Path, args: &[&str]) -> Output {
    s75()
        .current_dir(repo)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", "agreements/example-delegation"])
        .args(args)
        .output()
        .expect("run s75 render")
}

#[track_caller]
fn assert_exit(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "exit\nstdout: {}\nstderr: {}", stdout(out), stderr(out));
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_failed_render_leaves_no_partial_pack_and_keeps_the_previous_one() {
    let repo = clean_repo();
    let out_dir = repo.path().join("out");
    std::fs::create_dir_all(&out_dir).expect("mkdir");
    assert_exit(&render(repo.path(), &["-o", "out/pack.pdf"]), 0);
    assert_exit(&render(repo.path(), &["--format", "html", "-o", "out/pack.html"]), 0);
    let before: Vec<(String, Vec<u8>)> =
        files_in(&out_dir).into_iter().map(|n| (n.clone(), std::fs::read(out_dir.join(&n)).expect("read"))).collect();

    // A Typst template that fails half-way through the document.
    write(&repo.path().join("bad/pack.typ"), "#let data = json(\"data.json\")\nHello\n#panic(\"template gave up\")\n");
    // An HTML template that names a field the data does not have.
    write(&repo.path().join("bad/pack.html"), "<p>{{ agreement.no_such_field }}</p>\n");
    let pdf = render(repo.path(), &["-o", "out/pack.pdf", "--templates", "bad"]);
    assert_exit(&pdf, 2);
    assert!(stderr(&pdf).contains("pack.typ:3: error: panicked with: template gave up"), "{}", stderr(&pdf));
    let html = render(repo.path(), &["--format", "html", "-o", "out/pack.html", "--templates", "bad"]);
    assert_exit(&html, 2);
    assert!(stderr(&html).contains("HTML template") && stderr(&html).contains("no_such_field"), "{}", stderr(&html));

    let after: Vec<(String, Vec<u8>)> =
        files_in(&out_dir).into_iter().map(|n| (n.clone(), std::fs::read(out_dir.join(&n)).expect("read"))).collect();
    assert!(
        before == after,
        "the folder changed: {:?} → {:?}",
        files_in(&out_dir),
        before.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
}

#[test]
fn an_unwritable_destination_is_an_error_and_writes_nothing() {
    let repo = clean_repo();
    let out = render(repo.path(), &["-o", "no/such/folder/pack.pdf"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("cannot write in no/such/folder"), "{}", stderr(&out));
    assert!(!repo.path().join("no").exists());
}

#[test]
fn the_default_name_is_the_agreement_id_and_the_manifest_lists_every_source_file() {
    let repo = clean_repo();
    let out = render(repo.path(), &[]);
    assert_exit(&out, 0);
    assert!(stdout(&out).starts_with("wrote example-delegation.pdf ("), "{}", stdout(&out));
    assert!(stdout(&out).contains("PDF/A-2b"), "{}", stdout(&out));
    let pack = std::fs::read(repo.path().join("example-delegation.pdf")).expect("pack");
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo.path().join("example-delegation.pdf.manifest.json")).expect("manifest"),
    )
    .expect("JSON");

    assert_eq!(manifest["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["pack"]["file"], "example-delegation.pdf");
    assert_eq!(manifest["pack"]["sha256"], hex(&Sha256::digest(&pack)));
    assert_eq!(manifest["git"]["state"], "not in git");
    let files = manifest["files"].as_array().expect("files");
    let paths: Vec<&str> = files.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(
        paths,
        [
            "agreements/example-delegation/agreement.toml",
            "agreements/example-delegation/agreement.md",
            "agreements/example-delegation/schedules/01-aims-and-outcomes.md",
            "agreements/example-delegation/schedules/02-seconded-staff.md",
        ]
    );
    // The documented algorithm: SHA-256 over "<sha256>  <path>\n" lines.
    let mut combined = Sha256::new();
    for f in files {
        let path = f["path"].as_str().expect("path");
        let sha = hex(&Sha256::digest(std::fs::read(repo.path().join(path)).expect("source")));
        assert_eq!(f["sha256"], sha.as_str(), "{path}");
        combined.update(format!("{sha}  {path}\n"));
    }
    assert_eq!(manifest["fingerprint"], hex(&combined.finalize()));
}

#[test]
fn templates_come_from_the_command_line_or_s75_toml() {
    let repo = clean_repo();
    write(
        &repo.path().join("tpl/pack.html"),
        "<!DOCTYPE html><p>FROM TOML {{ agreement.title }} {{ schedules | length }}</p>\n",
    );
    write(&repo.path().join("cli/pack.html"), "<!DOCTYPE html><p>FROM CLI {{ agreement.id }}</p>\n");
    // A Typst template that sets no metadata: s75 still embeds the fingerprint.
    write(&repo.path().join("cli/pack.typ"), "#let data = json(\"data.json\")\nCUSTOM #data.agreement.title\n");
    let config = repo.path().join("s75.toml");
    let text = std::fs::read_to_string(&config).expect("s75.toml") + "\n[render]\ntemplates = \"tpl\"\n";
    write(&config, &text);

    assert_exit(&render(repo.path(), &["--format", "html", "-o", "a.html"]), 0);
    let a = std::fs::read_to_string(repo.path().join("a.html")).expect("a");
    assert!(
        a.contains(
            "FROM TOML Section 75 Partnership Agreement for integrated community mental health services (example) 2"
        ),
        "{a}"
    );

    assert_exit(&render(repo.path(), &["--format", "html", "-o", "b.html", "--templates", "cli"]), 0);
    assert!(std::fs::read_to_string(repo.path().join("b.html")).expect("b").contains("FROM CLI example-delegation"));

    assert_exit(&render(repo.path(), &["-o", "c.pdf", "--templates", "cli"]), 0);
    let pdf = repo.path().join("c.pdf");
    assert_has(&pdf_text(&pdf), "CUSTOM Section 75 Partnership Agreement", "custom Typst template");
    let verified = s75().current_dir(repo.path()).args(["verify", "c.pdf"]).output().expect("verify");
    assert_exit(&verified, 0);
    assert!(stdout(&verified).contains("(from the PDF metadata)"), "{}", stdout(&verified));

    write(&config, &(text.clone() + "").replace("templates = \"tpl\"", "templates = \"missing\""));
    let out = render(repo.path(), &["--format", "html", "-o", "d.html"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("s75.toml: [render] templates = \"missing\""), "{}", stderr(&out));
}

#[test]
fn shared_schedules_are_part_of_the_fingerprint() {
    let repo = clean_repo();
    let local = clean_file(&repo, "schedules/02-seconded-staff.md");
    let shared = repo.path().join("schedules/seconded-staff.md");
    std::fs::create_dir_all(repo.path().join("schedules")).expect("mkdir");
    std::fs::rename(&local, &shared).expect("move schedule");
    edit(
        &clean_file(&repo, "agreement.toml"),
        "file = \"schedules/02-seconded-staff.md\"",
        "shared = \"seconded-staff.md\"",
    );
    assert_exit(&render(repo.path(), &["--draft", "-o", "pack.pdf"]), 0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("pack.pdf.manifest.json")).expect("manifest"))
            .expect("JSON");
    assert!(
        manifest["files"].as_array().expect("files").iter().any(|f| f["path"] == "schedules/seconded-staff.md"),
        "{manifest:#}"
    );
    assert_has(&pdf_text(&repo.path().join("pack.pdf")), "Senior Social Worker", "shared schedule text");

    edit(&shared, "| Administrator | 0.5 |", "| Administrator | 1.5 |");
    let out = s75().current_dir(repo.path()).args(["verify", "pack.pdf"]).output().expect("verify");
    assert_exit(&out, 1);
    assert!(stdout(&out).contains("modified: schedules/seconded-staff.md"), "{}", stdout(&out));
}
