//! From extracted text to content lines: choose the agreement's lines (start
//! and end markers), drop page furniture and the extraction's blank lines,
//! and record for each line the layout clues the unwrapping needs.
//!
//! PDF extraction leaves three clues about layout that the words alone do not
//! carry, and each is kept as a flag rather than as text:
//! - a line that *ends* in whitespace was wrapped inside a paragraph (Word
//!   keeps the space at which it broke the line);
//! - a line that *starts* with whitespace (or a form feed) is either the first
//!   line of a new page or a bullet whose glyph the extraction dropped;
//! - blank lines between lines: this extraction puts one after every line, so
//!   they only mean something where the text around them is single-spaced.

use std::path::Path;

use super::ImportError;

/// One non-blank line of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input, for messages and notes.
    pub no: usize,
    /// The words, trimmed, with runs of whitespace collapsed to one space:
    /// the extraction's spacing is layout, not drafting.
    pub text: String,
    /// Began with whitespace or a form feed.
    pub indented: bool,
    /// Ended with whitespace.
    pub trailing_space: bool,
    /// One or more blank lines separate it from the previous kept line.
    pub blank_before: bool,
    /// Page furniture stood between it and the previous kept line: whatever
    /// the spacing, the gap is a page break.
    pub furniture_before: bool,
    /// Two or more blank lines (and no furniture) before it: more space than
    /// the extraction ever puts inside a paragraph.
    pub wide_gap_before: bool,
}

impl Line {
    /// Starts a new page (as far as the extraction shows).
    pub fn page_start(&self) -> bool {
        self.indented || self.furniture_before
    }
}

#[derive(Debug)]
pub(crate) struct Cleaned {
    pub lines: Vec<Line>,
    pub furniture_dropped: usize,
    /// Input line of the start marker.
    pub first_line: usize,
    /// Last input line read (the line before the end marker, or the last line).
    pub last_line: usize,
}

/// The default start: the agreement's date line, "THIS AGREEMENT is made on …".
pub(crate) const DEFAULT_START: &str = "THIS AGREEMENT";

pub(crate) fn clean(
    text: &str,
    file: &Path,
    start_marker: Option<&str>,
    end_marker: Option<&str>,
) -> Result<Cleaned, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_path_buf() });
    }
    let raw: Vec<&str> = text.split('\n').collect();
    let marker = start_marker.unwrap_or(DEFAULT_START);
    let start = raw
        .iter()
        .position(|l| strip_layout(l).starts_with(marker))
        .ok_or_else(|| ImportError::NoStartMarker { file: file.to_path_buf(), marker: marker.to_string() })?;
    let end = match end_marker {
        None => raw.len(),
        Some(m) => raw
            .iter()
            .enumerate()
            .skip(start + 1)
            .find(|(_, l)| strip_layout(l).starts_with(m))
            .map(|(i, _)| i)
            .ok_or_else(|| ImportError::NoEndMarker {
                file: file.to_path_buf(),
                marker: m.to_string(),
                after_line: start + 1,
            })?,
    };

    let mut lines = Vec::new();
    let mut furniture_dropped = 0;
    let mut blanks = 0usize;
    let mut furniture = false;
    let mut last_line = start + 1;
    for (i, raw_line) in raw.iter().enumerate().take(end).skip(start) {
        last_line = i + 1;
        let content = strip_layout(raw_line);
        if content.is_empty() {
            blanks += 1;
            continue;
        }
        if is_furniture(content) {
            furniture_dropped += 1;
            furniture = true;
            continue;
        }
        let text = collapse(content);
        let first = raw_line.chars().next();
        lines.push(Line {
            no: i + 1,
            indented: first.is_some_and(|c| c.is_whitespace() || c == '\u{c}'),
            trailing_space: raw_line.chars().next_back().is_some_and(char::is_whitespace),
            blank_before: blanks > 0 || furniture,
            furniture_before: furniture,
            wide_gap_before: blanks >= 2 && !furniture,
            text,
        });
        blanks = 0;
        furniture = false;
    }
    Ok(Cleaned { lines, furniture_dropped, first_line: start + 1, last_line })
}

/// The line without surrounding whitespace, form feeds or other control
/// characters (which are never words).
fn strip_layout(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c.is_control())
}

/// Page furniture: "Page 57", "Page 3 of 40", "- 26 -".
pub(crate) fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = t.strip_prefix("Page ").or_else(|| t.strip_prefix("PAGE ")) {
        let mut parts = rest.split_whitespace();
        return match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(n), None, None, None) => digits(n),
            (Some(n), Some("of"), Some(m), None) => digits(n) && digits(m),
            _ => false,
        };
    }
    if let Some(inner) = t.strip_prefix("- ").and_then(|r| r.strip_suffix(" -")) {
        return digits(inner.trim());
    }
    false
}

/// Collapses whitespace runs to single spaces and removes control characters.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else if c.is_control() {
            continue;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Cleaned {
        clean(text, Path::new("t.txt"), None, None).expect("clean")
    }

    #[test]
    fn furniture_is_recognised() {
        for s in ["Page 57", " Page 119 ", "- 26 -", "- 138 -", "Page 3 of 40"] {
            assert!(is_furniture(s), "{s}");
        }
        for s in ["Page", "Page fifty", "- Mental Health -", "2 Way", "Page 57 of the report"] {
            assert!(!is_furniture(s), "{s}");
        }
    }

    #[test]
    fn furniture_and_blank_lines_are_dropped_and_remembered() {
        let c = run(
            "cover\nTHIS AGREEMENT is made on      2019\n\nwithin 24 hours and shall:\n\nPage 57\n\n\n\n- 26 -\n\n16.3.1 provide \n more\n",
        );
        let texts: Vec<&str> = c.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["THIS AGREEMENT is made on 2019", "within 24 hours and shall:", "16.3.1 provide", "more"]);
        assert_eq!(c.furniture_dropped, 2);
        assert_eq!(c.first_line, 2);
        let l = &c.lines[2];
        assert!(l.furniture_before && l.blank_before && l.page_start() && l.trailing_space);
        assert_eq!(l.no, 12);
        assert!(c.lines[3].indented && !c.lines[3].blank_before);
    }

    #[test]
    fn markers_select_the_agreement() {
        let text = "agenda\n THIS AGREEMENT is made\nbody\n  Public report\nother item\n";
        let c = clean(text, Path::new("t"), None, Some("Public report")).expect("clean");
        assert_eq!(c.lines.len(), 2);
        assert_eq!(c.last_line, 3);
        let c = clean(text, Path::new("t"), Some("body"), None).expect("clean");
        assert_eq!(c.lines[0].text, "body");
    }

    #[test]
    fn missing_markers_and_empty_input_are_errors() {
        let e = clean("no agreement here\n", Path::new("in.txt"), None, None).unwrap_err();
        assert!(e.to_string().contains("in.txt") && e.to_string().contains("THIS AGREEMENT"), "{e}");
        let e = clean("THIS AGREEMENT\nx\n", Path::new("in.txt"), None, Some("END")).unwrap_err();
        assert!(e.to_string().contains("END") && e.to_string().contains("line 1"), "{e}");
        let e = clean(" \n\n", Path::new("in.txt"), None, None).unwrap_err();
        assert!(matches!(e, ImportError::Empty { .. }), "{e}");
    }

    #[test]
    fn form_feeds_mark_a_new_page_and_controls_vanish() {
        let c = run("THIS AGREEMENT\n\u{c}Second page\u{7} text\n");
        assert!(c.lines[1].indented);
        assert_eq!(c.lines[1].text, "Second page text");
    }
}
