//! The statute pack is data: changing one fact in it (a citation, a date, a
//! verified flag) changes the findings with no change to the program, and a
//! malformed pack stops the run naming its file and line.

use crate::common::*;

use std::path::Path;

fn builtin_pack() -> String {
    std::fs::read_to_string(crate_dir().join("src/rules/statute/requirements.toml")).expect("read the built-in pack")
}

/// Puts a modified copy of the built-in pack in the repository and points
/// s75.toml at it.
fn use_pack(repo: &Path, edit_pack: impl FnOnce(String) -> String) {
    let pack = edit_pack(builtin_pack());
    write(&repo.join("my-pack.toml"), &pack);
    let config = repo.join("s75.toml");
    let mut text = std::fs::read_to_string(&config).unwrap_or_default();
    text.push_str("\n[packs]\nstatute = \"my-pack.toml\"\n");
    write(&config, &text);
}

/// Replaces `from` with `to` once in the pack, failing loudly if absent.
fn replaced(pack: String, from: &str, to: &str) -> String {
    assert!(pack.contains(from), "the pack no longer contains {from:?}");
    pack.replacen(from, to, 1)
}

fn messages(report: &serde_json::Value, code: &str) -> Vec<String> {
    with_code(report, code).iter().filter_map(|f| f["message"].as_str().map(String::from)).collect()
}

/// The clean fixture without its statement of the improvement condition.
fn repo_without_improvement() -> tempfile::TempDir {
    let repo = clean_repo();
    edit(
        &clean_file(&repo, "agreement.md"),
        "are likely to lead to an improvement in the way those functions are exercised",
        "are appropriate",
    );
    repo
}

#[test]
fn changing_a_citation_in_the_pack_changes_the_message() {
    let repo = repo_without_improvement();
    let unverified = |m: &str| format!("statutory basis unverified: {m}");
    let (before, _) = validate_json(repo.path(), &[]);
    let m = messages(&before, "statute.unmet-unverified");
    assert!(m.iter().any(|m| m.starts_with(&unverified("SI 2000/617 reg 4(1) †: "))), "{before:#}");

    use_pack(repo.path(), |p| {
        replaced(p, "citation = \"SI 2000/617 reg 4(1) †\"", "citation = \"SI 2000/617 regulation 4(1) †\"")
    });
    let (after, _) = validate_json(repo.path(), &[]);
    let m = messages(&after, "statute.unmet-unverified");
    assert!(m.iter().any(|m| m.starts_with(&unverified("SI 2000/617 regulation 4(1) †: "))), "{after:#}");
    assert!(!m.iter().any(|m| m.starts_with(&unverified("SI 2000/617 reg 4(1) †: "))));
}

#[test]
fn the_flag_in_the_pack_decides_error_or_warning() {
    // Reg 4(1) is a condition of entering the arrangements; that the
    // agreement must recite it is not in the Regulations, so the built-in
    // pack marks it unverified (†): a missing recital is a warning.
    let repo = repo_without_improvement();
    let (report, code) = validate_json(repo.path(), &[]);
    assert!(messages(&report, "statute.unmet").is_empty(), "{report:#}");
    assert_eq!(code, 0);
    // A repository whose lawyers decide it is required marks it verified: an error.
    use_pack(repo.path(), |p| {
        let at = p.find("id = \"gen.condition.improvement\"").expect("requirement");
        let (head, tail) = p.split_at(at);
        format!("{head}{}", tail.replacen("verified = false", "verified = true", 1))
    });
    let (report, code) = validate_json(repo.path(), &[]);
    assert!(messages(&report, "statute.unmet").iter().any(|m| m.starts_with("SI 2000/617 reg 4(1) †: ")), "{report:#}");
    assert_eq!(code, 1);
}

#[test]
fn changing_an_abolition_date_in_the_pack_changes_whether_a_party_exists() {
    // The 2022 pooled fund begins on 1 April 2022, while the CCG exists. If
    // the pack said CCGs were abolished on 1 April 2022, the CCG could not
    // be a partner at all.
    let repo = tempfile::TempDir::new().expect("temp dir");
    copy_into(
        &crate_dir().join("agreements/coventry-mh-pool-2022"),
        &repo.path().join("agreements/coventry-mh-pool-2022"),
    );
    let (before, _) = validate_json(repo.path(), &[]);
    assert!(messages(&before, "statute.unmet").is_empty(), "{before:#}");

    use_pack(repo.path(), |p| replaced(p, "abolished = 2022-07-01", "abolished = 2022-04-01"));
    let (after, code) = validate_json(repo.path(), &[]);
    let m = messages(&after, "statute.unmet");
    assert_eq!(m.len(), 1, "{after:#}");
    assert!(
        m[0].contains("ceased to exist on 1 April 2022, before the term began on 1 April 2022")
            && m[0].contains("(gen.nhs.in_existence)"),
        "{}",
        m[0]
    );
    assert_eq!(code, 1);
}

