//! Signing packs hold every provision of the source: each bundled agreement
//! read back from its PDF (pdftotext) and HTML pack, and text written after
//! the signature blocks or a "Signed by" paragraph mid-body, which once
//! vanished from the pack while `render`, `validate` and `verify` all passed.

use std::path::Path;

use crate::common::render::*;
use crate::common::*;

fn render(repo: &Path, agreement: &str, format: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    s75()
        .current_dir(repo)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", agreement, "--format", format, "-o"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run s75 render")
}

/// The pack's text (squashed) read back from the file: pdftotext for a PDF,
/// the text of `<main>` for HTML.
fn pack_text(pack: &Path) -> String {
    if pack.extension().is_some_and(|e| e == "pdf") {
        squash(&pdf_text(pack))
    } else {
        squash(&html_text(&std::fs::read_to_string(pack).expect("read HTML pack")))
    }
}

/// Up to six words: enough to tell a block from its neighbours, few enough
/// to stay on one line of the page.
fn first_words(text: &str) -> String {
    text.split_whitespace().take(6).collect::<Vec<_>>().join(" ")
}

/// What must open each printed block, in order: its number and first words;
/// for a table row, its first non-empty cell.
fn openings(agreement: &s75::model::Agreement) -> Vec<(String, String)> {
    use s75::model::BlockKind;
    let mut out = Vec::new();
    for doc in agreement.documents() {
        for b in pack_blocks(doc) {
            let (line, _) = b.span.start();
            let opening = match b.kind {
                BlockKind::TableRow { .. } => {
                    b.text.split(" | ").map(first_words).find(|c| !c.is_empty()).unwrap_or_default()
                }
                _ => first_words(&b.display_text()),
            };
            if !opening.is_empty() {
                out.push((format!("{}:{line}", doc.file.path), opening));
            }
        }
    }
    out
}

/// Every opening is found, each after the one before it.
#[track_caller]
fn assert_all_in_order(pack: &Path, agreement: &s75::model::Agreement) {
    let text = pack_text(pack);
    let mut from = 0;
    for (at, opening) in openings(agreement) {
        let needle = squash(&opening);
        match text[from..].find(&needle) {
            Some(i) => from += i + needle.len(),
            None => panic!(
                "{}: the block at {at} (\"{opening}\") is missing, or out of order",
                pack.file_name().unwrap_or_default().to_string_lossy()
            ),
        }
    }
}

#[test]
fn every_block_of_every_bundled_agreement_is_in_its_pdf_and_html_pack() {
    let out = tempfile::TempDir::new().expect("temp");
    let ids: Vec<String> = std::fs::read_dir(crate_dir().join("agreements"))
        .expect("agreements/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(ids.len() >= 3, "the bundled agreements: {ids:?}");
    for id in &ids {
        let agreement = load(&crate_dir(), id);
        for format in ["pdf", "html"] {
            let pack = out.path().join(format!("{id}.{format}"));
            // --draft: the real 2019 agreement has errors, and completeness does not depend on them.
            assert_rendered(&render(&crate_dir(), &format!("agreements/{id}"), format, &pack, &["--draft"]));
            assert_all_in_order(&pack, &agreement);
        }
    }
}

/// The clean fixture with `text` appended to its body.
fn clean_with(text: &str) -> tempfile::TempDir {
    let repo = clean_repo();
    let body = clean_file(&repo, "agreement.md");
    let mut source = std::fs::read_to_string(&body).expect("body");
    source.push_str(text);
    write(&body, &source);
    repo
}

#[test]
fn a_clause_after_the_signature_blocks_is_printed_after_them_and_reported() {
    let repo =
        clean_with("\n## 14 Afterthought\n\n14.1 The Partners shall meet once a year to review this Agreement.\n");
    let (report, code) = validate_json(repo.path(), &["agreements/example-delegation"]);
    assert_eq!(code, 0, "a warning, not an error: {report:#}");
    let found = with_code(&report, "residue.after-execution");
    assert_eq!(found.len(), 1, "one finding: {report:#}");
    assert!(found[0]["message"].as_str().unwrap_or("").contains("14 Afterthought"), "{:#}", found[0]);
    assert!(codes(&report).iter().all(|c| c == "residue.after-execution"), "clause 14 follows 13: {report:#}");

    let agreement = load(repo.path(), CLEAN_ID);
    for format in ["pdf", "html"] {
        let pack = repo.path().join(format!("pack.{format}"));
        // Without --draft: the agreement passes validation.
        assert_rendered(&render(repo.path(), "agreements/example-delegation", format, &pack, &[]));
        assert_all_in_order(&pack, &agreement);
        let text = pack_text(&pack);
        let last_signature = text.rfind(&squash("Signed for and on behalf of")).expect("signature blocks");
        let clause = text.find(&squash("14.1 The Partners shall meet once a year")).expect("clause 14.1 in the pack");
        assert!(clause > last_signature, "{format}: printed after the signature blocks, where it was written");
        let out = s75().current_dir(repo.path()).args(["verify", &format!("pack.{format}")]).output().expect("verify");
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    }
}

#[test]
fn a_signed_by_paragraph_mid_body_stays_clause_text() {
    let repo = clean_repo();
    edit(
        &clean_file(&repo, "agreement.md"),
        "\n## 5 ",
        "\nSigned by both Partners, the annual report shall be sent to the Board.\n\n## 5 ",
    );
    let (report, code) = validate_json(repo.path(), &["agreements/example-delegation"]);
    assert_eq!(code, 0, "{report:#}");
    assert!(with_code(&report, "residue.after-execution").is_empty(), "no false alarm: {report:#}");
    let agreement = load(repo.path(), CLEAN_ID);
    assert_eq!(agreement.body.execution.len(), 2, "the two real signature blocks, not the paragraph");
    for format in ["pdf", "html"] {
        let pack = repo.path().join(format!("pack.{format}"));
        assert_rendered(&render(repo.path(), "agreements/example-delegation", format, &pack, &[]));
        assert_all_in_order(&pack, &agreement);
        assert!(pack_text(&pack).contains(&squash("Signed by both Partners, the annual report")), "{format}");
    }
}
