//! The new agreement as tracked changes: every paragraph of both versions,
//! in the new reading order, each run marked kept, inserted, deleted or
//! moved. The Word and PDF redlines both print this; building it once keeps
//! them showing the same changes.
//!
//! The one promise, which the Word tests check: keeping the inserted and
//! moved-to runs and dropping the deleted and moved-from ones gives the new
//! text paragraph by paragraph; the reverse gives the old text.
//!
//! A moved provision appears twice: moved-from (its old text) where it was,
//! and moved-to where it now is. At the new place, words the move changed
//! are inserted; words it dropped are shown only in the moved-from text,
//! since they never reached the new place.

use super::super::redline::{self, BlockDiff, Op};
use super::super::report::{AgreementDiff, Entry, Prov, Status};
use crate::fast_hash::HashMap;
use crate::model::number::{Number, NumberKind};

/// How a run (or a whole paragraph, by its paragraph mark) changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    Same,
    Inserted,
    Deleted,
    MovedFrom,
    MovedTo,
}

impl Mark {
    /// Present in the new text (after accepting every change).
    pub fn in_new(self) -> bool {
        matches!(self, Mark::Same | Mark::Inserted | Mark::MovedTo)
    }

    /// Present in the old text (after rejecting every change).
    pub fn in_old(self) -> bool {
        matches!(self, Mark::Same | Mark::Deleted | Mark::MovedFrom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Run {
    pub mark: Mark,
    pub text: String,
}

/// What a paragraph is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A document's title: "Schedule 7 — …" (or the body's first heading).
    Title,
    /// A clause or part heading.
    Heading,
    Text,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Para {
    pub kind: Kind,
    /// The paragraph itself: inserted or deleted as a whole, moved, or kept
    /// (its runs may still change).
    pub mark: Mark,
    pub runs: Vec<Run>,
    /// Which move this paragraph belongs to (moved-from and moved-to share it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<usize>,
    /// Indentation step, from the provision's authored number (`1.1.1` and
    /// `(a)` stand one step in); layout only, never text.
    pub level: u8,
}

impl Para {
    /// Whether anything in it changed: where a change bar goes.
    pub fn changed(&self) -> bool {
        self.mark != Mark::Same || self.runs.iter().any(|r| r.mark != Mark::Same)
    }

    /// The paragraph's text on one side, `None` where it does not exist there.
    pub fn side(&self, new: bool) -> Option<String> {
        let keep = |m: Mark| if new { m.in_new() } else { m.in_old() };
        keep(self.mark).then(|| self.runs.iter().filter(|r| keep(r.mark)).map(|r| r.text.as_str()).collect())
    }
}

/// One document (the body or a schedule) of the redline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Doc {
    pub label: String,
    pub paras: Vec<Para>,
}

/// The agreement's documents as tracked paragraphs.
pub fn layout(a: &AgreementDiff) -> Vec<Doc> {
    let placed = place_moves(a);
    // Moves are numbered in the new reading order; both ends share the number.
    let move_id: HashMap<*const Entry, usize> = a
        .documents
        .iter()
        .flat_map(|d| &d.entries)
        .filter(|e| is_move(e))
        .enumerate()
        .map(|(i, e)| (std::ptr::from_ref(e), i + 1))
        .collect();
    let id = |e: &Entry| move_id.get(&std::ptr::from_ref(e)).copied().unwrap_or(0);
    a.documents
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut paras = Vec::new();
            let schedule = doc.new.as_ref().or(doc.old.as_ref()).is_some_and(|i| i.number.is_some());
            let moved_here = |k: usize| placed.iter().filter(move |p| p.doc == d && p.before == k);
            for (k, e) in doc.entries.iter().enumerate() {
                for from in moved_here(k) {
                    moved_from(from.entry, id(from.entry), &mut paras);
                }
                let start = paras.len();
                if is_move(e) {
                    moved_to(e, id(e), &mut paras);
                } else {
                    entry(e, &mut paras);
                }
                indent(e.shown(), &mut paras[start..]);
                // A provision that opens with a heading: its first paragraph is the heading.
                if e.shown().is_some_and(|p| p.heading.is_some()) {
                    if let Some(p) = paras.get_mut(start) {
                        p.kind = if k == 0 && schedule { Kind::Title } else { Kind::Heading };
                    }
                }
            }
            for from in moved_here(doc.entries.len()) {
                moved_from(from.entry, id(from.entry), &mut paras);
            }
            Doc { label: doc.label.clone(), paras }
        })
        .collect()
}

