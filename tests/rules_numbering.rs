//! `numbering.*`: each rule fires on one introduced defect and stays silent
//! on the styles that are not defects; and on the real 2019 Coventry
//! agreement, the findings are exactly the census's numbering defects
//! (docs/notes/2019-defects.md §1) and none of its traps (§7).

use crate::common::*;

use serde_json::Value;

const NUMBERING: [&str; 4] = ["numbering.duplicate", "numbering.gap", "numbering.out-of-order", "numbering.orphan"];

fn numbering(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| NUMBERING.iter().any(|c| f["code"] == *c)).collect())
        .unwrap_or_default()
}

/// The clean repository with one edit to the body, validated; with the
/// edited body, so that tests find their lines by content.
fn clean_with_body_edit(from: &str, to: &str) -> (Value, String) {
    let repo = clean_repo();
    let body = clean_file(&repo, "agreement.md");
    edit(&body, from, to);
    let text = std::fs::read_to_string(&body).expect("read edited body");
    (validate_json(repo.path(), &[]).0, text)
}

/// The 1-based line of the only line starting with `start`.
fn line_of(text: &str, start: &str) -> u64 {
    let lines: Vec<usize> =
        text.lines().enumerate().filter(|(_, l)| l.starts_with(start)).map(|(i, _)| i + 1).collect();
    assert_eq!(lines.len(), 1, "{start:?} should start exactly one line");
    lines[0] as u64
}

fn only<'a>(report: &'a Value, code: &str) -> &'a Value {
    let found = numbering(report);
    assert_eq!(found.len(), 1, "expected one numbering finding, got {found:#?}");
    assert_eq!(found[0]["code"], code, "{:#}", found[0]);
    found[0]
}

fn file_ends(f: &Value, name: &str) -> bool {
    f["file"].as_str().is_some_and(|p| p.ends_with(name))
}

#[test]
fn duplicate_sub_clause_names_both_lines() {
    let (report, body) = clean_with_body_edit("8.2 The Trust shall give", "8.1 The Trust shall give");
    let f = only(&report, "numbering.duplicate");
    assert!(file_ends(f, "agreements/example-delegation/agreement.md"), "{f:#}");
    assert_eq!(f["line"], line_of(&body, "8.1 The Trust shall give"));
    assert_eq!(f["column"], 1);
    assert_eq!(f["text"], "8.1");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "8.1 is used twice in the body");
    assert_eq!(f["related"][0]["line"], line_of(&body, "8.1 The Trust shall report"));
    assert_eq!(f["related"][0]["label"], "first 8.1 here");
}

#[test]
fn a_heading_number_repeated_on_its_paragraph_is_not_a_duplicate() {
    // `## 1A. COMMENCEMENT AND DURATION` then `1A. This Agreement …` (census F-1).
    let (report, _) = clean_with_body_edit(
        "## 2 Commencement and Duration",
        "## 1A. COMMENCEMENT AND DURATION\n\n1A. This Agreement takes effect on the Commencement Date.\n\n## 2 Commencement and Duration",
    );
    assert_eq!(numbering(&report), Vec::<&Value>::new());
    // A third `1A.` is a duplicate.
    let (report, body) = clean_with_body_edit(
        "## 2 Commencement and Duration",
        "## 1A. COMMENCEMENT\n\n1A. This Agreement takes effect.\n\n1A. It continues.\n\n## 2 Commencement and Duration",
    );
    let f = only(&report, "numbering.duplicate");
    assert_eq!(f["message"], "1A is used twice in the body");
    assert_eq!(f["line"], line_of(&body, "1A. It continues."));
    assert_eq!(f["related"][0]["line"], line_of(&body, "## 1A. COMMENCEMENT"), "the clause itself is the first use");
}

#[test]
fn gap_in_a_schedule_is_a_warning() {
    let repo = clean_repo();
    let sched = clean_file(&repo, "schedules/01-aims-and-outcomes.md");
    edit(&sched, "2.2 carers", "2.3 carers");
    let text = std::fs::read_to_string(&sched).expect("read schedule");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = only(&report, "numbering.gap");
    assert!(file_ends(f, "schedules/01-aims-and-outcomes.md"), "{f:#}");
    assert_eq!(f["line"], line_of(&text, "2.3 carers"));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["message"], "2.2 is missing: 2.3 follows 2.1 in Schedule 1");
    assert_eq!(f["related"][0]["line"], line_of(&text, "2.1 people"));
}

