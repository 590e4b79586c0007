//! Paragraph styles (`word/styles.xml`) as far as numbering and page breaks
//! need them: a style may number its paragraphs (`w:pPr/w:numPr`), inherit
//! from another style (`w:basedOn`), or start a new page.

use std::collections::HashMap;

use super::xml::Element;

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    page_break_before: Option<bool>,
}

/// What a paragraph inherits from its style chain.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inherited {
    pub num_id: Option<u32>,
    pub ilvl: Option<u8>,
    pub page_break_before: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    paragraph: HashMap<String, Style>,
    /// The style of paragraphs that name none (Word's "Normal").
    default_paragraph: Option<String>,
    /// Numbering styles → the list (`w:numId`) each names.
    numbering: HashMap<String, u32>,
}

impl Styles {
    pub fn parse(root: &Element) -> Styles {
        let mut styles = Styles::default();
        for s in root.children_named("style") {
            let Some(id) = s.attr("styleId") else { continue };
            let num_pr = s.child("pPr").and_then(|p| p.child("numPr"));
            let num_id = num_pr.and_then(|n| n.child("numId")).and_then(Element::val_u32);
            match s.attr("type") {
                Some("numbering") => {
                    if let Some(n) = num_id {
                        styles.numbering.insert(id.to_string(), n);
                    }
                }
                Some("paragraph") | None => {
                    if s.attr("default").is_some_and(|d| matches!(d, "1" | "true" | "on")) {
                        styles.default_paragraph = Some(id.to_string());
                    }
                    let style = Style {
                        based_on: s.child("basedOn").and_then(Element::val).map(str::to_string),
                        num_id,
                        ilvl: num_pr.and_then(|n| n.child("ilvl")).and_then(Element::val_u32).map(level),
                        page_break_before: s.child("pPr").and_then(|p| p.child("pageBreakBefore")).map(Element::is_on),
                    };
                    styles.paragraph.insert(id.to_string(), style);
                }
                Some(_) => {}
            }
        }
        styles
    }

    /// The style a paragraph has: the one it names, or the default.
    pub fn paragraph_style<'a>(&'a self, named: Option<&'a str>) -> Option<&'a str> {
        named.or(self.default_paragraph.as_deref())
    }

    /// Numbering and page break along the `w:basedOn` chain of `style`: the
    /// nearest style that sets each one wins.
    pub fn inherited(&self, style: Option<&str>) -> Inherited {
        let mut out = Inherited::default();
        let mut page_break = None;
        let mut next = style;
        // A chain that loops (a file error Word tolerates) must still end.
        for _ in 0..32 {
            let Some(s) = next.and_then(|id| self.paragraph.get(id)) else { break };
            out.num_id = out.num_id.or(s.num_id);
            out.ilvl = out.ilvl.or(s.ilvl);
            page_break = page_break.or(s.page_break_before);
            next = s.based_on.as_deref();
        }
        out.page_break_before = page_break.unwrap_or(false);
        out
    }

    /// Numbering styles → list, for [`super::numbering::Numbering::set_style_nums`].
    pub fn numbering_styles(&self) -> HashMap<String, u32> {
        self.numbering.clone()
    }
}

/// A level index as Word reads it: 0–8 (larger values are clamped).
pub(crate) fn level(v: u32) -> u8 {
    v.min(8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::xml;

    #[test]
    fn numbering_is_inherited_through_based_on() {
        let root = xml::parse(
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Clause1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:pageBreakBefore/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Clause2"><w:basedOn w:val="Clause1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:pageBreakBefore w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
            <w:style w:type="numbering" w:styleId="Clauses"><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>
            </w:styles>"#,
            &[],
        )
        .expect("valid XML");
        let styles = Styles::parse(&root);
        assert_eq!(
            styles.inherited(Some("Clause2")),
            Inherited { num_id: Some(4), ilvl: Some(1), page_break_before: false }
        );
        assert_eq!(
            styles.inherited(Some("Clause1")),
            Inherited { num_id: Some(4), ilvl: None, page_break_before: true }
        );
        assert_eq!(styles.inherited(Some("Loop")), Inherited::default());
        assert_eq!(styles.paragraph_style(None), Some("Normal"));
        assert_eq!(styles.numbering_styles().get("Clauses"), Some(&9));
    }
}
