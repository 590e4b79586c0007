//! `s75 import`: plain text of a legacy agreement → repository format.
//!
//! The input is text as extracted from a PDF or Word file, or a Word file
//! (.docx) itself, which [`docx`] turns into the text Word displays. The importer
//! selects the agreement's lines, drops page furniture, re-joins wrapped lines
//! into paragraphs, recognises the agreement's parts and writes them as
//! Markdown (`agreement.md`, `schedules/NN-slug.md`) with a skeleton
//! `agreement.toml`.
//!
//! It never corrects the drafting: numbers are kept as printed (duplicates and
//! gaps included), words are kept as printed, and only layout (spacing, line
//! breaks, page furniture, bullet glyphs) is interpreted. The stages:
//! - [`docx`]: a .docx → one line per paragraph, list numbers in front;
//! - [`clean`]: markers, furniture, layout clues per line;
//! - [`unwrap`]: lines → paragraphs;
//! - [`labelled`]: `Article 16 - Heading` clause headings;
//! - [`renumber`]: numbers Word's lost automatic numbering, where the text's references vouch for them;
//! - [`structure`]: paragraphs → headings, paragraphs, list items, schedules;
//! - [`markdown`]: escaped CommonMark;
//! - [`metadata`]: the skeleton `agreement.toml`;
//! - [`write`]: atomic writing into the agreement folder.

mod arrangements;
mod clean;
mod docx;
mod facts;
mod labelled;
mod markdown;
mod metadata;
mod renumber;
mod structure;
mod tokens;
mod unwrap;
mod write;

use std::path::{Path, PathBuf};

pub use write::write_imported;

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The agreement's id: the folder name under `agreements/`.
    pub id: String,
    /// The agreement starts at the first line that begins (after leading
    /// whitespace) with this text. Default: the agreement's opening line
    /// ("THIS AGREEMENT is made …", "THIS DEED OF VARIATION is dated …").
    pub start_marker: Option<String>,
    /// The agreement ends before the first later line that begins with this
    /// text (for a meeting pack where other papers follow the agreement).
    /// Default: the end of the input.
    pub end_marker: Option<String>,
}

impl ImportOptions {
    pub fn new(id: impl Into<String>) -> Self {
        ImportOptions { id: id.into(), ..ImportOptions::default() }
    }
}

/// One file of the imported agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFile {
    /// Relative to the agreement folder, e.g. `schedules/01-aims-and-outcomes.md`.
    pub path: PathBuf,
    pub contents: String,
}

/// What the importer recognised, for the user to compare with the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Numbered clause headings in the body (`1`, `1A.`, … `42.`).
    pub clauses: usize,
    pub schedules: usize,
    /// Definition paragraphs (`“Term” means …`) in the definitions clause.
    pub definitions: usize,
    /// Page furniture lines dropped ("Page 57", "- 26 -").
    pub furniture_lines_dropped: usize,
    pub recitals: usize,
    pub execution_blocks: usize,
    /// Paragraphs written (body and schedules; headings and list items apart).
    pub paragraphs: usize,
    /// Bullets written as Markdown list items.
    pub list_items: usize,
    /// Schedules that say only "Not used".
    pub schedules_not_used: usize,
    /// The input lines read: the start marker's line and the last line.
    pub first_line: usize,
    pub last_line: usize,
    /// What the user must check, one sentence each (clause numbers rebuilt
    /// or missing); also written at the head of `agreement.toml`.
    pub notes: Vec<String>,
}

/// The imported agreement: its files, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub files: Vec<ImportedFile>,
    pub summary: ImportSummary,
}

