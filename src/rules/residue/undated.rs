//! `residue.undated`: an agreement marked signed has no date in its date line.

use super::dates;
use jiff::civil::Date;

use crate::model::{Agreement, Block, Section};
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNDATED: Rule = Rule {
    code: "residue.undated",
    severity: Severity::Error,
    summary: "an agreement marked signed, or whose term has ended, has no date in its date line",
    doc: "The date line (\"THIS AGREEMENT is made on …\") gives the agreement its date. When `status.state` is \
          \"signed\" it must have a day and a month (an error). A text not marked signed whose whole term is over is \
          the record of an agreement that ran, and its blank date is reported too, unless agreement.toml's \
          `illustrative` says it is not the text the partners made. A draft, even one whose start date has \
          passed, may leave the date blank, and is not reported.",
    example: Example::DateLine("THIS AGREEMENT is made on                 2024"),
};

/// The first date line of the preamble, the one that dates the agreement,
/// when it has no day or no month.
fn undated_line(agreement: &Agreement) -> Option<(&Block, dates::Undated)> {
    let body = &agreement.body;
    let b = body.blocks.iter().take_while(|b| b.section == Section::Preamble).find(|b| dates::is_date_line(&b.text))?;
    Some((b, dates::undated(&b.text)?))
}

/// A text not marked signed whose whole term is over, and which does not say
/// it is an illustration: the record of an agreement that ran. Its blank date
/// is a defect whether it was signed (date it) or not (the partners worked
/// without a made agreement). A draft whose start date has passed may still
/// be under negotiation, so only a term that has ended is reported.
pub fn check_past_term(agreement: &Agreement, today: Date, out: &mut Vec<Finding>) {
    let meta = &agreement.meta;
    if meta.is_signed() || meta.illustrative.is_some() {
        return;
    }
    let Some(term) = &meta.term else { return };
    let Some(start) = &term.commencement else { return };
    let Some(end) = term.expiry.as_ref().map(|e| e.value).or_else(|| term.computed_expiry()) else { return };
    if end >= today {
        return;
    }
    let Some((b, undated)) = undated_line(agreement) else { return };
    let lacks = if undated.has_month { "no day" } else { "no day or month" };
    out.push(
        Finding::new(
            &UNDATED,
            b.span_of(undated.range.clone()),
            format!("the term ran from {} to {end}, but the date line has {lacks}", start.value),
        )
        .label(lacks)
        .related(start.span.clone(), "the term began")
        .help(
            "if the agreement was signed, write the date it was made and set status.state = \"signed\"; if this \
             text is not the agreement the partners made, say so in `illustrative`",
        ),
    );
}

/// The date line of a signed agreement must carry its date.
pub fn check_date_line(agreement: &Agreement, out: &mut Vec<Finding>) {
    let Some((b, undated)) = undated_line(agreement) else { return };
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
    use crate::rules::testing::{bundled, clean, reported, reported_2019};

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

    /// The 2022 reconstruction is a draft with a blank date line whose term
    /// (2022–2025) is over, but it says it is illustrative, not the signed text.
    #[test]
    fn silent_on_an_illustrative_draft_whose_term_is_over() {
        let coventry_2022 = bundled().swap_remove(1);
        assert!(coventry_2022.meta.illustrative.is_some());
        assert_eq!(reported(&super::UNDATED, &coventry_2022), Vec::new());
    }
}
