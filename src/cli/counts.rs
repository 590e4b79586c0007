//! One line of validation counts, for commands whose output is something
//! else (`render`, `import`, `new`): the full report is `s75 validate`'s
//! job, and the line names the command that prints it.

use std::path::Path;

use crate::loading::{Repo, load_agreement};
use crate::reports::human::{counts_text, tally};
use crate::rules::{Checker, Finding};

/// `coventry-cwpt-2019: 12 errors, 40 warnings — run `s75 validate agreements/coventry-cwpt-2019` for the details`
pub fn line(id: &str, dir: &str, findings: &[Finding]) -> String {
    let counts = counts_text(&tally(findings.iter()));
    format!("{id}: {counts} — run `s75 validate {dir}` for the details")
}

/// The line for an agreement just written into the repository at `root`,
/// or `None` when it cannot be checked yet (its metadata still incomplete,
/// say): the command's next-step hint names `s75 validate` either way.
pub fn for_written(root: &Path, dir: &Path) -> Option<String> {
    let repo = Repo { root: root.canonicalize().ok()? };
    let dir = dir.canonicalize().ok()?;
    let today = super::today(None).ok()?;
    let (checker, _) = Checker::configured(&repo.root, today).ok()?;
    let agreement = load_agreement(&repo, &dir).ok()?;
    let findings = checker.check(&agreement);
    Some(line(agreement.id(), &agreement.dir, &findings))
}