#[derive(thiserror::Error, Debug)]
pub enum ImportError {
    #[error(
        "{}:{line}:{column}: not valid UTF-8 (byte 0x{byte:02X}){hint}; s75 does not guess encodings: convert the file to UTF-8 first",
        file.display()
    )]
    NotUtf8 { file: PathBuf, line: usize, column: usize, byte: u8, hint: &'static str },
    #[error("{}: a PDF: s75 import reads text or Word (.docx) files; extract the PDF's text first (pdftotext -layout)", file.display())]
    Pdf { file: PathBuf },
    #[error("{}: a password-protected Word file: s75 cannot decrypt it; save an unprotected copy as .docx", file.display())]
    EncryptedWord { file: PathBuf },
    #[error("{}: a Word 97-2003 .doc (or another OLE compound file), not a .docx: save it as a Word Document (.docx) first", file.display())]
    LegacyWord { file: PathBuf },
    #[error("{}: a zip archive but not a Word document: its [Content_Types].xml declares no WordprocessingML main document", file.display())]
    NotWord { file: PathBuf },
    #[error("{}: a damaged Word file: {why}", file.display())]
    CorruptWord { file: PathBuf, why: String },
    #[error("{}: the input is empty", file.display())]
    Empty { file: PathBuf },
    #[error("{}: no line starts with the start marker {marker:?}; give the agreement's first words with --start", file.display())]
    NoStartMarker { file: PathBuf, marker: String },
    #[error("{}: no line after the start marker (line {after_line}) starts with the end marker {marker:?}", file.display())]
    NoEndMarker { file: PathBuf, marker: String, after_line: usize },
    #[error(
        "{}:{line}: nothing recognisable as an agreement from here: no numbered clauses, paragraphs or schedules",
        file.display()
    )]
    NothingRecognisable { file: PathBuf, line: usize },
    #[error("invalid agreement id {id:?}: {reason}")]
    InvalidId { id: String, reason: &'static str },
    #[error("{}: refusing to overwrite existing files (use --force to replace them): {}", dest.display(), list(files))]
    DestinationExists { dest: PathBuf, files: Vec<PathBuf> },
    #[error("{}: not a relative path inside the agreement folder", path.display())]
    InvalidPath { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn list(files: &[PathBuf]) -> String {
    files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// The name import errors use for text that did not come from a file.
const TEXT_NAME: &str = "<input>";

/// Imports the text of an agreement (UTF-8, LF line endings).
pub fn import_text(text: &str, opts: &ImportOptions) -> Result<Imported, ImportError> {
    import_named(text, Path::new(TEXT_NAME), opts, Layout::Extracted)
}

/// Reads FILE and imports it. A Word file (.docx, recognised by its content)
/// is read as the text Word displays, one paragraph a line; anything else is
/// text (bytes → UTF-8 check with a clear error naming the file and the line
/// of the first bad byte; a BOM stripped, CRLF normalised). PDFs and other
/// Office formats are refused with what to do instead.
pub fn import_file(path: &Path, opts: &ImportOptions) -> Result<Imported, ImportError> {
    // Read as a source: the import must not be written over its own input.
    let bytes = read_input(path)?;
    match docx::sniff(&bytes) {
        docx::Kind::Zip => {
            let text = docx::text(&bytes, path)?;
            import_named(&text, path, opts, Layout::Paragraphs)
        }
        _ => {
            let text = decode(&bytes, path)?;
            import_named(&text, path, opts, Layout::Extracted)
        }
    }
}

/// The text `s75 import` reads from FILE: a .docx as the text Word displays
/// (each paragraph a line, its list number in front, table rows as
/// `| cell | cell |`, a form feed before a block that starts a page), any
/// other file as itself.
pub fn import_source_text(path: &Path) -> Result<String, ImportError> {
    let bytes = read_input(path)?;
    match docx::sniff(&bytes) {
        docx::Kind::Zip => docx::text(&bytes, path),
        _ => decode(&bytes, path),
    }
}

/// The input's bytes, read as a source of the run (see `crate::output`).
fn read_input(path: &Path) -> Result<Vec<u8>, ImportError> {
    crate::loading::read::read_bytes(path).map_err(|source| ImportError::Io { path: path.to_path_buf(), source })
}

/// How the input's lines relate to its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Extracted text: paragraphs hard-wrapped over lines, to be re-joined.
    Extracted,
    /// One paragraph a line, as the .docx reader writes them: the lines are
    /// never joined.
    Paragraphs,
}

/// UTF-8 without BOM, with LF line endings. Binary formats s75 cannot read
/// as text are named rather than reported as bad UTF-8.
fn decode(bytes: &[u8], path: &Path) -> Result<String, ImportError> {
    match docx::sniff(bytes) {
        docx::Kind::Pdf => return Err(ImportError::Pdf { file: path.to_path_buf() }),
        docx::Kind::Compound { encrypted: true } => {
            return Err(ImportError::EncryptedWord { file: path.to_path_buf() });
        }
        docx::Kind::Compound { encrypted: false } => return Err(ImportError::LegacyWord { file: path.to_path_buf() }),
        docx::Kind::Zip | docx::Kind::Text => {}
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        let hint = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            ", the file looks like UTF-16"
        } else {
            ", perhaps Windows-1252 or Latin-1"
        };
        ImportError::NotUtf8 { file: path.to_path_buf(), line, column, byte, hint }
    })?;
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn check_id(id: &str) -> Result<(), ImportError> {
    let reason = if id.is_empty() {
        Some("it is empty")
    } else if id.len() > 100 {
        Some("it is longer than 100 characters")
    } else if id.starts_with(['.', '-']) {
        Some("it must start with a letter or digit")
    } else if !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        Some("use letters, digits, '-', '_' and '.' only (it names a folder)")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(ImportError::InvalidId { id: id.to_string(), reason }),
        None => Ok(()),
    }
}

