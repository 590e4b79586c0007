//! Hostile and odd input: no command aborts (stack overflow, panic), every
//! error names what actually happened, and every option a message names
//! exists.

use std::path::Path;
use std::process::Output;

use crate::common::*;

/// 10,000 block quotes on one line: `> > > … text`.
fn deep_quotes() -> String {
    format!("{}text\n", "> ".repeat(10_000))
}

/// 10,000 nested list levels. Markdown opens at most 100 lists on one line,
/// so each line opens 100 more inside the last item of the line before,
/// indented to that item's content.
fn deep_list() -> String {
    let mut text = String::new();
    for line in 0..100 {
        text.push_str(&" ".repeat(line * 200));
        text.push_str(&"- ".repeat(100));
        text.push_str("item\n");
    }
    text
}

/// A copy of the clean repository whose body ends with `deep`; returns the
/// repository and the body's line where `deep` starts.
fn repo_with_deep_body(deep: &str) -> (tempfile::TempDir, usize) {
    let repo = clean_repo();
    let body = clean_file(&repo, "agreement.md");
    let text = std::fs::read_to_string(&body).unwrap();
    let line = text.lines().count() + 2;
    std::fs::write(&body, format!("{text}\n{deep}")).unwrap();
    (repo, line)
}

/// The command did not abort: no signal, no panic, no stack overflow.
fn assert_not_aborted(out: &Output, what: &str) {
    let err = stderr(out);
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{what}: status {:?} (134 is an abort, 101 a panic): {err}",
        out.status
    );
    assert!(!err.contains("panicked") && !err.contains("overflowed its stack"), "{what}: {err}");
}

/// Exit 2 with one message naming the body file and the line where the nesting starts.
fn assert_refused_at(out: &Output, what: &str, line: usize) {
    assert_not_aborted(out, what);
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(err.contains(&format!("agreements/{CLEAN_ID}/agreement.md:{line}: nesting deeper than")), "{what}: {err}");
}

fn every_command_refuses(deep: &str) {
    let (repo, line) = repo_with_deep_body(deep);
    let dir = repo.path();
    let agreement = format!("agreements/{CLEAN_ID}");
    let run = |args: &[&str]| s75().current_dir(dir).args(args).output().unwrap();

    assert_refused_at(&run(&["validate"]), "validate", line);
    let pack = dir.join("pack.html");
    let out = run(&["render", &agreement, "--draft", "--format", "html", "-o", pack.to_str().unwrap()]);
    assert_refused_at(&out, "render --draft", line);
    assert!(!pack.exists(), "render wrote a pack for input it refused");
    assert_refused_at(&run(&["matrix", &agreement]), "matrix", line);
    assert_refused_at(&run(&["dates"]), "dates", line);

    // diff: the clean agreement against the deep one.
    let old = clean_repo();
    let old_dir = old.path().join("agreements").join(CLEAN_ID);
    assert_refused_at(&run(&["diff", old_dir.to_str().unwrap(), &agreement]), "diff", line);

    // import: the deep text as a legacy agreement's extracted text.
    let input = dir.join("legacy.txt");
    std::fs::write(&input, format!("THIS AGREEMENT is made on 1 April 2024\n\n1. Definitions\n\n{deep}")).unwrap();
    let out_dir = dir.join("imported");
    let out = run(&["import", input.to_str().unwrap(), "--id", "imported", "--out", out_dir.to_str().unwrap()]);
    assert_not_aborted(&out, "import");
    if out.status.code() == Some(2) {
        assert!(stderr(&out).contains("legacy.txt"), "import names its input: {}", stderr(&out));
    }
}

#[test]
fn ten_thousand_nested_block_quotes_are_refused_by_every_command() {
    every_command_refuses(&deep_quotes());
}

#[test]
fn ten_thousand_nested_lists_are_refused_by_every_command() {
    every_command_refuses(&deep_list());
}

