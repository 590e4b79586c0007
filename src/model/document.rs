//! A Markdown file of an agreement (the body or one schedule) as a list of
//! blocks, each with its authored number, its plain text and a map from that
//! text back to the source bytes.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::number::{Number, NumberKind};
use super::offsets::Offsets;
use super::source::{Located, SourceFile, Span};

#[derive(Debug, Clone)]
pub struct Document {
    pub file: Arc<SourceFile>,
    pub kind: DocKind,
    pub blocks: Vec<Block>,
    /// Numbered units in reading order (see [`Provision`]).
    pub provisions: Vec<Provision>,
    /// Numbering scopes: the body has one; a schedule starts a new scope at
    /// each Part, Appendix, Annex or lettered section heading.
    pub scopes: Vec<Scope>,
    pub execution: Vec<ExecutionBlock>,
    /// The blocks' texts in one string, on first use (see [`Document::joined`]).
    pub joined: OnceLock<Joined>,
}

#[derive(Debug, Clone)]
pub enum DocKind {
    Body,
    /// A schedule file: the number and title from its first heading.
    Schedule {
        number: Option<Located<String>>,
        title: Option<Located<String>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    /// The first paragraph of a Markdown list item.
    ListItem {
        ordered: bool,
    },
    TableRow {
        header: bool,
    },
    Code,
}

/// Where in the document a block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Date line and parties, before the recitals.
    Preamble,
    Recitals,
    Clauses,
    /// Signature blocks at the end of the body.
    Execution,
    /// Any block of a schedule file.
    Schedule,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub section: Section,
    /// The authored number that opens the block, if any.
    pub number: Option<Located<Number>>,
    /// Plain text after the number: Markdown escapes and markup removed,
    /// line breaks as single spaces.
    pub text: String,
    /// Source byte offset of each byte of `text`, plus one for its end.
    offsets: Offsets,
    /// The whole block in the source.
    pub span: Span,
}

impl Block {
    pub fn new(kind: BlockKind, number: Option<Located<Number>>, text: String, offsets: Offsets, span: Span) -> Self {
        debug_assert_eq!(offsets.len(), text.len() + 1);
        Block { kind, section: Section::Clauses, number, text, offsets, span }
    }

    /// The source span of a byte range of [`Block::text`].
    pub fn span_of(&self, range: Range<usize>) -> Span {
        let at = |i: usize| self.offsets.get(i).unwrap_or(0);
        let start = at(range.start.min(self.text.len()));
        let end = match self.text.get(..range.end).and_then(|t| t.char_indices().last()) {
            Some((i, c)) if range.end > range.start => at(i) + c.len_utf8(),
            _ => start,
        };
        Span::new(&self.span.file, start..end.max(start))
    }

    /// Drops the first `len` bytes of the text (an opening number and its space).
    pub(crate) fn strip_prefix(&mut self, len: usize) {
        self.text.drain(..len);
        self.offsets.drain_front(len);
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }

    /// Number and text together, as a reader sees them.
    pub fn display_text(&self) -> String {
        match &self.number {
            Some(n) if self.text.is_empty() => n.value.raw.clone(),
            Some(n) => format!("{} {}", n.value.raw, self.text),
            None => self.text.clone(),
        }
    }
}

/// A numbering scope: a run of blocks whose numbers form one sequence.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The heading that opened the scope (None for the document start).
    pub heading: Option<String>,
    pub blocks: Range<usize>,
}

/// One provision: a numbered block (or an unnumbered heading) with the
/// unnumbered blocks that follow it. The unit of diffing and of references.
#[derive(Debug, Clone)]
pub struct Provision {
    /// Index of the opening block.
    pub start: usize,
    /// Blocks of the provision, the opening block included.
    pub blocks: Range<usize>,
    pub scope: usize,
}

impl Provision {
    pub fn number<'d>(&self, doc: &'d Document) -> Option<&'d Located<Number>> {
        doc.blocks[self.start].number.as_ref()
    }

    /// The clause heading text when the provision opens with a heading.
    pub fn heading<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        let b = &doc.blocks[self.start];
        b.is_heading().then_some(b.text.as_str())
    }

    /// The provision's text: its blocks' texts joined by newlines, without the
    /// opening number.
    pub fn text(&self, doc: &Document) -> String {
        let mut out = String::new();
        for b in &doc.blocks[self.blocks.clone()] {
            if !out.is_empty() {
                out.push('\n');
            }
            if b.number.is_some() && !std::ptr::eq(b, &doc.blocks[self.start]) {
                out.push_str(&b.display_text());
            } else {
                out.push_str(&b.text);
            }
        }
        out
    }

    pub fn span(&self, doc: &Document) -> Span {
        let first = &doc.blocks[self.blocks.start].span;
        let last = &doc.blocks[self.blocks.end - 1].span;
        Span::new(&first.file, first.range.start..last.range.end)
    }
}

/// A signature block: "Signed for and on behalf of …" and its fields.
#[derive(Debug, Clone)]
pub struct ExecutionBlock {
    /// The opening words, e.g. "Signed for and on behalf of THE COUNCIL OF …".
    pub heading: Located<String>,
    pub fields: Vec<ExecutionField>,
}

#[derive(Debug, Clone)]
pub struct ExecutionField {
    /// "Signature", "Print Name", "Position", "Date".
    pub label: String,
    /// The value with leader dots and underscores removed; empty when blank.
    pub value: String,
    pub span: Span,
}

impl ExecutionBlock {
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.value.is_empty())
    }
}

