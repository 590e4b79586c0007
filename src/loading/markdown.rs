//! Markdown → [`Document`]: comrak gives the block structure; s75 reads the
//! authored numbers, sections, schedule headings and execution blocks.

use std::ops::Range;
use std::sync::Arc;

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};

use super::LoadError;
use crate::model::document::{ExecutionBlock, ExecutionField, Provision, Scope, starts_scope};
use crate::model::number::{Number, parse_leading};
use crate::model::{Block, BlockKind, DocKind, Document, Located, Offsets, Section, SourceFile, Span};

/// Which kind of document the file is: decides how sections are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Body,
    Schedule,
}

/// Nesting no agreement comes near (a deep one nests lists six or seven
/// levels) but hostile or broken input can: past it the file is refused.
pub const MAX_NESTING: usize = 100;

pub fn parse(file: &Arc<SourceFile>, role: Role) -> Result<Document, LoadError> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.table = true;
    let root = parse_document(&arena, &file.text, &options);
    check_nesting(root, file)?;

    let mut blocks = Vec::new();
    collect_blocks(root, file, &mut blocks);

    let kind = match role {
        Role::Body => DocKind::Body,
        Role::Schedule => schedule_heading(&blocks),
    };
    assign_sections(&mut blocks, role);
    let scopes = scopes(&blocks, role);
    let provisions = provisions(&blocks, &scopes);
    let execution = execution_blocks(&blocks);
    Ok(Document { file: Arc::clone(file), kind, blocks, provisions, scopes, execution, joined: Default::default() })
}

/// Refuses a tree nested deeper than [`MAX_NESTING`] (block quotes, lists,
/// emphasis), at the line of the first node past it. comrak parses any
/// depth without recursing, and s75 walks the tree without recursing too;
/// the limit keeps every later reader (reports, templates) to sane input and
/// says plainly what is wrong.
fn check_nesting<'a>(root: &'a AstNode<'a>, file: &SourceFile) -> Result<(), LoadError> {
    let mut pending: Vec<(&'a AstNode<'a>, usize)> = vec![(root, 0)];
    while let Some((node, depth)) = pending.pop() {
        if depth > MAX_NESTING {
            let line = node.data().sourcepos.start.line.max(1);
            return Err(LoadError::at(
                &file.path,
                line,
                format!(
                    "nesting deeper than {MAX_NESTING} levels (block quotes, lists or emphasis); no agreement needs so many"
                ),
            ));
        }
        pending.extend(node.children().map(|c| (c, depth + 1)));
    }
    Ok(())
}

/// The blocks in document order. An explicit stack rather than recursion:
/// block quotes and lists may nest thousands deep in hostile input, and
/// recursing once per level would overflow the thread's stack.
fn collect_blocks<'a>(root: &'a AstNode<'a>, file: &Arc<SourceFile>, out: &mut Vec<Block>) {
    let mut pending: Vec<&'a AstNode<'a>> = root.reverse_children().collect();
    while let Some(child) = pending.pop() {
        let value = child.data().value.clone();
        match value {
            NodeValue::Heading(h) => out.push(text_block(child, file, BlockKind::Heading { level: h.level }, None)),
            NodeValue::Paragraph => {
                let (kind, marker) = list_context(child, file);
                out.push(text_block(child, file, kind, marker));
            }
            NodeValue::Table(_) => {
                for (i, row) in child.children().enumerate() {
                    out.push(table_row(row, file, i == 0));
                }
            }
            NodeValue::CodeBlock(code) => {
                let span = node_span(child, file);
                let text = code.literal.trim_end().to_string();
                let mut offsets = Offsets::new();
                offsets.push_at(span.range.start, text.len() + 1);
                out.push(Block::new(BlockKind::Code, None, text, offsets, span));
            }
            NodeValue::List(_) | NodeValue::Item(_) | NodeValue::BlockQuote => pending.extend(child.reverse_children()),
            _ => {}
        }
    }
}

