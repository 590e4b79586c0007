use super::*;
use crate::loading::markdown::{Role, parse};
use crate::model::SourceFile;

fn doc(text: &str, role: Role) -> Document {
    parse(&SourceFile::new("t.md", "t.md", text.to_string()), role).expect("parses")
}

/// (kind, key, schedule, within, named, span text) of every reference in a text.
type Row = (RefKind, String, Option<String>, Within, Option<String>, String);

fn refs_in(text: &str, role: Role) -> Vec<Row> {
    let d = doc(text, role);
    references(&d)
        .into_iter()
        .map(|r| {
            (
                r.kind,
                r.target.key.clone(),
                r.target.schedule.clone(),
                r.target.within,
                r.named.clone(),
                r.span.text().to_string(),
            )
        })
        .collect()
}

fn body(text: &str) -> Vec<Row> {
    refs_in(text, Role::Body)
}

/// A paragraph inside Schedule 4.
fn in_schedule(text: &str) -> Vec<Row> {
    refs_in(&format!("# Schedule 4 — The Integrated Mental Health Service\n\n{text}\n"), Role::Schedule)
}

fn row(kind: RefKind, key: &str, schedule: Option<&str>, within: Within, named: Option<&str>, span: &str) -> Row {
    (kind, key.into(), schedule.map(Into::into), within, named.map(Into::into), span.into())
}

use RefKind::*;
use Within::{Agreement as InAgreement, Context as Ctx, Schedule as InSchedule};

#[test]
fn clause_forms() {
    assert_eq!(body("subject to Clause 21.2 below"), [row(Clause, "21.2", None, Ctx, None, "Clause 21.2")]);
    assert_eq!(body("in accordance with clause 15."), [row(Clause, "15", None, Ctx, None, "clause 15")]);
    assert_eq!(
        body("as set out in sub-Clause 16.3.2, the"),
        [row(Clause, "16.3.2", None, Ctx, None, "sub-Clause 16.3.2")]
    );
    assert_eq!(body("under this Clause 27A only"), [row(Clause, "27A", None, Ctx, None, "Clause 27A")]);
}

#[test]
fn lists_and_ranges_give_every_member_its_own_span() {
    let d = doc("the procedure at Clauses 15.1 to 15.3 applies", Role::Body);
    let r = references(&d);
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].span.text(), r[0].form), ("Clauses 15.1", Form::ListItem));
    assert_eq!((r[1].span.text(), r[1].form, r[1].target.key.as_str()), ("15.3", Form::RangeEnd, "15.3"));
    assert_eq!(&d.blocks[0].text[r[0].phrase.clone()], "Clauses 15.1 to 15.3");

    let keys = |t: &str| body(t).into_iter().map(|r| (r.1, r.5)).collect::<Vec<_>>();
    assert_eq!(keys("see Clauses 21 and 22."), [("21".into(), "Clauses 21".into()), ("22".into(), "22".into())]);
    assert_eq!(
        keys("in Clauses 5.1.11 and 5.1.12 of the Agreement"),
        [("5.1.11".into(), "Clauses 5.1.11".into()), ("5.1.12".into(), "5.1.12".into())]
    );
    assert_eq!(
        keys("at Clause 15.1 to 15.3."),
        [("15.1".into(), "Clause 15.1".into()), ("15.3".into(), "15.3".into())]
    );
    assert_eq!(
        keys("survive: Clauses 23, 24 and 27."),
        [("23".into(), "Clauses 23".into()), ("24".into(), "24".into()), ("27".into(), "27".into())]
    );
}

#[test]
fn schedules() {
    assert_eq!(body("set out in Schedule 16."), [row(Schedule, "16", None, Ctx, None, "Schedule 16")]);
    let r = body("described in Schedules 4 and 5;");
    assert_eq!(r.iter().map(|r| (r.1.as_str(), r.5.as_str())).collect::<Vec<_>>(), [("4", "Schedules 4"), ("5", "5")]);
    // A schedule reference is not "in" a schedule, even when written in one.
    assert_eq!(in_schedule("See Schedule 8 for more."), [row(Schedule, "8", None, Ctx, None, "Schedule 8")]);
}

