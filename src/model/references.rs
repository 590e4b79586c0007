//! Cross-references in the text: "Clause 21.2", "sub-Clause 16.3.2",
//! "Clauses 15.1 to 15.3", "Schedules 4 and 5", "paragraph 2.2 of Schedule
//! 6", "paragraph 3 of this Schedule", "Appendix A to this schedule", "Part
//! II", and bare numbers such as "in accordance with 1.3 above".
//!
//! [`references`] finds them in one document; [`resolve`] finds what each
//! points at in an agreement. Both are used by the `xref` rules and by the
//! diff command (to report references whose target was renumbered).
//!
//! Citations of other instruments are not references: "section 117 of the
//! Mental Health Act 1983", "Regulation 4(2)", "Section 75", "Parts II, III
//! and IV of the Mental Health Act 1983", "Appendix 1 of the Trust's
//! Disciplinary Procedure", "(Care Act 2014 section 74 and schedule 3)".
//!
//! How a reference inside a schedule resolves follows the interpretation
//! clause of the agreements s75 was built on (Coventry 2019, clause 1.3): "a
//! reference to a Clause … in … a Schedule to this Agreement is a reference
//! to a Clause … to this Agreement or Clause or sub-Clause within a
//! schedule". So "Clause 8.2" written in a schedule may mean the agreement's
//! clause 8.2 or the schedule's own paragraph 8.2, and is found if either
//! exists; "paragraph 8.2" in a schedule is the schedule's own; "Clause 27 of
//! this Agreement" is the agreement's.

mod parse;

use crate::fast_hash::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::agreement::Agreement;
use super::document::{Document, Provision};
use super::metadata::ScheduleSource;
use super::source::Span;

// Named here too: references were where callers found them first.
pub use super::agreement::documents;
pub use super::doc_id::DocId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// "Clause 21.2", "sub-Clause 16.3.2", and a bare "1.3 above" in the body.
    Clause,
    Schedule,
    /// "paragraph 2.2 of Schedule 6", and a bare "4.2 of this schedule".
    Paragraph,
    Appendix,
    Part,
}

impl RefKind {
    /// The word a message uses: "Clause", "paragraph", "Schedule", …
    pub fn word(self) -> &'static str {
        match self {
            RefKind::Clause => "Clause",
            RefKind::Schedule => "Schedule",
            RefKind::Paragraph => "paragraph",
            RefKind::Appendix => "Appendix",
            RefKind::Part => "Part",
        }
    }
}

/// Where the text says the target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// Nothing is said: the document the reference stands in (see the module
    /// documentation for a clause reference inside a schedule).
    Context,
    /// "of the Agreement", "of this Agreement": the body's clauses.
    Agreement,
    /// "of Schedule 6", "of this Schedule", "to this Schedule 16".
    Schedule,
}

/// A reference's place in a list or range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Single,
    /// One of "Clauses 21 and 22", "Schedules 4 and 5".
    ListItem,
    /// "15.1" of "Clauses 15.1 to 15.3".
    RangeStart,
    /// "15.3" of "Clauses 15.1 to 15.3".
    RangeEnd,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The number as provisions are keyed ([`crate::model::Number::key`]):
    /// "21.2", "16.3.2", "27A"; a schedule number "16"; a label "A", "II".
    pub key: String,
    /// The schedule the target is in: "6" for "paragraph 2.2 of Schedule 6";
    /// the current schedule for "this Schedule" and for references without a
    /// schedule written that stand in a schedule. `None` in the body, and for
    /// a reference to a schedule itself.
    pub schedule: Option<String>,
    pub within: Within,
    /// The schedule's name as written after it, as in "paragraph 3 of
    /// Schedule 3 (“Integrated Service Governance”)".
    pub schedule_named: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub kind: RefKind,
    pub target: Target,
    /// The name written with the reference: "Clause 18 Variation" →
    /// "Variation"; "Schedule 8 (“Secondment Arrangements”)" → "Secondment
    /// Arrangements".
    pub named: Option<String>,
    /// Whether `named` is written before the reference: "the Service
    /// Description at Schedule 5". Such a name may also be a part of the
    /// schedule rather than its title.
    pub name_precedes: bool,
    /// The reference text: "Clause 21.2"; for later members of a list or
    /// range, the number alone ("22" in "Clauses 21 and 22").
    pub span: Span,
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// Byte range of `span` in the block's text.
    pub range: Range<usize>,
    /// Byte range in the block's text of the whole phrase: keyword, every
    /// number, qualifier and names. Shared by the members of a list.
    pub phrase: Range<usize>,
    pub form: Form,
}

