//! The findings of the statute family: how an [`Evaluation`] becomes
//! findings of its rules (each rule in its own file). One code per kind of finding, not per
//! requirement: requirements are data and may change with the pack, while
//! codes must stay stable for `s75.toml` levels, waivers and CI.

use super::evaluate::{Declaration, Evaluation, Outcome, Status};
use super::pack::Pack;
use super::{DECLARED_CLAUSE_MISSING, DECLARED_NOT_APPLICABLE, UNKNOWN_REQUIREMENT, UNMET, UNMET_UNVERIFIED};
use crate::rules::Finding;

/// The prefix every finding of a † requirement carries.
pub const UNVERIFIED: &str = "statutory basis unverified";

/// The requirements of `pack` with the given `verified`, one a line, for
/// the documentation of `statute.unmet` and `statute.unmet-unverified`.
pub fn requirement_list(pack: &Pack, verified: bool) -> String {
    pack.requirements
        .iter()
        .filter(|r| r.verified == verified)
        .map(|r| format!("  {} — {}", r.id, r.citation))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Findings for one evaluated agreement.
pub fn findings(eval: &Evaluation, out: &mut Vec<Finding>) {
    for o in &eval.outcomes {
        outcome(o, out);
    }
    for d in &eval.declarations {
        out.push(declaration(d));
    }
}

fn outcome(o: &Outcome, out: &mut Vec<Finding>) {
    let req = o.requirement;
    let (code, prefix) =
        if req.verified { (&UNMET, String::new()) } else { (&UNMET_UNVERIFIED, format!("{UNVERIFIED}: ")) };
    for f in &o.failures {
        let finding =
            Finding::new(code, f.span.clone(), format!("{prefix}{}: {} ({})", req.citation, f.message, req.id))
                .label(f.label.clone())
                .help(format!("{} ({})", req.description, req.citation));
        out.push(finding);
    }
    if !matches!(o.status(), Status::Partial | Status::Missing) {
        return;
    }
    let missing: Vec<&str> = o.missing().iter().map(|e| e.describes.as_str()).collect();
    // Where agreement.toml itself says the element is absent, say so.
    let because: Vec<&str> =
        o.elements.iter().filter_map(|e| e.contradicted.as_ref()).map(|f| f.message.as_str()).collect();
    let because =
        if because.is_empty() || !o.declared.is_empty() { String::new() } else { format!("; {}", because.join("; ")) };
    // A clause on the subject that says too little (reports, but six-monthly)
    // is where the reader amends the agreement: the finding sits there.
    let short = if because.is_empty() && o.declared.is_empty() {
        o.elements.iter().filter(|e| !e.found()).find_map(|e| e.falls_short.as_ref())
    } else {
        None
    };
    let nearest = short.map_or_else(String::new, |ev| format!("; {} says less than that", ev.reference));
    let message = format!(
        "{prefix}{}: no clause found that states {}{because}{nearest} ({})",
        req.citation,
        join_and(&missing),
        req.id
    );
    let help = if let Some(ev) = short {
        format!(
            "{} Amend {} to provide for it, or if another clause already does, declare it in agreement.toml: \
             [satisfies] \"{}\" = [\"<clause>\"]",
            req.description, ev.reference, req.id
        )
    } else if because.is_empty() {
        format!(
            "{} State it in the agreement, or if a clause already does, declare it in agreement.toml: \
             [satisfies] \"{}\" = [\"<clause>\"]",
            req.description, req.id
        )
    } else {
        format!(
            "{} If the agreement provides for it, correct agreement.toml to record it; otherwise add the provision.",
            req.description
        )
    };
    let mut finding = match short {
        Some(ev) => Finding::new(code, ev.span.clone(), message)
            .label(format!("falls short of {}", req.citation))
            .related(o.source.span.clone(), o.source.label.clone()),
        None => Finding::new(code, o.source.span.clone(), message).label(o.source.label.clone()),
    }
    .help(help);
    for f in o.elements.iter().filter_map(|e| e.contradicted.as_ref()) {
        finding = finding.related(f.span.clone(), "recorded here");
    }
    for e in o.elements.iter().filter(|e| e.found()) {
        if let Some(ev) = e.evidence.first() {
            finding =
                finding.related(ev.span.clone(), format!("{} found here ({})", e.element.describes, ev.reference));
        }
    }
    out.push(finding);
}

fn declaration(d: &Declaration) -> Finding {
    match d {
        Declaration::Unknown { id, suggestion } => {
            let f = Finding::new(&UNKNOWN_REQUIREMENT, id.span.clone(), format!("`{}` is not a requirement of the statute pack", id.value))
                .label("declared here");
            match suggestion {
                Some(s) => f.help(format!("did you mean `{s}`?")),
                None => f.help("`s75 explain statute.unmet` lists the requirement ids"),
            }
        }
        Declaration::MissingClause { requirement, citation, reference, why } => Finding::new(
            &DECLARED_CLAUSE_MISSING,
            reference.span.clone(),
            format!("`{}` is declared to satisfy {requirement} ({citation}), but {why}", reference.value),
        )
        .label("declared here")
        .help("correct the reference as the agreement prints it: \"2.1\", \"Schedule 1\", \"Schedule 1 para 2\", \"Recital (B)\""),
        Declaration::NotApplicable { id, applies_to } => Finding::new(
            &DECLARED_NOT_APPLICABLE,
            id.span.clone(),
            format!("`{}` applies only to {applies_to} arrangements, which `arrangements` does not list", id.value),
        )
        .label("declared here")
        .help("add the arrangement type to `arrangements`, or remove the declaration"),
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_lists_as_prose() {
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }
}