/// Indents a provision's paragraphs by its authored number: clauses (`1`)
/// and sub-clauses (`1.1`) flush, each further level of a dotted number one
/// step, an item such as `(a)` one step beyond the number it stands under.
/// Its later paragraphs continue it, except a quoted term after items
/// (`“Assessor” means …` after (a)–(f)): the clause's next definition, at
/// the clause's own step.
fn indent(p: Option<&Prov>, paras: &mut [Para]) {
    let Some(p) = p else { return };
    let dotted = |n: &str| match Number::parse(n).map(|n| n.kind) {
        Some(NumberKind::Dotted(c)) => c.len().saturating_sub(2),
        _ => 0,
    };
    let (own, parent) = match p.number.as_deref().and_then(Number::parse).map(|n| n.kind) {
        Some(NumberKind::Dotted(c)) => (c.len().saturating_sub(2), c.len().saturating_sub(2)),
        Some(NumberKind::Item { .. }) => {
            let parent = p.within.as_deref().map_or(0, dotted);
            (parent + 1, parent)
        }
        _ => (0, 0),
    };
    let step = |n: usize| u8::try_from(n.min(4)).unwrap_or(4);
    if p.term.is_some() {
        // A definition is its own unit: the definition at its clause's
        // step, its items — `(a)`, `(i)` — one step in.
        let clause = p.within.as_deref().map_or(0, dotted);
        for para in paras.iter_mut() {
            let item = para.runs.first().is_some_and(|r| starts_with_item(&r.text));
            para.level = step(if item { clause + 1 } else { clause });
        }
        return;
    }
    for (i, para) in paras.iter_mut().enumerate() {
        let quoted = para.runs.first().is_some_and(|r| r.text.starts_with(['"', '“', '”']));
        para.level = if i > 0 && quoted { step(parent) } else { step(own) };
    }
}

/// `(a) …`, `(iv) …`: a paragraph that opens with an item's number.
fn starts_with_item(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('(') else { return false };
    rest.find(')').is_some_and(|end| end > 0 && end <= 4 && rest[..end].chars().all(|c| c.is_ascii_alphanumeric()))
}

fn is_move(e: &Entry) -> bool {
    matches!(e.status, Status::Moved | Status::MovedModified) && !e.old.is_empty() && !e.new.is_empty()
}

fn blocks(provs: &[Prov]) -> Vec<String> {
    provs.iter().flat_map(|p| p.text.iter().cloned()).collect()
}

fn plain(kind: Kind, mark: Mark, text: &str) -> Para {
    Para { kind, mark, runs: vec![Run { mark, text: text.to_string() }], moved: None, level: 0 }
}

/// The block redline of an entry with both sides: the report's own where it
/// has one (modified text), else computed (a renumbering changes only the
/// number, and the report keeps no redline for it).
fn block_diffs(e: &Entry) -> Vec<BlockDiff> {
    if !e.redline.is_empty() {
        return e.redline.clone();
    }
    let (old, new) = (blocks(&e.old), blocks(&e.new));
    if old == new {
        new.into_iter().map(|text| BlockDiff::Same { text }).collect()
    } else {
        redline::redline(&old, &new)
    }
}

/// The runs of a word-level redline. At a moved provision's new place
/// (`moved`), kept words are moved-to and dropped words are left out: they
/// are in the moved-from text, and never reached the new place.
fn runs(segments: &[redline::Seg], moved: bool) -> Vec<Run> {
    segments
        .iter()
        .filter_map(|s| {
            let mark = match (s.op, moved) {
                (Op::Same, false) => Mark::Same,
                (Op::Same, true) => Mark::MovedTo,
                (Op::Inserted, _) => Mark::Inserted,
                (Op::Deleted, false) => Mark::Deleted,
                (Op::Deleted, true) => return None,
            };
            Some(Run { mark, text: s.text.clone() })
        })
        .collect()
}

/// An entry that kept its place (or was inserted or deleted).
fn entry(e: &Entry, out: &mut Vec<Para>) {
    if e.old.is_empty() {
        out.extend(blocks(&e.new).iter().map(|t| plain(Kind::Text, Mark::Inserted, t)));
        return;
    }
    if e.new.is_empty() {
        out.extend(blocks(&e.old).iter().map(|t| plain(Kind::Text, Mark::Deleted, t)));
        return;
    }
    for b in block_diffs(e) {
        out.push(match b {
            BlockDiff::Same { text } => plain(Kind::Text, Mark::Same, &text),
            BlockDiff::Added { text } => plain(Kind::Text, Mark::Inserted, &text),
            BlockDiff::Removed { text } => plain(Kind::Text, Mark::Deleted, &text),
            BlockDiff::Changed { segments, .. } => {
                Para { kind: Kind::Text, mark: Mark::Same, runs: runs(&segments, false), moved: None, level: 0 }
            }
        });
    }
}

/// A moved provision where it now stands.
fn moved_to(e: &Entry, id: usize, out: &mut Vec<Para>) {
    for b in block_diffs(e) {
        let para = match b {
            BlockDiff::Same { text } => plain(Kind::Text, Mark::MovedTo, &text),
            BlockDiff::Added { text } => plain(Kind::Text, Mark::Inserted, &text),
            BlockDiff::Removed { .. } => continue,
            BlockDiff::Changed { segments, .. } => {
                Para { kind: Kind::Text, mark: Mark::MovedTo, runs: runs(&segments, true), moved: None, level: 0 }
            }
        };
        out.push(Para { moved: Some(id), ..para });
    }
}

