//! The files users actually have: CRLF line endings and a byte-order mark
//! (git on Windows, Word-minded editors), references to clauses of other
//! documents, schedule paragraphs numbered on across Parts, and "Not used"
//! clauses kept to hold a number.

use std::path::Path;

use serde_json::Value;

use crate::common::diff::{diff_pair, pair};
use crate::common::*;

const BODY: &str = "agreements/example-delegation/agreement.md";
const SCHEDULE_1: &str = "agreements/example-delegation/schedules/01-aims-and-outcomes.md";

/// Rewrites every `.md` and `.toml` file under `dir` with `convert`.
fn convert_all(dir: &Path, convert: impl Fn(&str) -> Vec<u8>) {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk");
        let is_source = entry.path().extension().is_some_and(|e| e == "md" || e == "toml");
        if entry.file_type().is_file() && is_source {
            let text = std::fs::read_to_string(entry.path()).expect("read");
            std::fs::write(entry.path(), convert(&text)).expect("write");
        }
    }
}

fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

fn bom_crlf(text: &str) -> Vec<u8> {
    [&b"\xEF\xBB\xBF"[..], &crlf(text)].concat()
}

/// The 2019 agreement alone in a new repository.
fn coventry_repo() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("temp dir");
    copy_into(&coventry_2019(), &dir.path().join("agreements/coventry-cwpt-2019"));
    dir
}

#[test]
fn crlf_and_bom_files_give_the_findings_of_their_lf_twins_at_the_same_lines_and_columns() {
    let repo = coventry_repo();
    let (lf, lf_code) = validate_json(repo.path(), &[]);
    let findings = lf["findings"].as_array().expect("findings");
    assert!(findings.len() > 50, "the 2019 agreement has many findings: {lf:#}");
    assert!(findings.iter().any(|f| f["line"].as_u64() > Some(1) && f["column"].as_u64() > Some(1)), "{lf:#}");

    convert_all(repo.path(), crlf);
    let (crlf_report, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, lf_code);
    assert_eq!(crlf_report["findings"], lf["findings"], "CRLF changed the findings");

    // A BOM is invisible in an editor: columns on line 1 do not count it.
    convert_all(repo.path(), |t| bom_crlf(&t.replace("\r\n", "\n")));
    let body = std::fs::read(repo.path().join("agreements/coventry-cwpt-2019/agreement.md")).expect("read");
    assert!(
        body.starts_with(b"\xEF\xBB\xBF") && body.windows(2).any(|w| w == b"\r\n"),
        "the test wrote a BOM and CRLF"
    );
    let (bom_report, code) = validate_json(repo.path(), &[]);
    assert_eq!(code, lf_code);
    assert_eq!(bom_report["findings"], lf["findings"], "a BOM changed the findings");
}

#[test]
fn human_output_of_a_crlf_file_shows_its_lines_without_carriage_returns() {
    let repo = clean_repo();
    edit(&clean_file(&repo, "agreement.md"), "under Clause 10.", "under Clause 19.");
    convert_all(repo.path(), crlf);
    let out = s75().current_dir(repo.path()).arg("validate").output().expect("run s75");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let line = std::fs::read_to_string(repo.path().join(BODY))
        .expect("read")
        .lines()
        .position(|l| l.contains("under Clause 19."))
        .expect("edited line")
        + 1;
    let col = "2.1 This Agreement takes effect on the Commencement Date and continues for the Term unless terminated earlier under ".chars().count() + 1;
    assert!(text.contains(&format!("{BODY}:{line}:{col}")), "{text}");
    assert!(!text.contains('\r'), "a CR reached the report: {text:?}");
}

#[test]
fn a_crlf_agreement_with_a_bom_renders_and_verifies_unchanged() {
    let repo = clean_repo();
    convert_all(repo.path(), bom_crlf);
    let render = s75()
        .current_dir(repo.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", "agreements/example-delegation", "--format", "html", "-o", "pack.html"])
        .output()
        .expect("run s75 render");
    assert_eq!(render.status.code(), Some(0), "{}\n{}", stdout(&render), stderr(&render));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("pack.html.manifest.json")).expect("manifest"))
            .expect("manifest is JSON");
    // The pack binds the bytes on disk, CRs and BOM included.
    let manifest_text = manifest.to_string();
    let disk = std::fs::read(repo.path().join(BODY)).expect("read");
    let lf = String::from_utf8(disk[3..].to_vec()).expect("utf-8").replace("\r\n", "\n");
    assert!(manifest_text.contains(&sha256_hex(&disk)), "{manifest:#}");
    assert!(!manifest_text.contains(&sha256_hex(lf.as_bytes())), "{manifest:#}");

    let verify = |args: &[&str]| s75().current_dir(repo.path()).arg("verify").args(args).output().expect("verify");
    let out = verify(&["pack.html"]);
    assert_eq!(out.status.code(), Some(0), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).starts_with("unchanged:"), "{}", stdout(&out));

    // Converting the endings back changes the bytes the pack was signed on.
    std::fs::write(repo.path().join(BODY), lf).expect("write");
    let out = verify(&["pack.html"]);
    assert_eq!(out.status.code(), Some(1), "{}\n{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("modified: agreements/example-delegation/agreement.md"), "{}", stdout(&out));
}

fn sha256_hex(bytes: &[u8]) -> String {
    s75::render::fingerprint::sha256_hex(bytes)
}

