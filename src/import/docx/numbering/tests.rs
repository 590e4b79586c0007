use super::*;
use crate::import::docx::xml;

fn numbering(body: &str) -> Numbering {
    let xml = format!(
        r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{body}</w:numbering>"#
    );
    Numbering::parse(&xml::parse(&xml, &[]).expect("valid XML"))
}

fn lvl(ilvl: u8, start: u32, format: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl>"#
    )
}

/// The clause list of an English agreement: 1. / 1.1 / 1.1.1 / (a) / (i).
fn clauses() -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="1">{}{}{}{}{}</w:abstractNum>"#,
        lvl(0, 1, "decimal", "%1."),
        lvl(1, 1, "decimal", "%1.%2"),
        lvl(2, 1, "decimal", "%1.%2.%3"),
        lvl(3, 1, "lowerLetter", "(%4)"),
        lvl(4, 1, "lowerRoman", "(%5)")
    )
}

/// Numbers paragraphs given as (numId, ilvl); `-` for one that shows nothing.
fn run(n: &Numbering, paras: &[(u32, u8)]) -> Vec<String> {
    let mut counter = Counter::new(n);
    paras.iter().map(|&(id, lvl)| counter.next(id, lvl).map_or("-".to_string(), |l| l.text)).collect()
}

#[test]
fn multilevel_clauses_restart_deeper_levels() {
    let n = numbering(&format!(r#"{}<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>"#, clauses()));
    let got =
        run(&n, &[(5, 0), (5, 1), (5, 2), (5, 2), (5, 3), (5, 4), (5, 4), (5, 3), (5, 1), (5, 0), (5, 1), (5, 3)]);
    assert_eq!(got, ["1.", "1.1", "1.1.1", "1.1.2", "(a)", "(i)", "(ii)", "(b)", "1.2", "2.", "2.1", "(a)"]);
}

#[test]
fn formats_and_start_values() {
    let n = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="2">{}{}{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="2"/></w:num>"#,
        lvl(0, 3, "upperRoman", "Part %1"),
        lvl(1, 26, "lowerLetter", "%2)"),
        lvl(2, 9, "decimalZero", "%3"),
        lvl(3, 1, "bullet", "\u{F0B7}"),
        lvl(4, 1, "none", "")
    ));
    let got = run(&n, &[(1, 0), (1, 1), (1, 1), (1, 2), (1, 2), (1, 3), (1, 4), (1, 0)]);
    assert_eq!(got, ["Part III", "z)", "aa)", "09", "10", "•", "-", "Part IV"]);
    assert_eq!((letters(52), letters(53), letters(55)), ("ZZ".to_string(), "AAA".to_string(), "CCC".to_string()));
    assert_eq!(roman(1994), "MCMXCIV");
}

#[test]
fn nums_share_their_abstract_counters_unless_they_restart() {
    // 7 and 8 are the same list; 9 is Word's "Restart numbering".
    let n = numbering(&format!(
        r#"{}<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="9"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
        clauses()
    ));
    let got = run(&n, &[(7, 0), (7, 1), (8, 0), (8, 1), (9, 0), (9, 1), (9, 0), (7, 0)]);
    assert_eq!(got, ["1.", "1.1", "2.", "2.1", "1.", "1.1", "2.", "3."]);
}

#[test]
fn schedules_restart_their_own_lists() {
    // The shape of the corpus documents: each schedule a w:num with a
    // startOverride over one abstract list, continuing across its Parts.
    let n = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="91">{}{}</w:abstractNum>
        <w:num w:numId="91"><w:abstractNumId w:val="91"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        <w:num w:numId="92"><w:abstractNumId w:val="91"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
        lvl(0, 1, "decimal", "%1."),
        lvl(1, 1, "lowerLetter", "(%2)")
    ));
    let got = run(&n, &[(91, 0), (91, 1), (91, 1), (91, 0), (92, 0), (92, 1), (92, 0)]);
    assert_eq!(got, ["1.", "(a)", "(b)", "2.", "1.", "(a)", "2."]);
}

#[test]
fn start_override_sets_the_first_number() {
    let n = numbering(&format!(
        r#"{}<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="12"/></w:lvlOverride></w:num>"#,
        clauses()
    ));
    assert_eq!(run(&n, &[(3, 0), (3, 1), (3, 0)]), ["12.", "12.1", "13."]);
}

#[test]
fn a_level_override_replaces_the_level() {
    let n = numbering(&format!(
        r#"{}<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="3">{}</w:lvlOverride></w:num>"#,
        clauses(),
        lvl(3, 1, "upperLetter", "%4.")
    ));
    assert_eq!(run(&n, &[(4, 0), (4, 3), (4, 3)]), ["1.", "A.", "B."]);
}

#[test]
fn lvl_restart_keeps_or_restarts_deeper_counters() {
    // Level 2 restarts only after level 0 (lvlRestart 1); level 1 never does.
    let n = numbering(
        r#"<w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/><w:lvlText w:val="Note %2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlRestart w:val="1"/><w:lvlText w:val="(%3)"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#,
    );
    let got = run(&n, &[(1, 0), (1, 1), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2)]);
    assert_eq!(got, ["1.", "Note 1", "(a)", "Note 2", "(b)", "2.", "Note 3", "(a)"]);
}

#[test]
fn legal_numbering_shows_decimals() {
    let n = numbering(
        r#"<w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Article %1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl w:val="0"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#,
    );
    assert_eq!(run(&n, &[(1, 0), (1, 0), (1, 1), (1, 2)]), ["Article I", "Article II", "2.1", "II.1.1"]);
}

#[test]
fn unknown_lists_and_levels_show_nothing() {
    let n = numbering(&format!(r#"{}<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>"#, clauses()));
    assert_eq!(run(&n, &[(0, 0), (6, 0), (5, 7)]), ["-", "-", "-"]);
}

#[test]
fn an_unused_higher_level_shows_its_start() {
    let n = numbering(&format!(r#"{}<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>"#, clauses()));
    assert_eq!(run(&n, &[(5, 1), (5, 1)]), ["1.1", "1.2"]);
}

#[test]
fn style_links_and_styled_levels() {
    // abstract 2 only links to the numbering style "Clauses", whose list is 1.
    let mut n = numbering(&format!(
        r#"<w:abstractNum w:abstractNumId="1">{}<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Level2"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="Clauses"/></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#,
        lvl(0, 1, "decimal", "%1.")
    ));
    n.set_style_nums(HashMap::from([("Clauses".to_string(), 1)]));
    assert_eq!(run(&n, &[(2, 0), (2, 1)]), ["1.", "1.1"]);
    assert_eq!(n.level_for_style(1, Some("Level2")), 1);
    assert_eq!(n.level_for_style(1, Some("Other")), 0);
}

#[test]
fn suffix_is_read() {
    let n = numbering(
        r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>"#,
    );
    assert_eq!(Counter::new(&n).next(1, 0), Some(Label { text: "1".to_string(), suffix: Suffix::Nothing }));
}