impl Reference {
    /// How the reference reads in a message: "Clause 21.2", "paragraph 2.2 of
    /// Schedule 6", "Appendix A of Schedule 5".
    pub fn describe(&self) -> String {
        let head = format!("{} {}", self.kind.word(), self.target.key);
        match (&self.target.schedule, self.kind) {
            (_, RefKind::Schedule) => head,
            (Some(s), RefKind::Clause) if self.target.within == Within::Context => {
                head + &format!(" (in Schedule {s})")
            }
            (Some(s), _) => format!("{head} of Schedule {s}"),
            (None, _) => head,
        }
    }
}

/// Every reference in a document, in reading order. The keywords that open
/// references are found with one search of the document's joined text.
pub fn references(doc: &Document) -> Vec<Reference> {
    let keywords = parse::keywords_by_block(doc);
    (0..doc.blocks.len()).flat_map(|i| block_references(doc, i, Some(&keywords[i]))).collect()
}

/// The references in one block of a document. Code blocks have none.
pub fn references_in_block(doc: &Document, block: usize) -> Vec<Reference> {
    block_references(doc, block, None)
}

/// The references in a block, given where its keywords are if known.
fn block_references(doc: &Document, block: usize, keywords: Option<&[Range<usize>]>) -> Vec<Reference> {
    let Some(b) = doc.blocks.get(block) else { return Vec::new() };
    if b.kind == super::BlockKind::Code {
        return Vec::new();
    }
    let current = doc.schedule_number();
    parse::scan(&b.text, keywords, b.is_heading(), current.is_some())
        .into_iter()
        .map(|raw| {
            let schedule = match (raw.kind, raw.within) {
                (_, Within::Schedule) => raw.schedule.clone().or_else(|| current.map(str::to_string)),
                (RefKind::Schedule, _) | (_, Within::Agreement) => None,
                (_, Within::Context) => current.map(str::to_string),
            };
            Reference {
                kind: raw.kind,
                target: Target { key: raw.key, schedule, within: raw.within, schedule_named: raw.schedule_named },
                named: raw.named,
                name_precedes: raw.name_precedes,
                span: b.span_of(raw.range.clone()),
                block,
                range: raw.range,
                phrase: raw.phrase,
                form: raw.form,
            }
        })
        .collect()
}

/// A place a reference resolves to.
#[derive(Debug, Clone)]
pub struct Hit {
    pub doc: DocId,
    /// The opening block of the provision, heading or schedule file; `None`
    /// for a schedule declared without a file.
    pub block: Option<usize>,
    /// The names the target is headed by: a clause's heading (or, for an
    /// unheaded sub-clause, its nearest headed parent's), a schedule's title
    /// in `agreement.toml` and in its file, an appendix's heading after its label.
    pub titles: Vec<String>,
    /// Where the first title is written.
    pub title_span: Option<Span>,
}

#[derive(Debug, Clone)]
pub enum Resolution {
    Found(Vec<Hit>),
    /// No schedule with this number.
    NoSchedule(String),
    /// The schedule exists but is "Not used".
    ScheduleNotUsed {
        number: String,
        at: Option<Span>,
    },
    /// The schedules exist but nothing with the key is in the documents searched.
    Missing(Vec<DocId>),
    /// Nothing to search: the schedule named has no text (its file is
    /// missing, which the `metadata` rules report).
    Unchecked,
}

/// What a reference found in document `from` points at. To resolve many
/// references, build one [`Resolver`] instead: it indexes the provisions once.
pub fn resolve(a: &Agreement, from: DocId, r: &Reference) -> Resolution {
    Resolver::new(a).resolve(from, r)
}

/// Resolves references against one agreement, with its provisions indexed
/// by number.
pub struct Resolver<'a> {
    a: &'a Agreement,
    /// Per document: provision key → provision indexes.
    numbered: HashMap<DocId, HashMap<String, Vec<usize>>>,
    /// Per document: its appendix and part labels, read when first needed.
    labels: HashMap<DocId, std::cell::OnceCell<Vec<Label>>>,
    /// Per schedule: whether it is "Not used".
    not_used: Vec<bool>,
}

impl<'a> Resolver<'a> {
    pub fn new(a: &'a Agreement) -> Self {
        let numbered = documents(a)
            .map(|(id, doc)| {
                let mut keys: HashMap<String, Vec<usize>> = HashMap::default();
                for (i, p) in doc.provisions.iter().enumerate() {
                    if let Some(n) = p.number(doc) {
                        keys.entry(n.value.key()).or_default().push(i);
                    }
                }
                (id, keys)
            })
            .collect();
        let labels = documents(a).map(|(id, _)| (id, std::cell::OnceCell::new())).collect();
        let not_used = a.schedules.iter().map(|s| a.schedule_not_used(s)).collect();
        Resolver { a, numbered, labels, not_used }
    }