#[test]
fn missing_first_sub_clause() {
    let (report, body) = clean_with_body_edit("9.1 The Partners", "9.2 The Partners");
    let f = only(&report, "numbering.gap");
    assert_eq!(f["line"], line_of(&body, "9.2 The Partners"));
    assert_eq!(f["message"], "9.1 is missing: 9.2 is the first number under 9 in the body");
    assert_eq!(f["related"][0]["line"], line_of(&body, "## 9 Review"), "points at the parent clause");
}

#[test]
fn inserted_clauses_are_not_gaps_but_a_skipped_letter_is() {
    let (report, _) = clean_with_body_edit(
        "## 9 Review",
        "## 8A Audit\n\n8A.1 The Partners may audit.\n\n## 8B Records\n\n## 9 Review",
    );
    assert_eq!(numbering(&report), Vec::<&Value>::new());
    let (report, _) = clean_with_body_edit("## 9 Review", "## 8B Records\n\n## 9 Review");
    let f = only(&report, "numbering.gap");
    assert_eq!(f["message"], "8A is missing: 8B follows 8 in the body");
}

#[test]
fn a_repeat_that_took_the_next_number_is_one_finding() {
    // 8.1, 8.1, 8.3: one duplicate; 8.2 is not reported again as a gap.
    let (report, _) = clean_with_body_edit("8.2 The Trust shall give", "8.1 The Trust shall give");
    only(&report, "numbering.duplicate");
    // 8.1, 8.3, 8.3: 8.2 is missing before the first 8.3, and the second
    // repeats it — one mis-numbered run, so one finding that says both.
    let (report, _) = clean_with_body_edit("8.2 The Trust shall give", "8.3 The Trust shall give");
    let f = only(&report, "numbering.duplicate");
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "the numbers under 8 in the body are mis-numbered: 8.2 is missing: 8.3 follows 8.1; 8.3 is used twice"
    );
}

#[test]
fn lower_number_is_out_of_order_and_not_also_a_gap() {
    // Swap 4.1.1 and 4.1.2: one finding, on the number that stands ahead of
    // its place (where the reader first meets the slip), naming the other.
    let repo = clean_repo();
    let body = clean_file(&repo, "agreement.md");
    edit(&body, "4.1.1 assessment", "4.1.X assessment");
    edit(&body, "4.1.2 care", "4.1.1 care");
    edit(&body, "4.1.X assessment", "4.1.2 assessment");
    let text = std::fs::read_to_string(&body).expect("read body");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = only(&report, "numbering.out-of-order");
    assert_eq!(f["line"], line_of(&text, "4.1.2 assessment"));
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "4.1.2 comes before 4.1.1 in the body");
    assert_eq!(f["related"][0]["line"], line_of(&text, "4.1.1 care"));
}

#[test]
fn orphan_sub_clause_has_no_parent() {
    let (report, body) = clean_with_body_edit("4.2 The Council retains", "4.2.1 The Council retains");
    let f = only(&report, "numbering.orphan");
    assert_eq!(f["line"], line_of(&body, "4.2.1 The Council retains"));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["message"], "4.2.1 is numbered under 4.2, but the body has no 4.2");
}

#[test]
fn orphan_that_follows_a_sibling_suggests_the_number_meant() {
    // 4.1.1 then 4.5.2: no 4.5; 4.1.2 was meant. The real 4.2 after it is not
    // "out of order" against the missing 4.5.
    let (report, _) = clean_with_body_edit("4.1.2 care", "4.5.2 care");
    let f = only(&report, "numbering.orphan");
    assert_eq!(f["message"], "4.5.2 is numbered under 4.5, but the body has no 4.5");
    assert_eq!(f["help"], "4.1.2 may have been meant");
}