/// Text pasted from Word keeps each paragraph on one line, however long: when
/// a fifth of the lines run past any page width (120 characters), no line
/// was wrapped and none is to be joined.
fn unwrapped_paragraphs(lines: &[clean::Line]) -> bool {
    let long = lines.iter().filter(|l| l.text.chars().count() > 120).count();
    !lines.is_empty() && long * 5 >= lines.len()
}

fn import_named(text: &str, file: &Path, opts: &ImportOptions, layout: Layout) -> Result<Imported, ImportError> {
    check_id(&opts.id)?;
    let cleaned = clean::clean(text, file, opts.start_marker.as_deref(), opts.end_marker.as_deref())?;
    let one_per_line = layout == Layout::Paragraphs || unwrapped_paragraphs(&cleaned.lines);
    let paras = labelled::join_titles(unwrap::unwrap(&cleaned.lines, one_per_line));
    let (paras, numbering) = renumber::rebuild(paras);
    let doc = structure::build(&paras);

    let numbered = paras.iter().filter(|p| tokens::leading_number(&p.text).is_some()).count();
    if doc.facts.clauses == 0 && doc.schedules.is_empty() && numbered == 0 {
        return Err(ImportError::NothingRecognisable { file: file.to_path_buf(), line: cleaned.first_line });
    }

    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut schedule_files = Vec::new();
    for s in &doc.schedules {
        let mut name = markdown::schedule_file_name(&s.number, s.title.as_deref());
        // Two schedules printed with the same number still get a file each.
        let mut n = 2;
        while entries.iter().any(|e: &metadata::ScheduleEntry| e.file == format!("schedules/{name}")) {
            name = format!(
                "{}-{n}.md",
                markdown::schedule_file_name(&s.number, s.title.as_deref()).trim_end_matches(".md")
            );
            n += 1;
        }
        let path = format!("schedules/{name}");
        entries.push(metadata::ScheduleEntry {
            number: s.number.clone(),
            title: s.title.clone(),
            file: path.clone(),
            not_used: s.not_used,
        });
        schedule_files.push(ImportedFile { path: PathBuf::from(path), contents: markdown::render_schedule(s) });
    }
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let notes = numbering_notes(&numbering);
    let source = metadata::Source {
        id: &opts.id,
        name: &name,
        first_line: cleaned.first_line,
        last_line: cleaned.last_line,
        notes: &notes,
    };
    files.push(ImportedFile {
        path: PathBuf::from("agreement.toml"),
        contents: metadata::skeleton(&source, &doc, &entries),
    });
    files.push(ImportedFile { path: PathBuf::from("agreement.md"), contents: markdown::render_body(&doc.body) });
    files.extend(schedule_files);

    let f = &doc.facts;
    let summary = ImportSummary {
        clauses: f.clauses,
        schedules: doc.schedules.len(),
        definitions: f.definitions,
        furniture_lines_dropped: cleaned.furniture_dropped,
        recitals: f.recitals,
        execution_blocks: f.execution_blocks,
        paragraphs: f.paragraphs,
        list_items: f.list_items,
        schedules_not_used: doc.schedules.iter().filter(|s| s.not_used).count(),
        first_line: cleaned.first_line,
        last_line: cleaned.last_line,
        notes,
    };
    Ok(Imported { files, summary })
}

