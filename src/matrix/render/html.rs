//! The matrix as one self-contained HTML page (`templates/matrix.html`: no
//! scripts, no external files), laid out to print on A4 landscape for the
//! decision report. This module prepares the lines the page shares with the
//! other formats; the template writes the markup and escapes every value.

use std::io::{self, Write};

use serde_json::json;

use super::{LEGEND_HOW, LEGEND_MARKS, Matrix, mark, pack_line, party_lines, prepared, result_line};

const TEMPLATE: &str = include_str!("../../../templates/matrix.html");

pub fn write(m: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    let a = &m.agreement;
    let arrangements = if a.arrangements.is_empty() { "none declared".to_string() } else { a.arrangements.join(", ") };
    let rows: Vec<_> = m
        .rows
        .iter()
        .map(|r| {
            let class = match r.status.as_str() {
                "met" => "met",
                "partly met" => "partly",
                "not checked" => "unchecked",
                _ => "gap",
            };
            json!({
                "row": r,
                "class": class,
                "mark": mark(r),
                // The pack writes † into unverified citations: the page marks
                // each, or adds one if the pack wrote none.
                "citation_parts": r.citation.split('†').collect::<Vec<_>>(),
                "add_dagger": !(r.verified || r.citation.contains('†')),
            })
        })
        .collect();
    let context = json!({
        "m": m,
        "parties": party_lines(m),
        "arrangements": arrangements,
        "prepared": prepared(m),
        "pack_line": pack_line(m),
        "result_line": result_line(m),
        "rows": rows,
        "legend": LEGEND_MARKS.iter().chain(LEGEND_HOW.iter()).map(|(k, v)| [k, v]).collect::<Vec<_>>(),
    });
    out.write_all(crate::html::page("matrix.html", TEMPLATE, context)?.as_bytes())
}
