//! Writing blocks as CommonMark that reads back as exactly the agreement's
//! words.
//!
//! Each paragraph is written on one line: wrapping could put a `1. ` or a `-`
//! at the start of a line, where Markdown would read it as a list. Characters
//! that Markdown treats as markup are backslash-escaped where they occur in the
//! agreement's own text; a CommonMark reader removes the escapes again.

use super::structure::{Block, Located, Row, Schedule};

/// The body file: preamble, recitals, clauses and execution blocks.
pub(crate) fn render_body(blocks: &[Located]) -> String {
    render_blocks(String::new(), blocks)
}

/// A schedule file: `# Schedule N — Title`, then its blocks.
pub(crate) fn render_schedule(s: &Schedule) -> String {
    let mut out = format!("# Schedule {}", escape_inline(&s.number));
    if let Some(title) = &s.title {
        out.push_str(" — ");
        out.push_str(&escape_heading_text(title));
    }
    out.push('\n');
    render_blocks(out, &s.blocks)
}

fn render_blocks(mut out: String, blocks: &[Located]) -> String {
    let mut prev_item = false;
    for b in blocks {
        let item = matches!(b.block, Block::Item(_));
        // Blocks are separated by a blank line; consecutive items form one
        // tight list.
        let continues_list = item && prev_item;
        if !out.is_empty() && !continues_list {
            out.push('\n');
        }
        match &b.block {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape_heading_text(text));
            }
            Block::Para(text) => out.push_str(&escape_paragraph(text)),
            Block::Item(text) => {
                out.push_str("- ");
                out.push_str(&escape_paragraph(text));
            }
            Block::Table(rows) => render_table(&mut out, rows),
        }
        out.push('\n');
        prev_item = item;
    }
    out
}

/// A GFM table: the first row is the header. The last row's line break is
/// the block's.
fn render_table(out: &mut String, rows: &[Row]) {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push('|');
        for c in 0..width {
            let cell = row.cells.get(c).map_or(String::new(), |t| escape_inline(t));
            out.push_str(&format!(" {cell} |"));
        }
        if i == 0 {
            out.push('\n');
            out.push('|');
            out.push_str(&" --- |".repeat(width));
        }
    }
}

/// Escapes a paragraph's text, including what only matters at the start of a
/// line: list markers (`1. `, `1) `, `-`, `+`), headings (`#`), block quotes
/// (`>`), setext and table syntax (`=`, `|`) and fences.
pub(crate) fn escape_paragraph(text: &str) -> String {
    let body = escape_inline(text);
    // An ordered-list marker: up to nine digits then `.` or `)`, then a space
    // or the end. "1. The aims" is written "1\. The aims"; "1.1 The" and
    // "1A." are not markers.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &body[digits..];
        let marker = after.starts_with('.') || after.starts_with(')');
        let then = after.get(1..).and_then(|s| s.chars().next());
        if marker && then.is_none_or(char::is_whitespace) {
            return format!("{}\\{}", &body[..digits], after);
        }
    }
    match body.chars().next() {
        Some(c @ ('-' | '+' | '=' | '#' | '>' | '|' | ':')) => {
            format!("\\{c}{}", &body[c.len_utf8()..])
        }
        _ => body,
    }
}

/// Heading text: inline escapes, and a trailing `#` (which Markdown would
/// drop as a closing sequence).
fn escape_heading_text(text: &str) -> String {
    let mut s = escape_inline(text);
    if s.ends_with('#') {
        s.insert(s.len() - 1, '\\');
    }
    s
}

