//! `s75 import` on the drafting styles issue 16 left: the old formal style
//! with `Article N - Heading` clauses, text pasted from Word whose automatic
//! numbers were lost, and the arrangements read from the sentences that make
//! them. The corpus agreements (copied into `tests/fixtures/corpus/`) and
//! variants written here in other forms of the same conventions.

use std::path::Path;

use tempfile::TempDir;

use crate::common::*;
use crate::import_corpus::{corpus, imported, metadata};

fn body(repo: &TempDir, id: &str) -> String {
    std::fs::read_to_string(repo.path().join("agreements").join(id).join("agreement.md")).expect("agreement.md")
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).map(|i| i as u64 + 1).expect(needle)
}

fn import_err(file: &Path, repo: &TempDir, id: &str) -> String {
    let out = s75().arg("import").arg(file).args(["--id", id]).current_dir(repo.path()).output().expect("run s75");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stderr(&out)
}

/// A new repository, as `s75 init` makes it.
fn new_repo() -> TempDir {
    let repo = TempDir::new().expect("temp dir");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(repo.path()).status();
    assert!(git.is_ok_and(|s| s.success()), "git init");
    assert!(s75().arg("init").current_dir(repo.path()).output().expect("s75 init").status.success());
    repo
}

/// A new repository with TEXT imported from a file named NAME.
fn imported_text(name: &str, text: &str, id: &str) -> (TempDir, String) {
    let src = TempDir::new().expect("temp dir");
    let file = src.path().join(name);
    std::fs::write(&file, text).expect("write");
    let repo = new_repo();
    let err = import_err(&file, &repo, id);
    (repo, err)
}

/// The provision numbers of a Markdown body, in order: `1.`, `1.1`, `8.2.1`.
fn numbers(md: &str) -> Vec<String> {
    md.lines()
        .map(|l| l.trim_start_matches("## "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_string)
        .collect()
}

#[test]
fn article_headings_are_clauses_and_the_missing_article_is_reported() {
    let repo = new_repo();
    let err = import_err(&corpus("lead-commissioning-2018.txt"), &repo, "lc");
    assert!(err.contains(": 19 clauses, 6 recitals, 17 definitions, 5 schedules"), "{err}");
    let md = body(&repo, "lc");
    // The headings keep the words the agreement prints.
    assert!(md.contains("\n## Article 1 - Definitions and Interpretation\n"), "{md}");
    assert!(md.contains("\n## Article 16 - Liabilities and Insurance\n"), "{md}");
    let (report, _) = validate_json(repo.path(), &[]);
    let gaps = with_code(&report, "numbering.gap");
    assert_eq!(gaps.len(), 1, "{report:#}");
    assert_eq!(gaps[0]["message"], "15 is missing: 16 follows 14 in the body");
    assert_eq!(gaps[0]["line"].as_u64(), Some(line_of(&md, "## Article 16 -")));
    // The lettered definitions are read: the near-miss of a defined term is found.
    let near = with_code(&report, "terms.near-miss");
    assert!(
        near.iter().any(|f| f["message"].as_str().is_some_and(|m| m.contains("Annual Carer's Report"))),
        "{near:#?}"
    );
    // The lines the signatories sign on are no placeholders; the one the drafter left is.
    let placeholders: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.contains("placeholder")))
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(placeholders, ["placeholder [insert name of officer] left in the text"]);
    // Dated, but every signature block is blank: not guessed signed, so no
    // "marked signed, but … has no signature" errors.
    assert!(with_code(&report, "residue.empty-execution").is_empty(), "{report:#}");
}

const FORMAL: &str = "THIS AGREEMENT is made the 3rd day of March 2017\n\nBETWEEN\n\n\
(1) EASTLEIGH BOROUGH COUNCIL of Civic Offices, Leigh Road, Eastleigh SO50 9YN (hereinafter called \"the Council\"); and\n\n\
(2) WEST HAMPTON NHS TRUST of 4 Mill Lane, Hampton HA1 2BB (hereinafter called \"the Trust\").\n\n\
WHEREAS\n\n\
(1) The Partners wish to integrate their services.\n\n\
NOW IT IS HEREBY AGREED as follows:\n\n\
ARTICLE 1: DEFINITIONS\n\n\
1.1 In this Agreement \"Services\" means the services in Schedule 1.\n\n\
ARTICLE 2\n\n\
COMMENCEMENT AND DURATION\n\n\
2.1 This Agreement shall come into force on 1 April 2017. Article 8 of the European Convention on Human Rights applies to the Services.\n\n\
Article 3. Review\n\n\
3.1 The Partners shall review the Services under Article 2.\n\n\
SCHEDULE 1\n\nSERVICES\n\n1. Day services.\n";