/// For the first paragraph of a list item: its kind and, for an ordered
/// list, the authored marker read from the source ("3." stays "3." even if
/// Markdown would count it as item 2).
fn list_context<'a>(para: &'a AstNode<'a>, file: &Arc<SourceFile>) -> (BlockKind, Option<Located<Number>>) {
    let Some(item) = para.parent() else { return (BlockKind::Paragraph, None) };
    let is_first = item.first_child().is_some_and(|c| c.same_node(para));
    let list = match &item.data().value {
        NodeValue::Item(list) if is_first => *list,
        _ => return (BlockKind::Paragraph, None),
    };
    if list.list_type == ListType::Bullet {
        return (BlockKind::ListItem { ordered: false }, None);
    }
    let start = byte_offset(file, item.data().sourcepos.start.line, item.data().sourcepos.start.column);
    let rest = &file.text[start..];
    let len = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len()) + 1;
    let marker = rest.get(..len.min(rest.len())).unwrap_or("");
    let number = Number::parse(marker)
        .or_else(|| Number::parse(marker.trim_end_matches(')')))
        .map(|n| Located::new(n, Span::new(file, start..start + marker.len())));
    (BlockKind::ListItem { ordered: true }, number)
}

fn text_block<'a>(
    node: &'a AstNode<'a>,
    file: &Arc<SourceFile>,
    kind: BlockKind,
    marker: Option<Located<Number>>,
) -> Block {
    let span = node_span(node, file);
    let mut text = String::new();
    inline_text(node, &mut text);
    let offsets = align(&text, file, span.range.clone());
    let mut block = Block::new(kind, None, text, offsets, span);
    if marker.is_some() {
        block.number = marker;
        return block;
    }
    // A bullet is unnumbered by definition: "- 8 working days" starts with a figure, not a number.
    if kind == (BlockKind::ListItem { ordered: false }) {
        return block;
    }
    split_number(block)
}

/// Moves a leading authored number out of the text into `number`.
fn split_number(mut block: Block) -> Block {
    let allow_end = block.is_heading();
    let labelled = if block.is_heading() { labelled_heading(&block.text) } else { None };
    let Some((number, len)) = labelled.or_else(|| parse_leading(&block.text, allow_end)) else { return block };
    let num_span = block.span_of(0..len);
    let rest = &block.text[len..];
    let mut rest_start = len + rest.len() - rest.trim_start().len();
    if number.raw.contains(' ') {
        // "Article 16 - Liabilities": the separator belongs to neither the
        // number nor the heading's name.
        let after = &block.text[rest_start..];
        if let Some(sep) = after.strip_prefix(['-', '–', '—', ':']) {
            rest_start = block.text.len() - sep.trim_start().len();
        }
    }
    block.strip_prefix(rest_start);
    block.number = Some(Located::new(number, num_span));
    block
}

/// The number of a heading that prints a label word before it, as the old
/// formal style does: `Article 16 - Liabilities and Insurance`, `ARTICLE 5:
/// LEAD COMMISSIONING`, `Clause 7 Financial Arrangements`. The label is part
/// of the authored number (`raw` is "Article 16"); the key is the number's.
fn labelled_heading(text: &str) -> Option<(Number, usize)> {
    let label = ["Article", "ARTICLE", "Clause", "CLAUSE"].into_iter().find(|l| text.starts_with(l))?;
    let after = &text[label.len()..];
    let gap = after.len() - after.trim_start().len();
    if gap == 0 {
        return None;
    }
    let token = &after[gap..];
    let token = &token[..token.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(token.len())];
    let (n, len) = parse_leading(token, true).filter(|(n, l)| n.components().is_some() && *l == token.len())?;
    let end = label.len() + gap + len;
    // A title or a separator follows, not a sentence: "Article 8 of the
    // Convention" names another instrument's article.
    let rest = text[end..].trim_start();
    if !(rest.is_empty() || rest.starts_with(['-', '–', '—', ':']) || rest.starts_with(char::is_uppercase)) {
        return None;
    }
    Some((Number { raw: text[..end].to_string(), kind: n.kind }, end))
}

fn table_row<'a>(row: &'a AstNode<'a>, file: &Arc<SourceFile>, header: bool) -> Block {
    let span = node_span(row, file);
    let mut text = String::new();
    let mut offsets = Offsets::new();
    for (i, cell) in row.children().enumerate() {
        let cell_span = node_span(cell, file);
        if i > 0 {
            text.push_str(" | ");
            offsets.push_at(cell_span.range.start, 3);
        }
        let mut cell_text = String::new();
        inline_text(cell, &mut cell_text);
        let mut cell_offsets = align(&cell_text, file, cell_span.range.clone());
        cell_offsets.pop();
        text.push_str(&cell_text);
        offsets.append(&cell_offsets);
    }
    offsets.push_at(span.range.end, 1);
    Block::new(BlockKind::TableRow { header }, None, text, offsets, span)
}

