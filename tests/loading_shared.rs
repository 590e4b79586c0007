//! Loading the two sides of a diff with shared parses: a schedule carried
//! over byte for byte into the 2022 renewal is parsed once, and the copy the
//! 2022 side gets must be exactly what parsing its own file gives — above
//! all, every span must point into the 2022 file, or findings and diff
//! locations would name the 2019 path.

use crate::common::crate_dir;
use s75::loading::{Repo, SharedParses, load_agreement, load_agreement_sharing};
use s75::model::Agreement;

fn documents(a: &Agreement) -> Vec<String> {
    std::iter::once(&a.body)
        .chain(a.schedules.iter().filter_map(|s| s.doc.as_ref()))
        .map(|d| format!("{d:?}"))
        .collect()
}

#[test]
fn shared_documents_are_those_of_their_own_files() {
    let (old_dir, new_dir) =
        (crate_dir().join("agreements/coventry-cwpt-2019"), crate_dir().join("agreements/coventry-cwpt-2022"));
    let repo = Repo::for_paths(std::slice::from_ref(&old_dir)).expect("repository");
    let shared = SharedParses::default();
    // One after the other, so every identical schedule of 2022 is a copy.
    let old = load_agreement_sharing(&repo, &old_dir, Some(&shared)).expect("2019 loads");
    let new = load_agreement_sharing(&repo, &new_dir, Some(&shared)).expect("2022 loads");

    let carried_over = new
        .schedules
        .iter()
        .filter_map(|s| s.doc.as_ref())
        .filter(|d| old.schedules.iter().filter_map(|s| s.doc.as_ref()).any(|o| o.file.text == d.file.text))
        .count();
    assert!(carried_over >= 10, "the renewal carries most schedules over unchanged: {carried_over}");

    assert_eq!(documents(&new), documents(&load_agreement(&repo, &new_dir).expect("2022 loads alone")));
    assert_eq!(documents(&old), documents(&load_agreement(&repo, &old_dir).expect("2019 loads alone")));
    for d in new.schedules.iter().filter_map(|s| s.doc.as_ref()) {
        assert!(d.file.path.contains("coventry-cwpt-2022"), "{}", d.file.path);
        assert!(d.blocks.iter().all(|b| std::sync::Arc::ptr_eq(&b.span.file, &d.file)), "{}", d.file.path);
    }
}
