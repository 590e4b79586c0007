//! Source files and spans: every element of the model points back into the
//! file it came from, so every finding can name file, line and column.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// One file read from the repository, kept whole so spans can be shown.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the repository root, with `/` separators: what users see.
    pub path: String,
    /// Where the file was read from (absolute or relative to the working directory).
    pub disk_path: PathBuf,
    /// The text the rules read: LF line endings, no byte-order mark.
    pub text: String,
    /// The bytes on disk when they differ from `text` (CRLF endings, a BOM):
    /// a signing pack binds the real bytes, so they are kept to hash.
    disk_bytes: Option<Box<[u8]>>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, disk_path: impl Into<PathBuf>, text: String) -> Arc<Self> {
        Self::normalised(path, disk_path, text, None)
    }

    /// As [`SourceFile::new`], for a file whose bytes on disk were `disk_bytes`
    /// before the line endings and byte-order mark were normalised into `text`.
    pub fn normalised(
        path: impl Into<String>,
        disk_path: impl Into<PathBuf>,
        text: String,
        disk_bytes: Option<Vec<u8>>,
    ) -> Arc<Self> {
        let line_starts =
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        let disk_bytes = disk_bytes.map(Vec::into_boxed_slice);
        Arc::new(SourceFile { path: path.into(), disk_path: disk_path.into(), text, disk_bytes, line_starts })
    }

    /// The file's bytes as they are on disk (what a fingerprint hashes).
    pub fn disk_bytes(&self) -> &[u8] {
        self.disk_bytes.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// Byte offset of the start of a 1-based line (clamped to the file).
    pub fn line_start(&self, line: usize) -> usize {
        let idx = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[idx]
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        &self.text[start..end]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// A byte range in one source file.
#[derive(Debug, Clone)]
pub struct Span {
    pub file: Arc<SourceFile>,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: &Arc<SourceFile>, range: Range<usize>) -> Self {
        Span { file: Arc::clone(file), range }
    }

    /// A span covering the whole of line `line` (1-based).
    pub fn line(file: &Arc<SourceFile>, line: usize) -> Self {
        let start = file.line_start(line);
        let end = start + file.line_text(line).len();
        Span::new(file, start..end)
    }

    pub fn start(&self) -> (usize, usize) {
        self.file.line_col(self.range.start)
    }

    /// Line and column of the last character (inclusive), for SARIF/GitHub end positions.
    pub fn end(&self) -> (usize, usize) {
        let last = if self.range.end > self.range.start { self.range.end - 1 } else { self.range.start };
        let (line, col) = self.file.line_col(last);
        (line, col)
    }

    pub fn text(&self) -> &str {
        self.file.text.get(self.range.clone()).unwrap_or("")
    }

    /// `path:line:col`, the form editors and terminals understand.
    pub fn location(&self) -> String {
        let (line, col) = self.start();
        format!("{}:{}:{}", self.file.path, line, col)
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.file, &other.file) && self.range == other.range
    }
}

impl Eq for Span {}

/// A value with the span it was read from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

impl<T> std::ops::Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let f = SourceFile::new("a.md", "a.md", "ab\n“x” y\nlast".to_string());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let y = f.text.find('y').unwrap();
        assert_eq!(f.line_col(y), (2, 5));
        assert_eq!(f.line_text(3), "last");
        assert_eq!(Span::line(&f, 2).text(), "“x” y");
    }
}
