//! `s75 diff` on small, deliberate edits of one fixture agreement: each test
//! makes the edit a drafter would make and asserts exactly what the diff
//! reports — counts per status, so a spurious modification fails the test.

use crate::common::diff::*;
use crate::common::{s75, stderr, stdout};

const BODY: &str = "agreement.md";

#[test]
fn identical_agreements_have_no_differences_and_exit_0() {
    let repo = pair();
    let (report, code) = diff_pair(&repo);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["differences"], false);
    assert_eq!(counts(&report), vec![]);
    assert!(count(&report, "unchanged") > 30);
}

/// A new clause 3 pushes 3–14 down by one. Only one clause is new; the rest
/// is renumbered, and the references nobody updated are reported as stale.
#[test]
fn clause_inserted_early_is_one_insertion_plus_renumberings() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let text = renumber_clauses(&read(&path), 3, 1);
    let text = insert_before(
        &text,
        "## 4 Aims and Outcomes",
        "## 3 Safeguarding\n\n3.1 Each Partner shall follow the multi-agency safeguarding adults procedures and report every safeguarding concern to the Council the same working day.",
    );
    write(&path, &text);
    let (report, code) = diff_pair(&repo);
    assert_eq!(code, 1);
    // Headings 3–14 (12) and their 17 sub-clauses were renumbered, text unchanged.
    assert_eq!(counts(&report), vec![("inserted".into(), 2), ("renumbered".into(), 29)], "{report:#}");
    let inserted: Vec<Vec<String>> = entries(&report, "inserted").iter().map(|e| numbers(e, "new")).collect();
    assert_eq!(inserted, vec![vec!["3".to_string()], vec!["3.1".to_string()]]);
    let renumbered = entries(&report, "renumbered");
    assert_eq!((numbers(renumbered[0], "old"), numbers(renumbered[0], "new")), (vec!["3".into()], vec!["4".into()]));

    // Five references still cite the old numbers: each now means another clause.
    let refs = report["agreements"][0]["references"].as_array().expect("references");
    let stale: Vec<(&str, &str, &str)> = refs
        .iter()
        .filter(|r| r["status"] == "stale")
        .map(|r| {
            (
                r["text"].as_str().unwrap_or(""),
                r["target_old"].as_str().unwrap_or(""),
                r["target_new"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        stale,
        vec![
            ("Clause 6", "6", "7"),
            ("Clause 12", "12", "13"),
            ("Clause 11", "11", "12"),
            ("Clause 6.2", "6.2", "7.2"),
            ("Clause 3.1 (in Schedule 1)", "3.1", "4.1"),
        ],
        "{refs:#?}"
    );
    assert!(refs.iter().all(|r| r["status"] == "stale"));
}

/// The same insertion with the references updated: the referring clauses are
/// modified, but only to follow the renumbering, and the diff says so.
#[test]
fn references_updated_to_follow_a_renumbering_are_recognised() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let mut text = renumber_clauses(&read(&path), 3, 1);
    text = insert_before(
        &text,
        "## 4 Aims and Outcomes",
        "## 3 Safeguarding\n\n3.1 Each Partner shall follow the multi-agency safeguarding adults procedures and report every safeguarding concern to the Council the same working day.",
    );
    for (from, to) in [
        ("under Clause 6;", "under Clause 7;"),
        ("under Clause 12.", "under Clause 13."),
        ("under Clause 11.", "under Clause 12."),
        ("as Clause 6.2 allows", "as Clause 7.2 allows"),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    write(&path, &text);
    let sched = new_file(&repo, "schedules/01-aims-and-outcomes.md");
    write(&sched, &read(&sched).replace("as Clause 3.1 requires", "as Clause 4.1 requires"));

    let (report, _) = diff_pair(&repo);
    let modified = entries(&report, "modified");
    assert_eq!(modified.len(), 5, "{report:#}");
    assert!(modified.iter().all(|e| e["references_only"] == true), "{modified:#?}");
    let refs = report["agreements"][0]["references"].as_array().expect("references");
    assert_eq!(refs.iter().filter(|r| r["status"] == "followed").count(), 5, "{refs:#?}");
    assert_eq!(refs.iter().filter(|r| r["status"] == "stale").count(), 0);
}

/// Clause 10 (Complaints) moves up to become clause 5; clauses 5–9 move down.
fn move_complaints(edit: impl Fn(&str) -> String) -> serde_json::Value {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let (rest, block) = cut(&read(&path), "## 10 Complaints", "## 11 Variation");
    let rest = renumber_range(&rest, 5, 9, 1);
    let block = edit(&block.replace("## 10 Complaints", "## 5 Complaints").replace("10.1 ", "5.1 "));
    let text = insert_before(&rest, "## 6 Persons and Services", block.trim_end());
    write(&path, &text);
    let (report, code) = diff_pair(&repo);
    assert_eq!(code, 1);
    report
}

#[test]
fn clause_moved() {
    let report = move_complaints(|b| b.to_string());
    // The moved clause with its sub-clause is one move; the five clauses it jumped over are renumbered.
    assert_eq!(counts(&report), vec![("moved".into(), 1), ("renumbered".into(), 13)], "{report:#}");
    let moved = entries(&report, "moved");
    assert_eq!(
        (numbers(moved[0], "old"), numbers(moved[0], "new")),
        (vec!["10".into(), "10.1".into()], vec!["5".into(), "5.1".into()])
    );
}

#[test]
fn clause_moved_and_edited() {
    let report = move_complaints(|b| {
        b.replace("agreed by the Partners.", "agreed by the Partners and published on each Partner's website.")
    });
    // One move of the clause, its sub-clause edited on the way.
    assert_eq!(counts(&report), vec![("moved-and-modified".into(), 1), ("renumbered".into(), 13)], "{report:#}");
    let mm = entries(&report, "moved-and-modified");
    assert_eq!(
        (numbers(mm[0], "old"), numbers(mm[0], "new")),
        (vec!["10".into(), "10.1".into()], vec!["5".into(), "5.1".into()])
    );
    let redline = serde_json::to_string(&mm[0]["redline"]).expect("json");
    assert!(redline.contains("published on each Partner's website"), "{redline}");
}

#[test]
fn clause_split_in_two() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let text = read(&path).replace("6.2 The Partners may vary", "6.3 The Partners may vary").replace(
        "financial year. The Pooled Fund Manager shall report",
        "financial year.\n\n6.2 The Pooled Fund Manager shall report",
    );
    write(&path, &text);
    let (report, _) = diff_pair(&repo);
    assert_eq!(counts(&report), vec![("renumbered".into(), 1), ("split".into(), 1)], "{report:#}");
    let split = entries(&report, "split");
    assert_eq!(
        (numbers(split[0], "old"), numbers(split[0], "new")),
        (vec!["6.1".into()], vec!["6.1".into(), "6.2".into()])
    );
}

#[test]
fn clauses_merged_into_one() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let text = read(&path)
        .replace("outcomes achieved.\n\n9.2 The Partners shall review", "outcomes achieved. The Partners shall review");
    write(&path, &text);
    let (report, _) = diff_pair(&repo);
    assert_eq!(counts(&report), vec![("merged".into(), 1)], "{report:#}");
    let merged = entries(&report, "merged");
    assert_eq!(
        (numbers(merged[0], "old"), numbers(merged[0], "new")),
        (vec!["9.1".into(), "9.2".into()], vec!["9.1".into()])
    );
}

