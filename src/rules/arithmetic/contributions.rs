//! `arithmetic.contributions`: a contributions table that states a
//! different amount from `agreement.toml`'s `[[pooled_fund.contributions]]`.

use super::figures::Value;
use super::stated;
use super::tables::{self, Table};
use crate::model::metadata::{FinancialYear, Money, Party};
use crate::model::{Agreement, BlockKind, Document};
use crate::rules::{Example, Finding, Rule, Severity};

pub static CONTRIBUTIONS: Rule = Rule {
    code: "arithmetic.contributions",
    severity: Severity::Error,
    summary: "contributions that disagree with agreement.toml, or with the total the text gives them",
    doc: "agreement.toml's [[pooled_fund.contributions]] records what each partner pays into the pooled fund \
          in each financial year; the compliance matrix and the finance checks rely on it. Where a table in the \
          text gives the same partner's amount for the same year (a column headed by the financial year, a row \
          labelled with the partner's key, name or defined name), or the year's Total, and the figure differs, \
          one of the two is wrong. Check the signed text and correct the other. A sentence that gives each \
          partner's contribution and their total (\"the Council shall contribute £2,410,000 and the CCG \
          £5,125,000, a total of £7,635,000\") is checked too, unless it says the total holds other money \
          (\"the remainder\", \"including\", \"of which\").",
    example: Example::MetadataAndBody {
        metadata: "[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"2024/25\"\namount = 2500000",
        body: "## 14 Contributions\n\n14.1 The Partners shall contribute:\n\n| Partner | 2024/25 |\n|---|---|\n| the Council | £2,000,000 |",
    },
};

pub fn check(a: &Agreement, out: &mut Vec<Finding>) {
    sentences(a, out);
    let Some(fund) = &a.meta.pooled_fund else { return };
    if fund.contributions.is_empty() {
        return;
    }
    for doc in a.documents() {
        for table in tables::tables(doc) {
            for (col, year) in year_columns(&table) {
                let of_year: Vec<_> =
                    fund.contributions.iter().filter(|c| c.year.as_ref().is_some_and(|y| y.value == year)).collect();
                if of_year.is_empty() {
                    continue;
                }
                // A partner's row is compared with its entry; the Total only when no
                // partner's row was recognised and the column adds up (a Total that does
                // not is `arithmetic.total`'s finding: one defect, one finding).
                // A column that does not add up to its own Total is `arithmetic.total`'s
                // finding; which figure is wrong is for that rule to say.
                let text_of = |row: &tables::Row| doc.blocks[row.block].text.as_str();
                let total_row = table
                    .rows
                    .iter()
                    .position(|r| tables::label(r, text_of(r)).is_some_and(|(_, l)| tables::is_total(l)));
                if let Some(t) = total_row {
                    let stated = table.rows[t].cells.get(col).and_then(|c| pence(c.value));
                    if stated.is_some() && stated != column_sum(&table, t, col) {
                        continue;
                    }
                }
                let mut matched_a_party = false;
                for (r, row) in table.rows.iter().enumerate() {
                    let Some((_, label)) = tables::label(row, &doc.blocks[row.block].text) else { continue };
                    let Some(cell) = row.cells.get(col) else { continue };
                    let Some(stated) = pence(cell.value) else { continue };
                    let recorded = if tables::is_total(label) {
                        if matched_a_party || column_sum(&table, r, col) != Some(stated) {
                            continue;
                        }
                        of_year.iter().filter_map(|c| c.amount.as_ref()).map(|m| m.value.pence).sum::<i64>()
                    } else {
                        let Some(party) = a.meta.parties.iter().find(|p| names_party(label, p)) else { continue };
                        let key = party.key.as_ref().map(|k| k.value.as_str());
                        let mine: Vec<_> = of_year
                            .iter()
                            .filter(|c| c.party.as_ref().map(|p| p.value.as_str()) == key)
                            .filter_map(|c| c.amount.as_ref())
                            .collect();
                        if mine.is_empty() {
                            continue;
                        }
                        matched_a_party = true;
                        mine.iter().map(|m| m.value.pence).sum()
                    };
                    if stated == recorded {
                        continue;
                    }
                    out.push(finding(doc, row.block, cell.range.clone(), label, year, stated, recorded, &fund.span));
                }
            }
        }
    }
}

