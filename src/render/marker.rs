//! The fingerprint markers a pack carries, so `s75 verify` can read it back:
//! PDF keywords `s75-fingerprint:<sha256>` and HTML
//! `<meta name="s75-fingerprint" content="<sha256>">`, with the agreement's
//! folder and the commit beside them.
//!
//! Values are ASCII letters, digits, `.`, `_`, `-` and `%XX` escapes only,
//! so neither HTML escaping nor PDF string encoding can alter them, and no
//! agreement text can be mistaken for them.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

pub const FINGERPRINT: &str = "s75-fingerprint";
pub const AGREEMENT: &str = "s75-agreement";
pub const COMMIT: &str = "s75-commit";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub name: &'static str,
    pub content: String,
}

/// What a pack says about its sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub fingerprint: String,
    /// Repository-relative agreement folder.
    pub agreement: String,
    pub commit: Option<String>,
}

pub fn markers(fingerprint: &str, agreement_dir: &str, commit: Option<&str>) -> Vec<Marker> {
    vec![
        Marker { name: FINGERPRINT, content: fingerprint.to_string() },
        Marker { name: AGREEMENT, content: encode(agreement_dir) },
        Marker { name: COMMIT, content: commit.unwrap_or("none").to_string() },
    ]
}

/// `name:content`, as PDF keywords.
pub fn keyword(m: &Marker) -> String {
    format!("{}:{}", m.name, m.content)
}

// Constant patterns: a failure here is a programming error caught by the tests.
static PDF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"s75-(fingerprint|agreement|commit):([A-Za-z0-9._%-]+)").expect("valid regex"));
static HTML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<meta name="s75-(fingerprint|agreement|commit)" content="([A-Za-z0-9._%-]+)">"#).expect("valid regex")
});

/// Reads the markers from a PDF's bytes (its Info dictionary and XMP
/// metadata are stored uncompressed) or from an HTML pack.
pub fn read(bytes: &[u8], html: bool) -> Result<Claim, String> {
    let text = String::from_utf8_lossy(bytes);
    let re = if html { &*HTML } else { &*PDF };
    let mut found: [Option<String>; 3] = [None, None, None];
    for cap in re.captures_iter(&text) {
        let slot = match &cap[1] {
            "fingerprint" => 0,
            "agreement" => 1,
            _ => 2,
        };
        let value = cap[2].to_string();
        match &found[slot] {
            // The same marker twice with different values: refuse to guess.
            Some(prev) if *prev != value => return Err(format!("the pack holds two different s75-{} values", &cap[1])),
            _ => found[slot] = Some(value),
        }
    }
    let [fingerprint, agreement, commit] = found;
    let fingerprint = fingerprint
        .filter(|f| f.len() == 64 && f.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or("no s75 fingerprint in the pack")?;
    let agreement = agreement.and_then(|a| decode(&a)).ok_or("no s75 agreement folder in the pack")?;
    let commit = commit.filter(|c| c != "none");
    Ok(Claim { fingerprint, agreement, commit })
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> Option<String> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip_through_pdf_keywords_and_html_meta() {
        let fp = "ab".repeat(32);
        let ms = markers(&fp, "agreements/café (2019)", None);
        let pdf: String = ms.iter().map(keyword).collect::<Vec<_>>().join(", ");
        let claim = read(pdf.as_bytes(), false).unwrap();
        assert_eq!(claim, Claim { fingerprint: fp.clone(), agreement: "agreements/café (2019)".into(), commit: None });
        let html: String =
            ms.iter().map(|m| format!("<meta name=\"{}\" content=\"{}\">\n", m.name, m.content)).collect();
        assert_eq!(read(html.as_bytes(), true).unwrap(), claim);
    }

    #[test]
    fn conflicting_or_missing_markers_are_errors() {
        let a = format!("s75-fingerprint:{} s75-fingerprint:{}", "a".repeat(64), "b".repeat(64));
        assert!(read(a.as_bytes(), false).is_err());
        assert!(read(b"nothing here", false).is_err());
    }
}
