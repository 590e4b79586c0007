//! Markdown for a pull-request comment: the summary and metadata in view,
//! each document's changes folded in a `<details>` block, redlines as
//! `<del>`/`<ins>`. Agreement text is escaped for both Markdown and HTML, so
//! an asterisk or angle bracket in a clause can never turn into markup.
//!
//! GitHub rejects comments over 65,536 characters; past [`LIMIT`] the
//! remaining documents are only counted, with a pointer to the HTML report.

use std::io::{self, Write};

use super::{
    Item, Options, counts_phrase, entry_name, entry_notes, items, run_label, sides, summary_lines, whole_agreement,
};
use crate::diff::redline::{BlockDiff, Op, Seg};
use crate::diff::report::{AgreementDiff, DiffReport, DocDiff, DocStatus, Entry, RefStatus, Status, TermStatus};

const LIMIT: usize = 60_000;

pub fn write(report: &DiffReport, out: &mut dyn Write, opts: Options) -> io::Result<()> {
    let mut s = String::new();
    if report.agreements.is_empty() {
        s.push_str(&format!(
            "### s75 diff\n\nNo agreements differ between `{}` and `{}`.\n",
            code(&report.old),
            code(&report.new)
        ));
    }
    for a in &report.agreements {
        agreement(a, &mut s, opts);
    }
    out.write_all(s.as_bytes())
}

/// Escapes agreement text for Markdown inside HTML-capable GitHub comments.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Text for inside a code span: backticks cannot be escaped there, so they are replaced.
fn code(text: &str) -> String {
    text.replace('`', "'")
}

fn agreement(a: &AgreementDiff, s: &mut String, opts: Options) {
    s.push_str(&format!("### s75 diff: `{}`\n\n", code(&a.id)));
    s.push_str(&format!("{} — `{}`\n\n", esc(&a.title), code(&sides(a))));
    for line in summary_lines(a) {
        let indented = line.starts_with("  ");
        s.push_str(&format!("{}- {}\n", if indented { "  " } else { "" }, esc(line.trim_start())));
    }
    s.push('\n');
    if !a.metadata.is_empty() {
        s.push_str("#### Metadata\n\n| | Old | New | |\n|---|---|---|---|\n");
        for m in &a.metadata {
            let cell = |v: &Option<String>| v.as_deref().map_or_else(|| "—".to_string(), esc);
            s.push_str(&format!("| {} | {} | {} | {} |\n", esc(&m.field), cell(&m.old), cell(&m.new), cell(&m.detail)));
        }
        s.push('\n');
    }
    if !a.terms.is_empty() {
        s.push_str("#### Defined terms\n\n");
        for t in &a.terms {
            let what = match t.status {
                TermStatus::Added => format!("added: {}", esc(t.new.as_deref().unwrap_or(""))),
                TermStatus::Removed => format!("removed: <del>{}</del>", esc(t.old.as_deref().unwrap_or(""))),
                TermStatus::Changed => format!("changed: {}", segments(&t.redline)),
                TermStatus::Moved => "moved (wording unchanged)".to_string(),
                TermStatus::Renamed if t.redline.is_empty() => String::new(),
                TermStatus::Renamed => format!("— {}", segments(&t.redline)),
            };
            if t.status == TermStatus::Renamed {
                s.push_str(&format!("- **{}** {what}\n", esc(&t.describe())));
                continue;
            }
            s.push_str(&format!("- **“{}”** {what}\n", esc(&t.term)));
        }
        s.push('\n');
    }
    if !a.references.is_empty() {
        s.push_str("#### Cross-references to renumbered provisions\n\n");
        for r in &a.references {
            match r.status {
                RefStatus::Followed => s.push_str(&format!("- ✅ {} — `{}`\n", esc(&r.describe()), code(&r.at))),
                RefStatus::Stale => s.push_str(&format!("- ❌ **{}** — `{}`\n", esc(&r.describe()), code(&r.at))),
            }
        }
        s.push('\n');
    }
    let changed: Vec<&DocDiff> =
        a.documents.iter().filter(|d| d.status != DocStatus::Unchanged || opts.unchanged).collect();
    if whole_agreement(a) {
        for d in &changed {
            s.push_str(&format!("- {} — {} provisions\n", esc(&d.label), d.entries.len()));
        }
        s.push('\n');
        return;
    }
    for (i, d) in changed.iter().enumerate() {
        let mut section = String::new();
        document(d, &mut section, opts);
        if s.len() + section.len() > LIMIT {
            let rest = changed.len() - i;
            s.push_str(&format!(
                "_{rest} more document{} not shown: the comment would exceed GitHub's size limit. Run `s75 diff --format html` for the full report._\n\n",
                super::plural(rest)
            ));
            break;
        }
        s.push_str(&section);
    }
}

fn document(d: &DocDiff, s: &mut String, opts: Options) {
    let state = match d.status {
        DocStatus::Added => "added".to_string(),
        DocStatus::Removed => "removed".to_string(),
        _ => counts_phrase(&d.counts),
    };
    s.push_str(&format!("<details><summary><b>{}</b> — {}</summary>\n\n", esc(&d.label), esc(&state)));
    for item in items(d, opts.unchanged) {
        match item {
            Item::One(e) => entry(e, s),
            Item::Renumbered(run) => s.push_str(&format!(
                "- **\\# {}** renumbered, text unchanged ({} provisions)\n",
                esc(&run_label(&run)),
                run.len()
            )),
        }
    }
    s.push_str("\n</details>\n\n");
}

fn entry(e: &Entry, s: &mut String) {
    let name = entry_name(e);
    let at = e.shown().map(|p| p.location()).unwrap_or_default();
    let note: String = entry_notes(e).iter().map(|n| format!(" ({})", esc(n))).collect();
    s.push_str(&format!(
        "- **{} {}** {}{note} — `{}`\n",
        esc(e.status.marker()),
        esc(&name),
        e.status.as_str(),
        code(&at)
    ));
    match e.status {
        Status::Inserted => {
            quote(s, e.new.iter().flat_map(|p| p.text.iter()).map(|t| format!("<ins>{}</ins>", esc(t))))
        }
        Status::Deleted => quote(s, e.old.iter().flat_map(|p| p.text.iter()).map(|t| format!("<del>{}</del>", esc(t)))),
        st if st.has_text_change() => {
            let lines = e.redline.iter().filter_map(|b| match b {
                BlockDiff::Same { .. } => None,
                BlockDiff::Changed { segments: segs, .. } => Some(segments(segs)),
                BlockDiff::Added { text } => Some(format!("<ins>{}</ins>", esc(text))),
                BlockDiff::Removed { text } => Some(format!("<del>{}</del>", esc(text))),
            });
            quote(s, lines);
        }
        _ => {}
    }
}

/// Lines as a quote under a list item, one paragraph each.
fn quote(s: &mut String, lines: impl Iterator<Item = String>) {
    for (i, l) in lines.enumerate() {
        if i > 0 {
            s.push_str("  >\n");
        }
        s.push_str(&format!("  > {l}\n"));
    }
}

fn segments(segs: &[Seg]) -> String {
    segs.iter()
        .map(|g| match g.op {
            Op::Same => esc(&g.text),
            Op::Deleted => format!("<del>{}</del>", esc(&g.text)),
            Op::Inserted => format!("<ins>{}</ins>", esc(&g.text)),
        })
        .collect()
}
