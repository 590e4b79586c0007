//! `xref.missing-target`: a reference to a clause, paragraph, schedule, appendix or part that does not exist.

use crate::model::Agreement;
use crate::model::references::{DocId, RefKind, Reference, Resolution, Within};
use crate::rules::{Example, Finding, Rule, Severity};

pub static MISSING_TARGET: Rule = Rule {
    code: "xref.missing-target",
    severity: Severity::Error,
    summary: "a reference to a clause, paragraph, schedule, appendix or part that does not exist",
    doc: "A reference whose target does not exist leaves the reader (and a court) to guess what was meant, and \
          usually survives from an earlier version of the text. Clause numbers are looked up in the body; \
          \"paragraph N of Schedule M\" and \"paragraph N of this Schedule\" in that schedule (in any of its \
          Parts); \"Schedule N\" among the schedules in agreement.toml; \"Appendix A to this schedule\" among the \
          schedule's headings. A \"Clause N\" written inside a schedule is found if either the agreement's clause N \
          or the schedule's own paragraph N exists, as the usual interpretation clause (\"a reference to a Clause … \
          is a reference to a Clause … to this Agreement or Clause or sub-Clause within a schedule\") allows both. \
          A reference into another document (\"clause 31 of the Reablement Contract\", \"Clause 5.2 of the Original \
          Agreement\", \"section 117 of the Mental Health Act 1983\") is not checked; \"of this Agreement\", \"of \
          the Agreement\" and \"of the Partnership Agreement\" are. Correct the number, or restore the provision.",
    example: Example::Body("## 14 Notices\n\n14.1 A notice under Clause 15 shall be in writing."),
};

/// The finding for a reference that resolved to nothing; `None` when it was
/// found or could not be checked.
pub fn missing(a: &Agreement, from: DocId, r: &Reference, why: Resolution) -> Option<Finding> {
    let what = r.describe();
    let (message, related) = match why {
        Resolution::NoSchedule(n) if r.kind == RefKind::Schedule => (format!("Schedule {n} does not exist"), None),
        Resolution::NoSchedule(n) => (format!("{what}: the agreement has no Schedule {n}"), None),
        Resolution::ScheduleNotUsed { number, at } => {
            let message = if r.kind == RefKind::Schedule {
                format!("Schedule {number} is marked \"Not used\"")
            } else {
                format!("{what}: Schedule {number} is marked \"Not used\"")
            };
            (message, at.map(|s| (s, "marked not used here")))
        }
        Resolution::Missing(places) => {
            let message = match (r.kind, places.as_slice()) {
                (RefKind::Clause, [DocId::Body, DocId::Schedule(_)]) => format!(
                    "Clause {} does not exist: neither the agreement nor this schedule has a provision numbered {}",
                    r.target.key, r.target.key
                ),
                (RefKind::Clause | RefKind::Paragraph, [DocId::Body]) => {
                    format!("Clause {} does not exist", r.target.key)
                }
                (RefKind::Appendix | RefKind::Part, [DocId::Schedule(_)]) => {
                    format!("{what} does not exist: the schedule has no heading \"{} {}\"", r.kind.word(), r.target.key)
                }
                (RefKind::Appendix | RefKind::Part, _) => {
                    format!("{what} does not exist in the agreement or its schedules")
                }
                _ => format!("{what} does not exist"),
            };
            // Point at the schedule searched, so the reader sees which one was meant.
            let related = match places.as_slice() {
                [DocId::Schedule(i)] if DocId::Schedule(*i) != from => DocId::Schedule(*i)
                    .document(a)
                    .and_then(|d| d.blocks.first())
                    .map(|b| (b.span.clone(), "the schedule searched")),
                _ => None,
            };
            (message, related)
        }
        Resolution::Found(_) | Resolution::Unchecked => return None,
    };
    let mut f = Finding::new(&MISSING_TARGET, r.span.clone(), message).label("refers to nothing");
    if let Some((span, label)) = related {
        f = f.related(span, label);
    }
    let help = match (r.kind, r.target.within) {
        (RefKind::Clause, Within::Agreement) | (RefKind::Clause, Within::Context) => {
            "correct the clause number, or restore the clause"
        }
        (RefKind::Schedule, _) => "correct the schedule number, or add the schedule to agreement.toml",
        _ => "correct the number, or restore the provision it refers to",
    };
    Some(f.help(help))
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::MISSING_TARGET);
        // this finding at 04-integrated-mental-health-service.md:51
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/04-integrated-mental-health-service.md")
                && *line == 51
                && message == "paragraph 3.2 of Schedule 4 does not exist"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::MISSING_TARGET, &clean()), Vec::new());
    }
}
