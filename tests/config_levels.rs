//! `[rules]` in s75.toml is read by the configuration and checked against
//! the rules by the checker: every command that reads s75.toml refuses an
//! entry it does not understand, at its line, entry by entry.

use crate::common::*;

/// Runs s75 in `repo`; returns the exit code and standard error.
fn run(repo: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = s75().current_dir(repo).args(args).output().expect("s75 runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).trim().to_string())
}

#[test]
fn every_command_that_reads_s75_toml_refuses_an_unknown_rule_at_its_line() {
    let repo = clean_repo();
    write(&repo.path().join("s75.toml"), "[rules]\n\"numbering\" = \"warn\"\n\"numbering.duplicat\" = \"deny\"\n");
    let want = "error: s75.toml:3: unknown rule or family `numbering.duplicat` (see `s75 rules`)";
    for args in [
        &["validate", "--format", "json"][..],
        &["matrix", "agreements/example-delegation", "--format", "json"],
        &["dates"],
        &["render", "agreements/example-delegation", "--format", "html", "-o", "pack.html"],
    ] {
        let (code, err) = run(repo.path(), args);
        assert_eq!((code, err.as_str()), (2, want), "s75 {args:?}");
    }
    assert!(!repo.path().join("pack.html").exists(), "nothing is written");
}

#[test]
fn entries_are_checked_one_by_one_the_rule_before_the_level() {
    let repo = clean_repo();
    let config = repo.path().join("s75.toml");
    write(&config, "[rules]\n\"nosuch\" = \"loud\"\n\"numbering\" = \"loud\"\n");
    assert_eq!(
        run(repo.path(), &["validate"]).1,
        "error: s75.toml:2: unknown rule or family `nosuch` (see `s75 rules`)"
    );
    write(&config, "[rules]\n\"numbering\" = \"loud\"\n\"terms.unuse\" = \"deny\"\n");
    assert_eq!(
        run(repo.path(), &["validate"]).1,
        "error: s75.toml:2: `rules.numbering` must be \"allow\", \"warn\" or \"deny\""
    );
}
