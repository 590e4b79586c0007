//! Every rule's example, as `s75 explain` prints it, fires that rule: each
//! is put where it says it goes, in a copy of the clean fixture (on which no
//! rule fires), and the real binary validates the result.

use std::path::Path;

use crate::common::*;

/// The parts of `s75 explain CODE`'s example: (where it goes, its text).
fn example_of(code: &str) -> Vec<(String, String)> {
    let out = s75().args(["explain", code]).output().unwrap();
    assert!(out.status.success(), "explain {code}: {}", stderr(&out));
    let text = stdout(&out);
    let start = text.find("\nExample (").unwrap_or_else(|| panic!("{code}: no example in\n{text}"));
    let mut parts: Vec<(String, String)> = Vec::new();
    for line in text[start + 1..].lines() {
        let header = line.strip_prefix("Example (").or_else(|| line.strip_prefix("and ("));
        match header.and_then(|h| h.strip_suffix("):")) {
            Some(place) => parts.push((place.to_string(), String::new())),
            None if line.is_empty() => {}
            None => {
                let text = &mut parts.last_mut().expect("a part").1;
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(line.strip_prefix("    ").unwrap_or_else(|| panic!("{code}: unindented {line:?}")));
            }
        }
    }
    // `s75 explain` shows a NUL as `\0` and an empty file in words.
    for (_, text) in &mut parts {
        *text = if text == "(an empty file)" { String::new() } else { text.replace("\\0", "\0") };
    }
    parts
}

/// Puts one part of an example where `place` says it goes.
fn apply(repo: &Path, place: &str, text: &str) {
    let dir = repo.join("agreements").join(CLEAN_ID);
    let body = dir.join("agreement.md");
    match place {
        "in agreement.md, among the clauses" => {
            let signed = "This Agreement was signed on the date above.";
            edit(&body, signed, &format!("{text}\n\n{signed}"));
        }
        "agreement.md's date line" => {
            let old = std::fs::read_to_string(&body).unwrap();
            let (_, rest) = old.split_once('\n').unwrap();
            write(&body, &format!("{text}\n{rest}"));
        }
        "in agreement.md, after the signature blocks" => {
            let old = std::fs::read_to_string(&body).unwrap();
            write(&body, &format!("{}\n\n{text}\n", old.trim_end()));
        }
        "a schedule file" => {
            write(&dir.join("schedules/03-example.md"), text);
            let toml = dir.join("agreement.toml");
            let old = std::fs::read_to_string(&toml).unwrap();
            let entry = "[[schedules]]\nnumber = \"3\"\ntitle = \"Example\"\nfile = \"schedules/03-example.md\"\n";
            write(&toml, &format!("{old}\n{entry}"));
        }
        "in agreement.toml" => {
            let toml = dir.join("agreement.toml");
            write(&toml, &replace_keys(&std::fs::read_to_string(&toml).unwrap(), text));
        }
        "in s75.toml" => {
            let config = repo.join("s75.toml");
            let old = std::fs::read_to_string(&config).unwrap();
            write(&config, &format!("{old}\n{text}\n"));
        }
        other => panic!("an example part goes somewhere the test does not know: {other:?}"),
    }
}

/// `base` with each top-level key and table of `example` replacing its own;
/// the example's opening comment lines (an import's header) stay on top.
fn replace_keys(base: &str, example: &str) -> String {
    let mut table: toml::Table = base.parse().expect("the fixture's agreement.toml");
    let replacing: toml::Table = example.parse().unwrap_or_else(|e| panic!("example is not TOML: {e}\n{example}"));
    table.extend(replacing);
    let header: Vec<&str> = example.lines().take_while(|l| l.starts_with('#')).collect();
    let header = if header.is_empty() { String::new() } else { format!("{}\n", header.join("\n")) };
    format!("{header}{}", toml::to_string(&table).expect("TOML"))
}

#[test]
fn every_rules_example_fires_it_in_a_clean_agreement() {
    let (clean, _) = validate_json(clean_repo().path(), &[]);
    assert!(codes(&clean).is_empty(), "the clean fixture must be silent for this test to mean anything: {clean:#}");
    let out = s75().args(["rules", "--json"]).output().unwrap();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut silent = Vec::new();
    for rule in &rules {
        let code = rule["code"].as_str().unwrap();
        let repo = clean_repo();
        for (place, text) in example_of(code) {
            apply(repo.path(), &place, &text);
        }
        let (report, _) = validate_json(repo.path(), &[]);
        if with_code(&report, code).is_empty() {
            silent.push(format!("{code}: {:?}", codes(&report)));
        }
    }
    assert!(silent.is_empty(), "examples that do not fire their rule:\n{}", silent.join("\n"));
}

#[test]
fn the_harness_adds_a_clause_without_a_finding() {
    // The harness itself: the clean fixture with an innocuous clause added fires nothing.
    let repo = clean_repo();
    apply(repo.path(), "in agreement.md, among the clauses", "## 14 Notices\n\n14.1 Notices shall be in writing.");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(codes(&report).is_empty(), "{report:#}");
}
