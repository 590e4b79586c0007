//! The matrix as one self-contained HTML page (no scripts, no external
//! files), laid out to print on A4 landscape for the decision report.

use crate::html::escape as esc;
use std::io::{self, Write};

use super::{LEGEND_HOW, LEGEND_MARKS, Matrix, mark, pack_line, party_lines, prepared, result_line};

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 Georgia, "Times New Roman", serif; color: #1b1b1b; margin: 2em auto; max-width: 72em; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .1em; letter-spacing: .02em; }
h2 { font-size: 1.1em; margin: 1.6em 0 .4em; border-bottom: 1px solid #999; }
.subtitle { color: #555; margin: 0 0 1em; font-style: italic; }
table { border-collapse: collapse; width: 100%; }
dl.facts { display: grid; grid-template-columns: 9em 1fr; gap: .15em 1em; margin: 0 0 1em; }
dl.facts dt { font-weight: bold; color: #444; }
dl.facts dd { margin: 0; }
.illustrative { border-left: 4px solid #b58900; background: #fdf6e3; padding: .4em .8em; margin: 0 0 1em; }
.result { font-size: 1.1em; padding: .5em .8em; border: 2px solid; margin: 1em 0; }
.result.ok { border-color: #2e7d32; background: #eef7ee; }
.result.gaps { border-color: #c62828; background: #fdeeee; }
table.matrix th, table.matrix td { border: 1px solid #bbb; padding: .35em .5em; vertical-align: top; text-align: left; }
table.matrix thead th { background: #eee; }
table.matrix thead { display: table-header-group; }
table.matrix tr { page-break-inside: avoid; }
td.mark { font-size: 1.3em; text-align: center; width: 2em; }
tr.met td.mark { color: #2e7d32; }
tr.partly td.mark { color: #b26a00; }
tr.gap td.mark { color: #c62828; }
.id { font-family: Menlo, Consolas, monospace; font-size: .9em; }
.desc { color: #444; }
.dagger { color: #b26a00; font-weight: bold; }
.sources { color: #666; font-size: .85em; }
ul.evidence { margin: 0; padding-left: 1.1em; }
ul.evidence li { margin-bottom: .2em; }
.how { display: inline-block; font: .75em Menlo, Consolas, monospace; padding: 0 .35em; border-radius: 3px; border: 1px solid #999; text-transform: uppercase; }
.how.declared { background: #e3f2fd; }
.how.recognised { background: #f1f8e9; }
.how.metadata { background: #f3e5f5; }
.loc { font-family: Menlo, Consolas, monospace; font-size: .8em; color: #555; }
.detail { color: #333; }
.missing { color: #c62828; font-weight: bold; }
footer { margin-top: 2em; font-size: .85em; color: #555; border-top: 1px solid #ccc; padding-top: .5em; }
"#;

pub fn write(m: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    let a = &m.agreement;
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<title>{} — {}</title>", esc(&m.title), esc(&a.title))?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>", esc(&m.title), esc(&m.pack.title))?;

    writeln!(out, "<dl class=\"facts\">")?;
    fact(out, "Agreement", &format!("{}<br><span class=\"id\">{}</span>", esc(&a.title), esc(&a.folder)))?;
    fact(out, "Parties", &party_lines(m).iter().map(|p| esc(p)).collect::<Vec<_>>().join("<br>"))?;
    let arrangements = if a.arrangements.is_empty() { "none declared".to_string() } else { a.arrangements.join(", ") };
    fact(out, "Arrangements", &esc(&arrangements))?;
    if let Some(t) = &a.term {
        fact(out, "Term", &esc(t))?;
    }
    if let Some(h) = &a.host {
        fact(out, "Host", &esc(h))?;
    }
    fact(out, "Status", &esc(&a.status))?;
    fact(out, "Prepared", &esc(&prepared(m)))?;
    fact(out, "Statute pack", &esc(&pack_line(m)))?;
    if let Some(c) = &m.commit {
        fact(out, "Commit", &format!("<span class=\"id\">{}</span>", esc(c)))?;
    }
    writeln!(out, "</dl>")?;
    if let Some(i) = &a.illustrative {
        writeln!(out, "<p class=\"illustrative\"><strong>Illustrative.</strong> {}</p>", esc(i))?;
    }
    let class = if m.summary.fully_satisfied { "ok" } else { "gaps" };
    writeln!(out, "<p class=\"result {class}\"><strong>Result.</strong> {}</p>", esc(&result_line(m)))?;

    writeln!(
        out,
        "<table class=\"matrix\">\n<thead><tr><th></th><th>Requirement</th><th>Citation</th><th>Satisfied by</th></tr></thead>\n<tbody>"
    )?;
    for r in &m.rows {
        let class = match r.status.as_str() {
            "met" => "met",
            "partly met" => "partly",
            _ => "gap",
        };
        // The pack writes † into unverified citations; mark it, or add it if absent.
        let dagger_html = "<span class=\"dagger\" title=\"statutory basis unverified\">†</span>";
        let citation = esc(&r.citation).replace('†', dagger_html);
        let dagger = if r.verified || r.citation.contains('†') { String::new() } else { format!(" {dagger_html}") };
        let sources = if r.sources.is_empty() {
            String::new()
        } else {
            format!("<br><span class=\"sources\">[{}]</span>", esc(&r.sources.join(", ")))
        };
        writeln!(out, "<tr class=\"{class}\"><td class=\"mark\" title=\"{}\">{}</td>", esc(&r.status), mark(r))?;
        writeln!(
            out,
            "<td><span class=\"id\">{}</span><br><span class=\"desc\">{}</span></td>",
            esc(&r.id),
            esc(&r.description)
        )?;
        writeln!(out, "<td>{citation}{dagger}{sources}</td>\n<td><ul class=\"evidence\">")?;
        for e in &r.evidence {
            let element = e.element.as_ref().map(|el| format!("{}: ", esc(el))).unwrap_or_default();
            writeln!(
                out,
                "<li><span class=\"how {0}\">{0}</span> {element}<strong>{1}</strong> <span class=\"loc\">{2}</span><br><span class=\"detail\">{3}</span></li>",
                esc(&e.how),
                esc(&e.reference),
                esc(&e.location),
                esc(&e.detail)
            )?;
        }
        for x in &r.missing {
            writeln!(out, "<li class=\"missing\">Missing: {}</li>", esc(x))?;
        }
        for p in &r.problems {
            writeln!(
                out,
                "<li class=\"missing\">Not met: {} <span class=\"loc\">{}</span></li>",
                esc(&p.message),
                esc(&p.location)
            )?;
        }
        writeln!(out, "</ul></td></tr>")?;
    }
    writeln!(out, "</tbody>\n</table>")?;

    if !m.notes.is_empty() {
        writeln!(out, "<h2>Notes</h2>\n<ul>")?;
        for n in &m.notes {
            writeln!(out, "<li><span class=\"loc\">{}</span> {}</li>", esc(&n.location), esc(&n.message))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "<h2>Legend</h2>\n<dl class=\"facts\">")?;
    for (k, v) in LEGEND_MARKS.iter().chain(LEGEND_HOW.iter()) {
        fact(out, &esc(k), &esc(v))?;
    }
    writeln!(out, "</dl>")?;
    if let Some(c) = &m.pack.caveat {
        writeln!(out, "<p><em>Caveat:</em> {}</p>", esc(c))?;
    }
    if !m.sources.is_empty() {
        writeln!(out, "<h2>Sources</h2>\n<dl class=\"facts\">")?;
        for s in &m.sources {
            fact(out, &esc(&s.key), &esc(&s.text))?;
        }
        writeln!(out, "</dl>")?;
    }
    writeln!(
        out,
        "<footer>Prepared {} from the files of <span class=\"id\">{}</span>. Each entry gives the file and line of the text relied on.</footer>",
        esc(&prepared(m)),
        esc(&a.folder)
    )?;
    writeln!(out, "</body>\n</html>")
}

fn fact(out: &mut dyn Write, term: &str, html: &str) -> io::Result<()> {
    writeln!(out, "<dt>{term}</dt><dd>{html}</dd>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_html() {
        assert_eq!(super::esc("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
    }
}
