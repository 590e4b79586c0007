//! `residue.empty-execution`: an agreement marked signed has a blank signature block.

use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static EMPTY_EXECUTION: Rule = Rule {
    code: "residue.empty-execution",
    severity: Severity::Error,
    summary: "an agreement marked signed has a blank signature block",
    doc: "When `status.state` is \"signed\", each execution block should record who signed (name and position) and \
          when. A block whose Signature, Print Name, Position and Date are all blank (dots, underscores) shows an \
          unsigned copy. Drafts are not reported.",
    example: Example::Execution(
        "Signed for and on behalf of NORTHFIELD BOROUGH COUNCIL\n\nSignature……………\n\nPrint Name……………\n\nPosition……………\n\nDate……………",
    ),
};

/// Every signature block of a signed agreement must record a signature.
pub fn check_execution(agreement: &Agreement, out: &mut Vec<Finding>) {
    for block in &agreement.body.execution {
        if block.fields.is_empty() || !block.is_blank() {
            continue;
        }
        let mut f = Finding::new(
            &EMPTY_EXECUTION,
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

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::EMPTY_EXECUTION);
        // this finding at agreement.md:666
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 666 && message == "the agreement is marked signed, but \"Signed for and on behalf of COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST\" has no signature, name, position or date"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::EMPTY_EXECUTION, &clean()), Vec::new());
    }
}
