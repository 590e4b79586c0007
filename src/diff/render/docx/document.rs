//! `word/document.xml`: the tracked paragraphs as WordprocessingML.
//!
//! Each change is a real revision Word can accept or reject: `w:ins` and
//! `w:del` around runs, a paragraph inserted or deleted as a whole by its
//! paragraph mark (`w:pPr/w:rPr/w:ins|w:del`), and a move as `w:moveFrom` /
//! `w:moveTo` runs inside named move ranges, so Word pairs its two ends.
//!
//! Clause numbers are typed in the text, as authored, rather than Word list
//! numbering: the numbers are part of the legal text (`1A`, `27A`, even a
//! duplicated `1.1` stay as written), and a renumbering then shows as a
//! tracked change of the number, so rejecting it restores the old number
//! exactly. Word's own numbering would renumber silently on accept or reject.

use std::fmt::Write as _;

use quick_xml::escape::escape;

use super::super::stamp::Stamp;
use super::super::tracked::{Doc, Kind, Mark, Para};

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

/// A4 portrait, 25 mm margins.
const SECTION: &str = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#;

struct Writer {
    out: String,
    /// Revision and range ids: unique across the document, as Word requires.
    next_id: usize,
    /// ` w:author="…" w:date="…"`, escaped once.
    attribution: String,
    /// The id of the move range opened and not yet closed.
    open_range: usize,
}

pub fn document(docs: &[Doc], stamp: &Stamp) -> String {
    let attribution = format!(r#" w:author="{}" w:date="{}""#, escape(clean(&stamp.author).as_ref()), stamp.iso());
    let size: usize =
        docs.iter().flat_map(|d| &d.paras).map(|p| 64 + p.runs.iter().map(|r| r.text.len() + 96).sum::<usize>()).sum();
    let mut w = Writer { out: String::with_capacity(size + 1024), next_id: 1, attribution, open_range: 0 };
    w.out.push_str(HEAD);
    for (d, doc) in docs.iter().enumerate() {
        for (i, p) in doc.paras.iter().enumerate() {
            // Each schedule starts a page, as in the signed agreement.
            let page_break = d > 0 && i == 0;
            let prev = i.checked_sub(1).and_then(|k| doc.paras.get(k));
            let next = doc.paras.get(i + 1);
            w.paragraph(p, page_break, prev, next);
        }
    }
    w.out.push_str(SECTION);
    w.out
}

/// The move range a paragraph belongs to: `moveFrom` or `moveTo` and the
/// move's number. Every paragraph of a move's end is in its range, an
/// inserted paragraph at the new place included.
fn range(p: &Para) -> Option<(&'static str, usize)> {
    let id = p.moved?;
    Some((if p.mark == Mark::MovedFrom { "moveFrom" } else { "moveTo" }, id))
}

impl Writer {
    fn id(&mut self) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn paragraph(&mut self, p: &Para, page_break: bool, prev: Option<&Para>, next: Option<&Para>) {
        self.out.push_str("<w:p>");
        let props = p.kind != Kind::Text || page_break || p.mark != Mark::Same || p.level > 0;
        if props {
            self.out.push_str("<w:pPr>");
            match p.kind {
                Kind::Title => self.out.push_str(r#"<w:pStyle w:val="Heading1"/>"#),
                Kind::Heading => self.out.push_str(r#"<w:pStyle w:val="Heading2"/>"#),
                Kind::Text => {}
            }
            if page_break {
                self.out.push_str("<w:pageBreakBefore/>");
            }
            if p.level > 0 {
                // One step is 1 cm (567 twentieths of a point).
                let _ = write!(self.out, r#"<w:ind w:left="{}"/>"#, usize::from(p.level) * 567);
            }
            // The paragraph mark itself inserted, deleted or moved: the
            // paragraph comes or goes as a whole.
            if let Some(tag) = revision_tag(p.mark) {
                let id = self.id();
                let _ = write!(self.out, r#"<w:rPr><w:{tag} w:id="{id}"{}/></w:rPr>"#, self.attribution);
            }
            self.out.push_str("</w:pPr>");
        }
        // A move range spans the consecutive paragraphs of one move's end.
        let this = range(p);
        let opens = this.is_some() && prev.and_then(range) != this;
        let closes = this.is_some() && next.and_then(range) != this;
        if let (Some((name, move_id)), true) = (this, opens) {
            let range_id = self.id();
            self.open_range = range_id;
            let _ = write!(
                self.out,
                r#"<w:{name}RangeStart w:id="{range_id}" w:name="s75move{move_id}"{}/>"#,
                self.attribution
            );
        }
        for run in &p.runs {
            self.run(run.mark, &run.text);
        }
        if let (Some((name, _)), true) = (this, closes) {
            let _ = write!(self.out, r#"<w:{name}RangeEnd w:id="{}"/>"#, self.open_range);
        }
        self.out.push_str("</w:p>");
    }

    fn run(&mut self, mark: Mark, text: &str) {
        let text = clean(text);
        let text = escape(text.as_ref());
        match revision_tag(mark) {
            None => {
                let _ = write!(self.out, r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
            }
            Some(tag) => {
                let id = self.id();
                // Deleted text is `w:delText`; moved-from text stays `w:t`.
                let t = if mark == Mark::Deleted { "w:delText" } else { "w:t" };
                let _ = write!(
                    self.out,
                    r#"<w:{tag} w:id="{id}"{}><w:r><{t} xml:space="preserve">{text}</{t}></w:r></w:{tag}>"#,
                    self.attribution
                );
            }
        }
    }
}

fn revision_tag(mark: Mark) -> Option<&'static str> {
    match mark {
        Mark::Same => None,
        Mark::Inserted => Some("ins"),
        Mark::Deleted => Some("del"),
        Mark::MovedFrom => Some("moveFrom"),
        Mark::MovedTo => Some("moveTo"),
    }
}

/// Characters XML 1.0 cannot hold at all (control characters other than
/// tab): dropped, since no Word document can contain them.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c < ' ' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}';
    if text.contains(bad) { text.chars().filter(|&c| !bad(c)).collect::<String>().into() } else { text.into() }
}
