//! One self-contained HTML page (`templates/diff.html`): inline CSS and
//! script, no external resources, so it can be attached to an email or a
//! decision record and opened anywhere. The summary comes first; a
//! navigation column lists each document and its changed provisions; each
//! provision can be read as an inline redline or side by side (a toggle,
//! remembered only for the page). The page holds the changed provisions
//! with one unchanged provision of context on each side, and says how many
//! it leaves out, as GitHub shows a diff: a one-word change makes a page of
//! a few kilobytes, not the whole agreement twice. `--full` (or
//! `--unchanged`) puts the whole text in, unchanged provisions hidden until
//! asked for, so the side-by-side view can show everything in context.
//!
//! This module decides what the page shows (which provisions, which
//! paragraphs of context); the template decides the markup, and every
//! piece of agreement text it writes is escaped: an agreement is data,
//! never markup.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Display, Item, Options, counts_phrase, entry_name, entry_notes, items, run_label, sides, summary_lines};
use crate::diff::redline::{BlockDiff, Op, Seg};
use crate::diff::report::{AgreementDiff, DiffReport, DocDiff, DocStatus, Entry, RefStatus, Status, TermStatus};

const TEMPLATE: &str = include_str!("../../../templates/diff.html");

pub fn write(report: &DiffReport, out: &mut dyn Write, opts: Options) -> io::Result<()> {
    let title = match report.agreements.as_slice() {
        [one] => format!("s75 diff: {}", one.id),
        _ => "s75 diff".to_string(),
    };
    let view = match opts.display {
        Display::Inline => "view-inline",
        Display::SideBySide => "view-side-by-side",
    };
    let body_class = if opts.unchanged { format!("{view} show-unchanged") } else { view.to_string() };
    let full = opts.full || opts.unchanged;
    let context = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "title": title,
        "body_class": body_class,
        "old": report.old,
        "new": report.new,
        "inline_pressed": opts.display == Display::Inline,
        "side_by_side_pressed": opts.display == Display::SideBySide,
        "unchanged": opts.unchanged,
        "full": full,
        "filters": Status::ALL.iter().filter(|s| s.is_change()).map(|s| s.as_str()).collect::<Vec<_>>(),
        "agreements": report.agreements.iter().enumerate().map(|(ai, a)| agreement(ai, a, opts)).collect::<Vec<_>>(),
    });
    out.write_all(crate::html::page("diff.html", TEMPLATE, context)?.as_bytes())
}

fn summary_id(ai: usize) -> String {
    if ai == 0 { "summary".to_string() } else { format!("summary-{ai}") }
}

fn agreement(ai: usize, a: &AgreementDiff, opts: Options) -> Value {
    let terms: Vec<Value> = a
        .terms
        .iter()
        .map(|t| match t.status {
            TermStatus::Added => json!({"term": t.term, "status": "added", "text": t.new.as_deref().unwrap_or("")}),
            TermStatus::Removed => json!({"term": t.term, "status": "removed", "text": t.old.as_deref().unwrap_or("")}),
            TermStatus::Changed => json!({"term": t.term, "status": "changed", "segments": segments(&t.redline)}),
            TermStatus::Renamed | TermStatus::Moved => json!({
                "term": t.term, "status": t.status.as_str(), "describe": t.describe(), "segments": segments(&t.redline),
            }),
        })
        .collect();
    let references: Vec<Value> = a
        .references
        .iter()
        .map(|r| {
            let (class, mark) = match r.status {
                RefStatus::Followed => ("followed", "✓"),
                RefStatus::Stale => ("stale", "✗"),
            };
            json!({"class": class, "mark": mark, "describe": r.describe(), "at": r.at})
        })
        .collect();
    json!({
        "index": ai,
        "id": a.id,
        "title": a.title,
        "summary_id": summary_id(ai),
        "sides": sides(a),
        "summary": summary_lines(a).iter().map(|l| l.trim_start().to_string()).collect::<Vec<_>>(),
        "counts": Status::ALL.iter().map(|&s| json!({"status": s.as_str(), "count": a.counts.get(s)})).collect::<Vec<_>>(),
        "metadata": a.metadata.iter().map(|m| json!({
            "section": m.section, "field": m.field, "old": m.old, "new": m.new, "detail": m.detail,
        })).collect::<Vec<_>>(),
        "terms": terms,
        "references": references,
        "documents": a.documents.iter().enumerate()
            .filter(|(_, d)| full(opts) || d.status != DocStatus::Unchanged)
            .map(|(di, d)| document(ai, di, d, opts)).collect::<Vec<_>>(),
        "unchanged_documents": if full(opts) { 0 } else {
            a.documents.iter().filter(|d| d.status == DocStatus::Unchanged).count()
        },
    })
}