/// What the user must know about the clause numbers: rebuilt (to be checked
/// against the signed copy), or missing and why.
fn numbering_notes(outcome: &renumber::Outcome) -> Vec<String> {
    match outcome {
        renumber::Outcome::Numbered => Vec::new(),
        renumber::Outcome::Rebuilt(r) => vec![format!(
            "the text has no clause numbers (text pasted from Word loses its automatic numbering): {} clauses were numbered from their headings as Word numbers them (1., 1.1, 1.1.1; definitions unnumbered), and {} of the text's {} references to clauses land on a provision about what they say; check the numbers against the signed copy",
            r.clauses, r.confirmed, r.references
        )],
        renumber::Outcome::Missing(why) => vec![format!(
            "the text has no clause numbers (text pasted from Word loses its automatic numbering) and they were not rebuilt, because {why}: references to clauses cannot be checked; import the Word file (.docx) to keep the numbers"
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_file_line_and_column() {
        let bytes = b"THIS AGREEMENT\nline two\nab\xE9cd\n";
        let e = decode(bytes, Path::new("pack.txt")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "pack.txt:3:3: not valid UTF-8 (byte 0xE9), perhaps Windows-1252 or Latin-1; s75 does not guess encodings: convert the file to UTF-8 first"
        );
        let e = decode(b"\xFF\xFET\x00", Path::new("u16.txt")).unwrap_err();
        assert!(e.to_string().starts_with("u16.txt:1:1:") && e.to_string().contains("UTF-16"), "{e}");
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let t = decode(b"\xEF\xBB\xBFTHIS AGREEMENT\r\nx\ry\n", Path::new("a")).expect("decode");
        assert_eq!(t, "THIS AGREEMENT\nx\ny\n");
    }

    #[test]
    fn ids_name_folders() {
        assert!(check_id("coventry-cwpt-2019").is_ok());
        for bad in ["", "../x", "a/b", ".hidden", "a b", "-x"] {
            assert!(matches!(check_id(bad), Err(ImportError::InvalidId { .. })), "{bad}");
        }
    }

    #[test]
    fn pasted_paragraphs_are_never_joined() {
        let long = "The Partners shall keep the arrangements under review and report to their boards, and this line is longer than any page is wide";
        let text = format!(
            "THIS AGREEMENT is made on 1 May 2021\n\nA BOROUGH COUNCIL of the Town Hall (the \"Council\"); and\n\nB NHS TRUST of 1 Road (the \"Trust\").\n\n{long}; and\n\n{long}.\n\nSchedule 1 - Aims\n\n{long}.\n"
        );
        let i = import_text(&text, &ImportOptions::new("x")).expect("imports");
        let toml = &i.files[0].contents;
        assert_eq!(toml.matches("[[parties]]").count(), 2, "{toml}");
    }

    #[test]
    fn prose_without_structure_is_refused() {
        let e = import_text("THIS AGREEMENT is a letter.\n\nIt has no clauses at all.\n", &ImportOptions::new("x"))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "<input>:1: nothing recognisable as an agreement from here: no numbered clauses, paragraphs or schedules"
        );
    }
}
