//! Recognising the agreement's parts in its paragraphs: preamble, recitals,
//! clause headings, definitions, execution blocks and schedules, and the few
//! facts the skeleton `agreement.toml` can be given (parties, dates).
//!
//! Nothing here changes a word: a paragraph becomes a heading, a paragraph or
//! a list item, with its text as printed.

use super::tokens::{NumberToken, ends_with_terminator, is_title_like, leading_number};
use super::unwrap::{
    Para, is_execution_lead, is_execution_start, is_part_heading, is_recitals_heading, lettered_section,
    starts_definition,
};

/// One block of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// `level` 2 for clause headings, Recitals and schedule parts; 3 for a
    /// schedule's numbered headings.
    Heading {
        level: u8,
        text: String,
    },
    Para(String),
    Item(String),
    /// Rows of cells, the first the header: consecutive `| a | b |` rows
    /// (a Word table, or tab-separated text) with the same number of cells.
    Table(Vec<Row>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub cells: Vec<String>,
    /// The row's input line.
    pub line: usize,
}

/// The cells of a `| a | b |` row, as the .docx reader and [`super::clean`]
/// write table rows and as text tables draw them.
pub(crate) fn row_cells(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    (cells.len() >= 2).then_some(cells)
}

/// `+-----+------+`: the rule a text table draws between its rows.
fn is_table_rule(text: &str) -> bool {
    text.starts_with('+') && text.len() >= 3 && text.chars().all(|c| matches!(c, '+' | '-' | '=' | ' '))
}

