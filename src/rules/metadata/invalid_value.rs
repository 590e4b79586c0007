//! `metadata.invalid-value`: a value s75 does not accept (reported by the
//! loader), or an `id` that is not the agreement's folder name.

use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static INVALID_VALUE: Rule = Rule {
    code: "metadata.invalid-value",
    severity: Severity::Error,
    summary: "a value in agreement.toml is not one s75 accepts",
    doc: "Party kinds, arrangement types, durations (\"12 months\"), financial years (\"2022/23\") and party keys \
          must be values s75 knows; the id must equal the folder name.",
    example: Example::Metadata(
        "[[parties]]\nkey = \"trust\"\nname = \"Northfield Mental Health NHS Foundation Trust\"\nkind = \"hospital\"\ndefined_as = \"the Trust\"",
    ),
};

pub fn check_id(a: &Agreement, out: &mut Vec<Finding>) {
    let folder = a.dir.rsplit('/').next().unwrap_or(&a.dir);
    if let Some(id) = a.meta.id.as_ref().filter(|id| id.value != folder) {
        out.push(
            Finding::new(
                &INVALID_VALUE,
                id.span.clone(),
                format!("id `{}` differs from the folder name `{folder}`", id.value),
            )
            .help("rename the folder or change the id: other agreements refer to it by id"),
        );
    }
}