#[test]
fn item_lists() {
    let list = |items: &str| {
        clean_with_body_edit(
            "4.2 The Council retains its functions relating to charging for care and support.",
            &format!("4.2 The Council retains:\n\n{items}"),
        )
    };
    // In order, (i) after (h) read as a letter, nested roman lists: silent.
    assert_eq!(numbering(&list("(a) charging;\n\n(b) appeals;\n\n(c) reviews.").0), Vec::<&Value>::new());
    assert_eq!(
        numbering(&list("(f) six;\n\n(g) seven;\n\n(h) eight;\n\n(i) nine;\n\n(j) ten.").0),
        Vec::<&Value>::new()
    );
    assert_eq!(
        numbering(
            &list(
                "(a) plans:\n\n(i) teams;\n\n(ii) managers;\n\n(b) budgets:\n\n(i) contributions;\n\n(ii) recharges."
            )
            .0
        ),
        Vec::<&Value>::new()
    );

    let (report, body) = list("(a) charging;\n\n(b) appeals;\n\n(b) complaints.");
    let f = only(&report, "numbering.duplicate");
    assert_eq!(f["line"], line_of(&body, "(b) complaints."));
    assert_eq!(f["text"], "(b)");
    assert_eq!(f["message"], "item (b) is used twice in one list in the body");
    assert_eq!(f["related"][0]["line"], line_of(&body, "(b) appeals;"));

    let (report, _) = list("(i) charging;\n\n(ii) appeals;\n\n(iv) complaints.");
    let f = only(&report, "numbering.gap");
    assert_eq!(f["message"], "(iii) is missing: item (iv) follows (ii) in the body");

    let (report, body) = list("(a) charging;\n\n(c) appeals;\n\n(b) complaints.");
    let f = only(&report, "numbering.out-of-order");
    assert_eq!(f["message"], "item (c) comes before (b) in the body");
    assert_eq!(f["line"], line_of(&body, "(c) appeals;"));

    let (report, body) = list("(a) charging;\n\n(c) appeals;\n\n(d) complaints;\n\n(b) review.");
    let f = only(&report, "numbering.out-of-order");
    assert_eq!(f["message"], "item (b) follows (d) in the body");
    assert_eq!(f["line"], line_of(&body, "(b) review."));
}

#[test]
fn recitals_are_their_own_sequence() {
    let (report, body) = clean_with_body_edit("(B) The Partners consider", "(C) The Partners consider");
    let f = only(&report, "numbering.gap");
    assert_eq!(f["line"], line_of(&body, "(C) The Partners consider"));
    assert_eq!(f["message"], "(B) is missing: item (C) follows (A) in the recitals");
}

/// The styles of the 2019 agreement that are not defects (census §1c and
/// §7): 1A/1B/3A, a heading number repeated on its paragraph, headings with a
/// trailing dot, `8.0`-style headings, items (1)–(3), (a)–(j), (i)–(v), i)–iii)
/// and nested lists, Parts and lettered sections that restart, a section
/// numbered from 1.1, a bare "6.3" before 6.3.1, tables with REF numbers,
/// bullets opening with a figure and hard-wrapped figures.
#[test]
fn traps_fixture_is_silent() {
    let repo = copy_tree(&fixture("rules/numbering/traps"));
    let (report, _) = validate_json(repo.path(), &[]);
    assert_eq!(report["summary"]["agreements"], 1);
    assert_eq!(numbering(&report), Vec::<&Value>::new(), "{report:#}");
}

#[test]
fn traps_fixture_still_catches_a_defect_in_a_restarting_section() {
    // The same file with one defect: proves the silence above is not blindness.
    let repo = copy_tree(&fixture("rules/numbering/traps"));
    let gov = repo.path().join("agreements/numbering-traps/schedules/02-governance.md");
    edit(&gov, "1.2 It reports to the Board.", "1.1 It reports to the Board.");
    let text = std::fs::read_to_string(&gov).expect("read schedule");
    let (report, _) = validate_json(repo.path(), &[]);
    let f = only(&report, "numbering.duplicate");
    assert_eq!(f["message"], "1.1 is used twice in Schedule 2 ((B) Performance and Operations Sub Group)");
    assert_eq!(f["line"], line_of(&text, "1.1 It reports to the Board."));
    assert_eq!(f["related"][0]["line"], line_of(&text, "1.1 The Sub Group monitors"));
}

// ---- The real 2019 Coventry agreement ----

fn coventry_report() -> Value {
    let dir = coventry_2019();
    assert!(dir.join("agreement.toml").is_file(), "the 2019 agreement is part of the repository");
    validate_json(&crate_dir(), &["agreements/coventry-cwpt-2019"]).0
}

