//! Helpers for the `render_*` tests: the external programs that read packs
//! back (pdftotext, qpdf, Chromium), and text comparison that ignores line
//! breaking.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use s75::loading::{Repo, load_agreement};
use s75::model::Agreement;

pub const INSTALL_HINT: &str = "run scripts/install-test-deps.sh to install it";

/// The path of an external program the tests need. A missing one fails the
/// test with what to do: a check that cannot run must never pass.
pub fn tool(name: &str) -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    candidates
        .into_iter()
        .chain([PathBuf::from("/usr/bin").join(name)])
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("`{name}` is not installed: {INSTALL_HINT}"))
}

fn run(cmd: &mut Command, what: &str) -> std::process::Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e} ({INSTALL_HINT})"));
    assert!(out.status.success(), "{what} failed: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    out
}

/// The PDF's text in content-stream order (`pdftotext -raw`): each
/// paragraph's number, then its text, with the DRAFT watermark drawn first
/// on its page rather than interleaved.
pub fn pdf_text(pdf: &Path) -> String {
    let out = run(Command::new(tool("pdftotext")).args(["-raw", "-enc", "UTF-8"]).arg(pdf).arg("-"), "pdftotext");
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The text of each page.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed, so the last piece is empty.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `qpdf --check`: structure, cross-reference table, streams.
pub fn qpdf_check(pdf: &Path) -> String {
    let out =
        Command::new(tool("qpdf")).arg("--check").arg(pdf).output().unwrap_or_else(|e| panic!("cannot run qpdf: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "qpdf --check failed ({}):\n{text}", out.status);
    text
}

/// The titles of the PDF's bookmarks (outline), depth first.
pub fn pdf_bookmarks(pdf: &Path) -> Vec<String> {
    let out = run(Command::new(tool("qpdf")).args(["--json", "--json-key=outlines"]).arg(pdf), "qpdf --json");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("qpdf writes JSON");
    fn walk(items: &serde_json::Value, out: &mut Vec<String>) {
        for item in items.as_array().into_iter().flatten() {
            if let Some(t) = item["title"].as_str() {
                out.push(t.to_string());
            }
            walk(&item["kids"], out);
        }
    }
    let mut titles = Vec::new();
    walk(&json["outlines"], &mut titles);
    titles
}

/// The PDF document information (`pdfinfo`) as `key: value` lines.
pub fn pdf_info(pdf: &Path) -> String {
    let out = run(Command::new(tool("pdfinfo")).arg(pdf), "pdfinfo");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text with all whitespace removed: a comparison that does not care where
/// lines were broken.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that `needle` occurs in `hay`, ignoring whitespace.
#[track_caller]
pub fn assert_has(hay: &str, needle: &str, what: &str) {
    assert!(squash(hay).contains(&squash(needle)), "{what}: {needle:?} not found in:\n{hay}");
}

/// Chromium, headless, with a fresh profile, no network and logging to stderr.
fn chromium(extra: &[&str], page: &Path) -> std::process::Output {
    let url = format!("file://{}", page.canonicalize().expect("page exists").display());
    chromium_url(extra, &url)
}

/// As [`chromium`], for a URL (one with a `#fragment`, say).
pub fn chromium_url(extra: &[&str], url: &str) -> std::process::Output {
    let profile = tempfile::TempDir::new().expect("temp profile");
    let mut cmd = Command::new(tool("chromium"));
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(url);
    run(&mut cmd, "chromium")
}

/// The DOM Chromium built from the page, and the console messages it logged.
pub fn chromium_dom(page: &Path) -> (String, Vec<String>) {
    let out = chromium(&["--dump-dom"], page);
    let console =
        String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.contains("CONSOLE")).map(str::to_string).collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

/// The page printed by Chromium (A4 from the pack's print CSS), as PDF.
pub fn chromium_pdf(page: &Path, pdf: &Path) {
    chromium(&["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display())], page);
    assert!(pdf.is_file(), "chromium wrote no PDF");
}

/// Loads an agreement with the s75 library, to derive expected text from the model.
pub fn load(repo_root: &Path, id: &str) -> Agreement {
    let repo = Repo::find(repo_root).expect("agreement repository");
    load_agreement(&repo, &repo_root.join("agreements").join(id)).expect("agreement loads")
}

/// Every piece of text a reader should find in the pack: each block's text
/// (numbers separately, as they sit in their own column), table cells one
/// by one. Blocks of the authored signature section are replaced by the
/// generated execution blocks, so they are left out.
pub fn expected_texts(a: &Agreement) -> Vec<String> {
    use s75::model::{BlockKind, Section};
    let mut out = Vec::new();
    let start_of_signatures = |d: &s75::model::Document| {
        d.execution
            .first()
            .and_then(|e| d.blocks.iter().position(|b| b.span.range == e.heading.span.range))
            .unwrap_or(d.blocks.len())
    };
    for doc in a.documents() {
        let end = start_of_signatures(doc);
        for b in &doc.blocks[..end] {
            if b.section == Section::Execution && b.text.trim().is_empty() {
                continue;
            }
            match b.kind {
                BlockKind::TableRow { .. } => out.extend(b.text.split(" | ").map(str::to_string)),
                _ => {
                    out.push(b.text.clone());
                    if let Some(n) = &b.number {
                        out.push(n.value.raw.clone());
                    }
                }
            }
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out
}

/// A page's text (squashed) without what every page carries before its
/// content: the DRAFT watermark and the running header.
pub fn page_content(page: &str, title: &str) -> String {
    let mut s = squash(page);
    for prefix in ["DRAFT".to_string(), squash(title), "DRAFT".to_string()] {
        if let Some(rest) = s.strip_prefix(prefix.as_str()) {
            s = rest.to_string();
        }
    }
    s
}
