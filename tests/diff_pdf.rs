//! `s75 diff --format pdf`: the printable redline. Read back with
//! pdftotext (the summary page and the changed words) and pdftoppm (the
//! change bars in the left margin, beside changed paragraphs only).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::render::{pdf_pages, tool};
use crate::common::{copy_into, crate_dir, edit, s75};

const OLD: &str = "agreements/coventry-cwpt-2019";
const NEW: &str = "agreements/coventry-cwpt-2022";

fn redline(dir: &Path, old: &str, new: &str) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let file = out_dir.path().join("redline.pdf");
    let out =
        s75().current_dir(dir).args(["diff", old, new, "--format", "pdf", "-o"]).arg(&file).output().expect("run s75");
    assert_eq!(out.status.code(), Some(1), "differences: exit 1\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    (out_dir, file)
}

/// Whitespace collapsed: pdftotext breaks lines where the page does.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_counts() -> serde_json::Value {
    let out = s75().current_dir(crate_dir()).args(["diff", OLD, NEW, "--format", "json"]).output().expect("run");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    report["counts"].clone()
}

#[test]
fn the_summary_page_counts_the_changes_and_the_pages_show_the_changed_words() {
    let (_keep, file) = redline(&crate_dir(), OLD, NEW);
    let pages = pdf_pages(&file);
    let summary = flat(&pages[0]);
    let c = json_counts();
    let n = |k: &str| c[k].as_u64().unwrap_or(0);
    for (label, count) in [
        ("changed", n("modified") + n("split") + n("merged")),
        ("moved", n("moved") + n("moved-and-modified")),
        ("inserted", n("inserted")),
        ("deleted", n("deleted")),
        ("renumbered only", n("renumbered")),
    ] {
        assert!(summary.contains(&format!("{label} {count}")), "{label} {count} in: {summary}");
    }
    assert!(n("inserted") > 0 && n("renumbered") > 100, "{c}");
    assert!(summary.contains("Term: 1 year → 3 years"), "{summary}");
    assert!(summary.contains("“Term” changed"), "{summary}");
    assert!(summary.contains("References not updated"), "{summary}");
    assert!(summary.contains("Clause 18: not updated — its target is now 19"), "{summary}");
    assert!(summary.contains("Changes attributed to s75, 24 November 2026"), "{summary}");

    let body = flat(&pages[1..].join(" "));
    // Deleted then inserted words, side by side as printed.
    assert!(body.contains("THIS AGREEMENT is made on 20192022"), "the date line's change");
    assert!(body.contains("the period of one (1) yearthree (3) years from the Commencement Date"), "the Term");
    assert!(body.contains("21.122.1 This Agreement shall cease"), "a renumbered clause shows both numbers");
    assert!(body.contains("Preface"), "the inserted preface");
}

/// A page as 8-bit grey pixels (pdftoppm's PGM), `(width, pixels)`.
fn page_pixels(pdf: &Path, page: usize, dir: &Path) -> (usize, Vec<u8>) {
    let prefix = dir.join(format!("page{page}"));
    let n = page.to_string();
    let ok = Command::new(tool("pdftoppm"))
        .args(["-r", "72", "-gray", "-f", &n, "-l", &n, "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("run pdftoppm")
        .success();
    assert!(ok, "pdftoppm");
    let bytes = std::fs::read(prefix.with_extension("pgm")).expect("read pgm");
    // "P5\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    let width: usize = fields[1].parse().expect("width");
    (width, bytes[at + 1..].to_vec())
}

/// Whether the page has a change bar: dark pixels in the left margin
/// (16–26 mm from the edge; the text starts at 28 mm).
fn has_change_bar(pdf: &Path, page: usize, dir: &Path) -> bool {
    let (width, pixels) = page_pixels(pdf, page, dir);
    let mm = 72.0 / 25.4;
    let (from, to) = ((16.0 * mm) as usize, (26.0 * mm) as usize);
    pixels.chunks(width).any(|row| row[from..to].iter().any(|&p| p < 128))
}

#[test]
fn change_bars_stand_beside_changed_paragraphs_only() {
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::write(repo.path().join("s75.toml"), "").expect("s75.toml");
    for side in ["old", "new"] {
        let to = repo.path().join("agreements").join(side);
        std::fs::create_dir_all(&to).expect("mkdir");
        copy_into(&crate_dir().join(OLD), &to);
    }
    // One word, in Schedule 17 (the last document): every page before it is unchanged.
    let schedule = std::fs::read_dir(repo.path().join("agreements/new/schedules"))
        .expect("schedules")
        .map(|e| e.expect("entry").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("17")))
        .expect("schedule 17");
    let text = std::fs::read_to_string(&schedule).expect("read");
    let word = text
        .lines()
        .skip(1)
        .flat_map(str::split_whitespace)
        .find(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
        .expect("a word")
        .to_string();
    edit(&schedule, &format!(" {word} "), &format!(" {word}-redlined "));

    let (dir, file) = redline(repo.path(), "agreements/old", "agreements/new");
    let pages = pdf_pages(&file);
    let changed: Vec<usize> = (2..=pages.len()).filter(|&p| has_change_bar(&file, p, dir.path())).collect();
    let with_word: Vec<usize> = (2..=pages.len()).filter(|&p| pages[p - 1].contains("-redlined")).collect();
    assert_eq!(with_word.len(), 1, "the changed word is on one page");
    assert_eq!(changed, with_word, "a bar on the changed page, and on no other");
}

#[test]
fn the_same_versions_give_the_same_pdf() {
    let (_a, one) = redline(&crate_dir(), OLD, NEW);
    let (_b, two) = redline(&crate_dir(), OLD, NEW);
    assert!(std::fs::read(&one).expect("read") == std::fs::read(&two).expect("read"), "byte-identical");
}

#[test]
fn a_pdf_redline_is_not_written_to_a_terminal() {
    let bin = assert_cmd::cargo::cargo_bin("s75");
    let cmd = format!("{} diff {OLD} {NEW} --format pdf; echo exit=$?", bin.display());
    let out = Command::new(tool("script"))
        .current_dir(crate_dir())
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("run script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--format pdf writes a binary file, which a terminal cannot show: give -o FILE"), "{text}");
    assert!(text.contains("exit=2") && !text.contains("%PDF"), "{text}");
}