#[test]
fn definition_changed_is_a_term_change_and_a_modified_clause() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    write(&path, &read(&path).replace("period of three (3) years", "period of five (5) years"));
    let toml = new_file(&repo, "agreement.toml");
    write(
        &toml,
        &read(&toml).replace("length = \"3 years\"\nexpiry = 2026-03-31", "length = \"5 years\"\nexpiry = 2028-03-31"),
    );

    let (report, _) = diff_pair(&repo);
    assert_eq!(counts(&report), vec![("modified".into(), 1)], "{report:#}");
    let terms = report["agreements"][0]["terms"].as_array().expect("terms");
    assert_eq!(terms.len(), 1, "{terms:#?}");
    assert_eq!(terms[0]["term"], "Term");
    assert_eq!(terms[0]["status"], "changed");
    let meta = metadata_changes(&report);
    assert_eq!(meta, vec!["Expiry: 31 March 2026 → 31 March 2028", "Term: 3 years → 5 years"]);
}

#[test]
fn definitions_added_and_removed() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let text = read(&path)
        .replace("\"Seconded Staff\" means the employees of the Council listed in Schedule 2;\n\n", "")
        .replace("\"Term\" means", "\"Safeguarding Lead\" means the officer each Partner names to lead on safeguarding adults;\n\n\"Term\" means");
    write(&path, &text);
    let (report, _) = diff_pair(&repo);
    let terms: Vec<(String, String)> = report["agreements"][0]["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| (t["term"].as_str().unwrap_or("").to_string(), t["status"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(terms, vec![("Safeguarding Lead".into(), "added".into()), ("Seconded Staff".into(), "removed".into())]);
}

