//! The pack's completeness check: every block of the agreement's text must
//! reach the template data, in the order written, before a fingerprint is
//! stamped on it.
//!
//! The fingerprint says "this pack shows these files". That is only true if
//! the data the templates print holds all of their text: a block the data
//! builder could not place once vanished from the pack while `verify` still
//! said "unchanged". Here any such gap becomes an error, and nothing is
//! written. The only blocks the data leaves out by design are the authored
//! signature blocks, which the generated ones (one per party) replace.

use std::collections::HashSet;
use std::ops::Range;

use anyhow::bail;

use super::data::{BlockData, PackData};
use crate::model::{Agreement, Block, Document};

pub fn check(agreement: &Agreement, data: &PackData) -> anyhow::Result<()> {
    let body = &agreement.body;
    let execution = &data.execution;
    let placed: Vec<String> =
        [&data.body, &execution.lead, &execution.after].into_iter().map(Vec::as_slice).flat_map(texts).collect();
    same_text(body, &placed, &signature_spans(body))?;

    if data.schedules.len() != agreement.schedules.len() {
        bail!("the pack holds {} schedules, the agreement {}", data.schedules.len(), agreement.schedules.len());
    }
    for (schedule, shown) in agreement.schedules.iter().zip(&data.schedules) {
        let Some(doc) = &schedule.doc else { continue };
        // The schedule's own heading is printed as `heading`, its other blocks as `blocks`.
        let heading = doc.blocks.first().filter(|b| b.is_heading()).map(|_| shown.heading.clone());
        let placed: Vec<String> = heading.into_iter().chain(texts(&shown.blocks)).collect();
        same_text(doc, &placed, &HashSet::new())?;
    }
    Ok(())
}

/// The source ranges of the authored signature blocks (opening and fields).
fn signature_spans(doc: &Document) -> HashSet<Range<usize>> {
    doc.execution
        .iter()
        .flat_map(|e| {
            std::iter::once(e.heading.span.range.clone()).chain(e.fields.iter().map(|f| f.span.range.clone()))
        })
        .collect()
}

/// The text of each source block as the data holds it: a table gives one per row.
fn texts(blocks: &[BlockData]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        if b.kind == "table" {
            out.extend(b.rows.iter().map(|r| r.cells.join(" | ")));
        } else {
            out.push(b.display.clone());
        }
    }
    out
}

/// Compares the document's blocks (less `skip`) with `placed`, in order,
/// and names the first block that is missing or out of place.
fn same_text(doc: &Document, placed: &[String], skip: &HashSet<Range<usize>>) -> anyhow::Result<()> {
    let expected: Vec<&Block> = doc.blocks.iter().filter(|b| !skip.contains(&b.span.range)).collect();
    for (i, block) in expected.iter().enumerate() {
        if placed.get(i).is_some_and(|p| *p == block.display_text()) {
            continue;
        }
        let (line, _) = block.span.start();
        bail!(
            "{}:{line}: \"{}\" would be missing from the pack, or out of order; nothing was written \
             (this is a fault in s75: please report it with the agreement's text)",
            doc.file.path,
            first_words(&block.display_text())
        );
    }
    if placed.len() > expected.len() {
        bail!(
            "{}: the pack would hold text that is not in the file (\"{}\"); nothing was written \
             (this is a fault in s75: please report it)",
            doc.file.path,
            first_words(&placed[expected.len()])
        );
    }
    Ok(())
}

fn first_words(text: &str) -> String {
    const WORDS: usize = 8;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(WORDS).copied().collect::<Vec<_>>().join(" ");
    if words.len() > WORDS {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loading::markdown::{Role, parse};
    use crate::model::SourceFile;

    #[test]
    fn a_block_left_out_is_named_with_its_file_and_line() {
        let file =
            SourceFile::new("a/agreement.md", "a/agreement.md", "## 1 One\n\n1.1 First.\n\n1.2 Second.\n".into());
        let doc = parse(&file, Role::Body).expect("parses");
        let all = ["1 One", "1.1 First.", "1.2 Second."].map(String::from);
        assert!(same_text(&doc, &all, &HashSet::new()).is_ok());
        let err = same_text(&doc, &[all[0].clone(), all[2].clone()], &HashSet::new()).unwrap_err().to_string();
        assert!(err.starts_with("a/agreement.md:3: \"1.1 First.\" would be missing from the pack"), "{err}");
        let swapped = [all[0].clone(), all[2].clone(), all[1].clone()];
        assert!(same_text(&doc, &swapped, &HashSet::new()).is_err(), "out of order");
    }
}
