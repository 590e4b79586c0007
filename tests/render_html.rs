//! `s75 render --format html`: one self-contained file, opened and printed
//! by headless Chromium.

use std::path::{Path, PathBuf};

use crate::common::render::*;
use crate::common::*;

fn render_html(repo: &Path, agreement: &str, out: &Path, extra: &[&str]) {
    let o = s75()
        .current_dir(repo)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", agreement, "--format", "html", "-o"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run s75 render");
    assert_eq!(o.status.code(), Some(0), "render failed\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o));
}

fn clean_html() -> (tempfile::TempDir, PathBuf) {
    let repo = clean_repo();
    let html = repo.path().join("pack.html");
    render_html(repo.path(), "agreements/example-delegation", &html, &[]);
    (repo, html)
}

/// Every `href="#x"` has an element with `id="x"`.
#[track_caller]
fn assert_links_resolve(html: &str) {
    let ids: Vec<&str> = html.split("id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    let links: Vec<&str> = html.split("href=\"#").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert!(!links.is_empty(), "the contents has links");
    for l in links {
        assert!(ids.contains(&l), "link #{l} has no target");
    }
}

#[test]
fn chromium_console_messages_are_detected() {
    // The check below is only worth something if it can fail.
    let dir = tempfile::TempDir::new().expect("temp");
    let page = dir.path().join("probe.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><script>console.error('s75-probe'); missing();</script></body></html>",
    )
    .expect("write");
    let (_dom, console) = chromium_dom(&page);
    assert!(console.iter().any(|l| l.contains("s75-probe")), "console.error not seen: {console:?}");
    assert!(console.iter().any(|l| l.contains("Uncaught")), "script error not seen: {console:?}");
}

#[test]
fn html_pack_is_self_contained_and_opens_in_chromium_without_errors() {
    let (repo, html_path) = clean_html();
    let html = std::fs::read_to_string(&html_path).expect("read pack");
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "the pack refers to something outside itself: {external}");
    }
    assert!(html.contains("<style>") && html.contains("@page") && html.contains("size: A4"), "inline print CSS for A4");
    assert_links_resolve(&html);

    let (dom, console) = chromium_dom(&html_path);
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(dom.contains("<nav class=\"contents\""), "contents rendered");
    for text in
        ["Signed for and on behalf of Northfield Borough Council", "Schedule 2 — Seconded Staff", "Fingerprint "]
    {
        assert!(dom.contains(text), "{text:?} not in the DOM");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("pack.html.manifest.json")).expect("manifest"))
            .expect("JSON");
    let fp = manifest["fingerprint"].as_str().expect("fingerprint");
    assert!(dom.contains(&format!("<meta name=\"s75-fingerprint\" content=\"{fp}\">")), "fingerprint meta tag");
}

#[test]
fn html_pack_prints_on_a4_with_all_text_page_numbers_and_fingerprint() {
    let (repo, html_path) = clean_html();
    let pdf = repo.path().join("printed.pdf");
    chromium_pdf(&html_path, &pdf);
    assert!(pdf_info(&pdf).contains("(A4)"), "printed on A4:\n{}", pdf_info(&pdf));
    let text = pdf_text(&pdf);
    for expected in expected_texts(&load(repo.path(), CLEAN_ID)) {
        assert_has(&text, &expected, "printed text");
    }
    let pages = pdf_pages(&pdf);
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {n}", i + 1)), "page {} footer:\n{page}", i + 1);
        assert!(page.contains("Fingerprint "), "page {} fingerprint", i + 1);
    }
    let s2 = pages.iter().position(|p| p.contains("Schedule 2 — Seconded Staff\n")).expect("schedule 2 printed");
    assert!(!pages[s2].contains("carers are offered"), "schedule 2 starts a new page");
}

#[test]
fn adversarial_text_is_escaped_and_printed_literally() {
    let repo = copy_tree(&crate_dir().join("tests/fixtures/render/adversarial"));
    let html_path = repo.path().join("adv.html");
    render_html(repo.path(), "agreements/adversarial", &html_path, &["--draft"]);
    let html = std::fs::read_to_string(&html_path).expect("read pack");
    assert!(
        !html.contains("<script>") && !html.contains("<b>") && !html.contains("<em>"),
        "markup from the text reached the HTML"
    );

    let (dom, console) = chromium_dom(&html_path);
    assert!(console.is_empty(), "console messages: {console:#?}");
    for element in ["<script", "<b>", "<i>", "<em>", "<!-- not"] {
        assert!(!dom.contains(element), "{element} became markup in the DOM");
    }

    let pdf = repo.path().join("adv-printed.pdf");
    chromium_pdf(&html_path, &pdf);
    let text = pdf_text(&pdf);
    for t in expected_texts(&load(repo.path(), "adversarial")) {
        assert_has(&text, &t, "printed adversarial text");
    }
    for t in [
        r#"Agreement <b>&amp;</b> #strong[x] $y$ {{ z }} "q" </style> \A"#,
        r#"Signed for and on behalf of Trust <script>alert(1)</script> & #eval("1+1")"#,
        "Director {% raw %} <!-- x -->",
        "Schedule 1 — Costs *and* _charges_ [1] @ref <em>x</em>",
    ] {
        assert_has(&text, t, "printed adversarial metadata");
    }
    assert!(pdf_pages(&pdf).iter().all(|p| p.contains("DRAFT")), "DRAFT on every printed page");
}

#[test]
fn two_html_renders_are_byte_identical() {
    let repo = clean_repo();
    let (a, b) = (repo.path().join("a.html"), repo.path().join("b.html"));
    render_html(repo.path(), "agreements/example-delegation", &a, &[]);
    render_html(repo.path(), "agreements/example-delegation", &b, &[]);
    assert!(std::fs::read(&a).expect("a") == std::fs::read(&b).expect("b"), "two renders differ");
}

#[test]
fn coventry_2019_html_draft_opens_in_chromium_without_errors() {
    let dir = coventry_2019();
    assert!(dir.join("agreement.toml").is_file(), "the 2019 agreement is not in {}", dir.display());
    let out = tempfile::TempDir::new().expect("temp");
    let html_path = out.path().join("coventry-2019.html");
    render_html(&crate_dir(), "agreements/coventry-cwpt-2019", &html_path, &["--draft"]);
    let html = std::fs::read_to_string(&html_path).expect("read pack");
    assert_links_resolve(&html);
    let (dom, console) = chromium_dom(&html_path);
    assert!(console.is_empty(), "console messages: {console:#?}");
    let agreement = load(&crate_dir(), "coventry-cwpt-2019");
    for p in &agreement.meta.parties {
        let heading = format!("Signed for and on behalf of {}", p.display_name());
        let escaped = heading.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        assert!(dom.contains(&escaped), "{heading:?} not in the DOM");
    }
    assert!(dom.contains("class=\"draft-stamp\""), "draft stamp");
}
