//! Aligning the provisions of two versions of one document.
//!
//! # The algorithm
//!
//! Numbers are the worst key for matching provisions — one inserted clause
//! changes every number after it — and text alone is ambiguous where the
//! same words recur ("Not used", "(a) the Trust;"). So s75 matches by text
//! first and uses numbers and headings only to break ties, in five passes:
//!
//! 1. **Unique exact matches.** Provisions whose whitespace-normalised text
//!    (without the number) occurs exactly once on each side are paired, as
//!    are repeated texts whose number is unique among the repeats on both
//!    sides. This is a hash lookup: linear.
//! 2. **Order.** The longest increasing subsequence (LIS, O(n log n)) of those
//!    pairs, taken in old order, is the backbone of *anchors*. An exact pair
//!    outside it has changed position: it is reported as moved.
//! 3. **Gaps between anchors.** Each stretch between two anchors is aligned
//!    on its own: first by exact text (Myers on the text hashes, for repeated
//!    texts), then by similarity — the Dice coefficient of word unigrams and
//!    bigrams, plus a bonus for the same number or heading — keeping the
//!    heaviest order-preserving set of pairs. Small gaps compare every pair;
//!    large ones (a rewritten schedule) compare each provision only with the
//!    provisions near its proportional position, those with the same number,
//!    and those sharing the most rare bigrams (an inverted index), so the
//!    work stays near-linear.
//! 4. **Moves.** What is left anywhere in the document is matched by exact
//!    text, then by mutual best similarity through the bigram index: a
//!    provision moved elsewhere and edited.
//! 5. **Splits and merges.** A new provision whose bigrams are nearly all
//!    contained in one old provision, next to other parts of it, together
//!    covering most of that provision, is a part of a split; symmetrically
//!    for merges.
//!
//! Finally the LIS of all pairs decides which are in order; the rest are
//! moved. An in-order pair whose text is equal is unchanged or renumbered;
//! otherwise modified (and possibly renumbered as well).
//!
//! # Limits
//!
//! - Similarity is lexical. A clause rewritten in new words is a deletion
//!   plus an insertion, and two short clauses differing in one key word (the
//!   party, an amount) may pair with each other rather than with their true
//!   counterparts when both changed at once.
//! - A provision is the matching unit: paragraphs moved *within* a provision
//!   show as edits to it; a paragraph moved between provisions shows as a
//!   deletion in one and an insertion in the other.
//! - Moves are judged by the LIS, which keeps the largest block in place: if
//!   one clause moves up past three others, the one clause is "moved" — not
//!   the three.
//! - Matching stays within a document: text moved from the body into a
//!   schedule is a deletion and an insertion.
//! - The thresholds (0.5 similarity; 0.25 with the same number or heading;
//!   0.6 for a moved provision; 0.8 containment and 0.7 coverage for splits
//!   and merges) were chosen on real renewals; they are constants below.

use std::collections::BTreeMap;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::HashMap;
use super::text::{intersection, union};
use super::units::Unit;

/// Minimum similarity for two provisions in the same gap to be one provision.
const ACCEPT: f32 = 0.5;
/// The same, when they also share their number or heading.
const ACCEPT_SAME_LABEL: f32 = 0.25;
/// Minimum similarity for a provision moved out of order and edited.
const ACCEPT_MOVED: f32 = 0.6;
/// Share of a part's bigrams that must occur in the whole (splits, merges).
const CONTAIN: f32 = 0.8;
/// Share of the whole's bigrams the parts must cover together.
const COVER: f32 = 0.7;
/// Parts need this many distinct bigrams, so short boilerplate never counts as a part.
const MIN_PART_BIGRAMS: usize = 4;
/// Gaps with at most this many candidate pairs are compared exhaustively.
const SMALL_GAP: usize = 2500;
/// In a large gap, how far from its proportional position a provision looks.
const BAND: usize = 8;
/// Bigrams occurring in more provisions than this are too common to index.
const MAX_DF: usize = 16;
/// How many index candidates each provision compares with.
const INDEX_CANDIDATES: usize = 8;

