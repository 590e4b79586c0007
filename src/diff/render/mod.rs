//! Writing a [`DiffReport`]: terminal text, JSON, Markdown (a pull-request
//! comment) or one self-contained HTML page. All four show the summary
//! first, then the documents provision by provision, in the same order.
//!
//! The redlines are the new agreement itself with its changes marked, for
//! the counterparty: a Word document with tracked changes ([`docx`]) or a
//! printable PDF ([`pdf`]), both printing one [`tracked`] layout.

pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod stamp;
pub mod terminal;
pub mod tracked;

use std::io::{self, Write};

use super::report::{
    AgreementDiff, AgreementStatus, Counts, DiffReport, DocDiff, Entry, RefStatus, Status, TermStatus,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Text for a terminal, coloured unless NO_COLOR or --color never
    #[default]
    Terminal,
    Json,
    /// A pull-request comment
    Markdown,
    /// One self-contained page with inline and side-by-side views
    Html,
    /// The new agreement as a Word document with tracked changes (a file: use -o FILE)
    Docx,
    /// A printable redline with change bars and a summary page (a file: use -o FILE)
    Pdf,
}

impl Format {
    /// Formats that are files, not text: never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Display {
    /// Deletions and insertions interleaved in one text
    #[default]
    Inline,
    /// Old and new next to each other (HTML; the terminal shows old then new)
    SideBySide,
}

/// How to render, beyond the format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub color: bool,
    pub display: Display,
    /// List unchanged provisions too (terminal and Markdown leave them out).
    pub unchanged: bool,
    /// HTML: put the whole text in the page, unchanged provisions and
    /// documents hidden until asked for. Without it the page holds the
    /// changes and one provision of context on each side, as GitHub shows a
    /// diff, so a one-word change makes a small page.
    pub full: bool,
}

pub fn write(format: Format, report: &DiffReport, out: &mut dyn Write, opts: Options) -> io::Result<()> {
    write_stamped(format, report, out, opts, &stamp::Stamp::default())
}

/// [`write`], with the author and date the redlines attribute their changes to.
pub fn write_stamped(
    format: Format,
    report: &DiffReport,
    out: &mut dyn Write,
    opts: Options,
    stamp: &stamp::Stamp,
) -> io::Result<()> {
    match format {
        Format::Docx => docx::write(report, out, stamp),
        Format::Pdf => pdf::write(report, out, stamp),
        Format::Terminal => terminal::write(report, out, opts),
        Format::Json => json::write(report, out),
        Format::Markdown => markdown::write(report, out, opts),
        Format::Html => html::write(report, out, opts),
    }
}

/// What a renderer lists for one document: single entries, and runs of
/// consecutive renumbered provisions folded into one line (an inserted
/// clause renumbers everything after it; nobody wants 200 lines of that).
pub enum Item<'e> {
    One(&'e Entry),
    Renumbered(Vec<&'e Entry>),
}

/// Runs of at least this many renumbered provisions are folded.
const FOLD: usize = 3;

pub fn items(doc: &DocDiff, unchanged: bool) -> Vec<Item<'_>> {
    fn flush<'e>(run: &mut Vec<&'e Entry>, out: &mut Vec<Item<'e>>) {
        if run.len() >= FOLD {
            out.push(Item::Renumbered(std::mem::take(run)));
        } else {
            out.extend(run.drain(..).map(Item::One));
        }
    }
    let mut out: Vec<Item<'_>> = Vec::new();
    let mut run: Vec<&Entry> = Vec::new();
    for e in &doc.entries {
        if e.status == Status::Renumbered {
            run.push(e);
            continue;
        }
        if e.status == Status::Unchanged && !unchanged {
            // Unchanged provisions do not break a run: items such as "(a)"
            // keep their numbers inside a renumbered clause.
            continue;
        }
        flush(&mut run, &mut out);
        out.push(Item::One(e));
    }
    flush(&mut run, &mut out);
    out
}

/// How every format names an entry: its numbers with a clause's heading
/// ("11 → 12 Review"), a definition by its term ("1.1 “Term”"), else the
/// first words of its text.
pub fn entry_name(e: &Entry) -> String {
    match e.shown() {
        Some(p) if p.number.is_some() || p.term.is_some() => match &p.heading {
            Some(h) => format!("{} {h}", e.numbers()),
            None => e.numbers(),
        },
        Some(p) => p.label(),
        None => String::new(),
    }
}

