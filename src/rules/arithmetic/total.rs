//! `arithmetic.total`: a Total row or column that is not the sum of its
//! figures.

use std::collections::BTreeSet;

use super::figures::{self, Value};
use super::tables::{self, Row, Shape, Table};
use crate::model::{Agreement, Document};
use crate::rules::{Example, Finding, Rule, Severity};

pub static TOTAL: Rule = Rule {
    code: "arithmetic.total",
    severity: Severity::Error,
    summary: "a Total in a table is not the sum of the figures it totals",
    doc: "A total that does not add up leaves the agreed amount in doubt: which is right, the total or the \
          figures? Each Total row is checked against the figures above it in its column (up to the column's \
          heading), and a last column headed \"Total\" against the amounts in its row; pounds, FTE, thousands \
          commas, \"£\", brackets for negatives and blank, \"-\" or \"nil\" cells are read. Figures are taken \
          as shown rounded: a difference no larger than half a unit of the last digit shown, for each figure \
          and the total, is not reported. Columns that number the rows (1, 2, 3 …) and totals that count the \
          rows are not sums; rows headed \"Less\" or \"Deduct\" are subtracted, and a Total over subtotals may add \
          them instead of their rows. A figure that makes both its row and its column miss their totals by the \
          same amount is reported once, at the figure. Tables imported as plain lines are read only when every line has the same number \
          of amounts and the table has a Total line (or a header ending \"Total\"). Correct the total, or the \
          figure that is wrong, and check the other places the amount is stated.",
    example: Example::Body(
        "## 14 Budget\n\n14.1 The budget for the first year is:\n\n| Partner | 2024/25 |\n|---|---|\n| Council | 1,876,800 |\n| Trust | 2,254,200 |\n| Total | 4,354,700 |",
    ),
};

pub fn check(a: &Agreement, out: &mut Vec<Finding>) {
    for doc in a.documents() {
        for table in tables::tables(doc) {
            out.extend(table_findings(doc, &table));
        }
    }
}

fn table_findings(doc: &Document, table: &Table) -> Vec<Finding> {
    let mut reported = BTreeSet::new();
    let mut misses = Vec::new();
    column_totals(doc, table, &mut reported, &mut misses);
    row_totals(doc, table, &mut reported, &mut misses);
    settle(doc, table, misses)
}

/// A total that does not add up, with what a single wrong figure would explain.
struct Miss {
    finding: Finding,
    /// A row total (true) or a column total.
    row: bool,
    /// The figures' sum less the total.
    diff: i128,
    /// The cells (row, column) that were added.
    cells: Vec<(usize, usize)>,
    /// The total as written, and the row's label or the column's heading.
    stated: String,
    name: Option<String>,
}

/// One wrong figure makes its row and its column both miss their totals by
/// the same amount: that is one defect, reported once, at the figure.
fn settle(doc: &Document, table: &Table, misses: Vec<Miss>) -> Vec<Finding> {
    let mut merged = Vec::new();
    let mut used = vec![false; misses.len()];
    for (i, col) in misses.iter().enumerate().filter(|(_, m)| !m.row) {
        for (j, row) in misses.iter().enumerate().filter(|(_, m)| m.row) {
            let common: Vec<&(usize, usize)> = col.cells.iter().filter(|c| row.cells.contains(c)).collect();
            if used[i] || used[j] || col.diff != row.diff || common.len() != 1 {
                continue;
            }
            let (r, c) = *common[0];
            let cell = &table.rows[r].cells[c];
            let Value::Figure { scaled, decimals, pounds } = cell.value else { continue };
            let should = figures::show(scaled - col.diff, decimals, pounds);
            let whose = match (&row.name, &col.name) {
                (Some(r), Some(c)) => format!(" ({r}, {c})"),
                (Some(r), None) => format!(" ({r})"),
                _ => String::new(),
            };
            used[i] = true;
            used[j] = true;
            merged.push(
                Finding::new(
                    &TOTAL,
                    doc.blocks[table.rows[r].block].span_of(cell.range.clone()),
                    format!(
                        "{}{whose} fits neither its row's Total ({}) nor its column's ({}); both add up if it is {should}",
                        text(doc, &table.rows[r], c),
                        row.stated,
                        col.stated
                    ),
                )
                .label(format!("both totals add up if this is {should}"))
                .related(row.finding.primary.span.clone(), "the row's Total")
                .related(col.finding.primary.span.clone(), "the column's Total")
                .help(help(table)),
            );
        }
    }
    merged.extend(misses.into_iter().zip(used).filter(|(_, u)| !u).map(|(m, _)| m.finding));
    merged
}

