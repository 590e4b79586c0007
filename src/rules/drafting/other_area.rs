//! `drafting.other-area`: another authority's area or council named where
//! this agreement's own would be expected — "the integrated mental health
//! service in Warwickshire", "the Warwickshire Vulnerable People Allocation
//! Framework", "Solihull Metropolitan Borough Council" in an agreement
//! between Coventry and its NHS trust. Often a left-over of copying a
//! neighbour's agreement, but a real cross-border arrangement reads the
//! same, so this is a note for the reviewer to decide.

use std::collections::BTreeMap;

use super::Named;
use super::authorities::Authorities;
use super::mentions::Use;
use super::parties::Parties;
use super::{beside_a_party, beside_the_parties, other_authority};
use crate::model::{Agreement, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static OTHER_AREA: Rule = Rule {
    code: "drafting.other-area",
    severity: Severity::Note,
    summary: "another authority's area or council is named where this agreement's own might be meant",
    doc: "\"in Warwickshire\", \"the Warwickshire … Framework\" or \"Solihull Metropolitan Borough Council\" in \
          an agreement whose council is Coventry may be text copied from a neighbour's agreement, or a real \
          cross-border arrangement: a note, for a reviewer to confirm. Not reported: a party's area, a name \
          inside a party's own name (Coventry and Warwickshire Partnership NHS Trust), the parties clause, \
          a sentence that also names a party's area (\"Coventry, Solihull and Warwickshire\"), a council \
          named beside the parties as a third party (\"the Partners, with Warwickshire County Council, \
          reviewed …\"), where people \
          live (\"resident in Solihull\"), and area names that are also ordinary words (\"Reading\"). A \
          council written in as a party is `drafting.other-authority`. Only areas on s75's built-in list of \
          English local authorities are recognised alone; council names are recognised whether listed or not.",
    example: Example::Body(
        "## 14 Services\n\n14.1 The Trust shall provide the integrated mental health service in Warwickshire.",
    ),
};

pub fn check(a: &Agreement, authorities: &Authorities, parties: &Parties, out: &mut Vec<Finding>) {
    check_scanned(&super::scan(a, authorities), parties, out);
}

/// The check on the names the family found in the text.
pub(super) fn check_scanned(named: &[Named], parties: &Parties, out: &mut Vec<Finding>) {
    let mut found: BTreeMap<String, Vec<(Span, String)>> = BTreeMap::new();
    for n in named {
        let b = n.block;
        for c in n.councils.iter().cloned() {
            if parties.serves(&c.place)
                || beside_a_party(&b.text, &c.range, parties)
                || beside_the_parties(&b.text, &c.range, parties)
                || other_authority::reports(b, &c.range, parties)
            {
                continue;
            }
            let said = b.text[c.range.clone()].to_string();
            found.entry(c.place.to_lowercase()).or_default().push((b.span_of(c.range), said));
        }
        for u in n.places.iter().filter(|u| u.kind != Use::Agreement) {
            let place = &b.text[u.place.clone()];
            if parties.serves(place) || beside_a_party(&b.text, &u.phrase, parties) {
                continue;
            }
            let said = b.text[u.phrase.clone()].to_string();
            found.entry(place.to_lowercase()).or_default().push((b.span_of(u.phrase.clone()), said));
        }
    }
    let council = match parties.councils.as_slice() {
        [] => "no party is a council".to_string(),
        [one] => format!("the council party is {one}"),
        many => format!("the council parties are {}", many.join(", ")),
    };
    for uses in found.into_values() {
        let mut uses = uses.into_iter();
        let Some((span, said)) = uses.next() else { continue };
        let f = Finding::new(
            &OTHER_AREA,
            span,
            format!("“{said}” names another authority's area or council ({council}): check it is meant here"),
        )
        .label("not a party's area")
        .help(
            "if this was copied from another authority's agreement, replace it with this agreement's area or party; \
             if the arrangement really reaches that area, leave it",
        );
        out.push(uses.fold(f, |f, (span, _)| f.related(span, "also here")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::drafting::testing::{edited_2019, run};
    use crate::rules::testing::bundled;

    #[test]
    fn notes_warwickshire_in_the_2019_agreement() {
        let found = run(&bundled()[0], check);
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f.primary.span.text(), "Warwickshire", "the first use: clause 8.3's \"in Warwickshire\"");
        assert!(f.message.contains("the council party is The Council of the City of Coventry"), "{}", f.message);
        let related: Vec<&str> = f.related.iter().map(|r| r.span.text()).collect();
        assert_eq!(related, ["the Warwickshire Vulnerable People Allocation Framework"], "{related:?}");
    }

    #[test]
    fn notes_a_council_named_where_a_party_is_expected() {
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 Complaints go to Solihull Metropolitan Borough Council within 20 days. The Partners shall co-operate",
        );
        let found = run(&a, check);
        assert!(found.iter().any(|f| f.primary.span.text() == "Solihull Metropolitan Borough Council"), "{found:#?}");
    }

    #[test]
    fn silent_on_a_council_named_beside_the_parties() {
        // The 2022 renewal's recital (F): "the Partners, with Warwickshire
        // County Council, reviewed the Partnership Arrangements".
        let found = run(&bundled()[1], check);
        assert!(found.iter().all(|f| !f.primary.span.text().contains("County Council")), "{found:#?}");
    }

    #[test]
    fn silent_on_residence_and_on_passages_naming_a_partys_area() {
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 Service users ordinarily resident in Solihull are covered. Services in Coventry and Solihull \
             are joint. The Partners shall co-operate",
        );
        assert_eq!(run(&a, check).len(), 1, "only the 2019 text's own note");
    }
}
