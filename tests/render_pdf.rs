//! `s75 render --format pdf`: packs read back with pdftotext and qpdf.

use std::path::{Path, PathBuf};

use crate::common::render::*;
use crate::common::*;

/// Renders `agreement` (a path relative to `repo`) to `out`; returns the process output.
fn render(repo: &Path, agreement: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    s75()
        .current_dir(repo)
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["render", agreement, "--format", "pdf", "-o"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run s75 render")
}

fn clean_pack() -> (tempfile::TempDir, PathBuf) {
    let repo = clean_repo();
    let pdf = repo.path().join("pack.pdf");
    assert_rendered(&render(repo.path(), "agreements/example-delegation", &pdf, &[]));
    (repo, pdf)
}

#[test]
fn clean_fixture_renders_without_draft_with_all_its_text() {
    let (repo, pdf) = clean_pack();
    let text = pdf_text(&pdf);
    let agreement = load(repo.path(), CLEAN_ID);
    for expected in expected_texts(&agreement) {
        assert_has(&text, &expected, "clause text");
    }
    // Spot checks a reader would make, numbers as authored.
    assert_has(
        &text,
        "4.1.1 assessment of adults' needs for care and support (section 9 of the Care Act 2014); and",
        "clause 4.1.1",
    );
    assert_has(&text, "1. The aim of the Partnership Arrangements", "schedule 1 paragraph 1.");
    assert!(!text.contains("DRAFT"), "a clean render is not a draft");
    assert!(pdf.with_file_name("pack.pdf.manifest.json").is_file(), "manifest beside the pack");
}

#[test]
fn pages_have_header_footer_and_page_x_of_y() {
    let (_repo, pdf) = clean_pack();
    let pages = pdf_pages(&pdf);
    let n = pages.len();
    assert!(n >= 5, "cover, contents, body, execution and two schedules: {n} pages");
    assert!(pdf_info(&pdf).contains(&format!("Pages:           {n}")), "pdfinfo agrees on the page count");
    let title = "Section 75 Partnership Agreement for integrated community mental health services (example)";
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {n}", i + 1)), "page {} footer:\n{page}", i + 1);
        assert!(page.contains("Fingerprint "), "page {} has the fingerprint footer", i + 1);
        assert_has(page, title, "running header or cover title");
    }
}

#[test]
fn each_schedule_starts_a_new_page_and_execution_blocks_follow_the_parties() {
    let (_repo, pdf) = clean_pack();
    let pages = pdf_pages(&pdf);
    let page_of = |needle: &str| {
        pages.iter().position(|p| p.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in the pack"))
    };
    let s1 = page_of("Schedule 1 — Aims and Outcomes\n1.");
    let s2 = page_of("Schedule 2 — Seconded Staff\n1.");
    assert!(s2 > s1, "schedule 2 after schedule 1");
    let title = "Section 75 Partnership Agreement for integrated community mental health services (example)";
    for (page, heading) in [(s1, "Schedule 1 — Aims and Outcomes"), (s2, "Schedule 2 — Seconded Staff")] {
        assert!(
            page_content(&pages[page], title).starts_with(&squash(heading)),
            "{heading} opens its page:\n{}",
            pages[page]
        );
    }

    let exec = &pages[page_of("Signed for and on behalf of Northfield Mental Health NHS Foundation Trust")];
    for line in [
        "Signed for and on behalf of Northfield Mental Health NHS Foundation Trust",
        "Position Chief Executive",
        "Signed for and on behalf of Northfield Borough Council",
        "Position Director of Adult Social Services",
    ] {
        assert!(exec.contains(line), "{line:?} in the execution page:\n{exec}");
    }
    for label in ["Signature", "Print Name", "Date"] {
        assert_eq!(exec.matches(label).count(), 2, "one {label} per party:\n{exec}");
    }
}

#[test]
fn contents_and_bookmarks_list_clauses_and_schedules() {
    let (_repo, pdf) = clean_pack();
    let pages = pdf_pages(&pdf);
    let contents = pages.iter().find(|p| p.contains("Contents")).expect("a contents page");
    for entry in
        ["Recitals", "1 Definitions and Interpretation", "13 Governing Law", "Execution", "Schedule 2 — Seconded Staff"]
    {
        assert!(contents.contains(entry), "{entry:?} in the contents:\n{contents}");
    }
    let marks = pdf_bookmarks(&pdf);
    for entry in [
        "Recitals",
        "1 Definitions and Interpretation",
        "13 Governing Law",
        "Execution",
        "Schedule 1 — Aims and Outcomes",
    ] {
        assert!(marks.iter().any(|m| m == entry), "{entry:?} among the bookmarks {marks:?}");
    }
}

#[test]
fn qpdf_check_passes_and_the_pdf_is_pdf_a_2b_with_the_fingerprint() {
    let (repo, pdf) = clean_pack();
    qpdf_check(&pdf);
    let bytes = std::fs::read(&pdf).expect("read pack");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains("<pdfaid:part>2</pdfaid:part>") && raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "PDF/A-2b identification in the XMP metadata"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("pack.pdf.manifest.json")).expect("manifest"))
            .expect("JSON");
    let fp = manifest["fingerprint"].as_str().expect("fingerprint");
    let info = pdf_info(&pdf);
    assert!(info.contains(&format!("s75-fingerprint:{fp}")), "fingerprint in the PDF keywords:\n{info}");
    assert!(info.contains("s75-agreement:agreements%2Fexample-delegation"), "{info}");
    assert_eq!(manifest["pack"]["pdfa"], "PDF/A-2b");
}

