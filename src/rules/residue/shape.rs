//! Whole-paragraph residue: a bracketed drafting note, a paragraph that is
//! only punctuation, a provision number with no text.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{BlockKind, Document, Number};
use crate::rules::Finding;

use super::placeholder;
use super::{BARE_NUMBER, DRAFTING_NOTE, LONE_PUNCTUATION};

/// Whole-paragraph residue: a drafting note, a lone full stop, a bare number.
pub(super) fn check_block_shape(doc: &Document, i: usize, out: &mut Vec<Finding>) {
    let b = &doc.blocks[i];
    if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) {
        return;
    }
    let text = b.text.trim();
    let whole = b.number.is_none() && placeholder::is_drafting_note(text);
    // A note that says it is one ("[DN: …]") is a note wherever it sits: a
    // pasted Word note often lands inside, or as, a numbered paragraph.
    if whole {
        out.push(drafting_note(b.span.clone(), "a bracketed drafting note is left in the text"));
    } else if b.number.is_some() && LABELLED_PARAGRAPH.is_match(text) {
        out.push(drafting_note(b.span.clone(), "a drafting note is left in the text"));
    } else if b.text.contains('[') {
        for m in LABELLED_NOTE.find_iter(&b.text) {
            out.push(drafting_note(b.span_of(m.range()), "a bracketed drafting note is left in the text"));
        }
    }
    let lone = !text.is_empty() && text.chars().all(|c| matches!(c, '.' | ',' | ';' | ':'));
    if b.number.is_none() && lone && b.kind == BlockKind::Paragraph {
        out.push(
            Finding::new(&LONE_PUNCTUATION, b.span.clone(), format!("a paragraph that is only \"{text}\""))
                .label("nothing but punctuation")
                .help("delete it: it is left over from editing"),
        );
    }
    if let Some(n) = bare_number(doc, i) {
        out.push(
            Finding::new(&BARE_NUMBER, b.span.clone(), format!("{n} has no heading or text"))
                .label("number only")
                .help(format!("give {n} its heading, or number its sub-paragraphs under the provision they belong to")),
        );
    }
}

/// A square-bracketed note labelled as one by the drafters' usual tags.
static LABELLED_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\[\s*(?:DN|NTD|drafting\s+note|note\s+(?:to|for)\s+draft(?:er|ing|sman)?s?)\s*[:\-–—][^\[\]]*\]")
        .expect("labelled-note pattern")
});

/// A numbered paragraph that opens with a drafting label and a colon:
/// "10.3 Drafting note: finance to confirm …".
static LABELLED_PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:DN|NTD|drafting\s+note|note\s+(?:to|for)\s+draft(?:er|ing|sman)?s?)\s*:")
        .expect("labelled-paragraph pattern")
});

fn drafting_note(span: crate::model::Span, message: &str) -> Finding {
    Finding::new(&DRAFTING_NOTE, span, message)
        .label("drafting note")
        .help("delete the note, or make its content part of the agreed text without brackets")
}

/// A paragraph that is only a sub-number ("11.8", or a number with empty
/// text) whose next numbered block is its first level of children.
fn bare_number(doc: &Document, i: usize) -> Option<String> {
    let b = &doc.blocks[i];
    if b.kind != BlockKind::Paragraph {
        return None;
    }
    let number = match &b.number {
        Some(n) if b.text.trim().is_empty() => n.value.clone(),
        Some(_) => return None,
        None => Number::parse(&b.text)?,
    };
    let comps = number.components()?;
    let next = doc.blocks.get(i + 1..)?.iter().find_map(|n| n.number.as_ref())?;
    let child = next.value.components()?;
    (comps.len() >= 2 && child.len() == comps.len() + 1 && child.starts_with(comps)).then(|| number.key())
}

#[cfg(test)]
mod tests {
    use super::LABELLED_NOTE;

    #[test]
    fn a_labelled_note_is_found_in_the_word_copied_agreement_and_nowhere_in_the_bundled_ones() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/word-copied-2021.txt");
        let text = std::fs::read_to_string(path).expect("the corpus copy");
        let found: Vec<&str> = LABELLED_NOTE.find_iter(&text).map(|m| m.as_str()).collect();
        assert_eq!(found, ["[DN: CCG finance to confirm the 2022/23 and 2023/24 figures before signature.]"]);
        for doc in crate::rules::testing::bundled_documents() {
            for b in &doc.blocks {
                assert!(!LABELLED_NOTE.is_match(&b.text), "{}", b.text);
            }
        }
    }
}