#[test]
fn paragraphs_of_a_schedule() {
    assert_eq!(
        body("in line with paragraph 2.2 of Schedule 6, the"),
        [row(Paragraph, "2.2", Some("6"), InSchedule, None, "paragraph 2.2")]
    );
    assert_eq!(
        in_schedule("as detailed in paragraph 3 of this Schedule."),
        [row(Paragraph, "3", Some("4"), InSchedule, None, "paragraph 3")]
    );
    // Without a schedule written, a paragraph of a schedule is the schedule's own.
    assert_eq!(
        in_schedule("subject to paragraph 7.2."),
        [row(Paragraph, "7.2", Some("4"), Ctx, None, "paragraph 7.2")]
    );
    // "Clause 2 of schedule 6": a schedule's paragraph called a clause (clause 1.3).
    assert_eq!(body("with Clause 2 of schedule 6."), [row(Clause, "2", Some("6"), InSchedule, None, "Clause 2")]);
    // "Schedule 8 paragraph 13".
    assert_eq!(
        in_schedule("See Schedule 8 paragraph 13 for"),
        [row(Paragraph, "13", Some("8"), InSchedule, None, "Schedule 8 paragraph 13")]
    );
    let r = in_schedule("Notwithstanding paragraphs 1.15 and 1.16 and 2.2. of this schedule the");
    assert_eq!(
        r.iter().map(|r| (r.1.as_str(), r.2.as_deref(), r.5.as_str())).collect::<Vec<_>>(),
        [("1.15", Some("4"), "paragraphs 1.15"), ("1.16", Some("4"), "1.16"), ("2.2", Some("4"), "2.2")]
    );
}

#[test]
fn a_list_shares_the_qualifier_written_after_it() {
    let r = in_schedule(
        "read with paragraph 11 (\"Line Management\") and paragraph 12 (\"Supervision and Performance Management\") of Schedule 8 (\"Secondment Arrangements\")",
    );
    assert_eq!(r.len(), 2);
    assert_eq!(r[0], row(Paragraph, "11", Some("8"), InSchedule, Some("Line Management"), "paragraph 11"));
    assert_eq!(r[1], row(Paragraph, "12", Some("8"), InSchedule, Some("Supervision and Performance Management"), "12"));
    let d = doc(
        "# Schedule 3\n\nread with paragraph 4 (“Line Management”) of Schedule 3 (“Integrated Service Governance”) of the Agreement which",
        Role::Schedule,
    );
    let r = references(&d);
    assert_eq!(r[0].target.schedule_named.as_deref(), Some("Integrated Service Governance"));
    assert_eq!(r[0].named.as_deref(), Some("Line Management"));
}

#[test]
fn the_agreement_qualifier_points_at_the_body() {
    assert_eq!(
        in_schedule("with clause 27 of this Agreement"),
        [row(Clause, "27", None, InAgreement, None, "clause 27")]
    );
    assert_eq!(in_schedule("in Clause 2 of the Agreement."), [row(Clause, "2", None, InAgreement, None, "Clause 2")]);
    // Without it, a clause written in a schedule keeps the schedule for resolution.
    assert_eq!(
        in_schedule("In line with clause 8.2 about services"),
        [row(Clause, "8.2", Some("4"), Ctx, None, "clause 8.2")]
    );
}

#[test]
fn appendices_and_parts() {
    let d = doc("# Schedule 6\n\n2.2 Appendix A to this schedule shows the recharges.\n", Role::Schedule);
    let r = references(&d);
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0].kind, r[0].target.key.as_str(), r[0].target.schedule.as_deref(), r[0].span.text()),
        (Appendix, "A", Some("6"), "Appendix A")
    );
    assert_eq!(in_schedule("is shown in Appendix 1."), [row(Appendix, "1", Some("4"), Ctx, None, "Appendix 1")]);
    assert_eq!(
        in_schedule("attached as Appendix B to this Schedule 16."),
        [row(Appendix, "B", Some("16"), InSchedule, None, "Appendix B")]
    );
    assert_eq!(in_schedule("the services in Part II are"), [row(Part, "II", Some("4"), Ctx, None, "Part II")]);
}