#[test]
fn two_renders_are_byte_identical() {
    let repo = clean_repo();
    let (a, b) = (repo.path().join("a.pdf"), repo.path().join("sub/b.pdf"));
    std::fs::create_dir_all(repo.path().join("sub")).expect("mkdir");
    assert_rendered(&render(repo.path(), "agreements/example-delegation", &a, &[]));
    assert_rendered(&render(repo.path(), "agreements/example-delegation", &b, &[]));
    let (x, y) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert!(x == y, "two renders of the same sources differ");
    // A copy of the repository elsewhere gives the same bytes too.
    let other = clean_repo();
    let c = other.path().join("c.pdf");
    assert_rendered(&render(other.path(), "agreements/example-delegation", &c, &[]));
    assert!(std::fs::read(&c).expect("c") == x, "the pack depends on where the repository is");
}

#[test]
fn source_date_epoch_sets_the_pack_date() {
    let repo = clean_repo();
    let pdf = repo.path().join("p.pdf");
    let out = s75()
        .current_dir(repo.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["render", "agreements/example-delegation", "-o", "p.pdf"])
        .output()
        .expect("run");
    assert_rendered(&out);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(repo.path().join("p.pdf.manifest.json")).expect("manifest"))
            .expect("JSON");
    assert_eq!(manifest["created"], "2023-11-14T22:13:20Z");
    assert_eq!(manifest["created_from"], "SOURCE_DATE_EPOCH");
    assert!(pdf_info(&pdf).contains("2023"), "creation date from SOURCE_DATE_EPOCH");
}

#[test]
fn an_agreement_with_validation_errors_is_refused_with_its_findings() {
    let repo = clean_repo();
    // An unknown key in agreement.toml is a metadata error.
    edit(&clean_file(&repo, "agreement.toml"), "schema = 1\n", "schema = 1\ncolour = \"blue\"\n");
    let pdf = repo.path().join("pack.pdf");
    let out = render(repo.path(), "agreements/example-delegation", &pdf, &[]);
    assert_eq!(out.status.code(), Some(1), "refused with exit 1\nstderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error"), "the findings are printed:\n{err}");
    assert!(err.contains("--draft"), "says how to render anyway:\n{err}");
    assert!(!pdf.exists() && !repo.path().join("pack.pdf.manifest.json").exists(), "no pack written");
}

#[test]
fn draft_renders_an_agreement_with_errors_and_stamps_every_page() {
    let repo = clean_repo();
    edit(&clean_file(&repo, "agreement.toml"), "schema = 1\n", "schema = 1\ncolour = \"blue\"\n");
    let pdf = repo.path().join("draft.pdf");
    let out = render(repo.path(), "agreements/example-delegation", &pdf, &["--draft"]);
    assert_rendered(&out);
    let pages = pdf_pages(&pdf);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.lines().any(|l| l.split_whitespace().any(|w| w == "DRAFT")),
            "page {} has no DRAFT stamp:\n{page}",
            i + 1
        );
    }
    qpdf_check(&pdf);
}

