//! `terms.malformed-definition`: definitions not written as definitions.
//!
//! One finding per definition, listing its problems. A term opened with a
//! closing quote (`”the 2006 Act”`) is a typesetting slip that tends to come
//! in batches, so those are reported once, with the others as related labels.

use super::{MALFORMED, quoted};
use crate::model::definitions::{Definition, Problem};
use crate::rules::Finding;

pub fn check(defs: &[Definition], out: &mut Vec<Finding>) {
    for d in defs {
        let problems: Vec<String> = d.problems.iter().filter_map(|p| describe(p, d)).collect();
        if problems.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                MALFORMED,
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
        let mut f = Finding::new(MALFORMED, first.span.clone(), message)
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
