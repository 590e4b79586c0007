//! The source a human report quotes, with long lines cut as rustc cuts
//! them. codespan-reporting quotes whole lines, and an imported agreement
//! holds paragraphs of 1,300 characters on one line: quoting them whole
//! buries the caret. So each diagnostic gets its own small view of each
//! file it points into — only the lines its labels touch, every long one
//! cut to a window around the labels with `...` where text was left out —
//! and codespan renders that view. Line numbers and columns are still the
//! original file's: the view answers codespan's questions about them from
//! the original text.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::files::{Error, Files};

use crate::model::source::SourceFile;

/// A line longer than this many characters is cut.
const MAX_LINE: usize = 120;
/// How many characters of a cut line are kept.
const WINDOW: usize = 100;
/// How many characters are kept before the first label on a cut line.
const LEAD: usize = 30;
const ELLIPSIS: &str = "...";

/// The views of one diagnostic, one per file, in the order labels name them.
pub struct Snippet<'r> {
    views: Vec<View<'r>>,
}

struct View<'r> {
    file: &'r Arc<SourceFile>,
    text: String,
    /// Original 0-based line index → where it is in `text`.
    lines: BTreeMap<usize, Shown>,
}

/// One original line as the view holds it.
#[derive(Debug, Clone)]
struct Shown {
    /// Its bytes in the view, newline included.
    view: Range<usize>,
    /// Byte offset of its first kept character in the original file.
    orig_from: usize,
    /// Byte offset just past its last kept character in the original file.
    orig_to: usize,
    /// Bytes of `...` before the kept text.
    lead: usize,
}

/// A label to show: where it points in the original file, and whether it is the primary one.
pub struct Mark<'r> {
    pub file: &'r Arc<SourceFile>,
    pub range: Range<usize>,
    pub primary: bool,
}

impl<'r> Snippet<'r> {
    /// Views for these labels; [`Snippet::place`] then gives each label's id and range in them.
    pub fn new(marks: &[Mark<'r>]) -> Self {
        let mut views: Vec<View<'r>> = Vec::new();
        for (i, mark) in marks.iter().enumerate() {
            if views.iter().any(|v| Arc::ptr_eq(v.file, mark.file)) {
                continue;
            }
            let same_file: Vec<&Mark> = marks[i..].iter().filter(|m| Arc::ptr_eq(m.file, mark.file)).collect();
            views.push(View::new(mark.file, &same_file));
        }
        Snippet { views }
    }

    /// The file id and view range codespan should be given for a label.
    pub fn place(&self, mark: &Mark) -> (usize, Range<usize>) {
        let id = self.views.iter().position(|v| Arc::ptr_eq(v.file, mark.file)).unwrap_or(0);
        let view = &self.views[id];
        (id, view.to_view(mark.range.start)..view.to_view(mark.range.end))
    }
}

impl<'r> View<'r> {
    fn new(file: &'r Arc<SourceFile>, marks: &[&Mark]) -> Self {
        let line_of = |offset: usize| file.line_col(offset).0 - 1;
        // Every line a label touches (codespan walks each line of a
        // multi-line label), and a lone line between two of them, which
        // codespan shows rather than a break.
        let mut needed = BTreeSet::new();
        // Per line: label points (bytes from the line's start), and the primary's start.
        let mut points: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut anchors: BTreeMap<usize, usize> = BTreeMap::new();
        for m in marks {
            let (first, last) = (line_of(m.range.start), line_of(m.range.end));
            needed.extend(first..=last);
            points.entry(first).or_default().push(m.range.start - file.line_start(first + 1));
            points.entry(last).or_default().push(m.range.end - file.line_start(last + 1));
            if m.primary {
                anchors.insert(first, m.range.start - file.line_start(first + 1));
            }
        }
        let gaps: Vec<usize> = needed
            .iter()
            .filter(|&&l| !needed.contains(&(l + 1)) && needed.contains(&(l + 2)))
            .map(|l| l + 1)
            .collect();
        needed.extend(gaps);

        let mut view = View { file, text: String::new(), lines: BTreeMap::new() };
        for line in needed {
            let start = file.line_start(line + 1);
            let content = file.line_text(line + 1);
            let pts = points.get(&line).map_or(&[][..], Vec::as_slice);
            let (from, to) = window(content, pts, anchors.get(&line).copied());
            let from_view = view.text.len();
            let lead = if from > 0 { ELLIPSIS.len() } else { 0 };
            if from > 0 {
                view.text.push_str(ELLIPSIS);
            }
            view.text.push_str(&content[from..to]);
            if to < content.len() {
                view.text.push_str(ELLIPSIS);
            }
            view.text.push('\n');
            let shown = Shown { view: from_view..view.text.len(), orig_from: start + from, orig_to: start + to, lead };
            view.lines.insert(line, shown);
        }
        view
    }

    /// An original byte offset → the view's. Offsets cut away are clamped
    /// to the nearest kept character.
    fn to_view(&self, offset: usize) -> usize {
        let line = self.file.line_col(offset).0 - 1;
        let Some(s) = self.lines.get(&line) else { return 0 };
        let kept = offset.clamp(s.orig_from, s.orig_to) - s.orig_from;
        (s.view.start + s.lead + kept).min(s.view.end - 1)
    }

