//! Cross-references whose target was renumbered: did the referring text
//! follow the target to its new number, or does it still cite the old one
//! (which now means another provision, or nothing)?
//!
//! Each reference in the new text is paired with its counterpart in the
//! matching old provision (by position among the provision's references when
//! both have the same number of them, else by the number cited). The old
//! reference is resolved in the old agreement, its target followed through
//! the alignment to the new agreement, and the two numbers compared with
//! what the new reference cites. References in inserted provisions are new
//! text, not followers, and are not reported.
//!
//! Resolution uses the same scoping as [`crate::model::references::resolve`]
//! but with a per-document index of provision numbers, so the analysis stays
//! linear in the number of references on long documents.

use rayon::prelude::*;

use super::docs::DocPairing;
use super::report::{RefChange, RefStatus};
use super::{HashMap, HashSet, Mapping};
use crate::model::DocId;
use crate::model::agreement::documents;
use crate::model::references::{self, RefKind, Reference, Within};
use crate::model::{Agreement, Document};

/// Every reference-to-a-renumbered-target in the new text, in reading order.
/// `indexes` are [`Index::new`] of the old and the new agreement: built by
/// the caller, so that they can be built while the documents are aligned.
pub fn diff(
    old: &Agreement,
    new: &Agreement,
    pairings: &[DocPairing<'_>],
    maps: &[Mapping],
    indexes: (Index, Index),
) -> Vec<RefChange> {
    let (oi, ni) = indexes;
    let mut prov_map: HashMap<(DocId, usize), (DocId, usize)> = HashMap::default();
    for m in maps {
        for (po, pn) in m.old_to_new.iter().enumerate() {
            if let Some(pn) = pn {
                prov_map.insert((m.old, po), (m.new, *pn));
            }
        }
    }
    // Schedule numbers old → new, for "Schedule 8" references.
    let schedule_map: HashMap<String, String> = pairings
        .iter()
        .filter_map(|p| Some((p.old.as_ref()?.number.clone()?, p.new.as_ref()?.number.clone()?)))
        .collect();

    // The numbers that changed: only a block citing one of them can hold a
    // reference this analysis reports, so only those blocks are scanned.
    let mut moved_keys: HashSet<String> = HashSet::default();
    for m in maps {
        for (po, pn) in m.old_to_new.iter().enumerate() {
            if let (Some(ok), Some(nk)) = (oi.key_of((m.old, po)), pn.and_then(|pn| ni.key_of((m.new, pn)))) {
                if ok != nk {
                    moved_keys.insert(ok);
                    moved_keys.insert(nk);
                }
            }
        }
    }
    for (o, n) in &schedule_map {
        if o != n {
            moved_keys.insert(o.clone());
            moved_keys.insert(n.clone());
        }
    }
    if moved_keys.is_empty() {
        return Vec::new();
    }

    // Each pair of documents is scanned on its own, on every core; the sort
    // below puts the changes back in reading order.
    let per_document = |m: &Mapping| -> Vec<RefChange> {
        let mut out = Vec::new();
        let (Some(od), Some(nd)) = (m.old.document(old), m.new.document(new)) else { return out };
        let old_refs = by_provision(od, &moved_keys);
        let new_refs = by_provision(nd, &moved_keys);
        for (np, nrefs) in &new_refs {
            let Some(op) = m.new_to_old.get(*np).copied().flatten() else { continue };
            let orefs = old_refs.get(&op).map_or(&[][..], Vec::as_slice);
            for (i, r) in nrefs.iter().enumerate() {
                let counterpart = if orefs.len() == nrefs.len() {
                    orefs.get(i)
                } else {
                    orefs.iter().find(|x| x.kind == r.kind && x.target.key == r.target.key)
                };
                let Some(or) = counterpart.filter(|x| x.kind == r.kind) else { continue };
                let found = match r.kind {
                    RefKind::Clause | RefKind::Paragraph => {
                        let Some(ot) = oi.resolve(old, m.old, or) else { continue };
                        let Some(&nt) = prov_map.get(&ot) else { continue };
                        let (Some(ok), Some(nk)) = (oi.key_of(ot), ni.key_of(nt)) else { continue };
                        (ok, nk)
                    }
                    RefKind::Schedule => match schedule_map.get(&or.target.key) {
                        Some(n) => (or.target.key.clone(), n.clone()),
                        None => continue,
                    },
                    RefKind::Appendix | RefKind::Part => continue,
                };
                let (old_key, new_key) = found;
                if old_key == new_key {
                    continue;
                }
                let status = if r.target.key == new_key {
                    RefStatus::Followed
                } else if r.target.key == old_key {
                    RefStatus::Stale
                } else {
                    continue;
                };
                let now_points_at = (status == RefStatus::Stale).then(|| match r.kind {
                    RefKind::Schedule => new
                        .schedules
                        .iter()
                        .find(|s| new.entry(s).number.as_ref().is_some_and(|n| n.value == r.target.key))
                        .map_or_else(
                            || "no schedule".to_string(),
                            |s| {
                                format!("Schedule {}", r.target.key)
                                    + &new
                                        .entry(s)
                                        .title
                                        .as_ref()
                                        .map(|t| format!(" — {}", t.value))
                                        .unwrap_or_default()
                            },
                        ),
                    _ => ni.resolve(new, m.new, r).map_or_else(|| "nothing".to_string(), |t| Index::label(new, t)),
                });
                out.push(RefChange {
                    status,
                    text: r.describe(),
                    target_old: old_key,
                    target_new: new_key,
                    at: r.span.location(),
                    now_points_at,
                });
            }
        }
        out
    };
    let mut out: Vec<RefChange> = maps.par_iter().flat_map_iter(per_document).collect();
    out.sort_by_cached_key(|r| natural_location(&r.at));
    out
}

/// `path:line:col` sorted by path, then numerically.
fn natural_location(at: &str) -> (String, usize, usize) {
    let mut parts = at.rsplitn(3, ':');
    let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let line = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    (parts.next().unwrap_or("").to_string(), line, col)
}

/// The references of a document grouped by the provision they stand in,
/// from the blocks that cite one of `keys`.
fn by_provision(doc: &Document, keys: &HashSet<String>) -> HashMap<usize, Vec<Reference>> {
    let mut block_to_prov = vec![None; doc.blocks.len()];
    for (i, p) in doc.provisions.iter().enumerate() {
        for b in p.blocks.clone() {
            if let Some(slot) = block_to_prov.get_mut(b) {
                *slot = Some(i);
            }
        }
    }
    let mut out: HashMap<usize, Vec<Reference>> = HashMap::default();
    for (i, b) in doc.blocks.iter().enumerate() {
        if !cites_any(&b.text, keys) {
            continue;
        }
        for r in references::references_in_block(doc, i) {
            if let Some(p) = block_to_prov.get(r.block).copied().flatten() {
                out.entry(p).or_default().push(r);
            }
        }
    }
    out
}

/// Whether the provision's heading (or opening words) reads as `name`.
fn heading_is(a: &Agreement, (doc, prov): (DocId, usize), name: &str) -> bool {
    let Some(d) = doc.document(a) else { return false };
    let Some(p) = d.provisions.get(prov) else { return false };
    let norm = |s: &str| super::text::collapse_ws(s).to_lowercase();
    let (heading, name) = (norm(&d.blocks[p.start].text), norm(name));
    !name.is_empty() && (heading.starts_with(&name) || name.starts_with(&heading))
}

/// Whether `text` contains a number token (`16.3.2`, `27A`) that is one of `keys`.
fn cites_any(text: &str, keys: &HashSet<String>) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(start) = next_digit(b, i) {
        i = start + 1;
        // A digit inside a word ("S75") starts no number.
        if start > 0 && b[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i].is_ascii_uppercase()) {
            i += 1;
        }
        if keys.contains(text[start..i].trim_end_matches('.')) {
            return true;
        }
    }
    false
}

