//! `stale.*`: names judged against the agreement's own term (before
//! commencement, during the term, after expiry), parties that cease to
//! exist, Acts cited with a wrong year, the register as data that a
//! repository can replace, and the real 2019 and 2022 Coventry agreements.

use crate::common::*;

use serde_json::Value;
use tempfile::TempDir;

fn stale(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("stale."))).collect())
        .unwrap_or_default()
}

fn texts<'a>(found: &[&'a Value]) -> Vec<&'a str> {
    found.iter().map(|f| f["text"].as_str().unwrap_or("")).collect()
}

fn message(f: &Value) -> &str {
    f["message"].as_str().unwrap_or("")
}

/// Adds a clause to the clean agreement's body.
fn add_clause(repo: &TempDir, text: &str) {
    edit(
        &clean_file(repo, "agreement.md"),
        "## 13 Governing Law",
        &format!("## 12A Other Bodies\n\n12A.1 {text}\n\n## 13 Governing Law"),
    );
}

/// Moves the clean agreement's term (three years from `commencement`).
fn set_term(repo: &TempDir, commencement: &str, expiry: &str) {
    edit(
        &clean_file(repo, "agreement.toml"),
        "commencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31",
        &format!("commencement = {commencement}\nlength = \"3 years\"\nexpiry = {expiry}"),
    );
}

#[test]
fn clean_agreement_has_no_stale_findings() {
    let repo = clean_repo();
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(stale(&report).is_empty(), "{report:#}");
}

#[test]
fn a_body_abolished_before_commencement_is_an_error() {
    let repo = clean_repo();
    add_clause(
        &repo,
        "The Trust shall tell the Primary Care Trust and the Strategic Health Authority of any complaint.",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "stale.reference");
    assert_eq!(texts(&found), vec!["Primary Care Trust", "Strategic Health Authority"], "{report:#}");
    assert_eq!(found[0]["severity"], "error");
    assert!(
        message(found[0])
            .contains("abolished with effect from 1 April 2013, before this agreement's term began on 1 April 2024")
    );
    assert!(found[0]["help"].as_str().unwrap().contains("[S19]"), "sources are cited");
    assert_eq!(code, 1);
}

/// The same name judged against three terms: stale at commencement, stale
/// during the term, and stale only after expiry.
#[test]
fn a_name_is_judged_against_the_agreements_own_term() {
    let clause = "The Clinical Commissioning Group shall receive the annual report.";
    let judge = |commencement: &str, expiry: &str| {
        let repo = clean_repo();
        add_clause(&repo, clause);
        set_term(&repo, commencement, expiry);
        let (report, _) = validate_json(repo.path(), &[]);
        stale(&report)
            .iter()
            .map(|f| (f["code"].as_str().unwrap().to_string(), message(f).to_string()))
            .collect::<Vec<_>>()
    };
    let before = judge("2024-04-01", "2027-03-31");
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].0, "stale.reference");
    let during = judge("2021-04-01", "2024-03-31");
    assert_eq!(during.len(), 1);
    assert_eq!(during[0].0, "stale.during-term");
    assert!(during[0].1.contains("1 July 2022, during the term (2021-04-01 to 2024-03-31)"), "{during:?}");
    let after = judge("2019-04-01", "2022-03-31");
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn the_first_day_of_staleness_is_the_boundary() {
    // CCGs are stale from 1 July 2022: a term ending 30 June 2022 never sees it.
    let repo = clean_repo();
    add_clause(&repo, "The CCG shall receive the annual report.");
    edit(
        &clean_file(&repo, "agreement.toml"),
        "length = \"3 years\"\nexpiry = 2027-03-31",
        "length = \"3 months\"\nexpiry = 2022-06-30",
    );
    edit(&clean_file(&repo, "agreement.toml"), "commencement = 2024-04-01", "commencement = 2022-04-01");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(stale(&report).is_empty(), "{report:#}");
    // Commencing on 1 July 2022, it is stale at commencement.
    let repo = clean_repo();
    add_clause(&repo, "The CCG shall receive the annual report.");
    set_term(&repo, "2022-07-01", "2025-06-30");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(texts(&with_code(&report, "stale.reference")), vec!["CCG"], "{report:#}");
}

