//! A small element tree over quick-xml for the WordprocessingML parts.
//!
//! The parts a .docx reader needs (document, numbering, styles) are walked
//! many ways (paragraph properties, run text, style chains), which reads far
//! more plainly over a tree than over an event stream. Only WordprocessingML
//! elements are flagged as such, so DrawingML's `a:p`/`a:t` (text in shapes)
//! never pass for paragraphs and runs.

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

/// The WordprocessingML namespaces: transitional (what Word writes) and strict.
const WORD_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Deeper nesting than this is not a Word document, and the walks over the
/// tree recurse: refusing it keeps a hostile file from exhausting the stack.
const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    /// The local name: `p`, `numPr`, `lvl`.
    pub name: String,
    /// In the WordprocessingML namespace.
    pub word: bool,
    /// Attributes by local name (`w:val` → `val`): Word prefixes them all alike.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// Why a part is not well-formed XML, and where (a byte offset).
#[derive(Debug)]
pub(crate) struct XmlError {
    pub offset: u64,
    pub message: String,
}

impl Element {
    /// A WordprocessingML element called `name`.
    pub fn is(&self, name: &str) -> bool {
        self.word && self.name == name
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// `w:val`, the attribute most properties keep their value in.
    pub fn val(&self) -> Option<&str> {
        self.attr("val")
    }

    /// `w:val` as a number, if it is one.
    pub fn val_u32(&self) -> Option<u32> {
        self.val().and_then(|v| v.trim().parse().ok())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first WordprocessingML child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(name))
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.is(name))
    }

    /// A toggle property (`<w:b/>`, `<w:isLgl w:val="0"/>`): present and not
    /// switched off.
    pub fn is_on(&self) -> bool {
        !matches!(self.val(), Some("0" | "false" | "off"))
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }
}

/// Parses a part into its root element. Text is kept only inside elements
/// whose local name is in `text_in` (`t`, `instrText`): elsewhere it is the
/// indentation between elements.
pub(crate) fn parse(xml: &str, text_in: &[&str]) -> Result<Element, XmlError> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let err = |reader: &NsReader<&[u8]>, message: String| XmlError { offset: reader.error_position(), message };
    loop {
        let (word, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (matches!(ns, ResolveResult::Bound(n) if WORD_NS.contains(&n.as_ref())), event),
            Err(e) => return Err(err(&reader, e.to_string())),
        };
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(err(&reader, format!("elements nested more than {MAX_DEPTH} deep")));
                }
                let element = open(&start, word).map_err(|m| err(&reader, m))?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = open(&start, word).map_err(|m| err(&reader, m))?;
                push(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                let done = stack.pop().filter(|_| !stack.is_empty());
                match done {
                    Some(e) => push(&mut stack, Node::Element(e)),
                    None => return Err(err(&reader, "a closing tag without its opening tag".to_string())),
                }
            }
            Event::Text(t) if keeps_text(&stack, text_in) => {
                let text = t.xml_content().map_err(|e| err(&reader, e.to_string()))?;
                push(&mut stack, Node::Text(text.into_owned()));
            }
            Event::CData(t) if keeps_text(&stack, text_in) => {
                let text = t.decode().map_err(|e| err(&reader, e.to_string()))?;
                push(&mut stack, Node::Text(text.into_owned()));
            }
            Event::GeneralRef(r) if keeps_text(&stack, text_in) => {
                let text = match r.resolve_char_ref().map_err(|e| err(&reader, e.to_string()))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| err(&reader, e.to_string()))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| err(&reader, format!("unknown entity &{name};")))?
                            .to_string()
                    }
                };
                push(&mut stack, Node::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlError { offset: xml.len() as u64, message: "the part ends inside an element".to_string() });
    }
    stack
        .pop()
        .and_then(|doc| {
            doc.children.into_iter().find_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
        })
        .ok_or(XmlError { offset: 0, message: "no root element".to_string() })
}

fn keeps_text(stack: &[Element], text_in: &[&str]) -> bool {
    stack.last().is_some_and(|e| e.word && text_in.contains(&e.name.as_str()))
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn open(start: &BytesStart<'_>, word: bool) -> Result<Element, String> {
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        let value = attr.unescape_value().map_err(|e| e.to_string())?.into_owned();
        attrs.push((key, value));
    }
    Ok(Element { name, word, attrs, children: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn word_elements_attributes_and_text() {
        let xml = format!(
            r#"<w:document {W} xmlns:a="urn:a"><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Fish &amp; chips &#8364;1 </w:t></w:r><a:p/></w:p></w:document>"#
        );
        let root = parse(&xml, &["t"]).expect("parses");
        assert!(root.is("document"));
        let p = root.child("p").expect("paragraph");
        assert_eq!(p.child("pPr").and_then(|x| x.child("pStyle")).and_then(Element::val), Some("Heading1"));
        assert_eq!(p.child("r").and_then(|r| r.child("t")).map(Element::text).as_deref(), Some("Fish & chips €1 "));
        // DrawingML's a:p is not a WordprocessingML paragraph.
        assert_eq!(p.elements().filter(|e| e.name == "p").count(), 1);
        assert_eq!(p.children_named("p").count(), 0);
    }

    #[test]
    fn malformed_xml_is_an_error_with_a_position() {
        let e = parse(&format!("<w:document {W}><w:p></w:r></w:document>"), &[]).unwrap_err();
        assert!(e.offset > 0, "{e:?}");
        let deep = format!("<w:document {W}>{}", "<w:p>".repeat(500));
        assert!(parse(&deep, &[]).unwrap_err().message.contains("nested"));
        assert!(parse(&format!("<w:document {W}><w:p>"), &[]).is_err());
    }
}
