//! Checks that apply once `status.state` is "signed": the date line carries
//! a date and every execution block records a signature.

use crate::model::{Agreement, Section};
use crate::rules::Finding;

use super::dates;
use super::{EMPTY_EXECUTION, UNDATED};

pub(super) fn check_date_line(agreement: &Agreement, out: &mut Vec<Finding>) {
    let body = &agreement.body;
    // The first date line of the preamble is the one that dates the agreement.
    let Some(b) =
        body.blocks.iter().take_while(|b| b.section == Section::Preamble).find(|b| dates::is_date_line(&b.text))
    else {
        return;
    };
    let Some(undated) = dates::undated(&b.text) else { return };
    let lacks = if undated.has_month { "no day" } else { "no day or month" };
    let mut f = Finding::new(
        UNDATED,
        b.span_of(undated.range.clone()),
        format!("the agreement is marked signed, but its date line has {lacks}"),
    )
    .label(lacks);
    let signed: Vec<String> = agreement
        .meta
        .status
        .as_ref()
        .map(|s| s.signed.iter().filter_map(|sig| sig.date.as_ref().map(|d| d.value.to_string())).collect())
        .unwrap_or_default();
    f = if signed.is_empty() {
        f.help("write the date the agreement was made (usually the date of the last signature)")
    } else {
        f.help(format!(
            "agreement.toml records signature dates ({}): the date line should carry the date the agreement was made",
            signed.join(", ")
        ))
    };
    out.push(f);
}

pub(super) fn check_execution(agreement: &Agreement, out: &mut Vec<Finding>) {
    for block in &agreement.body.execution {
        if block.fields.is_empty() || !block.is_blank() {
            continue;
        }
        let mut f = Finding::new(
            EMPTY_EXECUTION,
            block.heading.span.clone(),
            format!("the agreement is marked signed, but \"{}\" has no signature, name, position or date", block.heading.value.trim()),
        )
        .label("blank signature block")
        .help("record who signed, in what position and when; if this text is not the signed copy, say so in `illustrative`");
        for field in &block.fields {
            f = f.related(field.span.clone(), format!("{} blank", field.label));
        }
        out.push(f);
    }
}