#[test]
fn adversarial_text_is_printed_literally() {
    let repo = copy_tree(&crate_dir().join("tests/fixtures/render/adversarial"));
    let pdf = repo.path().join("adv.pdf");
    assert_rendered(&render(repo.path(), "agreements/adversarial", &pdf, &["--draft"]));
    let text = pdf_text(&pdf);
    let agreement = load(repo.path(), "adversarial");
    let expected = expected_texts(&agreement);
    // The fixture really contains what it is meant to test.
    let all = expected.join(" ");
    for special in [
        "#set page",
        "$x^2$",
        "*strong*",
        "_emph_",
        "<label>",
        "@ref",
        "[link]",
        "\\",
        "`raw`",
        "<script>",
        "&amp;",
        "{{ jinja }}",
        "/*",
    ] {
        assert!(all.contains(special), "fixture lost {special:?}: {all}");
    }
    for t in &expected {
        assert_has(&text, t, "adversarial body text");
    }
    for t in [
        r#"Agreement <b>&amp;</b> #strong[x] $y$ {{ z }} "q" </style> \A"#,
        r#"Signed for and on behalf of Trust <script>alert(1)</script> & #eval("1+1")"#,
        r"Signed for and on behalf of Council `of` [Borough] \ $5 #{1}",
        "Position Chief *Executive* _Officer_ @ceo",
        "Schedule 1 — Costs *and* _charges_ [1] @ref <em>x</em>",
        "#set page(fill: red)",
    ] {
        assert_has(&text, t, "adversarial metadata text");
    }
    let marks = pdf_bookmarks(&pdf);
    assert!(marks.iter().any(|m| m == "1 Definitions #heading <b>bold</b>"), "bookmarks keep the text: {marks:?}");
    // `#set page(fill: red)` and friends changed nothing: same layout as any pack.
    assert!(pdf_info(&pdf).contains("Page size:       595.276 x 841.89 pts (A4)"));
    qpdf_check(&pdf);
}

#[test]
fn coventry_2019_renders_as_a_draft() {
    let dir = coventry_2019();
    assert!(dir.join("agreement.toml").is_file(), "the 2019 agreement is not in {}", dir.display());
    let out_dir = tempfile::TempDir::new().expect("temp");
    let pdf = out_dir.path().join("coventry-2019.pdf");
    let out = render(&crate_dir(), "agreements/coventry-cwpt-2019", &pdf, &["--draft"]);
    assert_rendered(&out);
    qpdf_check(&pdf);

    let pages = pdf_pages(&pdf);
    let n = pages.len();
    assert!(n > 40, "the full pack is long: {n} pages");
    assert!(pages[n - 1].contains(&format!("Page {n} of {n}")), "last page footer");
    let text = pdf_text(&pdf);
    let agreement = load(&crate_dir(), "coventry-cwpt-2019");
    // Every clause heading and the start of every numbered paragraph of the body.
    for b in agreement.body.blocks.iter().filter(|b| b.section != s75::model::Section::Execution) {
        let words: Vec<&str> = b.text.split_whitespace().take(12).collect();
        if b.number.is_some() && !words.is_empty() {
            assert_has(&text, &words.join(" "), "2019 clause text");
        }
    }
    // Every schedule, each on its own page, as authored.
    for s in &agreement.schedules {
        let Some(doc) = &s.doc else { continue };
        let Some(first) = doc.blocks.first().filter(|b| b.is_heading()) else { continue };
        let heading = first.display_text();
        let opens = |p: &String| page_content(p, agreement.title()).starts_with(&squash(&heading));
        assert!(pages.iter().any(opens), "{heading:?} does not open a page of the pack");
    }
    // One execution block per party, from the metadata.
    for p in &agreement.meta.parties {
        assert_has(&text, &format!("Signed for and on behalf of {}", p.display_name()), "execution block");
    }
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("DRAFT"), "page {} lacks the DRAFT stamp", i + 1);
    }
}
