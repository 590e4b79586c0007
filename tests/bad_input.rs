//! Input s75 cannot read: one clear error naming file and line, exit status
//! 2, no panic, no report written.

use crate::common::*;

/// Runs validate in `dir`; asserts exit 2, empty stdout and exactly one error line; returns it.
fn one_error(dir: &std::path::Path, args: &[&str]) -> String {
    let out = s75().current_dir(dir).arg("validate").args(args).output().expect("run s75");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(out.stdout.is_empty(), "nothing may be reported: {}", stdout(&out));
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
    let lines: Vec<_> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one clear error: {err}");
    lines[0].to_string()
}

#[test]
fn malformed_toml_names_file_and_line() {
    let repo = clean_repo();
    edit(
        &clean_file(&repo, "agreement.toml"),
        "[term]\ncommencement = 2024-04-01",
        "[term]\ncommencement = 2024-04-01 oops",
    );
    let err = one_error(repo.path(), &[]);
    let line = std::fs::read_to_string(clean_file(&repo, "agreement.toml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("oops"))
        .unwrap()
        + 1;
    assert_eq!(
        err.split(": malformed TOML").next().unwrap(),
        format!("error: agreements/example-delegation/agreement.toml:{line}"),
        "{err}"
    );
}

#[test]
fn missing_body_file_is_reported_at_the_key_that_names_it() {
    let repo = clean_repo();
    edit(&clean_file(&repo, "agreement.toml"), "host = \"trust\"", "host = \"trust\"\nbody = \"text.md\"");
    let err = one_error(repo.path(), &[]);
    assert!(err.starts_with("error: agreements/example-delegation/agreement.toml:"), "{err}");
    assert!(err.contains("body file `agreements/example-delegation/text.md` does not exist"), "{err}");
}

#[test]
fn missing_schedule_file() {
    let repo = clean_repo();
    std::fs::remove_file(clean_file(&repo, "schedules/02-seconded-staff.md")).unwrap();
    let err = one_error(repo.path(), &[]);
    assert!(
        err.contains("schedule file `agreements/example-delegation/schedules/02-seconded-staff.md` does not exist"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_names_the_line() {
    let repo = clean_repo();
    let path = clean_file(&repo, "agreement.md");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(7).position(|w| w == b"Recital").unwrap();
    bytes[at] = 0xFF;
    std::fs::write(&path, &bytes).unwrap();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let err = one_error(repo.path(), &[]);
    assert_eq!(
        err,
        format!(
            "error: agreements/example-delegation/agreement.md:{line}: invalid UTF-8 (byte 0xFF); save the file as UTF-8"
        )
    );
}

#[test]
fn lone_carriage_return_is_refused_with_its_line() {
    // CRLF and a BOM are read (tests/real_files.rs); a CR that ends no line would move every line after it.
    let repo = clean_repo();
    let path = clean_file(&repo, "agreement.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("made on", "made\ron", 1)).unwrap();
    let err = one_error(repo.path(), &[]);
    assert!(
        err.starts_with(
            "error: agreements/example-delegation/agreement.md:1: carriage return (CR) without a line feed"
        ),
        "{err}"
    );
}

#[test]
fn empty_folder_has_no_agreements() {
    let repo = clean_repo();
    let empty = repo.path().join("agreements/empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = one_error(repo.path(), &["agreements/empty"]);
    assert_eq!(err, "error: agreements/empty: no agreements found in this folder (expected <id>/agreement.toml)");
}

#[test]
fn empty_repository_has_no_agreements() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("agreements")).unwrap();
    let err = one_error(dir.path(), &[]);
    assert_eq!(err, "error: .: no agreements found (expected agreements/<id>/agreement.toml)");
}

#[test]
fn path_outside_the_repository_is_refused() {
    let repo = clean_repo();
    let outside = tempfile::TempDir::new().unwrap();
    let err = one_error(repo.path(), &[outside.path().to_str().unwrap()]);
    assert!(err.ends_with("is outside the repository at ."), "{err}");
}

#[test]
fn schedule_path_escaping_the_repository_is_refused() {
    let repo = clean_repo();
    edit(
        &clean_file(&repo, "agreement.toml"),
        "file = \"schedules/02-seconded-staff.md\"",
        "file = \"../../../../etc/passwd\"",
    );
    let err = one_error(repo.path(), &[]);
    assert!(err.contains("`../../../../etc/passwd` is outside the repository"), "{err}");
}

#[test]
fn nonexistent_path() {
    let repo = clean_repo();
    let err = one_error(repo.path(), &["agreements/nope"]);
    assert_eq!(err, "error: agreements/nope: no such file or folder");
}

#[test]
fn unknown_rule_on_the_command_line_is_bad_usage() {
    let repo = clean_repo();
    let err = one_error(repo.path(), &["-A", "numbering.duplicat"]);
    assert!(err.contains("unknown rule or family `numbering.duplicat`"), "{err}");
}

#[test]
fn malformed_config_names_file_and_line() {
    let repo = clean_repo();
    write(&repo.path().join("s75.toml"), "[rules]\n\"metadata.unknown-key\" = \"sometimes\"\n");
    let err = one_error(repo.path(), &[]);
    assert_eq!(err, "error: s75.toml:2: `rules.metadata.unknown-key` must be \"allow\", \"warn\" or \"deny\"");
}

#[test]
fn output_file_is_not_half_written_on_error() {
    let repo = clean_repo();
    let report = repo.path().join("report.json");
    std::fs::write(&report, "previous").unwrap();
    edit(&clean_file(&repo, "agreement.toml"), "schema = 1", "schema = 1 1");
    one_error(repo.path(), &["--format", "json", "-o", "report.json"]);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "previous");
}