fn full(opts: Options) -> bool {
    opts.full || opts.unchanged
}

/// Unchanged items kept as context: those next to a change. The others are
/// left out of a page that is not `--full`, counted where they stood.
fn context(items: Vec<Value>, changed: &[bool]) -> Vec<Value> {
    let near = |i: usize| changed[i] || (i > 0 && changed[i - 1]) || changed.get(i + 1).copied().unwrap_or(false);
    let mut out = Vec::new();
    let mut skipped = 0;
    for (i, item) in items.into_iter().enumerate() {
        if near(i) {
            if skipped > 0 {
                out.push(json!({"skip": skipped}));
                skipped = 0;
            }
            out.push(item);
        } else {
            skipped += 1;
        }
    }
    if skipped > 0 {
        out.push(json!({"skip": skipped}));
    }
    out
}

fn document(ai: usize, di: usize, d: &DocDiff, opts: Options) -> Value {
    let unchanged_doc = d.status == DocStatus::Unchanged;
    let path = d.new.as_ref().or(d.old.as_ref()).and_then(|i| i.path.clone()).unwrap_or_default();
    // The navigation column lists what changed; renumbering is one line.
    let nav: Vec<Value> = d
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status != Status::Unchanged && e.status != Status::Renumbered)
        .map(|(ei, e)| {
            json!({"status": e.status.as_str(), "id": format!("a{ai}-d{di}-e{ei}"), "marker": e.status.marker(), "name": entry_name(e)})
        })
        .collect();
    let by_ptr: std::collections::HashMap<*const Entry, usize> =
        d.entries.iter().enumerate().map(|(i, e)| (e as *const Entry, i)).collect();
    let listed = items(d, true);
    let changed: Vec<bool> =
        listed.iter().map(|i| !matches!(i, Item::One(e) if e.status == Status::Unchanged)).collect();
    let items: Vec<Value> = listed
        .into_iter()
        .map(|item| match item {
            Item::One(e) => {
                let ei = by_ptr.get(&(e as *const Entry)).copied().unwrap_or(0);
                let mut v = entry(&format!("a{ai}-d{di}-e{ei}"), e);
                // Context shown around a change: visible, unlike the unchanged text of a --full page.
                v["context"] = json!(!full(opts) && e.status == Status::Unchanged);
                json!({"entry": v})
            }
            Item::Renumbered(run) => {
                let rows: Vec<Value> = run
                    .iter()
                    .map(|e| {
                        let p = e.shown();
                        json!({
                            "numbers": e.numbers(),
                            "excerpt": p
                                .map(|p| crate::diff::text::excerpt(p.text.first().map_or("", String::as_str), 90))
                                .unwrap_or_default(),
                            "location": p.map(|p| p.location()).unwrap_or_default(),
                        })
                    })
                    .collect();
                json!({"run": {"label": run_label(&run), "rows": rows}})
            }
        })
        .collect();
    let items = if full(opts) { items } else { context(items, &changed) };
    json!({
        "id": format!("a{ai}-d{di}"),
        "class": if unchanged_doc { "doc status-unchanged" } else { "doc" },
        "in_nav": !unchanged_doc || opts.unchanged,
        "label": d.label,
        "path": path,
        "counts": counts_phrase(&d.counts),
        "nav": nav,
        "renumbered": d.counts.renumbered,
        "items": items,
    })
}

