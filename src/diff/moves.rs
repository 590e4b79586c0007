//! Provisions moved from one document to another: a paragraph taken out of
//! Schedule 2 and put into Schedule 3, or a clause of the body moved into a
//! schedule. Each document is aligned on its own ([`super::align`]), so such
//! a move first reads as a deletion in one and an insertion in the other;
//! here the two are joined into one move, reported where the text now is.
//!
//! Only texts long enough to identify a provision are joined ("Not used" in
//! two schedules is not a move), and a deleted text is joined to an
//! inserted one only when each is the other's unique best match.

use super::HashMap;
use super::redline;
use super::report::{DocDiff, Entry, Prov, Status};
use super::text::{Shingles, collapse_ws};

/// Similarity at or above which a deleted and an inserted provision in
/// different documents are one provision moved (and edited).
const ACCEPT_MOVED: f32 = 0.8;
/// Texts of fewer words do not identify a provision.
const MIN_WORDS: usize = 5;
/// Beyond this many deleted × inserted provisions only exact moves are looked for.
const MAX_PAIRS: usize = 10_000;

/// A provision's words without its number, as the alignment compares them.
fn words(p: &Prov) -> String {
    let text = collapse_ws(&p.text.join(" "));
    match p.number.as_deref() {
        Some(n) => text.strip_prefix(n).map_or(text.clone(), |t| t.trim_start().to_string()),
        None => text,
    }
}

/// Joins deletions and insertions in different documents that are one
/// provision moved; a clause moved with its sub-clauses is one move.
pub fn across_documents(documents: &mut [DocDiff]) {
    // (document, entry, words) of each single deleted and inserted provision.
    let side = |status: Status| -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for (di, d) in documents.iter().enumerate() {
            for (ei, e) in d.entries.iter().enumerate().filter(|(_, e)| e.status == status) {
                let p = if status == Status::Deleted { e.old.first() } else { e.new.first() };
                if let Some(w) = p.map(words).filter(|w| w.split_whitespace().nth(MIN_WORDS - 1).is_some()) {
                    out.push((di, ei, w));
                }
            }
        }
        out
    };
    let (deleted, inserted) = (side(Status::Deleted), side(Status::Inserted));
    if deleted.is_empty() || inserted.is_empty() {
        return;
    }
    let pairs = best_pairs(&deleted, &inserted);
    if pairs.is_empty() {
        return;
    }
    // Turn each inserted entry into the move, then drop the deleted entries.
    let mut drop: Vec<At> = Vec::new();
    // Where each move now stands, and where it came from.
    let mut moved_in: Vec<(At, At)> = Vec::new();
    for (i, j, sim) in pairs {
        let ((od, oe, _), (nd, ne, _)) = (&deleted[i], &inserted[j]);
        let old = documents[*od].entries[*oe].old.clone();
        let from = documents[*od].label.clone();
        let e = &mut documents[*nd].entries[*ne];
        e.moved_from = Some(from);
        let (o, n) = (&old[0], &e.new[0]);
        let same = words(o) == words(n);
        e.status = if same { Status::Moved } else { Status::MovedModified };
        e.renumbered = o.number != n.number;
        if !same {
            e.similarity = Some((sim * 100.0).round() / 100.0);
            e.redline = redline::redline(&o.text, &n.text);
        }
        e.old = old;
        drop.push((*od, *oe));
        moved_in.push(((*nd, *ne), (*od, *oe)));
    }
    group(documents, &mut moved_in);
    for (di, d) in documents.iter_mut().enumerate() {
        let gone: Vec<usize> = drop.iter().filter(|(x, _)| *x == di).map(|(_, e)| *e).collect();
        if gone.is_empty() && !moved_in.iter().any(|((x, _), _)| *x == di) {
            continue;
        }
        let mut i = 0;
        d.entries.retain(|_| {
            i += 1;
            !gone.contains(&(i - 1))
        });
        d.entries.retain(|e| !(e.old.is_empty() && e.new.is_empty()));
        let mut counts = super::report::Counts::default();
        for e in &d.entries {
            counts.add(e.status);
        }
        d.counts = counts;
    }
}