fn text<'d>(doc: &'d Document, row: &Row, col: usize) -> &'d str {
    &doc.blocks[row.block].text[row.cells[col].range.clone()]
}

fn row_label<'d>(doc: &'d Document, row: &Row) -> Option<&'d str> {
    tables::label(row, &doc.blocks[row.block].text).map(|(_, l)| l)
}

struct Sum {
    scaled: i128,
    decimals: u8,
    count: usize,
    /// Twice the rounding each figure may carry (one unit of its last digit).
    rounding: i128,
}

fn add(values: &[Value]) -> Sum {
    let mut s = Sum { scaled: 0, decimals: 0, count: 0, rounding: 0 };
    for v in values {
        if let Value::Figure { scaled, decimals, .. } = *v {
            s.scaled += scaled;
            s.decimals = s.decimals.max(decimals);
            s.count += 1;
            s.rounding += figures::unit(decimals);
        }
    }
    s
}

/// Whether `total` is its figures' sum, allowing for figures shown rounded.
fn adds_up(sum: &Sum, total: i128, total_decimals: u8) -> bool {
    (sum.scaled - total).abs() * 2 <= sum.rounding + figures::unit(total_decimals)
}

/// 1, 2, 3 … n: a column numbering the rows, not amounts.
fn is_numbering(values: &[i128]) -> bool {
    let one = 10_000;
    values.len() >= 2
        && (values.iter().enumerate().all(|(i, v)| *v == one * (i as i128 + 1))
            || values.iter().rev().enumerate().all(|(i, v)| *v == one * (i as i128 + 1)))
}

fn column_totals(doc: &Document, table: &Table, reported: &mut BTreeSet<(usize, usize)>, out: &mut Vec<Miss>) {
    for (t, row) in table.rows.iter().enumerate() {
        let Some((label_col, label)) = tables::label(row, &doc.blocks[row.block].text) else { continue };
        if !tables::is_total(label) {
            continue;
        }
        for (col, cell) in row.cells.iter().enumerate().skip(label_col + 1) {
            let Value::Figure { scaled: total, decimals, pounds } = cell.value else { continue };
            // The figures above, up to the column's heading or an earlier total.
            let mut above = Vec::new();
            let mut cells = Vec::new();
            let mut subtotals = Vec::new();
            let mut heading = None;
            for (p, prev) in table.rows[..t].iter().enumerate().rev() {
                let Some(c) = prev.cells.get(col).filter(|_| prev.cells.len() == row.cells.len()) else { break };
                let prev_label = row_label(doc, prev).unwrap_or("");
                if tables::is_total(prev_label) {
                    break;
                }
                if tables::is_subtotal(prev_label) {
                    subtotals.push(c.value);
                    continue;
                }
                match c.value {
                    Value::Figure { scaled, decimals, pounds } if tables::is_deduction(prev_label) => {
                        above.push(Value::Figure { scaled: -scaled.abs(), decimals, pounds });
                        cells.push((p, col));
                    }
                    Value::Figure { .. } => {
                        above.push(c.value);
                        cells.push((p, col));
                    }
                    Value::Blank => {}
                    Value::Text => {
                        heading = Some(text(doc, prev, col));
                        break;
                    }
                }
            }
            let sum = add(&above);
            if sum.count == 0 {
                continue;
            }
            let plain: Vec<i128> = above
                .iter()
                .rev()
                .filter_map(|v| match v {
                    Value::Figure { scaled, .. } => Some(*scaled),
                    _ => None,
                })
                .collect();
            let counts_rows = total == sum.count as i128 * 10_000;
            if is_numbering(&plain) || counts_rows || adds_up(&sum, total, decimals) {
                continue;
            }
            if !subtotals.is_empty() && adds_up(&add(&subtotals), total, decimals) {
                continue;
            }
            if !reported.insert((row.block, cell.range.start)) {
                continue;
            }
            let shown = figures::show(sum.scaled, sum.decimals.max(decimals), pounds);
            let stated = text(doc, row, col);
            let name = heading.or(table.name(col)).map(str::to_string);
            let column = name.as_ref().map_or(String::new(), |h| format!(" of the \"{h}\" column"));
            let n = sum.count;
            let figs = if n == 1 {
                "the figure above it is".to_string()
            } else {
                format!("the {n} figures above it add up to")
            };
            let finding = Finding::new(
                &TOTAL,
                doc.blocks[row.block].span_of(cell.range.clone()),
                format!("the {label}{column} is {stated}, but {figs} {shown}"),
            )
            .label(format!("the figures add up to {shown}"))
            .help(help(table));
            let stated = stated.to_string();
            out.push(Miss { finding, row: false, diff: sum.scaled - total, cells, stated, name });
        }
    }
}

