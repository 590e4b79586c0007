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
    /// Leading spaces (a tab counts as one).
    pub indent: usize,
    /// The column where the words after a leading provision number begin
    /// ("1.1     The" → 8): a typed agreement's wrapped lines hang there.
    pub hang: Option<usize>,
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
    let start = match start_marker {
        Some(marker) => raw.iter().position(|l| strip_layout(l).starts_with(marker)),
        None => raw.iter().position(|l| is_opening_line(strip_layout(l))),
    }
    .ok_or_else(|| ImportError::NoStartMarker {
        file: file.to_path_buf(),
        marker: start_marker.unwrap_or(DEFAULT_START).to_string(),
    })?;
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

    let headers = running_headers(&raw[start..end]);
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
        if is_furniture(content) || is_contents_line(content) || headers.contains(&collapse(content)) {
            furniture_dropped += 1;
            furniture = true;
            continue;
        }
        let text = tab_row(content).unwrap_or_else(|| collapse(content));
        let first = raw_line.chars().next();
        lines.push(Line {
            no: i + 1,
            indented: first.is_some_and(|c| c.is_whitespace() || c == '\u{c}'),
            trailing_space: raw_line.chars().next_back().is_some_and(char::is_whitespace),
            blank_before: blanks > 0 || furniture,
            furniture_before: furniture,
            wide_gap_before: blanks >= 2 && !furniture,
            indent: raw_line.chars().take_while(|c| *c == ' ' || *c == '\t').count(),
            hang: hang_column(raw_line),
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

/// The line an agreement's text opens with: "THIS AGREEMENT is made on …",
/// "This Agreement is dated …", "THIS PARTNERSHIP AGREEMENT …", "THIS DEED
/// OF VARIATION …". A sentence of the body that starts "This Agreement shall"
/// is not an opening: the opening names the document in capitals or says
/// that it is made or dated.
pub(crate) fn is_opening_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if !first.eq_ignore_ascii_case("this") {
        return false;
    }
    let Some(at) = words.iter().take(5).position(|w| {
        let w = w.trim_end_matches([',', ':', '.', ';']).to_ascii_lowercase();
        w == "agreement" || w == "deed"
    }) else {
        return false;
    };
    let capitals = words[..=at].iter().all(|w| super::tokens::is_all_caps(w));
    let rest = words[at + 1..].iter().map(|w| w.to_ascii_lowercase()).take(3).collect::<Vec<_>>();
    capitals || rest.iter().any(|w| matches!(w.as_str(), "made" | "dated" | "between" | "between:"))
}

/// A contents list's entry: a title, a dot leader and a page number
/// ("5. The Pooled Fund ........ 5"), or the list's heading. The list
/// repeats the headings of the text, which would otherwise be read twice.
pub(crate) fn is_contents_line(line: &str) -> bool {
    let t = line.trim();
    if matches!(t.to_ascii_uppercase().as_str(), "CONTENTS" | "TABLE OF CONTENTS" | "INDEX") {
        return true;
    }
    let Some(page) = t.split_whitespace().next_back() else {
        return false;
    };
    if page.len() > 3 || !page.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let before = t[..t.len() - page.len()].trim_end();
    let leader = before.len() - before.trim_end_matches(['.', '…', ' ', '_']).len();
    leader >= 4 && before.trim_end_matches(['.', '…', ' ', '_']).chars().any(char::is_alphabetic)
}

/// A running header or footer: a line printed at the same place on every
/// page, that is, next to the page furniture (a page number) on at least
/// two pages. Lines that also occur elsewhere are dropped too: the
/// extraction puts the header wherever the page breaks.
fn running_headers(raw: &[&str]) -> Vec<String> {
    let content: Vec<&str> = raw.iter().map(|l| strip_layout(l)).filter(|l| !l.is_empty()).collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (i, l) in content.iter().enumerate() {
        if !is_furniture(l) {
            continue;
        }
        for n in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
            let Some(near) = content.get(n).filter(|t| !is_furniture(t)) else {
                continue;
            };
            let near = collapse(near);
            // A header is a label, not a sentence or a provision.
            if super::tokens::leading_number(&near).is_some() || super::tokens::ends_with_terminator(&near) {
                continue;
            }
            match counts.iter_mut().find(|(t, _)| *t == near) {
                Some((_, c)) => *c += 1,
                None => counts.push((near, 1)),
            }
        }
    }
    counts.into_iter().filter(|(_, c)| *c >= 2).map(|(t, _)| t).collect()
}

