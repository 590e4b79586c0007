//! Turning what [`dotted`](super::dotted) and [`items`](super::items) find
//! into findings: which blocks take part, where each finding points, and
//! what it says.

use crate::model::number::{Component, NumberKind};
use crate::model::{Block, BlockKind, Document, Located, Number, Section, Span};
use crate::rules::{Finding, Rule};

use super::dotted::{self, DottedIssue};
use super::items::{self, Item, ItemIssue};
use super::regions::Region;
use super::{DUPLICATE, GAP, ORPHAN, OUT_OF_ORDER};

/// Blocks that can carry a provision number: table cells and code never do,
/// and execution blocks are signatures, not provisions.
fn numbered(b: &Block) -> Option<&Located<Number>> {
    let eligible = !matches!(b.kind, BlockKind::TableRow { .. } | BlockKind::Code) && b.section != Section::Execution;
    b.number.as_ref().filter(|_| eligible)
}

/// The dotted number of a block. A bullet's marker is its label, so a figure
/// opening a bullet ("- 8 working days in a 12 month period") is a quantity,
/// not a provision number.
fn dotted_of(b: &Block) -> Option<&[Component]> {
    if b.kind == (BlockKind::ListItem { ordered: false }) {
        return None;
    }
    match numbered(b).map(|n| &n.value.kind) {
        Some(NumberKind::Dotted(comps)) => Some(comps),
        _ => None,
    }
}

/// A paragraph that is only a sub-number ("11.8"), which the model does not
/// read as numbered because no text follows it. It counts as a provision
/// when the next number is its first child ("11.8.1"); figures standing
/// alone in charts and tables never are.
fn bare_number(doc: &Document, region: &Region, i: usize) -> Option<Vec<Component>> {
    let b = &doc.blocks[i];
    if b.kind != BlockKind::Paragraph || b.number.is_some() {
        return None;
    }
    let comps = Number::parse(&b.text)?.components()?.to_vec();
    let next = (i + 1..region.blocks.end).find_map(|j| dotted_of(&doc.blocks[j]))?;
    (comps.len() >= 2 && next.len() == comps.len() + 1 && next.starts_with(&comps)).then_some(comps)
}

/// The dotted numbers of one region, with the blocks and spans they come from.
struct DottedRun<'d> {
    doc: &'d Document,
    region: &'d Region,
    blocks: Vec<usize>,
    spans: Vec<Span>,
    entries: Vec<dotted::Entry>,
}

impl<'d> DottedRun<'d> {
    fn collect(doc: &'d Document, region: &'d Region) -> Self {
        let mut run = DottedRun { doc, region, blocks: Vec::new(), spans: Vec::new(), entries: Vec::new() };
        for i in region.blocks.clone() {
            let b = &doc.blocks[i];
            let (comps, span) = match (dotted_of(b), &b.number) {
                (Some(c), Some(n)) => (c.to_vec(), n.span.clone()),
                _ => match bare_number(doc, region, i) {
                    Some(c) => (c, b.span.clone()),
                    None => continue,
                },
            };
            run.blocks.push(i);
            run.spans.push(span);
            run.entries.push(dotted::Entry { comps, heading: b.is_heading() });
        }
        run
    }

    /// The number as findings show it: `8.0` as `8`, `38.` as `38`.
    fn shown(&self, at: usize) -> String {
        dotted::key(&dotted::normalise(&self.entries[at].comps))
    }

    fn span(&self, at: usize) -> Option<Span> {
        self.spans.get(at).cloned()
    }

    fn place(&self) -> &str {
        &self.region.place
    }

    /// The parent whose children an issue is about ("" for top-level numbers).
    fn parent_of(&self, issue: &DottedIssue) -> String {
        let at = match issue {
            DottedIssue::Orphan { parent, .. } => return parent.clone(),
            DottedIssue::Duplicate { at, .. } | DottedIssue::Gap { at, .. } | DottedIssue::OutOfOrder { at, .. } => *at,
        };
        let comps = dotted::normalise(&self.entries[at].comps);
        dotted::key(&comps[..comps.len().saturating_sub(1)])
    }

    fn finding(&self, issue: DottedIssue) -> Option<Finding> {
        match issue {
            DottedIssue::Duplicate { at, first } => {
                let n = self.shown(at);
                Some(
                    Finding::new(&DUPLICATE, self.span(at)?, format!("{n} is used twice in {}", self.place()))
                        .label(format!("second {n}"))
                        .related(self.span(first)?, format!("first {n} here"))
                        .help(format!("renumber one of them: a reference to {n} is now ambiguous")),
                )
            }
            DottedIssue::Gap { at, prev, missing } => self.gap(at, prev, &missing),
            DottedIssue::OutOfOrder { at, prev, jumped: false } => Some(
                Finding::new(
                    &OUT_OF_ORDER,
                    self.span(at)?,
                    format!("{} follows {} in {}", self.shown(at), self.shown(prev), self.place()),
                )
                .label("lower than the number before it")
                .related(self.span(prev)?, format!("{} here", self.shown(prev))),
            ),
            DottedIssue::OutOfOrder { at, prev, jumped: true } => Some(
                Finding::new(
                    &OUT_OF_ORDER,
                    self.span(prev)?,
                    format!("{} comes before {} in {}", self.shown(prev), self.shown(at), self.place()),
                )
                .label(format!("ahead of {}", self.shown(at)))
                .related(self.span(at)?, format!("{} here, after it", self.shown(at))),
            ),
            DottedIssue::Orphan { first, last, parent, meant } => self.orphan(first, last, &parent, meant),
        }
    }

