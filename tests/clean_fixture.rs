//! The clean fixture is the baseline every rule must stay silent on.

use crate::common::*;

#[test]
fn clean_agreement_has_no_findings() {
    let repo = clean_repo();
    let (report, code) = validate_json(repo.path(), &[]);
    assert_eq!(codes(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["agreements"], 1);
}
