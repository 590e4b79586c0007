//! `metadata.negative-amount`: a pooled-fund contribution below zero.

use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static NEGATIVE_AMOUNT: Rule = Rule {
    code: "metadata.negative-amount",
    severity: Severity::Error,
    summary: "a pooled-fund contribution is negative",
    doc: "A partner pays money into a pooled fund; a negative amount takes money out, and every total and share \
          computed from it is wrong. A withdrawal or reduction is agreed in the text, not written as a negative \
          contribution.",
    example: Example::Metadata(
        "[[pooled_fund.contributions]]\nparty = \"council\"\nyear = \"2024/25\"\namount = -250000",
    ),
};

pub fn negative_contributions(a: &Agreement, out: &mut Vec<Finding>) {
    let Some(fund) = &a.meta.pooled_fund else { return };
    for amount in fund.contributions.iter().filter_map(|c| c.amount.as_ref()).filter(|m| m.value.pence < 0) {
        out.push(
            Finding::new(
                &NEGATIVE_AMOUNT,
                amount.span.clone(),
                format!("contribution of {} is negative", amount.value),
            )
            .label("a contribution below zero")
            .help("write the amount the partner pays in; agree any reduction in the text"),
        );
    }
}