#[test]
fn changing_an_excluded_word_changes_what_is_excluded() {
    let repo = clean_repo();
    let (before, _) = validate_json(repo.path(), &[]);
    assert!(messages(&before, "statute.unmet-unverified").is_empty());
    use_pack(repo.path(), |p| replaced(p, "\"radiotherapy\",", "\"radiotherapy\", \"care and support planning\","));
    let (after, _) = validate_json(repo.path(), &[]);
    let m = messages(&after, "statute.unmet-unverified");
    assert!(
        m.iter().any(|m| m.contains("\"Care and support planning\" concerns care and support planning")),
        "{after:#}"
    );
}

fn run_with_pack(pack: &str) -> (i32, String) {
    let repo = clean_repo();
    use_pack(repo.path(), |_| pack.to_string());
    let out = s75().current_dir(repo.path()).args(["validate"]).output().expect("run s75");
    (out.status.code().unwrap_or(-1), stderr(&out))
}

#[test]
fn a_pack_naming_an_unknown_fact_is_a_load_error_at_its_line() {
    let pack = replaced(builtin_pack(), "metadata = [\"host set\"]", "metadata = [\"host is set\"]");
    let line = 1 + pack[..pack.find("\"host is set\"").expect("edited")].matches('\n').count();
    let (code, err) = run_with_pack(&pack);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("my-pack.toml:{line}: statute pack: unknown fact \"host is set\"")), "{err}");
}

#[test]
fn malformed_toml_in_a_pack_is_a_load_error_at_its_line() {
    let pack = replaced(builtin_pack(), "verified = true\nsources = [\"S2\"]", "verified = true\nsources = [\"S2\"");
    let (code, err) = run_with_pack(&pack);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("my-pack.toml:") && err.contains("statute pack"), "{err}");
}

#[test]
fn an_unknown_key_or_source_in_a_pack_is_reported() {
    let (code, err) = run_with_pack(&replaced(builtin_pack(), "verified = true\n", "verfied = true\n"));
    assert_eq!(code, 2);
    assert!(err.contains("my-pack.toml:") && err.contains("verfied"), "{err}");
    let (code, err) = run_with_pack(&replaced(builtin_pack(), "sources = [\"S2\"]", "sources = [\"S99\"]"));
    assert_eq!(code, 2);
    assert!(err.contains("source `S99` is not listed in [sources]"), "{err}");
}

#[test]
fn the_rules_are_listed_and_explained() {
    let out = s75().args(["rules"]).output().expect("run s75");
    let list = stdout(&out);
    for code in [
        "statute.unmet",
        "statute.unmet-unverified",
        "statute.declared-clause-missing",
        "statute.unknown-requirement",
        "statute.declared-not-applicable",
    ] {
        assert!(list.lines().any(|l| l.starts_with(code)), "{code} not listed:\n{list}");
        let out = s75().args(["explain", code]).output().expect("run s75");
        assert_eq!(out.status.code(), Some(0), "{code}");
    }
    let explained = stdout(&s75().args(["explain", "statute.unmet"]).output().expect("run s75"));
    assert!(explained.contains("pool.aims_outcomes — SI 2000/617 reg 7(3)(a)"), "{explained}");
    let explained = stdout(&s75().args(["explain", "statute.unmet-unverified"]).output().expect("run s75"));
    assert!(explained.contains("pool.host_partner — SI 2000/617 reg 7(4) †"), "{explained}");
}

#[test]
fn the_manual_lists_every_fact_and_code() {
    let manual = std::fs::read_to_string(crate_dir().join("docs/rule-packs.md")).expect("docs/rule-packs.md");
    for (name, _, _) in s75::rules::statute::facts::Fact::ALL {
        assert!(manual.contains(&format!("| `{name}` |")), "docs/rule-packs.md does not describe the fact \"{name}\"");
    }
    let out = s75().args(["rules"]).output().expect("run s75");
    for code in stdout(&out).lines().filter_map(|l| l.split_whitespace().next()).filter(|c| c.starts_with("statute.")) {
        assert!(manual.contains(&format!("| `{code}` |")), "docs/rule-packs.md does not list {code}");
    }
}
