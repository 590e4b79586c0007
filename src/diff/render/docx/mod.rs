//! `s75 diff --format docx`: the new agreement as a Word document whose
//! differences from the old are real tracked changes, attributed to an
//! author and a date, so a counterparty can accept or reject each in Word.
//!
//! The package is written with `zip`, every entry dated 1980-01-01 and in a
//! fixed order, so the same two versions and stamp give the same bytes.

mod document;
mod parts;

use std::io::{self, Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

use super::stamp::Stamp;
use super::tracked;
use crate::diff::report::{AgreementDiff, DiffReport};

/// Writes the redline of the report's one agreement (the caller refuses a
/// report of several: a Word file holds one agreement).
pub fn write(report: &DiffReport, out: &mut dyn Write, stamp: &Stamp) -> io::Result<()> {
    let Some(a) = report.agreements.first() else {
        return Err(io::Error::other("there is no agreement to redline"));
    };
    out.write_all(&package(a, stamp)?)
}

/// The `.docx` file's bytes.
pub fn package(a: &AgreementDiff, stamp: &Stamp) -> io::Result<Vec<u8>> {
    let docs = tracked::layout(a);
    let title = format!("{} — redline ({})", a.title, super::sides(a));
    let parts: [(&str, std::borrow::Cow<'_, str>); 7] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.into()),
        ("_rels/.rels", parts::PACKAGE_RELS.into()),
        ("docProps/core.xml", parts::core(&title, stamp).into()),
        ("word/document.xml", document::document(&docs, stamp).into()),
        ("word/_rels/document.xml.rels", parts::DOCUMENT_RELS.into()),
        ("word/styles.xml", parts::STYLES.into()),
        ("word/settings.xml", parts::SETTINGS.into()),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Fixed (1980) times, deflated.
    let options = SimpleFileOptions::DEFAULT;
    for (name, text) in &parts {
        zip.start_file(*name, options).map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}