fn help(table: &Table) -> String {
    let mut help =
        "correct the total or the figure that is wrong, and any other place that states the amount".to_string();
    if matches!(table.shape, Shape::Aligned | Shape::Run) {
        help.push_str(" (the table was read from lines of plain text: check its columns against the signed copy)");
    }
    help
}

fn row_totals(doc: &Document, table: &Table, reported: &mut BTreeSet<(usize, usize)>, out: &mut Vec<Miss>) {
    let Some(&last_summed) = table.summed.last() else { return };
    let total_col = last_summed + 1;
    for (r, row) in table.rows.iter().enumerate() {
        let Some(cell) = row.cells.get(total_col).filter(|_| row.cells.len() == total_col + 1) else { continue };
        let Value::Figure { scaled: total, decimals, pounds } = cell.value else { continue };
        let values: Vec<Value> = table.summed.iter().filter_map(|&c| row.cells.get(c).map(|c| c.value)).collect();
        if values.contains(&Value::Text) {
            continue;
        }
        let sum = add(&values);
        if sum.count < 2 || adds_up(&sum, total, decimals) || !reported.insert((row.block, cell.range.start)) {
            continue;
        }
        let shown = figures::show(sum.scaled, sum.decimals.max(decimals), pounds);
        let parts: Vec<&str> =
            table.summed.iter().filter(|&&c| row.cells[c].value.is_figure()).map(|&c| text(doc, row, c)).collect();
        let label = row_label(doc, row).map(str::to_string);
        let name = label.as_ref().map_or(String::new(), |l| format!(" for \"{l}\""));
        let stated = text(doc, row, total_col).to_string();
        let finding = Finding::new(
            &TOTAL,
            doc.blocks[row.block].span_of(cell.range.clone()),
            format!("the Total{name} is {stated}, but its figures ({}) add up to {shown}", parts.join(" + ")),
        )
        .label(format!("the figures add up to {shown}"))
        .help(help(table));
        let cells = table.summed.iter().filter(|&&c| row.cells[c].value.is_figure()).map(|&c| (r, c)).collect();
        out.push(Miss { finding, row: true, diff: sum.scaled - total, cells, stated, name: label });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::bundled;

    fn findings(md: &str) -> Vec<String> {
        let doc = super::super::tables::tests::doc(md);
        tables::tables(&doc).iter().flat_map(|t| table_findings(&doc, t)).map(|f| f.message).collect()
    }

    #[test]
    fn the_2019_dementia_team_total_is_found_and_the_other_totals_are_silent() {
        let mut out = Vec::new();
        for a in bundled() {
            check(&a, &mut out);
        }
        let found: Vec<(String, String)> =
            out.iter().map(|f| (f.primary.span.file.path.clone(), f.message.clone())).collect();
        // The 2019 agreement and its 2022 reconstruction share Schedule 7: one slip each.
        assert_eq!(found.len(), 2, "{found:#?}");
        for (file, message) in &found {
            assert!(file.ends_with("07-seconded-council-employees.md"), "{file}");
            assert_eq!(message, "the Total of the \"FTE\" column is 10.6, but the 10 figures above it add up to 9.6");
        }
    }

    #[test]
    fn a_boxed_scheme_table_whose_total_is_wrong() {
        let md = "- \\+-----+----------+---------+\n- \\| No. \\| Individual Scheme \\| 2024/25 (£) \\|\n\
                  - \\+-----+----------+---------+\n- \\| 1 \\| Reablement \\| 3,880,000 \\|\n\
                  - \\| 2 \\| Carers' breaks \\| 940,000 \\|\n- \\+-----+----------+---------+\n\
                  - \\| \\| TOTAL \\| 4,920,000 \\|\n";
        assert_eq!(
            findings(md),
            ["the TOTAL of the \"2024/25 (£)\" column is 4,920,000, but the 2 figures above it add up to 4,820,000"]
        );
    }

    #[test]
    fn aligned_lines_from_a_pdf_or_a_tab_separated_paste() {
        let md = "Partner 2021/22 (£) 2022/23 (£)\n\nCouncil 2,410,000 2,458,200\n\nCCG 5,125,000 5,227,500\n\n\
                  Total 7,535,000 7,658,700\n";
        assert_eq!(
            findings(md),
            ["the Total of the \"2022/23\" column is 7,658,700, but the 2 figures above it add up to 7,685,700"]
        );
        assert!(findings(&md.replace("7,658,700", "7,685,700")).is_empty());
    }

    #[test]
    fn a_year_table_run_into_one_paragraph() {
        let md = "- Financial Year Council (£) PCT (£) Total (£) ------------ 2011/12 4,290,000 10,080,000 14,370,000 \
                  2012/13 4,290,000 10,240,000 14,350,000\n";
        assert_eq!(
            findings(md),
            ["the Total for \"2012/13\" is 14,350,000, but its figures (4,290,000 + 10,240,000) add up to 14,530,000"]
        );
    }

    #[test]
    fn one_wrong_figure_is_one_finding_at_the_figure() {
        let md = "| Partner | 2022/23 | 2023/24 | Total |\n|---|---|---|---|\n| the CCG | £2,000,000 | £1,500,000 | £4,000,000 |\n\
                  | the Trust | £1,500,000 | £1,000,000 | £2,500,000 |\n| Total | £4,000,000 | £2,500,000 | £6,500,000 |\n";
        assert_eq!(
            findings(md),
            [
                "£2,000,000 (the CCG, 2022/23) fits neither its row's Total (£4,000,000) nor its column's (£4,000,000); both \
              add up if it is £2,500,000"
            ]
        );
    }

    #[test]
    fn correct_tables_in_other_house_styles_are_silent() {
        // Negatives in brackets, nil cells, a numbered column, a count of posts,
        // a subtotal, and figures shown rounded to the pound.
        let md = "| No. | Item | Posts | 2023/24 £ | Total |\n|---|---|---|---|---|\n\
                  | 1 | Reablement | 2 | 1,000.40 | 1,000.40 |\n| 2 | Credit | 1 | (200.20) | (200.20) |\n\
                  | 3 | Equipment | nil | 300.30 | 300.30 |\n| Total | | 3 | 1,101 | 1,101 |\n";
        assert_eq!(findings(md), Vec::<String>::new());
        let sub =
            "| Scheme | £ |\n|---|---|\n| A | 100 |\n| B | 200 |\n| Subtotal | 300 |\n| C | 50 |\n| Total | 350 |\n";
        assert_eq!(findings(sub), Vec::<String>::new());
        let net = "| Item | £ |\n|---|---|\n| Gross cost | 1,000 |\n| Less: client income | 200 |\n| Total | 800 |\n";
        assert_eq!(findings(net), Vec::<String>::new());
        // Numbered clauses that end in amounts are prose, whatever follows them.
        let clauses = "4.1 The Council shall pay 1,000,000\n\n4.2 The CCG shall pay 2,000,000\n\n4.3 Total 4,000,000\n";
        assert_eq!(findings(clauses), Vec::<String>::new());
    }
}
