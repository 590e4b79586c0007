//! Recognising the clause that states a requirement, by the pack's phrases.
//!
//! The agreement is cut into units a reader would cite: each recital, each
//! clause of the body (a numbered heading and everything up to the next),
//! and each section of each schedule (its title heading, or a later heading,
//! and what follows). A `heading` phrase must occur in a unit's heading; a
//! `text` phrase's words must all occur in one unit. The preamble, the
//! execution blocks and the definitions clause are never searched: a
//! definition of "Pooled Fund Manager" does not appoint one.
//!
//! Where several units match, the one a reader would cite first wins:
//! 1. a clause heading or a schedule's title ("23 Quarterly and Annual
//!    Reporting", "Schedule 16 — Information and Monitoring Requirements");
//! 2. the words of a clause or recital;
//! 3. a heading inside a schedule;
//! 4. the words of a schedule.
//!
//! Within a tier, reading order decides.

use std::cell::OnceCell;
use std::ops::Range;

use super::pack::Provision;
use super::phrase::{GroupMatches, NO_GROUP, Phrase, Words};
use super::refs::excerpt;
use super::text::AgreementWords;
use super::types::{Evidence, How};
use crate::model::{Agreement, Block, BlockKind, Document, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Recitals,
    Clause,
    Schedule,
}

/// One searchable unit of the agreement.
pub struct Unit<'a> {
    doc: &'a Document,
    kind: Kind,
    blocks: Range<usize>,
    /// The heading block that opens the unit, if any.
    heading: Option<usize>,
    /// The schedule's number, for schedule units.
    schedule: Option<String>,
    /// A schedule's first section, opened by its title.
    is_title: bool,
}

impl<'a> Unit<'a> {
    fn new(doc: &'a Document, kind: Kind, blocks: Range<usize>, schedule: Option<String>) -> Self {
        let heading = doc.blocks.get(blocks.start).filter(|b| b.is_heading()).map(|_| blocks.start);
        let is_title = kind == Kind::Schedule && blocks.start == 0;
        Unit { doc, kind, blocks, heading, schedule, is_title }
    }

    /// How a reader cites the text at these blocks: "Clause 8.1, 8.2",
    /// "Recital (B)", "Schedule 1 para 2".
    fn reference(&self, blocks: &[usize]) -> String {
        let mut numbers: Vec<String> = Vec::new();
        let number_at = |i: usize| self.doc.blocks[i].number.as_ref().map(|n| &n.value);
        for &b in blocks {
            // The nearest numbered block at or before `b` within the unit; an
            // item is cited under the number it sits in ("6(c)", not "(c)").
            let at = (self.blocks.start..=b).rev().find(|&i| number_at(i).is_some());
            let number = at.and_then(|i| {
                let n = number_at(i)?;
                if !n.is_item() {
                    return Some(n.key());
                }
                let parent = (self.blocks.start..i).rev().filter_map(number_at).find(|p| !p.is_item());
                Some(parent.map_or_else(|| n.key(), |p| format!("{}{}", p.key(), n.key())))
            });
            if let Some(n) = number.filter(|n| !numbers.contains(n)) {
                numbers.push(n);
            }
        }
        // "Clause 6, 6.1" says no more than "Clause 6.1": the heading's number
        // goes when the words themselves are numbered.
        let heading_number = self.heading.and_then(|h| self.doc.blocks[h].number.as_ref()).map(|n| n.value.key());
        if numbers.len() > 1 {
            numbers.retain(|n| Some(n) != heading_number.as_ref());
        }
        match self.kind {
            Kind::Recitals if numbers.is_empty() => "Recitals".to_string(),
            Kind::Recitals => format!("Recital {}", numbers.join(", ")),
            Kind::Clause => format!("Clause {}", numbers.join(", ")),
            Kind::Schedule => {
                let s = self.schedule.as_deref().unwrap_or("?");
                if numbers.is_empty() {
                    format!("Schedule {s}")
                } else {
                    format!("Schedule {s} para {}", numbers.join(", "))
                }
            }
        }
    }

    /// Evidence at the first matched block that is not the heading (the
    /// words that state the element), or at the heading when only it matched.
    fn evidence(&self, blocks: &[usize]) -> Evidence {
        let first = blocks
            .iter()
            .copied()
            .find(|&b| Some(b) != self.heading)
            .or_else(|| blocks.first().copied())
            .unwrap_or(self.blocks.start);
        let b = &self.doc.blocks[first];
        Evidence {
            how: How::Recognised,
            reference: self.reference(blocks),
            span: b.span.clone(),
            detail: excerpt(&b.display_text()),
        }
    }
}

