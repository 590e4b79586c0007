//! Is a pack file whole? A PDF cut short (a failed download, a full disk)
//! still carries its fingerprint markers near the start, so `verify` could
//! call it "unchanged" while no reader can open it. These checks read only
//! the file's own structure, no external tools.

/// How far before `%%EOF` a PDF's `startxref` may be; writers put it in the
/// last few lines.
const TAIL: usize = 1024;

/// A complete PDF ends with `startxref <offset>` and `%%EOF`, and the offset
/// points at a cross-reference table (`xref`) or stream (`N G obj`).
pub fn pdf(bytes: &[u8]) -> Result<(), String> {
    let end = trim_end(bytes);
    if !end.ends_with(b"%%EOF") {
        return Err(
            "it does not end with %%EOF, as every complete PDF does: the file was cut short or has bytes added".into(),
        );
    }
    let tail_start = end.len().saturating_sub(TAIL);
    let tail = &end[tail_start..];
    let at = rfind(tail, b"startxref").ok_or("it has no startxref before %%EOF: its end is damaged")?;
    let digits: Vec<u8> = tail[at + b"startxref".len()..]
        .iter()
        .copied()
        .skip_while(u8::is_ascii_whitespace)
        .take_while(u8::is_ascii_digit)
        .collect();
    let offset: usize = std::str::from_utf8(&digits)
        .ok()
        .and_then(|d| d.parse().ok())
        .ok_or("its startxref gives no byte offset: its end is damaged")?;
    let target = bytes.get(offset..).unwrap_or_default();
    if target.starts_with(b"xref") || is_object_header(target) {
        Ok(())
    } else {
        Err(format!(
            "its cross-reference table is not at byte {offset}, where the file says it is: the file was cut or altered"
        ))
    }
}

/// A complete HTML pack ends with `</html>`.
pub fn html(bytes: &[u8]) -> Result<(), String> {
    let end = trim_end(bytes);
    let tail = &end[end.len().saturating_sub(b"</html>".len())..];
    if tail.eq_ignore_ascii_case(b"</html>") {
        Ok(())
    } else {
        Err("it does not end with </html>: the file was cut short or has bytes added".into())
    }
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let keep = bytes.iter().rposition(|b| !b.is_ascii_whitespace() && *b != 0).map_or(0, |i| i + 1);
    &bytes[..keep]
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// `12 0 obj`: an indirect object, as an xref stream is.
fn is_object_header(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    for _ in 0..2 {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let spaces = rest[digits..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if digits == 0 || spaces == 0 {
            return false;
        }
        rest = &rest[digits + spaces..];
    }
    rest.starts_with(b"obj")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<<>>\nstartxref\n29\n%%EOF\n";

    #[test]
    fn a_whole_pdf_passes_and_a_cut_one_fails() {
        assert_eq!(pdf(PDF), Ok(()));
        assert!(pdf(&PDF[..PDF.len() - 8]).unwrap_err().contains("cut short"));
        let moved = String::from_utf8_lossy(PDF).replace("startxref\n29", "startxref\n30");
        assert!(pdf(moved.as_bytes()).unwrap_err().contains("not at byte 30"));
        let stream = String::from_utf8_lossy(PDF).replace("startxref\n29", "startxref\n9");
        assert_eq!(pdf(stream.as_bytes()), Ok(()), "an xref stream is an object");
        assert!(pdf(b"%PDF-1.7\n%%EOF").is_err());
    }

    #[test]
    fn html_must_end_with_its_closing_tag() {
        assert_eq!(html(b"<!DOCTYPE html><html></html>\n"), Ok(()));
        assert_eq!(html(b"<html></HTML>"), Ok(()));
        assert!(html(b"<!DOCTYPE html><html><p>cut").is_err());
    }
}
