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
/// by one. The authored signature blocks (openings and fields) are replaced
/// by the generated execution blocks, so they are left out; everything
/// else, including text after them, is expected.
pub fn expected_texts(a: &Agreement) -> Vec<String> {
    use s75::model::BlockKind;
    let mut out = Vec::new();
    for doc in a.documents() {
        for b in pack_blocks(doc) {
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

/// A document's blocks that the pack prints as written, in order: all but
/// the authored signature blocks, which the generated ones replace.
pub fn pack_blocks(doc: &s75::model::Document) -> Vec<&s75::model::Block> {
    let signatures: Vec<_> = doc
        .execution
        .iter()
        .flat_map(|e| {
            std::iter::once(e.heading.span.range.clone()).chain(e.fields.iter().map(|f| f.span.range.clone()))
        })
        .collect();
    doc.blocks.iter().filter(|b| !signatures.contains(&b.span.range)).collect()
}

/// The text of an HTML pack's `<main>` as a reader sees it: tags removed,
/// character references decoded.
pub fn html_text(html: &str) -> String {
    let main = html.find("<main").map_or(html, |i| &html[i..]);
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }
            .map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
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

/// A render that must have succeeded, with its output if it did not.
#[track_caller]
pub fn assert_rendered(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "render failed\nstdout: {}\nstderr: {}",
        super::stdout(out),
        super::stderr(out)
    );
}