    /// A view byte offset → the original line index and byte offset.
    fn to_original(&self, offset: usize) -> (usize, usize) {
        let found = self.lines.iter().find(|(_, s)| offset < s.view.end).or_else(|| self.lines.iter().next_back());
        match found {
            Some((&line, s)) => {
                let into = offset.saturating_sub(s.view.start + s.lead);
                (line, (s.orig_from + into).min(s.orig_to))
            }
            None => (0, 0),
        }
    }
}

/// The byte range of a line to keep: all of it when short; otherwise about
/// [`WINDOW`] characters around the label points, starting a little before
/// them, or before the primary label's start when they lie too far apart.
fn window(line: &str, points: &[usize], primary: Option<usize>) -> (usize, usize) {
    let chars: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
    let len = chars.len();
    if len <= MAX_LINE {
        return (0, line.len());
    }
    let col = |byte: usize| chars.partition_point(|&b| b < byte);
    let cols: Vec<usize> = points.iter().map(|&p| col(p)).collect();
    let (lo, hi) = (cols.iter().copied().min().unwrap_or(0), cols.iter().copied().max().unwrap_or(0));
    let anchor = if hi - lo + LEAD <= WINDOW { lo } else { primary.map_or(lo, col) };
    let mut from = anchor.saturating_sub(LEAD).min(len - WINDOW);
    let mut to = from + WINDOW;
    // Cutting a few characters to put three dots in their place hides nothing.
    if from <= ELLIPSIS.len() {
        from = 0;
    }
    if len - to <= ELLIPSIS.len() {
        to = len;
    }
    let byte = |c: usize| chars.get(c).copied().unwrap_or(line.len());
    (byte(from), byte(to))
}

impl<'a> Files<'a> for Snippet<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(self.views.get(id).ok_or(Error::FileMissing)?.file.path.as_str())
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(self.views.get(id).ok_or(Error::FileMissing)?.text.as_str())
    }

    /// Indexes are the original file's, so codespan's line numbers are too.
    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.views.get(id).ok_or(Error::FileMissing)?.to_original(byte_index).0)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let view = self.views.get(id).ok_or(Error::FileMissing)?;
        let max = view.lines.keys().next_back().copied().unwrap_or(0);
        view.lines.get(&line_index).map(|s| s.view.clone()).ok_or(Error::LineTooLarge { given: line_index, max })
    }

    /// The original column, counted in characters as everywhere else in s75.
    fn column_number(&'a self, id: usize, _line_index: usize, byte_index: usize) -> Result<usize, Error> {
        let view = self.views.get(id).ok_or(Error::FileMissing)?;
        Ok(view.file.line_col(view.to_original(byte_index).1).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'l>(line: &'l str, points: &[usize]) -> &'l str {
        let (from, to) = window(line, points, None);
        &line[from..to]
    }

    #[test]
    fn short_lines_are_kept_whole() {
        let line = "a".repeat(MAX_LINE);
        assert_eq!(cut(&line, &[5]), line);
    }

    #[test]
    fn a_long_line_keeps_a_window_around_the_span() {
        let line = format!("{}TARGET{}", "x".repeat(600), "y".repeat(600));
        let kept = cut(&line, &[600, 606]);
        assert_eq!(kept.chars().count(), WINDOW);
        assert!(kept.contains("TARGET"));
        assert_eq!(kept.find("TARGET"), Some(LEAD));
    }

    #[test]
    fn the_window_stays_inside_the_line() {
        let line = format!("{}END", "x".repeat(400));
        let kept = cut(&line, &[400, 403]);
        assert!(kept.ends_with("END") && kept.chars().count() == WINDOW);
        assert!(cut(&line, &[0, 1]).starts_with('x'));
    }

    #[test]
    fn windows_count_characters_not_bytes() {
        let line = format!("{}“T”{}", "é".repeat(300), "é".repeat(300));
        let start = "é".repeat(300).len();
        let kept = cut(&line, &[start, start + "“T”".len()]);
        assert_eq!(kept.chars().count(), WINDOW);
        assert!(kept.contains("“T”"));
    }

    #[test]
    fn offsets_map_into_the_view_and_back() {
        let text = format!("short\n{}TARGET{}\nlast\n", "x".repeat(500), "y".repeat(500));
        let file = SourceFile::new("a.md", "a.md", text.clone());
        let at = text.find("TARGET").expect("target");
        let mark = Mark { file: &file, range: at..at + 6, primary: true };
        let snippet = Snippet::new(std::slice::from_ref(&mark));
        let (id, range) = snippet.place(&mark);
        let source = snippet.source(id).expect("view");
        assert_eq!(&source[range.clone()], "TARGET");
        assert!(source.starts_with("...") && source.trim_end().ends_with("..."), "{source}");
        assert_eq!(snippet.line_index(id, range.start).expect("line"), 1);
        assert_eq!(snippet.column_number(id, 1, range.start).expect("column"), 501);
    }
}
