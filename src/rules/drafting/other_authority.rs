//! `drafting.other-authority`: a local authority that is not a party,
//! written into the agreement as if it were one — "Warwickshire County
//! Council shall …", "“Council” means Warwickshire County Council", "the
//! Warwickshire Section 75 Partnership Agreement" in an agreement between
//! Coventry and its NHS trust. Councils copy their neighbours' agreements;
//! what the neighbour's name is left doing is the defect.

use std::collections::BTreeMap;

use super::Named;
use super::authorities::Authorities;
use super::beside_a_party;
use super::mentions::Use;
use super::parties::Parties;
use crate::model::{Agreement, Block, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static OTHER_AUTHORITY: Rule = Rule {
    code: "drafting.other-authority",
    severity: Severity::Warning,
    summary: "a council that is not a party is written in as if it were one",
    doc: "An agreement copied from a neighbouring authority's keeps its names where no one looked: \
          \"Warwickshire County Council shall …\", a definition of \"the Council\" as another council, \"the \
          Warwickshire Section 75 Partnership Agreement\" in Coventry's agreement. An obligation given to a \
          body that is not a party binds no one, and a reference to another authority's agreement points at \
          the wrong document. Replace the name with the party meant (or this Agreement). A council named as \
          a third party (\"the Council shall notify Warwickshire County Council\"), one named beside a \
          party's area in the same sentence (\"between Warwickshire County Council and … and Coventry City \
          Council\"), the words of a party's own name (Coventry and Warwickshire Partnership NHS Trust) and \
          the parties clause are not reported here; other mentions of another area are \
          `drafting.other-area` notes. The list of English local authorities is s75's built-in list (ONS \
          and GOV.UK names, April 2023); council names (\"X County Council\", \"London Borough of X\") are \
          recognised whether listed or not.",
    example: Example::Body(
        "## 14 Staff\n\n14.1 Warwickshire County Council shall provide the Seconded Staff to the Trust.",
    ),
};

/// What the name is doing.
#[derive(Debug, Clone, Copy)]
enum Role {
    Bound,
    Defined,
    Agreement,
}

pub fn check(a: &Agreement, authorities: &Authorities, parties: &Parties, out: &mut Vec<Finding>) {
    check_scanned(&super::scan(a, authorities), parties, out);
}

/// The check on the names the family found in the text.
pub(super) fn check_scanned(named: &[Named], parties: &Parties, out: &mut Vec<Finding>) {
    // One finding per authority, at its first such use, with the others listed.
    let mut found: BTreeMap<String, Vec<(Span, String, Role)>> = BTreeMap::new();
    for n in named {
        let b = n.block;
        for c in n.councils.iter().cloned() {
            if parties.serves(&c.place) || beside_a_party(&b.text, &c.range, parties) {
                continue;
            }
            let role = if binds(&b.text[c.range.end..]) {
                Role::Bound
            } else if defines_a_party(b, c.range.start, parties) {
                Role::Defined
            } else {
                continue;
            };
            let name = b.text[c.range.clone()].to_string();
            found.entry(c.place.to_lowercase()).or_default().push((b.span_of(c.range), name, role));
        }
        for u in n.places.iter().filter(|u| u.kind == Use::Agreement) {
            let place = &b.text[u.place.clone()];
            if parties.serves(place) || beside_a_party(&b.text, &u.phrase, parties) {
                continue;
            }
            let said = b.text[u.phrase.clone()].to_string();
            found.entry(place.to_lowercase()).or_default().push((b.span_of(u.phrase.clone()), said, Role::Agreement));
        }
    }
    let council = match parties.councils.as_slice() {
        [] => "the parties".to_string(),
        [one] => one.clone(),
        many => many.join(", "),
    };
    for uses in found.into_values() {
        let mut uses = uses.into_iter();
        let Some((span, said, role)) = uses.next() else { continue };
        let (message, label, help) = match role {
            Role::Bound => (
                format!(
                    "“{said}” is not a party, but this provision gives it an obligation as if it were (the council party is {council})"
                ),
                "not a party".to_string(),
                "if this was copied from another authority's agreement, name the party meant; if the other council \
                 really has a part to play, say what it is and how it is bound",
            ),
            Role::Defined => (
                format!(
                    "a party's defined name is given the meaning “{said}”, which is not a party (the council party is {council})"
                ),
                "not a party".to_string(),
                "define the name as the party that signs this agreement",
            ),
            Role::Agreement => (
                format!(
                    "“{said}” is another authority's agreement: none of the parties is that authority (the council party is {council})"
                ),
                "another authority's agreement".to_string(),
                "if this was copied from that agreement, refer to this Agreement; if the two agreements work \
                 together, name both where they meet",
            ),
        };
        let f = Finding::new(&OTHER_AUTHORITY, span, message).label(label).help(help);
        out.push(uses.fold(f, |f, (span, _, _)| f.related(span, "also here")));
    }
}

/// Whether this rule reports a council's name (so `drafting.other-area` does not).
pub(super) fn reports(b: &Block, name: &std::ops::Range<usize>, parties: &Parties) -> bool {
    binds(&b.text[name.end..]) || defines_a_party(b, name.start, parties)
}

/// "… shall", "… will provide": the name is the subject of an obligation.
fn binds(after: &str) -> bool {
    const VERBS: [&str; 8] =
        ["shall", "will", "must", "agrees", "undertakes", "warrants", "is responsible", "has agreed"];
    let after = after.trim_start();
    VERBS.iter().any(|v| after.strip_prefix(v).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric())))
}

