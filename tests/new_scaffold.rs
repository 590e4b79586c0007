//! `s75 new --template pooled-fund|delegation ID`: a scaffold that already
//! satisfies the compliance matrix, whose placeholders `s75 validate`
//! reports until they are filled, and which then validates clean.

use crate::common::*;

use std::path::Path;

use tempfile::TempDir;

fn new(dir: &Path, template: &str, id: &str) -> (String, i32) {
    let out = s75().current_dir(dir).args(["new", "--template", template, id]).output().expect("run s75");
    (stdout(&out) + &stderr(&out), out.status.code().unwrap_or(-1))
}

/// A fresh repository (an empty folder) with one new agreement in it.
fn scaffold(template: &str) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let (text, code) = new(dir.path(), template, "example-2027");
    assert_eq!(code, 0, "{text}");
    dir
}

/// What the drafter would write for each placeholder. Every placeholder in a
/// template must be here, so a new one cannot slip through unfilled.
const FILLED: &[(&str, &str)] = &[
    ("[insert date]", "1 March 2027"),
    ("[NAME OF LOCAL AUTHORITY]", "NORTHFIELD BOROUGH COUNCIL"),
    ("[Name of local authority]", "Northfield Borough Council"),
    ("[NAME OF NHS BODY]", "NORTHFIELD MENTAL HEALTH NHS TRUST"),
    ("[Name of the NHS Body]", "Northfield Mental Health NHS Trust"),
    ("[insert address of the local authority]", "Town Hall, Northfield, NF1 2BB"),
    ("[insert address of the NHS Body]", "1 Hospital Road, Northfield, NF1 1AA"),
    ("[insert position of the Council's signatory]", "Director of Adult Social Services"),
    ("[insert position of the NHS Body's signatory]", "Chief Executive"),
    ("[insert name of the pooled fund]", "Northfield Mental Health Pooled Fund"),
    ("[insert name of the integrated service]", "Northfield Community Mental Health Service"),
    ("[insert job title of the Pooled Fund Manager]", "Head of Finance"),
    ("[insert the purpose of the pooled fund]", "improve community mental health services in Northfield"),
    (
        "[insert who was consulted, and how]",
        "people who use mental health services, their carers and staff, at public meetings in 2026",
    ),
    (
        "[insert a description of them, citing the statute and section]",
        "arranging mental health services (section 3 of the 2006 Act)",
    ),
    (
        "[insert a description of the people the Services are for, and where they live]",
        "adults with mental health needs who live in Northfield",
    ),
    ("[insert the aim of the pooled fund]", "to improve community mental health services in Northfield"),
    (
        "[insert the aim of the integrated service]",
        "one integrated community mental health service for adults in Northfield",
    ),
    ("[insert the first outcome, and how it will be measured]", "people are assessed within four weeks of referral"),
    ("[insert the second outcome, and how it will be measured]", "carers are offered an assessment of their own needs"),
    ("[insert the first kind of service]", "community mental health teams"),
    ("[insert the second kind of service]", "crisis support"),
    (
        "[insert a description of the integrated service]",
        "an integrated community mental health service for adults in Northfield",
    ),
    (
        "[insert a description of each function, citing the statute and section]",
        "assessment of adults' needs for care and support (section 9 of the Care Act 2014)",
    ),
    (
        "[insert a description of the functions the Council keeps, such as decisions on charging]",
        "charging for care and support",
    ),
    (
        "[insert a description of the people the service is for, and where they live]",
        "adults living in Northfield who need secondary mental health services",
    ),
    ("[insert a description of the kinds of service]", "assessment, care planning and review"),
    ("[insert post title]", "Social Worker"),
    ("[insert full-time equivalent]", "2.0"),
    ("[insert description of the function]", "Assessment of adults' needs for care and support"),
    ("[insert Act and section]", "Care Act 2014 s.9"),
    ("[amount]", "100,000"),
];

/// Once every amount is £100,000, the contributions table's totals are made
/// to add up and agreement.toml records the same amounts, as a drafter
/// filling them in would (`arithmetic.total`, `arithmetic.contributions`).
const TOTALS: [(&str, &str); 3] = [
    ("amount = 0\n", "amount = 100000\n"),
    ("| £100,000 | £100,000 | £100,000 | £100,000 |", "| £100,000 | £100,000 | £100,000 | £300,000 |"),
    ("| Total | £100,000 | £100,000 | £100,000 | £300,000 |", "| Total | £200,000 | £200,000 | £200,000 | £600,000 |"),
];

/// Fills every placeholder of every file of the agreement.
fn fill(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir.join("agreements/example-2027")) {
        let entry = entry.expect("walk");
        if !entry.file_type().is_file() {
            continue;
        }
        let mut text = std::fs::read_to_string(entry.path()).expect("read");
        for (placeholder, value) in FILLED.iter().chain(&TOTALS) {
            text = text.replace(placeholder, value);
        }
        for left in ["[insert", "[NAME OF", "[Name of", "[amount]"] {
            assert!(
                !text.contains(left),
                "{} still has a placeholder {left}…: add it to FILLED",
                entry.path().display()
            );
        }
        std::fs::write(entry.path(), text).expect("write");
    }
}