/// The agreement's searchable units, and its words.
pub struct Units<'a> {
    units: Vec<Unit<'a>>,
    text: AgreementWords<'a>,
    /// Units whose blocks do not overlap, each layer as a map from block id
    /// to unit (or [`NO_GROUP`]): a phrase is searched once per layer, with
    /// the layer's units as groups. Units never overlap in an agreement whose
    /// sections come in order, so there is one layer; a "Recitals" heading
    /// after the clauses makes a second.
    layers: Vec<Vec<u32>>,
    /// Block id → the unit it is the heading of (or [`NO_GROUP`]), likewise.
    heading_layers: Vec<Vec<u32>>,
    /// Each unit's provisions, cut into words when an element first asks
    /// about that unit (only units whose words hold every part are asked).
    provisions: Vec<OnceCell<Vec<ProvisionText>>>,
}

/// One reading of a provision (a paragraph with its sub-items: "2.3" with
/// its "(a)", "(b)" and "2.3.1"): the paragraph alone, or the paragraph as
/// the lead-in to one of its sub-items, each under the heading of the clause
/// it sits in. A long list is never read as one text: "direct payments" in
/// 5.1.9 and "as amended" in 5.1.16 say nothing together.
struct ProvisionText {
    unit: usize,
    /// The paragraph, and the sub-item read with it.
    blocks: Vec<usize>,
    words: Words,
}

/// Every searchable unit of an agreement, in reading order.
pub fn units(a: &Agreement) -> Units<'_> {
    let units = unit_list(a);
    let text = AgreementWords::new(a);
    let mut layers: Vec<Vec<u32>> = Vec::new();
    let mut heading_layers: Vec<Vec<u32>> = Vec::new();
    for (n, u) in units.iter().enumerate() {
        let n = n as u32;
        let ids: Vec<usize> = u.blocks.clone().map(|b| text.block_id(u.doc, b) as usize).collect();
        place(&mut layers, &ids, n, text.block_count());
        if let Some(h) = u.heading {
            place(&mut heading_layers, &[text.block_id(u.doc, h) as usize], n, text.block_count());
        }
    }
    let provisions = units.iter().map(|_| OnceCell::new()).collect();
    Units { units, text, layers, heading_layers, provisions }
}

/// Puts unit `n` (blocks `ids`) in the first layer where its blocks are free.
fn place(layers: &mut Vec<Vec<u32>>, ids: &[usize], n: u32, blocks: usize) {
    let free = |layer: &Vec<u32>| ids.iter().all(|&b| layer[b] == NO_GROUP);
    let layer = match layers.iter().position(free) {
        Some(l) => l,
        None => {
            layers.push(vec![NO_GROUP; blocks]);
            layers.len() - 1
        }
    };
    for &b in ids {
        layers[layer][b] = n;
    }
}

impl<'a> Units<'a> {
    /// The agreement's words.
    pub fn words(&self) -> &AgreementWords<'a> {
        &self.text
    }

    /// The units (with where each term first occurs) in which one phrase occurs whole.
    fn matching(&self, phrase: &Phrase, layers: &[Vec<u32>]) -> GroupMatches {
        let mut out: GroupMatches =
            layers.iter().flat_map(|layer| phrase.groups(&self.text.words, self.text.group_of(layer))).collect();
        if layers.len() > 1 {
            out.sort_by_key(|(unit, _)| *unit);
        }
        out
    }

    /// The first unit kept by `keep` whose heading contains one of the phrases.
    fn first_heading(&self, phrases: &[Phrase], keep: impl Fn(&Unit) -> bool) -> Option<Evidence> {
        let unit = phrases
            .iter()
            .filter_map(|p| {
                self.matching(p, &self.heading_layers)
                    .into_iter()
                    .map(|(u, _)| u)
                    .find(|&u| keep(&self.units[u as usize]))
            })
            .min()?;
        let u = &self.units[unit as usize];
        Some(u.evidence(&[u.heading?]))
    }

    /// The first unit kept by `keep` whose words contain all the words of one
    /// of the phrases; within it, the first phrase listed that does.
    fn first_text(&self, phrases: &[Phrase], keep: impl Fn(&Unit) -> bool) -> Option<Evidence> {
        let (unit, starts) = phrases
            .iter()
            .filter_map(|p| self.matching(p, &self.layers).into_iter().find(|(u, _)| keep(&self.units[*u as usize])))
            .min_by_key(|(u, _)| *u)?;
        let u = &self.units[unit as usize];
        let first_id = self.text.block_id(u.doc, 0);
        let mut blocks: Vec<usize> = starts.iter().map(|&w| (self.text.block_of(w) - first_id) as usize).collect();
        blocks.sort_unstable();
        blocks.dedup();
        Some(u.evidence(&blocks))
    }
}

