//! Pairing documents: the body with the body, and each schedule with its
//! counterpart even when schedules were renumbered, reordered, added or
//! removed.
//!
//! Schedules pair by number first — but only when the title or the content
//! still agrees, so "Schedule 9" that now holds different text is not forced
//! onto the old Schedule 9 — then by identical title or content, then by
//! content similarity. Whatever is left was added or removed.

use std::sync::OnceLock;

use super::align::heaviest_chain;
use super::text::{Shingles, collapse_ws, hash_str};
use crate::model::DocId;
use crate::model::metadata::ScheduleSource;
use crate::model::{Agreement, Document};

/// Title similarity at which two schedules with the same number are the same schedule.
const SAME_NUMBER_TITLE: f32 = 0.5;
/// Content similarity at which two schedules with the same number are the same schedule.
const SAME_NUMBER_CONTENT: f32 = 0.3;
/// Content similarity at which two differently numbered schedules are the same schedule.
const CONTENT: f32 = 0.4;

/// One document of an agreement, as the pairing sees it.
#[derive(Debug, Clone)]
pub struct DocSide<'a> {
    pub id: DocId,
    pub doc: Option<&'a Document>,
    /// `None` for the body.
    pub number: Option<String>,
    pub title: Option<String>,
    pub path: Option<String>,
    /// The file as `agreement.toml` names it (`schedules/07-….md`, or a shared
    /// schedule's name): comparable between two agreement folders.
    pub file: Option<String>,
    /// Position among the schedules (0 for the body).
    pub order: usize,
    title_shingles: Shingles,
    /// Computed only when titles do not settle the pairing: most renewals
    /// keep their schedules' titles, and fingerprinting a whole document is
    /// the costly part.
    content: OnceLock<(u64, Shingles)>,
}

impl<'a> DocSide<'a> {
    fn body(a: &'a Agreement) -> Self {
        Self::new(DocId::Body, Some(&a.body), None, None, Some(a.body.file.path.clone()), 0)
    }

    fn new(
        id: DocId,
        doc: Option<&'a Document>,
        number: Option<String>,
        title: Option<String>,
        path: Option<String>,
        order: usize,
    ) -> Self {
        DocSide {
            id,
            file: None,
            doc,
            title_shingles: Shingles::of(title.as_deref().unwrap_or("")),
            number,
            title,
            path,
            order,
            content: OnceLock::new(),
        }
    }

    fn content(&self) -> &(u64, Shingles) {
        self.content.get_or_init(|| {
            let text = self
                .doc
                .map(|d| d.blocks.iter().map(|b| b.display_text()).collect::<Vec<_>>().join("\n"))
                .unwrap_or_default();
            let text = collapse_ws(&text);
            (hash_str(&text), Shingles::of(&text))
        })
    }

    fn content_dice(&self, other: &DocSide<'_>) -> f32 {
        self.content().1.dice(&other.content().1)
    }

    /// "Body" or "Schedule 7 — Seconded Council Employees".
    pub fn label(&self) -> String {
        match (&self.number, &self.title) {
            (None, _) if self.order == 0 => "Body".to_string(),
            (Some(n), Some(t)) => format!("Schedule {n} — {t}"),
            (Some(n), None) => format!("Schedule {n}"),
            (None, Some(t)) => format!("Schedule — {t}"),
            (None, None) => "Schedule".to_string(),
        }
    }
}

/// A pair of documents, or one alone (added or removed).
#[derive(Debug, Clone)]
pub struct DocPairing<'a> {
    pub old: Option<DocSide<'a>>,
    pub new: Option<DocSide<'a>>,
    /// The schedule's position changed relative to the other schedules.
    pub moved: bool,
}

impl<'a> DocPairing<'a> {
    /// Both documents, when their files are byte for byte the same (a
    /// schedule a renewal carried over unchanged).
    pub fn identical(&self) -> Option<(&'a Document, &'a Document)> {
        let (old, new) = (self.old.as_ref()?.doc?, self.new.as_ref()?.doc?);
        (old.file.text == new.file.text).then_some((old, new))
    }
}

