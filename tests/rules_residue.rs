//! `residue.*`: each rule fires on one introduced left-over and stays silent
//! on the agreement's own bracketed words; the signed-only rules stay silent
//! on drafts; and on the real 2019 Coventry agreement the findings are the
//! census's residue (docs/notes/2019-defects.md §4) and none of its traps.

use crate::common::*;

use std::path::Path;

use serde_json::Value;

fn residue(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("residue."))).collect())
        .unwrap_or_default()
}

fn only<'a>(report: &'a Value, code: &str) -> &'a Value {
    let found = residue(report);
    assert_eq!(found.len(), 1, "expected one residue finding, got {found:#?}");
    assert_eq!(found[0]["code"], code, "{:#}", found[0]);
    found[0]
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read fixture file")
}

/// 1-based line and column (in characters) of the only occurrence of `needle`.
fn position(text: &str, needle: &str) -> (u64, u64) {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} should occur once");
    let at = text.find(needle).unwrap_or(0);
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line as u64, text[line_start..at].chars().count() as u64 + 1)
}

fn at(f: &Value) -> (u64, u64) {
    (f["line"].as_u64().unwrap_or(0), f["column"].as_u64().unwrap_or(0))
}

/// The clean repository with edits to the body; returns the report and the edited body.
fn clean_with_body_edits(edits: &[(&str, &str)], draft: bool) -> (Value, String) {
    let repo = clean_repo();
    let body = clean_file(&repo, "agreement.md");
    for (from, to) in edits {
        edit(&body, from, to);
    }
    if draft {
        edit(&clean_file(&repo, "agreement.toml"), "state = \"signed\"", "state = \"draft\"");
    }
    let text = read(&body);
    (validate_json(repo.path(), &[]).0, text)
}

// ---- residue.placeholder / residue.draft-placeholder ----

#[test]
fn placeholder_in_a_signed_agreement_is_an_error() {
    let (report, body) =
        clean_with_body_edits(&[("the Trust £250,000 in each", "the Trust £[insert amount] in each")], false);
    let f = only(&report, "residue.placeholder");
    assert!(f["file"].as_str().is_some_and(|p| p.ends_with("example-delegation/agreement.md")));
    assert_eq!(at(f), position(&body, "[insert amount]"));
    assert_eq!(f["text"], "[insert amount]");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "placeholder [insert amount] left in the text");
}

#[test]
fn the_same_placeholder_in_a_draft_is_a_warning() {
    let (report, body) =
        clean_with_body_edits(&[("the Trust £250,000 in each", "the Trust £[insert amount] in each")], true);
    let f = only(&report, "residue.draft-placeholder");
    assert_eq!(at(f), position(&body, "[insert amount]"));
    assert_eq!(f["severity"], "warning");
}

#[test]
fn blanks_options_and_unbracketed_placeholders() {
    let cases = [
        ("for the Trust to exercise", "for the [Trust/Council] to exercise", "[Trust/Council]"),
        ("\"Commencement Date\" means 1 April 2024;", "\"Commencement Date\" means [ ];", "[ ]"),
        ("\"Commencement Date\" means 1 April 2024;", "\"Commencement Date\" means [●];", "[●]"),
        ("\"Commencement Date\" means 1 April 2024;", "\"Commencement Date\" means XX/XX/20XX;", "XX/XX/20XX"),
        ("\"Commencement Date\" means 1 April 2024;", "\"Commencement Date\" means TBC;", "TBC"),
        ("Date: 22 March 2024", "Date: to be confirmed", "to be confirmed"),
    ];
    for (from, to, shown) in cases {
        let (report, body) = clean_with_body_edits(&[(from, to)], false);
        let f = only(&report, "residue.placeholder");
        assert_eq!(f["text"], shown, "{to}");
        let (line, col) = position(&body, to);
        let offset = to.find(shown).map_or(0, |i| to[..i].chars().count()) as u64;
        assert_eq!(at(f), (line, col + offset), "{to}");
    }
}