/// Contributions stated in a sentence with a total that is not their sum.
fn sentences(a: &Agreement, out: &mut Vec<Finding>) {
    for doc in a.documents() {
        for b in doc.blocks.iter().filter(|b| !matches!(b.kind, BlockKind::TableRow { .. }) && b.text.contains('£')) {
            for st in stated::find(&b.text, &a.meta.parties) {
                let sum: i64 = st.parts.iter().map(|p| p.1).sum();
                if sum == st.total.1 {
                    continue;
                }
                let parts: Vec<String> = st
                    .parts
                    .iter()
                    .map(|(_, pence, p)| {
                        let party = &a.meta.parties[*p];
                        let who = party.defined_as.as_ref().map_or(party.display_name(), |d| d.value.as_str());
                        format!("{} from {who}", Money { pence: *pence })
                    })
                    .collect();
                let (sum, total) = (Money { pence: sum }, Money { pence: st.total.1 });
                let mut f = Finding::new(
                    &CONTRIBUTIONS,
                    b.span_of(st.total.0.clone()),
                    format!(
                        "the contributions stated with this total ({}) add up to {sum}, not {total}",
                        parts.join(" + ")
                    ),
                )
                .label(format!("the contributions add up to {sum}"));
                for (range, _, _) in &st.parts {
                    f = f.related(b.span_of(range.clone()), "a contribution");
                }
                out.push(
                    f.help("correct the total or the contribution that is wrong, and the schedule that sets them out"),
                );
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    doc: &Document,
    block: usize,
    range: std::ops::Range<usize>,
    label: &str,
    year: FinancialYear,
    stated: i64,
    recorded: i64,
    fund: &crate::model::Span,
) -> Finding {
    let (stated, recorded) = (Money { pence: stated }, Money { pence: recorded });
    Finding::new(
        &CONTRIBUTIONS,
        doc.blocks[block].span_of(range),
        format!("the table gives {label} {stated} for {year}, but agreement.toml records {recorded}"),
    )
    .label(format!("agreement.toml: {recorded}"))
    .related(fund.clone(), "the contributions recorded here")
    .help("check the signed text, then correct the table or [[pooled_fund.contributions]]")
}

/// Columns headed by one financial year ("2022/23", "2022/23 (£)").
fn year_columns(table: &Table) -> Vec<(usize, FinancialYear)> {
    (0..table.names.len())
        .filter_map(|c| {
            let name = table.name(c)?;
            let mut years = name.split_whitespace().filter_map(FinancialYear::parse);
            let year = years.next()?;
            years.next().is_none().then_some((c, year))
        })
        .collect()
}

/// The figures above row `total` in column `col`, up to the heading, in pence.
fn column_sum(table: &Table, total: usize, col: usize) -> Option<i64> {
    let mut sum = 0;
    for row in table.rows[..total].iter().rev() {
        match row.cells.get(col)?.value {
            Value::Text => break,
            v => sum += pence(v).unwrap_or(0),
        }
    }
    Some(sum)
}

/// An amount in pounds, to the penny: a figure with at most two decimals.
fn pence(v: Value) -> Option<i64> {
    match v {
        Value::Figure { scaled, decimals, .. } if decimals <= 2 => i64::try_from(scaled / 100).ok(),
        _ => None,
    }
}

/// "the CCG", "CCG", "NHS Coventry and Warwickshire CCG": the row names the party.
fn names_party(label: &str, party: &Party) -> bool {
    let norm = |s: &str| {
        let l = s.trim().to_lowercase();
        l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
    };
    let label = norm(label);
    [&party.key, &party.name, &party.defined_as].into_iter().flatten().any(|n| norm(&n.value) == label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::bundled;

    #[test]
    fn the_bundled_pool_agrees_with_its_metadata() {
        let mut out = Vec::new();
        for a in bundled() {
            check(&a, &mut out);
        }
        assert!(out.is_empty(), "{:#?}", out.iter().map(|f| &f.message).collect::<Vec<_>>());
    }

    /// The bundled pool's messages with its contributions table edited.
    fn with_table(edits: &[(&str, &str)]) -> Vec<String> {
        let mut pool = bundled().into_iter().find(|a| a.id().contains("mh-pool")).expect("the pool");
        let schedule = pool
            .schedules
            .iter_mut()
            .filter_map(|s| s.doc.as_mut())
            .find(|d| d.file.path.ends_with("02-contributions.md"))
            .expect("schedule 2");
        let mut text = schedule.file.text.clone();
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replace(from, to);
        }
        *schedule = crate::loading::markdown::parse(
            &crate::model::SourceFile::new(&schedule.file.path, &schedule.file.path, text),
            crate::loading::markdown::Role::Schedule,
        )
        .expect("parses");
        let mut out = Vec::new();
        check(&pool, &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    fn stated(text: &str) -> Vec<String> {
        let mut pool = bundled().into_iter().find(|a| a.id().contains("mh-pool")).expect("the pool");
        pool.body = crate::loading::markdown::parse(
            &crate::model::SourceFile::new("agreement.md", "agreement.md", text.to_string()),
            crate::loading::markdown::Role::Body,
        )
        .expect("parses");
        pool.schedules.clear();
        let mut out = Vec::new();
        sentences(&pool, &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn contributions_stated_with_a_total_that_is_not_their_sum() {
        assert_eq!(
            stated(
                "7.2 The CCG shall contribute £2,500,000 and the Trust shall contribute £1,500,000, a total of £4,500,000.\n"
            ),
            [
                "the contributions stated with this total (£2,500,000 from the CCG + £1,500,000 from the Trust) add up to \
              £4,000,000, not £4,500,000"
            ]
        );
        assert_eq!(
            stated("The Pooled Fund shall total £8m, being £5m from the CCG and £2.5m from the Trust.\n"),
            [
                "the contributions stated with this total (£5,000,000 from the CCG + £2,500,000 from the Trust) add up to \
              £7,500,000, not £8,000,000"
            ]
        );
    }

    #[test]
    fn sums_that_add_up_or_hold_other_money_are_silent() {
        for ok in [
            "The CCG shall contribute £2,500,000 and the Trust shall contribute £1,500,000, a total of £4,000,000.",
            "The CCG shall contribute £2,500,000 and the Trust £1,500,000 to a total budget of £9,000,000.",
            "A total of £9,000,000, of which the CCG shall contribute £2,500,000 and the Trust £1,500,000.",
            "The CCG shall contribute £1m in 2022/23 and £1m in 2023/24, a total of £3m.",
            "Of the total in paragraph 1, the ICB shall contribute £14,136,000 and the Council shall contribute \
             £5,638,000 (being the Disabled Facilities Grant of £2,604,000 and £3,034,000 from its own resources).",
        ] {
            assert_eq!(stated(ok), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn a_changed_table_figure_disagrees_with_the_metadata() {
        let figure = ("| the CCG | £2,500,000 |", "| the CCG | £2,000,000 |");
        // The year's Total still matches agreement.toml but no longer adds up:
        // that is arithmetic.total's finding, so this rule says nothing.
        assert_eq!(with_table(&[figure]), Vec::<String>::new());
        // With the Total corrected to the table's own sum, the figure disagrees with agreement.toml.
        assert_eq!(
            with_table(&[figure, ("| Total | £4,000,000 |", "| Total | £3,500,000 |")]),
            ["the table gives the CCG £2,000,000 for 2022/23, but agreement.toml records £2,500,000"]
        );
    }
}