/// Escapes characters that form inline markup anywhere in a line.
pub(crate) fn escape_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '*' | '_' | '`' | '<' | '~' | '|' => true,
            // `[text](url)`, `[text][ref]` and `[label]: url` need the
            // closing bracket; escaping it is enough to keep the words.
            ']' => matches!(next, Some('(' | '[' | ':')),
            // An entity or numeric character reference: `&amp;`, `&#163;`.
            '&' => is_entity(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the characters after an `&` spell an entity reference: a name or
/// `#digits` / `#xhex`, then `;`.
fn is_entity(rest: &[char]) -> bool {
    let Some(end) = rest.iter().take(33).position(|&c| c == ';') else {
        return false;
    };
    let body = &rest[..end];
    match body {
        [] => false,
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(char::is_ascii_hexdigit),
        ['#', digits @ ..] => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
        name => name[0].is_ascii_alphabetic() && name.iter().all(char::is_ascii_alphanumeric),
    }
}

/// A file name for a schedule: `07-seconded-council-employees.md`.
pub(crate) fn schedule_file_name(number: &str, title: Option<&str>) -> String {
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    let suffix: String = number[digits.len()..].chars().filter(char::is_ascii_alphanumeric).collect();
    let n = match digits.parse::<u32>() {
        Ok(v) => format!("{v:02}{}", suffix.to_lowercase()),
        Err(_) => "00".to_string(),
    };
    format!("{n}-{}.md", slug(title.unwrap_or("")))
}

/// Up to five words of the title, lower case, small words trimmed from the
/// ends: "Aims and outcomes of the Partnership Arrangements" → "aims-and-outcomes".
fn slug(title: &str) -> String {
    const SMALL: &[&str] = &["a", "an", "the", "of", "and", "to", "for", "in", "on", "with", "by", "between"];
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '’' && c != '\'')
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut words: Vec<&str> = words.iter().map(String::as_str).skip_while(|w| SMALL.contains(w)).take(5).collect();
    while words.last().is_some_and(|w| SMALL.contains(w)) {
        words.pop();
    }
    if words.is_empty() { "schedule".to_string() } else { words.join("-") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_list_markers_are_escaped_other_numbers_are_not() {
        assert_eq!(escape_paragraph("1. The overall aim"), "1\\. The overall aim");
        assert_eq!(escape_paragraph("2) Text"), "2\\) Text");
        assert_eq!(escape_paragraph("11."), "11\\.");
        assert_eq!(escape_paragraph("1.1 In this Agreement"), "1.1 In this Agreement");
        assert_eq!(escape_paragraph("1A. COMMENCEMENT"), "1A. COMMENCEMENT");
        assert_eq!(escape_paragraph("3.1. Principles"), "3.1. Principles");
        assert_eq!(escape_paragraph("(iv) Suspension"), "(iv) Suspension");
        assert_eq!(escape_paragraph("i)_ Clause 17"), "i)\\_ Clause 17");
        // CommonMark list markers have up to nine digits.
        assert_eq!(escape_paragraph("2019. A year"), "2019\\. A year");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape_paragraph("* A joint decision"), "\\* A joint decision");
        assert_eq!(escape_paragraph("HR Support)*"), "HR Support)\\*");
        assert_eq!(escape_paragraph("nhs_number <x> `y` a|b ~z"), "nhs\\_number \\<x> \\`y\\` a\\|b \\~z");
        assert_eq!(escape_paragraph("- not a list"), "\\- not a list");
        assert_eq!(escape_paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(escape_paragraph("> not a quote"), "\\> not a quote");
        assert_eq!(escape_paragraph("[See 7 below]"), "[See 7 below]");
        assert_eq!(escape_paragraph("[text](url) and [a][b] and [c]: d"), "[text\\](url) and [a\\][b] and [c\\]: d");
        assert_eq!(escape_paragraph("SC&S and &amp; and &#163;"), "SC&S and \\&amp; and \\&#163;");
        assert_eq!(escape_paragraph("a \\ b"), "a \\\\ b");
    }

    #[test]
    fn tables_have_a_header_row_and_escaped_cells() {
        let row = |cells: &[&str], line| Row { cells: cells.iter().map(|c| (*c).to_string()).collect(), line };
        let blocks = [Located {
            block: Block::Table(vec![row(&["Partner", "2024/25"], 1), row(&["A|B", "1,000"], 2), row(&["C"], 3)]),
            line: 1,
        }];
        assert_eq!(render_body(&blocks), "| Partner | 2024/25 |\n| --- | --- |\n| A\\|B | 1,000 |\n| C |  |\n");
    }

    #[test]
    fn schedule_file_names() {
        assert_eq!(
            schedule_file_name("1", Some("Aims and outcomes of the Partnership Arrangements")),
            "01-aims-and-outcomes.md"
        );
        assert_eq!(schedule_file_name("12", Some("Not used")), "12-not-used.md");
        assert_eq!(
            schedule_file_name("4", Some("The Integrated Mental Health Service")),
            "04-integrated-mental-health-service.md"
        );
        assert_eq!(schedule_file_name("3A", None), "03a-schedule.md");
        assert_eq!(schedule_file_name("7", Some("Seconded Council Employees")), "07-seconded-council-employees.md");
    }
}
