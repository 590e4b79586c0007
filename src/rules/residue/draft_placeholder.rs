//! `residue.draft-placeholder`: a placeholder or open option is left in a draft.
//! The same check as `residue.placeholder` ([`super::placeholder`]), reported
//! under this code when `status.state` is "draft" ([`super`]).

use crate::rules::{Example, Rule, Severity};

pub static DRAFT_PLACEHOLDER: Rule = Rule {
    code: "residue.draft-placeholder",
    severity: Severity::Warning,
    summary: "a placeholder or open option is left in a draft",
    doc: "The same check as `residue.placeholder`, for an agreement whose `status.state` is \"draft\": expected while \
          drafting, and to be completed before signature.",
    example: Example::MetadataAndBody {
        metadata: "[status]\nstate = \"draft\"",
        body: "## 14 Payments\n\n14.1 The Council shall pay [insert amount] each quarter.",
    },
};