#[test]
fn a_name_mentioned_only_as_history_is_a_note() {
    // History told as history is accurate: a note, never a warning.
    let repo = clean_repo();
    add_clause(
        &repo,
        "The Integrated Care Board (formerly the Clinical Commissioning Group) shall receive the annual report.",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    let found = stale(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["code"], "stale.narrative");
    assert_eq!(found[0]["severity"], "note");
    assert!(message(found[0]).contains("mentioned as history"));
}

#[test]
fn history_is_silent_during_the_term() {
    let repo = clean_repo();
    add_clause(&repo, "The ICB (formerly the Clinical Commissioning Group) shall receive the annual report.");
    set_term(&repo, "2021-04-01", "2024-03-31");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(stale(&report).is_empty(), "{report:#}");
}

#[test]
fn renamed_bodies_and_unverified_entries_are_warnings_and_operating_names_notes() {
    let repo = clean_repo();
    add_clause(
        &repo,
        "Claims are handled under the scheme run by the NHS Litigation Authority, returns go to the Department of Health, \
         and appeals to the Mental Health Review Tribunal.",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    // NHS Resolution is only an operating name: the legal body is the same.
    let operating = with_code(&report, "stale.operating-name");
    assert_eq!(texts(&operating), vec!["NHS Litigation Authority"], "{report:#}");
    assert_eq!(operating[0]["severity"], "note");
    assert_eq!(
        message(operating[0]),
        "\"NHS Litigation Authority\": NHS Litigation Authority has operated as NHS Resolution since 1 April 2017; the \
         legal body, and the obligation, are unchanged"
    );
    let renamed = with_code(&report, "stale.renamed");
    assert_eq!(texts(&renamed), vec!["Department of Health"], "{report:#}");
    assert_eq!(renamed[0]["severity"], "warning");
    let unverified = with_code(&report, "stale.unverified");
    assert_eq!(texts(&unverified), vec!["Mental Health Review Tribunal"]);
    assert!(unverified[0]["help"].as_str().unwrap().contains("unverified (†)"));
    assert!(with_code(&report, "stale.reference").is_empty());
}

#[test]
fn help_cites_a_primary_source_and_names_no_internal_file() {
    let repo = clean_repo();
    add_clause(&repo, "Staff need Criminal Records Bureau checks; records go to the DH Information Centre.");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = stale(&report);
    assert_eq!(found.len(), 2, "{report:#}");
    for f in found {
        let help = f["help"].as_str().unwrap_or_default();
        assert!(help.contains("https://www.legislation.gov.uk/"), "{help}");
        for internal in ["src/", "register.toml", "statute.md", "docs/notes", "census"] {
            assert!(!help.contains(internal), "{help}");
        }
    }
}

/// Longer current names that contain a stale one, a verb that is also a
/// body's name, and a body stale only in some contexts.
#[test]
fn current_names_and_ordinary_words_stay_silent() {
    let repo = clean_repo();
    add_clause(
        &repo,
        "The Department of Health and Social Care, NHS Resolution as a Special Health Authority, and the Council shall monitor \
         the Services; Monitor the outcomes each quarter. Occupational therapists stay registered with the Health and Care \
         Professions Council. The Equality and Human Rights Commission's code applies.",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(stale(&report).is_empty(), "{report:#}");
}

#[test]
fn a_body_stale_only_in_context_fires_in_that_context() {
    let repo = clean_repo();
    add_clause(&repo, "Seconded social workers shall stay registered with the Health and Care Professions Council.");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(
        texts(&with_code(&report, "stale.unverified")),
        vec!["Health and Care Professions Council"],
        "{report:#}"
    );
}

#[test]
fn repeated_mentions_during_the_term_are_one_finding_per_agreement() {
    let repo = clean_repo();
    add_clause(
        &repo,
        "The CCG shall receive the report. The CCG may comment on it. The Clinical Commissioning Group may publish it.",
    );
    let schedule = clean_file(&repo, "schedules/02-seconded-staff.md");
    let text = std::fs::read_to_string(&schedule).expect("schedule");
    write(&schedule, &format!("{text}\nThe CCG shall be told of every secondment.\n"));
    set_term(&repo, "2021-04-01", "2024-03-31");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "stale.during-term");
    assert_eq!(found.len(), 1, "one finding for the body and the schedule: {report:#}");
    assert!(message(found[0]).contains("named 4 times"), "{:#}", found[0]);
    let related: Vec<&str> =
        found[0]["related"].as_array().expect("related").iter().filter_map(|r| r["file"].as_str()).collect();
    assert_eq!(related.len(), 3, "{:#}", found[0]);
    assert!(related.iter().any(|f| f.ends_with("02-seconded-staff.md")), "{related:?}");
    assert!(found[0]["related"].as_array().expect("related").iter().all(|r| r["label"] == "also here"));
}

#[test]
fn a_body_merged_into_its_successor_during_the_term_is_a_note() {
    // The CRB was right in 2010; its duties passed to the DBS on 1 December 2012.
    let repo = clean_repo();
    add_clause(&repo, "Staff shall have an enhanced disclosure from the Criminal Records Bureau.");
    set_term(&repo, "2010-10-01", "2013-09-30");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = stale(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["code"], "stale.during-term-merged");
    assert_eq!(found[0]["severity"], "note");
}

#[test]
fn a_ccg_partner_that_ceases_during_the_term_is_a_warning_at_the_party() {
    // The finding sits on the parties clause that names the CCG, where the
    // agreement is amended; agreement.toml's record is shown beside it.
    let repo = copy_tree(&fixture("rules/stale/ccg-partner"));
    let (report, _) = validate_json(repo.path(), &[]);
    let found = stale(&report);
    assert_eq!(found.len(), 1, "the party finding covers the text's mentions: {report:#}");
    let f = found[0];
    assert_eq!(f["code"], "stale.party-abolished");
    assert_eq!(f["severity"], "warning");
    assert!(file_of(f).ends_with("agreement.md"), "{f:#}");
    assert_eq!(f["line"], 7);
    assert_eq!(f["text"], "CLINICAL COMMISSIONING GROUP");
    assert_eq!(
        message(f),
        "NHS Northfield Clinical Commissioning Group ceases to exist on 1 July 2022, during the term (2022-04-01 to 2025-03-31); \
         add a successor provision naming the Integrated Care Board (ICB)"
    );
    let record = &f["related"][0];
    assert!(record["file"].as_str().unwrap().ends_with("agreement.toml"), "the record is shown: {f:#}");
    assert_eq!(record["label"], "recorded here as a Clinical Commissioning Group");
}

fn file_of(f: &Value) -> &str {
    f["file"].as_str().unwrap_or("")
}

#[test]
fn a_partner_abolished_before_commencement_is_an_error() {
    let repo = copy_tree(&fixture("rules/stale/ccg-partner"));
    let toml = repo.path().join("agreements/ccg-pool/agreement.toml");
    edit(
        &toml,
        "name = \"NHS Northfield Clinical Commissioning Group\"\nkind = \"ccg\"",
        "name = \"Northfield Primary Care Trust\"\nkind = \"pct\"",
    );
    let (report, code) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "stale.party-defunct");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "error");
    assert!(
        message(found[0]).starts_with(
            "Northfield Primary Care Trust is a Primary Care Trust, abolished with effect from 1 April 2013"
        )
    );
    assert_eq!(code, 1);
}