#[test]
fn the_agreements_own_brackets_are_not_residue() {
    // Census F-14: "[See 7 below]", "[Consultation]", "[Management of Change]",
    // "[50% time]", "[CWPT]"; enumerators "a) … b)"; "[Not used]"; and "to be
    // confirmed by the Board" inside a sentence.
    let repo = clean_repo();
    std::fs::copy(fixture("rules/residue/bracket-traps.md"), clean_file(&repo, "schedules/02-seconded-staff.md"))
        .expect("copy fixture");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(residue(&report), Vec::<&Value>::new(), "{report:#}");
}

// ---- residue.stray-bracket / residue.unbalanced-parenthesis ----

#[test]
fn stray_closing_square_bracket() {
    let (report, body) =
        clean_with_body_edits(&[("2.1 This Agreement takes effect on", "2.1 This Agreement takes effect ] on")], false);
    let f = only(&report, "residue.stray-bracket");
    assert_eq!(at(f), position(&body, "] on"));
    assert_eq!(f["text"], "]");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "stray `]`: no `[` opens it");
}

#[test]
fn a_stray_bracket_in_a_definition_is_reported_once() {
    // One defect, one finding: residue reports the bracket, and the
    // definition's own finding does not name it again.
    let (report, _) = clean_with_body_edits(&[("means 1 April 2024;", "means 1 April 2024.                ];")], false);
    let f = only(&report, "residue.stray-bracket");
    assert_eq!(f["message"], "stray `]`: no `[` opens it");
    let malformed = with_code(&report, "terms.malformed-definition");
    assert!(malformed.iter().all(|m| !m["message"].as_str().unwrap_or("").contains(']')), "{report:#}");
}

#[test]
fn stray_character_after_an_item_number() {
    let (report, body) = clean_with_body_edits(
        &[(
            "13.1 This Agreement is governed by the law of England and Wales.",
            "13.1 The following survive:\n\ni)\\_ Clause 10\n\nii) Clause 12",
        )],
        false,
    );
    let f = only(&report, "residue.number-suffix");
    let (line, col) = position(&body, "i)\\_ Clause 10");
    assert_eq!(at(f), (line, col + 3), "points at the underscore");
    assert_eq!(f["text"], "_");
    assert_eq!(f["message"], "stray `_` after item number i)");
    assert_eq!(f["severity"], "warning", "a slip in a number is a warning, never an error");
}

#[test]
fn unclosed_parenthesis_is_a_warning() {
    let (report, body) = clean_with_body_edits(
        &[("(section 9 of the Care Act 2014); and", "(section 9 of the Care Act 2014; and")],
        false,
    );
    let f = only(&report, "residue.unbalanced-parenthesis");
    assert_eq!(at(f), position(&body, "(section 9 of"));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["message"], "unclosed `(`: no `)` closes it");
}

#[test]
fn enumerators_with_a_closing_bracket_are_not_strays() {
    let (report, _) = clean_with_body_edits(
        &[(
            "4.2 The Council retains its functions relating to charging for care and support.",
            "4.2 The Council retains: a) charging; b) appeals; and iv) reviews.",
        )],
        false,
    );
    assert_eq!(residue(&report), Vec::<&Value>::new());
}

// ---- residue.undated / residue.empty-execution ----

#[test]
fn undated_signed_agreement() {
    let (report, body) =
        clean_with_body_edits(&[("made on 22 March 2024", "made on                          2024")], false);
    let f = only(&report, "residue.undated");
    assert_eq!(at(f), (1, 1));
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "the agreement is marked signed, but its date line has no day or month");
    assert!(body.starts_with("THIS AGREEMENT is made on"));
    assert!(f["help"].as_str().is_some_and(|h| h.contains("2024-03-20, 2024-03-22")), "{f:#}");
}

