//! The main document part in reading order: paragraphs with the numbers Word
//! shows in front of them, and table rows.
//!
//! What Word displays is what is kept: deleted revisions, hidden text, field
//! instructions and text in drawings are not; inserted revisions, field
//! results, hyperlinks and content controls are.

use super::numbering::{Counter, Label, Numbering, Suffix};
use super::styles::{Styles, level};
use super::xml::Element;

/// A paragraph or a table row, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph's text, its list number in front.
    Paragraph { text: String, page_before: bool },
    /// A table row: each cell's paragraphs joined by spaces.
    Row { cells: Vec<String>, page_before: bool },
}

/// Elements whose content Word does not show as the paragraph's text.
const HIDDEN: &[&str] = &[
    "pPr",
    "rPr",
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "drawing",
    "pict",
    "object",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "fldData",
];

struct Walk<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counter: Counter<'a>,
    blocks: Vec<Block>,
    /// A page or section break was seen: the next block starts a page.
    page_pending: bool,
}

/// Reads `w:document` into blocks.
pub(crate) fn blocks(document: &Element, styles: &Styles, numbering: &Numbering) -> Vec<Block> {
    let mut walk =
        Walk { styles, numbering, counter: Counter::new(numbering), blocks: Vec::new(), page_pending: false };
    if let Some(body) = document.child("body") {
        walk.container(body);
    }
    walk.blocks
}

