//! `s75 diff`: what changed between two versions of an agreement, clause by
//! clause, across renumbering and moves.
//!
//! The pipeline, each step in its own module:
//!
//! 1. [`docs`] pairs the documents: body with body, each schedule with its
//!    counterpart (also when schedules were renumbered or reordered).
//! 2. [`units`] turns each document's provisions into comparable units, and
//!    [`align`] matches them — by text first, then numbers and headings
//!    (read its documentation for the algorithm and its limits).
//! 3. [`moves`] joins a deletion in one document and an insertion in
//!    another into one move; [`redline`] diffs modified provisions word by word.
//! 4. [`meta`] compares `agreement.toml` as facts ("Term: 1 year → 3 years"),
//!    [`terms`] reads the defined terms off the alignment (each definition is
//!    a unit), and [`xrefs`] the cross-references whose target was renumbered.
//! 5. [`render`] writes the [`report::DiffReport`] as terminal text, JSON,
//!    Markdown or one self-contained HTML page, or as a redline of the new
//!    agreement: Word with tracked changes, or PDF.
//!
//! Everything here is a pure function of the two loaded agreements: reading
//! from folders or git revisions is the caller's business ([`crate::git`]).

pub mod align;
pub mod docs;
pub mod meta;
pub mod moves;
pub mod redline;
pub mod render;
pub mod report;
pub mod terms;
pub mod text;
pub mod units;
pub mod xrefs;

use crate::fast_hash::{HashMap, HashSet};

use rayon::prelude::*;

use align::Link;
use docs::DocPairing;
use report::{AgreementDiff, AgreementStatus, Counts, DocDiff, DocInfo, DocStatus, Entry, Prov, Side, Status};
use units::Unit;

use crate::model::Agreement;
use crate::model::DocId;
use crate::model::number::Number;

/// How the provisions of one old document map to one new document, by
/// index into `Document::provisions` (for cross-reference analysis).
#[derive(Debug, Clone)]
pub struct Mapping {
    pub old: DocId,
    pub new: DocId,
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
}

/// Compares two loaded agreements.
pub fn diff_agreements(old: &Agreement, new: &Agreement, old_side: Side, new_side: Side) -> AgreementDiff {
    let mut timer = crate::timing::Timer::start();
    let pairings = docs::pair(old, new);
    timer.mark("pair documents");
    // Documents align independently of each other, and the defined terms
    // need no alignment at all: both run on every core.
    // The provision-number indexes for the references need no alignment either.
    let (aligned, indexes) = rayon::join(
        || crate::timing::timed("  align (parallel)", || pairings.par_iter().map(document).collect::<Vec<_>>()),
        || rayon::join(|| xrefs::Index::new(old), || xrefs::Index::new(new)),
    );
    let mut documents = Vec::with_capacity(aligned.len());
    let mut maps = Vec::new();
    for (doc, map) in aligned {
        documents.push(doc);
        maps.extend(map);
    }
    timer.mark("align");
    moves::across_documents(&mut documents);
    mark_reference_only_changes(&mut documents, &pairings);
    // Definitions are units of the alignment: the terms are read off it.
    let terms = terms::diff(old, new, &pairings, &documents);
    terms::mark_rename_only_changes(&mut documents, &terms);
    timer.mark("terms");
    let metadata = meta::diff(old, new, &pairings);
    let references = xrefs::diff(old, new, &pairings, &maps, indexes);
    timer.mark("references");

    let mut counts = Counts::default();
    for d in &documents {
        counts.merge(&d.counts);
    }
    let unchanged =
        metadata.is_empty() && terms.is_empty() && documents.iter().all(|d| d.status == DocStatus::Unchanged);
    AgreementDiff {
        id: new.id().to_string(),
        title: new.title().to_string(),
        status: if unchanged { AgreementStatus::Unchanged } else { AgreementStatus::Changed },
        old: Some(old_side),
        new: Some(new_side),
        counts,
        metadata,
        terms,
        references,
        documents,
    }
}

/// An agreement present on one side only: every provision inserted or deleted.
pub fn one_sided(a: &Agreement, side: Side, added: bool) -> AgreementDiff {
    let pairings: Vec<DocPairing<'_>> = docs::pair(a, a)
        .into_iter()
        .map(|p| {
            if added {
                DocPairing { old: None, new: p.new, moved: false }
            } else {
                DocPairing { old: p.old, new: None, moved: false }
            }
        })
        .collect();
    let documents: Vec<DocDiff> = pairings.iter().map(|p| document(p).0).collect();
    let mut counts = Counts::default();
    for d in &documents {
        counts.merge(&d.counts);
    }
    AgreementDiff {
        id: a.id().to_string(),
        title: a.title().to_string(),
        status: if added { AgreementStatus::Added } else { AgreementStatus::Removed },
        old: (!added).then(|| side.clone()),
        new: added.then_some(side),
        counts,
        metadata: Vec::new(),
        terms: Vec::new(),
        references: Vec::new(),
        documents,
    }
}

