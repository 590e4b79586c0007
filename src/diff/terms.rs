//! Defined terms added, removed or redefined between two versions.
//!
//! Definitions come from [`crate::model::definitions`] and are matched by
//! their key (the term without article, spacing normalised) and compared by
//! wording (spacing ignored): a definition moved within the clause is not a
//! change; one whose wording changed gets a word redline.

use std::collections::BTreeMap;

use super::docs::DocPairing;
use super::redline::words;
use super::report::{TermChange, TermStatus};
use super::text::collapse_ws;
use crate::model::Agreement;
use crate::model::DocId;
use crate::model::agreement::documents;
use crate::model::definitions::{DefinitionForm, definitions_in, strip_article};

/// One definition as the diff compares it.
#[derive(Debug, Clone)]
pub struct Def {
    /// What the two versions match by ([`crate::model::definitions::Definition::key`]).
    pub key: String,
    /// The term as written ("Commencement Date").
    pub term: String,
    /// The definition as compared, whitespace-normalised.
    pub text: String,
    /// `path:line`.
    pub at: String,
}

pub fn diff(old: &Agreement, new: &Agreement, pairings: &[DocPairing<'_>]) -> Vec<TermChange> {
    // A document whose file is byte-for-byte the same on both sides defines
    // the same terms on both: only the others are read.
    let unchanged = |id: DocId, side: fn(&DocPairing<'_>) -> Option<DocId>| {
        pairings.iter().any(|p| side(p) == Some(id) && p.identical().is_some())
    };
    let od = index(definitions(old, |id| unchanged(id, |p| p.old.as_ref().map(|s| s.id))));
    let nd = index(definitions(new, |id| unchanged(id, |p| p.new.as_ref().map(|s| s.id))));
    let mut out = Vec::new();
    for (key, n) in &nd {
        match od.get(key) {
            None => out.push(TermChange {
                term: n.term.clone(),
                status: TermStatus::Added,
                old: None,
                new: Some(n.text.clone()),
                old_at: None,
                new_at: Some(n.at.clone()),
                redline: Vec::new(),
            }),
            Some(o) if o.text != n.text => out.push(TermChange {
                term: n.term.clone(),
                status: TermStatus::Changed,
                redline: words(&o.text, &n.text),
                old: Some(o.text.clone()),
                new: Some(n.text.clone()),
                old_at: Some(o.at.clone()),
                new_at: Some(n.at.clone()),
            }),
            Some(_) => {}
        }
    }
    for (key, o) in &od {
        if !nd.contains_key(key) {
            out.push(TermChange {
                term: o.term.clone(),
                status: TermStatus::Removed,
                old: Some(o.text.clone()),
                new: None,
                old_at: Some(o.at.clone()),
                new_at: None,
                redline: Vec::new(),
            });
        }
    }
    // Alphabetical by term, as a definitions clause reads.
    out.sort_by(|a, b| term_key(&a.term).cmp(&term_key(&b.term)).then(a.term.cmp(&b.term)));
    out
}

/// The first definition of each term wins; a repeated definition is a
/// validation finding, not a diff.
fn index(defs: Vec<Def>) -> BTreeMap<String, Def> {
    let mut out = BTreeMap::new();
    for d in defs {
        out.entry(d.key.clone()).or_insert(d);
    }
    out
}

/// Alphabetical order ignoring case and a leading article.
fn term_key(term: &str) -> String {
    strip_article(term).to_lowercase()
}

/// The definitions of an agreement (body, then schedules), as compared:
/// a definitions-clause entry by its whole paragraph and continuation items,
/// an inline definition (`("the Trust")`) by its meaning only — the rest of
/// the sentence it stands in is the provision's business, not the term's.
pub fn definitions(a: &Agreement, skip: impl Fn(DocId) -> bool) -> Vec<Def> {
    documents(a)
        .filter(|(id, _)| !skip(*id))
        .flat_map(|(id, doc)| definitions_in(doc, id))
        .filter_map(|d| {
            let doc = d.doc.document(a)?;
            let text = match d.form {
                DefinitionForm::Clause => {
                    let blocks = doc.blocks.get(d.blocks.clone())?;
                    collapse_ws(&blocks.iter().map(|b| b.display_text()).collect::<Vec<_>>().join(" "))
                }
                DefinitionForm::Inline => collapse_ws(&d.meaning),
            };
            let (line, _) = d.span.start();
            Some(Def { key: d.key(), term: d.term.clone(), text, at: format!("{}:{line}", d.span.file.path) })
        })
        .collect()
}