fn hang_column(raw_line: &str) -> Option<usize> {
    let indent = raw_line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    let content = &raw_line[indent..];
    let n = super::tokens::leading_number(content)?;
    let after = &content[n.raw.len()..];
    let gap = after.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    (gap > 0 && after.len() > gap).then(|| indent + n.raw.chars().count() + gap)
}

/// Collapses whitespace runs to single spaces and removes control characters.
/// A table row pasted from Word keeps its cells apart with tabs
/// ("Council\t2,410,000\t2,458,200"): written as the .docx reader writes a
/// row, `| Council | 2,410,000 | 2,458,200 |`, so the cells survive the
/// collapsing of whitespace.
fn tab_row(content: &str) -> Option<String> {
    let cells: Vec<String> = content.trim().split('\t').map(collapse).filter(|c| !c.is_empty()).collect();
    (cells.len() >= 2).then(|| format!("| {} |", cells.join(" | ")))
}

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

    #[test]
    fn tab_separated_cells_become_a_row() {
        assert_eq!(tab_row("Council\t2,410,000\t 2,458,200").as_deref(), Some("| Council | 2,410,000 | 2,458,200 |"));
        assert_eq!(tab_row("\tIndented text"), None);
        assert_eq!(tab_row("No tabs here"), None);
    }

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
    fn openings_are_found_in_the_usual_forms() {
        for s in [
            "THIS AGREEMENT is made on 1 April 2020",
            "This Agreement is dated 3 May 2021",
            "THIS PARTNERSHIP AGREEMENT is dated 29 March 2019",
            "THIS DEED OF VARIATION is dated 1 June 2022",
            "THIS DEED is made the 4th day of July 2016",
            "This agreement is made between:",
        ] {
            assert!(is_opening_line(s), "{s}");
        }
        for s in ["This Agreement shall continue until the Expiry Date.", "This Deed may be executed in counterparts."]
        {
            assert!(!is_opening_line(s), "{s}");
        }
        let c = run("Dated 1 May 2020\n\nFRONT PAGE\n\nThis Agreement is dated 1 May 2020\n\n1. Terms\n");
        assert_eq!(c.first_line, 5);
    }

    #[test]
    fn contents_lists_and_running_headers_are_furniture() {
        assert!(is_contents_line("5.   The Pooled Fund .............................. 5"));
        assert!(is_contents_line("Schedule 2  Staffing ...................... 11"));
        assert!(is_contents_line("CONTENTS"));
        assert!(!is_contents_line("5.2 The Partners shall pay 5"));
        assert!(!is_contents_line("Signature: ............................."));
        let c = run(
            "THIS AGREEMENT is made\n\nCONTENTS\n1. Aims ........ 2\n\n Page 1 of 3\n\nWidget Agreement 2019 DRAFT\n\n1. Aims\n\n Page 2 of 3\n\nWidget Agreement 2019 DRAFT\n\n2. Money\n",
        );
        let texts: Vec<&str> = c.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["THIS AGREEMENT is made", "1. Aims", "2. Money"]);
    }

    #[test]
    fn form_feeds_mark_a_new_page_and_controls_vanish() {
        let c = run("THIS AGREEMENT\n\u{c}Second page\u{7} text\n");
        assert!(c.lines[1].indented);
        assert_eq!(c.lines[1].text, "Second page text");
    }
}