fn info(s: &docs::DocSide<'_>) -> DocInfo {
    DocInfo { path: s.path.clone(), number: s.number.clone(), title: s.title.clone() }
}

/// Aligns one document pair and builds its entries in reading order.
fn document(p: &DocPairing<'_>) -> (DocDiff, Option<Mapping>) {
    let od = p.old.as_ref().and_then(|s| Some((s.doc?, s.id)));
    let nd = p.new.as_ref().and_then(|s| Some((s.doc?, s.id)));
    let mut ou: Vec<Unit> = od.map(|(d, id)| units::units(d, id)).unwrap_or_default();
    let (mut nu, links) = match p.identical() {
        // Most schedules of a renewal are carried over byte for byte: the
        // same file gives the same units, each paired with itself, so neither
        // the new side's units nor an alignment need computing.
        Some((_, nd)) => {
            let nu: Vec<Unit> = ou.iter().map(|u| Unit { path: nd.file.path.clone(), ..u.clone() }).collect();
            let links = (0..ou.len()).map(|i| Link::Pair { old: i, new: i, moved: false, similarity: 1.0 }).collect();
            (nu, links)
        }
        None => {
            let nu: Vec<Unit> = nd.map(|(d, id)| units::units(d, id)).unwrap_or_default();
            let links = align::align(&ou, &nu);
            (nu, links)
        }
    };
    let map = match (&p.old, &p.new) {
        (Some(o), Some(n)) => match (o.doc, n.doc) {
            (Some(od), Some(nd)) => {
                Some(mapping(o.id, n.id, od.provisions.len(), nd.provisions.len(), &links, &ou, &nu))
            }
            _ => None,
        },
        _ => None,
    };
    let entries = entries(links, &mut ou, &mut nu);
    let mut counts = Counts::default();
    for e in &entries {
        counts.add(e.status);
    }
    let renumbered = matches!((&p.old, &p.new), (Some(o), Some(n)) if o.number != n.number);
    let retitled = matches!((&p.old, &p.new), (Some(o), Some(n)) if o.title != n.title);
    let status = match (&p.old, &p.new) {
        (None, _) => DocStatus::Added,
        (_, None) => DocStatus::Removed,
        _ if counts.changes() == 0 && !renumbered && !retitled && !p.moved => DocStatus::Unchanged,
        _ => DocStatus::Modified,
    };
    let label = p.new.as_ref().or(p.old.as_ref()).map_or_else(|| "Document".to_string(), docs::DocSide::label);
    let doc = DocDiff {
        label,
        status,
        renumbered,
        moved: p.moved,
        old: p.old.as_ref().map(info),
        new: p.new.as_ref().map(info),
        counts,
        entries,
    };
    (doc, map)
}

fn mapping(old: DocId, new: DocId, n_old: usize, n_new: usize, links: &[Link], ou: &[Unit], nu: &[Unit]) -> Mapping {
    let mut m = Mapping { old, new, old_to_new: vec![None; n_old], new_to_old: vec![None; n_new] };
    let mut set = |o: usize, n: usize, both: bool| {
        let (po, pn) = (ou[o].prov, nu[n].prov);
        if m.old_to_new[po].is_none() {
            m.old_to_new[po] = Some(pn);
        }
        if both && m.new_to_old[pn].is_none() {
            m.new_to_old[pn] = Some(po);
        }
    };
    for l in links {
        match l {
            Link::Pair { old, new, .. } => set(*old, *new, true),
            Link::Split { old, new } => new.iter().for_each(|&n| set(*old, n, true)),
            Link::Merge { old, new } => old.iter().for_each(|&o| set(o, *new, true)),
            Link::Deleted(_) | Link::Inserted(_) => {}
        }
    }
    m
}

