//! Tables of figures in a document, whatever shape they reached s75 in:
//! - Markdown pipe tables (one block per row);
//! - boxed text tables ("| 1 | Reablement | Council | 3,880,000 |" lines
//!   between "+-----+" rules), as a Word or text import leaves them;
//! - aligned lines ("County Council 1,840,000 1,876,800 1,914,300"), one
//!   block per line, as a PDF or a tab-separated paste leaves them;
//! - a whole table run into one paragraph ("Financial Year Council (£) PCT
//!   (£) Total (£) ---- 2010/11 2,145,000 4,980,000 7,125,000 2011/12 …").
//!
//! Only the first two carry their own column boundaries. The other two are
//! read as tables only when every row has the same number of amounts and
//! the table says what it totals (a Total line, or a header ending "Total"):
//! prose with a figure at the end of a line is never a table.

use std::ops::Range;

use super::figures::{self, Value};
use crate::model::{BlockKind, Document};

#[derive(Debug, Clone)]
pub struct Cell {
    /// Byte range in the block's text.
    pub range: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Index of the block holding the row.
    pub block: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Markdown,
    Boxed,
    Aligned,
    /// One paragraph holding a whole table.
    Run,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub shape: Shape,
    pub rows: Vec<Row>,
    /// The header's text for each column, where the table has one.
    pub names: Vec<Option<String>>,
    /// The columns (by index) that the last column totals, when the header's
    /// last column is "Total"; empty otherwise.
    pub summed: Vec<usize>,
}

impl Table {
    pub fn name(&self, column: usize) -> Option<&str> {
        self.names.get(column).and_then(|n| n.as_deref()).filter(|n| !n.is_empty())
    }
}

/// Every table of figures in the document, in order.
pub fn tables(doc: &Document) -> Vec<Table> {
    let blocks = &doc.blocks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let text = blocks[i].text.as_str();
        i = if matches!(blocks[i].kind, BlockKind::TableRow { .. }) {
            markdown(doc, i, &mut out)
        } else if boxed_cells(text).is_some() {
            boxed(doc, i, &mut out)
        } else if blocks[i].number.is_some() {
            // A numbered provision is prose ("4.1 The Council shall pay 1,000,000"), not a row.
            i + 1
        } else if let Some(t) = run(doc, i) {
            out.push(t);
            i + 1
        } else if aligned_row(text).is_some() {
            aligned(doc, i, &mut out)
        } else {
            i + 1
        };
    }
    out
}

/// "Total", "TOTAL", "Grand total", "Total (£)": the label of a total.
pub fn is_total(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    let l = l.strip_prefix("grand ").unwrap_or(&l).trim_start();
    l.strip_prefix("totals").or_else(|| l.strip_prefix("total")).is_some_and(|rest| {
        rest.trim().is_empty() || rest.trim_start().starts_with('(') || rest.trim() == "£" || rest.starts_with(' ')
    })
}

/// "Less: income", "Deduct …": a row the total subtracts.
pub fn is_deduction(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    ["less", "deduct", "minus"].iter().any(|w| l.strip_prefix(w).is_some_and(|r| !r.starts_with(char::is_alphabetic)))
}

/// "Sub-total", "Subtotal", "Sub total".
pub fn is_subtotal(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    l.starts_with("sub-total") || l.starts_with("subtotal") || l.starts_with("sub total")
}

/// The row's label: its first cell holding text.
pub fn label<'t>(row: &Row, text: &'t str) -> Option<(usize, &'t str)> {
    row.cells.iter().enumerate().find(|(_, c)| c.value == Value::Text).map(|(i, c)| (i, &text[c.range.clone()]))
}

fn cell(text: &str, range: Range<usize>, strict: bool) -> Cell {
    // Trim the range to the cell's words.
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = (range.end - (s.len() - s.trim_end().len())).max(start);
    Cell { value: figures::parse(&text[start..end], strict), range: start..end }
}

fn split(text: &str, sep: &str, within: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = within.start;
    for (i, _) in text[within.clone()].match_indices(sep) {
        out.push(start..within.start + i);
        start = within.start + i + sep.len();
    }
    out.push(start..within.end);
    out
}

fn header_names(row: &Row, text: &str) -> Vec<Option<String>> {
    row.cells.iter().map(|c| Some(text[c.range.clone()].to_string())).collect()
}

/// Columns 1.. that a last "Total" column adds up: each headed by an
/// amount ("2022/23", "Council (£)", "FTE"), and at least two of them.
fn summed_columns(names: &[Option<String>]) -> Vec<usize> {
    let Some(Some(last)) = names.last() else { return Vec::new() };
    if names.len() < 4 || !is_total(last) {
        return Vec::new();
    }
    let amount = |n: &str| {
        n.contains('£')
            || n.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4)
            || ["fte", "wte"].iter().any(|u| n.to_lowercase().split_whitespace().any(|w| w == *u))
    };
    let cols: Vec<usize> = (1..names.len() - 1).filter(|&c| names[c].as_deref().is_some_and(amount)).collect();
    // Every column between the first amount and the total must be one.
    match cols.first() {
        Some(&first) if cols.len() >= 2 && cols.len() == names.len() - 1 - first => cols,
        _ => Vec::new(),
    }
}

