//! `metadata.schedule-mismatch`: a schedule file headed with another number
//! than its [[schedules]] entry gives it.

use crate::model::Agreement;
use crate::model::DocKind;
use crate::rules::{Example, Finding, Rule, Severity};

pub static SCHEDULE_MISMATCH: Rule = Rule {
    code: "metadata.schedule-mismatch",
    severity: Severity::Error,
    summary: "a schedule file's heading does not match its [[schedules]] entry",
    doc: "The number in the schedule file's `# Schedule N` heading must be the number the metadata gives it, or \
          references to \"Schedule N\" find the wrong text.",
    example: Example::Metadata(
        "[[schedules]]\nnumber = \"2\"   # the file is headed \"Schedule 1\"\ntitle = \"Aims and Outcomes\"\nfile = \"schedules/01-aims-and-outcomes.md\"",
    ),
};

pub fn check_schedule_headings(a: &Agreement, out: &mut Vec<Finding>) {
    for s in &a.schedules {
        let (Some(doc), Some(declared)) = (&s.doc, &a.entry(s).number) else { continue };
        let DocKind::Schedule { number: Some(found), .. } = &doc.kind else { continue };
        if !found.value.eq_ignore_ascii_case(&declared.value) {
            out.push(
                Finding::new(
                    &SCHEDULE_MISMATCH,
                    found.span.clone(),
                    format!(
                        "file is headed Schedule {} but agreement.toml lists it as Schedule {}",
                        found.value, declared.value
                    ),
                )
                .related(declared.span.clone(), "declared here"),
            );
        }
    }
}
