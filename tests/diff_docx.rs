//! `s75 diff --format docx`: the new agreement as a Word document with real
//! tracked changes. The file is read back as Word would: accepting every
//! change must give the new agreement's text and rejecting every change the
//! old one, paragraph by paragraph, compared with the texts s75 reads from
//! the two folders; LibreOffice opens it and keeps the changes as changes.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::render::tool;
use crate::common::{copy_into, crate_dir, edit, s75};

const OLD: &str = "agreements/coventry-cwpt-2019";
const NEW: &str = "agreements/coventry-cwpt-2022";

/// Runs `s75 diff OLD NEW --format docx -o redline.docx` in `dir` and returns the file.
fn redline(dir: &Path, old: &str, new: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let file = out_dir.path().join("redline.docx");
    let out = s75()
        .current_dir(dir)
        .args(["diff", old, new, "--format", "docx", "-o"])
        .arg(&file)
        .args(extra)
        .output()
        .expect("run s75");
    assert_eq!(out.status.code(), Some(1), "differences: exit 1\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "the file goes to -o, nothing to standard output");
    (out_dir, file)
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).expect("open docx")).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("{name} is in the package")).read_to_string(&mut text).expect("read");
    text
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn is_w(n: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

/// The document's paragraphs after accepting every change (`accept`) or
/// rejecting every change: accepting drops `w:del` and `w:moveFrom` content
/// and keeps `w:ins` and `w:moveTo` content; a paragraph whose mark is
/// deleted (or moved away) goes when accepted, one whose mark is inserted
/// (or moved here) when rejected. Rejecting is the reverse.
fn resolve(document_xml: &str, accept: bool) -> Vec<String> {
    let doc = roxmltree::Document::parse(document_xml).expect("document.xml is well-formed XML");
    // What goes; the other two wrappers are unwrapped (their runs are kept).
    let dropped = if accept { ["del", "moveFrom"] } else { ["ins", "moveTo"] };
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| is_w(n, "p")) {
        let mark = p
            .children()
            .find(|n| is_w(n, "pPr"))
            .and_then(|ppr| ppr.children().find(|n| is_w(n, "rPr")))
            .and_then(|rpr| rpr.children().find(|n| n.is_element()).map(|n| n.tag_name().name().to_string()));
        if mark.as_deref().is_some_and(|m| dropped.contains(&m)) {
            let left: String = texts(p, &dropped);
            assert!(left.is_empty(), "a paragraph whose mark goes keeps text {left:?}");
            continue;
        }
        out.push(texts(p, &dropped));
    }
    out
}

/// The text of `p`'s runs outside any of the `dropped` wrappers.
fn texts(p: roxmltree::Node<'_, '_>, dropped: &[&str]) -> String {
    p.descendants()
        .filter(|n| is_w(n, "t") || is_w(n, "delText"))
        .filter(|t| !t.ancestors().take_while(|a| *a != p).any(|a| dropped.iter().any(|d| is_w(&a, d))))
        .map(|t| t.text().unwrap_or(""))
        .collect()
}

/// The agreement's paragraphs as s75 reads them: every block of the body,
/// then of each schedule, number and text.
fn paragraphs(dir: &Path) -> Vec<String> {
    let repo = s75::loading::Repo::find(dir).expect("in a repository");
    let a = s75::loading::load_agreement(&repo, dir).expect("loads");
    a.documents().flat_map(|d| d.blocks.iter().map(s75::diff::text::collapse_display)).collect()
}

/// Equal lists, or the first difference with its neighbours.
fn assert_same(got: &[String], want: &[String], what: &str) {
    let first = got.iter().zip(want).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
    if first == got.len() && first == want.len() {
        return;
    }
    let around = |v: &[String]| v[first.saturating_sub(2)..(first + 3).min(v.len())].join("\n  ");
    panic!(
        "{what}: paragraph {first} differs ({} paragraphs, expected {})\n got:\n  {}\n expected:\n  {}",
        got.len(),
        want.len(),
        around(got),
        around(want)
    );
}