/// The first ASCII digit at or after `i`. Runs of sixteen bytes are tested
/// whole, in a form the compiler turns into vector instructions: this scans
/// every block of both agreements, and most bytes are letters.
fn next_digit(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 16) {
        if chunk.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        i += 16;
    }
    b.get(i..)?.iter().position(u8::is_ascii_digit).map(|p| i + p)
}

/// Provision numbers of every document of one agreement, indexed once.
pub struct Index {
    docs: HashMap<DocId, DocIndex>,
}

struct DocIndex {
    by_key: HashMap<String, Vec<usize>>,
    keys: Vec<Option<String>>,
}

impl Index {
    pub fn new(a: &Agreement) -> Self {
        let mut docs = HashMap::default();
        for (id, doc) in documents(a) {
            let mut by_key: HashMap<String, Vec<usize>> = HashMap::default();
            let mut keys = Vec::with_capacity(doc.provisions.len());
            for (i, p) in doc.provisions.iter().enumerate() {
                let key = p.number(doc).map(|n| n.value.key());
                if let Some(k) = &key {
                    by_key.entry(k.clone()).or_default().push(i);
                }
                keys.push(key);
            }
            docs.insert(id, DocIndex { by_key, keys });
        }
        Index { docs }
    }

    fn key_of(&self, (doc, prov): (DocId, usize)) -> Option<String> {
        self.docs.get(&doc)?.keys.get(prov)?.clone()
    }