    /// What a reference found in document `from` points at.
    pub fn resolve(&self, from: DocId, r: &Reference) -> Resolution {
        let a = self.a;
        let key = r.target.key.as_str();
        if r.kind == RefKind::Schedule {
            return self.resolve_schedule(key);
        }
        // The document named by "of Schedule N" / "this Schedule", or the one the reference stands in.
        let named_schedule = match (&r.target.schedule, r.target.within) {
            (Some(n), Within::Schedule) => match schedule_index(a, n) {
                Some(i) => Some(DocId::Schedule(i)),
                None => return Resolution::NoSchedule(n.clone()),
            },
            _ => None,
        };
        if let Some(DocId::Schedule(i)) = named_schedule {
            if let Some(not_used) = self.not_used(i, &r.target.schedule) {
                return not_used;
            }
        }
        let places: Vec<DocId> = match (r.kind, r.target.within, named_schedule) {
            (_, Within::Schedule, Some(d)) => vec![d],
            (_, Within::Schedule, None) => vec![from],
            (RefKind::Clause | RefKind::Paragraph, Within::Agreement, _) => vec![DocId::Body],
            // Clause 1.3: in a schedule, "Clause N" is the agreement's or the schedule's own.
            (RefKind::Clause, Within::Context, _) if from != DocId::Body => vec![DocId::Body, from],
            (RefKind::Appendix | RefKind::Part, Within::Context | Within::Agreement, _) if from == DocId::Body => {
                documents(a).map(|(id, _)| id).collect()
            }
            _ => vec![from],
        };
        let mut hits = Vec::new();
        let mut textless = false;
        for &place in &places {
            let Some(doc) = place.document(a) else {
                textless = true;
                continue;
            };
            match r.kind {
                RefKind::Clause | RefKind::Paragraph => {
                    let keys = self.numbered.get(&place);
                    let found = keys.and_then(|k| k.get(key)).map_or(&[][..], Vec::as_slice);
                    hits.extend(
                        found.iter().filter_map(|&i| doc.provisions.get(i)).map(|p| provision_hit(doc, place, p, keys)),
                    );
                }
                RefKind::Appendix | RefKind::Part => {
                    let labels =
                        self.labels.get(&place).map_or(&[][..], |cell| cell.get_or_init(|| labels(doc)).as_slice());
                    hits.extend(label_hits(labels, place, r.kind, key));
                }
                RefKind::Schedule => {}
            }
        }
        match (hits.is_empty(), textless) {
            (false, _) => Resolution::Found(hits),
            (true, true) => Resolution::Unchecked,
            (true, false) => Resolution::Missing(places),
        }
    }
}

impl Resolver<'_> {
    fn resolve_schedule(&self, number: &str) -> Resolution {
        let a = self.a;
        let Some(i) = schedule_index(a, number) else { return Resolution::NoSchedule(number.to_string()) };
        if let Some(not_used) = self.not_used(i, &Some(number.to_string())) {
            return not_used;
        }
        let s = &a.schedules[i];
        let mut titles = Vec::new();
        let mut title_span = None;
        if let Some(t) = &a.entry(s).title {
            titles.push(t.value.clone());
            title_span = Some(t.span.clone());
        }
        if let Some(super::DocKind::Schedule { title: Some(t), .. }) = s.doc.as_ref().map(|d| &d.kind) {
            titles.push(t.value.clone());
            title_span = Some(t.span.clone());
        }
        let block = s.doc.as_ref().filter(|d| !d.blocks.is_empty()).map(|_| 0);
        Resolution::Found(vec![Hit { doc: DocId::Schedule(i), block, titles, title_span }])
    }

    fn not_used(&self, i: usize, number: &Option<String>) -> Option<Resolution> {
        let a = self.a;
        let s = a.schedules.get(i)?;
        let unused = self.not_used.get(i).copied().unwrap_or(false);
        unused.then(|| Resolution::ScheduleNotUsed {
            number: number.clone().unwrap_or_default(),
            at: match &a.entry(s).source {
                ScheduleSource::NotUsed => a.entry(s).number.as_ref().map(|n| n.span.clone()),
                _ => s.doc.as_ref().and_then(|d| d.blocks.first()).map(|b| b.span.clone()),
            },
        })
    }
}

/// Index into [`Agreement::schedules`] of schedule `number`: by
/// `agreement.toml`, or else by a file's own "# Schedule N" heading.
pub fn schedule_index(a: &Agreement, number: &str) -> Option<usize> {
    let by_entry = a
        .schedules
        .iter()
        .position(|s| a.entry(s).number.as_ref().is_some_and(|n| n.value.eq_ignore_ascii_case(number)));
    by_entry.or_else(|| {
        a.schedules.iter().position(|s| {
            s.doc.as_ref().and_then(Document::schedule_number).is_some_and(|n| n.eq_ignore_ascii_case(number))
        })
    })
}

