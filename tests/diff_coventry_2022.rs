//! `s75 diff` on the real renewal: the 2019 Coventry–CWPT agreement against
//! the 2022 reconstruction. The diff must show exactly the changes listed in
//! `agreements/coventry-cwpt-2022/RECONSTRUCTION.md` — term, dates, notice,
//! the preface, the updated schedules, the inserted clause 11 and the
//! renumbering it causes — and nothing else.

use crate::common::diff::{counts, diff_json, entries, metadata_changes, numbers};
use crate::common::{crate_dir, s75, stdout};
use serde_json::Value;

fn report() -> (Value, i32) {
    let (json, code, stderr) =
        diff_json(&crate_dir(), &["agreements/coventry-cwpt-2019", "agreements/coventry-cwpt-2022"]);
    assert!(stderr.is_empty(), "{stderr}");
    (json, code)
}

/// `(document label up to " —", new number or first words)` of each entry with `status`.
fn listed(report: &Value, status: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in report["agreements"][0]["documents"].as_array().into_iter().flatten() {
        let doc = d["label"].as_str().unwrap_or("").split(" —").next().unwrap_or("").to_string();
        for e in d["entries"].as_array().into_iter().flatten().filter(|e| e["status"] == status) {
            let p = &e["new"][0];
            let name = p["number"].as_str().map(String::from).unwrap_or_else(|| {
                let text = p["text"][0].as_str().unwrap_or("");
                text.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
            });
            out.push((doc.clone(), name));
        }
    }
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn counts_per_status_are_exactly_the_renewal() {
    let (r, code) = report();
    assert_eq!(code, 1);
    assert_eq!(
        counts(&r),
        vec![("inserted".into(), 16), ("modified".into(), 32), ("renumbered".into(), 133)],
        "deleted, moved, split or merged provisions would be spurious"
    );
}

#[test]
fn inserted_preface_recital_clause_and_schedule_paragraphs() {
    let (r, _) = report();
    assert_eq!(
        listed(&r, "inserted"),
        pairs(&[
            ("Body", "Preface"),
            ("Body", "This Agreement renews the"),
            ("Body", "The Partners have carried"),
            ("Body", "The remaining content and"),
            ("Body", "The arrangements for information"),
            ("Body", "This Agreement and its"),
            ("Body", "(F)"),
            ("Body", "3.2.6"),
            ("Body", "11"),
            ("Body", "11.1"),
            ("Body", "11.2"),
            ("Body", "11.3"),
            ("Schedule 2", "1.12"),
            ("Schedule 13", "2.7"),
            ("Schedule 15", "2.1.5"),
            ("Schedule 15", "4.4"),
        ])
    );
}

#[test]
fn modified_provisions_are_the_updates_and_the_followed_references() {
    let (r, _) = report();
    let modified = listed(&r, "modified");
    assert_eq!(
        modified,
        pairs(&[
            ("Body", "THIS AGREEMENT is made"),
            // Each definition is its own provision.
            ("Body", "“Commencement Date” means the"),
            ("Body", "“Equipment” means the equipment"),
            ("Body", "“Term” means the period"),
            ("Body", "1.4"),
            ("Body", "1B."),
            ("Body", "3.2.4"),
            ("Body", "3.2.5"),
            ("Body", "17.4"),
            ("Body", "17.5"),
            ("Body", "19.3"),
            ("Body", "22.1"),
            ("Body", "22.3"),
            ("Body", "23.1"),
            ("Body", "24.5"),
            ("Body", "i)_"),
            ("Body", "ii)"),
            ("Body", "iii)"),
            ("Body", "iv)"),
            ("Body", "v)"),
            ("Schedule 2", "1.3"),
            ("Schedule 2", "2.3.2"),
            ("Schedule 2", "4.1"),
            ("Schedule 2", "13.1"),
            ("Schedule 6", "2.3"),
            ("Schedule 7", "1."),
            ("Schedule 7", "2."),
            ("Schedule 7", "3."),
            ("Schedule 8", "27.1"),
            ("Schedule 13", "1.1"),
            ("Schedule 16", "1.3"),
            ("Schedule 16", "1.6"),
        ])
    );
    // 18 of them change nothing but cross-reference numbers that follow the
    // renumbering (the definition of Equipment among them: Clause 12 → 13).
    let refs_only: Vec<(String, String)> = {
        let all = entries(&r, "modified");
        let flags: Vec<bool> = all.iter().map(|e| e["references_only"] == true).collect();
        modified.iter().zip(flags).filter(|(_, f)| *f).map(|(m, _)| m.clone()).collect()
    };
    assert_eq!(refs_only.len(), 18, "{refs_only:?}");
    for substantive in [
        ("Body", "22.1"),
        ("Body", "22.3"),
        ("Body", "“Term” means the period"),
        ("Body", "“Commencement Date” means the"),
        ("Schedule 2", "4.1"),
        ("Schedule 16", "1.6"),
    ] {
        assert!(!refs_only.contains(&(substantive.0.to_string(), substantive.1.to_string())), "{substantive:?}");
    }
}

#[test]
fn the_inserted_clause_renumbers_11_to_42() {
    let (r, _) = report();
    let renumbered = entries(&r, "renumbered");
    assert_eq!(renumbered.len(), 133);
    let first = (numbers(renumbered[0], "old"), numbers(renumbered[0], "new"));
    let last = renumbered.last().map(|e| (numbers(e, "old"), numbers(e, "new"))).expect("some");
    assert_eq!(first, (vec!["11".to_string()], vec!["12".to_string()]));
    assert_eq!(last, (vec!["42.".to_string()], vec!["43.".to_string()]));
    // Every renumbered provision is in the body and moved by exactly one clause.
    for e in &renumbered {
        let (o, n) = (numbers(e, "old"), numbers(e, "new"));
        let head =
            |v: &[String]| v[0].split(['.', 'A']).next().and_then(|x| x.parse::<u32>().ok()).expect("clause number");
        assert_eq!(head(&n), head(&o) + 1, "{o:?} → {n:?}");
    }
}

#[test]
fn term_dates_and_notice_read_first() {
    let (r, _) = report();
    let meta = metadata_changes(&r);
    for line in [
        "Commencement: 1 April 2019 → 1 April 2022",
        "Expiry: 31 March 2020 (computed) → 31 March 2025",
        "Term: 1 year → 3 years",
        "Notice: 12 months → 6 months",
        "Predecessor: coventry-cwpt-2014 → coventry-cwpt-2019",
    ] {
        assert!(meta.contains(&line.to_string()), "missing {line:?} in {meta:#?}");
    }
    assert!(!meta.iter().any(|m| m.starts_with("Party")), "parties unchanged: {meta:#?}");

    let out = s75()
        .current_dir(crate_dir())
        .args(["diff", "agreements/coventry-cwpt-2019", "agreements/coventry-cwpt-2022"])
        .output()
        .expect("run");
    let text = stdout(&out);
    let term = text.find("Term: 1 year → 3 years").expect("term line");
    let body = text.find("\nBody  ").expect("body section");
    assert!(term < body, "metadata before the provisions");
}

#[test]
fn definitions_and_references() {
    let (r, _) = report();
    let a = &r["agreements"][0];
    let terms: Vec<(&str, &str)> = a["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| (t["term"].as_str().unwrap_or(""), t["status"].as_str().unwrap_or("")))
        .collect();
    // Equipment's definition changed only to follow its clause's renumbering
    // (Clause 12 → 13): a cross-reference, listed with the provisions, not a new meaning.
    assert_eq!(terms, vec![("Commencement Date", "changed"), ("Term", "changed")]);

    let refs = a["references"].as_array().expect("references");
    assert_eq!(refs.iter().filter(|x| x["status"] == "followed").count(), 22);
    // Schedule 8's "Clauses 23, 24 and 27 (Good Faith …)" names the schedule's own
    // paragraphs, which were not renumbered: not reported either way.
    assert!(!refs.iter().any(|x| x["at"].as_str().is_some_and(|at| at.contains("08-secondment-arrangements.md:369"))));
    let stale: Vec<&Value> = refs.iter().filter(|x| x["status"] == "stale").collect();
    assert_eq!(stale.len(), 1, "only the deliberate one: {stale:#?}");
    assert_eq!(stale[0]["text"], "Clause 18");
    assert_eq!(stale[0]["target_new"], "19");
    assert_eq!(stale[0]["now_points_at"], "18 Freedom of Information");
    assert!(stale[0]["at"].as_str().is_some_and(|at| at.starts_with("agreements/coventry-cwpt-2022/agreement.md:")));
}

#[test]
fn changed_documents_are_the_body_and_the_updated_schedules() {
    let (r, _) = report();
    let changed: Vec<String> = r["agreements"][0]["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter(|d| d["status"] != "unchanged")
        .map(|d| d["label"].as_str().unwrap_or("").split(" —").next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        changed,
        ["Body", "Schedule 2", "Schedule 6", "Schedule 7", "Schedule 8", "Schedule 13", "Schedule 15", "Schedule 16"]
    );
}

#[test]
fn the_reverse_diff_mirrors_it() {
    let (json, code, _) = diff_json(&crate_dir(), &["agreements/coventry-cwpt-2022", "agreements/coventry-cwpt-2019"]);
    assert_eq!(code, 1);
    assert_eq!(counts(&json), vec![("deleted".into(), 16), ("modified".into(), 32), ("renumbered".into(), 133)]);
}
