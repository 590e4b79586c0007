//! Numbering regions: the runs of blocks whose numbers form one sequence.
//!
//! The body's preamble, recitals and clauses are separate sequences, and its
//! execution blocks have none (text after them continues the clauses). A schedule restarts at each scope the model
//! gives (Parts, Appendices, `A.` sections) and, here, also at section
//! headings lettered `(A)` or `C TITLE`, which agreements use the same way
//! (the 2019 Coventry Schedules 2 and 14) but the model does not yet treat
//! as scopes. Splitting too often only makes the check quieter.
//!
//! Some schedules number their paragraphs on across Parts (Part A: 1–3, Part
//! B: 4–6): a Part whose first number follows on from the numbers before it
//! continues their sequence instead of starting its own, so that a gap
//! inside it is still found and its first number is not one.

use std::ops::Range;

use crate::model::number::NumberKind;
use crate::model::{Block, BlockKind, DocKind, Document, Section};

#[derive(Debug, Clone)]
pub struct Region {
    pub blocks: Range<usize>,
    /// Where the region is, for messages: "the body", "Schedule 1 (Part II: Aims)".
    pub place: String,
}

pub fn regions(doc: &Document) -> Vec<Region> {
    match &doc.kind {
        DocKind::Body => body_regions(doc),
        DocKind::Schedule { .. } => schedule_regions(doc),
    }
}

fn body_regions(doc: &Document) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    let mut current: Option<(Section, usize)> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        // Signature blocks carry no numbers and do not end a sequence: a
        // clause 14 written after them follows clause 13 written before.
        if b.section == Section::Execution || current.is_some_and(|(s, _)| s == b.section) {
            continue;
        }
        if let Some((section, start)) = current.take() {
            push_body(&mut out, section, start..i);
        }
        current = Some((b.section, i));
    }
    if let Some((section, start)) = current {
        push_body(&mut out, section, start..doc.blocks.len());
    }
    out
}

fn push_body(out: &mut Vec<Region>, section: Section, blocks: Range<usize>) {
    let place = match section {
        Section::Execution => return,
        Section::Preamble => "the preamble",
        Section::Recitals => "the recitals",
        Section::Clauses | Section::Schedule => "the body",
    };
    out.push(Region { blocks, place: place.to_string() });
}

fn schedule_regions(doc: &Document) -> Vec<Region> {
    let name = doc.schedule_number().map_or_else(|| "the schedule".to_string(), |n| format!("Schedule {n}"));
    let mut out = Vec::new();
    for scope in &doc.scopes {
        let mut start = scope.blocks.start;
        let mut heading = scope.heading.clone();
        for i in scope.blocks.clone() {
            let b = &doc.blocks[i];
            if i > start && is_lettered_section(b) {
                out.push(Region { blocks: start..i, place: place(&name, heading.as_deref()) });
                start = i;
                heading = Some(b.display_text());
            }
        }
        out.push(Region { blocks: start..scope.blocks.end, place: place(&name, heading.as_deref()) });
    }
    join_continued(doc, out, &name)
}

/// Merges each region whose first top-level number is higher than every
/// top-level number of the region before it into that region.
fn join_continued(doc: &Document, regions: Vec<Region>, name: &str) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::with_capacity(regions.len());
    for region in regions {
        let first = top_levels(doc, &region).next();
        let last = out.last().and_then(|prev| top_levels(doc, prev).max());
        match (out.last_mut(), first, last) {
            (Some(prev), Some(first), Some(last)) if first > last => {
                prev.blocks.end = region.blocks.end;
                prev.place = name.to_string();
            }
            _ => out.push(region),
        }
    }
    out
}

/// The top-level components of the provision numbers of a region (`4` of
/// `4.2`), in reading order. Bullets, table cells and code carry figures,
/// not provision numbers.
fn top_levels<'d>(doc: &'d Document, region: &Region) -> impl Iterator<Item = u32> + 'd {
    doc.blocks[region.blocks.clone()]
        .iter()
        .filter(|b| {
            !matches!(b.kind, BlockKind::TableRow { .. } | BlockKind::Code | BlockKind::ListItem { ordered: false })
        })
        .filter_map(|b| b.number.as_ref()?.value.components()?.first().map(|c| c.value))
}

fn place(name: &str, heading: Option<&str>) -> String {
    match heading {
        Some(h) => format!("{name} ({})", shorten(h.trim(), 48)),
        None => name.to_string(),
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

/// A heading `(A) Section 75 Strategic Board` or `C SECTION 75 SAFEGUARDING`:
/// a single capital letter, bracketed or followed by a word in capitals.
pub fn is_lettered_section(b: &Block) -> bool {
    if !b.is_heading() {
        return false;
    }
    if let Some(n) = &b.number {
        return match &n.value.kind {
            NumberKind::Item { label, closing_only: false } => {
                label.len() == 1 && label.bytes().all(|c| c.is_ascii_uppercase())
            }
            NumberKind::Letter(_) => true,
            _ => false,
        };
    }
    let mut words = b.text.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else { return false };
    let single_capital = first.len() == 1 && first.bytes().all(|c| c.is_ascii_uppercase());
    let capitals = second.chars().filter(char::is_ascii_alphabetic).count() >= 2
        && second.chars().filter(char::is_ascii_alphabetic).all(|c| c.is_ascii_uppercase());
    single_capital && capitals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loading::markdown::{Role, parse};
    use crate::model::SourceFile;

    fn places(text: &str) -> Vec<String> {
        let doc = parse(&SourceFile::new("s.md", "s.md", text.to_string()), Role::Schedule).expect("parses");
        regions(&doc).into_iter().map(|r| r.place).collect()
    }

    #[test]
    fn parts_numbered_on_are_one_region_and_parts_restarting_are_their_own() {
        let on = "# Schedule 2 — Functions\n\n## Part A\n\n1\\. One.\n\n2\\. Two.\n\n## Part B\n\n3\\. Three.\n";
        // The schedule's heading, before any Part, is a region of its own.
        assert_eq!(places(on), ["Schedule 2", "Schedule 2"]);
        let restart = "# Schedule 2 — Functions\n\n## Part A\n\n1\\. One.\n\n2\\. Two.\n\n## Part B\n\n1\\. Again.\n";
        assert_eq!(places(restart), ["Schedule 2", "Schedule 2 (Part A)", "Schedule 2 (Part B)"]);
    }
}