fn provision_hit(doc: &Document, place: DocId, p: &Provision, keys: Option<&HashMap<String, Vec<usize>>>) -> Hit {
    let (titles, title_span) = match provision_title(doc, p, keys) {
        Some((t, span)) => (vec![t], Some(span)),
        None => (Vec::new(), None),
    };
    Hit { doc: place, block: Some(p.start), titles, title_span }
}

/// A provision's heading, or its nearest headed parent's ("20.1" → "20 Consultation").
fn provision_title(
    doc: &Document,
    p: &Provision,
    keys: Option<&HashMap<String, Vec<usize>>>,
) -> Option<(String, Span)> {
    let mut current = p;
    for _ in 0..8 {
        let b = &doc.blocks[current.start];
        if b.is_heading() && !b.text.trim().is_empty() {
            return Some((b.text.clone(), b.span_of(0..b.text.len())));
        }
        let parent = current.number(doc)?.value.parent_key()?;
        let candidates = keys?.get(&parent)?;
        current = candidates.iter().filter_map(|&i| doc.provisions.get(i)).find(|q| q.scope == p.scope)?;
    }
    None
}

/// An appendix or part label found in a document.
#[derive(Debug)]
struct Label {
    kind: RefKind,
    key: String,
    block: usize,
    title: Option<String>,
    span: Option<Span>,
}

static CAPTION: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i-u)\b(appendix|part)\s+([A-Za-z0-9]{1,5})\b").expect("valid regex literal")
});

/// Appendices and Parts: a heading that starts with the label ("## Appendix
/// A", "## Part II: …", "## A. The Council's Services" as Part A), or the
/// label written in the text where it is not itself a reference (a chart's
/// caption "… GOVERNANCE CHART Appendix 1 HEALTH AND …").
fn labels(doc: &Document) -> Vec<Label> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.is_heading() {
            let text = b.display_text();
            let mut push = |kind, key: &str, rest: &str| {
                let title = rest
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '–' | '—' | '-' | ')'))
                    .trim();
                let title = (!title.is_empty()).then(|| title.to_string());
                out.push(Label { kind, key: key.to_string(), block: i, title, span: Some(b.span.clone()) });
            };
            for kind in [RefKind::Appendix, RefKind::Part] {
                if let Some((key, rest)) = label_at(&text, kind.word()) {
                    push(kind, key, rest);
                }
            }
            if let Some((key, rest)) = letter_label(&text) {
                push(RefKind::Part, key, rest);
            }
        } else {
            for c in CAPTION.captures_iter(&b.text) {
                let (Some(all), Some(word), Some(key)) = (c.get(0), c.get(1), c.get(2)) else { continue };
                let rest = b.text[all.end()..].trim_start().to_lowercase();
                let qualified = rest.starts_with("to this") || rest.starts_with("of this");
                if qualified || parse::after_preposition(&b.text, all.start()) {
                    continue;
                }
                let kind = if word.as_str().eq_ignore_ascii_case("part") { RefKind::Part } else { RefKind::Appendix };
                out.push(Label { kind, key: key.as_str().to_string(), block: i, title: None, span: None });
            }
        }
    }
    out
}

fn label_hits(labels: &[Label], place: DocId, kind: RefKind, key: &str) -> Vec<Hit> {
    labels
        .iter()
        .filter(|l| l.kind == kind && same_label(&l.key, key))
        .map(|l| Hit {
            doc: place,
            block: Some(l.block),
            titles: l.title.iter().cloned().collect(),
            title_span: l.span.clone(),
        })
        .collect()
}

/// "Appendix A: Title" → ("A", ": Title").
fn label_at<'t>(text: &'t str, word: &str) -> Option<(&'t str, &'t str)> {
    let head = text.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = text[word.len()..].trim_start();
    let len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    (len > 0).then(|| (&rest[..len], &rest[len..]))
}

/// "A. The Council's Services", "(A) Section 75 Strategic Board", "C SECTION 75 …": Part A, B, C.
fn letter_label(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_start();
    let inner = t.strip_prefix('(').unwrap_or(t);
    let letter = inner.get(..1).filter(|l| l.chars().all(|c| c.is_ascii_uppercase()))?;
    let rest = &inner[1..];
    let closed =
        if t.starts_with('(') { rest.strip_prefix(')') } else { Some(rest).filter(|r| r.starts_with(['.', ' ', ':'])) };
    closed.map(|r| (letter, r))
}

/// "II" and "2", "A" and "a" are the same label.
fn same_label(written: &str, key: &str) -> bool {
    if written.eq_ignore_ascii_case(key) {
        return true;
    }
    match (label_value(written), label_value(key)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn label_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests;