/// The source line a location points at, read from the file itself.
fn line_at(file: &Value, line: &Value) -> String {
    let path = crate_dir().join(file.as_str().unwrap_or_default());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let n = line.as_u64().unwrap_or(0) as usize;
    text.lines().nth(n.saturating_sub(1)).unwrap_or_default().to_string()
}

/// One census item: code, file name, how the flagged line starts, and how
/// the related line (first use, previous number, parent) starts.
struct Expected(&'static str, &'static str, &'static str, Option<&'static str>);

#[test]
fn coventry_2019_numbering_is_exactly_the_census() {
    let expected = [
        // N-1: clause 1 has two 1.1s.
        Expected(
            "numbering.duplicate",
            "agreement.md",
            "1.1 References in this Agreement to any statutory provision",
            Some("1.1 In this Agreement the following words"),
        ),
        // N-2, N-3, N-4: Schedule 1 Part II, 2.1–2.7 with no 2, and 2.2 and
        // 2.3 twice: one mis-numbered run, one finding at its start.
        Expected(
            "numbering.duplicate",
            "01-aims-and-outcomes.md",
            "2.1 Are integrated in respect of delivery",
            Some("2.2 Maximise the unique contribution"),
        ),
        // N-5: Schedule 2 (A), no 1.7.
        Expected(
            "numbering.gap",
            "02-partnership-agreement-strategic-governance-arrangements.md",
            "1.8 A report summarising",
            Some("1.6 At every Board meeting"),
        ),
        // N-6: Schedule 5 Part A, no 3.5.
        Expected(
            "numbering.gap",
            "05-service-description.md",
            "3.6 Health and social care needs",
            Some("3.4. The Trust when possible"),
        ),
        // N-7: Schedule 5 Part A, no 4.1.
        Expected(
            "numbering.gap",
            "05-service-description.md",
            "4.2 Following the agreement of the Council",
            Some("### 4. Outcome of Assessment"),
        ),
        // N-8: Schedule 6, 2.2 twice.
        Expected(
            "numbering.duplicate",
            "06-financial-framework.md",
            "2.2 Both organisations are required",
            Some("2.2 Appendix A to this schedule"),
        ),
        // N-9: Schedule 10, 21.3.3 after 21.2.2.
        Expected("numbering.orphan", "10-joint-operational-and-human-resources.md", "21.3.3 The Trust", None),
        // N-10: Schedule 13, 1.5 twice.
        Expected(
            "numbering.duplicate",
            "13-information-sharing-and-management.md",
            "1.5 Seconded Council employees",
            Some("1.5 The Trust"),
        ),
        // N-11, N-12: Schedule 15, 2.1.1–2.1.4 with no 2.1; 3.2.1 with no 3.2.
        Expected("numbering.orphan", "15-safeguarding-adults.md", "2.1.1 Leading the strategic", None),
        Expected("numbering.orphan", "15-safeguarding-adults.md", "3.2.1 To undertake safeguarding enquiries", None),
        // N-13: Schedule 17, items under 7 start at 7.6.
        Expected(
            "numbering.gap",
            "17-joint-protocol-between-the-trust.md",
            "7.6 relevant complaints",
            Some("7 If a complaint involves"),
        ),
    ];
    let report = coventry_report();
    let found = numbering(&report);
    let describe = |f: &Value| format!("{} {}:{} {}", f["code"], f["file"], f["line"], f["message"]);
    for e in &expected {
        let matching: Vec<_> = found
            .iter()
            .filter(|f| f["code"] == e.0 && file_ends(f, e.1) && line_at(&f["file"], &f["line"]).starts_with(e.2))
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
        if let Some(rel) = e.3 {
            let r = &matching[0]["related"][0];
            assert!(line_at(&r["file"], &r["line"]).starts_with(rel), "{}: related {r:#}", describe(matching[0]));
        }
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "unexpected numbering findings: {:#?}",
        found.iter().map(|f| describe(f)).collect::<Vec<_>>()
    );
}