fn schedules(a: &Agreement) -> Vec<DocSide<'_>> {
    a.schedules
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let e = a.entry(s);
            let path = s.doc.as_ref().map(|d| d.file.path.clone());
            let title = e
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .or_else(|| s.doc.as_ref().and_then(|d| d.schedule_title().map(String::from)));
            let mut side = DocSide::new(
                DocId::Schedule(i),
                s.doc.as_ref(),
                e.number.as_ref().map(|n| n.value.clone()),
                title,
                path,
                i + 1,
            );
            side.file = match &e.source {
                ScheduleSource::Local(f) => Some(f.value.clone()),
                ScheduleSource::Shared(f) => Some(format!("shared: {}", f.value)),
                ScheduleSource::NotUsed | ScheduleSource::Missing => None,
            };
            side
        })
        .collect()
}

/// Pairs the documents of two agreements; the body first, then schedules in
/// new order with removed ones where they used to be.
pub fn pair<'a>(old: &'a Agreement, new: &'a Agreement) -> Vec<DocPairing<'a>> {
    let os = schedules(old);
    let ns = schedules(new);
    let mut om: Vec<Option<usize>> = vec![None; os.len()];
    let mut nm: Vec<Option<usize>> = vec![None; ns.len()];
    let link = |o: usize, n: usize, om: &mut [Option<usize>], nm: &mut [Option<usize>]| {
        om[o] = Some(n);
        nm[n] = Some(o);
    };
    // 1. Same number, and still recognisably the same schedule.
    for (o, side) in os.iter().enumerate() {
        let Some(n) = (0..ns.len()).find(|&n| nm[n].is_none() && side.number.is_some() && side.number == ns[n].number)
        else {
            continue;
        };
        let title_ok = side.title_shingles.dice(&ns[n].title_shingles) >= SAME_NUMBER_TITLE;
        if title_ok || side.content_dice(&ns[n]) >= SAME_NUMBER_CONTENT {
            link(o, n, &mut om, &mut nm);
        }
    }
    // 2. Identical content or title under another number.
    for o in 0..os.len() {
        if om[o].is_some() {
            continue;
        }
        let same = (0..ns.len()).find(|&n| {
            nm[n].is_none()
                && ((os[o].doc.is_some() && os[o].content().0 == ns[n].content().0)
                    || (os[o].title.is_some()
                        && os[o].title.as_deref().map(str::to_lowercase)
                            == ns[n].title.as_deref().map(str::to_lowercase)))
        });
        if let Some(n) = same {
            link(o, n, &mut om, &mut nm);
        }
    }
    // 3. Similar content under another number.
    for o in 0..os.len() {
        if om[o].is_some() {
            continue;
        }
        let mut best: Option<(usize, f32)> = None;
        for n in (0..ns.len()).filter(|&n| nm[n].is_none()) {
            let d = os[o].content_dice(&ns[n]);
            if d >= CONTENT && best.is_none_or(|(_, b)| d > b) {
                best = Some((n, d));
            }
        }
        if let Some((n, _)) = best {
            link(o, n, &mut om, &mut nm);
        }
    }

    let pairs: Vec<(usize, usize, f64)> = om.iter().enumerate().filter_map(|(o, n)| n.map(|n| (o, n, 1.0))).collect();
    let mut in_order = vec![false; os.len()];
    for i in heaviest_chain(&pairs) {
        in_order[pairs[i].0] = true;
    }

    let mut out = vec![DocPairing { old: Some(DocSide::body(old)), new: Some(DocSide::body(new)), moved: false }];
    let mut old_done = vec![false; os.len()];
    let emit_removed_before = |limit: usize, out: &mut Vec<DocPairing<'a>>, old_done: &mut [bool]| {
        for o in 0..limit {
            if om[o].is_none() && !old_done[o] {
                old_done[o] = true;
                out.push(DocPairing { old: Some(os[o].clone()), new: None, moved: false });
            }
        }
    };
    for (n, side) in ns.iter().enumerate() {
        match nm[n] {
            Some(o) => {
                if in_order[o] {
                    emit_removed_before(o, &mut out, &mut old_done);
                }
                old_done[o] = true;
                out.push(DocPairing { old: Some(os[o].clone()), new: Some(side.clone()), moved: !in_order[o] });
            }
            None => out.push(DocPairing { old: None, new: Some(side.clone()), moved: false }),
        }
    }
    emit_removed_before(os.len(), &mut out, &mut old_done);
    out
}
