//! Unbalanced brackets in one block of text.
//!
//! A `]` with no `[` is what is left when a bracketed drafting option is
//! deleted by halves (the 2019 Coventry "being 1st April 2019. ];"); an
//! unclosed `(` loses the end of a parenthesis. Enumerators written with a
//! closing bracket only ("the following: a) …; b) …") are not strays.

use crate::model::number::NumberKind;
use crate::model::{Block, BlockKind, Document};
use crate::rules::Finding;

use super::{NUMBER_SUFFIX, STRAY_BRACKET, UNBALANCED_PARENTHESIS};

/// A bracket without its partner, at a byte offset of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stray {
    pub at: usize,
    pub ch: char,
}

impl Stray {
    pub fn is_opening(self) -> bool {
        matches!(self.ch, '(' | '[')
    }
}

fn partner(close: char) -> char {
    if close == ')' { '(' } else { '[' }
}

/// The unmatched brackets of `text`, in order.
pub fn unbalanced(text: &str) -> Vec<Stray> {
    let mut open: Vec<Stray> = Vec::new();
    let mut out = Vec::new();
    // Brackets are ASCII, never part of another character: their bytes are
    // found directly (most paragraphs have none).
    let bytes = text.as_bytes();
    let mut at_brackets: Vec<usize> = memchr::memchr2_iter(b'(', b')', bytes).collect();
    let square = at_brackets.len();
    at_brackets.extend(memchr::memchr2_iter(b'[', b']', bytes));
    if square > 0 && square < at_brackets.len() {
        at_brackets.sort_unstable();
    }
    for at in at_brackets {
        let ch = char::from(bytes[at]);
        match ch {
            '(' | '[' => open.push(Stray { at, ch }),
            ')' | ']' => {
                let want = partner(ch);
                if let Some(k) = open.iter().rposition(|o| o.ch == want) {
                    // Openers inside the pair that never closed: "( [ )".
                    out.extend(open.drain(k..).skip(1));
                } else if !(ch == ')' && is_enumerator(&text[..at])) {
                    out.push(Stray { at, ch });
                }
            }
            _ => {}
        }
    }
    out.extend(open);
    out.sort_by_key(|s| s.at);
    out
}

/// Whether the text before a `)` ends in an enumerator label: `a`, `iv`,
/// `2`, `B` standing alone after a space, a colon, a semicolon or a comma.
fn is_enumerator(before: &str) -> bool {
    let start =
        before.char_indices().rev().find(|(_, c)| !c.is_ascii_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
    let label = &before[start..];
    let lead_ok = before[..start]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ':' | ';' | ',' | '—' | '–'));
    let short_label = match label.len() {
        1 => true,
        2..=4 => label.bytes().all(|b| b"ivxIVX".contains(&b)) || label.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    lead_ok && short_label
}

/// "i)_": characters typed after an item label belong to no number.
pub(super) fn check_number_suffix(b: &Block, out: &mut Vec<Finding>) {
    let Some(n) = &b.number else { return };
    let NumberKind::Item { label, closing_only } = &n.value.kind else { return };
    let canonical = if *closing_only { format!("{label})") } else { format!("({label})") };
    let Some(extra) = n.value.raw.strip_prefix(&canonical).filter(|e| !e.is_empty()) else { return };
    let mut span = n.span.clone();
    if span.text().ends_with(extra) {
        span.range.start = span.range.end - extra.len();
    }
    out.push(
        Finding::new(&NUMBER_SUFFIX, span, format!("stray `{extra}` after item number {canonical}"))
            .label("not part of the number")
            .help("delete it"),
    );
}

pub(super) fn check_brackets(doc: &Document, out: &mut Vec<Finding>) {
    let strays: Vec<Vec<Stray>> =
        doc.blocks.iter().map(|b| if b.kind == BlockKind::Code { Vec::new() } else { unbalanced(&b.text) }).collect();
    let mut keep: Vec<Vec<bool>> = strays.iter().map(|s| vec![true; s.len()]).collect();
    // A parenthesis opened at the end of one paragraph and closed at the start
    // of the next is a paragraph break inside it (often a layout artefact),
    // not two strays.
    for i in 1..strays.len() {
        let (Some(last), Some(first)) = (strays[i - 1].last(), strays[i].first()) else { continue };
        if matches!((last.ch, first.ch), ('(', ')') | ('[', ']')) {
            if let Some(k) = keep[i - 1].last_mut() {
                *k = false;
            }
            if let Some(k) = keep[i].first_mut() {
                *k = false;
            }
        }
    }
    for (b, (s, k)) in doc.blocks.iter().zip(strays.iter().zip(&keep)) {
        for stray in s.iter().zip(k).filter(|(_, keep)| **keep).map(|(s, _)| *s) {
            let at = stray.at..stray.at + stray.ch.len_utf8();
            let partner = match stray.ch {
                '(' => ')',
                ')' => '(',
                '[' => ']',
                _ => '[',
            };
            let (message, label) = if stray.is_opening() {
                (format!("unclosed `{}`: no `{partner}` closes it", stray.ch), "nothing closes this")
            } else {
                (format!("stray `{}`: no `{partner}` opens it", stray.ch), "nothing opens this")
            };
            let (code, help) = if matches!(stray.ch, '(' | ')') {
                (&UNBALANCED_PARENTHESIS, "add the missing bracket, or delete the stray one")
            } else {
                (&STRAY_BRACKET, "a left-over of a bracketed option: settle the option and delete the bracket")
            };
            out.push(Finding::new(code, b.span_of(at), message).label(label).help(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strays(text: &str) -> Vec<(String, char)> {
        unbalanced(text).into_iter().map(|s| (text[s.at..].chars().take(3).collect(), s.ch)).collect()
    }

    #[test]
    fn balanced_text_is_silent() {
        assert_eq!(strays("Regulations 2000 (SI 2000/617) and [CWPT] (see (a) above)"), []);
        assert_eq!(strays("the following: a) the Trust; b) the Council; iv) others"), []);
        assert_eq!(strays("[See 7 below]"), []);
    }

    #[test]
    fn odd_text_never_panics() {
        for text in ["—a) x", "é) y", "“a)” z", "(((", ")))", "]]][[[", "", "😀)", "a—)", "(—", "x (é"] {
            for s in unbalanced(text) {
                assert!(text.is_char_boundary(s.at), "{text}");
            }
        }
        assert_eq!(strays("the list —a) one"), [], "an enumerator after a dash");
    }

    #[test]
    fn strays_are_found_where_they_are() {
        assert_eq!(strays("being 1st April 2019. ];"), [("];".to_string(), ']')]);
        assert_eq!(strays("Advocate (Mental Capacity Act 2005"), [("(Me".to_string(), '(')]);
        assert_eq!(strays("Regulations 2006 (ST 2006/246)) x"), [(") x".to_string(), ')')]);
        assert_eq!(strays("a ( b [ c ) d"), [("[ c".to_string(), '[')]);
        assert_eq!(strays("word) here"), [(") h".to_string(), ')')]);
    }
}