impl Document {
    /// The blocks that follow the signature blocks: text an author added
    /// after them, which the pack prints after them (empty when there are no
    /// signature blocks, or nothing follows them).
    pub fn after_execution(&self) -> Range<usize> {
        let end = self.blocks.len();
        let start = self.blocks.iter().rposition(|b| b.section == Section::Execution).map_or(end, |i| i + 1);
        start..end
    }

    /// The same document read from another file with the same text (a
    /// schedule carried over unchanged into a renewal): a copy whose every
    /// span points into `file`. The fields are named one by one so that a
    /// new field with a span cannot be missed here.
    pub fn on_file(&self, file: &Arc<SourceFile>) -> Document {
        debug_assert_eq!(self.file.text, file.text);
        let repoint = |span: &mut Span| span.file = Arc::clone(file);
        let mut doc = self.clone();
        // The joined text has no spans: it serves the copy as it is.
        let Document { file: doc_file, kind, blocks, provisions: _, scopes: _, execution, joined: _ } = &mut doc;
        *doc_file = Arc::clone(file);
        if let DocKind::Schedule { number, title } = kind {
            number.iter_mut().chain(title.iter_mut()).for_each(|l| repoint(&mut l.span));
        }
        for block in blocks {
            let Block { kind: _, section: _, number, text: _, offsets: _, span } = block;
            repoint(span);
            if let Some(n) = number {
                repoint(&mut n.span);
            }
        }
        for e in execution {
            let ExecutionBlock { heading, fields } = e;
            repoint(&mut heading.span);
            for f in fields {
                repoint(&mut f.span);
            }
        }
        doc
    }

    /// The blocks' texts in one string, made on first use.
    pub fn joined(&self) -> &Joined {
        self.joined.get_or_init(|| Joined::new(&self.blocks))
    }

    /// Finds the provision whose number has the given key, in any scope.
    pub fn provisions_numbered<'d>(&'d self, key: &'d str) -> impl Iterator<Item = &'d Provision> + 'd {
        self.provisions.iter().filter(move |p| p.number(self).is_some_and(|n| n.value.key() == key))
    }

    pub fn schedule_number(&self) -> Option<&str> {
        match &self.kind {
            DocKind::Schedule { number, .. } => number.as_ref().map(|n| n.value.as_str()),
            DocKind::Body => None,
        }
    }

    pub fn schedule_title(&self) -> Option<&str> {
        match &self.kind {
            DocKind::Schedule { title, .. } => title.as_ref().map(|n| n.value.as_str()),
            DocKind::Body => None,
        }
    }

    /// Whether the document's whole text is "Not used" (an empty schedule slot).
    pub fn is_not_used(&self) -> bool {
        let texts: Vec<&str> = self.blocks.iter().filter(|b| !b.is_heading()).map(|b| b.text.trim()).collect();
        let title_says = self.schedule_title().is_some_and(|t| t.trim().eq_ignore_ascii_case("not used"));
        (texts.is_empty() && title_says)
            || (texts.len() == 1 && texts[0].trim_end_matches('.').eq_ignore_ascii_case("not used"))
    }
}

/// The texts of a document's blocks one after another, each followed by a
/// NUL. A pattern that cannot match a NUL finds in it exactly what it finds
/// in each block's text (a NUL ends a word as the end of a text does), with
/// one search per document instead of one per block: on a paragraph,
/// starting a search costs more than searching.
#[derive(Debug, Clone, Default)]
pub struct Joined {
    pub text: String,
    /// Where each block's text starts in `text`.
    starts: Vec<usize>,
}

impl Joined {
    fn new(blocks: &[Block]) -> Joined {
        let mut text = String::with_capacity(blocks.iter().map(|b| b.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(blocks.len());
        for b in blocks {
            starts.push(text.len());
            text.push_str(&b.text);
            text.push('\0');
        }
        Joined { text, starts }
    }

    /// Where block `block`'s text starts in [`Joined::text`].
    pub fn start(&self, block: usize) -> usize {
        self.starts[block]
    }

    /// The block and the range in its text of a range of [`Joined::text`]
    /// that lies within one block (as a match of a pattern that cannot
    /// match a NUL does).
    pub fn locate(&self, range: Range<usize>) -> (usize, Range<usize>) {
        let block = self.starts.partition_point(|&s| s <= range.start).saturating_sub(1);
        let start = self.starts.get(block).copied().unwrap_or(0);
        (block, range.start - start..range.end - start)
    }
}

/// True for headings that start a new numbering scope in a schedule.
pub fn starts_scope(heading: &str, number: Option<&Number>) -> bool {
    // "A. The Council's Services", "(A) Section 75 Strategic Board".
    match number.map(|n| &n.kind) {
        Some(NumberKind::Letter(_)) => return true,
        Some(NumberKind::Item { label, closing_only: false })
            if label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            return true;
        }
        _ => {}
    }
    // "C SECTION 75 RESPONSIBILITIES": a section letter the extraction left without its dot.
    let mut words = heading.split_whitespace();
    if let (Some(letter), Some(next)) = (words.next(), words.next()) {
        let is_letter = letter.len() == 1 && letter.chars().all(|c| c.is_ascii_uppercase());
        if is_letter && next.len() > 1 && next.chars().all(|c| !c.is_lowercase()) {
            return true;
        }
    }
    let first = heading.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(first.trim_end_matches([':', '.']), "part" | "appendix" | "annex" | "annexe" | "section")
}