#[test]
fn metadata_changes_read_as_old_to_new_with_money() {
    let repo = pair();
    let toml = new_file(&repo, "agreement.toml");
    let text = read(&toml)
        .replace("notice = \"6 months\"", "notice = \"3 months\"")
        .replace("amount = 1500000", "amount = 1600000")
        .replace("signatory = \"Chief Executive\"", "signatory = \"Director of Operations\"");
    write(&toml, &text);
    let out = s75().current_dir(repo.path()).args(["diff", "agreements/old", "agreements/new"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "Notice: 6 months → 3 months",
        "Contribution 2023/24, Eastfield Borough Council: £1,500,000 → £1,600,000 (+£100,000, +6.7%)",
        "Contributions, total: £3,500,000 → £3,600,000 (+£100,000, +2.9%)",
        "Eastfield Mental Health NHS Foundation Trust: signatory: Chief Executive → Director of Operations",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(text.contains("Provisions: no changes"), "{text}");
}

/// A new Schedule 2 renumbers the old Schedule 2 to 3: its text is matched
/// to the old schedule, not to the new one with the same number.
#[test]
fn schedule_inserted_renumbers_the_next_one() {
    let repo = pair();
    let toml = new_file(&repo, "agreement.toml");
    let text = read(&toml).replace(
        "[[schedules]]\nnumber = \"2\"\ntitle = \"Seconded Staff\"\nfile = \"schedules/02-seconded-staff.md\"",
        "[[schedules]]\nnumber = \"2\"\ntitle = \"Information Sharing\"\nfile = \"schedules/02-information-sharing.md\"\n\n[[schedules]]\nnumber = \"3\"\ntitle = \"Seconded Staff\"\nfile = \"schedules/03-seconded-staff.md\"",
    );
    write(&toml, &text);
    let old_sched = new_file(&repo, "schedules/02-seconded-staff.md");
    let staff = read(&old_sched).replace("# Schedule 2", "# Schedule 3");
    std::fs::remove_file(&old_sched).expect("rm");
    write(&new_file(&repo, "schedules/03-seconded-staff.md"), &staff);
    write(
        &new_file(&repo, "schedules/02-information-sharing.md"),
        "# Schedule 2 — Information Sharing\n\n1\\. The Partners shall complete a joint data protection impact assessment for the integrated teams before 30 September.\n",
    );
    let (report, _) = diff_pair(&repo);
    let docs = report["agreements"][0]["documents"].as_array().expect("documents");
    let summary: Vec<(String, String, bool)> = docs
        .iter()
        .map(|d| {
            (
                d["label"].as_str().unwrap_or("").to_string(),
                d["status"].as_str().unwrap_or("").to_string(),
                d["renumbered"] == true,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Body".into(), "unchanged".into(), false),
            ("Schedule 1 — Aims and Outcomes".into(), "unchanged".into(), false),
            ("Schedule 2 — Information Sharing".into(), "added".into(), false),
            ("Schedule 3 — Seconded Staff".into(), "modified".into(), true),
        ]
    );
    // The renumbered schedule's heading changed; its paragraphs did not.
    assert_eq!(docs[3]["counts"]["modified"], 1, "{:#}", docs[3]);
    assert_eq!(docs[3]["counts"]["unchanged"], 2);
    // The body still says "Schedule 2" for the seconded staff.
    let stale: Vec<&str> = report["agreements"][0]["references"]
        .as_array()
        .expect("references")
        .iter()
        .filter(|r| r["status"] == "stale")
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert_eq!(stale, vec!["Schedule 2", "Schedule 2"]);
}

/// Schedules 1 and 2 swap places (and numbers): each is matched to its old
/// self by title, reported as renumbered and moved, and its paragraphs unchanged.
#[test]
fn schedules_swapped_are_matched_moved_and_renumbered() {
    let repo = pair();
    let toml = new_file(&repo, "agreement.toml");
    let text = read(&toml).replace(
        "number = \"1\"\ntitle = \"Aims and Outcomes\"\nfile = \"schedules/01-aims-and-outcomes.md\"\n\n[[schedules]]\nnumber = \"2\"\ntitle = \"Seconded Staff\"\nfile = \"schedules/02-seconded-staff.md\"",
        "number = \"1\"\ntitle = \"Seconded Staff\"\nfile = \"schedules/02-seconded-staff.md\"\n\n[[schedules]]\nnumber = \"2\"\ntitle = \"Aims and Outcomes\"\nfile = \"schedules/01-aims-and-outcomes.md\"",
    );
    assert_ne!(text, read(&toml), "the edit applied");
    write(&toml, &text);
    for (file, from, to) in [
        ("schedules/01-aims-and-outcomes.md", "# Schedule 1", "# Schedule 2"),
        ("schedules/02-seconded-staff.md", "# Schedule 2", "# Schedule 1"),
    ] {
        let path = new_file(&repo, file);
        write(&path, &read(&path).replacen(from, to, 1));
    }
    let (report, _) = diff_pair(&repo);
    let docs = report["agreements"][0]["documents"].as_array().expect("documents");
    let summary: Vec<(String, bool, bool, u64)> = docs
        .iter()
        .skip(1)
        .map(|d| {
            (
                d["label"].as_str().unwrap_or("").to_string(),
                d["renumbered"] == true,
                d["moved"] == true,
                d["counts"]["modified"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    // The schedule that kept its place in the LIS is "renumbered"; the other also "moved".
    assert_eq!(
        summary,
        vec![
            ("Schedule 1 — Seconded Staff".to_string(), true, true, 1),
            ("Schedule 2 — Aims and Outcomes".to_string(), true, false, 1)
        ]
    );
    // Only each schedule's own heading line changed (its number).
    assert_eq!(counts(&report), vec![("modified".into(), 2)], "{report:#}");
}

/// A signature date filled in changes the execution block, not the last clause before it.
#[test]
fn execution_block_change_is_not_a_clause_change() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    write(&path, &read(&path).replace("Date: 22 March 2023", "Date: 23 March 2023"));
    let (report, _) = diff_pair(&repo);
    assert_eq!(counts(&report), vec![("modified".into(), 1)], "{report:#}");
    let modified = entries(&report, "modified");
    assert_eq!(modified[0]["new"][0]["text"][0], "Date: 23 March 2023");
    assert!(modified[0]["new"][0].get("number").is_none());
}

#[test]
fn terminal_output_respects_no_color_and_color_always() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    write(&path, &read(&path).replace("six (6) months' notice", "three (3) months' notice"));
    let plain =
        s75().current_dir(repo.path()).args(["diff", "agreements/old", "agreements/new"]).output().expect("run");
    let text = stdout(&plain);
    assert!(!text.contains('\u{1b}'), "NO_COLOR output has escapes");
    assert!(text.contains("[-six (6)-]{+three (3)+}"), "{text}");
    let summary = text.find("Summary").expect("summary");
    let body = text.find("Body  ").expect("body section");
    assert!(summary < body, "summary comes first");
    let coloured = s75()
        .current_dir(repo.path())
        .args(["diff", "--color", "always", "agreements/old", "agreements/new"])
        .output()
        .expect("run");
    assert!(stdout(&coloured).contains('\u{1b}'), "--color always has escapes");
}

#[test]
fn markdown_and_html_escape_agreement_text() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    write(
        &path,
        // Escaped in the Markdown source, so these are the agreement's own characters.
        &read(&path).replace(
            "England and Wales.",
            "England and Wales \\<script\\>alert(1)\\</script\\> & \\*not\\* markup | \\[link\\](x).",
        ),
    );
    let md = s75()
        .current_dir(repo.path())
        .args(["diff", "--format", "markdown", "agreements/old", "agreements/new"])
        .output()
        .expect("run");
    let md = stdout(&md);
    assert!(md.contains("&lt;script&gt;") && !md.contains("<script>"), "{md}");
    assert!(md.contains("\\*not\\*") && md.contains("\\| \\[link\\]"), "{md}");
    let html = s75()
        .current_dir(repo.path())
        .args(["diff", "--format", "html", "agreements/old", "agreements/new"])
        .output()
        .expect("run");
    let html = stdout(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "escaped in HTML");
    assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");
}

#[test]
fn output_is_deterministic() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    let text = renumber_clauses(&read(&path), 3, 1);
    write(
        &path,
        &insert_before(
            &text,
            "## 4 Aims and Outcomes",
            "## 3 Safeguarding\n\n3.1 Each Partner shall follow the safeguarding procedures.",
        ),
    );
    let run = |fmt: &str| {
        stdout(
            &s75()
                .current_dir(repo.path())
                .args(["diff", "--format", fmt, "agreements/old", "agreements/new"])
                .output()
                .expect("run"),
        )
    };
    for fmt in ["terminal", "json", "markdown", "html"] {
        assert_eq!(run(fmt), run(fmt), "{fmt} output differs between runs");
    }
}

#[test]
fn output_file_is_written_and_exit_status_kept() {
    let repo = pair();
    let path = new_file(&repo, BODY);
    write(&path, &read(&path).replace("twenty (20) working days", "ten (10) working days"));
    let out_file = repo.path().join("report.html");
    let out = s75()
        .current_dir(repo.path())
        .args(["diff", "--format", "html", "-o"])
        .arg(&out_file)
        .args(["agreements/old", "agreements/new"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(read(&out_file).contains("ten (10)"));
}