/// How an old provision relates to the new document.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// One old provision is one new provision.
    Pair {
        old: usize,
        new: usize,
        moved: bool,
        similarity: f32,
    },
    /// One old provision became several new ones.
    Split {
        old: usize,
        new: Vec<usize>,
    },
    /// Several old provisions became one.
    Merge {
        old: Vec<usize>,
        new: usize,
    },
    Deleted(usize),
    Inserted(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Free,
    Pair(usize, f32),
    Group,
}

struct Matcher<'a> {
    old: &'a [Unit],
    new: &'a [Unit],
    om: Vec<Slot>,
    nm: Vec<Slot>,
}

/// Aligns two provision lists; returns every old and every new unit exactly once.
pub fn align(old: &[Unit], new: &[Unit]) -> Vec<Link> {
    let mut m = Matcher { old, new, om: vec![Slot::Free; old.len()], nm: vec![Slot::Free; new.len()] };
    let anchors = m.unique_exact();
    m.gaps(&anchors);
    m.leftover_exact();
    m.leftover_similar();
    let mut links = m.splits();
    links.extend(m.merges());
    links.extend(m.pairs_with_order());
    links.extend(m.om.iter().enumerate().filter(|(_, s)| **s == Slot::Free).map(|(o, _)| Link::Deleted(o)));
    links.extend(m.nm.iter().enumerate().filter(|(_, s)| **s == Slot::Free).map(|(n, _)| Link::Inserted(n)));
    links
}