    /// How a stale reference's accidental target reads: "18 Freedom of Information".
    fn label(a: &Agreement, (doc, prov): (DocId, usize)) -> String {
        let Some(d) = doc.document(a) else { return String::new() };
        d.provisions.get(prov).map(|p| super::text::excerpt(&d.blocks[p.start].display_text(), 60)).unwrap_or_default()
    }

    /// The provision a clause or paragraph reference found in `from` points at.
    ///
    /// "Clause 23" written in a schedule may mean the agreement's clause 23
    /// or the schedule's own paragraph 23 (the interpretation clause allows
    /// both). When both exist the schedule's own wins — a schedule's list of
    /// "Clauses 23, 24 and 27 (Good Faith …; Data Protection …; Indemnity …)"
    /// names its own paragraphs — unless the name written with the reference
    /// is the agreement clause's heading. Reporting an ambiguous reference as
    /// stale would send a drafter to "fix" text that was right.
    fn resolve(&self, a: &Agreement, from: DocId, r: &Reference) -> Option<(DocId, usize)> {
        let find = |d: DocId| self.docs.get(&d)?.by_key.get(&r.target.key)?.first().map(|&p| (d, p));
        match (r.target.within, &r.target.schedule) {
            (Within::Schedule, Some(n)) => find(DocId::Schedule(references::schedule_index(a, n)?)),
            (Within::Schedule, None) => find(from),
            (Within::Agreement, _) => find(DocId::Body),
            (Within::Context, _) if r.kind == RefKind::Clause && from != DocId::Body => {
                match (find(from), find(DocId::Body)) {
                    (Some(own), Some(body)) => {
                        let named_body = r
                            .named
                            .as_deref()
                            .is_some_and(|name| heading_is(a, body, name) && !heading_is(a, own, name));
                        Some(if named_body { body } else { own })
                    }
                    (own, body) => own.or(body),
                }
            }
            (Within::Context, _) => find(from),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_any_finds_whole_numbers_only() {
        let keys: HashSet<String> = ["12.1", "27A", "3"].iter().map(|k| k.to_string()).collect();
        let long = format!("{} see Clause 12.1.", "words without any figures at all ".repeat(3));
        for (text, cites) in [
            ("Clause 12.1 applies", true),
            (long.as_str(), true),
            ("under paragraph 27A.", true),
            ("3", true),
            ("Clause 12.10 applies", false),
            ("S75 and B3", false),
            ("1312.1", false),
            ("no numbers here", false),
            ("", false),
        ] {
            assert_eq!(cites_any(text, &keys), cites, "{text}");
        }
    }
}
