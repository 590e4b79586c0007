//! The matrix as CSV (RFC 4180): one line per piece of evidence, so a
//! spreadsheet can filter by requirement, status or clause. A requirement
//! with no evidence gets one line saying what is missing.

use std::io::{self, Write};

use super::Matrix;

const HEADER: [&str; 11] = [
    "agreement",
    "requirement",
    "citation",
    "verified",
    "status",
    "how",
    "element",
    "reference",
    "location",
    "detail",
    "missing",
];

pub fn write(m: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    line(out, HEADER.iter().map(|s| s.to_string()))?;
    for r in &m.rows {
        let base = |how: &str, element: &str, reference: &str, location: &str, detail: &str, missing: &str| {
            [
                m.agreement.id.clone(),
                r.id.clone(),
                r.citation.clone(),
                if r.verified { "yes" } else { "no" }.to_string(),
                r.status.clone(),
                how.to_string(),
                element.to_string(),
                reference.to_string(),
                location.to_string(),
                detail.to_string(),
                missing.to_string(),
            ]
        };
        let missing = r.missing.join("; ");
        for e in &r.evidence {
            line(
                out,
                base(&e.how, e.element.as_deref().unwrap_or(""), &e.reference, &e.location, &e.detail, &missing),
            )?;
        }
        for p in &r.problems {
            line(out, base("", "", "", &p.location, &p.message, ""))?;
        }
        if r.evidence.is_empty() && r.problems.is_empty() {
            line(out, base("", "", "", "", "", &missing))?;
        }
    }
    Ok(())
}

fn line(out: &mut dyn Write, fields: impl IntoIterator<Item = String>) -> io::Result<()> {
    let quoted: Vec<String> = fields.into_iter().map(|f| quote(&f)).collect();
    // RFC 4180 ends records with CRLF.
    write!(out, "{}\r\n", quoted.join(","))
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(super::quote("plain"), "plain");
        assert_eq!(super::quote("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}
