//! `xref.*`: cross-references whose target does not exist, or whose target's
//! heading is not the name the reference gives it.
//!
//! References are found and resolved by [`crate::model::references`]. Only
//! what existence and headings can show is reported: a reference to an
//! existing but wrong clause (Schedule 2's "Clause 2" meaning clause 3) looks
//! exactly like a right one, and s75 does not guess.

mod names;

pub(crate) use names::singular;

use crate::model::Agreement;
use crate::model::references::{self, DocId, Hit, RefKind, Reference, Resolution, Resolver, Within};
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};

pub struct Xref;

pub const MISSING_TARGET: &str = "xref.missing-target";
pub const HEADING_MISMATCH: &str = "xref.heading-mismatch";

impl Family for Xref {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        vec![
            RuleInfo::new(
                MISSING_TARGET,
                Severity::Error,
                "a reference to a clause, paragraph, schedule, appendix or part that does not exist",
                "A reference whose target does not exist leaves the reader (and a court) to guess what was \
                 meant, and usually survives from an earlier version of the text. Clause numbers are looked up \
                 in the body; \"paragraph N of Schedule M\" and \"paragraph N of this Schedule\" in that \
                 schedule (in any of its Parts); \"Schedule N\" among the schedules in agreement.toml; \
                 \"Appendix A to this schedule\" among the schedule's headings. A \"Clause N\" written inside a \
                 schedule is found if either the agreement's clause N or the schedule's own paragraph N exists, \
                 as the usual interpretation clause (\"a reference to a Clause … is a reference to a Clause … to \
                 this Agreement or Clause or sub-Clause within a schedule\") allows both. A reference into \
                 another document (\"clause 31 of the Reablement Contract\", \"Clause 5.2 of the Original \
                 Agreement\", \"section 117 of the Mental Health Act 1983\") is not checked; \"of this \
                 Agreement\", \"of the Agreement\" and \"of the Partnership Agreement\" are. Correct the \
                 number, or restore the provision.",
                "4.2 Notwithstanding paragraph 3.2 of this Schedule …   (the schedule has no paragraph 3)",
            ),
            RuleInfo::new(
                HEADING_MISMATCH,
                Severity::Warning,
                "a reference names its target, but the target is headed differently",
                "\"Clause 18 Variation\" or \"Schedule 8 (Secondment Arrangements)\" tells the reader what the \
                 target is about. When the target's heading says something else, either the number or the name \
                 is wrong, typically after renumbering. Case, articles, singular and plural, and shortened \
                 names (\"Schedule 16 Performance\") are accepted; a name with words the heading lacks, and \
                 whose heading has words the name lacks, is reported.",
                "in accordance with Clause 18 Termination   (clause 18 is headed \"Variation\")",
            ),
        ]
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        let resolver = Resolver::new(a);
        // Text pasted from Word loses its automatic numbers: with no numbered
        // provision in the body, a reference to a clause cannot be checked
        // (`s75 import` says so once), and reporting each would be a flood.
        let body_unnumbered = !a.body.blocks.iter().any(|b| b.number.is_some());
        for (id, doc) in references::documents(a) {
            let elsewhere = amends_another_document(doc);
            for r in references::references(doc) {
                if body_unnumbered && id == DocId::Body && matches!(r.kind, RefKind::Clause | RefKind::Paragraph) {
                    continue;
                }
                if elsewhere.get(r.block).copied().unwrap_or(false) {
                    continue;
                }
                match resolver.resolve(id, &r) {
                    Resolution::Found(hits) => check_names(a, &resolver, &r, &hits, out),
                    other => out.extend(missing(a, id, &r, other)),
                }
            }
        }
    }
}

/// For each block of `doc`, whether its references are to another document's
/// numbers: an amending instruction ("Clause 5.2 of the Original Agreement
/// shall be deleted and replaced with:", "A new Clause 27A shall be inserted
/// …") and the quoted text it inserts, which keeps the amended agreement's
/// numbering ("\"5.2 The ICB shall contribute … in Schedule 3 …\"").
fn amends_another_document(doc: &crate::model::Document) -> Vec<bool> {
    const INSTRUCTIONS: [&str; 5] =
        ["shall be inserted", "shall be deleted", "shall be replaced", "shall be substituted", "shall be amended"];
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut quoting = false;
    for b in &doc.blocks {
        let t = b.display_text();
        let t = t.trim();
        let lower = t.to_lowercase();
        let opens = !quoting && opens_quoted_passage(t);
        if opens {
            quoting = true;
        }
        out.push(quoting || INSTRUCTIONS.iter().any(|i| lower.contains(i)));
        if quoting && t.trim_end_matches(['.', ';', ',']).ends_with(['"', '”']) {
            quoting = false;
        }
    }
    out
}

/// A paragraph that opens with a quotation which is not a defined term
/// ("“Term” means …"): quoted text.
fn opens_quoted_passage(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(['"', '“']) else {
        return false;
    };
    match rest.find(['"', '”']) {
        // "“Term” means": a definition. A quotation that closes at the end of
        // the paragraph, or later, is a passage.
        Some(close) => close + 1 >= rest.trim_end_matches(['.', ';', ',']).len(),
        None => true,
    }
}

/// The finding for a reference that resolved to nothing; `None` when it was
/// found or could not be checked.
fn missing(a: &Agreement, from: DocId, r: &Reference, why: Resolution) -> Option<Finding> {
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
    let mut f = Finding::new(MISSING_TARGET, r.span.clone(), message).label("refers to nothing");
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

fn check_names(a: &Agreement, resolver: &Resolver, r: &Reference, hits: &[Hit], out: &mut Vec<Finding>) {
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
        HEADING_MISMATCH,
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
mod tests {
    use super::opens_quoted_passage;

    #[test]
    fn quoted_passages_are_not_definitions() {
        assert!(opens_quoted_passage("\"4.2 The Council shall pay the sums in Schedule 2.\""));
        assert!(opens_quoted_passage("“12A Review"));
        assert!(!opens_quoted_passage("“Term” means the period of three years;"));
        assert!(!opens_quoted_passage("\"Host\" or \"Host Partner\" means the Council;"));
        assert!(!opens_quoted_passage("4.2 The Council shall pay."));
    }
}
