//! The findings of the statute family: stable codes, and how an
//! [`Evaluation`] becomes findings. One code per kind of finding, not per
//! requirement: requirements are data and may change with the pack, while
//! codes must stay stable for `s75.toml` levels, waivers and CI.

use super::evaluate::{Declaration, Evaluation, Outcome, Status};
use super::pack::Pack;
use crate::rules::{Finding, RuleInfo, Severity};

pub const UNMET: &str = "statute.unmet";
pub const UNMET_UNVERIFIED: &str = "statute.unmet-unverified";
pub const DECLARED_CLAUSE_MISSING: &str = "statute.declared-clause-missing";
pub const UNKNOWN_REQUIREMENT: &str = "statute.unknown-requirement";
pub const DECLARED_NOT_APPLICABLE: &str = "statute.declared-not-applicable";

/// The prefix every finding of a † requirement carries.
pub const UNVERIFIED: &str = "statutory basis unverified";

pub fn rules(pack: &Pack) -> Vec<RuleInfo> {
    let list = |verified: bool| {
        pack.requirements
            .iter()
            .filter(|r| r.verified == verified)
            .map(|r| format!("  {} — {}", r.id, r.citation))
            .collect::<Vec<_>>()
            .join("\n")
    };
    vec![
        RuleInfo::new(
            UNMET,
            Severity::Error,
            "a statutory requirement that applies to the agreement is not met",
            &format!(
                "The statute pack ({}) lists what section 75 of the NHS Act 2006 and SI 2000/617 require of a \
                 partnership agreement, for each type of arrangement in `arrangements`. A requirement is met when \
                 every element it needs is found — in agreement.toml's facts or by recognising the clause that \
                 states it — or when agreement.toml declares the clauses that satisfy it:\n\n    [satisfies]\n    \
                 \"pool.aims_outcomes\" = [\"2.1\", \"Schedule 1\"]\n\nSome requirements are conditions on the \
                 facts (the partners' kinds, the functions delegated) that no declaration excuses. `s75 matrix` \
                 shows every requirement with the clause that satisfies it. These requirements are verified \
                 against the text of the Regulations and are reported as errors:\n\n{}",
                pack.file.path,
                list(true)
            ),
            "arrangements = [\"pooled-fund\"]\n# …and no clause states the aims and outcomes: SI 2000/617 reg 7(3)(a)",
        ),
        RuleInfo::new(
            UNMET_UNVERIFIED,
            Severity::Warning,
            "a requirement whose statutory basis is unverified (†) is not met",
            &format!(
                "As `statute.unmet`, for requirements the statute pack marks `verified = false` (a † in the \
                 research note): their wording or regulation number could not be confirmed from the text of \
                 SI 2000/617, so they are warnings, and every message says \"{UNVERIFIED}\". Check the revised \
                 Regulations on legislation.gov.uk before relying on one; once checked, set `verified = true` \
                 in the pack. They are:\n\n{}",
                list(false)
            ),
            "arrangements = [\"pooled-fund\"]\nhost = \"council\"\n# …and nothing names a pooled fund manager: SI 2000/617 reg 7(4) †",
        ),
        RuleInfo::new(
            DECLARED_CLAUSE_MISSING,
            Severity::Error,
            "agreement.toml [satisfies] names a clause or schedule that does not exist",
            "A declaration is the drafter's statement that a clause satisfies a requirement; the compliance \
             matrix prints it as such. If the clause does not exist (renumbered, deleted, mistyped), the matrix \
             would point the legal officer at nothing. References are written as the agreement prints them: \
             \"2.1\", \"Clause 2.1\", \"Schedule 1\", \"Schedule 1 para 2\", \"Recital (B)\", \"Recitals\".",
            "[satisfies]\n\"pool.aims_outcomes\" = [\"2.9\"]   # there is no clause 2.9",
        ),
        RuleInfo::new(
            UNKNOWN_REQUIREMENT,
            Severity::Error,
            "agreement.toml [satisfies] names a requirement the statute pack does not have",
            "Every key of [satisfies] must be the id of a requirement in the statute pack, or the declaration \
             satisfies nothing. Usually a misspelling; `s75 explain statute.unmet` lists the ids.",
            "[satisfies]\n\"pool.aim_outcomes\" = [\"2.1\"]   # pool.aims_outcomes",
        ),
        RuleInfo::new(
            DECLARED_NOT_APPLICABLE,
            Severity::Warning,
            "agreement.toml [satisfies] declares a requirement for an arrangement type the agreement does not have",
            "A declaration for, say, `pool.host_partner` in an agreement whose `arrangements` do not include \
             \"pooled-fund\" means either the declaration is stale or `arrangements` is incomplete — and then \
             the pooled-fund requirements are not being checked at all.",
            "arrangements = [\"nhs-exercises-la-functions\"]\n[satisfies]\n\"pool.host_partner\" = [\"7.1\"]",
        ),
    ]
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
        if req.verified { (UNMET, String::new()) } else { (UNMET_UNVERIFIED, format!("{UNVERIFIED}: ")) };
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
    let message =
        format!("{prefix}{}: no clause found that states {}{because} ({})", req.citation, join_and(&missing), req.id);
    let help = if because.is_empty() {
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
    let mut finding = Finding::new(code, o.source.span.clone(), message).label(o.source.label.clone()).help(help);
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
            let f = Finding::new(UNKNOWN_REQUIREMENT, id.span.clone(), format!("`{}` is not a requirement of the statute pack", id.value))
                .label("declared here");
            match suggestion {
                Some(s) => f.help(format!("did you mean `{s}`?")),
                None => f.help("`s75 explain statute.unmet` lists the requirement ids"),
            }
        }
        Declaration::MissingClause { requirement, citation, reference, why } => Finding::new(
            DECLARED_CLAUSE_MISSING,
            reference.span.clone(),
            format!("`{}` is declared to satisfy {requirement} ({citation}), but {why}", reference.value),
        )
        .label("declared here")
        .help("correct the reference as the agreement prints it: \"2.1\", \"Schedule 1\", \"Schedule 1 para 2\", \"Recital (B)\""),
        Declaration::NotApplicable { id, applies_to } => Finding::new(
            DECLARED_NOT_APPLICABLE,
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

    #[test]
    fn codes_are_unique_and_in_the_family() {
        let pack = Pack::parse(&crate::model::SourceFile::new("p", "p", include_str!("requirements.toml").to_string()))
            .expect("pack");
        let rules = rules(&pack);
        let mut codes: Vec<_> = rules.iter().map(|r| r.code.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), rules.len());
        assert!(codes.iter().all(|c| c.starts_with("statute.")));
    }
}
