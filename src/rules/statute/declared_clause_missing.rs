//! `statute.declared-clause-missing`: agreement.toml [satisfies] names a clause or schedule that does not exist.
//! Its findings are made by [`super::diags`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static DECLARED_CLAUSE_MISSING: Rule = Rule {
    code: "statute.declared-clause-missing",
    severity: Severity::Error,
    summary: "agreement.toml [satisfies] names a clause or schedule that does not exist",
    doc: "A declaration is the drafter's statement that a clause satisfies a requirement; the compliance matrix \
          prints it as such. If the clause does not exist (renumbered, deleted, mistyped), the matrix would point \
          the legal officer at nothing. References are written as the agreement prints them: \"2.1\", \"Clause \
          2.1\", \"Schedule 1\", \"Schedule 1 para 2\", \"Recital (B)\", \"Recitals\".",
    example: Example::Metadata("[satisfies]\n\"laex.aims_outcomes\" = [\"3.9\"]   # there is no clause 3.9"),
};
