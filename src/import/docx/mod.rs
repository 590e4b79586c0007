//! Word files (.docx) as the text Word displays, for the text importer.
//!
//! Automatic numbering is not in a .docx's text: Word computes "1.1", "(a)"
//! from `word/numbering.xml` when it lays the document out. This reader does
//! the same and writes each paragraph on a line of its own with its number in
//! front, table rows as `| cell | cell |`, and a form feed before a block that
//! starts a new page (the importer's page clue, as in extracted text). The
//! stages:
//! - [`package`]: recognising the file, the zip and its parts;
//! - [`xml`]: parts as element trees;
//! - [`styles`]: numbering and page breaks inherited from paragraph styles;
//! - [`numbering`]: the list numbers Word shows;
//! - [`document`]: the body in reading order.

mod document;
mod numbering;
mod package;
mod styles;
mod xml;

use std::path::Path;

use super::ImportError;
use document::Block;
pub(crate) use package::{Kind, sniff};

/// The displayed text of the Word document in `bytes` (a zip: see [`sniff`]).
pub(crate) fn text(bytes: &[u8], file: &Path) -> Result<String, ImportError> {
    let parts = package::open(bytes).map_err(|e| match e {
        package::PackageError::Zip(why) => ImportError::CorruptWord { file: file.to_path_buf(), why },
        package::PackageError::NotWord => ImportError::NotWord { file: file.to_path_buf() },
        package::PackageError::Part(part, why) => {
            ImportError::CorruptWord { file: file.to_path_buf(), why: format!("{part}: {why}") }
        }
    })?;
    let styles = parts.styles.as_ref().map(styles::Styles::parse).unwrap_or_default();
    let mut numbering = parts.numbering.as_ref().map(numbering::Numbering::parse).unwrap_or_default();
    numbering.set_style_nums(styles.numbering_styles());
    let blocks = document::blocks(&parts.document, &styles, &numbering);
    Ok(lines(&blocks))
}

fn lines(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        let (line, page_before) = match b {
            Block::Paragraph { text, page_before } => (text.clone(), *page_before),
            Block::Row { cells, page_before } => (format!("| {} |", cells.join(" | ")), *page_before),
        };
        if page_before {
            out.push('\u{c}');
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}