impl Matcher<'_> {
    fn pair(&mut self, o: usize, n: usize, sim: f32) {
        self.om[o] = Slot::Pair(n, sim);
        self.nm[n] = Slot::Pair(o, sim);
    }

    fn old_free(&self, o: usize) -> bool {
        self.om[o] == Slot::Free
    }

    fn new_free(&self, n: usize) -> bool {
        self.nm[n] == Slot::Free
    }

    /// Pass 1 and 2: unique exact pairs, and the in-order anchors among them.
    fn unique_exact(&mut self) -> Vec<(usize, usize)> {
        let mut groups: HashMap<u64, (Vec<usize>, Vec<usize>)> = HashMap::default();
        for (i, u) in self.old.iter().enumerate() {
            groups.entry(u.hash).or_default().0.push(i);
        }
        for (i, u) in self.new.iter().enumerate() {
            groups.entry(u.hash).or_default().1.push(i);
        }
        let mut cands = Vec::new();
        for (os, ns) in groups.values() {
            if os.len() == 1 && ns.len() == 1 {
                let (o, n) = (os[0], ns[0]);
                // A short text at another number ("Clause 31" was item v, is
                // now item i) is weak evidence: left to the later passes, the
                // items of a list align among themselves by number first.
                let (uo, un) = (&self.old[o], &self.new[n]);
                if uo.is_short() && uo.ident().is_some() && un.ident().is_some() && uo.ident() != un.ident() {
                    continue;
                }
                cands.push((o, n));
            } else if !os.is_empty() && !ns.is_empty() {
                // Repeated text: a number (or term) unique among the repeats on both sides identifies it.
                let count = |units: &[Unit], ids: &[usize], key: Option<&str>| {
                    ids.iter().filter(|&&i| units[i].ident() == key).count()
                };
                for &o in os {
                    let key = self.old[o].ident();
                    if key.is_none() || count(self.old, os, key) != 1 || count(self.new, ns, key) != 1 {
                        continue;
                    }
                    if let Some(&n) = ns.iter().find(|&&n| self.new[n].ident() == key) {
                        cands.push((o, n));
                    }
                }
            }
        }
        cands.sort_unstable();
        let chain = heaviest_chain(&cands.iter().map(|&(o, n)| (o, n, 1.0)).collect::<Vec<_>>());
        for &(o, n) in &cands {
            self.pair(o, n, 1.0);
        }
        chain.into_iter().map(|i| cands[i]).collect()
    }

    /// Pass 3: each stretch between anchors, by exact text then similarity.
    fn gaps(&mut self, anchors: &[(usize, usize)]) {
        let mut prev = (0usize, 0usize);
        let ends = anchors.iter().copied().chain(std::iter::once((self.old.len(), self.new.len())));
        for (ao, an) in ends {
            let a: Vec<usize> = (prev.0..ao).filter(|&o| self.old_free(o)).collect();
            let b: Vec<usize> = (prev.1..an).filter(|&n| self.new_free(n)).collect();
            prev = (ao + 1, an + 1);
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let ha: Vec<u64> = a.iter().map(|&o| self.old[o].hash).collect();
            let hb: Vec<u64> = b.iter().map(|&n| self.new[n].hash).collect();
            for op in capture_diff_slices(Algorithm::Myers, &ha, &hb) {
                let (tag, ro, rn) = op.as_tag_tuple();
                if tag == DiffTag::Equal {
                    for (i, j) in ro.zip(rn) {
                        let (uo, un) = (&self.old[a[i]], &self.new[b[j]]);
                        // As in pass 1: short texts at other numbers wait for the number.
                        if uo.is_short() && uo.ident() != un.ident() {
                            continue;
                        }
                        self.pair(a[i], b[j], 1.0);
                    }
                }
            }
            let a: Vec<usize> = a.into_iter().filter(|&o| self.old_free(o)).collect();
            let b: Vec<usize> = b.into_iter().filter(|&n| self.new_free(n)).collect();
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let cands = self.gap_candidates(&a, &b);
            let weighted: Vec<(usize, usize, f64)> = cands.iter().map(|&(o, n, w, _)| (o, n, f64::from(w))).collect();
            for i in heaviest_chain(&weighted) {
                let (o, n, _, sim) = cands[i];
                self.pair(o, n, sim);
            }
        }
    }

    /// Scored candidate pairs `(old, new, weight, similarity)` within one gap.
    fn gap_candidates(&self, a: &[usize], b: &[usize]) -> Vec<(usize, usize, f32, f32)> {
        let mut out = Vec::new();
        let mut push = |o: usize, n: usize| {
            if let Some((w, s)) = self.score(o, n) {
                out.push((o, n, w, s));
            }
        };
        if a.len().saturating_mul(b.len()) <= SMALL_GAP {
            for &o in a {
                for &n in b {
                    push(o, n);
                }
            }
            return out;
        }
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::default();
        for (j, &n) in b.iter().enumerate() {
            if let Some(k) = &self.new[n].key {
                by_key.entry(k.as_str()).or_default().push(j);
            }
        }
        let index = BigramIndex::new(b.iter().map(|&n| &self.new[n].shingles().bi_set[..]));
        for (i, &o) in a.iter().enumerate() {
            let centre = i * b.len() / a.len();
            let mut js: Vec<usize> = (centre.saturating_sub(BAND)..(centre + BAND + 1).min(b.len())).collect();
            if let Some(same) = self.old[o].key.as_deref().and_then(|k| by_key.get(k)) {
                js.extend(same.iter().take(INDEX_CANDIDATES));
            }
            js.extend(index.candidates(&self.old[o].shingles().bi_set));
            js.sort_unstable();
            js.dedup();
            for j in js {
                push(o, b[j]);
            }
        }
        out
    }

    /// Weight and similarity of a possible pair, or None if too different.
    fn score(&self, o: usize, n: usize) -> Option<(f32, f32)> {
        let (uo, un) = (&self.old[o], &self.new[n]);
        if uo.is_heading_only() != un.is_heading_only() || uo.term.is_some() != un.term.is_some() {
            return None;
        }
        let sim = uo.shingles().dice(un.shingles());
        let same_key = uo.ident().is_some() && uo.ident() == un.ident();
        let same_heading = uo.heading.as_deref().is_some_and(|h| !h.is_empty()) && uo.heading == un.heading;
        let labelled = same_key || same_heading;
        let ok = sim >= ACCEPT || (labelled && sim >= ACCEPT_SAME_LABEL);
        let bonus = 0.1 * f32::from(u8::from(same_key)) + 0.1 * f32::from(u8::from(same_heading));
        ok.then_some((sim + bonus, sim))
    }

    /// Pass 4a: repeated texts left unmatched anywhere pair in reading order.
    fn leftover_exact(&mut self) {
        let mut free_new: BTreeMap<u64, std::collections::VecDeque<usize>> = BTreeMap::new();
        for n in (0..self.new.len()).filter(|&n| self.new_free(n)) {
            free_new.entry(self.new[n].hash).or_default().push_back(n);
        }
        for o in 0..self.old.len() {
            if !self.old_free(o) {
                continue;
            }
            if let Some(n) = free_new.get_mut(&self.old[o].hash).and_then(std::collections::VecDeque::pop_front) {
                self.pair(o, n, 1.0);
            }
        }
    }

    /// Pass 4b: a provision moved and edited — mutual best match through the bigram index.
    fn leftover_similar(&mut self) {
        let free_new: Vec<usize> = (0..self.new.len()).filter(|&n| self.new_free(n)).collect();
        let free_old: Vec<usize> = (0..self.old.len()).filter(|&o| self.old_free(o)).collect();
        if free_new.is_empty() || free_old.is_empty() {
            return;
        }
        let index = BigramIndex::new(free_new.iter().map(|&n| &self.new[n].shingles().bi_set[..]));
        let mut best_old: HashMap<usize, (usize, f32)> = HashMap::default();
        let mut best_new: HashMap<usize, (usize, f32)> = HashMap::default();
        for &o in &free_old {
            for j in index.candidates(&self.old[o].shingles().bi_set) {
                let n = free_new[j];
                if self.old[o].is_heading_only() != self.new[n].is_heading_only()
                    || self.old[o].term.is_some() != self.new[n].term.is_some()
                {
                    continue;
                }
                let sim = self.old[o].shingles().dice(self.new[n].shingles());
                if sim < ACCEPT_MOVED {
                    continue;
                }
                // Strictly greater: on a tie the earlier provision wins, deterministically.
                if best_old.get(&o).is_none_or(|&(_, s)| sim > s) {
                    best_old.insert(o, (n, sim));
                }
                if best_new.get(&n).is_none_or(|&(po, s)| sim > s || (sim == s && o < po)) {
                    best_new.insert(n, (o, sim));
                }
            }
        }
        for &o in &free_old {
            if let Some(&(n, sim)) = best_old.get(&o) {
                if best_new.get(&n).is_some_and(|&(bo, _)| bo == o) {
                    self.pair(o, n, sim);
                }
            }
        }
    }

    /// Pass 5a: one old provision whose parts are several new provisions.
    fn splits(&mut self) -> Vec<Link> {
        // Exactly matched provisions are never split: leave them out of the index.
        let index = BigramIndex::new(
            self.old.iter().zip(&self.om).map(|(u, s)| if settled(*s) { &[][..] } else { &u.shingles().bi_set[..] }),
        );
        let mut parts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for n in (0..self.new.len()).filter(|&n| self.new_free(n)) {
            let part = self.new[n].shingles();
            if part.bi_set.len() < MIN_PART_BIGRAMS {
                continue;
            }
            let best =
                best_container(index.candidates(&part.bi_set), |o| part.contained_in(&self.old[o].shingles().bi_set));
            if let Some(o) = best {
                parts.entry(o).or_default().push(n);
            }
        }
        let mut out = Vec::new();
        for (o, mut ns) in parts {
            let partner = match self.om[o] {
                Slot::Pair(n0, sim) if sim < 1.0 => Some(n0),
                Slot::Free => None,
                _ => continue,
            };
            ns.extend(partner);
            let sets: Vec<&[u64]> = ns.iter().map(|&n| &self.new[n].shingles().bi_set[..]).collect();
            if !is_group(&mut ns, &self.old[o].shingles().bi_set, &sets) {
                continue;
            }
            self.om[o] = Slot::Group;
            for &n in &ns {
                self.nm[n] = Slot::Group;
            }
            out.push(Link::Split { old: o, new: ns });
        }
        out
    }

    /// Pass 5b: several old provisions joined into one new provision.
    fn merges(&mut self) -> Vec<Link> {
        let index = BigramIndex::new(
            self.new.iter().zip(&self.nm).map(|(u, s)| if settled(*s) { &[][..] } else { &u.shingles().bi_set[..] }),
        );
        let mut parts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for o in (0..self.old.len()).filter(|&o| self.old_free(o)) {
            let part = self.old[o].shingles();
            if part.bi_set.len() < MIN_PART_BIGRAMS {
                continue;
            }
            let best =
                best_container(index.candidates(&part.bi_set), |n| part.contained_in(&self.new[n].shingles().bi_set));
            if let Some(n) = best {
                parts.entry(n).or_default().push(o);
            }
        }
        let mut out = Vec::new();
        for (n, mut os) in parts {
            let partner = match self.nm[n] {
                Slot::Pair(o0, sim) if sim < 1.0 => Some(o0),
                Slot::Free => None,
                _ => continue,
            };
            os.extend(partner);
            let sets: Vec<&[u64]> = os.iter().map(|&o| &self.old[o].shingles().bi_set[..]).collect();
            if !is_group(&mut os, &self.new[n].shingles().bi_set, &sets) {
                continue;
            }
            self.nm[n] = Slot::Group;
            for &o in &os {
                self.om[o] = Slot::Group;
            }
            out.push(Link::Merge { old: os, new: n });
        }
        out
    }

    /// Final order: the LIS of all pairs is in place; the others moved.
    fn pairs_with_order(&self) -> Vec<Link> {
        let pairs: Vec<(usize, usize, f32)> = self
            .om
            .iter()
            .enumerate()
            .filter_map(|(o, s)| if let Slot::Pair(n, sim) = *s { Some((o, n, sim)) } else { None })
            .collect();
        let chain = heaviest_chain(&pairs.iter().map(|&(o, n, _)| (o, n, 1.0)).collect::<Vec<_>>());
        let mut in_order = vec![false; pairs.len()];
        for i in chain {
            in_order[i] = true;
        }
        pairs
            .iter()
            .zip(in_order)
            .map(|(&(old, new, similarity), ok)| Link::Pair { old, new, moved: !ok, similarity })
            .collect()
    }
}