    fn gap(&self, at: usize, prev: Option<usize>, missing: &(String, String)) -> Option<Finding> {
        let n = self.shown(at);
        let what = missing_text(missing);
        let comps = dotted::normalise(&self.entries[at].comps);
        let parent = &comps[..comps.len().saturating_sub(1)];
        let (message, related) = match prev {
            Some(p) => (format!("{what}: {n} follows {} in {}", self.shown(p), self.place()), Some(p)),
            None if parent.is_empty() => (format!("{what}: {n} is the first number in {}", self.place()), None),
            None => {
                let p = dotted::key(parent);
                let parent_at = (0..at).rev().find(|&i| dotted::normalise(&self.entries[i].comps) == parent);
                (format!("{what}: {n} is the first number under {p} in {}", self.place()), parent_at)
            }
        };
        let mut f = Finding::new(&GAP, self.span(at)?, message)
            .label(format!("{} missing before this", missing_short(missing)));
        if let Some(r) = related {
            f = f.related(self.span(r)?, format!("{} here", self.shown(r)));
        }
        // Where the missing number would stand: after the number before it
        // (the previous sibling, or the parent for a first child).
        let from = at.checked_sub(1).map_or(self.region.blocks.start, |p| self.blocks[p] + 1);
        let from = prev.map_or(from, |p| self.blocks[p] + 1);
        if let Some(line) = unnumbered_between(self.doc, from, self.blocks[at]).filter(|_| missing.0 == missing.1) {
            f = f.help(format!("the unnumbered paragraph at line {line} may be the missing {}", missing.0));
        }
        Some(f)
    }

    fn orphan(&self, first: usize, last: usize, parent: &str, meant: Option<String>) -> Option<Finding> {
        let numbers = if first == last {
            format!("{} is", self.shown(first))
        } else {
            format!("{}–{} are", self.shown(first), self.shown(last))
        };
        let message = format!("{numbers} numbered under {parent}, but {} has no {parent}", self.place());
        let f = Finding::new(&ORPHAN, self.span(first)?, message).label(format!("no {parent} above this"));
        // Only the paragraph right before the orphan is offered: a lead-in
        // ("… will ensure that the integrated services:") that lost its number.
        let before = self.blocks[first].saturating_sub(1).max(self.region.blocks.start);
        Some(match (meant, unnumbered_between(self.doc, before, self.blocks[first])) {
            (Some(m), _) => f.help(format!("{m} may have been meant")),
            (None, Some(line)) => {
                f.help(format!("the unnumbered paragraph at line {line} may be the missing {parent}"))
            }
            (None, None) => f,
        })
    }
}

pub fn check_dotted(doc: &Document, region: &Region, out: &mut Vec<Finding>) {
    let run = DottedRun::collect(doc, region);
    // One mis-numbered run of siblings is one defect however many numbers
    // in it are wrong (2.1, 2.2, 2.3, 2.2, 2.3 under a missing 2): its
    // issues become one finding that names the run.
    let mut runs: Vec<(String, Vec<Finding>)> = Vec::new();
    for issue in dotted::check(&run.entries) {
        let parent = run.parent_of(&issue);
        let Some(f) = run.finding(issue) else { continue };
        match runs.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, found)) => found.push(f),
            None => runs.push((parent, vec![f])),
        }
    }
    for (parent, found) in runs {
        out.push(if found.len() == 1 { found.into_iter().next().expect("one") } else { merge(&run, &parent, found) });
    }
}

/// Codes from the most to the least serious: the merged finding takes the first.
const BY_WEIGHT: [&Rule; 4] = [&DUPLICATE, &OUT_OF_ORDER, &ORPHAN, &GAP];