#[test]
fn dated_by_its_signatures_is_a_date() {
    // The form of the 2022 pooled fund agreement.
    let (report, _) = clean_with_body_edits(
        &[("made on 22 March 2024", "made on the date on which it has been signed by all of the Partners")],
        false,
    );
    assert_eq!(residue(&report), Vec::<&Value>::new());
}

#[test]
fn undated_draft_is_silent() {
    let (report, _) =
        clean_with_body_edits(&[("made on 22 March 2024", "made on                          2024")], true);
    assert_eq!(residue(&report), Vec::<&Value>::new());
}

const BLANK_COUNCIL: [(&str, &str); 4] = [
    ("Signature: S. Patel", "Signature………………………………"),
    ("Print Name: Sam Patel", "Print Name:………………………"),
    ("Position: Director of Adult Social Services", "Position…………………………"),
    ("Date: 22 March 2024", "Date………………………………"),
];

#[test]
fn blank_signature_block_in_a_signed_agreement() {
    let (report, body) = clean_with_body_edits(&BLANK_COUNCIL, false);
    let f = only(&report, "residue.empty-execution");
    assert_eq!(at(f), position(&body, "Signed for and on behalf of NORTHFIELD BOROUGH COUNCIL"));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "the agreement is marked signed, but \"Signed for and on behalf of NORTHFIELD BOROUGH COUNCIL\" has no signature, name, position or date"
    );
    let related: Vec<(u64, &str)> = f["related"]
        .as_array()
        .map(|r| r.iter().map(|l| (l["line"].as_u64().unwrap_or(0), l["label"].as_str().unwrap_or(""))).collect())
        .unwrap_or_default();
    assert_eq!(
        related,
        [
            (position(&body, "Signature……").0, "Signature blank"),
            (position(&body, "Print Name:……").0, "Print Name blank"),
            (position(&body, "Position……").0, "Position blank"),
            (position(&body, "Date……").0, "Date blank"),
        ]
    );
}

#[test]
fn dotted_signature_lines_are_not_placeholders() {
    // The signatory signs on the dots, and the block has a name and a date.
    let (report, _) =
        clean_with_body_edits(&[("Signature: S. Patel", "Signature: ...................................")], false);
    assert_eq!(residue(&report), Vec::<&Value>::new());
    // The same dots in a clause are still a blank left in the text.
    let (report, _) =
        clean_with_body_edits(&[("the Trust £250,000 in each", "the Trust £.................. in each")], false);
    let found = residue(&report);
    assert!(!found.is_empty() && found.iter().all(|f| f["code"] == "residue.placeholder"), "{found:#?}");
}

#[test]
fn partly_blank_or_draft_signature_blocks_are_silent() {
    let (report, _) = clean_with_body_edits(&BLANK_COUNCIL[3..], false);
    assert_eq!(residue(&report), Vec::<&Value>::new(), "a block with a name and signature is not blank");
    let (report, _) = clean_with_body_edits(&BLANK_COUNCIL, true);
    assert_eq!(residue(&report), Vec::<&Value>::new(), "a draft may leave the blocks blank");
}

// ---- residue.not-used-reference ----

fn with_schedule_3_not_used(repo: &tempfile::TempDir, with_file: bool) {
    let toml = clean_file(repo, "agreement.toml");
    let mut text = read(&toml);
    text.push_str("\n[[schedules]]\nnumber = \"3\"\ntitle = \"Not used\"\n");
    if with_file {
        text.push_str("file = \"schedules/03-not-used.md\"\n");
        write(&clean_file(repo, "schedules/03-not-used.md"), "# Schedule 3 — Not used\n");
    } else {
        text.push_str("not_used = true\n");
    }
    write(&toml, &text);
}