/// A moved provision where it stood: its old text, moved away.
fn moved_from(e: &Entry, id: usize, out: &mut Vec<Para>) {
    let heading = e.first_old().is_some_and(|p| p.heading.is_some());
    let start = out.len();
    out.extend(blocks(&e.old).iter().enumerate().map(|(i, t)| {
        let kind = if i == 0 && heading { Kind::Heading } else { Kind::Text };
        Para { moved: Some(id), ..plain(kind, Mark::MovedFrom, t) }
    }));
    indent(e.first_old(), &mut out[start..]);
}

/// Where a moved provision's old text goes: before the kept provision that
/// followed it in the old text (the same file, the next line), so rejecting
/// every change restores the old order.
struct Placed<'a> {
    entry: &'a Entry,
    doc: usize,
    /// Index of the entry it stands before (`entries.len()`: at the end).
    before: usize,
    line: usize,
}

fn place_moves(a: &AgreementDiff) -> Vec<Placed<'_>> {
    // Kept provisions by their old place.
    let mut anchors: Vec<(&str, usize, usize, usize)> = Vec::new();
    for (d, doc) in a.documents.iter().enumerate() {
        for (k, e) in doc.entries.iter().enumerate() {
            if let Some(o) = e.first_old().filter(|_| !is_move(e)) {
                anchors.push((o.path.as_str(), o.line, d, k));
            }
        }
    }
    let mut placed = Vec::new();
    for (d, doc) in a.documents.iter().enumerate() {
        for e in doc.entries.iter().filter(|e| is_move(e)) {
            let Some(o) = e.first_old() else { continue };
            let same_file = anchors.iter().filter(|x| x.0 == o.path);
            let next = same_file.clone().filter(|x| x.1 > o.line).min_by_key(|x| x.1);
            let prev = same_file.filter(|x| x.1 < o.line).max_by_key(|x| x.1);
            let (doc_at, before) = match (next, prev) {
                (Some(n), _) => (n.2, n.3),
                (None, Some(p)) => (p.2, p.3 + 1),
                (None, None) => (d, doc.entries.len()),
            };
            placed.push(Placed { entry: e, doc: doc_at, before, line: o.line });
        }
    }
    // Two moved provisions that stood side by side keep their old order.
    placed.sort_by_key(|p| (p.doc, p.before, p.line));
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::report::Side;
    use crate::loading::{Repo, load_agreement};
    use crate::model::Agreement;

    fn load(root: &std::path::Path, dir: &str) -> Agreement {
        load_agreement(&Repo { root: root.to_path_buf() }, &root.join(dir)).expect("loads")
    }

    fn side(a: &Agreement) -> Side {
        Side { id: a.id().to_string(), title: a.title().to_string(), dir: a.dir.clone(), revision: None }
    }

    /// Every block of the agreement, as the diff reads it.
    fn text(a: &Agreement) -> Vec<String> {
        a.documents().flat_map(|d| d.blocks.iter().map(crate::diff::text::collapse_display)).collect()
    }

    /// The layout of `old` → `new` (repository-relative folders), checked
    /// against both texts; returns how many paragraphs changed.
    fn resolves_both_ways(old: &str, new: &str) -> usize {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).canonicalize().expect("root");
        let (old, new) = (load(&root, old), load(&root, new));
        let docs = layout(&crate::diff::diff_agreements(&old, &new, side(&old), side(&new)));
        let resolved =
            |new: bool| -> Vec<String> { docs.iter().flat_map(|d| &d.paras).filter_map(|p| p.side(new)).collect() };
        assert!(resolved(true) == text(&new), "accepting every change gives the new text");
        assert!(resolved(false) == text(&old), "rejecting every change gives the old text");
        docs.iter().flat_map(|d| &d.paras).filter(|p| p.changed()).count()
    }

    /// The promise both redlines rest on, on the real renewal.
    #[test]
    fn the_new_side_is_the_new_text_and_the_old_side_the_old() {
        let changed = resolves_both_ways("agreements/coventry-cwpt-2019", "agreements/coventry-cwpt-2022");
        assert!(changed > 100 && changed < 600, "{changed} changed paragraphs");
    }

    /// Two different agreements: many moves, insertions and deletions in
    /// every document, and the promise still holds.
    #[test]
    fn unrelated_agreements_still_resolve_both_ways() {
        resolves_both_ways("agreements/coventry-mh-pool-2022", "agreements/coventry-cwpt-2022");
        resolves_both_ways("agreements/coventry-cwpt-2022", "agreements/coventry-mh-pool-2022");
    }
}