/// The report's view of a unit. Takes the unit's block texts rather than
/// copying them: each unit is reported exactly once.
fn prov(u: &mut Unit) -> Prov {
    Prov {
        number: u.number.clone(),
        heading: u.heading.clone(),
        within: u.within.clone(),
        term: u.term.clone(),
        path: u.path.clone(),
        line: u.line,
        text: std::mem::take(&mut u.blocks),
    }
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// Entries in reading order of the new text; a deleted provision stands
/// after the new position of the last old provision before it that kept its place.
fn entries(links: Vec<Link>, ou: &mut [Unit], nu: &mut [Unit]) -> Vec<Entry> {
    let mut anchored: Vec<Option<usize>> = vec![None; ou.len()];
    for l in &links {
        match l {
            Link::Pair { old, new, moved: false, .. } => anchored[*old] = Some(*new),
            Link::Split { old, new } => anchored[*old] = new.first().copied(),
            Link::Merge { old, new } => old.iter().for_each(|&o| anchored[o] = Some(*new)),
            _ => {}
        }
    }
    let mut last: isize = -1;
    let mut deleted_at = vec![-1isize; ou.len()];
    for o in 0..ou.len() {
        if let Some(n) = anchored[o] {
            last = last.max(n as isize);
        }
        deleted_at[o] = last;
    }
    // (reading-order key, the (old, new) units of a moved pair, entry)
    type Keyed = ((isize, u8, usize), Option<(usize, usize)>, Entry);
    let mut keyed: Vec<Keyed> = links
        .into_iter()
        .map(|l| {
            let key = match &l {
                Link::Pair { new, .. } | Link::Merge { new, .. } | Link::Inserted(new) => (*new as isize, 0, 0),
                Link::Split { new, .. } => (new.first().map_or(0, |&n| n as isize), 0, 0),
                Link::Deleted(o) => (deleted_at[*o], 1, *o),
            };
            let moved = match &l {
                Link::Pair { old, new, moved: true, .. } => Some((*old, *new)),
                _ => None,
            };
            (key, moved, entry(l, &mut *ou, &mut *nu))
        })
        .collect();
    keyed.sort_by_key(|(k, _, _)| *k);
    // Where each moved entry came from and went to, by its place in reading order.
    let moved_from: HashMap<usize, (usize, usize)> =
        keyed.iter().enumerate().filter_map(|(i, (_, m, _))| m.map(|m| (i, m))).collect();
    group_moves(keyed.into_iter().map(|(_, _, e)| e).collect(), &moved_from)
}

/// Folds a moved clause and its moved sub-clauses into one entry: "17 → 31"
/// is one move, whatever the number of paragraphs that went with it. A
/// member follows the head in both versions and stands under it (a deeper
/// number of the head's, an item or an unnumbered paragraph).
fn group_moves(entries: Vec<Entry>, moved_from: &HashMap<usize, (usize, usize)>) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    // The last group's head number and its last member's (old, new) unit indices.
    let mut open: Option<(Option<String>, (usize, usize))> = None;
    for (i, e) in entries.into_iter().enumerate() {
        let at = moved_from.get(&i).copied();
        let joins = match (&open, at) {
            (Some((head, (lo, ln))), Some((o, n))) if o == lo + 1 && n == ln + 1 => {
                let number = e.new.first().and_then(|p| p.number.as_deref()).and_then(Number::parse);
                match (head, number) {
                    (_, None) => true,
                    (_, Some(num)) if num.is_item() => true,
                    (Some(h), Some(num)) => num.key().starts_with(&format!("{h}.")),
                    (None, Some(_)) => false,
                }
            }
            _ => false,
        };
        if joins {
            if let (Some(g), Some((_, last))) = (out.last_mut(), open.as_mut()) {
                *last = at.unwrap_or(*last);
                absorb(g, e);
                continue;
            }
        }
        open = at.map(|a| {
            let head = e.new.first().and_then(|p| p.number.as_deref()).and_then(Number::parse).map(|n| n.key());
            (head, a)
        });
        out.push(e);
    }
    out
}

