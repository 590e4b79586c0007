//! `s75 import FILE.docx`: Word files read with the numbers Word displays.
//!
//! The two Word files of the development corpus number their clauses with
//! Word's automatic numbering, so the numbers are in `numbering.xml`, not in
//! the text. The expected text comes from elsewhere: LibreOffice's own
//! conversion of the same file to text, and the corpus's text version of the
//! same agreement (its typed numbers, its cross-references).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use tempfile::TempDir;

use crate::common::render::tool;
use crate::common::*;

const CLEAN: &str = "clean-pool-2023-five-parties";
const WORD_COPIED: &str = "word-copied-2021";

fn docx(name: &str) -> PathBuf {
    fixture(&format!("import/docx/{name}.docx"))
}

/// The text s75 hands to its text importer for a .docx.
fn s75_text(name: &str) -> String {
    s75::import::import_source_text(&docx(name)).expect("the .docx reads")
}

/// LibreOffice's text of each fixture (`soffice --convert-to txt:Text`),
/// converted once: its own profile directory, so runs never share a lock.
fn libreoffice_text(name: &str) -> String {
    static OUT: OnceLock<TempDir> = OnceLock::new();
    let dir = OUT.get_or_init(|| {
        let dir = TempDir::new().expect("temp dir");
        let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
        let out = Command::new(tool("soffice"))
            .args([profile.as_str(), "--headless", "--convert-to", "txt:Text", "--outdir"])
            .arg(dir.path())
            .args([docx(CLEAN), docx(WORD_COPIED)])
            .output()
            .expect("run soffice");
        assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
        dir
    });
    let path = dir.path().join(format!("{name}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lines as a reader sees them: trimmed, spacing collapsed, blank lines
/// dropped. LibreOffice writes each table cell on a line of its own, s75 a
/// row of cells; both become one line a cell.
fn displayed_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c.is_control());
        let cells: Vec<&str> = match line.strip_prefix("| ").and_then(|l| l.strip_suffix(" |")) {
            Some(row) => row.split(" | ").collect(),
            None => vec![line],
        };
        for cell in cells {
            let words = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    out
}

/// The number a paragraph starts with (`1.`, `1.1`, `1.2.3`, `(a)`, `(iv)`, `(A)`).
fn leading_number(line: &str) -> Option<&str> {
    let first = line.split_whitespace().next()?;
    let dotted = first
        .trim_end_matches('.')
        .split('.')
        .all(|c| !c.is_empty() && c.len() <= 3 && c.bytes().all(|b| b.is_ascii_digit()));
    let item = first.len() <= 6
        && first.starts_with('(')
        && first.ends_with(')')
        && first[1..first.len() - 1].chars().all(|c| c.is_ascii_alphanumeric());
    (dotted || item).then_some(first)
}

#[test]
fn each_docx_reads_as_libreoffice_displays_it() {
    for name in [CLEAN, WORD_COPIED] {
        let ours = displayed_lines(&s75_text(name));
        let theirs = displayed_lines(&libreoffice_text(name));
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(a, b, "{name}: paragraph {} differs from LibreOffice's", i + 1);
        }
        assert_eq!(ours.len(), theirs.len(), "{name}: s75 and LibreOffice differ in paragraph count");
    }
}

#[test]
fn automatic_numbers_are_the_typed_numbers_of_the_text_version() {
    // The corpus's text version types every number Word computes, one
    // paragraph per blank-line-separated block from the agreement's first
    // line on (its cover page sets the parties on consecutive lines).
    let from_start = |text: &str| text[text.find("THIS AGREEMENT").expect("start")..].to_string();
    let typed = std::fs::read_to_string(fixture(&format!("import/docx/{CLEAN}.txt"))).expect("text version");
    let typed: Vec<String> =
        from_start(&typed).split("\n\n").filter_map(|block| leading_number(block.trim()).map(str::to_string)).collect();
    let shown = from_start(&s75_text(CLEAN));
    let shown: Vec<String> = shown.lines().filter_map(|l| leading_number(l.trim()).map(str::to_string)).collect();
    assert_eq!(shown, typed);
    // Word's 111 numbered paragraphs, and 5 parties and 5 recitals typed by hand.
    assert_eq!(shown.len(), 121);
    for n in ["1.", "1.1", "1.2.4", "9.1", "(c)", "25.4", "(E)"] {
        assert!(shown.iter().any(|s| s == n), "{n} missing from {shown:?}");
    }
}

#[test]
fn cross_references_of_the_word_copied_text_resolve_against_the_docx_numbers() {
    // The text version lost its numbering but kept "Clause 9.3" and the like.
    let text = std::fs::read_to_string(fixture(&format!("import/docx/{WORD_COPIED}.txt"))).expect("text version");
    let shown = s75_text(WORD_COPIED);
    let numbers: Vec<&str> = shown.lines().filter_map(|l| leading_number(l.trim())).collect();
    let refs: Vec<&str> = text
        .split("Clause ")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
            Some(rest[..end].trim_end_matches('.')).filter(|r| !r.is_empty())
        })
        .collect();
    assert!(refs.len() >= 8, "{refs:?}");
    for r in refs {
        let clause = format!("{r}.");
        assert!(
            numbers.iter().any(|n| *n == r || *n == clause),
            "Clause {r} is not a number of the .docx: {numbers:?}"
        );
    }
    // The text version has no clause numbers at all: they are all Word's.
    assert!(text.lines().all(|l| !l.starts_with("9.3 ")));
    assert!(shown.lines().any(|l| l.starts_with("9.3 ")), "{shown}");
}

