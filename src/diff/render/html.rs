//! One self-contained HTML page: inline CSS and script, no external
//! resources, so it can be attached to an email or a decision record and
//! opened anywhere. The summary comes first; a navigation column lists each
//! document and its changed provisions; each provision can be read as an
//! inline redline or side by side (a toggle, remembered only for the page).
//! Unchanged provisions are in the page but hidden until asked for, so the
//! side-by-side view can show the whole text in context.
//!
//! Every piece of agreement text goes through [`esc`]: an agreement is data,
//! never markup.

use crate::html::escape as esc;
use std::io::{self, Write};

use super::{Display, Item, Options, counts_phrase, items, run_label, sides, summary_lines};
use crate::diff::redline::{BlockDiff, Op, Seg};
use crate::diff::report::{AgreementDiff, DiffReport, DocDiff, Entry, RefStatus, Status, TermStatus};

const CSS: &str = r#"
:root{--del:#ffe3e3;--del-ink:#8a1010;--ins:#dcf5dc;--ins-ink:#0b5a0b;--muted:#5f6368;--line:#d9dce0;--accent:#1a56a0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
header.top{padding:12px 20px;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff;z-index:2}
header.top h1{font-size:18px;margin:0 0 4px}
.controls{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;font-size:13px}
.controls button{font:inherit;padding:3px 10px;border:1px solid var(--line);background:#f6f8fa;border-radius:4px;cursor:pointer}
.controls button[aria-pressed=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
.layout{display:flex;align-items:flex-start}
nav#nav{width:280px;flex:none;position:sticky;top:70px;max-height:calc(100vh - 80px);overflow:auto;padding:12px 16px;border-right:1px solid var(--line);font-size:13px}
nav ul{list-style:none;margin:0;padding-left:12px}
nav>ul.clause-list{padding-left:0}
nav a{color:var(--accent);text-decoration:none}
nav a:hover{text-decoration:underline}
main{flex:1;min-width:0;padding:12px 24px 48px}
h2{font-size:20px;margin:16px 0 8px}
h3{font-size:16px;margin:24px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
.summary table,table.meta{border-collapse:collapse;margin:8px 0}
.summary td,.summary th,table.meta td,table.meta th{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
.summary td.n{text-align:right}
.entry{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:6px 10px}
.entry>header{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
.num{font-weight:600}
.loc{color:var(--muted);font-size:12px;font-family:ui-monospace,monospace;margin-left:auto}
.badge{font-size:11px;text-transform:uppercase;letter-spacing:.04em;padding:1px 6px;border-radius:3px;background:#eef0f2}
.status-modified .badge,.status-moved-and-modified .badge{background:#fff1c2}
.status-inserted .badge{background:var(--ins)}
.status-deleted .badge{background:var(--del)}
.status-renumbered .badge{background:#dbeefe}
.status-moved .badge,.status-split .badge,.status-merged .badge{background:#efe1fb}
.status-unchanged{display:none;opacity:.75}
body.show-unchanged .status-unchanged{display:block}
p.block{margin:4px 0;white-space:pre-wrap}
p.same{color:var(--muted)}
p.skip{color:var(--muted);font-style:italic;font-size:13px}
del{background:var(--del);color:var(--del-ink);text-decoration:line-through}
ins{background:var(--ins);color:var(--ins-ink);text-decoration:underline}
.sbs{display:none;grid-template-columns:1fr 1fr;gap:12px}
.sbs>div{min-width:0}
.sbs .side-label{font-size:11px;color:var(--muted);text-transform:uppercase}
body.view-side-by-side .sbs{display:grid}
body.view-side-by-side .inline{display:none}
.note{color:var(--muted);font-size:13px}
.stale{color:var(--del-ink);font-weight:600}
details.run summary{cursor:pointer}
details.run table{font-size:13px;border-collapse:collapse}
details.run td{padding:1px 8px;border-bottom:1px solid #f0f0f0}
body.hide-modified .status-modified,body.hide-inserted .status-inserted,body.hide-deleted .status-deleted,body.hide-renumbered .status-renumbered,body.hide-moved .status-moved,body.hide-moved-and-modified .status-moved-and-modified,body.hide-split .status-split,body.hide-merged .status-merged{display:none}
.entry.current{outline:2px solid var(--accent)}
@media print{nav#nav,.controls{display:none}header.top{position:static}.status-unchanged{display:none}}
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var body = document.body;
  function setView(v) {
    body.classList.remove('view-inline', 'view-side-by-side');
    body.classList.add('view-' + v);
    var buttons = document.querySelectorAll('[data-view]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('data-view') === v));
    }
  }
  var buttons = document.querySelectorAll('[data-view]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function (ev) { setView(ev.currentTarget.getAttribute('data-view')); });
  }
  var unchanged = document.getElementById('show-unchanged');
  if (unchanged) {
    unchanged.addEventListener('change', function () { body.classList.toggle('show-unchanged', unchanged.checked); });
  }
  var filters = document.querySelectorAll('input[data-filter]');
  for (var j = 0; j < filters.length; j++) {
    filters[j].addEventListener('change', function (ev) {
      var box = ev.currentTarget;
      body.classList.toggle('hide-' + box.getAttribute('data-filter'), !box.checked);
    });
  }
  // n / p: next and previous visible change.
  var at = -1;
  function visibleChanges() {
    var all = document.querySelectorAll('.entry:not(.status-unchanged)');
    var out = [];
    for (var k = 0; k < all.length; k++) { if (all[k].offsetParent !== null) { out.push(all[k]); } }
    return out;
  }
  document.addEventListener('keydown', function (ev) {
    if (ev.target && (ev.target.tagName === 'INPUT' || ev.target.tagName === 'TEXTAREA')) { return; }
    if (ev.key !== 'n' && ev.key !== 'p') { return; }
    var list = visibleChanges();
    if (list.length === 0) { return; }
    if (at >= 0 && at < list.length) { list[at].classList.remove('current'); }
    at = ev.key === 'n' ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0);
    list[at].classList.add('current');
    list[at].scrollIntoView({ block: 'center' });
  });
  // A link can choose the view: report.html#side-by-side.
  if (location.hash === '#side-by-side' || location.hash === '#inline') { setView(location.hash.slice(1)); }
  body.setAttribute('data-ready', 'true');
})();
"#;

pub fn write(report: &DiffReport, out: &mut dyn Write, opts: Options) -> io::Result<()> {
    let mut h = String::with_capacity(64 * 1024);
    let title = match report.agreements.as_slice() {
        [one] => format!("s75 diff: {}", one.id),
        _ => "s75 diff".to_string(),
    };
    let view = match opts.display {
        Display::Inline => "view-inline",
        Display::SideBySide => "view-side-by-side",
    };
    let body_class = if opts.unchanged { format!("{view} show-unchanged") } else { view.to_string() };
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"s75 {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body class=\"{body_class}\">\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    ));
    controls(report, &mut h, opts);
    h.push_str("<div class=\"layout\">\n");
    nav(report, &mut h, opts);
    h.push_str("<main>\n");
    if report.agreements.is_empty() {
        h.push_str(&format!(
            "<section class=\"summary\" id=\"summary\"><p>No agreements differ between {} and {}.</p></section>\n",
            esc(&report.old),
            esc(&report.new)
        ));
    }
    for (i, a) in report.agreements.iter().enumerate() {
        agreement(i, a, &mut h);
    }
    h.push_str("</main>\n</div>\n");
    h.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    out.write_all(h.as_bytes())
}

fn controls(report: &DiffReport, h: &mut String, opts: Options) {
    h.push_str("<header class=\"top\">\n");
    h.push_str(&format!("<h1>s75 diff</h1>\n<div class=\"sides\">{} → {}</div>\n", esc(&report.old), esc(&report.new)));
    let pressed = |d: Display| if opts.display == d { "true" } else { "false" };
    h.push_str(&format!(
        "<div class=\"controls\" role=\"toolbar\"><button type=\"button\" data-view=\"inline\" aria-pressed=\"{}\">Inline</button><button type=\"button\" data-view=\"side-by-side\" aria-pressed=\"{}\">Side by side</button><label><input type=\"checkbox\" id=\"show-unchanged\"{}> Show unchanged</label>",
        pressed(Display::Inline),
        pressed(Display::SideBySide),
        if opts.unchanged { " checked" } else { "" }
    ));
    for s in Status::ALL.iter().filter(|s| s.is_change()) {
        h.push_str(&format!("<label><input type=\"checkbox\" data-filter=\"{0}\" checked> {0}</label>", s.as_str()));
    }
    h.push_str("<span class=\"note\">Keys: n / p for next / previous change</span></div>\n</header>\n");
}

fn nav(report: &DiffReport, h: &mut String, opts: Options) {
    h.push_str("<nav id=\"nav\" aria-label=\"Documents and clauses\">\n<ul class=\"clause-list\">\n");
    for (ai, a) in report.agreements.iter().enumerate() {
        h.push_str(&format!("<li><a href=\"#a{ai}\">{}</a>\n<ul>\n", esc(&a.id)));
        h.push_str(&format!("<li><a href=\"#{}\">Summary</a></li>\n", summary_id(ai)));
        for (di, d) in a.documents.iter().enumerate() {
            if d.status == crate::diff::report::DocStatus::Unchanged && !opts.unchanged {
                continue;
            }
            h.push_str(&format!("<li class=\"doc\"><a href=\"#a{ai}-d{di}\">{}</a>\n<ul>\n", esc(&d.label)));
            for (ei, e) in d.entries.iter().enumerate() {
                if e.status == Status::Unchanged || e.status == Status::Renumbered {
                    continue;
                }
                h.push_str(&format!(
                    "<li class=\"status-{}\"><a href=\"#a{ai}-d{di}-e{ei}\">{} {}</a></li>\n",
                    e.status.as_str(),
                    esc(e.status.marker()),
                    esc(&entry_name(e))
                ));
            }
            let renumbered = d.counts.renumbered;
            if renumbered > 0 {
                h.push_str(&format!("<li class=\"status-renumbered\"># {renumbered} renumbered</li>\n"));
            }
            h.push_str("</ul></li>\n");
        }
        h.push_str("</ul></li>\n");
    }
    h.push_str("</ul>\n</nav>\n");
}

fn summary_id(ai: usize) -> String {
    if ai == 0 { "summary".to_string() } else { format!("summary-{ai}") }
}

fn entry_name(e: &Entry) -> String {
    match e.shown() {
        Some(p) if p.number.is_some() => match &p.heading {
            Some(hd) => format!("{} {hd}", e.numbers()),
            None => e.numbers(),
        },
        Some(p) => p.label(),
        None => String::new(),
    }
}

fn agreement(ai: usize, a: &AgreementDiff, h: &mut String) {
    h.push_str(&format!("<section class=\"agreement\" id=\"a{ai}\">\n<h2>{} — {}</h2>\n", esc(&a.id), esc(&a.title)));
    h.push_str(&format!("<p class=\"note\">{}</p>\n", esc(&sides(a))));
    h.push_str(&format!("<section class=\"summary\" id=\"{}\">\n<h3>Summary</h3>\n<ul>\n", summary_id(ai)));
    for line in summary_lines(a) {
        h.push_str(&format!("<li>{}</li>\n", esc(line.trim_start())));
    }
    h.push_str("</ul>\n<table><tr><th>Provisions</th><th>Count</th></tr>\n");
    for s in Status::ALL {
        h.push_str(&format!(
            "<tr class=\"status-row-{0}\"><td>{0}</td><td class=\"n\">{1}</td></tr>\n",
            s.as_str(),
            a.counts.get(s)
        ));
    }
    h.push_str("</table>\n</section>\n");
    if !a.metadata.is_empty() {
        h.push_str("<h3 id=\"metadata\">Metadata</h3>\n<table class=\"meta\"><tr><th>Section</th><th>Field</th><th>Old</th><th>New</th><th></th></tr>\n");
        for m in &a.metadata {
            let cell = |v: &Option<String>| v.as_deref().map_or_else(|| "—".to_string(), esc);
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(&m.section),
                esc(&m.field),
                cell(&m.old),
                cell(&m.new),
                cell(&m.detail)
            ));
        }
        h.push_str("</table>\n");
    }
    if !a.terms.is_empty() {
        h.push_str("<h3>Defined terms</h3>\n<ul class=\"terms\">\n");
        for t in &a.terms {
            let body = match t.status {
                TermStatus::Added => format!("added: <ins>{}</ins>", esc(t.new.as_deref().unwrap_or(""))),
                TermStatus::Removed => format!("removed: <del>{}</del>", esc(t.old.as_deref().unwrap_or(""))),
                TermStatus::Changed => format!("changed: {}", segments(&t.redline, None)),
            };
            h.push_str(&format!("<li><b>“{}”</b> {body}</li>\n", esc(&t.term)));
        }
        h.push_str("</ul>\n");
    }
    if !a.references.is_empty() {
        h.push_str("<h3>Cross-references to renumbered provisions</h3>\n<ul class=\"refs\">\n");
        for r in &a.references {
            let (class, mark) = match r.status {
                RefStatus::Followed => ("followed", "✓"),
                RefStatus::Stale => ("stale", "✗"),
            };
            h.push_str(&format!(
                "<li class=\"{class}\">{mark} {} <span class=\"loc\">{}</span></li>\n",
                esc(&r.describe()),
                esc(&r.at)
            ));
        }
        h.push_str("</ul>\n");
    }
    for (di, d) in a.documents.iter().enumerate() {
        document(ai, di, d, h);
    }
    h.push_str("</section>\n");
}

fn document(ai: usize, di: usize, d: &DocDiff, h: &mut String) {
    let unchanged_doc = d.status == crate::diff::report::DocStatus::Unchanged;
    let class = if unchanged_doc { "doc status-unchanged" } else { "doc" };
    let path = d.new.as_ref().or(d.old.as_ref()).and_then(|i| i.path.clone()).unwrap_or_default();
    h.push_str(&format!(
        "<section class=\"{class}\" id=\"a{ai}-d{di}\">\n<h3>{} <span class=\"note\">{} — {}</span></h3>\n",
        esc(&d.label),
        esc(&path),
        esc(&counts_phrase(&d.counts))
    ));
    let by_ptr: std::collections::HashMap<*const Entry, usize> =
        d.entries.iter().enumerate().map(|(i, e)| (e as *const Entry, i)).collect();
    for item in items(d, true) {
        match item {
            Item::One(e) => {
                let ei = by_ptr.get(&(e as *const Entry)).copied().unwrap_or(0);
                entry(&format!("a{ai}-d{di}-e{ei}"), e, h);
            }
            Item::Renumbered(run) => {
                h.push_str(&format!(
                    "<details class=\"entry status-renumbered run\"><summary><span class=\"badge\">renumbered</span> <span class=\"num\">{}</span> — text unchanged ({} provisions)</summary>\n<table>\n",
                    esc(&run_label(&run)),
                    run.len()
                ));
                for e in run {
                    let p = e.shown();
                    h.push_str(&format!(
                        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"loc\">{}</td></tr>\n",
                        esc(&e.numbers()),
                        esc(&p
                            .map(|p| crate::diff::text::excerpt(p.text.first().map_or("", String::as_str), 90))
                            .unwrap_or_default()),
                        esc(&p.map(|p| p.location()).unwrap_or_default())
                    ));
                }
                h.push_str("</table>\n</details>\n");
            }
        }
    }
    h.push_str("</section>\n");
}

fn entry(id: &str, e: &Entry, h: &mut String) {
    h.push_str(&format!(
        "<article class=\"entry status-{0}\" id=\"{id}\" data-status=\"{0}\">\n<header>",
        e.status.as_str()
    ));
    h.push_str(&format!(
        "<span class=\"badge\">{}</span> <span class=\"num\">{}</span>",
        esc(e.status.as_str()),
        esc(&entry_name(e))
    ));
    if e.references_only {
        h.push_str(" <span class=\"note\">cross-references only</span>");
    }
    if let Some(sim) = e.similarity {
        h.push_str(&format!(" <span class=\"note\">similarity {sim:.2}</span>"));
    }
    let at = match (e.first_old(), e.first_new()) {
        (Some(o), Some(n)) => format!("{} → {}", o.location(), n.location()),
        (Some(o), None) => o.location(),
        (None, Some(n)) => n.location(),
        (None, None) => String::new(),
    };
    h.push_str(&format!("<span class=\"loc\">{}</span></header>\n", esc(&at)));
    let old_text: Vec<&String> = e.old.iter().flat_map(|p| &p.text).collect();
    let new_text: Vec<&String> = e.new.iter().flat_map(|p| &p.text).collect();
    match e.status {
        Status::Inserted => {
            let p: String =
                new_text.iter().map(|t| format!("<p class=\"block\"><ins>{}</ins></p>\n", esc(t))).collect();
            h.push_str(&format!("<div class=\"inline\">{p}</div>\n<div class=\"sbs\"><div class=\"old\"></div><div class=\"new\">{p}</div></div>\n"));
        }
        Status::Deleted => {
            let p: String =
                old_text.iter().map(|t| format!("<p class=\"block\"><del>{}</del></p>\n", esc(t))).collect();
            h.push_str(&format!("<div class=\"inline\">{p}</div>\n<div class=\"sbs\"><div class=\"old\">{p}</div><div class=\"new\"></div></div>\n"));
        }
        s if s.has_text_change() => redline(&e.redline, h),
        // Same text on both sides: once, for both views.
        _ => {
            let same: String = new_text.iter().map(|t| format!("<p class=\"block same\">{}</p>\n", esc(t))).collect();
            h.push_str(&format!("<div class=\"same-text\">{same}</div>\n"));
        }
    }
    h.push_str("</article>\n");
}

/// A modified provision: changed blocks with one unchanged block of context
/// on each side; longer unchanged runs (a definitions clause with one changed
/// definition) fold into a count.
fn redline(blocks: &[BlockDiff], h: &mut String) {
    let (mut inline, mut old, mut new) = (String::new(), String::new(), String::new());
    let near_change = |i: usize| {
        let lo = i.saturating_sub(1);
        blocks[lo..(i + 2).min(blocks.len())].iter().any(|b| !b.is_same())
    };
    let mut skipped = 0;
    for (i, b) in blocks.iter().enumerate() {
        if b.is_same() && !near_change(i) {
            skipped += 1;
            continue;
        }
        if skipped > 0 {
            let p = format!("<p class=\"skip\">… {skipped} unchanged paragraph{}</p>\n", super::plural(skipped));
            inline.push_str(&p);
            old.push_str(&p);
            new.push_str(&p);
            skipped = 0;
        }
        match b {
            BlockDiff::Same { text } => {
                let p = format!("<p class=\"block same\">{}</p>\n", esc(text));
                inline.push_str(&p);
                old.push_str(&p);
                new.push_str(&p);
            }
            BlockDiff::Changed { segments: segs, .. } => {
                inline.push_str(&format!("<p class=\"block\">{}</p>\n", segments(segs, None)));
                old.push_str(&format!("<p class=\"block\">{}</p>\n", segments(segs, Some(Op::Deleted))));
                new.push_str(&format!("<p class=\"block\">{}</p>\n", segments(segs, Some(Op::Inserted))));
            }
            BlockDiff::Added { text } => {
                let p = format!("<p class=\"block\"><ins>{}</ins></p>\n", esc(text));
                inline.push_str(&p);
                new.push_str(&p);
            }
            BlockDiff::Removed { text } => {
                let p = format!("<p class=\"block\"><del>{}</del></p>\n", esc(text));
                inline.push_str(&p);
                old.push_str(&p);
            }
        }
    }
    if skipped > 0 {
        let p = format!("<p class=\"skip\">… {skipped} unchanged paragraph{}</p>\n", super::plural(skipped));
        inline.push_str(&p);
        old.push_str(&p);
        new.push_str(&p);
    }
    h.push_str(&format!(
        "<div class=\"inline\">{inline}</div>\n<div class=\"sbs\"><div class=\"old\"><div class=\"side-label\">old</div>{old}</div><div class=\"new\"><div class=\"side-label\">new</div>{new}</div></div>\n"
    ));
}

/// Segments as HTML; `only` keeps one side (for side by side): the
/// deletions for the old column, the insertions for the new.
fn segments(segs: &[Seg], only: Option<Op>) -> String {
    segs.iter()
        .filter(|g| match only {
            None => true,
            Some(keep) => g.op == Op::Same || g.op == keep,
        })
        .map(|g| match g.op {
            Op::Same => esc(&g.text),
            Op::Deleted => format!("<del>{}</del>", esc(&g.text)),
            Op::Inserted => format!("<ins>{}</ins>", esc(&g.text)),
        })
        .collect()
}