impl Units<'_> {
    /// Unit `n`'s provisions, each reading cut into words once.
    fn unit_provisions(&self, n: usize) -> &[ProvisionText] {
        self.provisions[n].get_or_init(|| {
            let u = &self.units[n];
            let mut out = Vec::new();
            let heading = u.heading.map(|h| u.doc.blocks[h].display_text()).unwrap_or_default();
            for blocks in provisions(u) {
                for b in blocks.clone() {
                    let text = format!("{heading}\n{}", u.doc.blocks[b].display_text());
                    out.push(ProvisionText { unit: n, blocks: vec![b], words: Words::new(&text) });
                }
                let opener = u.doc.blocks[blocks.start].display_text();
                for sub in blocks.start + 1..blocks.end {
                    let text = format!("{heading}\n{opener}\n{}", u.doc.blocks[sub].display_text());
                    out.push(ProvisionText { unit: n, blocks: vec![blocks.start, sub], words: Words::new(&text) });
                }
            }
            out
        })
    }

    /// The units, in reading order, whose words hold a phrase of every part:
    /// a provision is part of its unit, so only these can carry them all.
    fn units_with_every_part(&self, provision: &Provision) -> Vec<usize> {
        let mut units: Option<Vec<usize>> = None;
        for (_, phrases) in &provision.parts {
            let mut with_part: Vec<usize> = phrases
                .iter()
                .flat_map(|p| self.matching(p, &self.layers).into_iter().map(|(u, _)| u as usize))
                .collect();
            with_part.sort_unstable();
            with_part.dedup();
            units = Some(match units {
                None => with_part,
                Some(before) => before.into_iter().filter(|u| with_part.binary_search(u).is_ok()).collect(),
            });
        }
        units.unwrap_or_default()
    }

    /// The first reading kept by `keep` that carries a phrase of every part:
    /// a paragraph that states it whole, else a lead-in with one sub-item.
    fn first_provision(&self, provision: &Provision, keep: impl Fn(&Unit) -> bool, lead_in: bool) -> Option<Evidence> {
        let found = self
            .units_with_every_part(provision)
            .into_iter()
            .filter(|&n| keep(&self.units[n]))
            .flat_map(|n| self.unit_provisions(n))
            .filter(|p| (p.blocks.len() > 1) == lead_in)
            .find(|p| {
                provision.parts.iter().all(|(_, phrases)| phrases.iter().any(|ph| ph.find_in(&p.words).is_some()))
            })?;
        Some(self.units[found.unit].evidence(&found.blocks))
    }
}

/// A unit's provisions, in reading order: each paragraph that is not a
/// sub-item opens one, and its sub-items follow it.
fn provisions(u: &Unit) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in u.blocks.clone().filter(|&i| Some(i) != u.heading) {
        let b = &u.doc.blocks[i];
        match out.last_mut() {
            Some(last) if last.end == i && is_sub_item(&u.doc.blocks[last.start], b) => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Whether `b` belongs to the provision that `opener` opens: a list item or
/// a lettered item under a paragraph, a deeper number ("2.3.1" under
/// "2.3"), or a table row.
fn is_sub_item(opener: &Block, b: &Block) -> bool {
    let is_item = |x: &Block| {
        matches!(x.kind, BlockKind::ListItem { .. }) || x.number.as_ref().is_some_and(|n| n.value.is_item())
    };
    if matches!(b.kind, BlockKind::TableRow { .. }) {
        return true;
    }
    match (&opener.number, &b.number) {
        (Some(o), Some(n)) if n.value.depth().is_some() => n.value.key().starts_with(&format!("{}.", o.value.key())),
        (None, Some(n)) if n.value.depth().is_some() => false,
        _ => is_item(b) && !is_item(opener),
    }
}

fn unit_list(a: &Agreement) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    let body = &a.body;
    // Each recital is a unit: words from (A) and (C) together prove nothing.
    let recitals: Vec<usize> = (0..body.blocks.len())
        .filter(|&i| body.blocks[i].section == Section::Recitals && !body.blocks[i].is_heading())
        .collect();
    let mut starts: Vec<usize> = recitals.iter().copied().filter(|&i| body.blocks[i].number.is_some()).collect();
    if let Some(&first) = recitals.first().filter(|f| starts.first() != Some(f)) {
        starts.insert(0, first);
    }
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().or_else(|| recitals.last().map(|l| l + 1)).unwrap_or(start + 1);
        out.push(Unit::new(body, Kind::Recitals, start..end, None));
    }
    let clause_starts: Vec<usize> = (0..body.blocks.len())
        .filter(|&i| {
            let b = &body.blocks[i];
            b.section == Section::Clauses && b.is_heading() && b.number.is_some()
        })
        .collect();
    for (n, &start) in clause_starts.iter().enumerate() {
        let end = clause_starts.get(n + 1).copied().unwrap_or(body.blocks.len());
        let end = (start..end).find(|&i| body.blocks[i].section != Section::Clauses).unwrap_or(end);
        let is_definitions = body.blocks[start].text.to_lowercase().contains("definition");
        if !is_definitions {
            out.push(Unit::new(body, Kind::Clause, start..end, None));
        }
    }
    for s in &a.schedules {
        let Some(doc) = s.doc.as_ref().filter(|_| !a.schedule_not_used(s)) else { continue };
        let number =
            a.entry(s).number.as_ref().map(|n| n.value.clone()).or_else(|| doc.schedule_number().map(str::to_string));
        let mut starts: Vec<usize> = (0..doc.blocks.len()).filter(|&i| doc.blocks[i].is_heading()).collect();
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(doc.blocks.len());
            if start < end {
                out.push(Unit::new(doc, Kind::Schedule, start..end, number.clone()));
            }
        }
    }
    out
}