#[test]
fn labels_are_not_references() {
    // Headings that start with the keyword name what follows.
    assert_eq!(in_schedule("## Part I: Overall Aims"), []);
    assert_eq!(in_schedule("## Appendix 1"), []);
    assert_eq!(refs_in("# Schedule 12\n\nNot used\n", Role::Schedule), []);
    // A chart caption and a table's "PART 1".
    assert_eq!(in_schedule("GOVERNANCE CHART Appendix 1 HEALTH AND WELL BEING BOARD"), []);
    assert_eq!(in_schedule("| PART 1 TGT | 12 |\n|---|---|\n| a | b |"), []);
}

#[test]
fn citations_of_other_instruments_are_not_references() {
    for text in [
        "under section 117 of the Mental Health Act 1983",
        "as required by Regulation 4(2) of the Regulations",
        "arrangements under Section 75 of the 2006 Act",
        "under Parts II, III and IV of the Mental Health Act 1983 (as amended)",
        "one of gross misconduct (as defined in Appendix 1 of the Trust’s Disciplinary Procedure)",
        "the Organisational Change Procedure found in Appendix 1 of the policy.",
        "patients with care and support needs (Care Act 2014 section 74 and schedule 3)",
        "Part 2 of the Care Act 2014 applies",
        "see Schedule 1 to the Care Act 2014",
    ] {
        assert_eq!(body(text), [], "{text}");
    }
    // "to the extent" is not a qualifier: the reference stays.
    assert_eq!(body("under this Clause 4 to the extent that").len(), 1);
}

#[test]
fn names_written_with_the_reference() {
    let named = |t: &str| body(t).into_iter().map(|r| r.4).collect::<Vec<_>>();
    assert_eq!(named("in accordance with the Clause 18 Variation."), [Some("Variation".into())]);
    assert_eq!(named("Subject to Clause 18 (Variation), the"), [Some("Variation".into())]);
    assert_eq!(
        named("in accordance with Clause 21 Termination and Clause 22 Termination Arrangements."),
        [Some("Termination".into()), Some("Termination Arrangements".into())]
    );
    assert_eq!(
        named("as set out in schedule 16 “Information and Monitoring Requirements for Performance”"),
        [Some("Information and Monitoring Requirements for Performance".into())]
    );
    assert_eq!(
        named("are in Schedule 10: The Joint Operational and Human Resources Protocol."),
        [Some("The Joint Operational and Human Resources Protocol".into())]
    );
    assert_eq!(
        named("For example, Schedule 13 – Information Sharing states that"),
        [Some("Information Sharing".into())]
    );
    assert_eq!(
        named("with Schedule 13 of this Agreement (‘Information Sharing’)."),
        [Some("Information Sharing".into())]
    );
    // Clauses 23, 24 and 27 (A; B; C): one name per number.
    assert_eq!(
        named(
            "survive: Clauses 23, 24 and 27 (Good Faith and Confidentiality; Data Protection; Indemnities and Insurance)."
        ),
        [
            Some("Good Faith and Confidentiality".into()),
            Some("Data Protection".into()),
            Some("Indemnities and Insurance".into())
        ]
    );
    // Not names: lower-case words, sentence starts, parenthesised notes.
    assert_eq!(named("set out in Schedule 1 as the basis"), [None]);
    assert_eq!(named("under Clause 21 The Board shall"), [None]);
    assert_eq!(named("under Clause 14 (as amended)"), [None]);
    assert_eq!(named("this Clause 16 and Schedule 15 in any report"), [None, None]);
}