/// Runs of two or more rows with the same number of cells become a table
/// (a text table's rules between them dropped); a lone row stays the
/// paragraph it was.
fn group_tables(blocks: Vec<Located>) -> Vec<Located> {
    // A text table's rows and rules are indented: the unwrapping read them
    // as items whose glyph was lost.
    let blocks: Vec<Located> = blocks
        .into_iter()
        .map(|b| match b.block {
            Block::Item(t) if row_cells(&t).is_some() || is_table_rule(&t) => Located { block: Block::Para(t), ..b },
            _ => b,
        })
        .filter(|b| !matches!(&b.block, Block::Para(t) if is_table_rule(t)))
        .collect();
    let mut out: Vec<Located> = Vec::with_capacity(blocks.len());
    let mut run: Vec<Located> = Vec::new();
    let flush = |run: &mut Vec<Located>, out: &mut Vec<Located>| {
        if run.len() >= 2 {
            let line = run[0].line;
            let rows = run
                .drain(..)
                .filter_map(|b| match b.block {
                    Block::Para(t) => row_cells(&t).map(|cells| Row { cells, line: b.line }),
                    _ => None,
                })
                .collect();
            out.push(Located { block: Block::Table(rows), line });
        } else {
            out.append(run);
        }
    };
    for b in blocks {
        let cells = match &b.block {
            Block::Para(t) => row_cells(t).map(|c| c.len()),
            _ => None,
        };
        let same = run.first().and_then(|f| match &f.block {
            Block::Para(t) => row_cells(t).map(|c| Some(c.len()) == cells),
            _ => None,
        });
        match (cells, same) {
            (Some(_), Some(true) | None) => run.push(b),
            (Some(_), Some(false)) => {
                flush(&mut run, &mut out);
                run.push(b);
            }
            (None, _) => {
                flush(&mut run, &mut out);
                out.push(b);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub block: Block,
    /// First input line.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schedule {
    /// As printed: `7`, `3A`.
    pub number: String,
    pub title: Option<String>,
    pub blocks: Vec<Located>,
    /// The schedule says only "Not used".
    pub not_used: bool,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Party {
    /// As printed in the preamble, e.g. "THE COUNCIL OF THE CITY OF COVENTRY".
    pub name: String,
    pub address: Option<String>,
    /// The inline defined name, exactly: "the Trust".
    pub defined_as: Option<String>,
    pub line: usize,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The date line ("THIS AGREEMENT is made on … 2019") and its date, if
    /// one is printed.
    pub date_line: Option<(String, usize)>,
    pub made_on: Option<Date>,
    pub parties: Vec<Party>,
    /// From a "Commencement Date … being 1st April 2019" definition.
    pub commencement: Option<(Date, usize)>,
    pub clauses: usize,
    pub definitions: usize,
    pub recitals: usize,
    pub execution_blocks: usize,
    /// A signature block names its signatory or dates the signature
    /// ("Name: Deborah Kilroy", "Date: 26 March 2021"): lines to sign on
    /// alone are an engrossment awaiting signature.
    pub execution_filled: bool,
    pub list_items: usize,
    pub paragraphs: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    pub body: Vec<Located>,
    pub schedules: Vec<Schedule>,
    pub facts: Facts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    Recitals,
    Clauses,
    Execution,
}

pub(crate) fn build(paras: &[Para]) -> Document {
    let split = paras.iter().position(|p| p.schedule.is_some()).unwrap_or(paras.len());
    let (body_paras, schedule_paras) = paras.split_at(split);
    // Signature blocks printed after the schedules belong to the body, where
    // the execution section is: a schedule holds no signatures.
    let tail = trailing_execution(schedule_paras);
    let (schedule_paras, signatures) = schedule_paras.split_at(tail);
    let body_paras: Vec<Para> = join_signature_lines(body_paras.iter().chain(signatures).cloned().collect());
    let mut facts = Facts::default();
    let body = group_tables(build_body(&body_paras, &mut facts));

    let mut schedules = Vec::new();
    let mut start = 0;
    while start < schedule_paras.len() {
        let end = schedule_paras[start + 1..]
            .iter()
            .position(|p| p.schedule.is_some())
            .map_or(schedule_paras.len(), |i| start + 1 + i);
        schedules.push(build_schedule(&schedule_paras[start..end], &mut facts));
        start = end;
    }
    Document { body, schedules, facts }
}

/// "......................" / "Authorised Signatory": the line a signatory
/// signs on and the role printed under it are one field of the signature
/// block, as "Signature ……" is; apart, the dots would read as a blank left
/// in the text.
fn join_signature_lines(paras: Vec<Para>) -> Vec<Para> {
    let Some(start) = paras.iter().position(|p| is_execution_start(&p.text) || is_execution_lead(&p.text)) else {
        return paras;
    };
    let is_leader = |t: &str| t.chars().count() >= 4 && t.chars().all(|c| matches!(c, '.' | '…' | '_' | ' '));
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    for (i, p) in paras.into_iter().enumerate() {
        let role = i > start
            && !p.bullet
            && p.text.split_whitespace().count() <= 6
            && !is_execution_start(&p.text)
            && leading_number(&p.text).is_none()
            && !is_leader(&p.text);
        match out.last_mut() {
            Some(prev) if role && is_leader(&prev.text) => {
                prev.text.push(' ');
                prev.text.push_str(&p.text);
            }
            _ => out.push(p),
        }
    }
    out
}

/// Where the signature blocks after the last schedule begin (the lead-in
/// "EXECUTION" or "IN WITNESS …" included), or `paras.len()`.
fn trailing_execution(paras: &[Para]) -> usize {
    let last_mark = paras.iter().rposition(|p| p.schedule.is_some()).map_or(0, |i| i + 1);
    let Some(first) = paras[last_mark..].iter().position(|p| is_execution_start(&p.text)).map(|i| last_mark + i) else {
        return paras.len();
    };
    if first > last_mark && is_execution_lead(&paras[first - 1].text) { first - 1 } else { first }
}

fn build_body(paras: &[Para], facts: &mut Facts) -> Vec<Located> {
    let mut out = Vec::new();
    let mut section = Section::Preamble;
    let mut in_definitions = false;
    for p in paras {
        let text = p.text.clone();
        let block = if p.bullet {
            facts.list_items += 1;
            Block::Item(text)
        } else if section != Section::Execution && is_recitals_heading(&text) {
            section = Section::Recitals;
            Block::Heading { level: 2, text }
        } else if section != Section::Execution && is_clause_heading(&text) {
            section = Section::Clauses;
            facts.clauses += 1;
            in_definitions = text.to_lowercase().contains("definition");
            Block::Heading { level: 2, text }
        } else {
            if is_execution_start(&text) {
                section = Section::Execution;
                facts.execution_blocks += 1;
            } else if is_execution_lead(&text) {
                section = Section::Execution;
            }
            match section {
                Section::Execution if is_filled_field(&text) => facts.execution_filled = true,
                Section::Preamble => preamble_fact(&text, p.line, facts),
                Section::Recitals => facts.recitals += 1,
                Section::Clauses if in_definitions && starts_definition(without_item_label(&text)) => {
                    facts.definitions += 1;
                    if facts.commencement.is_none() {
                        facts.commencement = commencement(&text).map(|d| (d, p.line));
                    }
                }
                _ => {}
            }
            facts.paragraphs += 1;
            Block::Para(text)
        };
        out.push(Located { block, line: p.line });
    }
    out
}

/// "Name: Deborah Kilroy", "Date 26 March 2021": a field with a value.
fn is_filled_field(text: &str) -> bool {
    ["Name", "Print Name", "Printed Name", "Date"].iter().any(|label| {
        text.strip_prefix(label).is_some_and(|rest| {
            let value = rest.trim_start_matches([':', ' ']);
            rest.starts_with([':', ' ']) && value.chars().any(char::is_alphanumeric)
        })
    })
}

/// `(a) "Expiry Date" means …` → `"Expiry Date" means …`.
fn without_item_label(text: &str) -> &str {
    match leading_number(text) {
        Some(n) if n.components().is_none() => text[n.raw.len()..].trim_start(),
        _ => text,
    }
}

/// `1 Definitions and Interpretation`, `1A. COMMENCEMENT AND DURATION`,
/// `38. No Partnership`: a top-level number and a title.
fn is_clause_heading(text: &str) -> bool {
    super::labelled::is_heading(text)
        || leading_number(text).is_some_and(|n| {
            let rest = text[n.raw.len()..].trim();
            n.is_top_level() && !rest.is_empty() && is_title_like(rest)
        })
}

fn preamble_fact(text: &str, line: usize, facts: &mut Facts) {
    if facts.date_line.is_none() && super::clean::is_opening_line(text) {
        facts.date_line = Some((text.to_string(), line));
        facts.made_on = find_date(text);
        return;
    }
    if let Some(party) = parse_party(text, line) {
        // A cover page lists the parties by name only; the preamble lists
        // them again with their addresses and defined names.
        match facts.parties.iter_mut().find(|p| p.name.eq_ignore_ascii_case(&party.name)) {
            Some(p) if party.address.is_some() || party.defined_as.is_some() => *p = party,
            Some(_) => {}
            None => facts.parties.push(party),
        }
    }
}

fn build_schedule(paras: &[Para], facts: &mut Facts) -> Schedule {
    let (number, inline_title) = paras.first().and_then(|p| p.schedule.clone()).unwrap_or_default();
    let line = paras.first().map_or(0, |p| p.line);
    let mut rest = paras.get(1..).unwrap_or_default();
    let mut title = inline_title;
    let first_is_title = rest.first().is_some_and(|p| {
        !p.bullet
            && leading_number(&p.text).is_none()
            && !is_part_heading(&p.text)
            && lettered_section(&p.text).is_none()
    });
    if title.is_none() && first_is_title {
        title = rest.first().map(|p| p.text.clone());
        rest = &rest[1..];
    }
    let mut blocks = Vec::new();
    for (i, p) in rest.iter().enumerate() {
        let text = p.text.clone();
        let block = if p.bullet {
            facts.list_items += 1;
            Block::Item(text)
        } else if is_part_heading(&text) || lettered_section(&text).is_some() {
            Block::Heading { level: 2, text }
        } else if is_schedule_numbered_heading(&text, rest.get(i + 1)) {
            Block::Heading { level: 3, text }
        } else {
            facts.paragraphs += 1;
            Block::Para(text)
        };
        blocks.push(Located { block, line: p.line });
    }
    let says_not_used = |t: &str| t.trim().trim_end_matches('.').eq_ignore_ascii_case("not used");
    let not_used = match blocks.as_slice() {
        [] => title.as_deref().is_some_and(says_not_used),
        [Located { block: Block::Para(t), .. }] => says_not_used(t),
        _ => false,
    };
    let blocks = group_tables(blocks);
    Schedule { number, title, blocks, not_used, line }
}

/// A numbered line in a schedule is a heading when it reads as a title and
/// what follows is inside it: a sub-number (`2.1.` → `2.1.1`) or unnumbered
/// text ("3. Contact and Outcomes Assessment" / "The Trust shall …"). A
/// title-like line followed by its sibling is a list entry
/// ("1.1. Single Point of Entry …" / "1.2. …").
fn is_schedule_numbered_heading(text: &str, next: Option<&Para>) -> bool {
    let Some(n) = leading_number(text) else {
        return false;
    };
    let rest = text[n.raw.len()..].trim();
    if rest.is_empty() || n.components().is_none() {
        return false;
    }
    // A sentence-case heading ("3 Protocol for staff recruitment and
    // selection …") shows itself by its sub-numbers.
    let short_unfinished =
        rest.split_whitespace().count() <= 12 && !ends_with_terminator(rest) && !has_obligation_verb(rest);
    match next {
        None => false,
        Some(p) if p.bullet || p.schedule.is_some() => false,
        Some(p) => match leading_number(&p.text) {
            Some(child) => is_child(&n, &child) && (is_title_like(rest) || short_unfinished),
            None => is_title_like(rest) && !is_part_heading(&p.text) && lettered_section(&p.text).is_none(),
        },
    }
}

fn has_obligation_verb(text: &str) -> bool {
    text.split_whitespace().any(|w| matches!(w, "shall" | "will" | "may" | "must" | "should" | "can" | "is" | "are"))
}

fn is_child(parent: &NumberToken, child: &NumberToken) -> bool {
    parent.is_parent_of(child)
}

/// `(1) COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST of Wayside House, …
/// ("the Trust"); and`.
fn parse_party(text: &str, line: usize) -> Option<Party> {
    let rest = match leading_number(text) {
        Some(n) => text[n.raw.len()..].trim(),
        // Text pasted from Word loses the "(1)": a party is then a name in
        // capitals, its address and its defined name in brackets.
        None => {
            let name_end = text.find(" of ")?;
            if !(is_all_caps_name(&text[..name_end]) && defined_name(text).is_some()) {
                return None;
            }
            text.trim()
        }
    };
    // The inline defined name: the quotation in the last bracket that has
    // one: ("the Trust"), (the "ICB"), (hereinafter called "the Council").
    let (before, defined_as) = match defined_name(rest) {
        Some((at, quoted)) => (&rest[..at], (!quoted.is_empty()).then(|| quoted.to_string())),
        None => (rest, None),
    };
    let before = before.trim().trim_end_matches(',').trim();
    let (name, address) = split_name_address(before);
    let name = name.trim().trim_end_matches(',').trim();
    // "A PRIMARY CARE TRUST (operating as NHS A)": the legal name is the
    // one before the trading name.
    let name = match name.split_once(" (") {
        Some((legal, note)) if note.ends_with(')') && !legal.is_empty() => legal.trim(),
        _ => name,
    };
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(Party {
        name: name.to_string(),
        address: address.map(|a| a.trim().trim_end_matches([',', ';']).trim().to_string()).filter(|a| !a.is_empty()),
        defined_as,
        line,
    })
}

/// The byte offset of the last bracket holding a quotation, and the quoted
/// words.
fn defined_name(text: &str) -> Option<(usize, &str)> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let mut found = None;
    for (i, _) in text.match_indices('(') {
        let inner = &text[i + 1..];
        let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
        let Some((open, q)) = inner.char_indices().find(|&(_, c)| is_quote(c)) else {
            continue;
        };
        let after = &inner[open + q.len_utf8()..];
        let close = after.find(is_quote).unwrap_or(after.len());
        found = Some((i, after[..close].trim()));
    }
    found
}

fn is_all_caps_name(text: &str) -> bool {
    super::tokens::is_all_caps(text) && text.split_whitespace().count() >= 2
}

/// Splits "NAME of ADDRESS". A name in capitals ends at the first lower-case
/// " of "; otherwise at the last " of " before the address's first comma or
/// digit ("The Council of the City of Coventry of Council House …").
fn split_name_address(text: &str) -> (&str, Option<&str>) {
    let ofs: Vec<usize> = text.match_indices(" of ").map(|(i, _)| i).collect();
    if ofs.is_empty() {
        return (text, None);
    }
    let first = ofs[0];
    if super::tokens::is_all_caps(&text[..first]) {
        return (&text[..first], Some(&text[first + 4..]));
    }
    let limit = text.find(|c: char| c == ',' || c.is_ascii_digit()).unwrap_or(text.len());
    let at = ofs.iter().copied().rfind(|&i| i < limit).unwrap_or(first);
    (&text[..at], Some(&text[at + 4..]))
}

/// The commencement date in a definition such as "“Commencement Date” means
/// the commencement date for this Agreement, being 1st April 2019."
fn commencement(text: &str) -> Option<Date> {
    let lower = text.to_lowercase();
    let head = lower.get(..lower.find("means").unwrap_or(lower.len()))?;
    if !head.contains("commencement date") {
        return None;
    }
    find_date(text)
}

/// The first date written out in `text`: "1st April 2019", "1 April 2019",
/// "April 1, 2019" or "01/04/2019" (day first, as in England).
pub(crate) fn find_date(text: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/').to_lowercase())
        .collect();
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w || (m.starts_with(w) && (w.len() == 3 || w == "sept")))
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let day_of = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        let ok_suffix = matches!(&w[digits.len()..], "" | "st" | "nd" | "rd" | "th");
        if ok_suffix && (1..=2).contains(&digits.len()) { digits.parse::<u32>().ok() } else { None }
    };
    let year_of = |w: &str| {
        if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) { w.parse::<i32>().ok() } else { None }
    };
    let word = |i: usize| words.get(i).map(String::as_str);
    for (i, w) in words.iter().enumerate() {
        let w = w.as_str();
        // "1st April 2019", then "April 1, 2019".
        let forms = [
            (day_of(w), word(i + 1).and_then(month_of), word(i + 2).and_then(year_of)),
            // "the 28th day of September 2018", the old formal style.
            (
                day_of(w).filter(|_| word(i + 1) == Some("day") && word(i + 2) == Some("of")),
                word(i + 3).and_then(month_of),
                word(i + 4).and_then(year_of),
            ),
            (word(i + 1).and_then(day_of), month_of(w), word(i + 2).and_then(year_of)),
        ];
        for (d, m, y) in forms {
            if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                if let Some(date) = valid(y, m, d) {
                    return Some(date);
                }
            }
        }
        // "01/04/2019", day first as in England.
        if let [d, m, y] = w.split('/').collect::<Vec<_>>().as_slice() {
            if let (Ok(d), Ok(m), Some(y)) = (d.parse::<u32>(), m.parse::<u32>(), year_of(y)) {
                if let Some(date) = valid(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

fn valid(year: i32, month: u32, day: u32) -> Option<Date> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para {
        Para { text: text.to_string(), line: 1, bullet: false, schedule: None }
    }

    #[test]
    fn clause_headings_keep_their_numbers() {
        assert!(is_clause_heading("1 Definitions and Interpretation"));
        assert!(is_clause_heading("1A. COMMENCEMENT AND DURATION"));
        assert!(is_clause_heading("27A Health and Social Care Records"));
        assert!(is_clause_heading("38. No Partnership"));
        assert!(!is_clause_heading("1A. This Agreement shall take effect on the Commencement date"));
        assert!(!is_clause_heading("1.1 In this Agreement the following words"));
        assert!(!is_clause_heading("(A) With the intention"));
        assert!(is_clause_heading("Article 16 - Liabilities and Insurance"));
        assert!(!is_clause_heading("Article 8 of the Convention applies."));
    }

    #[test]
    fn parties_are_read_from_the_preamble() {
        let p = parse_party(
            "(1) COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST of Wayside House, Wilsons Lane, Coventry, CV6 6NY (\"the Trust\"); and",
            3,
        )
        .expect("party");
        assert_eq!(p.name, "COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST");
        assert_eq!(p.address.as_deref(), Some("Wayside House, Wilsons Lane, Coventry, CV6 6NY"));
        assert_eq!(p.defined_as.as_deref(), Some("the Trust"));
        let p = parse_party(
            "(2) THE COUNCIL OF THE CITY OF COVENTRY of Council House Earl Street Coventry CV1 5RR (\"the Council\").",
            5,
        )
        .expect("party");
        assert_eq!(p.name, "THE COUNCIL OF THE CITY OF COVENTRY");
        assert_eq!(p.address.as_deref(), Some("Council House Earl Street Coventry CV1 5RR"));
        let p = parse_party("(2) The Council of the City of Coventry of Council House, Coventry (“the Council”)", 5)
            .expect("party");
        assert_eq!(p.name, "The Council of the City of Coventry");
        assert_eq!(p.defined_as.as_deref(), Some("the Council"));
        assert_eq!(parse_party("(3) (\"x\")", 1), None);
    }

    #[test]
    fn dates() {
        let d = |y, m, d| Some(Date { year: y, month: m, day: d });
        assert_eq!(find_date("Agreement, being 1st April 2019. ];"), d(2019, 4, 1));
        assert_eq!(find_date("made on 29 March 2019"), d(2019, 3, 29));
        assert_eq!(find_date("from April 1, 2022"), d(2022, 4, 1));
        assert_eq!(find_date("dated 01/04/2019"), d(2019, 4, 1));
        assert_eq!(find_date("made the 28th day of September 2018"), d(2018, 9, 28));
        assert_eq!(find_date("THIS AGREEMENT is made on 2019"), None);
        assert_eq!(find_date("31st February 2019"), None);
        assert_eq!(find_date("section 114 of the Mental Health Act 1983"), None);
        assert_eq!(
            commencement(
                "“Commencement Date” means the commencement date for this Agreement, being 1st April 2019. ];"
            ),
            d(2019, 4, 1)
        );
        assert_eq!(commencement("“Term” means one year from 1 April 2019"), None);
    }

    #[test]
    fn defined_names_in_the_forms_drafters_use() {
        for (text, name, defined) in [
            ("(1) A COUNTY COUNCIL of County Hall, Town (the \"Council\"); and", "A COUNTY COUNCIL", "Council"),
            (
                "(2) B NHS TRUST of 1 Road (hereinafter called \"the Trust\") of the other part.",
                "B NHS TRUST",
                "the Trust",
            ),
            (
                "(3) C PRIMARY CARE TRUST (operating as NHS C) of House, Lane (“the PCT”);",
                "C PRIMARY CARE TRUST",
                "the PCT",
            ),
            ("D BOROUGH COUNCIL of the Town Hall, Road (the \"Council\"); and", "D BOROUGH COUNCIL", "Council"),
        ] {
            let p = parse_party(text, 1).expect(text);
            assert_eq!((p.name.as_str(), p.defined_as.as_deref()), (name, Some(defined)), "{text}");
        }
        assert!(parse_party("The Council is the local authority of the area (the \"Area\").", 1).is_none());
    }

    #[test]
    fn cover_page_parties_are_not_counted_twice() {
        let paras: Vec<Para> = [
            "THIS AGREEMENT is dated 2015",
            "(1) A COUNTY COUNCIL",
            "(2) B DISTRICT COUNCIL",
            "THIS AGREEMENT is made between:",
            "(1) A COUNTY COUNCIL of Shire Hall (\"the County Council\");",
            "(2) B DISTRICT COUNCIL of Quay Road (\"B\")",
            "1. Definitions",
        ]
        .iter()
        .map(|t| para(t))
        .collect();
        let f = build(&paras).facts;
        let got: Vec<_> = f.parties.iter().map(|p| p.defined_as.as_deref()).collect();
        assert_eq!(got, [Some("the County Council"), Some("B")]);
    }

    #[test]
    fn runs_of_rows_become_tables_and_a_lone_row_stays_text() {
        let blocks: Vec<Located> = ["| A | B |", "| 1 | 2 |", "| x | y | z |", "Text", "| lone | row |"]
            .iter()
            .enumerate()
            .map(|(i, t)| Located { block: Block::Para((*t).to_string()), line: i + 1 })
            .collect();
        let got = group_tables(blocks);
        assert_eq!(got.len(), 4);
        assert!(matches!(&got[0].block, Block::Table(rows) if rows.len() == 2 && rows[1].line == 2));
        assert!(matches!(&got[1].block, Block::Para(t) if t == "| x | y | z |"));
        assert!(matches!(&got[3].block, Block::Para(t) if t == "| lone | row |"));
    }

    #[test]
    fn signatures_after_the_schedules_go_to_the_body() {
        let mut paras: Vec<Para> = ["1. Definitions", "Schedule 1"].iter().map(|t| para(t)).collect();
        paras[1].schedule = Some(("1".into(), Some("Aims".into())));
        for t in ["1. An aim.", "EXECUTION", "Signed for and on behalf of A COUNCIL", "Signature: ........"] {
            paras.push(para(t));
        }
        let doc = build(&paras);
        assert_eq!(doc.schedules[0].blocks.len(), 1);
        assert_eq!(doc.facts.execution_blocks, 1);
        assert!(matches!(&doc.body.last().map(|b| &b.block), Some(Block::Para(t)) if t.starts_with("Signature")));
    }

    #[test]
    fn body_sections_and_counts() {
        let paras: Vec<Para> = [
            "THIS AGREEMENT is made on 2019",
            "(1) A NHS TRUST of X (\"the Trust\"); and",
            "Recitals",
            "(A) One.",
            "(B) Two.",
            "1 Definitions and Interpretation",
            "1.1 In this Agreement:",
            "“Commencement Date” means 1st April 2019.",
            "“Term” means one year.",
            "2 Aims",
            "Signed for and on behalf of A NHS TRUST",
            "Signature……",
        ]
        .iter()
        .map(|t| para(t))
        .collect();
        let doc = build(&paras);
        let f = &doc.facts;
        assert_eq!((f.clauses, f.recitals, f.definitions, f.execution_blocks), (2, 2, 2, 1));
        assert_eq!(f.commencement.map(|c| c.0), Some(Date { year: 2019, month: 4, day: 1 }));
        assert_eq!(f.parties.len(), 1);
        assert!(f.made_on.is_none());
        assert!(matches!(&doc.body[2].block, Block::Heading { level: 2, text } if text == "Recitals"));
    }

    #[test]
    fn schedules_get_titles_parts_and_numbered_headings() {
        let mut paras = vec![para("1 Definitions")];
        let mut mark = para("Schedule 2");
        mark.schedule = Some(("2".into(), None));
        paras.push(mark);
        for t in [
            "Partnership Agreement Strategic Governance Arrangements",
            "(A) Section 75 Strategic Board",
            "1. Purpose of the Board",
            "1.1 The purpose of the Board is to provide a forum.",
            "1.1. Single Point of Entry to Secondary Mental Health services",
            "1.2. Acute Integrated Practice unit",
        ] {
            paras.push(para(t));
        }
        let mut mark = para("Schedule 12");
        mark.schedule = Some(("12".into(), None));
        paras.push(mark);
        paras.push(para("Not used"));
        let doc = build(&paras);
        assert_eq!(doc.schedules.len(), 2);
        let s = &doc.schedules[0];
        assert_eq!(s.title.as_deref(), Some("Partnership Agreement Strategic Governance Arrangements"));
        let kinds: Vec<Option<u8>> = s
            .blocks
            .iter()
            .map(|b| match b.block {
                Block::Heading { level, .. } => Some(level),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, [Some(2), Some(3), None, None, None]);
        assert!(doc.schedules[1].not_used && doc.schedules[1].title.as_deref() == Some("Not used"));
    }
}
