//! Defined terms added, removed, redefined, renamed or moved between two
//! versions.
//!
//! A definitions-clause entry is a unit of the alignment ([`super::units`]),
//! so what happened to it is read off the aligned documents: the Defined
//! terms list and the provision list can never disagree, and each change is
//! listed once. A pair whose terms differ is a rename, reported with how
//! many uses of the term followed the new name. Inline definitions
//! (`("the Trust")`) are not units: they are matched by their key and
//! compared by meaning, as the rest of their sentence is the provision's
//! business, not the term's.

use std::collections::BTreeMap;

use super::HashSet;
use super::docs::DocPairing;
use super::redline::words;
use super::report::{DocDiff, Entry, Prov, Status, TermChange, TermStatus};
use super::text::collapse_ws;
use crate::model::Agreement;
use crate::model::DocId;
use crate::model::agreement::documents;
use crate::model::definitions::{DefinitionForm, definitions_in, strip_article};

/// One inline definition as the diff compares it.
#[derive(Debug, Clone)]
pub struct Def {
    /// What the two versions match by ([`crate::model::definitions::Definition::key`]).
    pub key: String,
    /// The term as written ("the Trust").
    pub term: String,
    /// The meaning, whitespace-normalised.
    pub text: String,
    /// `path:line`.
    pub at: String,
}

/// The key a definition unit's term is matched by, as
/// [`crate::model::definitions::Definition::key`] computes it.
pub fn key_of(term: &str) -> String {
    strip_article(term).split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'")
}