/// Adds a moved sub-provision to its clause's move.
pub(crate) fn absorb(group: &mut Entry, member: Entry) {
    let text_changed = |e: &Entry| e.status == Status::MovedModified;
    if text_changed(&member) || text_changed(group) {
        // The group's redline covers every member: unchanged ones as they read.
        let same = |e: &Entry| -> Vec<redline::BlockDiff> {
            e.new.iter().flat_map(|p| &p.text).map(|t| redline::BlockDiff::Same { text: t.clone() }).collect()
        };
        if !text_changed(group) {
            group.redline = same(group);
        }
        let more = if text_changed(&member) { member.redline.clone() } else { same(&member) };
        group.redline.extend(more);
        group.status = Status::MovedModified;
        group.similarity = match (group.similarity, member.similarity) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    group.renumbered |= member.renumbered;
    group.old.extend(member.old);
    group.new.extend(member.new);
}

fn entry(l: Link, ou: &mut [Unit], nu: &mut [Unit]) -> Entry {
    let blank = |status: Status, old: Vec<Prov>, new: Vec<Prov>| Entry {
        status,
        old,
        new,
        similarity: None,
        renumbered: false,
        references_only: false,
        renamed_terms_only: false,
        moved_from: None,
        redline: Vec::new(),
    };
    match l {
        Link::Pair { old, new, moved, similarity } => {
            let (o, n) = (&ou[old], &nu[new]);
            let same_text = o.text == n.text;
            let renumbered = o.number != n.number;
            let status = match (moved, same_text) {
                (false, true) if renumbered => Status::Renumbered,
                (false, true) => Status::Unchanged,
                (false, false) => Status::Modified,
                (true, true) => Status::Moved,
                (true, false) => Status::MovedModified,
            };
            let redline = if same_text { Vec::new() } else { redline::redline(&o.blocks, &n.blocks) };
            // Definitions align by meaning; a reader is shown how alike the whole texts are.
            let similarity = if o.meaning_from > 0 && !same_text {
                text::Shingles::of(&o.text).dice(&text::Shingles::of(&n.text))
            } else {
                similarity
            };
            let mut e = blank(status, vec![prov(&mut ou[old])], vec![prov(&mut nu[new])]);
            e.renumbered = renumbered;
            if !same_text {
                e.similarity = Some(round2(similarity));
                e.redline = redline;
            }
            e
        }
        Link::Split { old, new } => {
            let parts: Vec<String> = new.iter().flat_map(|&n| nu[n].blocks.iter().cloned()).collect();
            let redline = redline::redline(&ou[old].blocks, &parts);
            let mut e = blank(Status::Split, vec![prov(&mut ou[old])], new.iter().map(|&n| prov(&mut nu[n])).collect());
            e.redline = redline;
            e
        }
        Link::Merge { old, new } => {
            let parts: Vec<String> = old.iter().flat_map(|&o| ou[o].blocks.iter().cloned()).collect();
            let redline = redline::redline(&parts, &nu[new].blocks);
            let mut e =
                blank(Status::Merged, old.iter().map(|&o| prov(&mut ou[o])).collect(), vec![prov(&mut nu[new])]);
            e.redline = redline;
            e
        }
        Link::Deleted(o) => blank(Status::Deleted, vec![prov(&mut ou[o])], Vec::new()),
        Link::Inserted(n) => blank(Status::Inserted, Vec::new(), vec![prov(&mut nu[n])]),
    }
}

/// Flags modified provisions whose only changes are numbers that follow a
/// renumbering ("Clause 11.1" → "Clause 12.1" after 11.1 became 12.1): the
/// drafter kept the cross-references right, and a reader can skip them.
fn mark_reference_only_changes(documents: &mut [DocDiff], pairings: &[DocPairing<'_>]) {
    let mut renumbered: HashSet<(String, String)> = HashSet::default();
    for d in documents.iter() {
        for e in d.entries.iter().filter(|e| e.renumbered) {
            for (o, n) in e.old.iter().zip(&e.new) {
                if let (Some(a), Some(b)) =
                    (o.number.as_deref().and_then(Number::parse), n.number.as_deref().and_then(Number::parse))
                {
                    renumbered.insert((a.key(), b.key()));
                }
            }
        }
    }
    for p in pairings {
        if let (Some(o), Some(n)) =
            (p.old.as_ref().and_then(|s| s.number.clone()), p.new.as_ref().and_then(|s| s.number.clone()))
        {
            if o != n {
                renumbered.insert((o, n));
            }
        }
    }
    let tokens = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect()
    };
    let key = |s: &str| {
        let t = s.trim().trim_end_matches([',', ';', ':', ')']);
        Number::parse(t)
            .map(|n| n.key())
            .or_else(|| (!t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric())).then(|| t.to_string()))
    };
    for d in documents.iter_mut() {
        for e in d.entries.iter_mut().filter(|e| e.status == Status::Modified) {
            let changes: Vec<(String, String)> = e
                .redline
                .iter()
                .flat_map(|b| match b {
                    redline::BlockDiff::Changed { segments, .. } => redline::changes(segments),
                    redline::BlockDiff::Same { .. } => Vec::new(),
                    _ => vec![(String::from("\u{0}"), String::new())],
                })
                .collect();
            e.references_only = !changes.is_empty()
                && changes.iter().all(|(del, ins)| {
                    // A change may cover several numbers ("23, 24" → "24, 25"): compare them pairwise.
                    let (a, b) = (tokens(del), tokens(ins));
                    a.len() == b.len()
                        && a.iter().zip(&b).all(|(x, y)| match (key(x), key(y)) {
                            // The provision's own new number is in the set too.
                            (Some(kx), Some(ky)) => kx == ky || renumbered.contains(&(kx, ky)),
                            _ => false,
                        })
                });
        }
    }
}