#[test]
fn reference_to_a_not_used_schedule() {
    for with_file in [false, true] {
        let repo = clean_repo();
        with_schedule_3_not_used(&repo, with_file);
        let body = clean_file(&repo, "agreement.md");
        edit(
            &body,
            "9.1 The Partners shall review the Partnership Arrangements each year.",
            "9.1 The Partners shall review the Partnership Arrangements each year as set out in Schedule 3.",
        );
        let text = read(&body);
        let (report, _) = validate_json(repo.path(), &[]);
        let f = only(&report, "residue.not-used-reference");
        assert_eq!(at(f), position(&text, "Schedule 3."));
        assert_eq!(f["text"], "Schedule 3");
        assert_eq!(f["severity"], "error");
        assert_eq!(f["message"], "reference to Schedule 3, which is \"Not used\"");
        let related_file = f["related"][0]["file"].as_str().unwrap_or_default();
        let expected = if with_file { "schedules/03-not-used.md" } else { "agreement.toml" };
        assert!(related_file.ends_with(expected), "{with_file}: {f:#}");
    }
}

#[test]
fn a_not_used_schedule_that_nothing_mentions_is_silent() {
    let repo = clean_repo();
    with_schedule_3_not_used(&repo, false);
    // A contents line that says the schedule is not used, and a range.
    edit(
        &clean_file(&repo, "agreement.md"),
        "1.2 References to Clauses and Schedules",
        "1.2 Schedules 1 to 3 form part of this Agreement; Schedule 3 is not used. References to Clauses and Schedules",
    );
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(residue(&report), Vec::<&Value>::new());
}

// ---- residue.drafting-note / residue.lone-punctuation / residue.bare-number ----

#[test]
fn bracketed_drafting_note() {
    let repo = clean_repo();
    let sched = clean_file(&repo, "schedules/02-seconded-staff.md");
    edit(
        &sched,
        "2\\. The Council shall keep",
        "[This table is correct as of January 2024 and is an estimate of 2024/25 costs]\n\n2\\. The Council shall keep",
    );
    let text = read(&sched);
    let (report, _) = validate_json(repo.path(), &[]);
    let f = only(&report, "residue.drafting-note");
    assert_eq!(at(f), position(&text, "[This table is correct"));
    assert_eq!(f["severity"], "warning");
}

#[test]
fn lone_full_stop_paragraph() {
    let repo = clean_repo();
    let sched = clean_file(&repo, "schedules/01-aims-and-outcomes.md");
    edit(&sched, "\n2.2 carers", "\n.\n\n2.2 carers");
    let text = read(&sched);
    let (report, _) = validate_json(repo.path(), &[]);
    let f = only(&report, "residue.lone-punctuation");
    let dot_line = text.lines().position(|l| l == ".").map_or(0, |i| i as u64 + 1);
    assert_eq!(at(f), (dot_line, 1));
    assert_eq!(f["message"], "a paragraph that is only \".\"");
}

#[test]
fn bare_number_before_its_sub_paragraphs() {
    let (report, body) = clean_with_body_edits(
        &[("## 9 Review", "8.4\n\n8.4.1 The Council may ask for more information.\n\n## 9 Review")],
        false,
    );
    let f = only(&report, "residue.bare-number");
    assert_eq!(at(f), position(&body, "8.4\n"));
    assert_eq!(f["message"], "8.4 has no heading or text");
    assert_eq!(f["severity"], "warning");
    // The numbering itself is in sequence: 8.3, 8.4, 8.4.1.
    assert!(!codes(&report).iter().any(|c| c.starts_with("numbering.")), "{report:#}");
}

// ---- The real 2019 Coventry agreement ----

fn coventry_report() -> Value {
    assert!(coventry_2019().join("agreement.toml").is_file(), "the 2019 agreement is part of the repository");
    validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]).0
}

/// A copy of the 2019 agreement in a repository of its own.
fn coventry_copy() -> tempfile::TempDir {
    let repo = tempfile::TempDir::new().expect("temp dir");
    copy_into(&coventry_2019(), &repo.path().join("agreements/coventry-cwpt-2019"));
    repo
}

fn line_at(file: &Value, line: &Value, root: &Path) -> String {
    let text = std::fs::read_to_string(root.join(file.as_str().unwrap_or_default())).unwrap_or_default();
    text.lines().nth((line.as_u64().unwrap_or(0) as usize).saturating_sub(1)).unwrap_or_default().to_string()
}

