//! The matrix for a terminal: a header block, one entry per requirement
//! with its evidence indented beneath, then the legend and sources.

use std::io::{self, Write};

use super::{LEGEND_HOW, LEGEND_MARKS, Matrix, mark, pack_line, party_lines, prepared, result_line};

const RULE: &str = "────────────────────────────────────────────────────────────────────────────────";

pub fn write(m: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", m.title.to_uppercase())?;
    writeln!(out, "{}", m.pack.title)?;
    writeln!(out)?;
    let a = &m.agreement;
    field(out, "Agreement", &[&a.title, &format!("{} ({})", a.id, a.folder)])?;
    let parties = party_lines(m);
    field(out, "Parties", &parties.iter().map(String::as_str).collect::<Vec<_>>())?;
    let arrangements = if a.arrangements.is_empty() {
        "none declared in agreement.toml".to_string()
    } else {
        a.arrangements.join(", ")
    };
    field(out, "Arrangements", &[&arrangements])?;
    if let Some(t) = &a.term {
        field(out, "Term", &[t])?;
    }
    if let Some(h) = &a.host {
        field(out, "Host", &[h])?;
    }
    field(out, "Status", &[&a.status])?;
    if let Some(i) = &a.illustrative {
        field(out, "Illustrative", &[i])?;
    }
    field(out, "Prepared", &[&prepared(m)])?;
    field(out, "Statute pack", &[&pack_line(m)])?;
    if let Some(c) = &m.commit {
        field(out, "Commit", &[c])?;
    }
    writeln!(out)?;
    writeln!(out, "RESULT  {}", result_line(m))?;

    for r in &m.rows {
        writeln!(out, "{RULE}")?;
        let status = if r.satisfied { String::new() } else { format!("  [{}]", r.status.to_uppercase()) };
        writeln!(out, "{} {}  {}{status}", mark(r), r.id, r.citation)?;
        writeln!(out, "  {}", r.description)?;
        for e in &r.evidence {
            writeln!(out, "  {:<11}{:<28} {}", e.how, e.reference, e.location)?;
            let detail = match &e.element {
                Some(el) => format!("{el}: {}", e.detail),
                None => e.detail.clone(),
            };
            if !detail.is_empty() {
                writeln!(out, "  {:<11}{detail}", "")?;
            }
        }
        for missing in &r.missing {
            writeln!(out, "  {:<11}{missing}", "MISSING")?;
        }
        for p in &r.problems {
            writeln!(out, "  {:<11}{}  {}", "NOT MET", p.message, p.location)?;
        }
    }
    writeln!(out, "{RULE}")?;

    if !m.notes.is_empty() {
        writeln!(out, "\nNotes")?;
        for n in &m.notes {
            writeln!(out, "  {}  {}", n.location, n.message)?;
        }
    }
    writeln!(out, "\nLegend")?;
    for (k, v) in LEGEND_MARKS {
        writeln!(out, "  {k:<11}{v}")?;
    }
    for (k, v) in LEGEND_HOW {
        writeln!(out, "  {k:<11}{v}")?;
    }
    if let Some(c) = &m.pack.caveat {
        writeln!(out, "\nCaveat: {c}")?;
    }
    if !m.sources.is_empty() {
        writeln!(out, "\nSources")?;
        for s in &m.sources {
            writeln!(out, "  {:<5}{}", s.key, s.text)?;
        }
    }
    Ok(())
}

/// A labelled header field; continuation lines are indented under the value.
fn field(out: &mut dyn Write, label: &str, lines: &[&str]) -> io::Result<()> {
    for (i, line) in lines.iter().enumerate() {
        let label = if i == 0 { label } else { "" };
        writeln!(out, "{label:<14}{line}")?;
    }
    Ok(())
}
