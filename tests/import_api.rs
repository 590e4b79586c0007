//! `s75::import` through its public API: inputs a user may hand it, good and
//! bad, and what comes out (Markdown that reads back as the agreement's words,
//! a skeleton `agreement.toml` that is valid TOML, clear errors).

use std::fs;
use std::path::Path;

use s75::import::{ImportError, ImportOptions, Imported, import_file, import_text, write_imported};

fn opts() -> ImportOptions {
    ImportOptions { id: "test-2024".to_string(), start_marker: None, end_marker: None }
}

/// A small agreement in the shape of a PDF extraction: a blank line after
/// every line, wrapped lines ending in a space, page furniture, a page break
/// (a line starting with a space straight after the previous page's line).
const SMALL: &str = "Cover report, not part of the agreement\n\
THIS AGREEMENT is made on 29th March 2024\n\n\
BETWEEN:\n\n\
(1) NHS COVENTRY AND WARWICKSHIRE INTEGRATED CARE BOARD of Westgate House, Coventry, CV1 1FH (\"the ICB\"); and \n\n\
(2) WARWICKSHIRE COUNTY COUNCIL of Shire Hall, Warwick, CV34 4RL (\"the Council\").\n\n\
Recitals\n\n\
(A) The Partners wish to pool funds.\n\n\
1. Definitions\n\n\
1.1 In this Agreement:\n\n\
“Commencement Date” means 1 April 2024;\n\n\
“Term” means three years and * applies to \n\n\
footnotes_here only.\n\n\
Page 3\n\n\
- 2 -\n\n\
2. Pooled Fund\n\n\
2.1 The Partners shall establish a pooled fund in accordance with \n\
 Schedule 1 and the Regulations.\n\n\
Signed for and on behalf of WARWICKSHIRE COUNTY COUNCIL\n\n\
Signature……………\n\n\
Date……………\n\
 Schedule 1\n\n\
Contributions\n\n\
1. The ICB contributes.\n\n\
2. The Council contributes.\n";

fn file<'a>(imp: &'a Imported, path: &str) -> &'a str {
    imp.files
        .iter()
        .find(|f| f.path == Path::new(path))
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("no {path} in {:?}", imp.files.iter().map(|f| &f.path).collect::<Vec<_>>()))
}

/// Plain text of Markdown as a CommonMark reader sees it, one line per block.
fn read_back(md: &str) -> Vec<String> {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, md, &comrak::Options::default());
    let mut out = Vec::new();
    for node in root.children() {
        let mut text = String::new();
        for d in node.descendants() {
            match &d.data.borrow().value {
                comrak::nodes::NodeValue::Text(t) => text.push_str(t),
                comrak::nodes::NodeValue::SoftBreak => text.push(' '),
                comrak::nodes::NodeValue::Item(_) if !text.is_empty() => text.push('\n'),
                _ => {}
            }
        }
        out.push(text);
    }
    out
}

#[test]
fn a_small_agreement_round_trips_through_commonmark() {
    let imp = import_text(SMALL, &opts()).expect("import");
    let body = file(&imp, "agreement.md");
    let blocks = read_back(body);
    assert_eq!(
        blocks,
        [
            "THIS AGREEMENT is made on 29th March 2024",
            "BETWEEN:",
            "(1) NHS COVENTRY AND WARWICKSHIRE INTEGRATED CARE BOARD of Westgate House, Coventry, CV1 1FH (\"the ICB\"); and",
            "(2) WARWICKSHIRE COUNTY COUNCIL of Shire Hall, Warwick, CV34 4RL (\"the Council\").",
            "Recitals",
            "(A) The Partners wish to pool funds.",
            "1. Definitions",
            "1.1 In this Agreement:",
            "“Commencement Date” means 1 April 2024;",
            "“Term” means three years and * applies to footnotes_here only.",
            "2. Pooled Fund",
            "2.1 The Partners shall establish a pooled fund in accordance with Schedule 1 and the Regulations.",
            "Signed for and on behalf of WARWICKSHIRE COUNTY COUNCIL",
            "Signature……………",
            "Date……………",
        ]
    );
    // Clause headings keep their printed number and are headings, not lists.
    assert!(body.contains("\n## 1. Definitions\n"));
    assert!(body.contains("three years and \\* applies to footnotes\\_here only."));
    let schedule = file(&imp, "schedules/01-contributions.md");
    assert_eq!(
        schedule,
        "# Schedule 1 — Contributions\n\n1\\. The ICB contributes.\n\n2\\. The Council contributes.\n"
    );
    assert_eq!(read_back(schedule)[1], "1. The ICB contributes.");

    let s = &imp.summary;
    assert_eq!((s.clauses, s.schedules, s.definitions, s.recitals, s.execution_blocks), (2, 1, 2, 1, 1));
    assert_eq!((s.furniture_lines_dropped, s.first_line), (2, 2));
}