#[test]
fn bare_numbers_with_above_below_or_this_schedule() {
    assert_eq!(
        in_schedule("In accordance with 1.3 above a written report"),
        [row(Paragraph, "1.3", Some("4"), Ctx, None, "1.3")]
    );
    assert_eq!(
        in_schedule("matters detailed in 4.2 of this schedule."),
        [row(Paragraph, "4.2", Some("4"), InSchedule, None, "4.2")]
    );
    assert_eq!(in_schedule("residential care [See 7 below]"), [row(Paragraph, "7", Some("4"), Ctx, None, "7")]);
    assert_eq!(body("in accordance with 7.4 above"), [row(Clause, "7.4", None, Ctx, None, "7.4")]);
    // Not references: amounts, ages, numbers not after a preposition.
    assert_eq!(body("people aged 65 above the line; £2.5 above budget; 3 above"), []);
}

#[test]
fn spans_point_into_the_source_through_markup() {
    let d = doc("## 4 Functions\n\n4.1 The *Trust* shall, under Clause\n21.2, act.\n", Role::Body);
    let r = references(&d);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].span.start(), (3, 30));
    assert_eq!(r[0].span.text(), "Clause\n21.2");
}

#[test]
fn no_panics_on_odd_text() {
    for text in [
        "Clause",
        "Clause ",
        "Clauses 1 and",
        "paragraph 2 of Schedule",
        "Appendix",
        "(“",
        "Schedule 8 (“unclosed",
        "Part II of the",
        "Clause 1 – ",
        "é Clause 1 é",
    ] {
        let _ = body(text);
        let _ = in_schedule(text);
    }
}

/// Keywords found once in a document's joined text open the same references
/// as a search of each block.
#[test]
fn a_document_searched_at_once_has_each_blocks_references() {
    let view =
        |refs: Vec<Reference>| refs.into_iter().map(|r| (r.block, r.range, r.phrase, r.target.key)).collect::<Vec<_>>();
    let mut found = 0;
    for doc in crate::rules::testing::bundled_documents() {
        let whole = view(references(&doc));
        let by_block = view((0..doc.blocks.len()).flat_map(|i| references_in_block(&doc, i)).collect());
        found += whole.len();
        assert_eq!(whole, by_block, "{}", doc.file.path);
    }
    assert!(found > 100, "{found} references");
}

#[test]
fn references_into_other_documents_are_not_references() {
    for text in [
        "Any payment under clause 31 of the Reablement Contract is expenditure on the Services.",
        "Clause 5.2 of the Original Agreement shall be deleted and replaced with:",
        "paragraph 7 of Schedule 3 to the Original Agreement is replaced",
        "as provided in Clause 24.1 of the Principal Deed",
        "subject to clause 9 in the Secondment Agreement",
        "under paragraph 14 of the Council's Disciplinary Procedure",
        "in Schedule 2 of the NHS Standard Contract",
    ] {
        assert_eq!(body(text), [], "{text}");
    }
}

#[test]
fn references_to_this_agreement_by_name_are_references() {
    assert_eq!(body("Clause 31 of this Agreement"), [row(Clause, "31", None, InAgreement, None, "Clause 31")]);
    assert_eq!(body("clause 4 of the Agreement"), [row(Clause, "4", None, InAgreement, None, "clause 4")]);
    assert_eq!(
        body("clause 32 of the Partnership Agreement"),
        [row(Clause, "32", None, InAgreement, None, "clause 32")]
    );
    assert_eq!(
        in_schedule("see Clause 8 of the Section 75 Agreement"),
        [row(Clause, "8", None, InAgreement, None, "Clause 8")]
    );
    assert_eq!(
        body("paragraph 3 of Schedule 3 to this Agreement"),
        [row(Paragraph, "3", Some("3"), InSchedule, None, "paragraph 3")]
    );
    assert_eq!(body("Clause 2 of this Deed"), [row(Clause, "2", None, InAgreement, None, "Clause 2")]);
}