fn entry(id: &str, e: &Entry) -> Value {
    let at = match (e.first_old(), e.first_new()) {
        (Some(o), Some(n)) => format!("{} → {}", o.location(), n.location()),
        (Some(o), None) => o.location(),
        (None, Some(n)) => n.location(),
        (None, None) => String::new(),
    };
    let texts = |side: &[crate::diff::report::Prov], kind: &str| -> Vec<Value> {
        side.iter().flat_map(|p| &p.text).map(|t| json!({"kind": kind, "text": t})).collect()
    };
    let mut v = json!({
        "id": id,
        "status": e.status.as_str(),
        "name": entry_name(e),
        "references_only": e.references_only,
        "notes": entry_notes(e),
        "similarity": e.similarity.map(|sim| format!("{sim:.2}")),
        "at": at,
    });
    let body = match e.status {
        Status::Inserted => json!({"body": "inserted", "new": texts(&e.new, "added")}),
        Status::Deleted => json!({"body": "deleted", "old": texts(&e.old, "removed")}),
        s if s.has_text_change() => redline(&e.redline),
        // Same text on both sides: once, for both views.
        _ => json!({"body": "same", "new": texts(&e.new, "same")}),
    };
    if let (Value::Object(v), Value::Object(body)) = (&mut v, body) {
        v.extend(body);
    }
    v
}

/// A modified provision: changed blocks with one unchanged block of context
/// on each side; longer unchanged runs (a definitions clause with one changed
/// definition) fold into a count. Three columns of paragraphs: inline, old
/// and new.
fn redline(blocks: &[BlockDiff]) -> Value {
    let (mut inline, mut old, mut new) = (Vec::new(), Vec::new(), Vec::new());
    let near_change = |i: usize| {
        let lo = i.saturating_sub(1);
        blocks[lo..(i + 2).min(blocks.len())].iter().any(|b| !b.is_same())
    };
    let mut skipped = 0;
    // Folded context: the same line in all three columns.
    let skip = |skipped: &mut usize, inline: &mut Vec<Value>, old: &mut Vec<Value>, new: &mut Vec<Value>| {
        if *skipped > 0 {
            let p = json!({"kind": "skip", "count": *skipped});
            inline.push(p.clone());
            old.push(p.clone());
            new.push(p);
            *skipped = 0;
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        if b.is_same() && !near_change(i) {
            skipped += 1;
            continue;
        }
        skip(&mut skipped, &mut inline, &mut old, &mut new);
        match b {
            BlockDiff::Same { text } => {
                let p = json!({"kind": "same", "text": text});
                inline.push(p.clone());
                old.push(p.clone());
                new.push(p);
            }
            BlockDiff::Changed { segments: segs, .. } => {
                let segs = segments(segs);
                inline.push(json!({"kind": "changed", "segments": segs, "only": null}));
                old.push(json!({"kind": "changed", "segments": segs, "only": op(Op::Deleted)}));
                new.push(json!({"kind": "changed", "segments": segs, "only": op(Op::Inserted)}));
            }
            BlockDiff::Added { text } => {
                let p = json!({"kind": "added", "text": text});
                inline.push(p.clone());
                new.push(p);
            }
            BlockDiff::Removed { text } => {
                let p = json!({"kind": "removed", "text": text});
                inline.push(p.clone());
                old.push(p);
            }
        }
    }
    skip(&mut skipped, &mut inline, &mut old, &mut new);
    json!({"body": "redline", "inline": inline, "old": old, "new": new})
}

/// Segments for the template, which keeps one side for side by side: the
/// deletions for the old column, the insertions for the new.
fn segments(segs: &[Seg]) -> Value {
    segs.iter().map(|g| json!({"op": op(g.op), "text": g.text})).collect()
}

fn op(op: Op) -> &'static str {
    match op {
        Op::Same => "same",
        Op::Deleted => "deleted",
        Op::Inserted => "inserted",
    }
}