fn is_placeholder_code(code: &str) -> bool {
    code == "residue.placeholder" || code == "residue.draft-placeholder"
}

#[test]
fn both_templates_create_the_agreement_folder() {
    for (template, files) in [
        (
            "pooled-fund",
            &[
                "agreement.toml",
                "agreement.md",
                "schedules/01-aims-and-outcomes.md",
                "schedules/02-contributions.md",
                "schedules/03-services.md",
            ][..],
        ),
        (
            "delegation",
            &["agreement.toml", "agreement.md", "schedules/01-aims-and-outcomes.md", "schedules/02-seconded-staff.md"]
                [..],
        ),
    ] {
        let dir = scaffold(template);
        for f in files {
            assert!(dir.path().join("agreements/example-2027").join(f).is_file(), "{template}: {f}");
        }
        let toml = std::fs::read_to_string(dir.path().join("agreements/example-2027/agreement.toml")).expect("read");
        assert!(
            toml.contains("id = \"example-2027\"")
                && toml.contains("commencement = 2027-04-01")
                && toml.contains("expiry = 2030-03-31"),
            "{toml}"
        );
        let body = std::fs::read_to_string(dir.path().join("agreements/example-2027/agreement.md")).expect("read");
        assert!(
            body.contains("\"Commencement Date\" means 1 April 2027;") && body.contains("ending on 31 March 2030"),
            "{template}"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path().join("agreements"))
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "only the new agreement, no temporary folder: {left:?}");
    }
}

#[test]
fn a_new_agreement_reports_only_its_placeholders() {
    for template in ["pooled-fund", "delegation"] {
        let dir = scaffold(template);
        let (report, _) = validate_json(dir.path(), &[]);
        let codes = codes(&report);
        assert!(!codes.is_empty(), "{template}: the placeholders must be reported");
        let others: Vec<&String> = codes.iter().filter(|c| !is_placeholder_code(c)).collect();
        assert!(others.is_empty(), "{template}: {others:?}\n{report:#}");
        let texts: Vec<&str> = report["findings"]
            .as_array()
            .map(|a| a.iter().filter_map(|f| f["text"].as_str()).collect())
            .unwrap_or_default();
        assert!(texts.contains(&"[insert date]"), "{template}: {texts:?}");
    }
}

#[test]
fn a_new_agreement_meets_the_matrix_but_for_what_only_signing_shows() {
    for template in ["pooled-fund", "delegation"] {
        let dir = scaffold(template);
        let out = s75()
            .current_dir(dir.path())
            .args(["matrix", "example-2027", "--format", "json"])
            .output()
            .expect("run s75");
        let m: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        // Nothing is missing; but an unsigned draft is not yet made in
        // writing, and that is said, not ticked.
        assert_eq!(m["summary"]["not_met"], 0, "{template}: {m:#}");
        assert_eq!(m["summary"]["fully_satisfied"], false, "{template}: {m:#}");
        let unchecked: Vec<&str> = m["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["status"] == "not checked")
            .filter_map(|r| r["id"].as_str())
            .collect();
        assert!(unchecked.iter().any(|id| id.ends_with(".written")), "{template}: {unchecked:?}");
        assert_eq!(out.status.code(), Some(0));
    }
}

#[test]
fn once_filled_it_validates_clean() {
    for template in ["pooled-fund", "delegation"] {
        let dir = scaffold(template);
        fill(dir.path());
        let (report, code) = validate_json(dir.path(), &[]);
        assert_eq!(codes(&report), Vec::<String>::new(), "{template}: {report:#}");
        assert_eq!(code, 0);
    }
}

#[test]
fn it_never_overwrites_an_agreement() {
    let dir = scaffold("pooled-fund");
    let body = dir.path().join("agreements/example-2027/agreement.md");
    std::fs::write(&body, "my work\n").expect("write");
    let (text, code) = new(dir.path(), "delegation", "example-2027");
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("agreements/example-2027 already exists; s75 new never overwrites an agreement"), "{text}");
    assert_eq!(std::fs::read_to_string(&body).expect("read"), "my work\n");
}

#[test]
fn it_joins_an_existing_repository_and_checks_the_id() {
    let repo = clean_repo();
    let inside = repo.path().join("agreements/example-delegation");
    let (text, code) = new(&inside, "delegation", "second-agreement");
    assert_eq!(code, 0, "{text}");
    assert!(
        repo.path().join("agreements/second-agreement/agreement.toml").is_file(),
        "created at the repository root, not in the current folder"
    );
    for bad in ["Bad Id", "../escape", "trailing-"] {
        let (text, code) = new(repo.path(), "delegation", bad);
        assert_eq!(code, 2, "{bad}: {text}");
        assert!(text.contains("is not a usable id"), "{text}");
    }
}