#[test]
fn tables_keep_their_cells_in_rows() {
    let shown = s75_text(CLEAN);
    assert!(
        shown.lines().any(|l| l == "| County Council | 3,250,000 | 3,347,500 | 3,447,900 |"),
        "no contributions row in:\n{shown}"
    );
}

/// `s75 import` on a .docx in a temp repository: exit status and files.
fn import(file: &Path, id: &str) -> (std::process::Output, TempDir) {
    let dir = TempDir::new().expect("temp dir");
    let out =
        s75().current_dir(dir.path()).args(["import", "--id", id, "--out", "out"]).arg(file).output().expect("run");
    (out, dir)
}

#[test]
fn import_writes_an_agreement_folder_from_a_docx() {
    let (out, dir) = import(&docx(CLEAN), "clean-2023");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(dir.path().join("out/agreement.md")).expect("agreement.md");
    let toml = std::fs::read_to_string(dir.path().join("out/agreement.toml")).expect("agreement.toml");
    // The numbers Word shows are in the Markdown, and the source is named.
    assert!(md.lines().any(|l| l.contains("1.1 The following definitions apply")), "{md}");
    assert!(md.lines().any(|l| l.contains("9.1 The Pooled Fund Manager shall give each Partner")), "{md}");
    assert!(toml.contains("clean-pool-2023-five-parties.docx"), "{toml}");
    assert!(dir.path().join("out/schedules").is_dir());
}

/// A zip with the given parts (stored, not compressed).
fn zip_file(dir: &Path, name: &str, parts: &[(&str, &str)]) -> PathBuf {
    use std::io::Write as _;
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (part, text) in parts {
        zip.start_file(*part, options).expect("start part");
        zip.write_all(text.as_bytes()).expect("write part");
    }
    zip.finish().expect("finish zip");
    path
}

const TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// The input is refused with one message naming it, exit 2, nothing written.
fn assert_refused(file: &Path, expected: &str) {
    let (out, dir) = import(file, "bad");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&file.display().to_string()) && stderr.contains(expected), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(!dir.path().join("out").exists(), "files were written for {}", file.display());
}

#[test]
fn files_that_are_not_readable_word_documents_are_refused() {
    let dir = TempDir::new().expect("temp dir");
    let pdf = dir.path().join("agreement.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n").expect("write");
    assert_refused(&pdf, "a PDF");

    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let protected = dir.path().join("protected.docx");
    std::fs::write(&protected, encrypted).expect("write");
    assert_refused(&protected, "password-protected Word file");
    let legacy = dir.path().join("legacy.doc");
    std::fs::write(&legacy, ole).expect("write");
    assert_refused(&legacy, "Word 97-2003 .doc");

    let sheet = zip_file(
        dir.path(),
        "sheet.docx",
        &[
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", "<workbook/>"),
        ],
    );
    assert_refused(&sheet, "not a Word document");
    let plain_zip = zip_file(dir.path(), "files.zip", &[("readme.txt", "hello")]);
    assert_refused(&plain_zip, "not a Word document");

    let broken = zip_file(
        dir.path(),
        "broken.docx",
        &[("[Content_Types].xml", TYPES), ("word/document.xml", "<w:document xmlns:w=\"x\"><w:body><w:p></w:body>")],
    );
    assert_refused(&broken, "a damaged Word file: word/document.xml: malformed XML");
    let missing = zip_file(dir.path(), "missing.docx", &[("[Content_Types].xml", TYPES)]);
    assert_refused(&missing, "word/document.xml: declared but missing");

    let real = std::fs::read(docx(CLEAN)).expect("fixture");
    let truncated = dir.path().join("truncated.docx");
    std::fs::write(&truncated, &real[..real.len() / 2]).expect("write");
    assert_refused(&truncated, "a damaged Word file");
}
