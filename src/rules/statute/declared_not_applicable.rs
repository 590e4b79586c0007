//! `statute.declared-not-applicable`: agreement.toml [satisfies] declares a requirement for an arrangement type the agreement does not have.
//! Its findings are made by [`super::diags`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static DECLARED_NOT_APPLICABLE: Rule = Rule {
    code: "statute.declared-not-applicable",
    severity: Severity::Warning,
    summary: "agreement.toml [satisfies] declares a requirement for an arrangement type the agreement does not have",
    doc: "A declaration for, say, `pool.host_partner` in an agreement whose `arrangements` do not include \
          \"pooled-fund\" means either the declaration is stale or `arrangements` is incomplete — and then the \
          pooled-fund requirements are not being checked at all.",
    example: Example::Metadata(
        "[satisfies]\n\"pool.host_partner\" = [\"6.1\"]   # arrangements has no \"pooled-fund\"",
    ),
};
