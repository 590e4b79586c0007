//! `xref.heading-mismatch`: a reference names its target, but the target is headed differently.

use super::names;
use crate::model::Agreement;
use crate::model::references::{DocId, Hit, RefKind, Reference, Resolution, Resolver, Within};
use crate::rules::{Example, Finding, Rule, Severity};

pub static HEADING_MISMATCH: Rule = Rule {
    code: "xref.heading-mismatch",
    severity: Severity::Warning,
    summary: "a reference names its target, but the target is headed differently",
    doc: "\"Clause 18 Variation\" or \"Schedule 8 (Secondment Arrangements)\" tells the reader what the target is \
          about. When the target's heading says something else, either the number or the name is wrong, typically \
          after renumbering. Case, articles, singular and plural, and shortened names (\"Schedule 16 Performance\") \
          are accepted; a name with words the heading lacks, and whose heading has words the name lacks, is \
          reported.",
    example: Example::Body("## 14 Notices\n\n14.1 A notice under Clause 11 Termination shall be in writing."),
};

pub fn check_names(a: &Agreement, resolver: &Resolver, r: &Reference, hits: &[Hit], out: &mut Vec<Finding>) {
    if let Some(name) = &r.named {
        let titled: Vec<&Hit> = hits.iter().filter(|h| !h.titles.is_empty()).collect();
        let fits =
            titled.iter().any(|h| names::fits(name, &h.titles)) || (r.name_precedes && named_in_text(a, hits, name));
        if let (false, Some(first)) = (fits, titled.first()) {
            out.push(mismatch(r, name, first, &format!("{} {}", r.kind.word(), r.target.key)));
        }
    }
    if let (Some(name), Some(number)) = (&r.target.schedule_named, &r.target.schedule) {
        if let Resolution::Found(schedules) = resolver.resolve(DocId::Body, &schedule_ref(r, number)) {
            let fits = schedules.iter().any(|h| h.titles.is_empty() || names::fits(name, &h.titles));
            if let (false, Some(first)) = (fits, schedules.first()) {
                out.push(mismatch(r, name, first, &format!("Schedule {number}")));
            }
        }
    }
}

/// A name written before "in Schedule N" may name a part of the schedule
/// rather than the schedule ("the Care Plan in Schedule 5"): it fits when
/// the schedule's text uses it.
fn named_in_text(a: &Agreement, hits: &[Hit], name: &str) -> bool {
    hits.iter().filter_map(|h| h.doc.document(a)).any(|d| d.blocks.iter().any(|b| b.text.contains(name)))
}

fn schedule_ref(r: &Reference, number: &str) -> Reference {
    let mut s = r.clone();
    s.kind = RefKind::Schedule;
    s.target.key = number.to_string();
    s.target.schedule = None;
    s.target.within = Within::Context;
    s
}

fn mismatch(r: &Reference, name: &str, hit: &Hit, target: &str) -> Finding {
    let heading = hit.titles.last().map(String::as_str).unwrap_or_default();
    let mut f = Finding::new(
        &HEADING_MISMATCH,
        r.span.clone(),
        format!("{target} is called “{name}” here, but it is headed “{heading}”"),
    )
    .label(format!("called “{name}”"))
    .help("correct the number or the name; if the heading is what changed, update every reference that names it");
    if let Some(span) = &hit.title_span {
        f = f.related(span.clone(), format!("{target} is headed here"));
    }
    f
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::HEADING_MISMATCH);
        // this finding at 03-integrated-service-clinical-governance.md:55
        assert!(
            found.iter().any(|(file, line, message)| file.ends_with("/03-integrated-service-clinical-governance.md")
                && *line == 55
                && message
                    == "Schedule 8 is called “Secondment Terms” here, but it is headed “Secondment arrangements”"),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::HEADING_MISMATCH, &clean()), Vec::new());
    }
}