#[test]
fn article_headings_in_other_forms() {
    let (repo, err) = imported_text("formal.txt", FORMAL, "f");
    assert!(err.contains(": 3 clauses,"), "{err}");
    let md = body(&repo, "f");
    for heading in ["## ARTICLE 1: DEFINITIONS", "## ARTICLE 2 COMMENCEMENT AND DURATION", "## Article 3. Review"] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading}\n{md}");
    }
    // A citation of another instrument's article stays text.
    assert!(md.contains("\n2.1 This Agreement shall come into force on 1 April 2017. Article 8 of"), "{md}");
    let (report, _) = validate_json(repo.path(), &[]);
    let numbering: Vec<_> = codes(&report).into_iter().filter(|c| c.starts_with("numbering.")).collect();
    assert_eq!(numbering, Vec::<String>::new(), "{report:#}");
    let toml = std::fs::read_to_string(repo.path().join("agreements/f/agreement.toml")).expect("toml");
    assert!(
        toml.contains("# The date line (source line 1) reads: THIS AGREEMENT is made the 3rd day of March 2017"),
        "{toml}"
    );
}

#[test]
fn numbers_lost_in_pasting_are_rebuilt_as_word_numbers_them() {
    let text = s75::import::import_file(&corpus("word-copied-2021.txt"), &s75::import::ImportOptions::new("t"))
        .expect("imports");
    let word =
        s75::import::import_file(&fixture("import/docx/word-copied-2021.docx"), &s75::import::ImportOptions::new("d"))
            .expect("imports");
    let md = |i: &s75::import::Imported| {
        i.files.iter().find(|f| f.path.ends_with("agreement.md")).map(|f| f.contents.clone()).expect("body")
    };
    let (rebuilt, shown_by_word) = (numbers(&md(&text)), numbers(&md(&word)));
    // The .docx numbers 83 paragraphs: 73 in the body, 10 in the schedules.
    assert_eq!(rebuilt.len(), 73);
    assert_eq!(rebuilt, shown_by_word);
    assert_eq!(text.summary.clauses, 21);
    assert_eq!(text.summary.notes.len(), 1);
    assert!(text.summary.notes[0].contains("9 of the text's 9 references to clauses land on a provision"));
}

#[test]
fn after_rebuilding_the_references_resolve_and_the_note_is_said_once() {
    let repo = new_repo();
    let err = import_err(&corpus("word-copied-2021.txt"), &repo, "w");
    assert_eq!(err.matches("note: ").count(), 1, "{err}");
    assert!(err.contains("21 clauses were numbered from their headings"), "{err}");
    let toml = std::fs::read_to_string(repo.path().join("agreements/w/agreement.toml")).expect("toml");
    assert!(toml.contains("# Note: the text has no clause numbers"), "{toml}");
    let md = body(&repo, "w");
    assert!(md.contains("\n## 9. Financial Reporting\n"), "{md}");
    assert!(md.contains("\n9.3 The Pooled Fund Manager shall provide an Annual Return"), "{md}");
    let (report, _) = validate_json(repo.path(), &[]);
    let to_clauses: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("xref.")))
        .filter(|f| f["message"].as_str().is_some_and(|m| m.starts_with("Clause")))
        .collect();
    assert_eq!(to_clauses, Vec::<&serde_json::Value>::new());
    // The definitions are in a definitions clause now: an unused one is found.
    let unused = with_code(&report, "terms.unused");
    assert!(
        unused.iter().any(|f| f["message"].as_str().is_some_and(|m| m.contains("Looked After Child"))),
        "{report:#}"
    );
}

#[test]
fn numbers_the_references_do_not_vouch_for_are_not_rebuilt() {
    let original = std::fs::read_to_string(corpus("word-copied-2021.txt")).expect("corpus text");
    // A reference to a clause the headings cannot make: the numbering
    // cannot be the one the drafter saw.
    let text = original.replace("the return described in Clause 9.3;", "the return described in Clause 9.7;");
    let (repo, err) = imported_text("pasted.txt", &text, "p");
    assert_eq!(err.matches("the text has no clause numbers").count(), 1, "{err}");
    assert!(
        err.contains("were not rebuilt, because its reference to Clause 9.7 (line 39) would land on no rebuilt number"),
        "{err}"
    );
    assert!(err.contains(": 0 clauses,"), "{err}");
    let md = body(&repo, "p");
    assert!(!md.contains("## 1.") && !md.contains("\n9.3 "), "{md}");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(with_code(&report, "xref.missing-target").len() <= 1, "no flood of findings: {report:#}");
}