fn markdown(doc: &Document, start: usize, out: &mut Vec<Table>) -> usize {
    let blocks = &doc.blocks;
    let mut i = start;
    let mut table: Option<Table> = None;
    while let Some(BlockKind::TableRow { header }) = blocks.get(i).map(|b| b.kind) {
        let text = &blocks[i].text;
        let cells = split(text, " | ", 0..text.len()).into_iter().map(|r| cell(text, r, false)).collect();
        let row = Row { block: i, cells };
        if header || table.is_none() {
            out.extend(table.take());
            let names = header_names(&row, text);
            let summed = summed_columns(&names);
            table = Some(Table { shape: Shape::Markdown, rows: Vec::new(), names, summed });
        }
        if let Some(t) = table.as_mut() {
            t.rows.push(row);
        }
        i += 1;
    }
    out.extend(table);
    i
}

/// "| a | b | c |": the cells' ranges, when the line is a boxed row.
fn boxed_cells(text: &str) -> Option<Vec<Range<usize>>> {
    let t = text.trim_end();
    let lead = t.len() - t.trim_start().len();
    let inner = t.trim_start().strip_prefix('|')?.strip_suffix('|')?;
    let cells = split(text, "|", lead + 1..lead + 1 + inner.len());
    (cells.len() >= 2).then_some(cells)
}

/// A rule between rows: "+-----+----+", "-------", "=====".
fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3 && t.chars().all(|c| "+-=|:_ ".contains(c)) && (t.contains("---") || t.contains("==="))
}

fn boxed(doc: &Document, start: usize, out: &mut Vec<Table>) -> usize {
    let blocks = &doc.blocks;
    let mut rows = Vec::new();
    let mut i = start;
    while let Some(b) = blocks.get(i) {
        if let Some(ranges) = boxed_cells(&b.text) {
            rows.push(Row { block: i, cells: ranges.into_iter().map(|r| cell(&b.text, r, false)).collect() });
        } else if !is_rule(&b.text) {
            break;
        }
        i += 1;
    }
    if rows.len() >= 2 {
        // A first row without figures is the header.
        let first = &rows[0];
        let names = if first.cells.iter().any(|c| c.value.is_figure()) {
            Vec::new()
        } else {
            header_names(first, &blocks[first.block].text)
        };
        let summed = summed_columns(&names);
        out.push(Table { shape: Shape::Boxed, rows, names, summed });
    }
    i
}

/// Words of a text with their ranges.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// "County Council 1,840,000 1,876,800 1,914,300": a short label, then
/// one or more amounts (or dashes) to the end of the line.
fn aligned_row(text: &str) -> Option<Row> {
    // A row ends in a figure or a dash: prose, most blocks, is turned away
    // on its last word before the whole text is split.
    if text.split_whitespace().next_back().is_none_or(|w| figures::parse(w, true) == Value::Text) {
        return None;
    }
    let toks = tokens(text);
    let mut k = toks.len();
    while k > 0 && figures::parse(&text[toks[k - 1].clone()], true) != Value::Text {
        k -= 1;
    }
    let figures = &toks[k..];
    if k == 0 || figures.is_empty() || !figures.iter().any(|r| figures::parse(&text[r.clone()], true).is_figure()) {
        return None;
    }
    let label = toks[0].start..toks[k - 1].end;
    let words = &text[label.clone()];
    if k > 8 || !words.chars().any(char::is_alphabetic) || words.ends_with([':', ',', ';']) {
        return None;
    }
    let mut cells = vec![Cell { range: label, value: Value::Text }];
    cells.extend(figures.iter().map(|r| cell(text, r.clone(), true)));
    Some(Row { block: 0, cells })
}

/// Financial years in a header line: "Partner 2015/16 2016/17 2017/18".
fn year_names(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .map(|r| &text[r])
        .filter(|w| crate::model::metadata::FinancialYear::parse(w).is_some())
        .map(str::to_string)
        .collect()
}

fn aligned(doc: &Document, start: usize, out: &mut Vec<Table>) -> usize {
    let blocks = &doc.blocks;
    let mut rows: Vec<Row> = Vec::new();
    let mut i = start;
    while let Some(b) = blocks.get(i) {
        match aligned_row(&b.text).filter(|_| b.number.is_none()) {
            Some(mut row) if rows.first().is_none_or(|f| f.cells.len() == row.cells.len()) => {
                row.block = i;
                rows.push(row);
            }
            None if is_rule(&b.text) && !rows.is_empty() => {}
            _ => break,
        }
        i += 1;
    }
    // Without a Total line, aligned figures are not known to be a table.
    let totalled = rows.iter().any(|r| is_total(&blocks[r.block].text[r.cells[0].range.clone()]));
    if rows.len() < 3 || !totalled {
        return i.max(start + 1);
    }
    let width = rows[0].cells.len();
    // The header is the line before the first row (rules skipped).
    let header = blocks[..start].iter().rev().find(|b| !is_rule(&b.text)).map(|b| b.text.as_str()).unwrap_or("");
    let years = year_names(header);
    let mut names: Vec<Option<String>> = vec![None];
    if years.len() == width - 1 {
        names.extend(years.into_iter().map(Some));
    }
    out.push(Table { shape: Shape::Aligned, rows, names, summed: Vec::new() });
    i
}

