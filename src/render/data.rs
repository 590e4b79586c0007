//! The data every pack template receives (documented in `docs/templates.md`).
//!
//! Built once from the model and handed unchanged to both renderers: the
//! HTML template gets it as minijinja values, the Typst template reads it as
//! JSON. Text stays plain strings here — the templates decide how it looks
//! and can never have it interpreted as markup.

use std::collections::HashSet;

use serde::Serialize;

use super::fingerprint::Fingerprint;
use super::git::GitInfo;
use super::timestamp::PackTime;
use crate::model::metadata::Party;
use crate::model::number::NumberKind;
use crate::model::{Agreement, Block, BlockKind, DocKind, Document, Section};

/// Version of this data layout; bumped when a field changes meaning.
pub const DATA_SCHEMA: u32 = 1;

#[derive(Debug, Serialize)]
pub struct PackData {
    pub schema: u32,
    pub tool: Tool,
    /// "pdf" or "html".
    pub format: String,
    /// Rendered with `--draft`: stamp DRAFT on every page.
    pub draft: bool,
    pub agreement: AgreementData,
    /// The contents: level-1 headings of the body, the execution section, the schedules.
    pub contents: Vec<ContentsEntry>,
    /// The body up to the signature blocks (preamble, recitals, clauses).
    pub body: Vec<BlockData>,
    pub execution: ExecutionData,
    pub schedules: Vec<ScheduleData>,
    pub fingerprint: FingerprintData,
    pub date: DateData,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AgreementData {
    pub id: String,
    /// Repository-relative folder, `agreements/<id>`.
    pub dir: String,
    pub title: String,
    pub illustrative: Option<String>,
    /// "draft" or "signed" as `agreement.toml` states it.
    pub state: Option<&'static str>,
    pub statutory_basis: Vec<String>,
    pub parties: Vec<PartyData>,
    pub commencement: Option<String>,
    pub expiry: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyData {
    pub key: Option<String>,
    pub name: String,
    pub kind: Option<&'static str>,
    pub defined_as: Option<String>,
    pub address: Option<String>,
    /// Role of the person who signs ("Chief Executive").
    pub signatory: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ContentsEntry {
    /// "heading", "execution" or "schedule".
    pub kind: &'static str,
    pub anchor: String,
    pub number: Option<String>,
    pub title: String,
    /// Number and title as shown: "4 Functions", "Schedule 1 — Aims and Outcomes".
    pub label: String,
}

/// One block of text. Tables are one block with `rows`.
#[derive(Debug, Serialize)]
pub struct BlockData {
    /// "heading", "paragraph", "list-item", "table" or "code".
    pub kind: &'static str,
    /// Heading level in the pack: 1 (in the contents) to 3; 0 for other blocks.
    pub level: u8,
    /// The authored number, exactly as written (`1.1`, `(a)`, `27A`), never generated.
    pub number: Option<String>,
    /// The text after the number, with Markdown markup and escapes removed.
    pub text: String,
    /// Number and text joined by a space: what a reader sees.
    pub display: String,
    /// Link target for headings (unique in the pack).
    pub anchor: Option<String>,
    /// "preamble", "recitals", "clauses", "execution" or "schedule".
    pub section: &'static str,
    /// Indentation step (0 = flush) derived from the number's depth.
    pub indent: u8,
    /// An unnumbered paragraph continuing a numbered provision: indent it to
    /// the provision's text rather than its number.
    pub continuation: bool,
    /// For "list-item": whether the Markdown list was ordered.
    pub ordered: bool,
    /// For "table": the rows, each with its cells.
    pub rows: Vec<RowData>,
}

#[derive(Debug, Serialize)]
pub struct RowData {
    pub header: bool,
    pub cells: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ExecutionData {
    pub anchor: &'static str,
    /// Authored lead-in paragraphs ("IN WITNESS whereof …") before the signature blocks.
    pub lead: Vec<BlockData>,
    /// One per party in `agreement.toml`, in order.
    pub blocks: Vec<ExecutionBlockData>,
    /// Authored text after the signature blocks, printed after them in the
    /// order written (validate warns about it: `residue.after-execution`).
    pub after: Vec<BlockData>,
}

#[derive(Debug, Serialize)]
pub struct ExecutionBlockData {
    pub party: PartyData,
    /// "Signed for and on behalf of <name>".
    pub heading: String,
    /// Signature, Print Name, Position, Date; an empty value is a line to sign on.
    pub fields: Vec<FieldData>,
}

#[derive(Debug, Serialize)]
pub struct FieldData {
    pub label: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct ScheduleData {
    pub anchor: String,
    pub number: Option<String>,
    pub title: Option<String>,
    /// The schedule's first heading exactly as authored ("Schedule 1 — Aims and Outcomes").
    pub heading: String,
    /// "Schedule <number> — <title>" from the schedule (or its metadata), for the contents.
    pub label: String,
    /// Declared `not_used`, or its text says only "Not used".
    pub not_used: bool,
    /// The schedule's text without its title heading.
    pub blocks: Vec<BlockData>,
}

#[derive(Debug, Serialize)]
pub struct FingerprintData {
    /// SHA-256 of the source files (see `render::fingerprint`).
    pub sha256: String,
    /// Its first 12 characters.
    pub short: String,
    /// Full commit id when every source file is committed unchanged.
    pub commit: Option<String>,
    /// "committed", "uncommitted changes" or "not in git".
    pub state: &'static str,
    /// "Fingerprint 0123abcd4567 · commit 89abcdef0123": the footer line.
    pub footer: String,
    pub files: Vec<super::fingerprint::FileHash>,
    /// Name/content pairs to embed (HTML `<meta>` tags) so `s75 verify` can read the pack.
    pub meta: Vec<super::marker::Marker>,
}

#[derive(Debug, Serialize)]
pub struct DateData {
    /// RFC 3339, UTC: the pack's creation time.
    pub timestamp: String,
    /// "SOURCE_DATE_EPOCH", "commit" or "fixed".
    pub source: &'static str,
}

/// Everything besides the agreement that a pack depends on.
pub struct Inputs<'a> {
    pub format: &'a str,
    pub draft: bool,
    pub fingerprint: &'a Fingerprint,
    pub git: &'a GitInfo,
    pub time: &'a PackTime,
}

pub fn build(agreement: &Agreement, inputs: &Inputs) -> PackData {
    let mut anchors = Anchors::default();
    let BodyParts { body, lead, after } = body_blocks(&agreement.body, &mut anchors);
    let mut contents = headings(&body);
    let execution = ExecutionData {
        anchor: "execution",
        lead,
        blocks: agreement.meta.parties.iter().map(execution_block).collect(),
        after,
    };
    contents.push(ContentsEntry {
        kind: "execution",
        anchor: execution.anchor.to_string(),
        number: None,
        title: "Execution".to_string(),
        label: "Execution".to_string(),
    });
    contents.extend(headings(&execution.after));
    let schedules: Vec<ScheduleData> =
        agreement.schedules.iter().map(|s| schedule(agreement, s, &mut anchors)).collect();
    contents.extend(schedules.iter().map(|s| ContentsEntry {
        kind: "schedule",
        anchor: s.anchor.clone(),
        number: s.number.clone(),
        title: s.title.clone().unwrap_or_default(),
        label: s.label.clone(),
    }));

    let fp = inputs.fingerprint;
    PackData {
        schema: DATA_SCHEMA,
        tool: Tool { name: "s75", version: env!("CARGO_PKG_VERSION") },
        format: inputs.format.to_string(),
        draft: inputs.draft,
        agreement: agreement_data(agreement),
        contents,
        body,
        execution,
        schedules,
        fingerprint: FingerprintData {
            sha256: fp.sha256.clone(),
            short: fp.short().to_string(),
            commit: inputs.git.commit.clone(),
            state: inputs.git.state_name(),
            footer: format!("Fingerprint {} · {}", fp.short(), inputs.git.label()),
            files: fp.files.clone(),
            meta: super::marker::markers(&fp.sha256, &agreement.dir, inputs.git.commit.as_deref()),
        },
        date: DateData { timestamp: inputs.time.rfc3339(), source: inputs.time.source.name() },
    }
}

/// Contents entries for the level-1 headings among `blocks`.
fn headings(blocks: &[BlockData]) -> Vec<ContentsEntry> {
    blocks
        .iter()
        .filter(|b| b.kind == "heading" && b.level == 1)
        .map(|b| ContentsEntry {
            kind: "heading",
            anchor: b.anchor.clone().unwrap_or_default(),
            number: b.number.clone(),
            title: b.text.clone(),
            label: b.display.clone(),
        })
        .collect()
}

fn agreement_data(a: &Agreement) -> AgreementData {
    let m = &a.meta;
    let term = m.term.as_ref();
    AgreementData {
        id: a.id().to_string(),
        dir: a.dir.clone(),
        title: a.title().to_string(),
        illustrative: m.illustrative.as_ref().map(|s| s.value.clone()),
        state: m.status.as_ref().map(|s| match s.state.value {
            crate::model::metadata::State::Draft => "draft",
            crate::model::metadata::State::Signed => "signed",
        }),
        statutory_basis: m.statutory_basis.iter().map(|s| s.value.clone()).collect(),
        parties: m.parties.iter().map(party).collect(),
        commencement: term.and_then(|t| t.commencement.as_ref()).map(|d| d.value.to_string()),
        expiry: term.and_then(|t| t.expiry.as_ref()).map(|d| d.value.to_string()),
    }
}

fn party(p: &Party) -> PartyData {
    let s = |v: &Option<crate::model::Located<String>>| v.as_ref().map(|x| x.value.clone());
    PartyData {
        key: s(&p.key),
        name: p.display_name().to_string(),
        kind: p.kind.as_ref().map(|k| k.value.as_str()),
        defined_as: s(&p.defined_as),
        address: s(&p.address),
        signatory: s(&p.signatory),
    }
}

/// A signature block generated from the party's metadata, so every partner
/// has one even where the authored text lost or garbled it.
fn execution_block(p: &Party) -> ExecutionBlockData {
    let party = party(p);
    let fields = vec![
        FieldData { label: "Signature", value: String::new() },
        FieldData { label: "Print Name", value: String::new() },
        FieldData { label: "Position", value: party.signatory.clone().unwrap_or_default() },
        FieldData { label: "Date", value: String::new() },
    ];
    ExecutionBlockData { heading: format!("Signed for and on behalf of {}", party.name), party, fields }
}

/// The body cut around its signature blocks.
struct BodyParts {
    /// Preamble, recitals and clauses before the signature blocks.
    body: Vec<BlockData>,
    /// The authored lead-in to the signature blocks ("This Agreement was:").
    lead: Vec<BlockData>,
    /// Whatever the author wrote after the signature blocks.
    after: Vec<BlockData>,
}

/// The authored signature blocks themselves are replaced by the generated
/// ones; every other block lands in one of the parts (`render::complete`
/// checks that it did).
fn body_blocks(doc: &Document, anchors: &mut Anchors) -> BodyParts {
    let after = doc.after_execution();
    let first_signature = doc
        .execution
        .first()
        .and_then(|e| doc.blocks.iter().position(|b| b.span.range == e.heading.span.range))
        .unwrap_or(after.start);
    let (kept, lead): (Vec<usize>, Vec<usize>) =
        (0..first_signature).partition(|&i| doc.blocks[i].section != Section::Execution);
    let after: Vec<usize> = after.collect();
    BodyParts {
        body: blocks(doc, &kept, false, anchors, "clause"),
        lead: blocks(doc, &lead, false, anchors, "clause"),
        after: blocks(doc, &after, false, anchors, "clause"),
    }
}

fn schedule(agreement: &Agreement, s: &crate::model::Schedule, anchors: &mut Anchors) -> ScheduleData {
    let entry = agreement.entry(s);
    let (doc_number, doc_title) = match s.doc.as_ref().map(|d| &d.kind) {
        Some(DocKind::Schedule { number, title }) => (number.as_ref().map(|n| n.value.clone()), title.as_ref()),
        _ => (None, None),
    };
    // The schedule's own heading is the authored text; the metadata fills gaps.
    let number = doc_number.or_else(|| entry.number.as_ref().map(|n| n.value.clone()));
    let title = doc_title.map(|t| t.value.clone()).or_else(|| entry.title.as_ref().map(|t| t.value.clone()));
    let label = match (&number, &title) {
        (Some(n), Some(t)) => format!("Schedule {n} — {t}"),
        (Some(n), None) => format!("Schedule {n}"),
        (None, Some(t)) => format!("Schedule — {t}"),
        (None, None) => "Schedule".to_string(),
    };
    // The page shows the schedule's heading exactly as authored; only a
    // schedule without a file (or without a heading) gets the label.
    let authored = s.doc.as_ref().and_then(|d| d.blocks.first()).filter(|b| b.is_heading());
    let heading = authored.map_or_else(|| label.clone(), |b| b.display_text());
    let anchor = anchors.unique(&format!("schedule-{}", slug(number.as_deref().unwrap_or(""))));
    let blocks = match &s.doc {
        Some(doc) => {
            let start = usize::from(authored.is_some());
            let keep: Vec<usize> = (start..doc.blocks.len()).collect();
            let prefix = anchor.clone();
            blocks(doc, &keep, true, anchors, &prefix)
        }
        None => Vec::new(),
    };
    ScheduleData { anchor, number, title, heading, label, not_used: agreement.schedule_not_used(s), blocks }
}

/// Converts the chosen blocks, merging table rows into tables and working
/// out indentation from the authored numbers.
fn blocks(
    doc: &Document,
    which: &[usize],
    in_schedule: bool,
    anchors: &mut Anchors,
    anchor_prefix: &str,
) -> Vec<BlockData> {
    // Which dotted depth is flush left: in the body clause numbers are
    // headings, so `1.1` (a stray `38.` paragraph stays flush too); in a
    // schedule the shallowest paragraph number, usually `1.`.
    let base = if in_schedule {
        which
            .iter()
            .map(|&i| &doc.blocks[i])
            .filter(|b| !b.is_heading())
            .filter_map(|b| b.number.as_ref().and_then(|n| n.value.depth()))
            .min()
            .unwrap_or(1)
    } else {
        2
    };
    let mut out: Vec<BlockData> = Vec::new();
    let mut last_dotted: Option<u8> = None;
    let mut last_indent: Option<u8> = None;
    for &i in which {
        let b = &doc.blocks[i];
        if let BlockKind::TableRow { header } = b.kind {
            let cells = b.text.split(" | ").map(str::to_string).collect();
            let row = RowData { header, cells };
            match out.last_mut() {
                Some(t) if t.kind == "table" && !header => t.rows.push(row),
                _ => out.push(BlockData { rows: vec![row], ..plain(b, "table", last_indent.unwrap_or(0)) }),
            }
            continue;
        }
        let mut data = match b.kind {
            BlockKind::Heading { level } => {
                last_dotted = None;
                last_indent = None;
                let level = if in_schedule { level.clamp(2, 3) } else { level.saturating_sub(1).clamp(1, 3) };
                let key = b.number.as_ref().map(|n| n.value.key());
                let wanted = match &key {
                    Some(k) if !in_schedule => format!("clause-{}", slug(k)),
                    Some(k) => format!("{anchor_prefix}-{}", slug(k)),
                    None => format!("{anchor_prefix}-{}", slug(&b.text)),
                };
                BlockData { level, anchor: Some(anchors.unique(&wanted)), ..plain(b, "heading", 0) }
            }
            BlockKind::Code => plain(b, "code", last_indent.unwrap_or(0)),
            BlockKind::ListItem { ordered } => {
                BlockData { ordered, ..numbered(b, "list-item", &mut last_dotted, &mut last_indent, base) }
            }
            _ => numbered(b, "paragraph", &mut last_dotted, &mut last_indent, base),
        };
        data.section = section_name(b.section);
        out.push(data);
    }
    out
}

/// A paragraph or list item: indentation from its number, or continuing the
/// provision before it.
fn numbered(
    b: &Block,
    kind: &'static str,
    last_dotted: &mut Option<u8>,
    last_indent: &mut Option<u8>,
    base: usize,
) -> BlockData {
    let Some(n) = &b.number else {
        // In the clauses and schedules an unnumbered paragraph after a numbered
        // one continues it (a definition under 1.1); in the preamble and
        // recitals it stands on its own ("together known as the Partners").
        let continues = last_indent.is_some() && matches!(b.section, Section::Clauses | Section::Schedule);
        // A quoted term after items — `“Assessor” means …` after (a)–(f) —
        // is the next definition of the clause, not more of item (f).
        let level = if b.text.starts_with(['"', '“', '”']) { last_dotted.or(*last_indent) } else { *last_indent };
        return BlockData { continuation: continues, ..plain(b, kind, if continues { level.unwrap_or(0) } else { 0 }) };
    };
    let indent = match &n.value.kind {
        NumberKind::Dotted(c) => {
            let i = u8::try_from(c.len().saturating_sub(base)).unwrap_or(u8::MAX).min(4);
            *last_dotted = Some(i);
            i
        }
        NumberKind::Item { .. } => last_dotted.map_or(0, |d| d.saturating_add(1)).min(5),
        NumberKind::Letter(_) => 0,
    };
    *last_indent = Some(indent);
    plain(b, kind, indent)
}

fn plain(b: &Block, kind: &'static str, indent: u8) -> BlockData {
    BlockData {
        kind,
        level: 0,
        number: b.number.as_ref().map(|n| n.value.raw.clone()),
        text: b.text.clone(),
        display: b.display_text(),
        anchor: None,
        section: section_name(b.section),
        indent,
        continuation: false,
        ordered: false,
        rows: Vec::new(),
    }
}

fn section_name(s: Section) -> &'static str {
    match s {
        Section::Preamble => "preamble",
        Section::Recitals => "recitals",
        Section::Clauses => "clauses",
        Section::Execution => "execution",
        Section::Schedule => "schedule",
    }
}

/// Hands out link targets, each used once.
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    fn unique(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "section".to_string() } else { wanted.to_string() };
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.used.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// `1A.` → `1a`, `Part I: Aims` → `part-i-aims`: ASCII letters, digits and
/// single hyphens, so anchors are safe in URLs and HTML ids.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '.' && !out.is_empty() && !out.ends_with(['-', '.']) {
            out.push('.');
        } else if !out.is_empty() && !out.ends_with(['-', '.']) {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches(['-', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug("1A."), "1a");
        assert_eq!(slug("16.3.2"), "16.3.2");
        assert_eq!(slug("Part I: Overall Aims"), "part-i-overall-aims");
        assert_eq!(slug("<script>"), "script");
        assert_eq!(slug("“Quoted”"), "quoted");
    }

    #[test]
    fn anchors_are_unique() {
        let mut a = Anchors::default();
        assert_eq!(a.unique("clause-1"), "clause-1");
        assert_eq!(a.unique("clause-1"), "clause-1-2");
        assert_eq!(a.unique(""), "section");
    }
}