fn merge(run: &DottedRun, parent: &str, mut found: Vec<Finding>) -> Finding {
    let weight = |f: &Finding| BY_WEIGHT.iter().position(|r| std::ptr::eq(*r, f.rule)).unwrap_or(BY_WEIGHT.len());
    let place = format!(" in {}", run.place());
    let orphaned = format!("but {} has no", run.place());
    let problems: Vec<String> =
        found.iter().map(|f| f.message.replacen(&place, "", 1).replacen(&orphaned, "but there is no", 1)).collect();
    let first = found.iter().min_by_key(|f| f.primary.span.range.start).map(|f| f.primary.clone());
    let numbers =
        if parent.is_empty() { "the top-level numbers".to_string() } else { format!("the numbers under {parent}") };
    let message = format!("{numbers}{place} are mis-numbered: {}", problems.join("; "));
    // A hint where a lost number may be (an orphan's or a gap's) is kept.
    let mut help = "renumber the run in order, then correct the references to the renumbered provisions".to_string();
    for hint in found.iter().filter(|f| !std::ptr::eq(f.rule, &DUPLICATE)).filter_map(|f| f.help.as_deref()) {
        help.push_str("; ");
        help.push_str(hint);
    }
    found.sort_by_key(|f| (weight(f), f.primary.span.range.start));
    let lead = found.remove(0);
    let first = first.unwrap_or_else(|| lead.primary.clone());
    let mut merged = Finding::new(lead.rule, first.span, message).label(first.message).help(help);
    let mut all = vec![lead];
    all.extend(found);
    for f in all {
        if f.primary.span.range != merged.primary.span.range {
            merged = merged.related(f.primary.span.clone(), f.primary.message.clone());
        }
        for r in f.related {
            if !merged.related.iter().any(|m| m.span.range == r.span.range) && r.span.range != merged.primary.span.range
            {
                merged = merged.related(r.span, r.message);
            }
        }
    }
    merged.related.sort_by_key(|l| l.span.range.start);
    merged
}

fn missing_text((a, b): &(String, String)) -> String {
    if a == b { format!("{a} is missing") } else { format!("{a} to {b} are missing") }
}

fn missing_short((a, b): &(String, String)) -> String {
    if a == b { a.clone() } else { format!("{a}–{b}") }
}

/// The line of the last unnumbered, non-empty paragraph in `from..to`, if
/// any: a paragraph that may have lost its number.
fn unnumbered_between(doc: &Document, from: usize, to: usize) -> Option<usize> {
    doc.blocks
        .get(from..to)?
        .iter()
        .rev()
        .find(|b| b.kind == BlockKind::Paragraph && b.number.is_none() && !b.text.trim().is_empty())
        .map(|b| b.span.start().0)
}

/// Item labels, run by run: a run is the items between two numbered
/// provisions or headings (unnumbered paragraphs and bullets do not end it).
pub fn check_items(doc: &Document, region: &Region, out: &mut Vec<Finding>) {
    let mut run: Vec<(usize, Item)> = Vec::new();
    for i in region.blocks.clone() {
        let b = &doc.blocks[i];
        match numbered(b).map(|n| &n.value.kind) {
            Some(NumberKind::Item { label, closing_only }) if !b.is_heading() => {
                run.push((i, Item { label: label.clone(), paren: !closing_only }));
            }
            Some(_) => flush_items(doc, region, &mut run, out),
            None if b.is_heading() => flush_items(doc, region, &mut run, out),
            None => {}
        }
    }
    flush_items(doc, region, &mut run, out);
}

fn flush_items(doc: &Document, region: &Region, run: &mut Vec<(usize, Item)>, out: &mut Vec<Finding>) {
    let labels: Vec<Item> = run.iter().map(|(_, it)| it.clone()).collect();
    let span = |at: usize| run.get(at).and_then(|(i, _)| doc.blocks[*i].number.as_ref()).map(|n| n.span.clone());
    let shown = |at: usize| {
        run.get(at).map_or_else(String::new, |(_, it)| {
            if it.paren { format!("({})", it.label) } else { format!("{})", it.label) }
        })
    };
    let place = &region.place;
    for issue in items::check_run(&labels) {
        let finding = match issue {
            ItemIssue::Duplicate { at, first } => {
                let (Some(here), Some(there)) = (span(at), span(first)) else { continue };
                Finding::new(&DUPLICATE, here, format!("item {} is used twice in one list in {place}", shown(at)))
                    .label(format!("second {}", shown(at)))
                    .related(there, format!("first {} here", shown(first)))
            }
            ItemIssue::Gap { at, prev, missing } => {
                let (Some(here), Some(there)) = (span(at), span(prev)) else { continue };
                let message =
                    format!("{}: item {} follows {} in {place}", missing_text(&missing), shown(at), shown(prev));
                Finding::new(&GAP, here, message)
                    .label(format!("{} missing before this", missing_short(&missing)))
                    .related(there, format!("{} here", shown(prev)))
            }
            ItemIssue::OutOfOrder { at, prev, jumped: false } => {
                let (Some(here), Some(there)) = (span(at), span(prev)) else { continue };
                Finding::new(&OUT_OF_ORDER, here, format!("item {} follows {} in {place}", shown(at), shown(prev)))
                    .label("lower than the item before it")
                    .related(there, format!("{} here", shown(prev)))
            }
            ItemIssue::OutOfOrder { at, prev, jumped: true } => {
                let (Some(here), Some(there)) = (span(prev), span(at)) else { continue };
                let message = format!("item {} comes before {} in {place}", shown(prev), shown(at));
                Finding::new(&OUT_OF_ORDER, here, message)
                    .label(format!("ahead of {}", shown(at)))
                    .related(there, format!("{} here, after it", shown(at)))
            }
        };
        out.push(finding);
    }
    run.clear();
}