#[test]
fn accepting_every_change_gives_the_2022_text_and_rejecting_every_change_the_2019_text() {
    let (_keep, file) = redline(&crate_dir(), OLD, NEW, &[]);
    let xml = part(&file, "word/document.xml");
    assert!(xml.contains("<w:ins ") && xml.contains("<w:del "), "real tracked changes");
    assert_same(&resolve(&xml, true), &paragraphs(&crate_dir().join(NEW)), "accept all");
    assert_same(&resolve(&xml, false), &paragraphs(&crate_dir().join(OLD)), "reject all");
}

#[test]
fn every_change_carries_the_author_and_the_date() {
    let (_keep, file) = redline(&crate_dir(), OLD, NEW, &["--author", "Legal Services <Coventry>"]);
    let xml = part(&file, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let changes: Vec<_> =
        doc.descendants().filter(|n| ["ins", "del", "moveFrom", "moveTo"].iter().any(|t| is_w(n, t))).collect();
    assert!(changes.len() > 100, "{} changes", changes.len());
    for c in &changes {
        assert_eq!(c.attribute((W, "author")), Some("Legal Services <Coventry>"));
        // S75_TODAY (set by the test helper): the same file every run.
        assert_eq!(c.attribute((W, "date")), Some("2026-11-24T00:00:00Z"));
    }
    let mut ids: Vec<&str> = changes.iter().filter_map(|c| c.attribute((W, "id"))).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "revision ids are unique");
    assert!(part(&file, "docProps/core.xml").contains("<dc:creator>Legal Services &lt;Coventry&gt;</dc:creator>"));
    // Word keeps tracking the counterparty's own edits.
    assert!(part(&file, "word/settings.xml").contains("<w:trackRevisions/>"));
}

/// A repository with the 2019 agreement as `old` and `new`, under git with
/// `user.name` set in its own configuration.
fn git_pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for side in ["old", "new"] {
        let to = dir.path().join("agreements").join(side);
        std::fs::create_dir_all(&to).expect("mkdir");
        copy_into(&crate_dir().join(OLD), &to);
    }
    std::fs::write(dir.path().join("s75.toml"), "").expect("s75.toml");
    let git = |args: &[&str]| {
        let ok = Command::new("git").current_dir(dir.path()).args(args).output().expect("git").status.success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Ann Drafter"]);
    git(&["config", "user.email", "ann@example.org"]);
    dir
}

