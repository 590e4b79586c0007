//! Hover: a term's definition, a reference's target (heading and first
//! lines), or what replaced a stale name and when.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::model::definitions::Definition;
use crate::model::definitions::{DefinitionForm, Problem};
use crate::model::references::{Hit, Resolution};
use crate::model::{Block, BlockKind, DocId, Document};
use crate::rules::stale::register::Register;

use super::analysis::Analysis;
use super::locate::{Target, target_at};
use super::position::range;

/// How much of a target's text a hover shows.
const FIRST_LINES: usize = 4;
const MAX_CHARS: usize = 600;

pub fn hover(
    analysis: &Analysis,
    register: Option<&Register>,
    id: DocId,
    doc: &Document,
    offset: usize,
) -> Option<Hover> {
    let (text, span) = match target_at(analysis, register, id, doc, offset)? {
        Target::Term { key, span } => (term(analysis, &key), span),
        Target::Reference(i) => {
            let r = &analysis.refs[i];
            (reference(analysis, &r.reference.describe(), &r.resolution), r.reference.span.clone())
        }
        Target::Stale { entry, span } => (stale(register?, entry), span),
        Target::Provision { .. } => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(range(&span)),
    })
}

fn term(analysis: &Analysis, key: &str) -> String {
    let parts: Vec<String> = analysis
        .terms
        .definitions(key)
        .iter()
        .map(|&d| {
            let def = &analysis.defs[d];
            let (line, _) = def.span.start();
            // An inline definition may say nothing before its term ("together known as “Partners”"): its sentence says it all.
            let meaning =
                if def.meaning.trim().is_empty() { analysis_block_text(analysis, def) } else { shorten(&def.meaning) };
            let verb = if def.form == DefinitionForm::Clause && !def.problems.contains(&Problem::NoVerb) {
                " means"
            } else {
                ":"
            };
            format!("**“{}”**{verb} {meaning}\n\n*defined at {}:{line}*", def.term, def.span.file.path)
        })
        .collect();
    parts.join("\n\n---\n\n")
}

fn reference(analysis: &Analysis, described: &str, resolution: &Resolution) -> String {
    match resolution {
        Resolution::Found(hits) => {
            hits.iter().map(|h| target_text(analysis, h)).collect::<Vec<_>>().join("\n\n---\n\n")
        }
        Resolution::NoSchedule(n) => format!("**{described}**: this agreement has no Schedule {n}"),
        Resolution::ScheduleNotUsed { number, .. } => format!("**{described}**: Schedule {number} is “Not used”"),
        Resolution::Missing(_) => format!("**{described}**: no such provision in this agreement"),
        Resolution::Unchecked => format!("**{described}**: the schedule's file is missing"),
    }
}

fn analysis_block_text(analysis: &Analysis, def: &Definition) -> String {
    let block = def.doc.document(&analysis.agreement).and_then(|d| d.blocks.get(def.block));
    shorten(&block.map(Block::display_text).unwrap_or_default())
}

/// A target's heading, then the first lines of its text, then where it is.
fn target_text(analysis: &Analysis, hit: &Hit) -> String {
    let doc = hit.doc.document(&analysis.agreement);
    let mut out = String::new();
    let number = doc.zip(hit.block).and_then(|(d, b)| d.blocks[b].number.as_ref()).map(|n| n.value.raw.clone());
    let heading = hit.titles.first().cloned();
    match (number, heading) {
        (Some(n), Some(h)) => out.push_str(&format!("**{n} {h}**")),
        (Some(n), None) => out.push_str(&format!("**{n}**")),
        (None, Some(h)) => out.push_str(&format!("**{h}**")),
        (None, None) => {}
    }
    if let (Some(doc), Some(block)) = (doc, hit.block) {
        let first = shorten(&first_lines(doc, block).join("\n\n"));
        if !first.is_empty() {
            out.push_str("\n\n");
            out.push_str(&first);
        }
        let (line, _) = doc.blocks[block].span.start();
        out.push_str(&format!("\n\n*{}:{line}*", doc.file.path));
    }
    out
}

/// The first lines of the target opened by `block`: a numbered provision's
/// own text (its number included); under a heading, what follows it, up to
/// the next heading of the same level or higher.
fn first_lines(doc: &Document, block: usize) -> Vec<String> {
    let blocks = match (doc.provisions.iter().find(|p| p.start == block), doc.blocks[block].kind) {
        (_, BlockKind::Heading { level }) => {
            let rest = &doc.blocks[block + 1..];
            let ends = |b: &Block| matches!(b.kind, BlockKind::Heading { level: l } if l <= level);
            &rest[..rest.iter().position(ends).unwrap_or(rest.len())]
        }
        (Some(p), _) => &doc.blocks[p.blocks.clone()],
        (None, _) => &doc.blocks[block..=block],
    };
    blocks.iter().map(Block::display_text).filter(|l| !l.trim().is_empty()).take(FIRST_LINES).collect()
}

fn stale(register: &Register, entry: usize) -> String {
    let Some(e) = register.entries.get(entry) else { return String::new() };
    let mut out = format!(
        "**{}**: {} with effect from {}; now: {}.",
        e.name,
        e.change.participle(),
        e.from.strftime("%-d %B %Y"),
        e.successor
    );
    if let Some(note) = &e.note {
        out.push_str(&format!("\n\n{note}"));
    }
    let sources = register.cite(e);
    if !sources.is_empty() {
        out.push_str(&format!("\n\n*Sources: {sources}*"));
    }
    if !e.verified {
        out.push_str("\n\n† the date or status is not yet confirmed from a primary source");
    }
    out
}

/// At most [`MAX_CHARS`] characters, cut at a word.
fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}
