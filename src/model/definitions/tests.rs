use super::*;
use crate::loading::markdown::{Role, parse};
use crate::model::SourceFile;

fn defs(text: &str) -> Vec<Definition> {
    let d = parse(&SourceFile::new("t.md", "t.md", text.to_string()), Role::Body).expect("parses");
    definitions_in(&d, DocId::Body)
}

fn clause(defs_text: &str) -> Vec<Definition> {
    defs(&format!(
        "## 1 Definitions and Interpretation\n\n1.1 In this Agreement:\n\n{defs_text}\n\n1.2 Headings are for convenience.\n\n## 2 Next\n\n2.1 Text.\n"
    ))
}

#[test]
fn clause_definitions_with_any_quotes() {
    let d = clause(
        "”the 2006 Act” means the National Health Service Act 2006;\n\n“Board” means the Section 75 Strategic Board;\n\n\"Council Priorities\" means those tasks;\n\n\"Council Head of Social Work- Mental Health” means the post holder;",
    );
    let terms: Vec<&str> = d.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(terms, ["the 2006 Act", "Board", "Council Priorities", "Council Head of Social Work- Mental Health"]);
    assert_eq!(d[0].core(), "2006 Act");
    assert_eq!(d[0].meaning, "the National Health Service Act 2006;");
    assert_eq!(d[0].problems, [Problem::ClosingQuoteOpener]);
    assert!(d[1..].iter().all(|d| d.problems.is_empty() && d.form == DefinitionForm::Clause), "{d:#?}");
    // The span is the term inside its quotes.
    assert_eq!(d[1].span.text(), "Board");
    assert_eq!(d[1].span.start(), (7, 2));
}

#[test]
fn aliases() {
    let d = clause(
        "“Approved Mental Health Professional” or “AMHP” means an individual;\n\n“Seconded Employee” (or collectively “Seconded Employees”) means those employees;",
    );
    assert_eq!(d[0].aliases, ["AMHP"]);
    assert_eq!(d[1].aliases, ["Seconded Employees"]);
    assert_eq!(d[1].meaning, "those employees;");
    assert_eq!(d[0].names().collect::<Vec<_>>(), ["Approved Mental Health Professional", "AMHP"]);
}

#[test]
fn items_continue_a_definition() {
    let d = clause(
        "“Assessment” means the following:\n\n(a) Assessing needs;\n\n(b) Planning support.\n\n“Term” means one year.",
    );
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].blocks, 2..5);
    assert!(d[0].meaning.contains("(b) Planning support."));
    assert!(d[0].problems.is_empty(), "{:?}", d[0].problems);
}

#[test]
fn malformed_definitions_are_kept_with_their_problems() {
    let d = clause(
        "“Carer” an individual who cares (as defined in the Care Act 2014) for a Service User;\n\n“AMHP Functions or Approved Functions” means the functions;\n\n“Commencement Date” means 1st April 2019. ];\n\n“Board” means the Board set out in Schedule 2\n\n\"TUPE Legislation\" means ‘The Transfer of Undertakings (Protection of Employment Regulations 2006 (SI 2006/246)",
    );
    let problems: Vec<(&str, Vec<Problem>)> = d.iter().map(|d| (d.term.as_str(), d.problems.clone())).collect();
    assert_eq!(
        problems,
        [
            ("Carer", vec![Problem::NoVerb]),
            ("AMHP Functions or Approved Functions", vec![Problem::AlternativesInOneQuote]),
            ("Commencement Date", vec![Problem::Unbalanced(']')]),
            ("Board", vec![Problem::NoTerminator]),
            ("TUPE Legislation", vec![Problem::Unbalanced('('), Problem::Unbalanced('‘'), Problem::NoTerminator]),
        ]
    );
    assert_eq!(d[0].meaning, "an individual who cares (as defined in the Care Act 2014) for a Service User;");
    assert_eq!(d[1].aliases, ["AMHP Functions", "Approved Functions"]);
}

#[test]
fn apostrophes_and_item_labels_are_not_unbalanced() {
    let d = clause(
        "“Council’s Functions” means the Councils’ functions (i) one; ii) two; and the Trust’s (as defined) duties;",
    );
    assert_eq!(d[0].term, "Council’s Functions");
    assert_eq!(d[0].problems, []);
}