#[test]
fn a_partner_is_recognised_by_its_name_as_well_as_its_kind() {
    let repo = copy_tree(&fixture("rules/stale/ccg-partner"));
    let toml = repo.path().join("agreements/ccg-pool/agreement.toml");
    edit(&toml, "kind = \"ccg\"", "kind = \"icb\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "stale.party-abolished");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["related"][0]["text"], "\"NHS Northfield Clinical Commissioning Group\"");
}

/// One fact changed in the register, through s75.toml, changes the finding.
#[test]
fn changing_the_ccg_abolition_date_in_a_register_override_changes_the_finding() {
    let builtin =
        std::fs::read_to_string(crate_dir().join("src/rules/stale/register.toml")).expect("built-in register");
    let ccg = "id = \"ccg\"\nname = \"Clinical Commissioning Group\"\nchange = \"abolished\"\nfrom = 2022-07-01";
    assert!(builtin.contains(ccg), "the built-in register lists CCGs from 2022-07-01");
    let with_date = |date: &str| {
        let repo = copy_tree(&fixture("rules/stale/ccg-partner"));
        write(&repo.path().join("my-register.toml"), &builtin.replace(ccg, &ccg.replace("2022-07-01", date)));
        write(&repo.path().join("s75.toml"), "[packs]\nstale = \"my-register.toml\"\n");
        let (report, _) = validate_json(repo.path(), &[]);
        stale(&report)
            .iter()
            .map(|f| (f["code"].as_str().unwrap().to_string(), message(f).to_string()))
            .collect::<Vec<_>>()
    };
    let moved_later = with_date("2025-07-01");
    assert!(moved_later.is_empty(), "after expiry: {moved_later:?}");
    let moved_earlier = with_date("2021-07-01");
    assert_eq!(moved_earlier.len(), 1);
    assert_eq!(moved_earlier[0].0, "stale.party-defunct");
    let moved_within = with_date("2023-01-01");
    assert_eq!(moved_within.len(), 1);
    assert!(moved_within[0].1.contains("ceases to exist on 1 January 2023"), "{moved_within:?}");
}

