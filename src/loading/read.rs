//! Reading a source file strictly: UTF-8, no byte-order mark, LF line endings.
//! s75 never guesses an encoding and never rewrites a source, so anything else
//! is an error that says where and what to do.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::error::LoadError;
use crate::model::SourceFile;

/// Reads `disk` and names it `shown` (its repository-relative path) in the model.
pub fn read_source(disk: &Path, shown: &str) -> Result<Arc<SourceFile>, LoadError> {
    let bytes = read_bytes(disk).map_err(|e| LoadError::io(shown, e))?;
    let text = check_text(bytes, shown)?;
    Ok(SourceFile::new(shown, disk, text))
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

/// Validates bytes as s75 source text and returns them as a string.
/// The bytes become the string without a copy.
pub fn check_text(bytes: Vec<u8>, shown: &str) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(LoadError::at(
            shown,
            1,
            "file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM",
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let line = 1 + bytes[..good].iter().filter(|&&b| b == b'\n').count();
            return Err(LoadError::at(
                shown,
                line,
                format!("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8", bytes[good]),
            ));
        }
    };
    if let Some(pos) = text.find('\r') {
        let line = 1 + text[..pos].matches('\n').count();
        return Err(LoadError::at(shown, line, "CRLF (Windows) line endings; convert the file to LF line endings"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bom_crlf_and_bad_utf8_with_the_line() {
        let e = check_text(b"\xEF\xBB\xBFhello".to_vec(), "a.md").unwrap_err().to_string();
        assert_eq!(e, "a.md:1: file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM");
        let e = check_text(b"one\ntwo\r\nthree".to_vec(), "a.md").unwrap_err().to_string();
        assert!(e.starts_with("a.md:2: CRLF"), "{e}");
        let e = check_text(b"one\ntwo\nth\xFFree".to_vec(), "a.md").unwrap_err().to_string();
        assert!(e.starts_with("a.md:3: invalid UTF-8 (byte 0xFF)"), "{e}");
        assert_eq!(check_text("“ok”\n".as_bytes().to_vec(), "a.md").unwrap(), "“ok”\n");
    }
}
