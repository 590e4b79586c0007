//! The .docx package: what kind of file the bytes are, and the parts of a
//! WordprocessingML document inside its zip (ECMA-376 Part 2, Open Packaging
//! Conventions).
//!
//! A Word file is recognised by its content, never by its name: a zip whose
//! `[Content_Types].xml` declares a WordprocessingML main document. The main
//! document's relationships then name its numbering and styles parts.

use std::io::{Cursor, Read};

use super::xml::{self, Element};

/// What the bytes of an input file are.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A zip archive (a .docx if its content types say so).
    Zip,
    Pdf,
    /// An OLE compound file: a password-protected .docx (Office encrypts the
    /// package into one) or a legacy .doc.
    Compound {
        encrypted: bool,
    },
    /// Anything else: read as text.
    Text,
}

pub(crate) fn sniff(bytes: &[u8]) -> Kind {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(b"%PDF-") {
        Kind::Pdf
    } else if bytes.starts_with(OLE) {
        // An encrypted package keeps its payload in a stream named
        // "EncryptedPackage"; directory names are UTF-16LE.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        Kind::Compound { encrypted: bytes.windows(name.len()).any(|w| w == name) }
    } else {
        Kind::Text
    }
}

/// Why a zip is not a Word document we can read.
#[derive(Debug)]
pub(crate) enum PackageError {
    /// Not a zip archive after all, or a damaged one.
    Zip(String),
    /// A zip, but not a WordprocessingML package.
    NotWord,
    /// A part that cannot be read: (part name, why).
    Part(String, String),
}

/// The parts the reader needs, parsed.
pub(crate) struct Parts {
    pub document: Element,
    pub numbering: Option<Element>,
    pub styles: Option<Element>,
}

const MAIN_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];
const REL_NUMBERING: &str = "/relationships/numbering";
const REL_STYLES: &str = "/relationships/styles";

/// A part larger than this (uncompressed) is refused rather than inflated:
/// a 1,000-page agreement's document.xml is a few tens of megabytes.
const MAX_PART: u64 = 128 * 1024 * 1024;

pub(crate) fn open(bytes: &[u8]) -> Result<Parts, PackageError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| PackageError::Zip(e.to_string()))?;
    let types = match read_part(&mut zip, "[Content_Types].xml") {
        Ok(Some(t)) => t,
        Ok(None) => return Err(PackageError::NotWord),
        Err(e) => return Err(e),
    };
    let types = parse(&types, "[Content_Types].xml", &[])?;
    let main = types
        .elements()
        .filter(|e| e.name == "Override")
        .find(|e| e.attr("ContentType").is_some_and(|t| MAIN_TYPES.contains(&t)))
        .and_then(|e| e.attr("PartName"))
        .map(|p| p.trim_start_matches('/').to_string())
        .ok_or(PackageError::NotWord)?;
    let document = read_part(&mut zip, &main)?
        .ok_or_else(|| PackageError::Part(main.clone(), "declared but missing from the archive".to_string()))?;
    let document = parse(&document, &main, &["t"])?;

    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let rels = match read_part(&mut zip, &rels_name)? {
        Some(r) => Some(parse(&r, &rels_name, &[])?),
        None => None,
    };
    let mut related = |kind: &str| -> Result<Option<Element>, PackageError> {
        let target = rels.as_ref().and_then(|r| {
            r.elements()
                .filter(|e| e.name == "Relationship" && e.attr("TargetMode") != Some("External"))
                .find(|e| e.attr("Type").is_some_and(|t| t.ends_with(kind)))
                .and_then(|e| e.attr("Target"))
        });
        let Some(target) = target else { return Ok(None) };
        let name = resolve(dir, target);
        match read_part(&mut zip, &name)? {
            Some(text) => parse(&text, &name, &[]).map(Some),
            None => Ok(None),
        }
    };
    let numbering = related(REL_NUMBERING)?;
    let styles = related(REL_STYLES)?;
    Ok(Parts { document, numbering, styles })
}

/// A relationship target relative to the source part's folder (`numbering.xml`,
/// `../word/numbering.xml`) or absolute from the package root (`/word/x.xml`).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { dir.split('/').filter(|s| !s.is_empty()).collect() };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A part's text, or `None` if the archive has no such part.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, PackageError> {
    let fail = |why: String| PackageError::Part(name.to_string(), why);
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(fail(e.to_string())),
    };
    if file.size() > MAX_PART {
        return Err(fail(format!("{} bytes uncompressed, more than s75 reads", file.size())));
    }
    let mut bytes = Vec::with_capacity(file.size() as usize);
    // The header's size can lie; the limit holds whatever it says.
    file.take(MAX_PART + 1).read_to_end(&mut bytes).map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(fail("larger than s75 reads".to_string()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map(Some).map_err(|_| fail("not UTF-8 XML".to_string()))
}

fn parse(text: &str, name: &str, text_in: &[&str]) -> Result<Element, PackageError> {
    xml::parse(text, text_in)
        .map_err(|e| PackageError::Part(name.to_string(), format!("malformed XML at byte {}: {}", e.offset, e.message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), Kind::Compound { encrypted: false });
        let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&encrypted), Kind::Compound { encrypted: true });
        assert_eq!(sniff(b"THIS AGREEMENT"), Kind::Text);
    }

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve("word", "numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word", "../custom/styles.xml"), "custom/styles.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "document.xml"), "document.xml");
    }
}