/// code, file name, how the flagged line starts, the flagged text, severity.
struct Expected(&'static str, &'static str, &'static str, &'static str, &'static str);

fn assert_residue(report: &Value, root: &Path, expected: &[Expected]) {
    let found = residue(report);
    let describe = |f: &Value| format!("{} {}:{} {:?} {}", f["code"], f["file"], f["line"], f["text"], f["message"]);
    for e in expected {
        let matching: Vec<_> = found
            .iter()
            .filter(|f| {
                f["code"] == e.0
                    && f["file"].as_str().is_some_and(|p| p.ends_with(e.1))
                    && line_at(&f["file"], &f["line"], root).starts_with(e.2)
            })
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "{} {} {:?}: found {:#?}",
            e.0,
            e.1,
            e.2,
            found.iter().map(|f| describe(f)).collect::<Vec<_>>()
        );
        assert!(matching[0]["text"].as_str().is_some_and(|t| t.starts_with(e.3)), "{}", describe(matching[0]));
        assert_eq!(matching[0]["severity"], e.4, "{}", describe(matching[0]));
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "unexpected residue findings: {:#?}",
        found.iter().map(|f| describe(f)).collect::<Vec<_>>()
    );
}

const BODY: &str = "coventry-cwpt-2019/agreement.md";

/// Findings that do not depend on the agreement being signed.
fn census_always() -> Vec<Expected> {
    vec![
        // the stray "];" after the Commencement Date definition: one
        // finding, residue's (terms.malformed-definition leaves brackets here).
        Expected("residue.stray-bracket", BODY, "“Commencement Date” means", "]", "error"),
        // D-36: "(Protection of Employment Regulations 2006 (ST 2006/246)": a bracket is missing.
        Expected("residue.unbalanced-parenthesis", BODY, "\"TUPE Legislation\" means", "(", "warning"),
        // "i)_ Clause 17": a slip in a number, a warning.
        Expected("residue.number-suffix", BODY, "i)\\_ Clause 17", "_", "warning"),
        // "(Mental Capacity Act 2005" is never closed.
        Expected(
            "residue.unbalanced-parenthesis",
            BODY,
            "5.1.14 Instructing Independent Mental Capacity Advocate",
            "(",
            "warning",
        ),
        // Not in the census, but in the seed (line 4174): a chart box of the
        // Schedule 3 appendix opens "(Includes maintenance …" and never closes.
        Expected(
            "residue.unbalanced-parenthesis",
            "03-integrated-service-clinical-governance.md",
            "- Governance and performance oversight",
            "(",
            "warning",
        ),
        // R-P6 (a judgement call, so a warning only): "Temporary Staffing (external provider0".
        Expected(
            "residue.unbalanced-parenthesis",
            "10-joint-operational-and-human-resources.md",
            "- Temporary Staffing (external provider0",
            "(",
            "warning",
        ),
        // the bracketed note in Schedule 6 Appendix A.
        Expected(
            "residue.drafting-note",
            "06-financial-framework.md",
            "[This table is correct as of January 2019",
            "[This table",
            "warning",
        ),
        // the bare "11.8" in Schedule 10.
        Expected("residue.bare-number", "10-joint-operational-and-human-resources.md", "11.8", "11.8", "warning"),
        // the lone "." between Schedule 13 3.2 and 3.3. (R-5, the lone "." after
        // Schedule 1 Part II 2.7, was joined to 2.7 by the import: "protocol .".)
        Expected("residue.lone-punctuation", "13-information-sharing-and-management.md", ".", ".", "warning"),
    ]
}