/// The first evidence for an element, by the order of precedence above;
/// where the pack names a provision's parts, one provision must carry them
/// all, in place of the loose text phrases.
pub fn find(units: &Units, heading: &[Phrase], text: &[Phrase], provision: Option<&Provision>) -> Option<Evidence> {
    let in_body = |u: &Unit| u.kind != Kind::Schedule;
    let titles = |u: &Unit| u.kind != Kind::Schedule || u.is_title;
    let sections = |u: &Unit| u.kind == Kind::Schedule && !u.is_title;
    // A paragraph that states the element whole, anywhere, is cited before
    // one that needs its lead-in: "21.4 Each Partner may give notice in
    // writing … terminating …: 21.4.5 failure to agree a change in funding"
    // is about termination; Schedule 6's own paragraph is the variation.
    let whole = |keep: &dyn Fn(&Unit) -> bool| provision.and_then(|p| units.first_provision(p, keep, false));
    let words = |keep: &dyn Fn(&Unit) -> bool| match provision {
        Some(p) => whole(keep).or_else(|| whole(&|u: &Unit| !keep(u))).or_else(|| units.first_provision(p, keep, true)),
        None => units.first_text(text, keep),
    };
    units
        .first_heading(heading, titles)
        .or_else(|| words(&in_body))
        .or_else(|| units.first_heading(heading, sections))
        .or_else(|| words(&|u: &Unit| !in_body(u)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::statute::phrase::Words;
    use crate::rules::{Context, statute::Pack};

    /// The search as first written: each unit's own text cut into words,
    /// every phrase tried on each unit in turn. The index must find the same.
    fn find_unit_by_unit(units: &Units, heading: &[Phrase], text: &[Phrase]) -> Option<Evidence> {
        let unit_text = |u: &Unit| {
            let mut out = String::new();
            let mut starts = Vec::new();
            for i in u.blocks.clone() {
                starts.push((out.len(), i));
                out.push_str(&u.doc.blocks[i].display_text());
                out.push('\n');
            }
            (out, starts)
        };
        let by_heading = |u: &Unit| {
            let h = u.heading?;
            let words = Words::new(&u.doc.blocks[h].display_text());
            heading.iter().any(|p| p.find_in(&words).is_some()).then(|| u.evidence(&[h]))
        };
        let by_text = |u: &Unit| {
            let (joined, starts) = unit_text(u);
            let words = Words::new(&joined);
            text.iter().find_map(|p| {
                let found = p.find_in(&words)?;
                let block_at = |at: usize| starts.iter().rev().find(|(s, _)| *s <= at).map_or(u.blocks.start, |b| b.1);
                let mut blocks: Vec<usize> = found.iter().map(|r| block_at(r.start)).collect();
                blocks.sort_unstable();
                blocks.dedup();
                Some(u.evidence(&blocks))
            })
        };
        let in_body = |u: &&Unit| u.kind != Kind::Schedule;
        let titles = |u: &&Unit| u.kind != Kind::Schedule || u.is_title;
        let sections = |u: &&Unit| u.kind == Kind::Schedule && !u.is_title;
        let all = &units.units;
        all.iter()
            .filter(titles)
            .find_map(by_heading)
            .or_else(|| all.iter().filter(in_body).find_map(by_text))
            .or_else(|| all.iter().filter(sections).find_map(by_heading))
            .or_else(|| all.iter().filter(|u| !in_body(u)).find_map(by_text))
    }

    fn payments_variation(pack: &Pack) -> &crate::rules::statute::pack::Element {
        pack.elements.iter().find(|e| e.key == "payments-variation").expect("the pack's element")
    }

    #[test]
    fn how_payments_vary_is_the_finance_schedules_own_paragraph() {
        let cx = Context::new(jiff::civil::date(2026, 12, 1));
        let pack = Pack::parse(&cx.packs.statute).expect("the built-in pack reads");
        let element = payments_variation(&pack);
        // The 2019 agreement and its 2022 renewal.
        for a in crate::rules::testing::bundled().iter().take(2) {
            let found = find(&units(a), &element.heading, &element.text, element.provision.as_ref());
            let found = found.unwrap_or_else(|| panic!("{}: not found", a.id()));
            assert_eq!(found.reference, "Schedule 6 para 2.3", "{}", a.id());
            assert!(
                found.detail.starts_with("2.3 If agreement on a change of funding cannot be agreed"),
                "{}",
                found.detail
            );
        }
    }

    #[test]
    fn a_review_clause_does_not_say_how_payments_vary() {
        let cx = Context::new(jiff::civil::date(2026, 12, 1));
        let pack = Pack::parse(&cx.packs.statute).expect("the built-in pack reads");
        let provision = payments_variation(&pack).provision.as_ref().expect("a provision");
        let renewal = crate::rules::testing::bundled().swap_remove(1);
        let units = units(&renewal);
        let review = |u: &Unit| u.heading.is_some_and(|h| u.doc.blocks[h].text.starts_with("Review of this Agreement"));
        assert!(units.units.iter().any(&review), "the 2022 agreement has its Clause 11");
        for lead_in in [false, true] {
            assert!(units.first_provision(provision, review, lead_in).is_none());
        }
        // Nor does the 2019 list of delegated functions ("direct payments"
        // in 5.1.9, "as amended" in 5.1.16): each item is read on its own.
        let original = crate::rules::testing::coventry_2019();
        let units = super::units(&original);
        let functions = |u: &Unit| u.heading.is_some_and(|h| u.doc.blocks[h].text.starts_with("Council Functions"));
        assert!(units.units.iter().any(&functions), "the 2019 agreement has its Clause 5");
        for lead_in in [false, true] {
            assert!(units.first_provision(provision, functions, lead_in).is_none());
        }
    }

    #[test]
    fn a_provision_is_a_paragraph_with_its_sub_items() {
        let original = crate::rules::testing::coventry_2019();
        let units = units(&original);
        let excluded = units
            .units
            .iter()
            .find(|u| u.heading.is_some_and(|h| u.doc.blocks[h].text.starts_with("Excluded Functions")))
            .expect("Clause 6");
        let keys = |r: &Range<usize>| {
            let number = |b: usize| excluded.doc.blocks[b].number.as_ref().map_or(String::new(), |n| n.value.key());
            (number(r.start), number(r.end - 1))
        };
        let found: Vec<(String, String)> = provisions(excluded).iter().map(keys).collect();
        // 6.1 runs through 6.1.1–6.1.6 and their (i), (ii) …; 6.2 through 6.2.2.
        let starts: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(starts, ["6.1", "6.2", "6.3"], "{found:?}");
        assert_eq!(found[1].1, "6.2.2");
    }

    #[test]
    fn the_index_finds_what_a_unit_by_unit_search_finds() {
        let cx = Context::new(jiff::civil::date(2026, 12, 1));
        let pack = Pack::parse(&cx.packs.statute).expect("the built-in pack reads");
        let mut compared = 0;
        for a in crate::rules::testing::bundled() {
            let id = a.id().to_string();
            let units = units(&a);
            for element in &pack.elements {
                let view = |e: Option<Evidence>| e.map(|e| (e.reference, e.span.range, e.detail));
                assert_eq!(
                    view(find(&units, &element.heading, &element.text, None)),
                    view(find_unit_by_unit(&units, &element.heading, &element.text)),
                    "{id}: {}",
                    element.key
                );
                compared += 1;
            }
        }
        assert!(compared > 30, "compared {compared} elements");
    }
}
