//! `metadata.empty-schedule`: a schedule listed in agreement.toml whose file is empty.

use crate::model::Agreement;
use crate::model::metadata::ScheduleSource;
use crate::rules::{Example, Finding, Rule, Severity};

pub static EMPTY_SCHEDULE: Rule = Rule {
    code: "metadata.empty-schedule",
    severity: Severity::Error,
    summary: "a schedule file has no text",
    doc: "A schedule listed in agreement.toml whose file is empty is a schedule missing from the agreement, usually a \
          file created and never filled, or emptied by mistake. Write its text, or mark the slot `not_used = true` \
          if the agreement says \"Not used\".",
    example: Example::Schedule(""),
};

pub fn empty_schedules(a: &Agreement, out: &mut Vec<Finding>) {
    for s in &a.schedules {
        let Some(doc) = &s.doc else { continue };
        if !doc.file.text.trim().is_empty() {
            continue;
        }
        let (ScheduleSource::Local(name) | ScheduleSource::Shared(name)) = &a.entry(s).source else { continue };
        out.push(
            Finding::new(&EMPTY_SCHEDULE, name.span.clone(), format!("schedule file `{}` is empty", doc.file.path))
                .label("names an empty file")
                .help("write the schedule's text, or mark the slot `not_used = true`"),
        );
    }
}