/// Every term change: from the aligned definition units of `documents`,
/// then from the inline definitions.
pub fn diff(old: &Agreement, new: &Agreement, pairings: &[DocPairing<'_>], documents: &[DocDiff]) -> Vec<TermChange> {
    let mut out = Vec::new();
    let mut unit_keys: HashSet<String> = HashSet::default();
    for e in documents.iter().flat_map(|d| &d.entries) {
        for p in e.old.iter().chain(&e.new) {
            if let Some(t) = &p.term {
                unit_keys.insert(key_of(t));
            }
        }
        if matches!(e.status, Status::Split | Status::Merged) {
            out.extend(from_group(e));
        } else {
            out.extend(from_entry(e));
        }
    }
    for t in out.iter_mut().filter(|t| t.status == TermStatus::Renamed) {
        let (from, to) = (t.old_term.clone().unwrap_or_default(), t.term.clone());
        // The definition itself names the new term once.
        let followed = uses(new, &to).saturating_sub(uses(old, &to)).saturating_sub(1);
        let contained = if to.contains(from.as_str()) { uses(new, &to) } else { 0 };
        t.uses_followed = Some(followed);
        t.uses_not_followed = Some(uses(new, &from).saturating_sub(contained));
    }
    out.extend(inline(old, new, pairings, &unit_keys));
    // Alphabetical by term, as a definitions clause reads.
    out.sort_by(|a, b| term_key(&a.term).cmp(&term_key(&b.term)).then(a.term.cmp(&b.term)));
    out
}

/// The term change an entry stands for, if it is a definition's.
fn from_entry(e: &Entry) -> Option<TermChange> {
    let (o, n) = (e.old.first().filter(|p| p.term.is_some()), e.new.first().filter(|p| p.term.is_some()));
    let text = |p: &Prov| collapse_ws(&p.text.join(" "));
    let term = |p: &Prov| p.term.clone().unwrap_or_default();
    let blank = |term: String, status: TermStatus| TermChange {
        term,
        status,
        old_term: None,
        uses_followed: None,
        uses_not_followed: None,
        old: None,
        new: None,
        old_at: None,
        new_at: None,
        redline: Vec::new(),
    };
    let mut t = match (o, n, e.status) {
        (None, Some(n), Status::Inserted) => TermChange { new: Some(text(n)), ..blank(term(n), TermStatus::Added) },
        (Some(o), None, Status::Deleted) => TermChange { old: Some(text(o)), ..blank(term(o), TermStatus::Removed) },
        // A definition whose only change is a cross-reference following a
        // renumbering says what it said: the provision list notes it.
        (Some(_), Some(_), _) if e.references_only => return None,
        (Some(o), Some(n), status) => {
            let renamed = key_of(&term(o)) != key_of(&term(n));
            let kind = match status {
                _ if renamed => TermStatus::Renamed,
                Status::Moved => TermStatus::Moved,
                Status::Modified | Status::MovedModified => TermStatus::Changed,
                _ => return None,
            };
            let (ot, nt) = (text(o), text(n));
            TermChange {
                old_term: renamed.then(|| term(o)),
                redline: if ot == nt { Vec::new() } else { words(&ot, &nt) },
                old: Some(ot),
                new: Some(nt),
                ..blank(term(n), kind)
            }
        }
        _ => return None,
    };
    t.old_at = o.map(Prov::location);
    t.new_at = n.map(Prov::location);
    Some(t)
}

/// The term changes of a split or merge: each definition on one side
/// matched with the other side's by its term.
fn from_group(e: &Entry) -> Vec<TermChange> {
    let defs = |ps: &[Prov]| -> Vec<(String, Prov)> {
        ps.iter().filter_map(|p| Some((key_of(p.term.as_deref()?), p.clone()))).collect()
    };
    let (old, new) = (defs(&e.old), defs(&e.new));
    let find = |list: &[(String, Prov)], k: &str| list.iter().find(|(x, _)| x == k).map(|(_, p)| p.clone());
    let one = |status: Status, o: Option<Prov>, n: Option<Prov>| {
        let probe = Entry {
            status,
            old: o.into_iter().collect(),
            new: n.into_iter().collect(),
            similarity: None,
            renumbered: false,
            references_only: false,
            renamed_terms_only: false,
            moved_from: None,
            redline: Vec::new(),
        };
        from_entry(&probe)
    };
    let mut out = Vec::new();
    for (k, n) in &new {
        let changed = find(&old, k).filter(|o| o.text != n.text);
        out.extend(match (find(&old, k), changed) {
            (None, _) => one(Status::Inserted, None, Some(n.clone())),
            (Some(_), Some(o)) => one(Status::Modified, Some(o), Some(n.clone())),
            (Some(_), None) => None,
        });
    }
    for (k, o) in &old {
        if find(&new, k).is_none() {
            out.extend(one(Status::Deleted, Some(o.clone()), None));
        }
    }
    out
}

/// How many times `term` occurs as whole words in the agreement's text.
fn uses(a: &Agreement, term: &str) -> usize {
    if term.is_empty() {
        return 0;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    documents(a)
        .flat_map(|(_, doc)| &doc.blocks)
        .map(|b| {
            b.text
                .match_indices(term)
                .filter(|(i, _)| {
                    !word(b.text[..*i].chars().next_back()) && !word(b.text[i + term.len()..].chars().next())
                })
                .count()
        })
        .sum()
}

/// Inline definitions added, removed or whose meaning changed; a term that
/// is a definition unit on either side is the units' business.
fn inline(old: &Agreement, new: &Agreement, pairings: &[DocPairing<'_>], units: &HashSet<String>) -> Vec<TermChange> {
    // A document whose file is byte-for-byte the same on both sides defines
    // the same terms on both: only the others are read.
    let unchanged = |id: DocId, side: fn(&DocPairing<'_>) -> Option<DocId>| {
        pairings.iter().any(|p| side(p) == Some(id) && p.identical().is_some())
    };
    let od = index(definitions(old, |id| unchanged(id, |p| p.old.as_ref().map(|s| s.id))), units);
    let nd = index(definitions(new, |id| unchanged(id, |p| p.new.as_ref().map(|s| s.id))), units);
    let change = |term: &str, status: TermStatus, o: Option<&Def>, n: Option<&Def>| TermChange {
        term: term.to_string(),
        status,
        old_term: None,
        uses_followed: None,
        uses_not_followed: None,
        redline: match (o, n) {
            (Some(o), Some(n)) => words(&o.text, &n.text),
            _ => Vec::new(),
        },
        old: o.map(|d| d.text.clone()),
        new: n.map(|d| d.text.clone()),
        old_at: o.map(|d| d.at.clone()),
        new_at: n.map(|d| d.at.clone()),
    };
    let mut out = Vec::new();
    for (key, n) in &nd {
        match od.get(key) {
            None => out.push(change(&n.term, TermStatus::Added, None, Some(n))),
            Some(o) if o.text != n.text => out.push(change(&n.term, TermStatus::Changed, Some(o), Some(n))),
            Some(_) => {}
        }
    }
    for (key, o) in &od {
        if !nd.contains_key(key) {
            out.push(change(&o.term, TermStatus::Removed, Some(o), None));
        }
    }
    out
}

/// The first definition of each term wins; a repeated definition is a
/// validation finding, not a diff.
fn index(defs: Vec<Def>, skip: &HashSet<String>) -> BTreeMap<String, Def> {
    let mut out = BTreeMap::new();
    for d in defs.into_iter().filter(|d| !skip.contains(&d.key)) {
        out.entry(d.key.clone()).or_insert(d);
    }
    out
}

/// Alphabetical order ignoring case and a leading article.
fn term_key(term: &str) -> String {
    strip_article(term).to_lowercase()
}

/// The inline definitions of an agreement (body, then schedules), by meaning.
pub fn definitions(a: &Agreement, skip: impl Fn(DocId) -> bool) -> Vec<Def> {
    documents(a)
        .filter(|(id, _)| !skip(*id))
        .flat_map(|(id, doc)| definitions_in(doc, id))
        .filter(|d| d.form == DefinitionForm::Inline)
        .map(|d| {
            let (line, _) = d.span.start();
            Def {
                key: d.key(),
                term: d.term.clone(),
                text: collapse_ws(&d.meaning),
                at: format!("{}:{line}", d.span.file.path),
            }
        })
        .collect()
}

/// Marks modified provisions whose only change is a renamed term's new name
/// ("Fundamental Breach" → "Material Breach" in clause 21.4.1): the drafter
/// kept the uses in step with the definition, and a reader can skip them.
pub fn mark_rename_only_changes(documents: &mut [DocDiff], terms: &[TermChange]) {
    let renames: Vec<(&str, &str)> = terms
        .iter()
        .filter(|t| t.status == TermStatus::Renamed)
        .filter_map(|t| Some((t.old_term.as_deref()?, t.term.as_str())))
        .collect();
    if renames.is_empty() {
        return;
    }
    for e in documents.iter_mut().flat_map(|d| d.entries.iter_mut()) {
        if e.status != Status::Modified || e.old.iter().chain(&e.new).any(|p| p.term.is_some()) {
            continue;
        }
        let join = |ps: &[Prov]| ps.iter().flat_map(|p| &p.text).cloned().collect::<Vec<_>>().join("\n");
        let mut renamed = join(&e.old);
        for (from, to) in &renames {
            renamed = renamed.replace(from, to);
        }
        e.renamed_terms_only = renamed == join(&e.new);
    }
}
