//! `residue.undated`: an agreement marked signed has no date in its date line.

use super::dates;
use crate::model::{Agreement, Section};
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNDATED: Rule = Rule {
    code: "residue.undated",
    severity: Severity::Error,
    summary: "an agreement marked signed has no date in its date line",
    doc: "The date line (\"THIS AGREEMENT is made on …\") gives the agreement its date. When `status.state` is \
          \"signed\" it must have a day and a month; a draft may leave it blank, and is not reported.",
    example: Example::DateLine("THIS AGREEMENT is made on                 2024"),
};

/// The date line of a signed agreement must carry its date.
pub fn check_date_line(agreement: &Agreement, out: &mut Vec<Finding>) {
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
        &UNDATED,
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

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::UNDATED);
        // this finding at agreement.md:1
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/agreement.md")
                && *line == 1
                && message == "the agreement is marked signed, but its date line has no day or month"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNDATED, &clean()), Vec::new());
    }
}