impl Walk<'_> {
    /// A sequence of block-level content: the body, a content control, a cell.
    fn container(&mut self, parent: &Element) {
        for e in parent.elements().filter(|e| e.word) {
            match e.name.as_str() {
                "p" => {
                    let (text, page_before) = self.paragraph(e);
                    if !text.is_empty() {
                        self.blocks.push(Block::Paragraph { text, page_before });
                    }
                }
                "tbl" => self.table(e),
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" => self.container(e),
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &Element) {
        for row in rows(tbl) {
            let page_before = std::mem::take(&mut self.page_pending);
            let cells: Vec<String> = cells(row).into_iter().map(|tc| self.cell(tc)).collect();
            if cells.iter().any(|c| !c.is_empty()) {
                self.blocks.push(Block::Row { cells, page_before });
            } else {
                self.page_pending |= page_before;
            }
        }
    }

    /// A cell's paragraphs (and nested tables' cells) as one line of text.
    fn cell(&mut self, tc: &Element) -> String {
        let outer = std::mem::take(&mut self.blocks);
        self.container(tc);
        let inner = std::mem::replace(&mut self.blocks, outer);
        let parts: Vec<String> = inner
            .into_iter()
            .map(|b| match b {
                Block::Paragraph { text, .. } => text,
                Block::Row { cells, .. } => cells.join(" "),
            })
            .collect();
        parts.join(" ")
    }

    /// The paragraph's displayed text (number first) and whether it starts a page.
    fn paragraph(&mut self, p: &Element) -> (String, bool) {
        let ppr = p.child("pPr");
        let named = ppr.and_then(|x| x.child("pStyle")).and_then(Element::val);
        let style = self.styles.paragraph_style(named);
        let inherited = self.styles.inherited(style);
        let direct = ppr.and_then(|x| x.child("numPr"));
        let num_id = direct.and_then(|n| n.child("numId")).and_then(Element::val_u32).or(inherited.num_id);
        let break_before =
            ppr.and_then(|x| x.child("pageBreakBefore")).map_or(inherited.page_break_before, Element::is_on);

        let mut runs = Runs::default();
        runs.content(p);
        let label = num_id.filter(|&n| n != 0).and_then(|n| {
            let ilvl = direct
                .and_then(|d| d.child("ilvl"))
                .and_then(Element::val_u32)
                .map(level)
                .or(inherited.ilvl)
                .unwrap_or_else(|| self.numbering.level_for_style(n, style));
            self.counter.next(n, ilvl)
        });
        let body = runs.text.trim();
        let text = match label {
            Some(Label { text, suffix }) if !body.is_empty() => match suffix {
                Suffix::Nothing => format!("{text}{body}"),
                Suffix::Tab | Suffix::Space => format!("{text} {body}"),
            },
            Some(Label { text, .. }) => text,
            None => body.to_string(),
        };

        let mut page_before = std::mem::take(&mut self.page_pending) || break_before || runs.page_before_text;
        if text.is_empty() {
            // An empty paragraph holding a page break passes it on.
            self.page_pending = page_before || runs.page_after_text;
            page_before = false;
        } else {
            self.page_pending = runs.page_after_text;
        }
        // A section break ends the page (Word's default section starts a new one).
        let section = ppr.and_then(|x| x.child("sectPr"));
        if section.is_some_and(|s| s.child("type").and_then(Element::val).is_none_or(|t| t != "continuous")) {
            self.page_pending = true;
        }
        (text, page_before)
    }
}

fn rows(tbl: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in tbl.elements().filter(|e| e.word) {
        match e.name.as_str() {
            "tr" => out.push(e),
            "sdt" | "sdtContent" | "customXml" => out.extend(rows(e)),
            _ => {}
        }
    }
    out
}

fn cells(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in tr.elements().filter(|e| e.word) {
        match e.name.as_str() {
            "tc" => out.push(e),
            "sdt" | "sdtContent" | "customXml" => out.extend(cells(e)),
            _ => {}
        }
    }
    out
}

/// The text of a paragraph's runs, and where its page breaks fall.
#[derive(Default)]
struct Runs {
    text: String,
    page_before_text: bool,
    page_after_text: bool,
}

impl Runs {
    fn content(&mut self, e: &Element) {
        for c in e.elements().filter(|c| c.word && !HIDDEN.contains(&c.name.as_str())) {
            match c.name.as_str() {
                "r" if c.child("rPr").and_then(|r| r.child("vanish")).is_some_and(Element::is_on) => {}
                "t" => self.push(&c.text()),
                "tab" | "ptab" => self.push(" "),
                "noBreakHyphen" => self.push("-"),
                "br" | "cr" => match c.attr("type") {
                    Some("page") => {
                        if self.text.trim().is_empty() {
                            self.page_before_text = true;
                        } else {
                            self.page_after_text = true;
                        }
                    }
                    _ => self.push(" "),
                },
                _ => self.content(c),
            }
        }
    }

    fn push(&mut self, s: &str) {
        // Control characters (and the form feed that marks a page for the
        // importer) never stand in a paragraph's text.
        let clean = s.replace(|c: char| c.is_control(), " ");
        if !clean.trim().is_empty() {
            self.page_after_text = false;
        }
        self.text.push_str(&clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::xml;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn read(body: &str, numbering: &str, styles: &str) -> Vec<Block> {
        let doc = xml::parse(&format!("<w:document {W}><w:body>{body}</w:body></w:document>"), &["t"]).expect("doc");
        let num = xml::parse(&format!("<w:numbering {W}>{numbering}</w:numbering>"), &[]).expect("numbering");
        let sty = xml::parse(&format!("<w:styles {W}>{styles}</w:styles>"), &[]).expect("styles");
        let styles = Styles::parse(&sty);
        let mut numbering = Numbering::parse(&num);
        numbering.set_style_nums(styles.numbering_styles());
        blocks(&doc, &styles, &numbering)
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { text, page_before } => format!("{}{text}", if *page_before { "^" } else { "" }),
                Block::Row { cells, .. } => cells.join("|"),
            })
            .collect()
    }

    const LIST: &str = r#"<w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;

    fn p(ppr: &str, text: &str) -> String {
        format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn num(ilvl: u8) -> String {
        format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>"#)
    }

    #[test]
    fn numbers_go_in_front_and_typed_numbers_stay() {
        let body = [
            p(&num(0), "Definitions"),
            p(&num(1), "In this Agreement:"),
            p("", "3.2 typed by hand"),
            p(r#"<w:numPr><w:numId w:val="0"/></w:numPr>"#, "numbering switched off"),
            p(&num(1), "next"),
        ]
        .concat();
        assert_eq!(
            texts(&read(&body, LIST, "")),
            ["1. Definitions", "1.1 In this Agreement:", "3.2 typed by hand", "numbering switched off", "1.2 next"]
        );
    }

    #[test]
    fn styles_number_their_paragraphs() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;
        let body = [
            p(r#"<w:pStyle w:val="Heading1"/>"#, "Term"),
            p(r#"<w:pStyle w:val="Heading2"/>"#, "Start"),
            p(r#"<w:pStyle w:val="Heading1"/>"#, "Money"),
        ]
        .concat();
        assert_eq!(texts(&read(&body, LIST, styles)), ["1. Term", "1.1 Start", "2. Money"]);
    }

    #[test]
    fn deleted_hidden_and_drawn_text_is_not_shown() {
        let body = r#"<w:p><w:ins><w:r><w:t>kept </w:t></w:r></w:ins><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
            <w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>after tab</w:t></w:r>
            <w:r><w:drawing><w:p><w:r><w:t>in a shape</w:t></w:r></w:p></w:drawing></w:r></w:p>"#;
        assert_eq!(texts(&read(body, "", "")), ["kept link after tab"]);
    }

    #[test]
    fn tables_give_rows_of_cells() {
        let body = format!(
            r#"<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>
            <w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>"#,
            p("", "Partner"),
            p("", "2023/24"),
            p("", "(£)"),
            p("", "ICB"),
            p(&num(0), "6,400,000")
        );
        assert_eq!(texts(&read(&body, LIST, "")), ["Partner|2023/24 (£)", "ICB|1. 6,400,000"]);
    }

    #[test]
    fn page_breaks_mark_the_next_block() {
        let body = [
            p("", "Signed"),
            r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string(),
            p("", "SCHEDULE 1"),
            p(r#"<w:pageBreakBefore/>"#, "SCHEDULE 2"),
            r#"<w:p><w:r><w:t>end</w:t><w:br w:type="page"/></w:r></w:p>"#.to_string(),
            p("", "SCHEDULE 3"),
            p(r#"<w:sectPr/>"#, "last of a section"),
            p("", "SCHEDULE 4"),
        ]
        .concat();
        assert_eq!(
            texts(&read(&body, "", "")),
            ["Signed", "^SCHEDULE 1", "^SCHEDULE 2", "end", "^SCHEDULE 3", "last of a section", "^SCHEDULE 4"]
        );
    }
}
