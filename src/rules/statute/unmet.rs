//! `statute.unmet`: a statutory requirement that applies to the agreement is
//! not met. The requirements are the statute pack's data; [`super::diags`]
//! turns an [`Evaluation`](super::Evaluation) into these findings.

use crate::rules::{Example, Rule, Severity};

pub static UNMET: Rule = Rule {
    code: "statute.unmet",
    severity: Severity::Error,
    summary: "a statutory requirement that applies to the agreement is not met",
    // `{pack}` and `{verified}` are the pack in use and its verified
    // requirements ([`super::Statute`]'s `details`).
    doc: "The statute pack ({pack}) lists what section 75 of the NHS Act 2006 and SI 2000/617 require of a \
          partnership agreement, for each type of arrangement in `arrangements`. A requirement is met when every \
          element it needs is found — in agreement.toml's facts or by recognising the clause that states it — or \
          when agreement.toml declares the clauses that satisfy it:\n\n    [satisfies]\n    \
          \"pool.aims_outcomes\" = [\"2.1\", \"Schedule 1\"]\n\nSome requirements are conditions on the facts (the \
          partners' kinds, the functions delegated) that no declaration excuses. `s75 matrix` shows every \
          requirement with the clause that satisfies it. These requirements are verified against the text of the \
          Regulations and are reported as errors:\n\n{verified}",
    example: Example::Metadata(
        "arrangements = [\"nhs-exercises-la-functions\", \"staff-goods-services\", \"pooled-fund\"]\n# …and no clause states the aims and outcomes of the pooled fund: SI 2000/617 reg 7(3)(a)",
    ),
};

#[cfg(test)]
mod tests {
    use crate::rules::{Checker, Context};

    /// `s75 explain` lists the pack in use and its requirements, each under
    /// the rule that reports it.
    #[test]
    fn the_documentation_lists_the_packs_requirements() {
        let checker = Checker::new(Context::new(jiff::civil::date(2026, 1, 1))).expect("the built-in packs");
        let unmet = &checker.registry.get("statute.unmet").expect("registered").explanation;
        let unverified = &checker.registry.get("statute.unmet-unverified").expect("registered").explanation;
        assert!(
            unmet.starts_with("The statute pack ((built-in) src/rules/statute/requirements.toml) lists"),
            "{unmet}"
        );
        assert!(unmet.contains("  pool.aims_outcomes — SI 2000/617 reg 7(3)(a)"), "{unmet}");
        assert!(!unmet.contains("pool.fund_manager"), "an unverified requirement under statute.unmet");
        assert!(unverified.ends_with("laex.nhs_trust_consent — SI 2000/617 reg 9(2) †"), "{unverified}");
        for text in [unmet, unverified] {
            assert!(!text.contains("{pack}") && !text.contains("{verified}") && !text.contains("{unverified}"));
        }
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    /// Every verified requirement is met in the 2019 agreement (its one gap
    /// of that kind, reg 4(1)'s recital, is a condition rather than a
    /// required clause: `statute.unmet-unverified`); the rule fires in
    /// `tests/statute_rules.rs` and through its `s75 explain` example.
    #[test]
    fn silent_on_the_2019_agreement() {
        assert_eq!(reported_2019(&super::UNMET), Vec::new());
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNMET, &clean()), Vec::new());
    }
}