#[test]
fn diff_of_a_crlf_copy_against_its_lf_twin_shows_no_changes() {
    let repo = pair();
    convert_all(&repo.path().join("agreements/new"), bom_crlf);
    let (report, code) = diff_pair(&repo);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["differences"], false, "{report:#}");
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or("").to_string())
        .collect()
}

const PAYMENTS: &str = "The Partners may vary the payment by written agreement under Clause 11.";

#[test]
fn references_to_clauses_of_other_documents_are_not_checked() {
    let other = "The Partners may vary the payment by written agreement under Clause 11. \
        Any payment to the provider under clause 31 of the Reablement Contract is expenditure on the Services. \
        Clause 5.2 of the Original Agreement no longer applies, and paragraph 7 of Schedule 3 to the Original Agreement is replaced. \
        Seconded Staff remain subject to paragraph 14 of the Council's Disciplinary Procedure and to clause 9 in the Secondment Agreement.";
    let (_, report) = validate_with(&[(BODY, PAYMENTS, other)]);
    // The fixture names those documents without defining them: that is `terms.undefined`'s business.
    let found: Vec<String> = codes(&report).into_iter().filter(|c| c != "terms.undefined").collect();
    assert_eq!(found, Vec::<String>::new(), "{report:#}");
}

#[test]
fn references_to_this_agreement_and_its_schedules_are_still_checked() {
    let this = "The Partners may vary the payment by written agreement under Clause 11. \
        Clause 31 of this Agreement applies to any payment, as does clause 32 of the Partnership Agreement, \
        paragraph 9 of Schedule 1 and Schedule 7 of the Agreement.";
    let (repo, report) = validate_with(&[(BODY, PAYMENTS, this)]);
    let found: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["code"].as_str().unwrap_or(""), f["message"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            ("xref.missing-target", "Clause 31 does not exist"),
            ("xref.missing-target", "Clause 32 does not exist"),
            ("xref.missing-target", "paragraph 9 of Schedule 1 does not exist"),
            ("xref.missing-target", "Schedule 7 does not exist"),
        ],
        "{report:#}"
    );
    let text = std::fs::read_to_string(repo.path().join(BODY)).expect("read");
    let line = text.lines().position(|l| l.contains("Clause 31 of this Agreement")).expect("line") as u64 + 1;
    assert!(report["findings"].as_array().expect("findings").iter().all(|f| f["line"] == line), "{report:#}");
}

fn schedule_in_parts(repo: &tempfile::TempDir) {
    let text = std::fs::read_to_string(fixture("real-files/01-functions-in-parts.md")).expect("fixture");
    write(&repo.path().join(SCHEDULE_1), &text);
}

#[test]
fn schedule_paragraphs_numbered_on_across_parts_are_not_a_gap() {
    let repo = clean_repo();
    schedule_in_parts(&repo);
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn a_gap_in_schedule_paragraphs_numbered_on_across_parts_is_found() {
    let repo = clean_repo();
    schedule_in_parts(&repo);
    edit(&repo.path().join(SCHEDULE_1), "6\\. The Partners may", "7\\. The Partners may");
    let (report, _) = validate_json(repo.path(), &[]);
    let numbering: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("numbering.")))
        .collect();
    assert_eq!(numbering.len(), 1, "{report:#}");
    assert_eq!(numbering[0]["code"], "numbering.gap");
    assert_eq!(numbering[0]["file"], SCHEDULE_1);
    assert_eq!(numbering[0]["message"], "6 is missing: 7 follows 5 in Schedule 1", "{report:#}");

    // A Part restarting at 1 is still its own sequence.
    let repo = clean_repo();
    schedule_in_parts(&repo);
    for (from, to) in [
        ("4\\. The outcomes", "1\\. The outcomes"),
        ("4.1 people", "1.1 people"),
        ("4.2 carers", "1.2 carers"),
        ("5\\. The Trust", "2\\. The Trust"),
        ("6\\. The Partners", "3\\. The Partners"),
    ] {
        edit(&repo.path().join(SCHEDULE_1), from, to);
    }
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn a_not_used_clause_never_referred_to_is_fine() {
    const LAW: &str = "## 13 Governing Law\n\n13.1 This Agreement";
    for kept in [
        "## 13 Not used",
        "## 13 NOT USED",
        "## 13 [Not used]",
        "## 13. Intentionally left blank",
        "## 13 Deliberately blank",
        "13 Not used.",
    ] {
        let with = format!("{kept}\n\n## 14 Governing Law\n\n14.1 This Agreement");
        let (_, report) = validate_with(&[(BODY, LAW, &with)]);
        assert_eq!(codes(&report), Vec::<String>::new(), "{kept:?}: {report:#}");
    }
    // A sub-clause and a schedule paragraph kept the same way.
    let law = "13.1 This Agreement is governed by the law of England and Wales.";
    let sub = format!("{law}\n\n13.2 [Not used]\n\n13.3 Each Partner shall bear its own costs.");
    let para = "2.2 carers are offered an assessment of their own needs.\n\n2.3 Intentionally left blank.\n\n2.4 people are reviewed each year.";
    let (_, report) = validate_with(&[
        (BODY, law, &sub),
        (SCHEDULE_1, "2.2 carers are offered an assessment of their own needs.", para),
    ]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
}