#[test]
fn the_arrangements_are_read_with_the_lines_that_make_them() {
    let kinds = |stem: &str| -> (Vec<String>, String) {
        let repo = imported(&corpus(&format!("{stem}.txt")), "a");
        let m = metadata(&repo, "a");
        let kinds = m
            .get("arrangements")
            .and_then(|a| a.as_array())
            .map(|a| a.iter().filter_map(|k| k.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        (kinds, std::fs::read_to_string(repo.path().join("agreements/a/agreement.toml")).expect("toml"))
    };
    // Lead commissioning: the council exercises the CCG's functions (reg 9), no pool.
    let (k, toml) = kinds("lead-commissioning-2018");
    assert_eq!(k, ["la-exercises-nhs-functions", "staff-goods-services"]);
    assert!(toml.contains("# the Council exercises the CCG's NHS functions (reg 9), source line 38"), "{toml}");
    assert!(toml.contains("source line 214"), "{toml}");
    // Delegation the other way round, and a pool beside it.
    let (k, _) = kinds("delegation-2019-trust-to-council");
    assert_eq!(k, ["la-exercises-nhs-functions"]);
    let (k, toml) = kinds("mental-health-2010-pct");
    assert_eq!(k, ["pooled-fund", "nhs-exercises-la-functions"]);
    assert!(
        toml.contains("the Foundation Trust exercises the Council's health-related functions (reg 8), source line 132")
    );
    // "Nothing in this Agreement delegates any function": a pool only.
    let (k, _) = kinds("bcf-2024-icb-host");
    assert_eq!(k, ["pooled-fund"]);
}

#[test]
fn the_incomplete_record_names_the_checks_it_stops() {
    // A deed of variation: the arrangements live in the Original Agreement.
    let repo = imported(&corpus("deed-of-variation-2022.txt"), "d");
    let (report, _) = validate_json(repo.path(), &[]);
    let incomplete = with_code(&report, "metadata.incomplete");
    assert_eq!(incomplete.len(), 1, "{report:#}");
    assert_eq!(incomplete[0]["severity"], "warning");
    let help = incomplete[0]["help"].as_str().unwrap_or("");
    assert!(
        help.ends_with(
            "until then these checks are skipped: the requirements of SI 2000/617 regs 7, 8 and 9 that depend on the arrangements (statute.unmet); commencement + length against expiry (dates.term-arithmetic)"
        ),
        "{help}"
    );
}

#[test]
fn tables_pasted_with_tabs_or_read_from_word_are_markdown_tables() {
    let table = "| Partner | 2021/22 (£) | 2022/23 (£) | 2023/24 (£) |\n| --- | --- | --- | --- |\n\
                 | Council | 2,410,000 | 2,458,200 | 2,507,400 |\n| CCG | 5,125,000 | 5,227,500 | 5,332,100 |\n\
                 | Total | 7,535,000 | 7,658,700 | 7,839,500 |\n";
    for file in [corpus("word-copied-2021.txt"), fixture("import/docx/word-copied-2021.docx")] {
        let repo = imported(&file, "w");
        let schedule = std::fs::read_to_string(repo.path().join("agreements/w/schedules/04-contributions.md"))
            .expect("schedule 4");
        assert!(schedule.contains(table), "{}:\n{schedule}", file.display());
        // The finance table gives the record its contributions.
        let m = metadata(&repo, "w");
        let rows = m["pooled_fund"]["contributions"].as_array().map_or(0, Vec::len);
        assert_eq!(rows, 6, "{}", file.display());
    }
}

#[test]
fn a_table_drawn_in_text_is_a_markdown_table() {
    let repo = imported(&corpus("bcf-2024-icb-host.txt"), "b");
    let schedule =
        std::fs::read_to_string(repo.path().join("agreements/b/schedules/02-individual-schemes-and-contributions.md"))
            .expect("schedule 2");
    assert!(schedule.contains("\n| No. | Individual Scheme | Lead | 2024/25 (£) |\n| --- | --- | --- | --- |\n| 1 | Home-based intermediate care | ICB | 4,215,000 |\n"), "{schedule}");
    // The rules drawn between rows are layout; the total row is a row.
    assert!(
        schedule.contains(
            "\n| 7 | Assistive technology and telecare | Council | 675,000 |\n|  | TOTAL |  | 19,874,000 |\n\n"
        ),
        "{schedule}"
    );
    assert!(!schedule.contains("+---"), "{schedule}");
}
