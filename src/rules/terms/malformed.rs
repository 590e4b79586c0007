//! `terms.malformed-definition`: definitions not written as definitions.
//!
//! One finding per definition, listing its problems. A term opened with a
//! closing quote (`”the 2006 Act”`) is a typesetting slip that tends to come
//! in batches, so those are reported once, with the others as related labels.

use super::quoted;
use crate::model::definitions::{Definition, Problem};
use crate::rules::{Example, Finding, Rule, Severity};

pub static MALFORMED: Rule = Rule {
    code: "terms.malformed-definition",
    severity: Severity::Warning,
    summary: "a definition is not written as a definition",
    doc: "A definition is `“Term” means …;`. Reported: no \"means\" (`“Carer” an individual who …`), two \
          alternative terms in one pair of quotes, quotes left open (brackets are the residue rules' \
          business), no closing \";\" or \".\", an inline definition that defines a name as itself (`the Equality Act, (“the Equality \
          Act”)`), and terms opened with a closing quote (`”the 2006 Act”`, reported once for all).",
    example: Example::Body(
        "## 14 Further Definitions\n\n14.1 In this Agreement:\n\n\"Carer\" an individual who provides care to an adult.",
    ),
};

pub fn check(defs: &[Definition], out: &mut Vec<Finding>) {
    for d in defs {
        let problems: Vec<String> = d.problems.iter().filter_map(|p| describe(p, d)).collect();
        if problems.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                &MALFORMED,
                d.span.clone(),
                format!("the definition of {} {}", quoted(&d.term), problems.join("; ")),
            )
            .label("this definition")
            .help("write it as “Term” means …; with one term per pair of quotes"),
        );
    }
    let reversed: Vec<&Definition> =
        defs.iter().filter(|d| d.problems.contains(&Problem::ClosingQuoteOpener)).collect();
    if let Some(first) = reversed.first() {
        let others = reversed.len() - 1;
        let message = match others {
            0 => format!("the term {} opens with a closing quote ”", quoted(&first.term)),
            n => format!("{} defined terms open with a closing quote ”, this one and {n} more", n + 1),
        };
        let mut f = Finding::new(&MALFORMED, first.span.clone(), message)
            .label("opens with ”")
            .help("open quoted terms with “ (or \")");
        for d in &reversed[1..] {
            f = f.related(d.span.clone(), "also opens with ”");
        }
        out.push(f);
    }
}

fn describe(p: &Problem, d: &Definition) -> Option<String> {
    Some(match p {
        Problem::NoVerb => "has no “means” after the term".to_string(),
        Problem::AlternativesInOneQuote => format!(
            "puts alternative terms in one pair of quotes ({}): quote each term separately",
            d.aliases.iter().map(|a| quoted(a)).collect::<Vec<_>>().join(" or ")
        ),
        // Brackets are checked everywhere by the residue rules: one defect, one finding.
        Problem::Unbalanced('(' | ')' | '[' | ']') => return None,
        Problem::Unbalanced(c) if matches!(c, ')' | ']' | '”') => format!("has a stray {c}"),
        Problem::Unbalanced(c) => format!("leaves {c} unclosed"),
        Problem::NoTerminator => "does not end with “;” or “.”".to_string(),
        Problem::Circular => {
            format!("defines {} as itself: name what it refers to (for an Act, with its year)", quoted(&d.term))
        }
        Problem::ClosingQuoteOpener => return None,
    })
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::MALFORMED);
        // a finding at agreement.md:27
        assert!(found.iter().any(|(file, line, _)| file.ends_with("/agreement.md") && *line == 27), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::MALFORMED, &clean()), Vec::new());
    }
}