#[test]
fn a_malformed_register_is_a_load_error_naming_file_and_line() {
    let repo = clean_repo();
    write(
        &repo.path().join("packs/register.toml"),
        "schema = 1\n\n[[entry]]\nid = \"x\"\nname = \"X\"\nchange = \"abolished\"\nfrom = \"July 2022\"\n",
    );
    write(&repo.path().join("s75.toml"), "[packs]\nstale = \"packs/register.toml\"\n");
    let out = s75().current_dir(repo.path()).args(["validate", "--format", "json"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("packs/register.toml:7:"), "{}", stderr(&out));
}

#[test]
fn a_bad_pattern_in_the_register_names_its_line() {
    let repo = clean_repo();
    let pack = "schema = 1\n[[entry]]\nid = \"x\"\nname = \"X\"\nchange = \"abolished\"\nfrom = 2020-01-01\nsuccessor = \"Y\"\npatterns = ['X(']\nverified = true\n";
    write(&repo.path().join("register.toml"), pack);
    write(&repo.path().join("s75.toml"), "[packs]\nstale = \"register.toml\"\n");
    let out = s75().current_dir(repo.path()).args(["validate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("register.toml:8: invalid pattern"), "{}", stderr(&out));
}

#[test]
fn a_malformed_acts_list_is_a_load_error_naming_file_and_line() {
    let repo = clean_repo();
    write(&repo.path().join("acts.toml"), "schema = 1\n[[act]]\ntitle = \"Care Act\"\nyears = [2014]\nyear = 2014\n");
    write(&repo.path().join("s75.toml"), "[packs]\nacts = \"acts.toml\"\n");
    let out = s75().current_dir(repo.path()).args(["validate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("acts.toml:5: unknown key `year`"), "{}", stderr(&out));
}

#[test]
fn an_act_cited_with_a_wrong_year_suggests_the_right_one() {
    let repo = clean_repo();
    edit(&clean_file(&repo, "agreement.md"), "(section 9 of the Care Act 2014)", "(section 9 of the Care Act 2015)");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "stale.act-year");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["text"], "Care Act 2015");
    assert_eq!(message(found[0]), "no Care Act was passed in 2015; did you mean Care Act 2014?");
}

#[test]
fn acts_passed_in_several_years_accept_each_and_longer_titles_are_not_confused() {
    let repo = clean_repo();
    add_clause(
        &repo,
        "The Partners shall comply with the Local Government Act 1972, the Local Government Act 2000, the Children Act 1989, \
         the Children Act 2004, the Mental Health Act 1983, the Mental Health Act 2007, the Health and Social Care Act 2012, \
         the Local Government and Public Involvement in Health Act 2007 and the Health and Care Act 2022.",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(with_code(&report, "stale.act-year").is_empty(), "{report:#}");
}

#[test]
fn a_repealed_act_is_the_registers_business_not_a_wrong_year() {
    let repo = clean_repo();
    add_clause(&repo, "Each Partner shall comply with the Data Protection Act 1998.");
    let (report, _) = validate_json(repo.path(), &[]);
    assert!(with_code(&report, "stale.act-year").is_empty());
    assert_eq!(texts(&with_code(&report, "stale.reference")), vec!["Data Protection Act 1998"], "{report:#}");
}

/// The census of the real 2019 agreement (docs/notes/2019-defects.md §5):
/// the stale names a careful reader finds, and silence on its traps.
#[test]
fn coventry_2019_stale_references() {
    let (report, _) = validate_json(&crate_dir(), &[coventry_2019().to_str().unwrap()]);
    let found = stale(&report);
    // Matched by the quoted name that opens the message, which comes from the text itself.
    let has =
        |code: &str, text: &str| found.iter().any(|f| f["code"] == code && message(f).contains(&format!("\"{text}\"")));
    // S-1, S-3, S-7: stale before the term, verified: errors.
    for text in [
        "Criminal Records Bureau",
        "Health Authorities",
        "Primary Care Trusts",
        "Commission for Race Equality",
        "Disability Rights Commission",
        "Equal Opportunities Commission",
    ] {
        assert!(has("stale.reference", text), "{text}: {found:#?}");
    }
    // S-6, S-11: a new operating name only, the legal body unchanged: notes.
    for text in [
        "National Health Service Litigation Authority",
        "National Health Services Litigation Authority",
        "Local Government Ombudsman",
    ] {
        assert!(has("stale.operating-name", text), "{text}: {found:#?}");
    }
    // S-12, S-13: renamed bodies: warnings.
    for text in
        ["Public Concern at Work", "Secretary of State for Health", "Department of Health", "DH Information Centre"]
    {
        assert!(has("stale.renamed", text), "{text}: {found:#?}");
    }
    // S-2, S-3, S-4, S-5, S-8, S-10: stale before the term on unverified (†) entries: warnings.
    for text in [
        "supervised after-care",
        "HSC 2000/010",
        "Safeguarding Adults Serious Case Review",
        "Sex Discrimination Act 1975",
        "Mental Health Review Tribunal",
    ] {
        assert!(has("stale.unverified", text), "{text}: {found:#?}");
    }
    // One finding per name for the whole agreement, the other places listed.
    let hsc: Vec<&&Value> = found.iter().filter(|f| message(f).starts_with("\"HSC 2000/010\"")).collect();
    assert_eq!(hsc.len(), 1, "recital (B) and 27.3.3 are one finding");
    assert_eq!(hsc[0]["related"][0]["label"], "also here");
    // S-14, S-15: stale during the term (2019-04-01 to 2020-03-31).
    assert!(has("stale.during-term", "Local Safeguarding Children’s Board"), "{found:#?}");
    assert!(has("stale.during-term", "Health and Care Professions Council"), "{found:#?}");
    let hcpc = found.iter().filter(|f| message(f).contains("Health and Care Profession")).count();
    assert_eq!(hcpc, 1, "three schedules, one finding");
    // Traps (§5e, F-13, F-19): CCGs are current in 2019–20; section 117 is not a stale law;
    // Sch 14's "The Department of Health has established …" is history of the same department.
    for f in &found {
        let t = message(f);
        assert!(!t.contains("Clinical Commissioning"), "CCGs are not stale for 2019-20: {f:#}");
        assert!(!t.contains("117"), "{f:#}");
        assert!(!t.contains("Data Protection"), "{f:#}");
        assert!(!(f["code"] == "stale.narrative"), "{f:#}");
    }
    assert!(found.iter().all(|f| !f["code"].as_str().unwrap().starts_with("stale.party")), "both parties exist");
    // All errors are verified entries only.
    let errors: Vec<&str> = found.iter().filter(|f| f["severity"] == "error").map(|f| message(f)).collect();
    assert_eq!(errors.len(), 6, "{errors:?}");
}

/// The 2022 pooled fund (agreements/coventry-mh-pool-2022): the CCG partner
/// ceases to exist on 1 July 2022, a quarter into the term.
#[test]
fn coventry_mh_pool_2022_warns_that_the_ccg_ceases_during_the_term() {
    let pool = crate_dir().join("agreements/coventry-mh-pool-2022");
    let (report, _) = validate_json(&crate_dir(), &[pool.to_str().unwrap()]);
    let found = stale(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "stale.party-abolished");
    assert_eq!(found[0]["severity"], "warning");
    let m = message(found[0]);
    assert!(
        m.contains(
            "Clinical Commissioning Group ceases to exist on 1 July 2022, during the term (2022-04-01 to 2025-03-31)"
        ),
        "{m}"
    );
    assert!(m.contains("successor provision"), "{m}");
}