/// `“Council” means Warwickshire County Council`, where "Council" is how
/// this agreement names one of its parties.
fn defines_a_party(b: &Block, at: usize, parties: &Parties) -> bool {
    let before = &b.text[..at];
    let Some(means) = before.find(" means ") else { return false };
    let term: String = before[..means].chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect();
    let term = term.trim().to_lowercase();
    let term = term.strip_prefix("the ").unwrap_or(&term);
    !term.is_empty()
        && before[means + 7..].trim().split(' ').count() <= 2
        && parties.defined.iter().chain(&parties.names).any(|n| n.strip_prefix("the ").unwrap_or(n) == term)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::drafting::testing::{edited_2019, run};
    use crate::rules::testing::bundled;

    #[test]
    fn fires_on_the_2019_agreements_reference_to_warwickshires_agreement() {
        let a = &bundled()[0];
        let found = run(a, check);
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert!(
            f.message.contains("“the Warwickshire Section 75 Partnership Agreement” is another authority's agreement"),
            "{}",
            f.message
        );
        assert!(f.message.contains("The Council of the City of Coventry"), "{}", f.message);
        assert!(f.primary.span.file.path.ends_with("02-partnership-agreement-strategic-governance-arrangements.md"));
    }

    #[test]
    fn fires_on_another_council_given_an_obligation() {
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 Warwickshire County Council shall co-operate",
        );
        let found = run(&a, check);
        let f = found.iter().find(|f| f.primary.span.text() == "Warwickshire County Council").expect("a finding");
        assert!(f.message.contains("is not a party, but this provision gives it an obligation"), "{}", f.message);
    }

    #[test]
    fn fires_on_a_party_defined_as_another_council() {
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 “Council” means Solihull Metropolitan Borough Council.\n\n8.5 The Partners shall co-operate",
        );
        let found = run(&a, check);
        assert!(
            found.iter().any(|f| f
                .message
                .starts_with("a party's defined name is given the meaning “Solihull Metropolitan Borough Council”")),
            "{found:#?}"
        );
    }

    #[test]
    fn silent_on_the_other_bundled_agreements_and_on_third_parties() {
        for a in &bundled()[1..] {
            let found = run(a, check);
            // The 2022 renewal keeps the 2019 schedule, and its slip.
            assert!(found.iter().all(|f| f.message.contains("Warwickshire Section 75")), "{found:#?}");
        }
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 The Council shall notify Warwickshire County Council of any change. The Partners shall co-operate",
        );
        assert_eq!(run(&a, check).len(), 1, "a third party named as such is not a finding");
    }

    #[test]
    fn fires_on_an_unlisted_areas_agreement() {
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 Disputes are settled as under the Kestrelshire Section 75 Agreement. The Partners shall co-operate",
        );
        let messages: Vec<String> = run(&a, check).into_iter().map(|f| f.message).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("“the Kestrelshire Section 75 Agreement” is another authority's agreement")),
            "{messages:#?}"
        );
    }

    #[test]
    fn silent_beside_a_partys_area() {
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 Solihull Metropolitan Borough Council and Coventry City Council shall each publish the policy. The Partners shall co-operate",
        );
        assert_eq!(run(&a, check).len(), 1, "both councils in one sentence: a cross-border passage");
    }
}
