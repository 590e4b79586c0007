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

use std::ops::Range;

use super::evaluate::{Evidence, How};
use super::phrase::{Phrase, Words};
use super::refs::excerpt;
use crate::model::{Agreement, Document, Section};

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
    /// The unit's text: its blocks joined by newlines.
    text: String,
    /// Where each block starts in `text`.
    starts: Vec<(usize, usize)>,
    /// `text` cut into words, once, when a phrase is first searched in it
    /// (most units never are: the search stops at the first unit that matches).
    words: std::cell::OnceCell<Words>,
}

impl<'a> Unit<'a> {
    fn new(doc: &'a Document, kind: Kind, blocks: Range<usize>, schedule: Option<String>) -> Self {
        let heading = doc.blocks.get(blocks.start).filter(|b| b.is_heading()).map(|_| blocks.start);
        let mut text = String::new();
        let mut starts = Vec::new();
        for i in blocks.clone() {
            starts.push((text.len(), i));
            text.push_str(&doc.blocks[i].display_text());
            text.push('\n');
        }
        let is_title = kind == Kind::Schedule && blocks.start == 0;
        Unit { doc, kind, blocks, heading, schedule, text, starts, is_title, words: std::cell::OnceCell::new() }
    }

    /// The block containing byte `at` of the unit text.
    fn block_at(&self, at: usize) -> usize {
        self.starts.iter().rev().find(|(start, _)| *start <= at).map_or(self.blocks.start, |(_, i)| *i)
    }

    /// How a reader cites the text at these blocks: "Clause 8.1, 8.2",
    /// "Recital (B)", "Schedule 1 para 2".
    fn reference(&self, blocks: &[usize]) -> String {
        let mut numbers: Vec<String> = Vec::new();
        for &b in blocks {
            // The nearest numbered block at or before `b` within the unit.
            let number =
                (self.blocks.start..=b).rev().find_map(|i| self.doc.blocks[i].number.as_ref().map(|n| n.value.key()));
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

/// Every searchable unit of an agreement, in reading order.
pub fn units(a: &Agreement) -> Vec<Unit<'_>> {
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

/// The first evidence for an element, by the order of precedence above.
pub fn find(units: &[Unit], heading: &[Phrase], text: &[Phrase]) -> Option<Evidence> {
    let in_body = |u: &&Unit| u.kind != Kind::Schedule;
    let titles = |u: &&Unit| u.kind != Kind::Schedule || u.is_title;
    let sections = |u: &&Unit| u.kind == Kind::Schedule && !u.is_title;
    units
        .iter()
        .filter(titles)
        .find_map(|u| by_heading(u, heading))
        .or_else(|| units.iter().filter(in_body).find_map(|u| by_text(u, text)))
        .or_else(|| units.iter().filter(sections).find_map(|u| by_heading(u, heading)))
        .or_else(|| units.iter().filter(|u| !in_body(u)).find_map(|u| by_text(u, text)))
}

/// The unit's heading, if it contains one of the phrases.
fn by_heading(u: &Unit, phrases: &[Phrase]) -> Option<Evidence> {
    let h = u.heading?;
    let heading = u.doc.blocks[h].display_text();
    phrases.iter().any(|p| p.is_match(&heading)).then(|| u.evidence(&[h]))
}

/// The unit's words, if they contain all the words of one of the phrases.
fn by_text(u: &Unit, phrases: &[Phrase]) -> Option<Evidence> {
    phrases.iter().find_map(|p| {
        let found = p.find_in(u.words.get_or_init(|| Words::new(&u.text)))?;
        let mut blocks: Vec<usize> = found.iter().map(|r| u.block_at(r.start)).collect();
        blocks.sort_unstable();
        blocks.dedup();
        Some(u.evidence(&blocks))
    })
}