/// Whether a provision is matched exactly or already part of a group.
fn settled(s: Slot) -> bool {
    matches!(s, Slot::Pair(_, sim) if sim >= 1.0) || s == Slot::Group
}

/// The container with the highest containment at or above [`CONTAIN`]; ties go to the earlier one.
fn best_container(cands: Vec<usize>, containment: impl Fn(usize) -> f32) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for c in cands {
        let v = containment(c);
        if v >= CONTAIN && best.is_none_or(|(bc, bv)| v > bv || (v == bv && c < bc)) {
            best = Some((c, v));
        }
    }
    best.map(|(c, _)| c)
}

/// Whether `parts` (sorted here) form a split or merge of `whole`: at least
/// two, close together, and jointly covering most of it.
fn is_group(parts: &mut [usize], whole: &[u64], sets: &[&[u64]]) -> bool {
    if parts.len() < 2 || whole.is_empty() {
        return false;
    }
    parts.sort_unstable();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if last - first + 1 > 2 * parts.len() {
        return false;
    }
    let covered = intersection(whole, &union(sets)) as f32 / whole.len() as f32;
    covered >= COVER
}

/// An inverted index from bigram to the provisions containing it.
struct BigramIndex {
    postings: HashMap<u64, Vec<usize>>,
}

impl BigramIndex {
    fn new<'s>(sets: impl Iterator<Item = &'s [u64]>) -> Self {
        let mut postings: HashMap<u64, Vec<usize>> = HashMap::default();
        for (i, set) in sets.enumerate() {
            for &h in set {
                postings.entry(h).or_default().push(i);
            }
        }
        BigramIndex { postings }
    }

    /// The items sharing the most indexed bigrams with `set` (common bigrams
    /// skipped), best first, at most [`INDEX_CANDIDATES`].
    fn candidates(&self, set: &[u64]) -> Vec<usize> {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for h in set {
            if let Some(p) = self.postings.get(h).filter(|p| p.len() <= MAX_DF) {
                for &i in p {
                    *counts.entry(i).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(INDEX_CANDIDATES).map(|(i, _)| i).collect()
    }
}

/// The heaviest subset of `(old, new, weight)` pairs increasing in both
/// coordinates (a weighted LIS), as indices into `pairs`. O(k log k) with a
/// Fenwick tree of prefix maxima over the new positions.
pub fn heaviest_chain(pairs: &[(usize, usize, f64)]) -> Vec<usize> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let mut ranks: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let rank = |n: usize| ranks.partition_point(|&r| r < n);
    // Old ascending; new descending within one old, so one old never chains twice.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_unstable_by(|&a, &b| pairs[a].0.cmp(&pairs[b].0).then(pairs[b].1.cmp(&pairs[a].1)));
    let mut tree: Vec<Option<(f64, usize)>> = vec![None; ranks.len() + 1];
    let mut parent: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut total: Vec<f64> = vec![0.0; pairs.len()];
    let better = |a: (f64, usize), b: Option<(f64, usize)>| b.is_none_or(|b| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1));
    let mut best: Option<(f64, usize)> = None;
    for &i in &order {
        let r = rank(pairs[i].1);
        // Prefix maximum over ranks < r.
        let mut q: Option<(f64, usize)> = None;
        let mut k = r;
        while k > 0 {
            if let Some(v) = tree[k] {
                if better(v, q) {
                    q = Some(v);
                }
            }
            k &= k - 1;
        }
        total[i] = pairs[i].2 + q.map_or(0.0, |v| v.0);
        parent[i] = q.map(|v| v.1);
        let mine = (total[i], i);
        let mut k = r + 1;
        while k < tree.len() {
            if better(mine, tree[k]) {
                tree[k] = Some(mine);
            }
            k += k & k.wrapping_neg();
        }
        if better(mine, best) {
            best = Some(mine);
        }
    }
    let mut chain = Vec::new();
    let mut at = best.map(|b| b.1);
    while let Some(i) = at {
        chain.push(i);
        at = parent[i];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::text::{collapse_ws, hash_str};

    fn unit(number: &str, text: &str) -> Unit {
        let text = collapse_ws(text);
        Unit {
            prov: 0,
            number: Some(number.to_string()),
            key: Some(number.trim_end_matches('.').to_string()),
            heading: None,
            within: None,
            blocks: vec![format!("{number} {text}")],
            hash: hash_str(&text),
            term: None,
            term_key: None,
            meaning_from: 0,
            shingles: std::cell::OnceCell::new(),
            text,
            path: "t.md".into(),
            line: 1,
        }
    }

    fn clauses(texts: &[(&str, &str)]) -> Vec<Unit> {
        texts.iter().map(|(n, t)| unit(n, t)).collect()
    }

    const A: &str = "The Partners shall co-operate in good faith in delivering the Integrated Services.";
    const B: &str = "The Trust shall report to the Council quarterly on the exercise of the Council Functions.";
    const C: &str = "Either Partner may terminate this Agreement by giving six months notice in writing.";
    const D: &str = "This Agreement is governed by the law of England and Wales.";
    const N: &str = "The Partners shall keep a register of all seconded staff and review it every quarter.";

    #[test]
    fn chain_is_the_longest_increasing_run() {
        let pairs = [(0, 2, 1.0), (1, 0, 1.0), (2, 1, 1.0), (3, 3, 1.0)];
        assert_eq!(heaviest_chain(&pairs), vec![1, 2, 3]);
        assert!(heaviest_chain(&[]).is_empty());
    }

    #[test]
    fn insertion_is_one_insert_and_renumberings() {
        let old = clauses(&[("1", A), ("2", B), ("3", C), ("4", D)]);
        let new = clauses(&[("1", A), ("2", N), ("3", B), ("4", C), ("5", D)]);
        let links = align(&old, &new);
        assert!(links.contains(&Link::Inserted(1)), "{links:?}");
        let pairs = links
            .iter()
            .filter(|l| matches!(l, Link::Pair { moved: false, similarity, .. } if *similarity == 1.0))
            .count();
        assert_eq!(pairs, 4, "{links:?}");
    }

    #[test]
    fn moved_and_edited() {
        let old = clauses(&[("1", A), ("2", B), ("3", C), ("4", D)]);
        let edited = "Either Partner may terminate this Agreement by giving twelve months notice in writing.";
        let new = clauses(&[("1", edited), ("2", A), ("3", B), ("4", D)]);
        let links = align(&old, &new);
        assert!(
            links
                .iter()
                .any(|l| matches!(l, Link::Pair { old: 2, new: 0, moved: true, similarity } if *similarity < 1.0)),
            "{links:?}"
        );
    }

    /// Clause 42's survivorship list after clause 17 became 31: item v
    /// ("Clause 31") and the new item i ("Clause 31") read alike, but the
    /// items align by number, so nothing is deleted, moved or inserted.
    #[test]
    fn short_items_of_a_list_align_by_number() {
        let old = clauses(&[("1", A), ("i)", "Clause 17"), ("ii)", "Clause 14"), ("v)", "Clause 31"), ("2", D)]);
        let new = clauses(&[("1", A), ("i)", "Clause 31"), ("ii)", "Clause 14"), ("v)", "Clause 30"), ("2", D)]);
        let mut links = align(&old, &new);
        links.sort_by_key(|l| format!("{l:?}"));
        for i in 0..5 {
            assert!(
                links.iter().any(|l| matches!(l, Link::Pair { old, new, moved: false, .. } if *old == i && *new == i)),
                "{links:?}"
            );
        }
    }

    /// An item inserted at the head of a list of short items: the others
    /// are renumbered, not rewritten one into the next.
    #[test]
    fn short_item_inserted_renumbers_the_rest() {
        let old = clauses(&[("1", A), ("i)", "Clause 17"), ("ii)", "Clause 14"), ("iii)", "Clause 22"), ("2", D)]);
        let new = clauses(&[
            ("1", A),
            ("i)", "Clause 17"),
            ("ii)", "Clause 16"),
            ("iii)", "Clause 14"),
            ("iv)", "Clause 22"),
            ("2", D),
        ]);
        let links = align(&old, &new);
        assert!(links.contains(&Link::Inserted(2)), "{links:?}");
        for (o, n) in [(2, 3), (3, 4)] {
            assert!(
                links.iter().any(|l| matches!(l, Link::Pair { old, new, moved: false, similarity } if (*old, *new) == (o, n) && *similarity == 1.0)),
                "{links:?}"
            );
        }
    }

    #[test]
    fn split_and_merge() {
        let joined = format!("{B} {C}");
        let old = clauses(&[("1", A), ("2", &joined), ("3", D)]);
        let new = clauses(&[("1", A), ("2", B), ("3", C), ("4", D)]);
        let links = align(&old, &new);
        assert!(links.contains(&Link::Split { old: 1, new: vec![1, 2] }), "{links:?}");
        let links = align(&new, &old);
        assert!(links.contains(&Link::Merge { old: vec![1, 2], new: 1 }), "{links:?}");
    }
}