#[test]
fn the_skeleton_metadata_is_valid_toml_with_what_the_text_says() {
    let imp = import_text(SMALL, &opts()).expect("import");
    let text = file(&imp, "agreement.toml");
    let t: toml::Table = toml::from_str(text).expect("valid TOML");
    assert_eq!(t["schema"].as_integer(), Some(1));
    assert_eq!(t["id"].as_str(), Some("test-2024"));
    // A dated date line over signature blocks that name no signatory and
    // give no date is an engrossment awaiting signature: draft, and the
    // comment says what to change if it was signed.
    assert_eq!(t["status"]["state"].as_str(), Some("draft"));
    assert!(
        text.contains(
            "state = \"draft\"  # TODO: dated 2024-03-29, but no signature block names a signatory or a date"
        ),
        "{text}"
    );
    let parties = t["parties"].as_array().expect("parties");
    let get = |i: usize, k: &str| parties[i][k].as_str().unwrap_or("").to_string();
    assert_eq!(get(0, "name"), "NHS Coventry and Warwickshire Integrated Care Board");
    assert_eq!((get(0, "kind"), get(0, "defined_as"), get(0, "key")), ("icb".into(), "the ICB".into(), "icb".into()));
    assert_eq!(get(1, "name"), "Warwickshire County Council");
    assert_eq!((get(1, "kind"), get(1, "address")), ("county-council".into(), "Shire Hall, Warwick, CV34 4RL".into()));
    assert_eq!(t["term"]["commencement"].to_string(), "2024-04-01");
    let schedules = t["schedules"].as_array().expect("schedules");
    assert_eq!(schedules.len(), 1);
    assert_eq!(schedules[0]["file"].as_str(), Some("schedules/01-contributions.md"));
    assert_eq!(schedules[0]["title"].as_str(), Some("Contributions"));
    // What it cannot know is left to the user, visibly.
    assert!(text.contains("# length = \"\"  # TODO"));
}

#[test]
fn invalid_utf8_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pack.txt");
    fs::write(&path, b"THIS AGREEMENT is made\n\n1. Definitions\nThe Council\x92s Functions\n").expect("write");
    let e = import_file(&path, &opts()).unwrap_err();
    assert!(matches!(e, ImportError::NotUtf8 { line: 4, column: 12, byte: 0x92, .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.starts_with(&format!("{}:4:12: not valid UTF-8", path.display())), "{msg}");
}

#[test]
fn a_bom_and_crlf_line_endings_import_like_clean_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pack.txt");
    let crlf = format!("\u{feff}{}", SMALL.replace('\n', "\r\n"));
    fs::write(&path, crlf).expect("write");
    let from_file = import_file(&path, &opts()).expect("import");
    let from_text = import_text(SMALL, &opts()).expect("import");
    for (a, b) in from_file.files.iter().zip(&from_text.files) {
        // The skeleton names its source; everything else is identical.
        if a.path != Path::new("agreement.toml") {
            assert_eq!(a, b);
        }
    }
    assert_eq!(from_file.summary, from_text.summary);
}