#[test]
fn coventry_2019_messages_and_hints() {
    let report = coventry_report();
    let found = numbering(&report);
    let by_text = |start: &str| {
        found
            .iter()
            .find(|f| line_at(&f["file"], &f["line"]).starts_with(start))
            .copied()
            .unwrap_or_else(|| panic!("no finding at a line starting {start:?}"))
    };
    let n9 = by_text("21.3.3 ");
    assert_eq!(n9["message"], "21.3.3 is numbered under 21.3, but Schedule 10 has no 21.3");
    assert_eq!(n9["help"], "21.2.3 may have been meant");
    let n2 = by_text("2.1 Are integrated");
    assert_eq!(
        n2["message"],
        "the numbers under 2 in Schedule 1 (Part II: Aims of the integrated service) are mis-numbered: 2.1–2.7 are \
         numbered under 2, but there is no 2; 2.2 is used twice; 2.3 is used twice"
    );
    let related: Vec<String> =
        n2["related"].as_array().expect("related").iter().map(|r| line_at(&r["file"], &r["line"])).collect();
    assert!(related.iter().any(|l| l.starts_with("2.2 Are well coordinated")), "{related:#?}");
    assert!(related.iter().any(|l| l.starts_with("2.3 Are based on personalisation")), "{related:#?}");
    let help = n2["help"].as_str().unwrap_or_default();
    let lead_in = help.split_whitespace().find_map(|w| w.parse::<u64>().ok()).unwrap_or(0);
    assert!(
        line_at(&n2["file"], &Value::from(lead_in)).starts_with("The Partnership Arrangements will ensure"),
        "the unnumbered lead-in is offered as the missing 2: {help}"
    );
    let n13 = by_text("7.6 relevant complaints");
    assert_eq!(n13["message"], "7.1 to 7.5 are missing: 7.6 is the first number under 7 in Schedule 17");
    let n6 = by_text("3.6 Health and social care needs");
    assert!(n6["help"].as_str().is_some_and(|h| h.ends_with("may be the missing 3.5")), "{n6:#}");
}

#[test]
fn coventry_2019_traps_stay_silent() {
    let report = coventry_report();
    let found = numbering(&report);
    let in_file = |name: &str| found.iter().filter(|f| file_ends(f, name)).count();
    // F-1, F-2, F-3, F-4, F-5, F-6, F-21: in the body only the duplicate 1.1.
    assert_eq!(in_file("coventry-cwpt-2019/agreement.md"), 1);
    // F-8: Schedule 2's (A)/(B)/C/D and Schedule 14's (A)–(D) restart; N-P3
    // (Schedule 14 (D) numbered from 1.1) and N-P4 are judgement calls.
    assert_eq!(in_file("02-partnership-agreement-strategic-governance-arrangements.md"), 1, "only N-5");
    assert_eq!(in_file("14-adult-mental-health-and-older.md"), 0);
    // F-8, F-10: Schedule 4 Parts A/B; Schedule 5's 8.0/9.0/10.0 headings (only N-6, N-7 there).
    assert_eq!(in_file("04-integrated-mental-health-service.md"), 0);
    assert_eq!(in_file("05-service-description.md"), 2);
    // F-7: staff tables with REF numbers restarting in every table.
    assert_eq!(in_file("07-seconded-council-employees.md"), 0);
    // F-7, F-9: Schedule 16 tables and appendices.
    assert_eq!(in_file("16-information-and-monitoring-requirements.md"), 0);
    // N-P5 and F-15: Schedule 10's bare "11.8" and "13.1 1t is expected": only N-9 there.
    assert_eq!(in_file("10-joint-operational-and-human-resources.md"), 1);
    // N-P1: 28.1 followed by an unnumbered paragraph is house style, not a gap.
    assert!(!found.iter().any(|f| f["message"].as_str().is_some_and(|m| m.contains("28."))));
}

#[test]
fn odd_numbering_never_crashes_the_run() {
    let odd = "## 0\n\n0.0 zero\n\n999.999.999 big\n\n## 1Z. last letter\n\n1Z.1 x\n\n## 1A.1B.1C odd\n\n(zz) a\n\n(xx) b\n\n(c) c\n\n(cc) d\n\n\
               Z) e\n\ni)\\_ f\n\n(i)\n\n##\n\n## 7\n\n7.0\n\n7.0.0.1 deep\n\n—a) dash ] [ ( é)\n\n8.1.1.1.1.1 orphan chain\n\n## 9 Review";
    let (report, _) = clean_with_body_edit("## 9 Review", odd);
    assert_eq!(report["summary"]["agreements"], 1, "{report:#}");
    for f in numbering(&report) {
        assert!(f["line"].as_u64().is_some_and(|l| l > 0), "{f:#}");
    }
}