#[test]
fn inline_definitions() {
    let d = defs(
        "(1) NORTHFIELD TRUST of 1 Road, NF1 1AA (\"the Trust\"); and\n\n(2) THE COUNCIL of Town Hall (the \"Council\").\n\ntogether known as “Partners” and individually as a “Partner”\n\n## 17 Freedom of Information\n\n17.1 The Partners are subject to the Freedom of Information Act 2000 (“the Act”).\n\n17.2 For this Clause the expression “Force Majeure” shall include any cause beyond control.\n\n29.1 contrary to the Equality Act, (“the Equality Act”); and\n",
    );
    let rows: Vec<(&str, Vec<String>, &str)> =
        d.iter().map(|d| (d.term.as_str(), d.aliases.clone(), d.meaning.as_str())).collect();
    assert_eq!(
        rows,
        [
            ("the Trust", vec![], "NORTHFIELD TRUST of 1 Road, NF1 1AA"),
            ("Council", vec![], "THE COUNCIL of Town Hall"),
            ("Partners", vec!["Partner".to_string()], ""),
            ("the Act", vec![], "The Partners are subject to the Freedom of Information Act 2000"),
            ("Force Majeure", vec![], "any cause beyond control."),
            ("the Equality Act", vec![], "contrary to the Equality Act"),
        ]
    );
    assert!(d.iter().all(|d| d.form == DefinitionForm::Inline));
    assert_eq!(d[5].problems, [Problem::Circular]);
    assert!(d[..5].iter().all(|d| d.problems.is_empty()));
    assert_eq!(d[0].span.text(), "the Trust");
}

#[test]
fn names_of_reference_targets_are_not_definitions() {
    let d = defs(
        "4.1 Read with paragraph 11 (\"Line Management\") of Schedule 8 (“Secondment Arrangements”) and Schedule 13 of this Agreement (‘Information Sharing’).\n",
    );
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn abbreviations_are_not_circular() {
    let d = defs("1. Purpose of the Section 75 Performance and Operations Sub Group (\"Sub Group\")\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].problems, []);
}

#[test]
fn no_panics_on_odd_text() {
    for t in ["“", "(“", "”x", "(the ‘", "known as “", "“A” or", "“A” (or “", "the expression “X” means"]
    {
        let _ = clause(t);
        let _ = defs(t);
    }
}

#[test]
fn has_quote_agrees_with_a_character_search() {
    for text in [
        "no quotes – only a dash — and an ellipsis …",
        "the “Council”",
        "the ”Council",
        "„Partner",
        "the Council’s",
        "‘Trust’",
        "\"plain\"",
        "it's",
        "",
        "ends with E2 \u{2013}",
    ] {
        assert_eq!(has_quote(text), text.contains(is_quote), "{text}");
    }
}

#[test]
fn the_hanging_style_without_means_is_a_style_not_a_slip() {
    let d = clause(
        "“Commencement Date” 1 October 2010;\n\n“Host Partner” the Foundation Trust;\n\n“Pooled Fund” the fund established under clause 7;\n\n“Term” means three years.",
    );
    assert!(d.iter().all(|d| d.problems.is_empty()), "{:?}", d.iter().map(|d| &d.problems).collect::<Vec<_>>());
}

#[test]
fn definitions_without_a_definitions_heading_are_read_when_they_say_means() {
    // Text pasted from Word: the heading "Definitions and Interpretation" is a plain paragraph.
    let d = defs(
        "Definitions and Interpretation\n\nIn this Agreement:\n\n\"Annual Return\" means the return described in Clause 9.3;\n\n\"Looked After Child\" means a child who is looked after by a local authority;\n\n\"Quoted\" is a word in quotes, not a definition.\n\nTerm\n\nThis Agreement shall continue for the Term.\n",
    );
    let terms: Vec<(&str, DefinitionForm)> = d.iter().map(|d| (d.term.as_str(), d.form)).collect();
    assert_eq!(terms, [("Annual Return", DefinitionForm::Clause), ("Looked After Child", DefinitionForm::Clause)]);
    assert!(d.iter().all(|d| !d.scoped));
}

#[test]
fn a_definition_for_one_schedule_is_read_and_marked_scoped() {
    let d = defs(
        "3. In this Schedule \"Step-Down Bed\" means a bed in a care home. A Step-Down Bed may be used for six weeks.\n\n6. In this Schedule \"Carer\" includes any person, of whatever age, who provides unpaid care.\n",
    );
    let rows: Vec<(&str, bool, &str)> = d.iter().map(|d| (d.term.as_str(), d.scoped, d.span.text())).collect();
    assert_eq!(rows, [("Step-Down Bed", true, "Step-Down Bed"), ("Carer", true, "Carer")]);
    assert!(d[1].meaning.starts_with("any person"));
}

#[test]
fn definitions_quoted_to_amend_another_document_are_not_this_ones() {
    let d = defs(
        "4.1 In clause 1.1 of the Original Agreement the following definition shall be inserted:\n\n\"ICB\" means NHS Westmarch Integrated Care Board;\n\n4.2 The Partners agree the following.\n\n\"Deed\" means this deed of variation;\n",
    );
    let terms: Vec<&str> = d.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(terms, ["Deed"]);
}