/// What a reader should know about an entry beyond its status, in words:
/// that only cross-references or a renamed term changed, or where a
/// provision moved into this document came from.
pub fn entry_notes(e: &Entry) -> Vec<String> {
    let mut out = Vec::new();
    if e.references_only {
        out.push("cross-references only".to_string());
    }
    if e.renamed_terms_only {
        out.push("renamed term only".to_string());
    }
    if let (Some(from), Some(o)) = (&e.moved_from, e.first_old()) {
        out.push(format!("from {from}, {}", o.location()));
    }
    out
}

/// "11 → 12 … 42. → 43." for a folded run.
pub fn run_label(run: &[&Entry]) -> String {
    match (run.first(), run.last()) {
        (Some(a), Some(b)) => format!("{} … {}", a.numbers(), b.numbers()),
        _ => String::new(),
    }
}

/// Counts as "3 modified, 1 inserted, 215 renumbered" (changes only, in a fixed order).
pub fn counts_phrase(c: &Counts) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| s.is_change() && c.get(**s) > 0)
        .map(|&s| format!("{} {}", thousands(c.get(s)), s.as_str()))
        .collect();
    if parts.is_empty() { "no changes".to_string() } else { parts.join(", ") }
}

pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The summary lines every format starts with, as plain text.
pub fn summary_lines(a: &AgreementDiff) -> Vec<String> {
    let mut lines = Vec::new();
    match a.status {
        AgreementStatus::Added => lines.push("New agreement (not present on the old side).".into()),
        AgreementStatus::Removed => lines.push("Agreement removed (not present on the new side).".into()),
        AgreementStatus::Unchanged => lines.push("No differences.".into()),
        AgreementStatus::Changed => {}
    }
    let c = &a.counts;
    lines.push(format!("Provisions: {}; {} unchanged", counts_phrase(c), thousands(c.unchanged)));
    let refs_only: usize = a.documents.iter().flat_map(|d| &d.entries).filter(|e| e.references_only).count();
    if refs_only > 0 {
        lines.push(format!("  of the modified, {refs_only} only update cross-references to follow the renumbering"));
    }
    if !a.metadata.is_empty() {
        lines.push(format!("Metadata: {} change{}", a.metadata.len(), plural(a.metadata.len())));
    }
    let t = |s: TermStatus| a.terms.iter().filter(|x| x.status == s).count();
    if !a.terms.is_empty() {
        let mut line = format!(
            "Defined terms: {} added, {} removed, {} changed",
            t(TermStatus::Added),
            t(TermStatus::Removed),
            t(TermStatus::Changed)
        );
        for s in [TermStatus::Renamed, TermStatus::Moved] {
            if t(s) > 0 {
                line.push_str(&format!(", {} {}", t(s), s.as_str()));
            }
        }
        lines.push(line);
    }
    let r = |s: RefStatus| a.references.iter().filter(|x| x.status == s).count();
    if !a.references.is_empty() {
        lines.push(format!(
            "Cross-references to renumbered provisions: {} followed the new number, {} still cite the old one",
            r(RefStatus::Followed),
            r(RefStatus::Stale)
        ));
    }
    let changed: Vec<&str> = a
        .documents
        .iter()
        .filter(|d| d.status != super::report::DocStatus::Unchanged)
        .map(|d| d.label.as_str())
        .collect();
    if !changed.is_empty() {
        lines.push(format!("Documents changed: {}", changed.join("; ")));
    }
    lines
}

/// Whether the agreement exists on one side only (its documents are then
/// summarised, not listed provision by provision, in text and Markdown).
pub fn whole_agreement(a: &AgreementDiff) -> bool {
    matches!(a.status, AgreementStatus::Added | AgreementStatus::Removed)
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How the agreement's two sides are named in headings.
pub fn sides(a: &AgreementDiff) -> String {
    match (&a.old, &a.new) {
        (Some(o), Some(n)) => format!("{} → {}", o.label(), n.label()),
        (None, Some(n)) => format!("(none) → {}", n.label()),
        (Some(o), None) => format!("{} → (none)", o.label()),
        (None, None) => String::new(),
    }
}