/// A header, then rows each of a label and the same number (three or more)
/// of amounts, in one paragraph whose header ends "Total".
fn run(doc: &Document, at: usize) -> Option<Table> {
    let text = &doc.blocks[at].text;
    let toks = tokens(text);
    let is_fig = |r: &Range<usize>| figures::parse(&text[r.clone()], true) != Value::Text;
    let first_fig = toks.iter().position(is_fig)?;
    // The header ends at its last rule or unit ("------", "(£)"); the first
    // row's label runs from there to the first amount.
    let header_end = toks[..first_fig].iter().rposition(|r| {
        let w = &text[r.clone()];
        is_rule(w) || w.starts_with("(£")
    })? + 1;
    let meaningful: Vec<&str> = toks[..header_end]
        .iter()
        .map(|r| &text[r.clone()])
        .filter(|w| !is_rule(w) && !w.starts_with("(£") && *w != "£")
        .collect();
    if !meaningful.last().is_some_and(|w| is_total(w)) {
        return None;
    }
    let mut rows = Vec::new();
    let mut j = first_fig;
    let mut label_start = header_end;
    let mut width = None;
    while j < toks.len() {
        let figs_end = (j..toks.len()).find(|&t| !is_fig(&toks[t])).unwrap_or(toks.len());
        let k = figs_end - j;
        if label_start == j || k < 3 || width.is_some_and(|w| w != k) {
            return None;
        }
        width = Some(k);
        let label = toks[label_start].start..toks[j - 1].end;
        if j - label_start > 4 {
            return None;
        }
        let mut cells = vec![Cell { range: label, value: Value::Text }];
        cells.extend(toks[j..figs_end].iter().map(|r| cell(text, r.clone(), true)));
        rows.push(Row { block: at, cells });
        // The next row's label runs up to its first amount.
        label_start = figs_end;
        j = match (figs_end..toks.len()).find(|&t| is_fig(&toks[t])) {
            Some(next) => next,
            None if figs_end == toks.len() => break,
            None => return None,
        };
    }
    let k = width?;
    if rows.len() < 2 {
        return None;
    }
    Some(Table { shape: Shape::Run, rows, names: Vec::new(), summed: (1..k).collect() })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::loading::markdown::{Role, parse};
    use crate::model::SourceFile;

    pub fn doc(text: &str) -> Document {
        parse(&SourceFile::new("t.md", "t.md", text.to_string()), Role::Schedule).expect("parses")
    }

    #[test]
    fn reads_each_shape() {
        let md = doc("| Partner | 2022/23 | Total |\n|---|---|---|\n| CCG | £1 | £1 |\n");
        let t = tables(&md);
        assert_eq!((t.len(), t[0].shape, t[0].rows.len()), (1, Shape::Markdown, 2));
        let boxed = doc(
            "- \\+----+----+\n- \\| No. \\| Amount \\|\n- \\+----+----+\n- \\| 1 \\| 4,000 \\|\n- \\| \\| TOTAL \\| 4,000 \\|\n",
        );
        let t = tables(&boxed);
        assert_eq!(t[0].shape, Shape::Boxed);
        let aligned = doc("Partner 2015/16 2016/17\n\nCouncil 1,000 2,000\n\nCCG 3,000 4,000\n\nTotal 4,000 6,000\n");
        let t = tables(&aligned);
        assert_eq!((t[0].shape, t[0].rows.len(), t[0].name(2)), (Shape::Aligned, 3, Some("2016/17")));
        let run = doc(
            "Year Council (£) PCT (£) Total (£) ------ 2010/11 (six months) 2,145,000 4,980,000 7,125,000 2011/12 4,290,000 10,080,000 14,370,000\n",
        );
        let t = tables(&run);
        assert_eq!((t[0].shape, t[0].rows.len(), t[0].summed.clone()), (Shape::Run, 2, vec![1, 2]));
    }

    #[test]
    fn prose_is_not_a_table() {
        let prose = doc(
            "The Council shall contribute £1,000,000.\n\nThe CCG shall contribute 2,000,000\n\nin total 3,000,000\n",
        );
        assert!(tables(&prose).is_empty());
        let no_total = doc("Council 1,000 2,000\n\nCCG 3,000 4,000\n\nTrust 4,000 6,000\n");
        assert!(tables(&no_total).is_empty());
    }
}