#[test]
fn deep_nesting_in_a_schedule_is_refused_at_its_line() {
    let repo = clean_repo();
    let schedule = clean_file(&repo, "schedules/02-seconded-staff.md");
    let text = std::fs::read_to_string(&schedule).unwrap();
    std::fs::write(&schedule, format!("{text}\n{}", deep_quotes())).unwrap();
    let out = s75().current_dir(repo.path()).arg("validate").output().unwrap();
    assert_not_aborted(&out, "validate");
    let line = text.lines().count() + 2;
    assert!(
        stderr(&out).contains(&format!("schedules/02-seconded-staff.md:{line}: nesting deeper than 100 levels")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ordinary_nesting_is_still_read() {
    // Quotes and lists a few levels deep are ordinary Markdown: no error.
    let (repo, _) = repo_with_deep_body("> > > quoted\n\n- one\n  - two\n    - three\n");
    let out = s75().current_dir(repo.path()).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
}

/// Runs validate in `dir` and returns its one error line (exit 2).
fn validate_error(dir: &Path) -> String {
    let out = s75().current_dir(dir).arg("validate").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr(&out).trim().to_string()
}

#[test]
fn agreements_that_is_a_file_is_not_blamed_on_s75_toml() {
    let repo = clean_repo();
    let agreements = repo.path().join("agreements");
    std::fs::remove_dir_all(&agreements).unwrap();
    std::fs::write(&agreements, "not a folder\n").unwrap();
    let err = validate_error(repo.path());
    assert!(!err.contains("excluded"), "{err}");
    assert_eq!(err, "error: agreements: is not a folder (agreements go in agreements/<id>/agreement.toml)");
}

#[cfg(unix)]
#[test]
fn agreements_that_is_a_dangling_symlink_is_not_blamed_on_s75_toml() {
    let repo = clean_repo();
    let agreements = repo.path().join("agreements");
    std::fs::remove_dir_all(&agreements).unwrap();
    std::os::unix::fs::symlink(repo.path().join("gone"), &agreements).unwrap();
    let err = validate_error(repo.path());
    assert!(!err.contains("excluded"), "{err}");
    assert!(
        err.starts_with("error: agreements: is a symbolic link to `") && err.ends_with("gone`, which does not exist"),
        "{err}"
    );
}

#[test]
fn a_missing_start_marker_names_the_option_that_exists() {
    let dir = tempfile::TempDir::new().unwrap();
    let input = dir.path().join("legacy.txt");
    std::fs::write(&input, "1. Definitions\n\nSome text.\n").unwrap();
    let out = s75()
        .current_dir(dir.path())
        .args(["import", input.to_str().unwrap(), "--id", "x", "--start", "NO SUCH LINE"])
        .args(["--out", dir.path().join("out").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("with --start"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("--start-marker"), "{}", stderr(&out));
}

/// Every long option of every subcommand, from clap's own definitions.
fn defined_options() -> std::collections::BTreeSet<String> {
    use clap::CommandFactory;
    let mut out: std::collections::BTreeSet<String> = ["--help", "--version"].map(String::from).into();
    let top = s75::cli::Cli::command();
    let mut commands = vec![&top];
    while let Some(c) = commands.pop() {
        out.extend(c.get_arguments().filter_map(|a| a.get_long()).map(|l| format!("--{l}")));
        commands.extend(c.get_subcommands());
    }
    out
}

/// The string literals of a Rust source (comments skipped): where
/// messages, hints and help text live.
fn string_literals(src: &str) -> Vec<String> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            // A char literal ('"', '\'') is not the start of a string; a lifetime has no closing quote.
            b'\'' => {
                let close =
                    if b.get(i + 1) == Some(&b'\\') { src[i + 2..].find('\'').map(|k| i + 2 + k) } else { None };
                let close = close.or_else(|| src[i + 1..].chars().next().map(|c| i + 1 + c.len_utf8()));
                i = match close {
                    Some(k) if b.get(k) == Some(&b'\'') => k + 1,
                    _ => i + 1,
                };
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = src[open + 1..].find(&close).map_or(b.len(), |k| open + 1 + k);
                out.push(src[open + 1..end].to_string());
                i = end + close.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push(src[i + 1..j.min(b.len())].to_string());
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[test]
fn every_option_a_message_names_exists() {
    // Options of other programs, quoted in s75's messages as commands to run.
    const FOREIGN: [&str; 1] = ["--unshallow"]; // `git fetch --unshallow`
    let defined = defined_options();
    // Not CSS custom properties (`--line:#d9dce0`, `var(--line)`) in the HTML reports' styles.
    let option = regex::Regex::new(r"(?:^|[^-\w(])(--[a-z][a-z0-9-]*)(:?)").unwrap();
    let mut named = 0;
    let mut unknown = Vec::new();
    for entry in walkdir::WalkDir::new(crate_dir().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let src = std::fs::read_to_string(entry.path()).unwrap();
        for literal in string_literals(&src) {
            for m in option.captures_iter(&literal).filter(|m| m[2].is_empty()) {
                let flag = &m[1];
                named += 1;
                if !defined.contains(flag) && !FOREIGN.contains(&flag) {
                    let context: String = literal.chars().take(120).collect();
                    unknown.push(format!("{}: {flag} in {context:?}", entry.path().display()));
                }
            }
        }
    }
    assert!(named >= 10, "the scan found only {named} options: is it reading the messages?");
    assert!(unknown.is_empty(), "messages name options s75 does not have:\n{}", unknown.join("\n"));
}