/// Plain text of inline content: the words a reader sees. Iterative for the
/// same reason as [`collect_blocks`]: emphasis and links can nest deeply.
fn inline_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    let mut pending: Vec<&'a AstNode<'a>> = node.reverse_children().collect();
    while let Some(child) = pending.pop() {
        match &child.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::HtmlInline(_) | NodeValue::FootnoteReference(_) => {}
            _ => pending.extend(child.reverse_children()),
        }
    }
}

fn byte_offset(file: &SourceFile, line: usize, column: usize) -> usize {
    let mut at = (file.line_start(line) + column.saturating_sub(1)).min(file.text.len());
    while !file.text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn node_span<'a>(node: &'a AstNode<'a>, file: &Arc<SourceFile>) -> Span {
    let pos = node.data().sourcepos;
    let start = byte_offset(file, pos.start.line, pos.start.column);
    // sourcepos ends are inclusive; include the whole last character.
    let mut last = byte_offset(file, pos.end.line, pos.end.column);
    // Columns count bytes: the end may point inside a multi-byte character.
    while !file.text.is_char_boundary(last) {
        last -= 1;
    }
    let end = file.text[last..].chars().next().map_or(last, |c| last + c.len_utf8());
    Span::new(file, start..end.max(start))
}

/// Maps each byte of `plain` to a source offset inside `range` by walking the
/// source alongside the text: markup and escapes in the source are skipped,
/// and a space in the text matches a line break and indentation.
fn align(plain: &str, file: &SourceFile, range: Range<usize>) -> Offsets {
    const WINDOW: usize = 96;
    let src = &file.text[range.clone()];
    let (text_bytes, src_bytes) = (plain.as_bytes(), src.as_bytes());
    let mut offsets = Offsets::new();
    let (mut i, mut j) = (0, 0);
    while i < plain.len() {
        // Mostly the text is the source verbatim: take a whole identical run at once.
        let mut run = common_prefix_len(&text_bytes[i..], &src_bytes[j..]);
        while !plain.is_char_boundary(i + run) {
            run -= 1;
        }
        if run > 0 {
            offsets.push_verbatim(range.start + j, run);
            i += run;
            j += run;
            continue;
        }
        let Some(ch) = plain[i..].chars().next() else { break };
        let mut window_end = (j + WINDOW).min(src.len());
        while !src.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = src.get(j..window_end).unwrap_or("");
        let found = if ch == ' ' { window.find(char::is_whitespace) } else { window.find(ch) };
        let at = match found {
            Some(k) => {
                let at = j + k;
                j = at + src[at..].chars().next().map_or(1, char::len_utf8);
                if ch == ' ' {
                    // One text space stands for the whole run of source whitespace.
                    j += src[j..].len() - src[j..].trim_start().len();
                }
                at
            }
            None => j.min(src.len()),
        };
        offsets.push_at(range.start + at, ch.len_utf8());
        i += ch.len_utf8();
    }
    offsets.push_at(range.start + j.min(src.len()), 1);
    offsets
}

/// How many leading bytes `a` and `b` share, eight at a time.
fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let mut n = 0;
    for (x, y) in ca.zip(cb) {
        if x != y {
            break;
        }
        n += 8;
    }
    n + a[n..].iter().zip(&b[n..]).take_while(|(x, y)| x == y).count()
}

/// `# Schedule 4 — The Integrated Mental Health Service`: number and title.
/// The title may instead be the next heading or paragraph.
fn schedule_heading(blocks: &[Block]) -> DocKind {
    let Some(first) = blocks.first().filter(|b| b.is_heading()) else {
        return DocKind::Schedule { number: None, title: None };
    };
    let full = first.display_text();
    let Some(rest) = strip_prefix_ci(&full, "schedule") else {
        return DocKind::Schedule { number: None, title: None };
    };
    let rest_trim = rest.trim_start();
    let num_len =
        rest_trim.find(|c: char| c.is_whitespace() || c == ':' || c == '—' || c == '-').unwrap_or(rest_trim.len());
    let number_text = &rest_trim[..num_len];
    let num_start_in_full = full.len() - rest_trim.len();
    // `display_text` joined number and text with one space; map back to the text.
    let text_base = full.len() - first.text.len();
    let to_text = |i: usize| i.saturating_sub(text_base);
    let number = (!number_text.is_empty()).then(|| {
        Located::new(
            number_text.to_string(),
            first.span_of(to_text(num_start_in_full)..to_text(num_start_in_full + num_len)),
        )
    });
    let after = &rest_trim[num_len..];
    let title_text = after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '–' | '-')).trim();
    let title = if !title_text.is_empty() {
        let start = full.len() - after.len()
            + (after.len()
                - after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '–' | '-')).len());
        Some(Located::new(title_text.to_string(), first.span_of(to_text(start)..to_text(start + title_text.len()))))
    } else {
        blocks.get(1).filter(|b| b.number.is_none()).map(|b| Located::new(b.text.clone(), b.span.clone()))
    };
    DocKind::Schedule { number, title }
}

fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn assign_sections(blocks: &mut [Block], role: Role) {
    if role == Role::Schedule {
        blocks.iter_mut().for_each(|b| b.section = Section::Schedule);
        return;
    }
    let signatures = signature_blocks(blocks);
    let mut section = Section::Preamble;
    for (i, b) in blocks.iter_mut().enumerate() {
        if b.is_heading() {
            if b.number.is_none() && is_recitals_heading(&b.text) {
                section = Section::Recitals;
            } else if b.number.is_some() {
                section = Section::Clauses;
            }
        } else if section == Section::Preamble && b.number.is_none() && is_recitals_heading(&b.text) {
            section = Section::Recitals;
        }
        // Text after the signature blocks keeps the section it continues:
        // it is part of the agreement and must reach the pack.
        b.section = if signatures.as_ref().is_some_and(|s| s.contains(&i)) { Section::Execution } else { section };
    }
    // "This Agreement was:" / "IN WITNESS …" lead into the signature blocks.
    if let Some(start) = signatures.map(|s| s.start).filter(|&s| s > 0) {
        let lead = &mut blocks[start - 1];
        let t = lead.text.trim();
        if lead.number.is_none() && (t.ends_with(':') || t.to_ascii_uppercase().starts_with("IN WITNESS")) {
            lead.section = Section::Execution;
        }
    }
}

/// "Recitals", or the other names drafters give them: "Background",
/// "Whereas".
fn is_recitals_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.', ',']);
    ["recitals", "background", "whereas"].iter().any(|h| t.eq_ignore_ascii_case(h))
}