#[test]
fn coventry_2019_residue_is_the_census() {
    let mut expected = census_always();
    // The agreement is recorded as signed: are errors.
    expected.extend([
        Expected("residue.undated", BODY, "THIS AGREEMENT is made on", "THIS AGREEMENT is made on 2019", "error"),
        Expected(
            "residue.empty-execution",
            BODY,
            "Signed for and on behalf of COVENTRY AND WARWICKSHIRE",
            "Signed for and on behalf of",
            "error",
        ),
        Expected(
            "residue.empty-execution",
            BODY,
            "Signed for and on behalf of THE COUNCIL OF THE CITY OF COVENTRY",
            "Signed for and on behalf of",
            "error",
        ),
    ]);
    let toml = read(&coventry_2019().join("agreement.toml"));
    assert!(toml.contains("state = \"signed\""), "this test reads the agreement as signed");
    assert_residue(&coventry_report(), &crate_dir(), &expected);
}

/// A draft whose term has not ended may still be under negotiation: its
/// blank date line and signature blocks are not findings.
#[test]
fn coventry_2019_as_a_draft_has_no_date_or_signature_findings() {
    let repo = coventry_copy();
    let toml = repo.path().join("agreements/coventry-cwpt-2019/agreement.toml");
    edit(&toml, "state = \"signed\"", "state = \"draft\"");
    edit(&toml, "length = \"1 year\"", "length = \"10 years\"");
    let (report, _) = validate_json(repo.path(), &[]);
    assert_residue(&report, repo.path(), &census_always());
}

/// A draft whose whole term (2019–2020) is over is the record of an
/// agreement that ran: its blank date line is reported, its unsigned
/// signature blocks are not (a draft's blocks are blank by design).
#[test]
fn coventry_2019_as_a_draft_whose_term_is_over_has_only_the_date_finding() {
    let repo = coventry_copy();
    edit(&repo.path().join("agreements/coventry-cwpt-2019/agreement.toml"), "state = \"signed\"", "state = \"draft\"");
    let (report, _) = validate_json(repo.path(), &[]);
    let mut expected = census_always();
    expected.push(Expected(
        "residue.undated",
        BODY,
        "THIS AGREEMENT is made on",
        "THIS AGREEMENT is made on 2019",
        "error",
    ));
    assert_residue(&report, repo.path(), &expected);
    let undated = with_code(&report, "residue.undated");
    assert_eq!(
        undated[0]["message"],
        "the term ran from 2019-04-01 to 2020-03-31, but the date line has no day or month"
    );
}

#[test]
fn coventry_2019_traps_stay_silent() {
    let report = coventry_report();
    let codes = codes(&report);
    // No TBC, [insert], [ ] or XX in the agreement (census §4 "Not present").
    assert!(!codes.iter().any(|c| c == "residue.placeholder" || c == "residue.draft-placeholder"), "{codes:?}");
    // F-22: Schedule 12 is "Not used" and nothing refers to it.
    assert!(!codes.iter().any(|c| c == "residue.not-used-reference"));
    // F-14: the bracketed labels and abbreviations are the agreement's words.
    for f in residue(&report) {
        let line = line_at(&f["file"], &f["line"], &crate_dir());
        for label in ["[CWPT]", "[Consultation]", "[Management of Change]", "[50% time", "[See 7"] {
            assert!(!line.contains(label), "{label}: {f:#}");
        }
    }
}

#[test]
fn coventry_2019_reference_to_schedule_12_would_be_found() {
    // The census finds no reference to Schedule 12; one put into the real
    // text is found, so the silence above is not blindness.
    let repo = coventry_copy();
    let body = repo.path().join("agreements/coventry-cwpt-2019/agreement.md");
    let text = read(&body);
    let target = "as listed in Schedule 11";
    assert!(text.contains(target), "the Equipment definition cites Schedule 11");
    edit(&body, target, "as listed in Schedule 12");
    let (report, _) = validate_json(repo.path(), &[]);
    let found = with_code(&report, "residue.not-used-reference");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["text"], "Schedule 12");
    assert!(
        found[0]["related"][0]["file"].as_str().is_some_and(|p| p.ends_with("schedules/12-not-used.md")),
        "{:#}",
        found[0]
    );
}
