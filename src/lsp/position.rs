//! Positions: the protocol counts lines from 0 and columns in UTF-16 code
//! units; s75's spans are byte ranges of a file's normalised text (LF, no
//! byte-order mark), whose lines are the lines the editor shows.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Location, Position, Range, Uri};

use crate::model::{SourceFile, Span};

/// The protocol position of byte `offset` of `file`'s text.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let (line, _) = file.line_col(offset);
    let start = file.line_start(line);
    let end = offset.clamp(start, file.text.len());
    let column = file.text.get(start..end).map_or(0, |s| s.encode_utf16().count());
    Position::new(to_u32(line - 1), to_u32(column))
}

/// The byte offset of a protocol position (clamped to the line and the file).
pub fn offset(file: &SourceFile, at: Position) -> usize {
    let line = at.line as usize + 1;
    if line > file.line_count() {
        return file.text.len();
    }
    let start = file.line_start(line);
    let mut units = 0usize;
    for (i, c) in file.line_text(line).char_indices() {
        if units >= at.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + file.line_text(line).len()
}

pub fn range(span: &Span) -> Range {
    Range::new(position(&span.file, span.range.start), position(&span.file, span.range.end))
}

pub fn location(span: &Span) -> Option<Location> {
    Some(Location::new(uri(&span.file.disk_path)?, range(span)))
}

pub fn uri(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    Uri::from_str(url.as_str()).ok()
}

/// The real path of a `file:` URI (symbolic links followed, as the loader
/// records files), or the path as given when it does not exist.
pub fn path(uri: &Uri) -> Option<PathBuf> {
    let path = url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()?;
    Some(path.canonicalize().unwrap_or(path))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_and_round_trip() {
        let f = SourceFile::new("a.md", "a.md", "ab\n“x” 𝑦 z\n".to_string());
        let z = f.text.find('z').unwrap();
        // “ x ” space: 4 units; 𝑦 is two units; then a space.
        assert_eq!(position(&f, z), Position::new(1, 7));
        assert_eq!(offset(&f, Position::new(1, 7)), z);
        assert_eq!(offset(&f, Position::new(1, 99)), f.text.len() - 1);
        assert_eq!(offset(&f, Position::new(9, 0)), f.text.len());
    }
}
