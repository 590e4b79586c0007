//! The matrix as Markdown (GitHub-flavoured tables), for a pull request
//! comment or a document converter.

use std::io::{self, Write};

use super::{LEGEND_HOW, LEGEND_MARKS, Matrix, mark, pack_line, party_lines, prepared, result_line};

pub fn write(m: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    let a = &m.agreement;
    writeln!(out, "# {}\n", esc(&m.title))?;
    writeln!(out, "**{}** (`{}`)\n", esc(&a.title), a.id)?;
    writeln!(out, "| | |\n|---|---|")?;
    let arrangements = if a.arrangements.is_empty() { "none declared".to_string() } else { a.arrangements.join(", ") };
    let mut rows = vec![
        ("Parties", party_lines(m).iter().map(|p| esc(p)).collect::<Vec<_>>().join("<br>")),
        ("Arrangements", esc(&arrangements)),
    ];
    if let Some(t) = &a.term {
        rows.push(("Term", esc(t)));
    }
    if let Some(h) = &a.host {
        rows.push(("Host", esc(h)));
    }
    rows.push(("Status", esc(&a.status)));
    rows.push(("Prepared", esc(&prepared(m))));
    rows.push(("Statute pack", esc(&pack_line(m))));
    if let Some(c) = &m.commit {
        rows.push(("Commit", format!("`{c}`")));
    }
    for (k, v) in rows {
        writeln!(out, "| {k} | {v} |")?;
    }
    if let Some(i) = &a.illustrative {
        writeln!(out, "\n> **Illustrative.** {}", esc(i))?;
    }
    writeln!(out, "\n**Result:** {}\n", esc(&result_line(m)))?;

    writeln!(out, "| | Requirement | Citation | Satisfied by |\n|---|---|---|---|")?;
    for r in &m.rows {
        let mut cell = Vec::new();
        for e in &r.evidence {
            let element = e.element.as_ref().map(|el| format!("{}: ", esc(el))).unwrap_or_default();
            cell.push(format!("{element}*{}* {} (`{}`) — {}", e.how, esc(&e.reference), e.location, esc(&e.detail)));
        }
        cell.extend(r.missing.iter().map(|x| format!("**missing:** {}", esc(x))));
        cell.extend(r.problems.iter().map(|p| format!("**not met:** {} (`{}`)", esc(&p.message), p.location)));
        let sources = if r.sources.is_empty() { String::new() } else { format!("<br>[{}]", r.sources.join(", ")) };
        writeln!(
            out,
            "| {} | **{}**<br>{} | {}{sources} | {} |",
            mark(r),
            r.id,
            esc(&r.description),
            esc(&r.citation),
            cell.join("<br>")
        )?;
    }
    if !m.notes.is_empty() {
        writeln!(out, "\n## Notes\n")?;
        for n in &m.notes {
            writeln!(out, "- `{}` {}", n.location, esc(&n.message))?;
        }
    }
    writeln!(out, "\n## Legend\n")?;
    for (k, v) in LEGEND_MARKS.iter().chain(LEGEND_HOW.iter()) {
        writeln!(out, "- **{k}** — {}", esc(v))?;
    }
    if let Some(c) = &m.pack.caveat {
        writeln!(out, "\n*Caveat:* {}", esc(c))?;
    }
    if !m.sources.is_empty() {
        writeln!(out, "\n## Sources\n")?;
        for s in &m.sources {
            writeln!(out, "- **{}** {}", s.key, esc(&s.text))?;
        }
    }
    Ok(())
}

/// Escapes characters Markdown would read as markup, and the table's `|`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_table_and_markup_characters() {
        assert_eq!(super::esc("a|b *c* <d>"), "a\\|b \\*c\\* &lt;d&gt;");
    }
}
