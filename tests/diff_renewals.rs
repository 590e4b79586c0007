//! `s75 diff` on realistic renewals of the real 2019 agreement (issue 18):
//! each test makes, in a temp copy of `agreements/coventry-cwpt-2019`, the
//! edit a drafter makes for a renewal — a clause inserted with and without
//! its cross-references updated, clauses moved forward, backward and into
//! another schedule, split, merged, a sentence reworded, a definition
//! changed, a term renamed, a schedule paragraph deleted, the term, the
//! notice, a party and a table figure changed, a paragraph reflowed, two
//! definitions swapped — and asserts the whole JSON report: every planted
//! change as the right kind at the right provision, and nothing else.

use serde_json::Value;
use tempfile::TempDir;

use crate::common::diff::*;

const BODY: &str = "agreement.md";
const TOML: &str = "agreement.toml";
/// Schedule 8's "Clauses 23, 24 and 27 (Good Faith …)" names its own paragraphs: a drafter leaves it.
const OWN_PARAGRAPHS: &str = "Clauses 23, 24 and 27";

fn schedules(repo: &TempDir) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(new_file(repo, "schedules"))
        .expect("schedules")
        .map(|e| format!("schedules/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// Applies `f` to the new side's file `rel`.
fn rewrite(repo: &TempDir, rel: &str, f: impl Fn(&str) -> String) {
    let path = new_file(repo, rel);
    write(&path, &f(&read(&path)));
}

/// Updates the clause references of the body and of every schedule by `map`.
fn update_all_references(repo: &TempDir, map: &[(String, String)]) {
    rewrite(repo, BODY, |t| update_references(t, map, &[]));
    for s in schedules(repo) {
        rewrite(repo, &s, |t| update_references(t, map, &[OWN_PARAGRAPHS]));
    }
}

/// The diff of the renewal, which must differ (exit 1) and print nothing on stderr.
fn diff(repo: &TempDir) -> Value {
    let (json, code, stderr) = diff_json(repo.path(), &["agreements/old", "agreements/new"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    json
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn renumbered(report: &Value) -> u64 {
    count(report, "renumbered")
}

const REVIEW_CLAUSE: &str = "## 11 Review of this Agreement\n\n11.1 The Partners shall review the operation of this Agreement at least once in each Financial Year and report the outcome of the review to the Section 75 Strategic Board.";

/// A new clause 11 pushes 11–42 down by one.
fn insert_review_clause(repo: &TempDir) -> Vec<(String, String)> {
    let map = shift(11, 42, 1);
    rewrite(repo, BODY, |t| insert_before(&renumber_by(t, &map), "## 12 Seconded Employees", REVIEW_CLAUSE));
    map
}

#[test]
fn clause_inserted_with_references_updated() {
    let repo = renewal();
    let map = insert_review_clause(&repo);
    update_all_references(&repo, &map);
    edit_new(&repo, BODY, "Clause 16.1 to 15.3", "Clause 16.1 to 16.3");
    let r = diff(&repo);
    assert_eq!(
        changes(&r),
        strings(&[
            "Body: modified (E) [references only]",
            "Body: modified 1.1 “Equipment” [references only]",
            "Body: modified 1.4 [references only]",
            "Body: modified 1B. [references only]",
            "Body: inserted 11",
            "Body: inserted 11.1",
            "Body: modified 16.4 → 17.4 [references only]",
            "Body: modified 16.5 → 17.5 [references only]",
            "Body: modified 18.3 → 19.3 [references only]",
            "Body: modified 21.1 → 22.1 [references only]",
            "Body: modified 22.1 → 23.1 [references only]",
            "Body: modified 23.5 → 24.5 [references only]",
            "Body: modified 42. i)_ → 43. i)_ [references only]",
            "Body: modified 42. ii) → 43. ii) [references only]",
            "Body: modified 42. iii) → 43. iii) [references only]",
            "Body: modified 42. iv) → 43. iv) [references only]",
            "Body: modified 42. v) → 43. v) [references only]",
            "Schedule 2: modified 1.3 [references only]",
            "Schedule 2: modified 13.1 [references only]",
            "Schedule 6: modified 2.3 [references only]",
            "Schedule 8: modified 27.1 [references only]",
            "Schedule 13: modified 1.1 [references only]"
        ]),
        "{r:#}"
    );
    assert_eq!(renumbered(&r), 134);
    assert_eq!(references(&r, "stale"), strings(&[]));
    assert_eq!(
        references(&r, "followed"),
        strings(&[
            "Clause 19: 18 → 19",
            "Clause 13: 12 → 13",
            "Clause 21: 20 → 21",
            "Clause 22.2: 21.2 → 22.2",
            "Clause 17: 16 → 17",
            "Clause 17.3.2: 16.3.2 → 17.3.2",
            "Clause 16.1: 15.1 → 16.1",
            "Clause 16.3: 15.3 → 16.3",
            "Clause 22.2: 21.2 → 22.2",
            "Clause 22: 21 → 22",
            "Clause 19: 18 → 19",
            "Clause 18: 17 → 18",
            "Clause 15: 14 → 15",
            "Clause 23: 22 → 23",
            "Clause 28A: 27A → 28A",
            "Clause 32: 31 → 32",
            "Clause 19: 18 → 19",
            "Clause 22: 21 → 22",
            "Clause 16 (in Schedule 6): 15 → 16",
            "Clause 22 (in Schedule 6): 21 → 22",
            "Clause 23 (in Schedule 6): 22 → 23",
            "Clause 15: 14 → 15",
            "Clause 28: 27 → 28"
        ])
    );
    assert_eq!(term_changes(&r), strings(&[]));
}

#[test]
fn clause_inserted_without_references_updated() {
    let repo = renewal();
    insert_review_clause(&repo);
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: inserted 11", "Body: inserted 11.1"]), "{r:#}");
    assert_eq!(renumbered(&r), 140);
    assert_eq!(
        references(&r, "stale"),
        strings(&[
            "Clause 18: 18 → 19",
            "Clause 12: 12 → 13",
            "Clause 20: 20 → 21",
            "Clause 21.2: 21.2 → 22.2",
            "Clause 16: 16 → 17",
            "Clause 16.3.2: 16.3.2 → 17.3.2",
            "Clause 15.1: 15.1 → 16.1",
            "Clause 15.3: 15.3 → 16.3",
            "Clause 21.2: 21.2 → 22.2",
            "Clause 21: 21 → 22",
            "Clause 18: 18 → 19",
            "Clause 17: 17 → 18",
            "Clause 14: 14 → 15",
            "Clause 22: 22 → 23",
            "Clause 27A: 27A → 28A",
            "Clause 31: 31 → 32",
            "Clause 18: 18 → 19",
            "Clause 21: 21 → 22",
            "Clause 15 (in Schedule 6): 15 → 16",
            "Clause 21 (in Schedule 6): 21 → 22",
            "Clause 22 (in Schedule 6): 22 → 23",
            "Clause 14: 14 → 15",
            "Clause 27: 27 → 28"
        ])
    );
    assert_eq!(references(&r, "followed"), strings(&[]));
    assert_eq!(term_changes(&r), strings(&[]));
}

/// Clause 17 (Freedom of Information) moves to stand after Data Protection:
/// 18–31 become 17–30 and it becomes 31; the references follow.
#[test]
fn clause_moved_forward_17_to_31() {
    let repo = renewal();
    let mut map = shift(18, 31, -1);
    rewrite(&repo, BODY, |t| {
        let (rest, clause) = cut(t, "## 17 Freedom of Information", "## 18 Variation");
        let clause = renumber_by(&clause, &[("17".to_string(), "31".to_string())]);
        insert_before(&renumber_by(&rest, &map), "## 32 Force Majeure", clause.trim_end())
    });
    map.push(("17".into(), "31".into()));
    update_all_references(&repo, &map);
    let r = diff(&repo);
    assert_eq!(
        changes(&r),
        strings(&[
            "Body: modified (E) [references only]",
            "Body: modified 1.4 [references only]",
            "Body: modified 1B. [references only]",
            "Body: modified 21.1 → 20.1 [references only]",
            "Body: modified 22.1 → 21.1 [references only]",
            "Body: modified 23.5 → 22.5 [references only]",
            "Body: moved 17…17.2 → 31…31.2",
            "Body: modified 42. i)_ [references only]",
            "Body: modified 42. iii) [references only]",
            "Body: modified 42. iv) [references only]",
            "Body: modified 42. v) [references only]",
            "Schedule 2: modified 1.3 [references only]",
            "Schedule 2: modified 13.1 [references only]",
            "Schedule 6: modified 2.3 [references only]",
            "Schedule 13: modified 1.1 [references only]"
        ]),
        "{r:#}"
    );
    assert_eq!(renumbered(&r), 75);
    let moved = entries(&r, "moved");
    assert_eq!(numbers(moved[0], "old"), strings(&["17", "17.1", "17.1.1", "17.1.2", "17.1.3", "17.2"]));
    assert_eq!(numbers(moved[0], "new"), strings(&["31", "31.1", "31.1.1", "31.1.2", "31.1.3", "31.2"]));
    assert_eq!(references(&r, "stale"), strings(&[]));
    assert_eq!(
        references(&r, "followed"),
        strings(&[
            "Clause 17: 18 → 17",
            "Clause 19: 20 → 19",
            "Clause 20.2: 21.2 → 20.2",
            "Clause 20.2: 21.2 → 20.2",
            "Clause 20: 21 → 20",
            "Clause 17: 18 → 17",
            "Clause 31: 17 → 31",
            "Clause 21: 22 → 21",
            "Clause 26A: 27A → 26A",
            "Clause 30: 31 → 30",
            "Clause 17: 18 → 17",
            "Clause 20: 21 → 20",
            "Clause 20 (in Schedule 6): 21 → 20",
            "Clause 21 (in Schedule 6): 22 → 21",
            "Clause 26: 27 → 26"
        ])
    );
    assert_eq!(term_changes(&r), strings(&[]));
}

/// Clause 30 (Legal Compliance) moves back to become 18; 18–29 become 19–30.
#[test]
fn clause_moved_backward_30_to_18() {
    let repo = renewal();
    let mut map = shift(18, 29, 1);
    rewrite(&repo, BODY, |t| {
        let (rest, clause) = cut(t, "## 30 Legal Compliance", "## 31 Data Protection");
        let clause = renumber_by(&clause, &[("30".to_string(), "18".to_string())]);
        insert_before(&renumber_by(&rest, &map), "## 19 Variation", clause.trim_end())
    });
    map.push(("30".into(), "18".into()));
    update_all_references(&repo, &map);
    let r = diff(&repo);
    assert_eq!(
        changes(&r),
        strings(&[
            "Body: modified (E) [references only]",
            "Body: modified 1.4 [references only]",
            "Body: modified 1B. [references only]",
            "Body: moved 30…30.1 → 18…18.1",
            "Body: modified 21.1 → 22.1 [references only]",
            "Body: modified 22.1 → 23.1 [references only]",
            "Body: modified 23.5 → 24.5 [references only]",
            "Body: modified 42. iii) [references only]",
            "Body: modified 42. iv) [references only]",
            "Schedule 2: modified 1.3 [references only]",
            "Schedule 2: modified 13.1 [references only]",
            "Schedule 6: modified 2.3 [references only]",
            "Schedule 13: modified 1.1 [references only]"
        ]),
        "{r:#}"
    );
    assert_eq!(renumbered(&r), 71);
    assert_eq!(references(&r, "stale"), strings(&[]));
    assert_eq!(
        references(&r, "followed"),
        strings(&[
            "Clause 19: 18 → 19",
            "Clause 21: 20 → 21",
            "Clause 22.2: 21.2 → 22.2",
            "Clause 22.2: 21.2 → 22.2",
            "Clause 22: 21 → 22",
            "Clause 19: 18 → 19",
            "Clause 23: 22 → 23",
            "Clause 28A: 27A → 28A",
            "Clause 19: 18 → 19",
            "Clause 22: 21 → 22",
            "Clause 22 (in Schedule 6): 21 → 22",
            "Clause 23 (in Schedule 6): 22 → 23",
            "Clause 28: 27 → 28"
        ])
    );
}

const SCHEDULE_2: &str = "schedules/02-partnership-agreement-strategic-governance-arrangements.md";
const SCHEDULE_3: &str = "schedules/03-integrated-service-clinical-governance.md";

/// Takes Schedule 2's paragraph 1.9 out, renumbering 1.10 and 1.11; returns it.
fn take_schedule_2_paragraph_1_9(repo: &TempDir) -> String {
    let path = new_file(repo, SCHEDULE_2);
    let (rest, para) = cut(&read(&path), "1.9 The Board may combine", "1.10 The chart");
    write(&path, &rest.replacen("1.10 The chart", "1.9 The chart", 1).replacen("1.11 The chart", "1.10 The chart", 1));
    para
}

#[test]
fn schedule_paragraph_deleted() {
    let repo = renewal();
    take_schedule_2_paragraph_1_9(&repo);
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Schedule 2: deleted 1.9"]), "{r:#}");
    assert_eq!(renumbered(&r), 2);
}

#[test]
fn schedule_paragraph_moved_into_another_schedule() {
    let repo = renewal();
    let para = take_schedule_2_paragraph_1_9(&repo);
    edit_new(
        &repo,
        SCHEDULE_3,
        "### 3. Professional Leadership",
        &format!("{}### 3. Professional Leadership", para.replacen("1.9 The Board", "2.6. The Board", 1)),
    );
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Schedule 3: moved 1.9 → 2.6."]), "{r:#}");
    let moved = entries(&r, "moved");
    assert!(moved[0]["old"][0]["path"].as_str().is_some_and(|p| p.ends_with(SCHEDULE_2)), "{:#}", moved[0]);
    assert_eq!(moved[0]["moved_from"], "Schedule 2 — Partnership Agreement Strategic Governance Arrangements");
    let text = crate::common::stdout(
        &crate::common::s75()
            .current_dir(repo.path())
            .args(["diff", "agreements/old", "agreements/new"])
            .output()
            .expect("run"),
    );
    assert!(
        text.contains("1.9 → 2.6.  moved (from Schedule 2 — Partnership Agreement Strategic Governance Arrangements, agreements/old/schedules/02-partnership-agreement-strategic-governance-arrangements.md:21)"),
        "{text}"
    );
    assert_eq!(renumbered(&r), 2);
}

#[test]
fn clause_split_in_two() {
    let repo = renewal();
    rewrite(&repo, BODY, |t| {
        t.replacen("16.5 Where the Trust decides", "16.6 Where the Trust decides", 1).replacen(
            "in connection with the Serious Untoward Incident. If the Council notifies",
            "in connection with the Serious Untoward Incident.\n\n16.5 If the Council notifies",
            1,
        )
    });
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: split 16.4 → 16.4+16.5"]), "{r:#}");
    assert_eq!(renumbered(&r), 1);
}

#[test]
fn clauses_merged_into_one() {
    let repo = renewal();
    edit_new(
        &repo,
        BODY,
        "establishment of Local Health Watch\n\n41.3 The Council shall ensure its contracts",
        "establishment of Local Health Watch and shall ensure its contracts",
    );
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: merged 41.2+41.3 → 41.2"]), "{r:#}");
    assert_eq!(renumbered(&r), 0);
}

#[test]
fn sentence_reworded() {
    let repo = renewal();
    edit_new(
        &repo,
        BODY,
        "the Partners shall consult with each other to agree a joint strategy",
        "the Partners shall first consult each other and agree in writing a joint communications strategy",
    );
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: modified 19.1"]), "{r:#}");
    assert_eq!(term_changes(&r), strings(&[]));
}

#[test]
fn definition_changed() {
    let repo = renewal();
    edit_new(
        &repo,
        BODY,
        "“Host Authority” means the Trust;",
        "“Host Authority” means the Trust, acting through its Chief Executive;",
    );
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: modified 1.1 “Host Authority”"]), "{r:#}");
    assert_eq!(term_changes(&r), strings(&["changed “Host Authority”"]));
    let redline = serde_json::to_string(&r["agreements"][0]["terms"][0]["redline"]).expect("json");
    assert!(redline.contains(r#"{"op":"inserted","text":", acting through its Chief Executive"}"#), "{redline}");
}

#[test]
fn term_renamed_with_its_uses() {
    let repo = renewal();
    for rel in std::iter::once(BODY.to_string()).chain(schedules(&repo)) {
        rewrite(&repo, &rel, |t| t.replace("Fundamental Breach", "Material Breach"));
    }
    let r = diff(&repo);
    assert_eq!(
        changes(&r),
        strings(&[
            "Body: modified 1.1 “Fundamental Breach” → 1.1 “Material Breach”",
            "Body: modified 21.4.1 [renamed term only]"
        ]),
        "{r:#}"
    );
    assert_eq!(term_changes(&r), strings(&["renamed “Fundamental Breach” → “Material Breach”, 1 followed, 0 not"]));
}

/// Only the definition renamed: the use in clause 21.4.1 still says
/// "Fundamental Breach", a term the agreement no longer defines.
#[test]
fn term_renamed_without_its_uses() {
    let repo = renewal();
    edit_new(&repo, BODY, "“Fundamental Breach” means", "“Material Breach” means");
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: modified 1.1 “Fundamental Breach” → 1.1 “Material Breach”"]), "{r:#}");
    assert_eq!(term_changes(&r), strings(&["renamed “Fundamental Breach” → “Material Breach”, 0 followed, 1 not"]));
}

/// Two definitions joined into one paragraph: one merge in the provision
/// list, and under Defined terms the one that changed and the one that went.
#[test]
fn definitions_merged() {
    let repo = renewal();
    edit_new(
        &repo,
        BODY,
        "as being Head of Service;\n\n“Council’s Senior Social Care Practitioners” means those posts",
        "as being Head of Service, and the Council’s Senior Social Care Practitioners are those posts",
    );
    let r = diff(&repo);
    assert_eq!(
        changes(&r),
        strings(&[
            "Body: merged 1.1 “Council’s Head of Service”+1.1 “Council’s Senior Social Care Practitioners” → 1.1 “Council’s Head of Service”"
        ]),
        "{r:#}"
    );
    assert_eq!(
        term_changes(&r),
        strings(&["changed “Council’s Head of Service”", "removed “Council’s Senior Social Care Practitioners”"])
    );
}

#[test]
fn definitions_swapped() {
    let repo = renewal();
    let functions = "“Functions” means the Council’s Functions and the NHS Functions;\n\n";
    let breach = "“Fundamental Breach” means any action or omission by either party going to the heart of the Agreement so that the Agreement can no longer function and the aggrieved party may view the Agreement as terminated;\n\n";
    edit_new(&repo, BODY, &format!("{functions}{breach}"), &format!("{breach}{functions}"));
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: moved 1.1 “Fundamental Breach”"]), "{r:#}");
    assert_eq!(term_changes(&r), strings(&["moved “Fundamental Breach”"]));
}

#[test]
fn term_extended_to_three_years() {
    let repo = renewal();
    edit_new(
        &repo,
        BODY,
        "“Term” means the period of one (1) year from the Commencement Date.",
        "“Term” means the period of three (3) years from the Commencement Date.",
    );
    edit_new(&repo, BODY, "absolutely one 1 year following", "absolutely three (3) years following");
    edit_new(&repo, TOML, "length = \"1 year\"", "length = \"3 years\"");
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: modified 1.1 “Term”", "Body: modified 21.1"]), "{r:#}");
    assert_eq!(term_changes(&r), strings(&["changed “Term”"]));
    assert_eq!(
        metadata_changes(&r),
        strings(&["Expiry: 31 March 2020 (computed) → 31 March 2022 (computed)", "Term: 1 year → 3 years"])
    );
}

#[test]
fn notice_shortened_to_six_months() {
    let repo = renewal();
    edit_new(&repo, BODY, "giving of twelve (12) months written notice", "giving of six (6) months written notice");
    edit_new(&repo, TOML, "notice = \"12 months\"", "notice = \"6 months\"");
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: modified 21.3"]), "{r:#}");
    assert_eq!(metadata_changes(&r), strings(&["Notice: 12 months → 6 months"]));
}

#[test]
fn party_address_changed() {
    let repo = renewal();
    let (old, new) =
        ("Wayside House, Wilsons Lane, Coventry, CV6 6NY", "Brian Oxley Centre, 1 Rugby Road, Coventry, CV6 6NY");
    edit_new(&repo, BODY, old, new);
    edit_new(&repo, TOML, old, new);
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Body: modified (1)"]), "{r:#}");
    assert_eq!(
        metadata_changes(&r),
        strings(&[
            "Coventry and Warwickshire Partnership NHS Trust: address: Wayside House, Wilsons Lane, Coventry, CV6 6NY → Brian Oxley Centre, 1 Rugby Road, Coventry, CV6 6NY"
        ])
    );
    assert_eq!(term_changes(&r), strings(&["changed “the Trust”"]));
}

#[test]
fn table_figure_changed() {
    let repo = renewal();
    let sched = "schedules/06-financial-framework.md";
    edit_new(&repo, sched, "| Travel |  |  | 7,300 |", "| Travel |  |  | 8,000 |");
    edit_new(&repo, sched, "| Total |  | 7.3 | 432,613 |", "| Total |  | 7.3 | 433,313 |");
    let r = diff(&repo);
    assert_eq!(changes(&r), strings(&["Schedule 6: modified Appendix A"]), "{r:#}");
    // The two rows changed, each redlined; the other rows of the table unchanged.
    let modified = entries(&r, "modified");
    let changed: Vec<&Value> =
        modified[0]["redline"].as_array().expect("redline").iter().filter(|b| b["kind"] == "changed").collect();
    assert_eq!(changed.len(), 2, "{:#}", modified[0]);
    assert!(
        modified[0]["redline"]
            .as_array()
            .expect("redline")
            .iter()
            .all(|b| b["kind"] != "added" && b["kind"] != "removed")
    );
}

#[test]
fn paragraph_reflowed_is_no_change() {
    let repo = renewal();
    edit_new(
        &repo,
        BODY,
        "15.4 If any dispute or difference whatsoever arises between the Partners in connection with",
        "15.4 If any dispute or difference\nwhatsoever arises between the Partners\nin connection with",
    );
    let (r, code, _) = diff_json(repo.path(), &["agreements/old", "agreements/new"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(changes(&r), strings(&[]));
}

/// A one-word change makes a page of the change and its context, not the
/// whole agreement twice (issue 18: it was 0.75 MB); `--full` has it all.
#[test]
fn html_page_of_a_one_word_change_is_small_and_full_has_everything() {
    let repo = renewal();
    edit_new(&repo, BODY, "promptly and amicably", "promptly and in good faith");
    let page = |extra: &[&str]| {
        let out = crate::common::s75()
            .current_dir(repo.path())
            .args(["diff", "--format", "html"])
            .args(extra)
            .args(["agreements/old", "agreements/new"])
            .output()
            .expect("run s75");
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let small = page(&[]);
    assert!(small.len() < 100_000, "{} bytes", small.len());
    assert!(small.contains("<del>amicably</del><ins>in good faith</ins>"), "the change is in the page");
    // Its neighbours are context; the rest is counted, not shown.
    assert!(small.contains("15.2 Any dispute or disagreement"), "the next provision is context");
    assert!(!small.contains("17.1 The Trust and the Council are subject to the Freedom of Information Act"));
    assert!(small.contains("unchanged provisions not shown (s75 diff --full includes the whole text)"));
    assert!(small.contains("17 unchanged documents not shown"));
    let full = page(&["--full"]);
    assert!(full.contains("17.1 The Trust and the Council are subject to the Freedom of Information Act"));
    assert!(full.contains("Schedule 17"), "every document");
    assert!(full.len() > 5 * small.len());
}