/// A place in the report: (document, entry) indices.
type At = (usize, usize);

/// Deleted and inserted provisions that are each other's best match: exact
/// first, then by similarity. `(deleted, inserted, similarity)`.
fn best_pairs(deleted: &[(usize, usize, String)], inserted: &[(usize, usize, String)]) -> Vec<(usize, usize, f32)> {
    let mut out = Vec::new();
    let mut by_text: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::default();
    for (i, d) in deleted.iter().enumerate() {
        by_text.entry(d.2.as_str()).or_default().0.push(i);
    }
    for (j, n) in inserted.iter().enumerate() {
        by_text.entry(n.2.as_str()).or_default().1.push(j);
    }
    let mut taken_d = vec![false; deleted.len()];
    let mut taken_i = vec![false; inserted.len()];
    for (ds, is) in by_text.values() {
        if let ([i], [j]) = (ds.as_slice(), is.as_slice()) {
            if deleted[*i].0 != inserted[*j].0 {
                out.push((*i, *j, 1.0));
                taken_d[*i] = true;
                taken_i[*j] = true;
            }
        }
    }
    if deleted.len().saturating_mul(inserted.len()) <= MAX_PAIRS {
        let sd: Vec<Shingles> = deleted.iter().map(|d| Shingles::of(&d.2)).collect();
        let si: Vec<Shingles> = inserted.iter().map(|n| Shingles::of(&n.2)).collect();
        let best = |to: &[Shingles], taken: &[bool], a: &Shingles| -> Option<(usize, f32)> {
            let mut best: Option<(usize, f32)> = None;
            for (k, s) in to.iter().enumerate().filter(|(k, _)| !taken[*k]) {
                let sim = a.dice(s);
                if sim >= ACCEPT_MOVED && best.is_none_or(|(_, b)| sim > b) {
                    best = Some((k, sim));
                }
            }
            best
        };
        for i in 0..deleted.len() {
            if taken_d[i] {
                continue;
            }
            let Some((j, sim)) = best(&si, &taken_i, &sd[i]) else { continue };
            if deleted[i].0 == inserted[j].0 || best(&sd, &taken_d, &si[j]).map(|(k, _)| k) != Some(i) {
                continue;
            }
            out.push((i, j, sim));
            taken_d[i] = true;
            taken_i[j] = true;
        }
    }
    out.sort_by_key(|&(i, j, _)| (inserted[j].0, inserted[j].1, i));
    out
}

/// Folds runs of moved entries that were consecutive in the old document
/// and are consecutive in the new one into the first: one move.
fn group(documents: &mut [DocDiff], moved_in: &mut [(At, At)]) {
    moved_in.sort_unstable();
    let mut k = 0;
    while k < moved_in.len() {
        let ((nd, ne), (od, oe)) = moved_in[k];
        let mut len = 1;
        while let Some(&((nd2, ne2), (od2, oe2))) = moved_in.get(k + len) {
            if nd2 == nd && ne2 == ne + len && od2 == od && oe2 == oe + len {
                len += 1;
            } else {
                break;
            }
        }
        if len > 1 {
            let members: Vec<Entry> = (1..len).map(|m| empty(&mut documents[nd].entries[ne + m])).collect();
            let head = &mut documents[nd].entries[ne];
            for m in members {
                super::absorb(head, m);
            }
        }
        k += len;
    }
}

/// Takes an entry's content, leaving an empty entry to be dropped.
fn empty(e: &mut Entry) -> Entry {
    Entry {
        status: e.status,
        old: std::mem::take(&mut e.old),
        new: std::mem::take(&mut e.new),
        similarity: e.similarity,
        renumbered: e.renumbered,
        references_only: e.references_only,
        renamed_terms_only: e.renamed_terms_only,
        moved_from: e.moved_from.clone(),
        redline: std::mem::take(&mut e.redline),
    }
}
