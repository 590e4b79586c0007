//! `stale.party-abolished`: a party ceases to exist during the term.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static PARTY_ABOLISHED: Rule = Rule {
    code: "stale.party-abolished",
    severity: Severity::Warning,
    summary: "a party ceases to exist during the term",
    doc: "A partner that is abolished part-way through the term leaves the agreement without one of its parties \
          unless a successor provision (or the abolishing legislation's transfer scheme) carries its rights and \
          obligations to the successor. Name the successor (e.g. the ICB) in the agreement. Also reported, as a \
          warning, for a party abolished before the term when the register's entry is unverified (†). Names are \
          judged against the agreement's own term (agreement.toml's [term], else the text's Commencement Date and \
          Term): a name that went stale after the term ended is not reported, and nothing is judged when the \
          commencement date is unknown. Each party is reported once, at the parties clause that names it (where the \
          agreement is amended), with agreement.toml's record beside it; the text's other mentions are not repeated. The names, dates, successors and primary sources are s75's built-in stale register (`s75 explain` \
          cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Metadata(
        "[[parties]]\nkey = \"ccg\"\nname = \"NHS Northfield CCG\"\nkind = \"ccg\"   # CCGs were abolished on 1 July 2022\ndefined_as = \"the Trust\"\n\n[term]\ncommencement = 2021-04-01\nlength = \"3 years\"\nexpiry = 2024-03-31",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{bundled, clean, reported};

    #[test]
    fn fires_on_the_2022_pooled_fund_agreements_ccg_party() {
        let pool = bundled().into_iter().find(|a| a.id() == "coventry-mh-pool-2022").expect("bundled");
        let found = reported(&super::PARTY_ABOLISHED, &pool);
        assert_eq!(found.len(), 1, "{found:#?}");
        // At the parties clause that names it, not at agreement.toml's record.
        assert!(found[0].0.ends_with("/agreement.md"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::PARTY_ABOLISHED, &clean()), Vec::new());
    }
}
