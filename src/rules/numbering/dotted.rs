//! Dotted numbers (`1`, `1A`, `2.3`, `16.3.2`) within one numbering region.
//!
//! Numbers are grouped by parent (`2.3` is a child of `2`), and each group is
//! read in document order: a number already used in its group is a
//! duplicate, a lower one is out of order, a higher one that does not follow
//! leaves a gap. A number whose parent is nowhere in the region is an orphan;
//! its missing parent is counted in its parent's group at the orphan's place,
//! so one missing number gives one finding, not an orphan and a gap.

use crate::fast_hash::{HashMap, HashSet};

use super::sequence::{BEFORE_FIRST, follows, missing_between};
use crate::model::number::Component;

/// One dotted number of the region, in reading order.
#[derive(Debug, Clone)]
pub struct Entry {
    pub comps: Vec<Component>,
    /// The number opens a heading (`## 1A. COMMENCEMENT`).
    pub heading: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DottedIssue {
    /// Entry `at` repeats the number of entry `first` among the same siblings.
    Duplicate { at: usize, first: usize },
    /// Numbers are missing before entry `at`: after entry `prev`, or at the
    /// start of its group when `prev` is `None`.
    Gap { at: usize, prev: Option<usize>, missing: (String, String) },
    /// Entry `at` is lower than its predecessor `prev` at the same level.
    /// `jumped` when `at` is the number due right before `prev` (16.2, 16.4,
    /// 16.3): `prev` is then the one out of place, where a reader first
    /// stumbles, and the finding sits on it.
    OutOfOrder { at: usize, prev: usize, jumped: bool },
    /// Entries `first..=last` are numbered under `parent`, which the region
    /// does not have. `meant` is a likely intended number for a single orphan
    /// (`21.2.3` for a `21.3.3` that follows `21.2.2`).
    Orphan { first: usize, last: usize, parent: String, meant: Option<String> },
}

pub fn key(comps: &[Component]) -> String {
    comps.iter().map(Component::to_string).collect::<Vec<_>>().join(".")
}

/// `8.0` is how some schedules write paragraph `8`: it is the same number.
pub fn normalise(comps: &[Component]) -> Vec<Component> {
    let mut c = comps.to_vec();
    while c.len() > 1 && c.last().is_some_and(|l| l.value == 0 && l.suffix.is_none()) {
        c.pop();
    }
    c
}

/// Entries that are a heading's number repeated on its own text, as in
/// `## 1A. COMMENCEMENT AND DURATION` followed by `1A. This Agreement …`:
/// one clause, not two.
fn echoes(entries: &[Entry]) -> Vec<bool> {
    let mut out = vec![false; entries.len()];
    for i in 1..entries.len() {
        let (before, this) = (&entries[i - 1], &entries[i]);
        out[i] = before.heading && !this.heading && before.comps == this.comps;
    }
    out
}

struct Member {
    comp: Component,
    at: usize,
    /// Stands for a missing parent of entry `at`.
    implied: bool,
}

/// Sibling groups: the parent's number and its children in reading order.
type Groups = Vec<(Vec<Component>, Vec<Member>)>;

pub fn check(raw: &[Entry]) -> Vec<DottedIssue> {
    let entries: Vec<Entry> = raw.iter().map(|e| Entry { comps: normalise(&e.comps), heading: e.heading }).collect();
    let echo = echoes(&entries);
    let live: Vec<usize> = (0..entries.len()).filter(|&i| !echo[i] && !entries[i].comps.is_empty()).collect();
    let exists: HashSet<&[Component]> = live.iter().map(|&i| entries[i].comps.as_slice()).collect();

    let (groups, orphans) = group(&entries, &live, &exists);
    let mut issues = orphan_issues(&entries, &echo, &exists, orphans);
    for (parent, members) in &groups {
        let parent_missing = !parent.is_empty() && !exists.contains(parent.as_slice());
        sibling_issues(parent, members, parent_missing, &mut issues);
    }
    issues.sort_by_key(|i| match i {
        DottedIssue::Duplicate { at, .. } | DottedIssue::Gap { at, .. } | DottedIssue::OutOfOrder { at, .. } => *at,
        DottedIssue::Orphan { first, .. } => *first,
    });
    issues
}

/// Sorts the live entries into sibling groups, and collects orphans by their
/// highest missing ancestor: (ancestor, first entry, last entry). A missing
/// ancestor joins its own parent's group, implied, at its first descendant.
fn group(
    entries: &[Entry],
    live: &[usize],
    exists: &HashSet<&[Component]>,
) -> (Groups, Vec<(Vec<Component>, usize, usize)>) {
    let mut groups: Groups = Vec::new();
    let mut group_of: HashMap<Vec<Component>, usize> = HashMap::default();
    let mut add = |parent: &[Component], m: Member| {
        let g = *group_of.entry(parent.to_vec()).or_insert_with(|| {
            groups.push((parent.to_vec(), Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(m);
    };
    let mut orphans: Vec<(Vec<Component>, usize, usize)> = Vec::new();
    for &i in live {
        let comps = &entries[i].comps;
        if let Some(k) = (1..comps.len()).find(|&k| !exists.contains(&comps[..k])) {
            let ancestor = comps[..k].to_vec();
            match orphans.iter_mut().find(|(a, _, _)| *a == ancestor) {
                Some(o) => o.2 = i,
                None => {
                    orphans.push((ancestor, i, i));
                    for depth in k..comps.len() {
                        add(&comps[..depth - 1], Member { comp: comps[depth - 1], at: i, implied: true });
                    }
                }
            }
        }
        if let Some((&comp, parent)) = comps.split_last() {
            add(parent, Member { comp, at: i, implied: false });
        }
    }
    (groups, orphans)
}

fn orphan_issues(
    entries: &[Entry],
    echo: &[bool],
    exists: &HashSet<&[Component]>,
    orphans: Vec<(Vec<Component>, usize, usize)>,
) -> Vec<DottedIssue> {
    let has_top_level = exists.iter().any(|c| c.len() == 1);
    orphans
        .into_iter()
        // A region numbered only from 1.1 (no top-level numbers at all) is a
        // style, not a defect: a missing top-level parent is reported only
        // where the region has other top-level numbers.
        .filter(|(ancestor, _, _)| ancestor.len() > 1 || has_top_level)
        .map(|(ancestor, first, last)| {
            let meant = (first == last).then(|| likely_meant(entries, echo, first)).flatten();
            DottedIssue::Orphan { first, last, parent: key(&ancestor), meant }
        })
        .collect()
}

/// One parent's children in reading order: repeats, drops and skips.
fn sibling_issues(parent: &[Component], members: &[Member], parent_missing: bool, issues: &mut Vec<DottedIssue>) {
    let mut counts: HashMap<Component, usize> = HashMap::default();
    for m in members {
        *counts.entry(m.comp).or_default() += 1;
    }
    let mut seen: HashMap<Component, &Member> = HashMap::default();
    let mut prev: Option<&Member> = None;
    let mut before_prev: Option<Component> = None;
    let mut prev_repeated = false;
    for m in members {
        // Numbers "missing" here that stand elsewhere among the siblings are
        // a disorder, which the out-of-order finding reports: not a gap.
        let elsewhere = |c: Component| counts.get(&c).copied().unwrap_or(0) > usize::from(c == m.comp);
        let missing_between =
            |a: Component, b: Component| missing_between(a, b).filter(|&(x, y)| !all_present(x, y, elsewhere));
        let repeated = seen.contains_key(&m.comp);
        if let Some(first) = seen.get(&m.comp) {
            if !m.implied && !first.implied {
                issues.push(DottedIssue::Duplicate { at: m.at, first: first.at });
            }
        } else if let Some(p) = prev {
            if m.implied || p.implied {
                // A missing parent stands where its first child is: the
                // orphan finding is the one to read, not a comparison.
            } else if m.comp < p.comp {
                let jumped = follows(before_prev.unwrap_or(BEFORE_FIRST), m.comp);
                issues.push(DottedIssue::OutOfOrder { at: m.at, prev: p.at, jumped });
            } else if let Some((a, b)) = missing_between(p.comp, m.comp) {
                // 8.1, 8.1, 8.3: the repeat took 8.2's place; the duplicate
                // finding says so, and 8.2 is not also a gap.
                if !(prev_repeated && a == b) {
                    issues.push(DottedIssue::Gap { at: m.at, prev: Some(p.at), missing: full(parent, a, b) });
                }
            }
        } else if !parent_missing && !m.implied && m.comp.value != 0 {
            // The first child: numbering starts at 1.
            if let Some((a, b)) = missing_between(BEFORE_FIRST, m.comp) {
                issues.push(DottedIssue::Gap { at: m.at, prev: None, missing: full(parent, a, b) });
            }
        }
        seen.entry(m.comp).or_insert(m);
        before_prev = prev.map(|p| p.comp);
        prev = Some(m);
        prev_repeated = repeated && !m.implied;
    }
}

/// Whether every number from `first` to `last` stands elsewhere among the
/// siblings. Whole numbers are counted one by one (up to a sane limit); a
/// run of inserted letters only by its ends.
fn all_present(first: Component, last: Component, elsewhere: impl Fn(Component) -> bool) -> bool {
    if first.suffix.is_some() || last.suffix.is_some() || last.value.saturating_sub(first.value) > 100 {
        return elsewhere(first) && elsewhere(last);
    }
    (first.value..=last.value).all(|v| elsewhere(Component { value: v, suffix: None }))
}

fn full(parent: &[Component], a: Component, b: Component) -> (String, String) {
    let with = |c: Component| {
        let mut v = parent.to_vec();
        v.push(c);
        key(&v)
    };
    (with(a), with(b))
}

/// For an orphan right after a number of the same depth or one level up,
/// the number the drafter probably meant, when it differs from the orphan in
/// one component only: `21.3.3` after `21.2.2` → `21.2.3`; `3.2.1` after
/// `3.1` → `3.1.1`.
fn likely_meant(entries: &[Entry], echo: &[bool], at: usize) -> Option<String> {
    let prev = (0..at).rev().find(|&i| !echo[i] && !entries[i].comps.is_empty())?;
    let (p, e) = (&entries[prev].comps, &entries[at].comps);
    let mut candidate = p.clone();
    if p.len() == e.len() {
        let last = candidate.last_mut()?;
        *last = Component { value: last.value.saturating_add(1), suffix: None };
    } else if p.len() + 1 == e.len() {
        candidate.push(Component { value: 1, suffix: None });
    } else {
        return None;
    }
    let differing = candidate.iter().zip(e).filter(|(a, b)| a != b).count();
    (differing == 1).then(|| key(&candidate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Number;

    fn entries(nums: &[&str]) -> Vec<Entry> {
        nums.iter()
            .map(|n| {
                let (text, heading) = match n.strip_prefix('#') {
                    Some(h) => (h, true),
                    None => (*n, false),
                };
                let comps =
                    Number::parse(text).and_then(|n| n.components().map(<[Component]>::to_vec)).unwrap_or_default();
                Entry { comps, heading }
            })
            .collect()
    }

    fn issues(nums: &[&str]) -> Vec<DottedIssue> {
        check(&entries(nums))
    }

    fn gap(at: usize, prev: Option<usize>, a: &str, b: &str) -> DottedIssue {
        DottedIssue::Gap { at, prev, missing: (a.into(), b.into()) }
    }

    #[test]
    fn a_clean_sequence_with_inserted_clauses_is_silent() {
        assert_eq!(
            issues(&[
                "#1", "1.1", "1.2", "#1A.", "1A.", "#1B.", "#2", "2.1", "2.1.1", "2.1.2", "2.2", "#3", "#3A", "3A.1",
                "#4", "#5."
            ]),
            []
        );
    }

    #[test]
    fn heading_number_repeated_on_its_text_is_not_a_duplicate() {
        assert_eq!(issues(&["#1", "#1A.", "1A.", "#1B."]), []);
        // The same number on a later paragraph is.
        assert_eq!(issues(&["#1", "#1A.", "1A.", "1A."]), [DottedIssue::Duplicate { at: 3, first: 1 }]);
    }

    #[test]
    fn duplicates_name_the_first_use() {
        assert_eq!(issues(&["#1", "1.1", "1.1", "1.2"]), [DottedIssue::Duplicate { at: 2, first: 1 }]);
        assert_eq!(
            issues(&["1.", "2.1", "2.2", "2.3", "2.2", "2.3", "2.4"]),
            [
                DottedIssue::Orphan { first: 1, last: 6, parent: "2".into(), meant: None },
                DottedIssue::Duplicate { at: 4, first: 2 },
                DottedIssue::Duplicate { at: 5, first: 3 },
            ]
        );
    }

    #[test]
    fn gaps_between_and_at_the_start() {
        assert_eq!(issues(&["#1", "1.6", "1.8"]), [gap(1, None, "1.1", "1.5"), gap(2, Some(1), "1.7", "1.7")]);
        assert_eq!(
            issues(&["#1", "#2", "#3", "3.4", "#4", "4.2"]),
            [gap(3, None, "3.1", "3.3"), gap(5, None, "4.1", "4.1")]
        );
        assert_eq!(issues(&["#3", "#4"]), [gap(0, None, "1", "2")]);
        assert_eq!(issues(&["#1", "#2", "#4"]), [gap(2, Some(1), "3", "3")]);
        assert_eq!(issues(&["#1", "#1B"]), [gap(1, Some(0), "1A", "1A")]);
    }

    #[test]
    fn point_zero_is_the_number_itself() {
        assert_eq!(issues(&["#1", "#2.0", "#3.", "3.1", "#4.0", "4.1"]), []);
    }

    #[test]
    fn lower_numbers_are_out_of_order() {
        assert_eq!(
            issues(&["#1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.4"]),
            [DottedIssue::Duplicate { at: 7, first: 4 }]
        );
        assert_eq!(
            issues(&["#1", "1.1", "1.2", "1.6", "1.4"]),
            [gap(3, Some(2), "1.3", "1.5"), DottedIssue::OutOfOrder { at: 4, prev: 3, jumped: false }]
        );
    }

    #[test]
    fn a_repeat_that_took_the_next_number_is_one_finding() {
        assert_eq!(issues(&["#1", "1.1", "1.1", "1.3"]), [DottedIssue::Duplicate { at: 2, first: 1 }]);
        // Two numbers lost after the repeat are still a gap.
        assert_eq!(
            issues(&["#1", "1.1", "1.1", "1.4"]),
            [DottedIssue::Duplicate { at: 2, first: 1 }, gap(3, Some(2), "1.2", "1.3")]
        );
    }

    #[test]
    fn a_missing_parent_is_not_compared_with_its_siblings() {
        // 1.3 is implied by 1.3.2 before the real 1.2: no out-of-order finding.
        assert_eq!(
            issues(&["#1", "1.1", "1.1.1", "1.3.2", "1.2"]),
            [DottedIssue::Orphan { first: 3, last: 3, parent: "1.3".into(), meant: Some("1.1.2".into()) }]
        );
    }

    #[test]
    fn swapped_numbers_are_out_of_order_not_a_gap() {
        assert_eq!(issues(&["#1", "1.2", "1.1", "1.3"]), [DottedIssue::OutOfOrder { at: 2, prev: 1, jumped: true }]);
        assert_eq!(issues(&["#1", "#3", "#2", "#4"]), [DottedIssue::OutOfOrder { at: 2, prev: 1, jumped: true }]);
        // 1.2, 1.4, 1.3: 1.4 stands where 1.3 was due.
        assert_eq!(
            issues(&["#1", "1.1", "1.2", "1.4", "1.3"]),
            [DottedIssue::OutOfOrder { at: 4, prev: 3, jumped: true }]
        );
    }

    #[test]
    fn a_lower_number_that_was_not_due_is_the_one_out_of_place() {
        // 1, 5, 6, 2: 2 was due after 1, not after 5; the finding stays on 2.
        assert_eq!(
            issues(&["#1", "#5", "#6", "#2"]).last(),
            Some(&DottedIssue::OutOfOrder { at: 3, prev: 2, jumped: false })
        );
    }

    #[test]
    fn orphans_give_one_finding_and_a_likely_number() {
        assert_eq!(
            issues(&["#1", "1.1", "1.2.1", "1.3"]),
            [DottedIssue::Orphan { first: 2, last: 2, parent: "1.2".into(), meant: Some("1.1.1".into()) }]
        );
        assert_eq!(
            issues(&["1", "1.1", "1.2", "1.2.1", "1.2.2", "1.3.3", "1.4"]),
            [DottedIssue::Orphan { first: 5, last: 5, parent: "1.3".into(), meant: Some("1.2.3".into()) }]
        );
        assert_eq!(
            issues(&["#1", "2.1.1", "2.1.2", "2.1.3", "#2", "#3"]),
            [DottedIssue::Orphan { first: 1, last: 3, parent: "2.1".into(), meant: None }]
        );
    }

    #[test]
    fn a_region_numbered_from_1_1_has_no_orphans() {
        assert_eq!(issues(&["1.1", "1.2", "1.3"]), []);
    }
}