/// The signature blocks: the last unbroken run of openings ("Signed for and
/// on behalf of …") and their fields ("Signature……", "Date……").
///
/// Only the last run counts, and only if it has a field or ends the body: a
/// paragraph beginning "Signed by" in the middle of the clauses is a clause's
/// text, and an opening once swallowed every block after it, which then
/// vanished from the signing pack.
fn signature_blocks(blocks: &[Block]) -> Option<Range<usize>> {
    let opens = |b: &Block| is_execution_start(&b.display_text());
    let is_field = |b: &Block| !b.is_heading() && b.number.is_none() && execution_field(&b.text).is_some();
    let mut last = None;
    let mut i = 0;
    while i < blocks.len() {
        if !opens(&blocks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut fields = 0;
        i += 1;
        while i < blocks.len() && (opens(&blocks[i]) || is_field(&blocks[i])) {
            fields += usize::from(!opens(&blocks[i]));
            i += 1;
        }
        if fields > 0 || i == blocks.len() {
            last = Some(start..i);
        }
    }
    last
}

fn is_execution_start(text: &str) -> bool {
    let t = text.trim_start().to_ascii_lowercase();
    ["signed for and on behalf of", "signed by", "executed as a deed", "signed on behalf of", "the common seal of"]
        .iter()
        .any(|p| t.starts_with(p))
}

fn scopes(blocks: &[Block], role: Role) -> Vec<Scope> {
    let mut scopes = vec![Scope { heading: None, blocks: 0..blocks.len() }];
    if role == Role::Schedule {
        for (i, b) in blocks.iter().enumerate().skip(1) {
            if b.is_heading() && starts_scope(&b.display_text(), b.number.as_ref().map(|n| &n.value)) {
                if let Some(last) = scopes.last_mut() {
                    last.blocks.end = i;
                }
                scopes.push(Scope { heading: Some(b.display_text()), blocks: i..blocks.len() });
            }
        }
    }
    scopes
}

fn provisions(blocks: &[Block], scopes: &[Scope]) -> Vec<Provision> {
    let mut out: Vec<Provision> = Vec::new();
    for (scope_idx, scope) in scopes.iter().enumerate() {
        for i in scope.blocks.clone() {
            let b = &blocks[i];
            let opens = b.number.is_some() || b.is_heading() || out.last().is_none_or(|p| p.scope != scope_idx);
            if opens {
                out.push(Provision { start: i, blocks: i..i + 1, scope: scope_idx });
            } else if let Some(p) = out.last_mut() {
                p.blocks.end = i + 1;
            }
        }
    }
    out
}

fn execution_blocks(blocks: &[Block]) -> Vec<ExecutionBlock> {
    let mut out: Vec<ExecutionBlock> = Vec::new();
    for b in blocks.iter().filter(|b| b.section == Section::Execution) {
        let text = b.display_text();
        if is_execution_start(&text) {
            out.push(ExecutionBlock { heading: Located::new(text, b.span.clone()), fields: Vec::new() });
        } else if let (Some(block), Some((label, value))) = (out.last_mut(), execution_field(&text)) {
            block.fields.push(ExecutionField { label, value, span: b.span.clone() });
        }
    }
    out
}

/// "Print Name:………" → ("Print Name", ""); "Date 29 March 2019" → ("Date", "29 March 2019").
fn execution_field(text: &str) -> Option<(String, String)> {
    const LABELS: [&str; 7] = ["Signature", "Signed", "Print Name", "Name", "Position", "Title", "Date"];
    let t = text.trim();
    // "……………………  Authorised Signatory": the line to sign on, still blank,
    // then the signatory's role, as old formal agreements print a signature.
    if t.chars().take_while(|c| matches!(c, '.' | '…' | '_')).count() >= 4 {
        return Some(("Signature".to_string(), String::new()));
    }
    let label = LABELS.iter().find(|l| strip_prefix_ci(t, l).is_some())?;
    let rest = &t[label.len()..];
    let value = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '…' | '_' | ':' | '-')).to_string();
    Some((label.to_string(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, role: Role) -> Document {
        parse(&SourceFile::new("t.md", "t.md", text.to_string()), role).expect("parses")
    }

    #[test]
    fn numbers_are_read_as_authored_and_spans_point_at_them() {
        let d =
            doc("## 1 Definitions\n\n1.1 In this *Agreement*\nthe words.\n\n1\\. Escaped\n\n3. listed\n", Role::Body);
        let nums: Vec<_> = d.blocks.iter().map(|b| b.number.as_ref().map(|n| n.value.raw.clone())).collect();
        assert_eq!(nums, [Some("1".into()), Some("1.1".into()), Some("1.".into()), Some("3.".into())]);
        assert_eq!(d.blocks[0].text, "Definitions");
        assert_eq!(d.blocks[1].text, "In this Agreement the words.");
        let words = d.blocks[1].text.find("words").unwrap();
        let span = d.blocks[1].span_of(words..words + 5);
        assert_eq!(span.text(), "words");
        assert_eq!(span.start(), (4, 5));
        assert_eq!(d.blocks[1].number.as_ref().unwrap().span.text(), "1.1");
    }

    #[test]
    fn labelled_headings_are_clauses_numbered_as_printed() {
        let d = doc(
            "## Article 16 - Liabilities and Insurance\n\n16.1 Each Partner.\n\n## ARTICLE 5: LEAD COMMISSIONING\n\n## Article 8 of the Convention\n",
            Role::Body,
        );
        let n = d.blocks[0].number.as_ref().expect("numbered");
        assert_eq!((n.value.raw.as_str(), n.value.key().as_str(), n.span.text()), ("Article 16", "16", "Article 16"));
        assert_eq!(d.blocks[0].text, "Liabilities and Insurance");
        assert_eq!(d.blocks[0].section, Section::Clauses);
        assert_eq!(d.blocks[2].number.as_ref().map(|n| n.value.key()), Some("5".to_string()));
        assert_eq!(d.blocks[2].text, "LEAD COMMISSIONING");
        // Not a number after the label: an ordinary heading.
        assert!(d.blocks[3].number.is_none());
        // Only headings: "Article 16 applies." in a paragraph is text.
        let d = doc("Article 16 applies to this Agreement.\n", Role::Body);
        assert!(d.blocks[0].number.is_none());
    }

    #[test]
    fn escapes_are_removed_from_text_but_spans_still_match() {
        let d = doc("A stray \\*star\\* and ]; here\n", Role::Body);
        assert_eq!(d.blocks[0].text, "A stray *star* and ]; here");
        let at = d.blocks[0].text.find("];").unwrap();
        assert_eq!(d.blocks[0].span_of(at..at + 2).text(), "];");
    }

    #[test]
    fn spans_stay_right_after_markup_near_multibyte_characters() {
        // The search window once ended inside "–" and lost its place for the rest of the paragraph.
        // Here the first window (96 bytes) ends inside a curly quote.
        let text = format!("*abc* {}Health Authorities\n", "“x” ".repeat(30));
        let d = doc(&text, Role::Body);
        let at = d.blocks[0].text.find("Health").unwrap();
        assert_eq!(d.blocks[0].span_of(at..at + 18).text(), "Health Authorities");
    }

    #[test]
    fn sections_and_execution_blocks() {
        let d = doc(
            "THIS AGREEMENT is made on 2019\n\n## Recitals\n\n(A) First.\n\n## 1 Definitions\n\n1.1 Text.\n\nThis Agreement was:\n\nSigned for and on behalf of THE TRUST\n\nSignature………\n\nDate…… 1 April 2019\n",
            Role::Body,
        );
        let sections: Vec<_> = d.blocks.iter().map(|b| b.section).collect();
        use Section::*;
        assert_eq!(
            sections,
            [Preamble, Recitals, Recitals, Clauses, Clauses, Execution, Execution, Execution, Execution]
        );
        assert_eq!(d.execution.len(), 1);
        assert_eq!(d.execution[0].fields[0].value, "");
        assert_eq!(d.execution[0].fields[1].value, "1 April 2019");
        assert!(!d.execution[0].is_blank());
    }

    #[test]
    fn background_and_whereas_headings_open_the_recitals() {
        for heading in ["BACKGROUND", "Whereas:", "WHEREAS"] {
            let d = doc(
                &format!("THIS AGREEMENT is made on 2019\n\n## {heading}\n\n(A) First.\n\n## 1 Definitions\n"),
                Role::Body,
            );
            let sections: Vec<_> = d.blocks.iter().map(|b| b.section).collect();
            use Section::*;
            assert_eq!(sections, [Preamble, Recitals, Recitals, Clauses], "{heading}");
        }
    }

    #[test]
    fn only_the_last_run_of_signature_blocks_is_the_execution_section() {
        let d = doc(
            "## 1 Payments\n\nSigned by both Partners, the report goes to the Board.\n\n1.1 Text.\n\n\
             Signed for and on behalf of THE TRUST\n\nSignature……\n\nDate……\n\n## 2 Afterthought\n\n2.1 More.\n",
            Role::Body,
        );
        let sections: Vec<_> = d.blocks.iter().map(|b| b.section).collect();
        use Section::*;
        assert_eq!(sections, [Clauses, Clauses, Clauses, Execution, Execution, Execution, Clauses, Clauses]);
        assert_eq!(d.execution.len(), 1);
        assert_eq!(d.execution[0].heading.value, "Signed for and on behalf of THE TRUST");
        assert_eq!(d.after_execution(), 6..8);
        // An opening with no fields ends the body: still the signature block.
        let end = doc("## 1 A\n\n1.1 Text.\n\nThe common seal of THE COUNCIL was affixed\n", Role::Body);
        assert_eq!(end.execution.len(), 1);
        assert_eq!(end.after_execution(), 3..3);
    }

    #[test]
    fn schedules_have_number_title_and_scopes() {
        let d = doc(
            "# Schedule 1 — Aims and outcomes\n\n## Part I: Overall Aims\n\n1\\. One.\n\n## Part II\n\n1\\. Again.\n",
            Role::Schedule,
        );
        assert_eq!(d.schedule_number(), Some("1"));
        assert_eq!(d.schedule_title(), Some("Aims and outcomes"));
        assert_eq!(d.scopes.len(), 3);
        let one: Vec<_> = d.provisions_numbered("1").map(|p| p.scope).collect();
        assert_eq!(one, [1, 2]);
        let n = doc("# Schedule 12\n\nNot used\n", Role::Schedule);
        assert!(n.is_not_used());
        assert_eq!(n.schedule_title(), Some("Not used"));
    }

    #[test]
    fn provisions_gather_unnumbered_continuations() {
        let d = doc(
            "## 37 Applicable Law\n\nThis Agreement shall be governed.\n\n## 38. No Partnership\n\nNothing.\n",
            Role::Body,
        );
        assert_eq!(d.provisions.len(), 2);
        assert_eq!(d.provisions[0].heading(&d), Some("Applicable Law"));
        assert_eq!(d.provisions[0].text(&d), "Applicable Law\nThis Agreement shall be governed.");
    }

    #[test]
    fn tables_keep_cells() {
        let d = doc("| REF | POST |\n|---|---|\n| 1 | AMHP |\n", Role::Schedule);
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[1].text, "1 | AMHP");
        assert!(d.blocks[1].number.is_none(), "table cells are not provision numbers");
    }
}