#[test]
fn the_author_is_the_repositorys_git_user_unless_given() {
    let repo = git_pair();
    edit(
        &repo.path().join("agreements/new/agreement.md"),
        "the period of one (1) year",
        "the period of three (3) years",
    );
    let (_keep, file) = redline(repo.path(), "agreements/old", "agreements/new", &[]);
    assert!(part(&file, "word/document.xml").contains(r#"w:author="Ann Drafter""#));
    let (_keep2, file) = redline(repo.path(), "agreements/old", "agreements/new", &["--author", "Counsel"]);
    let xml = part(&file, "word/document.xml");
    assert!(xml.contains(r#"w:author="Counsel""#) && !xml.contains("Ann Drafter"));
}

/// Moves clause 34 (Waiver) to stand after clause 36 (Entire Agreement) in
/// `agreements/new`, its text unchanged; with `renumber`, numbered as a
/// drafter would: Waiver becomes 36, clauses 35 and 36 become 34 and 35.
fn move_waiver(repo: &Path, renumber: bool) {
    let path = repo.join("agreements/new/agreement.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let (start, end) = clause(&text, "## 34 ");
    let mut moved = text[start..end].to_string();
    let mut rest = format!("{}{}", &text[..start], &text[end..]);
    if renumber {
        moved = moved.replace("## 34 Waiver", "## 36 Waiver").replace("\n34.1 ", "\n36.1 ");
        for (from, to) in [
            ("## 35 Contracts", "## 34 Contracts"),
            ("\n35.1 No term", "\n34.1 No term"),
            ("## 36 Entire", "## 35 Entire"),
            ("\n36.1 The Agreement", "\n35.1 The Agreement"),
        ] {
            assert!(rest.contains(from), "{from:?}");
            rest = rest.replacen(from, to, 1);
        }
    }
    let heading = if renumber { "## 35 " } else { "## 36 " };
    let (_, after) = clause(&rest, heading);
    std::fs::write(&path, format!("{}{moved}{}", &rest[..after], &rest[after..])).expect("write");
}

/// The redline of `agreements/old` → `agreements/new` in `repo` holds Word
/// moves whose two ends share a name, and resolves both ways.
fn assert_word_move(repo: &Path) {
    let json = s75()
        .current_dir(repo)
        .args(["diff", "agreements/old", "agreements/new", "--format", "json"])
        .output()
        .expect("run");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let c = &report["counts"];
    let moves = c["moved"].as_u64().unwrap_or(0) + c["moved-and-modified"].as_u64().unwrap_or(0);
    assert!(moves >= 1, "the diff sees a move: {c}");

    let (_keep, file) = redline(repo, "agreements/old", "agreements/new", &[]);
    let xml = part(&file, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let names = |tag: &str| -> Vec<String> {
        doc.descendants().filter(|n| is_w(n, tag)).filter_map(|n| n.attribute((W, "name")).map(String::from)).collect()
    };
    let (from, to) = (names("moveFromRangeStart"), names("moveToRangeStart"));
    assert!(!from.is_empty(), "a moveFrom range");
    assert_eq!(from, to, "each move's two ends share a name");
    for side in ["moveFrom", "moveTo"] {
        let ids = |tag: String| -> Vec<String> {
            doc.descendants()
                .filter(|n| is_w(n, &tag))
                .filter_map(|n| n.attribute((W, "id")).map(String::from))
                .collect()
        };
        assert_eq!(ids(format!("{side}RangeStart")), ids(format!("{side}RangeEnd")), "every {side} range is closed");
    }
    let moved_from: String = doc
        .descendants()
        .filter(|n| is_w(n, "moveFrom"))
        .flat_map(|n| n.descendants().filter(|t| is_w(t, "t")).map(|t| t.text().unwrap_or("").to_string()))
        .collect();
    assert!(moved_from.contains("No forbearance or delay"), "{moved_from}");
    assert_same(&resolve(&xml, true), &paragraphs(&repo.join("agreements/new")), "accept all");
    assert_same(&resolve(&xml, false), &paragraphs(&repo.join("agreements/old")), "reject all");
}

#[test]
fn a_moved_clause_is_a_word_move_with_both_ends_named_alike() {
    let repo = git_pair();
    move_waiver(repo.path(), false);
    assert_word_move(repo.path());
}

#[test]
fn a_moved_and_renumbered_clause_resolves_to_either_numbering() {
    let repo = git_pair();
    move_waiver(repo.path(), true);
    assert_word_move(repo.path());
}

/// Byte range of the clause whose heading line starts with `heading`, up to the next `## `.
fn clause(text: &str, heading: &str) -> (usize, usize) {
    let start = text.find(&format!("\n{heading}")).map(|i| i + 1).unwrap_or_else(|| panic!("no {heading:?}"));
    let end = text[start + 3..].find("\n## ").map_or(text.len(), |i| start + 3 + i + 1);
    (start, end)
}

#[test]
fn headings_use_words_own_heading_styles() {
    let (_keep, file) = redline(&crate_dir(), OLD, NEW, &[]);
    let styles = part(&file, "word/styles.xml");
    assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#) && styles.contains(r#"<w:name w:val="heading 2"/>"#));
    let xml = part(&file, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let styled = |style: &str| -> Vec<String> {
        doc.descendants()
            .filter(|p| is_w(p, "p"))
            .filter(|p| p.descendants().any(|s| is_w(&s, "pStyle") && s.attribute((W, "val")) == Some(style)))
            .map(|p| texts(p, &["del", "moveFrom"]))
            .collect()
    };
    let titles = styled("Heading1");
    assert!(titles.iter().any(|t| t.starts_with("Schedule 1 ")), "{titles:?}");
    let headings = styled("Heading2");
    assert!(headings.iter().any(|t| t == "1 Definitions and Interpretation"), "{headings:?}");
}

#[test]
fn the_same_versions_give_the_same_bytes() {
    let (_a, one) = redline(&crate_dir(), OLD, NEW, &[]);
    let (_b, two) = redline(&crate_dir(), OLD, NEW, &[]);
    assert!(std::fs::read(&one).expect("read") == std::fs::read(&two).expect("read"), "byte-identical");
}

#[test]
fn libreoffice_opens_it_and_keeps_the_changes_as_changes() {
    let (dir, file) = redline(&crate_dir(), OLD, NEW, &["--author", "Legal Services"]);
    let out = dir.path().join("lo");
    // Its own profile folder, so parallel runs and the user's settings do not interfere.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let run = Command::new(tool("soffice"))
        .args(["--headless", &profile, "--convert-to", "odt", "--outdir"])
        .arg(&out)
        .arg(&file)
        .output()
        .expect("run soffice");
    let odt = out.join("redline.odt");
    assert!(odt.is_file(), "LibreOffice converted it: {}", String::from_utf8_lossy(&run.stderr));
    let content = part(&odt, "content.xml");
    // LibreOffice's own record of tracked changes, with our author.
    assert!(content.contains("<text:tracked-changes"), "tracked changes survive");
    assert!(content.contains("<dc:creator>Legal Services</dc:creator>"));
    assert!(content.contains("<text:insertion>") && content.contains("<text:deletion>"));
    assert!(content.contains("Section 75 Strategic Board"), "the text is there");
}

#[test]
fn a_binary_redline_is_not_written_to_a_terminal() {
    // `script` gives the command a terminal as standard output.
    let bin = assert_cmd::cargo::cargo_bin("s75");
    let cmd = format!("{} diff {OLD} {NEW} --format docx; echo exit=$?", bin.display());
    let out = Command::new(tool("script"))
        .current_dir(crate_dir())
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("run script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--format docx writes a binary file, which a terminal cannot show: give -o FILE"), "{text}");
    assert!(text.contains("exit=2"), "{text}");
    assert!(!text.contains("PK"), "no zip bytes on the terminal");
}

/// Commits everything in `repo` at a fixed time.
fn commit(repo: &Path, message: &str, when: &str) {
    for args in [vec!["add", "-A"], vec!["commit", "-qm", message]] {
        let ok = Command::new("git")
            .current_dir(repo)
            .args(&args)
            .env("GIT_COMMITTER_DATE", when)
            .env("GIT_AUTHOR_DATE", when)
            .status()
            .expect("git")
            .success();
        assert!(ok, "git {args:?}");
    }
}

#[test]
fn between_revisions_the_date_is_the_new_revisions_commit_time() {
    let repo = git_pair();
    commit(repo.path(), "2019", "2024-01-02T03:04:05Z");
    edit(
        &repo.path().join("agreements/new/agreement.md"),
        "the period of one (1) year",
        "the period of three (3) years",
    );
    commit(repo.path(), "renewal", "2024-05-06T07:08:09Z");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.docx");
    let out = s75()
        .env_remove("S75_TODAY")
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(repo.path())
        .args(["diff", "HEAD~1", "HEAD", "agreements/new", "--format", "docx", "-o"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = part(&file, "word/document.xml");
    assert!(xml.contains(r#"w:author="Ann Drafter" w:date="2024-05-06T07:08:09Z""#), "the commit's time");
    assert!(!xml.contains("2024-01-02"));
}

#[test]
fn a_redline_of_several_agreements_is_refused_and_nothing_is_written() {
    let repo = git_pair();
    commit(repo.path(), "2019", "2024-01-02T03:04:05Z");
    for side in ["old", "new"] {
        edit(
            &repo.path().join(format!("agreements/{side}/agreement.md")),
            "the period of one (1) year",
            "the period of two (2) years",
        );
    }
    commit(repo.path(), "both", "2024-05-06T07:08:09Z");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.docx");
    let out = s75()
        .current_dir(repo.path())
        .args(["diff", "HEAD~1", "HEAD", "--format", "docx", "-o"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--format docx redlines one agreement, and 2 differ between HEAD~1 and HEAD (agreements/new, agreements/old): name one after the revisions"), "{err}");
    assert!(!file.exists(), "nothing written");
}

#[test]
fn a_clause_moved_and_reworded_resolves_both_ways() {
    let repo = git_pair();
    move_waiver(repo.path(), false);
    edit(
        &repo.path().join("agreements/new/agreement.md"),
        "No forbearance or delay by either Partner",
        "No forbearance, delay or indulgence by either Partner",
    );
    assert_word_move(repo.path());
    let (_keep, file) = redline(repo.path(), "agreements/old", "agreements/new", &[]);
    let xml = part(&file, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let inserted: String = doc
        .descendants()
        .filter(|n| is_w(n, "ins"))
        .flat_map(|n| n.descendants().filter(|t| is_w(t, "t")).map(|t| t.text().unwrap_or("").to_string()))
        .collect();
    assert!(inserted.contains("indulgence"), "the new word is an insertion at the new place: {inserted}");
}

#[test]
fn an_unchanged_agreement_has_no_tracked_changes() {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let file = out_dir.path().join("same.docx");
    let out = s75()
        .current_dir(crate_dir())
        .args(["diff", OLD, OLD, "--format", "docx", "-o"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "no differences: exit 0");
    let xml = part(&file, "word/document.xml");
    for tag in ["<w:ins ", "<w:del ", "<w:moveFrom", "<w:moveTo"] {
        assert!(!xml.contains(tag), "{tag} in an unchanged agreement");
    }
    let old = paragraphs(&crate_dir().join(OLD));
    assert_same(&resolve(&xml, true), &old, "accept all");
    assert_same(&resolve(&xml, false), &old, "reject all");
}

#[test]
fn items_stand_one_step_in_and_the_next_definition_does_not() {
    let (_keep, file) = redline(&crate_dir(), OLD, NEW, &[]);
    let xml = part(&file, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let indent = |starts: &str| -> Option<String> {
        let p = doc
            .descendants()
            .filter(|p| is_w(p, "p"))
            .find(|p| texts(*p, &["del", "moveFrom"]).starts_with(starts))
            .unwrap_or_else(|| panic!("a paragraph starting {starts:?}"));
        p.descendants().find(|n| is_w(n, "ind")).and_then(|n| n.attribute((W, "left")).map(String::from))
    };
    assert_eq!(indent("(a) Assessing with the individual"), Some("567".into()), "an item of 1.1: one step");
    assert_eq!(indent("“Assessor” means"), None, "the next definition of 1.1: flush");
    assert_eq!(indent("1.1 In this Agreement"), None);
}

#[test]
fn a_paragraph_added_to_a_moved_clause_stays_inside_its_move() {
    let repo = git_pair();
    move_waiver(repo.path(), false);
    edit(
        &repo.path().join("agreements/new/agreement.md"),
        "will be deemed to be a waiver of any right or of any later breach.\n",
        "will be deemed to be a waiver of any right or of any later breach.\n\nA waiver must be in writing and signed by both Partners.\n",
    );
    assert_word_move(repo.path());
    let (_keep, file) = redline(repo.path(), "agreements/old", "agreements/new", &[]);
    let xml = part(&file, "word/document.xml");
    let starts = xml.matches("<w:moveToRangeStart ").count();
    assert_eq!(starts, xml.matches("<w:moveFromRangeStart ").count(), "one range at each end of each move");
    let added = xml.find("A waiver must be in writing").expect("the new paragraph");
    let (open, close) = (xml[..added].rfind("<w:moveToRangeStart "), xml[..added].rfind("<w:moveToRangeEnd "));
    assert!(open.is_some_and(|o| close.is_none_or(|c| c < o)), "the added paragraph is inside the moveTo range");
}
