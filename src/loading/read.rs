//! Reading a source file: UTF-8, with LF or CRLF line endings and an optional
//! byte-order mark. Windows checkouts and editors write CRLF and a BOM, so
//! both are read; the model's text is normalised (LF, no BOM) for the rules,
//! and line and column numbers stay those of the file on disk (the BOM is
//! invisible in editors; a CR only ever sits at a line end). s75 never
//! guesses an encoding and never rewrites a source: anything else is an
//! error that says where and what to do.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::error::LoadError;
use crate::model::SourceFile;

const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Reads `disk` and names it `shown` (its repository-relative path) in the model.
pub fn read_source(disk: &Path, shown: &str) -> Result<Arc<SourceFile>, LoadError> {
    read_source_overlaid(disk, shown, &Overlay::default())
}

/// Texts to read in place of files on disk: the unsaved buffers of an
/// editor (the language server, `crate::lsp`, supplies them). Keyed by the
/// file's real path, as [`super::Repo::confine`] gives it. The text is read
/// as the file's bytes would be, so it meets the same checks.
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    texts: std::collections::HashMap<PathBuf, String>,
}

impl Overlay {
    pub fn set(&mut self, real: PathBuf, text: String) {
        self.texts.insert(real, text);
    }

    pub fn remove(&mut self, real: &Path) {
        self.texts.remove(real);
    }

    pub fn get(&self, real: &Path) -> Option<&str> {
        self.texts.get(real).map(String::as_str)
    }
}

/// As [`read_source`], taking the text from `overlay` when it holds the file.
pub fn read_source_overlaid(disk: &Path, shown: &str, overlay: &Overlay) -> Result<Arc<SourceFile>, LoadError> {
    let bytes = match overlay.get(disk) {
        Some(text) => text.as_bytes().to_vec(),
        None => read_bytes(disk).map_err(|e| LoadError::io(shown, e))?,
    };
    let Text { text, disk_bytes } = read_text(bytes, shown)?;
    Ok(SourceFile::normalised(shown, disk, text, disk_bytes))
}

/// Reads a file the run depends on (an agreement's file, `s75.toml`, a rule
/// pack, a template), and remembers it: no output of this run may replace
/// it (see `crate::output`).
pub fn read_bytes(disk: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(disk)?;
    SOURCES.lock().unwrap_or_else(PoisonError::into_inner).push(disk.to_path_buf());
    Ok(bytes)
}

/// Every file [`read_bytes`] has read in this process, as it was named.
pub fn sources_read() -> Vec<PathBuf> {
    SOURCES.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

// Process-wide because a command is one process and its sources are read
// from many places (loading, configuration, packs, templates); the list
// only grows, so a stale entry can only refuse an output, never allow one.
static SOURCES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A source file's text as the rules read it.
pub struct Text {
    /// LF line endings, no byte-order mark.
    pub text: String,
    /// The bytes on disk, when normalising changed them.
    pub disk_bytes: Option<Vec<u8>>,
}

/// Validates bytes as s75 source text and returns the normalised text.
pub fn check_text(bytes: Vec<u8>, shown: &str) -> Result<String, LoadError> {
    read_text(bytes, shown).map(|t| t.text)
}

/// Validates bytes as s75 source text. Bytes already in normal form (the
/// usual case) become the string without a copy.
pub fn read_text(bytes: Vec<u8>, shown: &str) -> Result<Text, LoadError> {
    let bom = bytes.starts_with(BOM);
    let body = if bom { &bytes[BOM.len()..] } else { &bytes[..] };
    if let Err(e) = std::str::from_utf8(body) {
        let good = e.valid_up_to();
        let line = 1 + memchr::memchr_iter(b'\n', &body[..good]).count();
        return Err(LoadError::at(
            shown,
            line,
            format!("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8", body[good]),
        ));
    }
    let first_cr = memchr::memchr(b'\r', body);
    if !bom && first_cr.is_none() {
        let text = String::from_utf8(bytes).expect("checked above");
        return Ok(Text { text, disk_bytes: None });
    }
    let mut text = Vec::with_capacity(body.len());
    let mut from = 0;
    for cr in memchr::memchr_iter(b'\r', body) {
        // A CR not ending a line (old Mac endings) would move every line after it: refused, not guessed.
        if body.get(cr + 1) != Some(&b'\n') {
            let line = 1 + memchr::memchr_iter(b'\n', &body[..cr]).count();
            return Err(LoadError::at(
                shown,
                line,
                "carriage return (CR) without a line feed (old Mac line endings); s75 reads LF or CRLF line endings: convert the file to LF or CRLF",
            ));
        }
        text.extend_from_slice(&body[from..cr]);
        from = cr + 1;
    }
    text.extend_from_slice(&body[from..]);
    let text = String::from_utf8(text).expect("UTF-8 with ASCII CRs removed");
    Ok(Text { text, disk_bytes: Some(bytes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_and_crlf_keeping_the_disk_bytes() {
        let t = read_text(b"\xEF\xBB\xBFone\r\ntwo\nthree\r\n".to_vec(), "a.md").unwrap();
        assert_eq!(t.text, "one\ntwo\nthree\n");
        assert_eq!(t.disk_bytes.as_deref(), Some(&b"\xEF\xBB\xBFone\r\ntwo\nthree\r\n"[..]));
        let t = read_text("“ok”\n".as_bytes().to_vec(), "a.md").unwrap();
        assert_eq!((t.text.as_str(), t.disk_bytes), ("“ok”\n", None));
    }

    #[test]
    fn an_overlay_text_is_read_in_place_of_the_file_and_checked_as_the_file_would_be() {
        let dir = tempfile::TempDir::new().unwrap();
        let disk = dir.path().join("agreement.md");
        std::fs::write(&disk, "on disk\n").unwrap();
        let mut overlay = Overlay::default();
        overlay.set(disk.clone(), "in the editor\r\n".to_string());
        let file = read_source_overlaid(&disk, "agreement.md", &overlay).unwrap();
        assert_eq!(file.text, "in the editor\n");
        overlay.set(disk.clone(), "one\rtwo".to_string());
        let e = read_source_overlaid(&disk, "agreement.md", &overlay).unwrap_err().to_string();
        assert!(e.starts_with("agreement.md:1: carriage return (CR) without a line feed"), "{e}");
        overlay.remove(&disk);
        assert_eq!(read_source_overlaid(&disk, "agreement.md", &overlay).unwrap().text, "on disk\n");
    }

    #[test]
    fn rejects_a_lone_cr_and_bad_utf8_with_the_line() {
        let e = check_text(b"one\r\ntwo\rthree".to_vec(), "a.md").unwrap_err().to_string();
        assert!(e.starts_with("a.md:2: carriage return (CR) without a line feed"), "{e}");
        let e = check_text(b"one\ntwo\nth\xFFree".to_vec(), "a.md").unwrap_err().to_string();
        assert!(e.starts_with("a.md:3: invalid UTF-8 (byte 0xFF)"), "{e}");
        let e = check_text(b"\xEF\xBB\xBFone\r\nt\xFFwo".to_vec(), "a.md").unwrap_err().to_string();
        assert!(e.starts_with("a.md:2: invalid UTF-8 (byte 0xFF)"), "{e}");
    }
}