#[test]
fn bad_inputs_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.txt");
    let e = import_file(&missing, &opts()).unwrap_err();
    assert!(matches!(e, ImportError::Io { .. }) && e.to_string().contains("missing.txt"), "{e}");

    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").expect("write");
    let e = import_file(&empty, &opts()).unwrap_err();
    assert_eq!(e.to_string(), format!("{}: the input is empty", empty.display()));

    let other = dir.path().join("minutes.txt");
    fs::write(&other, "Minutes of the meeting\n\n1. Apologies\n").expect("write");
    let e = import_file(&other, &opts()).unwrap_err();
    assert!(matches!(&e, ImportError::NoStartMarker { marker, .. } if marker == "THIS AGREEMENT"), "{e}");
    assert!(e.to_string().contains("minutes.txt"), "{e}");

    let with_start = ImportOptions { start_marker: Some("Minutes".into()), ..opts() };
    let e = import_file(&other, &ImportOptions { end_marker: Some("Any other business".into()), ..with_start.clone() })
        .unwrap_err();
    assert!(matches!(e, ImportError::NoEndMarker { after_line: 1, .. }), "{e}");
    assert!(import_file(&other, &with_start).is_ok());

    let e = import_text(SMALL, &ImportOptions { id: "../escape".into(), ..opts() }).unwrap_err();
    assert!(matches!(e, ImportError::InvalidId { .. }), "{e}");
}

#[test]
fn writing_refuses_to_overwrite_unless_forced() {
    let root = tempfile::tempdir().expect("tempdir");
    let dest = root.path().join("agreements").join("test-2024");
    let imp = import_text(SMALL, &opts()).expect("import");
    write_imported(&dest, &imp, false).expect("first write");
    assert_eq!(fs::read_to_string(dest.join("agreement.md")).expect("read"), file(&imp, "agreement.md"));

    fs::write(dest.join("agreement.md"), "edited by hand\n").expect("write");
    let e = write_imported(&dest, &imp, false).unwrap_err();
    let ImportError::DestinationExists { files, .. } = &e else { panic!("{e}") };
    assert_eq!(files.len(), imp.files.len(), "every clashing file is listed");
    assert_eq!(fs::read_to_string(dest.join("agreement.md")).expect("read"), "edited by hand\n");

    write_imported(&dest, &imp, true).expect("forced write");
    assert_eq!(fs::read_to_string(dest.join("agreement.md")).expect("read"), file(&imp, "agreement.md"));
    let left: Vec<_> = fs::read_dir(root.path().join("agreements")).expect("list").collect();
    assert_eq!(left.len(), 1, "no staging folder left behind");
}

/// Arbitrary mixtures of the constructs the heuristics look at: the importer
/// returns a result or an error for each, and never panics.
#[test]
fn odd_inputs_never_panic() {
    const PIECES: &[&str] = &[
        "THIS AGREEMENT",
        "",
        " ",
        "\u{c}",
        "Schedule 1",
        " Schedule 2",
        "SCHEDULE 3 – X",
        "1.",
        "1A.",
        "(iv)",
        "i)_",
        "27A",
        "16.3.2",
        "·",
        "● x",
        "\u{F0B7}",
        "“",
        "”means",
        "\"a\" means",
        "Page 1",
        "- 2 -",
        "Part I:",
        "Appendix",
        "A.",
        "(A)",
        "C SECTION",
        "co-",
        "-",
        "operate",
        "Signed for and on behalf of",
        "Signature…",
        "Date",
        "Recitals",
        "BETWEEN:",
        "of",
        "(\"the X\")",
        "&amp;",
        "<b>",
        "[x](y)",
        "#",
        ">",
        "*",
        "_",
        "`",
        "\\",
        "é",
        "日本",
        "\u{0}",
        "   trailing ",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).unwrap_or(0)
    };
    for _ in 0..400 {
        let mut text = String::from("THIS AGREEMENT\n");
        for _ in 0..(next() % 40) {
            for _ in 0..(next() % 4) {
                text.push_str(PIECES[next() % PIECES.len()]);
                if next() % 2 == 0 {
                    text.push(' ');
                }
            }
            text.push('\n');
        }
        match import_text(&text, &opts()) {
            Ok(imp) => {
                for f in &imp.files {
                    if f.path == Path::new("agreement.toml") {
                        toml::from_str::<toml::Table>(&f.contents)
                            .unwrap_or_else(|e| panic!("invalid skeleton for {text:?}: {e}\n{}", f.contents));
                    }
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}
