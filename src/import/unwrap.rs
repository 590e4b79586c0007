//! Re-joining hard-wrapped lines into paragraphs.
//!
//! For each pair of consecutive lines the importer decides whether the second
//! continues the first's paragraph. The rules are tried in order; the first
//! that applies decides:
//!
//! 1. a word broken at a hyphen (`co-` / `operate`) is re-joined without a space;
//! 2. a `Schedule N` line on a new page starts a schedule;
//! 3. a provision number starts a paragraph, unless the wrapped line before
//!    ends with a word that takes a number (`… in Schedule` / `14 who cares …`);
//! 4. a bullet glyph, an execution-block field, `Recitals`, a schedule's Part,
//!    Appendix or lettered section, or a definition's opening quote starts a
//!    paragraph;
//! 5. an indented line is a page's first line (which continues the paragraph
//!    when the line before was wrapped) or a bullet whose glyph was lost;
//! 6. a blank line in single-spaced text, or two blank lines anywhere, end a
//!    paragraph unless the line before was visibly wrapped;
//! 7. a line ending in a hanging word (`of`, `the`, `shall`) continues;
//! 8. a heading line, a line that ends a sentence without wrapping, and a
//!    short unwrapped line (a table row, a chart box) end their paragraph;
//! 9. otherwise the line continues the paragraph.

use super::clean::Line;
use super::tokens::{
    ends_with_dangling_word, ends_with_reference_word, ends_with_terminator, is_all_caps, is_heading_rest,
    is_title_like, leading_number, strip_bullet,
};

/// A paragraph of the agreement as re-joined from its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// The words, bullet glyph removed.
    pub text: String,
    /// First input line.
    pub line: usize,
    /// A list item (a glyph, or an indented line whose glyph was lost).
    pub bullet: bool,
    /// A `Schedule N` heading line: the schedule's number as printed and a
    /// title printed on the same line, if any.
    pub schedule: Option<(String, Option<String>)>,
}

impl Para {
    /// One plain paragraph per text, on lines 1, 2, …: for tests of what reads paragraphs.
    #[cfg(test)]
    pub fn plain(texts: &[&str]) -> Vec<Para> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Para { text: (*t).to_string(), line: i + 1, bullet: false, schedule: None })
            .collect()
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Decision {
    Join,
    /// Join without a space: a word broken at its hyphen.
    JoinTight,
    Break,
    BreakBullet,
    BreakSchedule(String, Option<String>),
}

/// What the unwrapping knows about the document so far.
#[derive(Default)]
struct State {
    last_schedule: Option<u32>,
    in_schedule: bool,
    in_execution: bool,
    seen_execution: bool,
}

/// What the paragraph being built looks like.
#[derive(Default)]
struct Current {
    para: Option<Para>,
    lines: usize,
    /// A one-line heading: ends at its line whatever the spacing.
    heading_like: bool,
    /// A line that stands alone: `Schedule N`, `Recitals`, `BETWEEN:`.
    standalone: bool,
    /// The first paragraph after `Schedule N`: its title.
    schedule_title: bool,
    /// A list item whose bullet glyph was printed (not lost).
    glyph: bool,
}

/// Lines → paragraphs. With `one_per_line` (a .docx read by the importer,
/// whose paragraphs are known) no line is joined to the one before; the rules
/// still tell schedules, bullets and headings apart.
pub(crate) fn unwrap(lines: &[Line], one_per_line: bool) -> Vec<Para> {
    let mut out = Vec::new();
    let mut state = State::default();
    let mut cur = Current::default();
    let mut after_schedule_mark = false;
    for (i, line) in lines.iter().enumerate() {
        let decision = match (i.checked_sub(1).and_then(|p| lines.get(p)), &cur.para) {
            (Some(prev), Some(_)) => decide(lines, i, prev, line, &cur, &state),
            _ => first_decision(line, &state),
        };
        let decision = match decision {
            // A form feed (a page start) reads as a lost bullet glyph in
            // extracted text; a known paragraph's glyph is in its text.
            Decision::Join | Decision::JoinTight | Decision::BreakBullet if one_per_line => Decision::Break,
            d => d,
        };
        match decision {
            Decision::Join | Decision::JoinTight => {
                if let Some(p) = cur.para.as_mut() {
                    if decision == Decision::Join {
                        p.text.push(' ');
                    }
                    p.text.push_str(&line.text);
                }
                cur.lines += 1;
            }
            Decision::Break | Decision::BreakBullet | Decision::BreakSchedule(..) => {
                if let Some(p) = cur.para.take() {
                    out.push(p);
                }
                let schedule_title = std::mem::take(&mut after_schedule_mark);
                cur = start(line, decision, &mut state, schedule_title);
                after_schedule_mark = cur.para.as_ref().is_some_and(|p| p.schedule.is_some());
            }
        }
    }
    if let Some(p) = cur.para.take() {
        out.push(p);
    }
    out
}

/// The decision for the first line of the text.
fn first_decision(line: &Line, state: &State) -> Decision {
    match schedule_mark(&line.text) {
        Some((n, title)) if line.page_start() && state.last_schedule.is_none() => Decision::BreakSchedule(n, title),
        _ if strip_bullet(&line.text).is_some() => Decision::BreakBullet,
        _ => Decision::Break,
    }
}

/// Opens a paragraph at `line`.
fn start(line: &Line, decision: Decision, state: &mut State, after_schedule_mark: bool) -> Current {
    let mut text = line.text.clone();
    let mut bullet = decision == Decision::BreakBullet;
    let mut glyph = false;
    if let Some(rest) = strip_bullet(&text) {
        text = rest.to_string();
        bullet = true;
        glyph = true;
    }
    let schedule = match decision {
        Decision::BreakSchedule(n, title) => {
            state.last_schedule = schedule_value(&n);
            state.in_schedule = true;
            state.in_execution = false;
            Some((n, title))
        }
        _ => None,
    };
    // Signature blocks end the clauses, or the schedules where the parties
    // sign after them.
    if is_execution_start(&text) || is_execution_lead(&text) {
        state.in_execution = true;
        state.seen_execution = true;
        state.in_schedule = false;
    }
    let standalone = schedule.is_some() || is_recitals_heading(&text) || is_parties_heading(&text);
    let number = leading_number(&text);
    // A numbered line that reads as a title, or is too short to have been
    // wrapped, is a heading: "1B. EXTENDING THE TERM", "38. No Partnership",
    // "4 Protocol for disciplinary issues".
    let short = text.chars().count() < 50;
    let heading_like = !bullet
        && (is_section_heading(&text, state.in_schedule)
            || number.as_ref().is_some_and(|n| {
                let rest = text[n.raw.len()..].trim();
                !rest.is_empty()
                    && !is_party_line(rest)
                    && !opens_more_than_it_closes(rest)
                    && !ends_with_terminator(rest)
                    && !ends_with_dangling_word(rest)
                    && (is_all_caps(rest) || short || (is_title_like(rest) && !line.trailing_space))
            }));
    let schedule_title = after_schedule_mark && !bullet && number.is_none() && !heading_like;
    Current {
        para: Some(Para { text, line: line.no, bullet, schedule }),
        lines: 1,
        heading_like,
        standalone,
        schedule_title,
        glyph,
    }
}

fn decide(lines: &[Line], i: usize, a: &Line, b: &Line, cur: &Current, state: &State) -> Decision {
    let at = a.text.as_str();
    let bt = b.text.as_str();
    // The paragraph so far, not the line: "2026;" / "and" closes an item.
    let dangling = ends_with_dangling_word(cur.para.as_ref().map_or(at, |p| p.text.as_str()));

    // 1. "co-" / "operate": Word broke the line at a hyphen inside a word.
    if !a.trailing_space
        && at.ends_with('-')
        && at.chars().rev().nth(1).is_some_and(char::is_alphanumeric)
        && bt.chars().next().is_some_and(char::is_alphanumeric)
        && schedule_mark(bt).is_none()
    {
        return Decision::JoinTight;
    }
    // 2. A schedule begins on a new page, or after a blank line where the
    // text before it is finished ("SCHEDULE 3 - NOT USED" / "SCHEDULE 4 …");
    // its number only goes up.
    if let Some((n, title)) = schedule_mark(bt) {
        let after_body = state.seen_execution || state.last_schedule.is_some();
        let higher = match (schedule_value(&n), state.last_schedule) {
            (Some(v), Some(last)) => v > last,
            (Some(_), None) => true,
            (None, _) => false,
        };
        let fresh = b.page_start() || (!a.trailing_space && !dangling);
        let finished = cur.standalone || cur.heading_like || ends_with_terminator(at);
        let set_apart = b.blank_before && finished && (title.is_some() || is_all_caps(bt) || after_body);
        // "… the terms of reference in" / "Schedule 6.": a hanging sentence
        // that the line ends is a reference, whatever its indentation.
        let ends_sentence = dangling && ends_with_terminator(bt);
        if higher && fresh && !ends_sentence && (after_body || b.page_start() || set_apart) {
            return Decision::BreakSchedule(n, title);
        }
    }
    if cur.standalone {
        return Decision::Break;
    }
    // "… 31 March 2026;" / "and": the conjunction that closes a list item
    // or definition, wrapped onto a line of its own.
    if matches!(bt, "and" | "or" | "and/or") {
        return Decision::Join;
    }
    // A hanging definition: the term on its own line, its meaning indented
    // below ("“Commencement Date”" / "1 October 2010;").
    if cur.lines == 1 && is_hanging_term(at) && !b.blank_before && b.indent > a.indent {
        return Decision::Join;
    }
    // A typed agreement hangs its wrapped lines under the words of the line
    // before ("1.1     The Partners …" / "        149 of the Act"): at that
    // column an unfinished sentence goes on. Three spaces at least, as an
    // extraction's page starts and lost bullets are indented by one.
    let column = a.hang.unwrap_or(a.indent);
    if !b.blank_before && column >= 3 && b.indent == column && !ends_with_terminator(at) {
        let numbered = leading_number(bt).is_some();
        // "… sections 2, 8, 9," / "18 and 19 of the Care Act": a bare
        // number followed by words in lower case is the sentence's.
        let sentence_number = leading_number(bt).is_some_and(|n| {
            n.raw.bytes().all(|c| c.is_ascii_digit()) && bt[n.raw.len()..].trim_start().starts_with(char::is_lowercase)
        });
        if !numbered || dangling || ends_with_reference_word(at) || (sentence_number && at.ends_with(',')) {
            return Decision::Join;
        }
    }
    // 3. Provision numbers, unless the wrapped line before asks for a number.
    if let Some(n) = leading_number(bt) {
        if a.trailing_space && ends_with_reference_word(at) && !ends_with_terminator(at) {
            return Decision::Join;
        }
        // " 8 working days in a 12 month rolling period": an indented line
        // after a blank is a bullet whose glyph was lost, and a bare integer
        // followed by a lower-case word is its text, not a provision number.
        let plain_integer = n.raw.bytes().all(|c| c.is_ascii_digit());
        let next_word_lower = bt[n.raw.len()..].trim_start().starts_with(char::is_lowercase);
        if b.indented && b.blank_before && !b.furniture_before && plain_integer && next_word_lower {
            return Decision::BreakBullet;
        }
        return Decision::Break;
    }
    // 4. Other starts that are unambiguous.
    if strip_bullet(bt).is_some() {
        return Decision::BreakBullet;
    }
    if (is_execution_start(bt) || is_execution_lead(bt)) && !dangling {
        return Decision::Break;
    }
    if state.in_execution && is_execution_field(bt) {
        return Decision::Break;
    }
    if (is_recitals_heading(bt) || is_parties_heading(bt)) && !dangling {
        return Decision::Break;
    }
    // A wrapped line (trailing space, no full stop) cannot end before a heading.
    let wrapped = a.trailing_space && !ends_with_terminator(at);
    if state.in_schedule && is_section_heading(bt, true) && !dangling && !wrapped {
        return Decision::Break;
    }
    // An indented quotation is a definition only if it says so ("… means"):
    // otherwise it is a bullet that lost its glyph ("“One-to-one” supervision").
    // A hanging term has its meaning below it, indented further.
    let hanging = is_hanging_term(bt) && lines.get(i + 1).is_some_and(|n| n.indent > b.indent && !n.blank_before);
    let definition = starts_definition(bt) && (quote_then_means(bt) || !b.indented || hanging);
    if definition && !dangling && (ends_with_terminator(at) || !a.trailing_space || quote_then_means(bt)) {
        return Decision::Break;
    }
    let upper = starts_upper(bt);
    // 5. Indented lines: a page's first line, or a bullet that lost its glyph.
    if b.indented {
        if b.blank_before && !b.furniture_before {
            if starts_lower(bt) && a.trailing_space && !ends_with_terminator(at) {
                return Decision::Join;
            }
            return Decision::BreakBullet;
        }
        if dangling {
            return Decision::Join;
        }
        // In a list whose glyphs were lost, items are indented and their
        // wrapped lines are not: an indented capitalised line is the next item.
        let glyphless_item = cur.para.as_ref().is_some_and(|p| p.bullet) && !cur.glyph;
        if glyphless_item && upper {
            return Decision::BreakBullet;
        }
        if a.trailing_space || (starts_lower(bt) && !ends_with_terminator(at)) {
            return Decision::Join;
        }
        let next_is_indented_too = lines.get(i + 1).is_some_and(|n| n.indented && !n.blank_before);
        // A list whose glyphs were printed does not go on without one.
        let in_list =
            (cur.para.as_ref().is_some_and(|p| p.bullet) && !cur.glyph) || at.ends_with(':') || at.ends_with(":-");
        return if next_is_indented_too || in_list { Decision::BreakBullet } else { Decision::Break };
    }
    // 6. A blank line where the text is single-spaced, or more than one blank
    // line, ends a paragraph, unless the line before was visibly wrapped.
    let gap = b.wide_gap_before || (b.blank_before && !b.furniture_before && single_spaced_around(lines, i));
    // Across a wide gap only a lower-case start still continues a wrapped line.
    let continues = wrapped && (starts_lower(bt) || !b.wide_gap_before);
    if gap && !dangling && !continues {
        return Decision::Break;
    }
    // 7. A hanging word: the sentence goes on.
    if dangling {
        return Decision::Join;
    }
    // 8. Headings, finished sentences and short unwrapped lines end here.
    if cur.lines == 1 && cur.heading_like && (upper || starts_definition(bt)) {
        return Decision::Break;
    }
    if cur.schedule_title && (upper || starts_definition(bt)) && !a.trailing_space {
        return Decision::Break;
    }
    if !a.trailing_space && ends_with_terminator(at) {
        if upper || starts_definition(bt) || bt.starts_with(['(', '[', '*']) {
            return Decision::Break;
        }
        // "… ("the Council")." / "together known as …": a sentence ended
        // without wrapping and the next line is its own.
        if b.blank_before && at.ends_with('.') && !ends_with_abbreviation(at) {
            return Decision::Break;
        }
    }
    let words = cur.para.as_ref().map_or(0, |p| p.text.split_whitespace().count());
    if !a.trailing_space
        && words <= 8
        && !ends_with_terminator(at)
        && (upper || bt.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Decision::Break;
    }
    Decision::Join
}

/// Whether the blank line before `lines[i]` separates paragraphs: the text
/// around it is single-spaced (a neighbour follows its own predecessor with
/// no blank line and is not a page's first line).
fn single_spaced_around(lines: &[Line], i: usize) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|p| lines.get(p))
        .is_some_and(|a| !a.blank_before && !a.indented && a.no > 1 && i >= 2);
    let after = lines.get(i + 1).is_some_and(|n| !n.blank_before && !n.indented);
    before || after
}

/// `Schedule 7`, `SCHEDULE 7`, or `Schedule 7 – Title` on a line of its own.
pub(crate) fn schedule_mark(text: &str) -> Option<(String, Option<String>)> {
    let mut words = text.splitn(3, ' ');
    let first = words.next()?;
    if !(first == "Schedule" || first == "SCHEDULE") {
        return None;
    }
    let number = words.next()?.trim_end_matches(['.', ':']);
    let valid = !number.is_empty()
        && number.len() <= 4
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    if !valid {
        return None;
    }
    let title = match words.next() {
        None => None,
        Some(rest) => {
            let t = rest.trim_start_matches(['-', '–', '—', ':', ' ']).trim();
            // "Schedule 7 of this Agreement" is a reference, not a heading.
            if t.is_empty() || !is_title_like(t) || rest.trim_start().starts_with(|c: char| c.is_lowercase()) {
                return None;
            }
            Some(t.to_string())
        }
    };
    Some((number.to_string(), title))
}

fn schedule_value(n: &str) -> Option<u32> {
    let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// "Signed for and on behalf of …", "Signed by …", "Executed as a deed by …",
/// "The Common Seal of … was affixed".
pub(crate) fn is_execution_start(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["signed for and on behalf of", "signed on behalf of", "signed by ", "executed as a deed", "the common seal of"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// What leads into the signature blocks: an "EXECUTION" heading or the
/// attestation "IN WITNESS whereof …".
pub(crate) fn is_execution_lead(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '.']);
    t.eq_ignore_ascii_case("execution") || t.to_uppercase().starts_with("IN WITNESS")
}

/// A signature-block field: a label followed by leader dots, a colon or
/// nothing, e.g. "Signature………", "Print Name:……", "Date".
pub(crate) fn is_execution_field(text: &str) -> bool {
    // "......................  Chief Executive": a signature line and the
    // signatory's role.
    if text.starts_with("....") || text.starts_with("……") || text.starts_with("____") {
        return true;
    }
    const LABELS: &[&str] =
        &["Signature", "Signed", "Print Name", "Printed Name", "Name", "Position", "Title", "Date", "Witness"];
    LABELS.iter().any(|l| {
        text.strip_prefix(l).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(':')
                || rest.starts_with(['…', '.', '_', ' ']) && !rest.trim_start().starts_with(char::is_alphanumeric)
        })
    })
}

/// "NHS NORTH THORNSHIRE CLINICAL COMMISSIONING GROUP of Harrier House,
/// Station": a party's name in capitals and its address, a line of the
/// preamble that wraps however title-like its words.
fn is_party_line(text: &str) -> bool {
    text.split_once(" of ").is_some_and(|(name, address)| {
        is_all_caps(name) && name.split_whitespace().count() >= 2 && address.contains(',')
    })
}

pub(crate) fn is_recitals_heading(text: &str) -> bool {
    matches!(text.trim_end_matches(':'), "Recitals" | "RECITALS" | "Background" | "BACKGROUND" | "WHEREAS" | "Whereas")
}

fn is_parties_heading(text: &str) -> bool {
    matches!(text, "BETWEEN:" | "BETWEEN" | "Between:" | "PARTIES" | "Parties:" | "PARTIES:")
}

/// A heading that opens a part of a schedule: `Part I: Overall Aims`,
/// `Appendix A`, `A. The Council’s Services`, `(A) Section 75 Strategic
/// Board`, `C SECTION 75 SAFEGUARDING OPERATIONAL GROUP`.
pub(crate) fn is_section_heading(text: &str, in_schedule: bool) -> bool {
    if !in_schedule {
        return false;
    }
    is_part_heading(text) || lettered_section(text).is_some()
}

/// `Part I: Overall Aims`, `Appendix A`, `Annex 2 – Forms`.
pub(crate) fn is_part_heading(text: &str) -> bool {
    let mut words = text.splitn(3, ' ');
    let (Some(first), Some(label)) = (words.next(), words.next()) else {
        return false;
    };
    if !matches!(first, "Part" | "PART" | "Appendix" | "APPENDIX" | "Annex" | "ANNEX" | "Annexe" | "ANNEXE") {
        return false;
    }
    let label = label.trim_end_matches([':', '.', ',']);
    let label_ok = !label.is_empty()
        && label.len() <= 5
        && (label.chars().all(|c| c.is_ascii_digit())
            || label.chars().all(|c| "IVXLC".contains(c))
            || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase())));
    if !label_ok {
        return false;
    }
    let separated = text[first.len() + 1..]
        .trim_start()
        .get(label.len()..)
        .is_some_and(|r| r.starts_with([':', '.', '-', '–', '—']))
        || words.clone().next().is_some_and(|r| r.trim_start().starts_with(['-', '–', '—', ':']));
    match words.next() {
        None => true,
        Some(rest) => {
            let rest = rest.trim_start_matches(['-', '–', '—', ':', ' ']);
            // "PART 1 TGT" in a scorecard is not a heading: without a
            // separator the title must be at least two words.
            rest.is_empty() || (is_heading_rest(rest) && (separated || rest.split_whitespace().count() >= 2))
        }
    }
}

/// The letter of a lettered section heading: `A. Title`, `(A) Title`,
/// `C TITLE IN CAPITALS`.
pub(crate) fn lettered_section(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let (c0, c1, c2) = (chars.next()?, chars.next()?, chars.next()?);
    let (letter, rest) = if c0.is_ascii_uppercase() && c1 == '.' && c2 == ' ' {
        (c0, &text[3..])
    } else if c0 == '(' && c1.is_ascii_uppercase() && c2 == ')' {
        (c1, text[3..].trim_start())
    } else if c0.is_ascii_uppercase() && c1 == ' ' && c0 != 'A' && c0 != 'I' {
        // "C SECTION 75 …": only in capitals, so "A Partner may …" is a sentence.
        let rest = &text[2..];
        if !(is_all_caps(rest) && rest.split_whitespace().count() >= 2) {
            return None;
        }
        (c0, rest)
    } else {
        return None;
    };
    (!rest.is_empty() && is_heading_rest(rest) && rest.starts_with(|c: char| !c.is_lowercase())).then_some(letter)
}

/// Opens with a quotation mark, as a definition does: `“Term” means …`.
pub(crate) fn starts_definition(text: &str) -> bool {
    text.starts_with(['“', '”', '"']) && text.chars().skip(1).any(|c| matches!(c, '”' | '"' | '“'))
}

/// `“Term” means` / `“Term” shall mean` / `“A” or “B” means`.
fn quote_then_means(text: &str) -> bool {
    let Some(close) = text.char_indices().skip(1).find(|(_, c)| matches!(c, '”' | '"')).map(|(i, c)| i + c.len_utf8())
    else {
        return false;
    };
    let rest = text[close..].trim_start();
    ["means", "shall mean", "or “", "or \"", "(or"].iter().any(|p| rest.starts_with(p))
}

/// `… CM1 1XA ("County`: a bracket or quotation left open goes on to the
/// next line, so the line is not a heading.
fn opens_more_than_it_closes(text: &str) -> bool {
    let count = |c: char| text.chars().filter(|&x| x == c).count();
    count('(') > count(')') || count('“') > count('”') || count('"') % 2 == 1
}

/// A line that is only a quoted term, or terms joined by "or":
/// `"Approved Mental Health Professional" or "AMHP"`.
fn is_hanging_term(text: &str) -> bool {
    if !text.starts_with(['"', '“']) || !text.ends_with(['"', '”']) {
        return false;
    }
    let mut outside = Vec::new();
    let mut inside = false;
    let mut word = String::new();
    for c in text.chars() {
        if matches!(c, '"' | '“' | '”') {
            inside = !inside;
            if inside {
                outside.push(std::mem::take(&mut word));
            }
        } else if !inside {
            word.push(c);
        }
    }
    outside.iter().all(|w| matches!(w.trim(), "" | "or" | "and" | ","))
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn ends_with_abbreviation(text: &str) -> bool {
    let last = text.split_whitespace().next_back().unwrap_or("").to_lowercase();
    ["e.g.", "i.e.", "etc.", "no.", "cf.", "viz.", "incl."].contains(&last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::clean::clean;
    use std::path::Path;

    /// Unwraps `text` (which must start with the default start marker).
    fn paras(text: &str) -> Vec<Para> {
        let c = clean(text, Path::new("t.txt"), None, None).expect("clean");
        unwrap(&c.lines, false)
    }

    fn texts(text: &str) -> Vec<String> {
        paras(text).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn double_spaced_wrapped_lines_are_rejoined() {
        let t = "THIS AGREEMENT is made on 2019\n\n(A) With the intention of providing an integrated mental health service for adults \n\nand older people in Coventry, the Partners have agreed to enter into \n\narrangements under Section 75.\n\n(B) The Partners have given formal notification.\n";
        assert_eq!(
            texts(t)[1..],
            [
                "(A) With the intention of providing an integrated mental health service for adults and older people in Coventry, the Partners have agreed to enter into arrangements under Section 75.",
                "(B) The Partners have given formal notification."
            ]
        );
    }

    #[test]
    fn a_page_break_is_not_a_paragraph_break() {
        // The first line of a new page starts with a space and follows the
        // last line of the previous page without a blank line.
        let t = "THIS AGREEMENT\n\n4.5 When appropriate there will be a joint assessment which is to be agreed through the multidisciplinary process. Such instances \n include assessment, recommendation, care planning and review.\n\n4.6 Next.\n";
        assert_eq!(
            texts(t)[1..],
            [
                "4.5 When appropriate there will be a joint assessment which is to be agreed through the multidisciplinary process. Such instances include assessment, recommendation, care planning and review.",
                "4.6 Next."
            ]
        );
        // Across page furniture too.
        let t = "THIS AGREEMENT\n\n1.6 The term secondment is used for those Council employees who work within integrated adult \n\nPage 119\n\n\n\n- 88 -\n\nmental health teams under the direction of the Trust.\n";
        assert_eq!(texts(t).len(), 2, "{:?}", texts(t));
    }

    #[test]
    fn numbers_start_paragraphs_unless_the_line_before_asks_for_one() {
        let t = "THIS AGREEMENT\n\n“Carer” an individual who meets the Eligibility Criteria defined in Schedule \n\n14 who cares for a Service User;\n\n1.1 References in this Agreement \n\n1A. COMMENCEMENT AND DURATION \n\n1A. This Agreement shall take effect on the Commencement date and shall continue \n\nfor the Term\n\n16.3.2 recognise that each Partner has a duty \n\n(iv) Significant policy changes;\n\ni)_ Clause 17\n";
        assert_eq!(
            texts(t)[1..],
            [
                "“Carer” an individual who meets the Eligibility Criteria defined in Schedule 14 who cares for a Service User;",
                "1.1 References in this Agreement",
                "1A. COMMENCEMENT AND DURATION",
                "1A. This Agreement shall take effect on the Commencement date and shall continue for the Term",
                "16.3.2 recognise that each Partner has a duty",
                "(iv) Significant policy changes;",
                "i)_ Clause 17",
            ]
        );
    }

    #[test]
    fn headings_end_at_their_line_and_hyphenated_words_rejoin() {
        let t = "THIS AGREEMENT\n\n1B. EXTENDING THE TERM \n\nThe Partners may extend this Agreement beyond the Term in accordance with \n\nclause 21.2.\n\n38. No Partnership \n\nNothing in this Agreement shall be construed and co-\n\noperate with Local Health Watch\n";
        assert_eq!(
            texts(t)[1..],
            [
                "1B. EXTENDING THE TERM",
                "The Partners may extend this Agreement beyond the Term in accordance with clause 21.2.",
                "38. No Partnership",
                "Nothing in this Agreement shall be construed and co-operate with Local Health Watch",
            ]
        );
    }

    #[test]
    fn bullets_with_and_without_their_glyph() {
        let t = "THIS AGREEMENT.\n\nthe criteria being:-\n\n There is cause for concern as to the way in which \n\norganisations have worked together. \n\n The adult has died, or\n\n●    have operational oversight of adult safeguarding operations within the \n\nintegrated mental health service\n\n2.1.2 The Human Resources Department cover the following elements\n\n Occupational Health (external provider)\n Payroll (external provider)\n\n2.1.3 The base is:\n";
        let p = paras(t);
        let got: Vec<(bool, &str)> = p[1..].iter().map(|p| (p.bullet, p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (false, "the criteria being:-"),
                (true, "There is cause for concern as to the way in which organisations have worked together."),
                (true, "The adult has died, or"),
                (
                    true,
                    "have operational oversight of adult safeguarding operations within the integrated mental health service"
                ),
                (false, "2.1.2 The Human Resources Department cover the following elements"),
                (true, "Occupational Health (external provider)"),
                (true, "Payroll (external provider)"),
                (false, "2.1.3 The base is:"),
            ]
        );
    }

    #[test]
    fn definitions_and_execution_fields_are_paragraphs() {
        let t = "THIS AGREEMENT\n\n“Board” means the Section 75 Strategic Board set out in \n\nSchedule 2\n\n“Care Act 2014” means the Care Act 2014;\n\nSigned for and on behalf of COVENTRY AND WARWICKSHIRE PARTNERSHIP \nNHS TRUST\n\nSignature………………\n\nPrint Name:……………\n\nDate…………\n";
        assert_eq!(
            texts(t)[1..],
            [
                "“Board” means the Section 75 Strategic Board set out in Schedule 2",
                "“Care Act 2014” means the Care Act 2014;",
                "Signed for and on behalf of COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST",
                "Signature………………",
                "Print Name:……………",
                "Date…………",
            ]
        );
    }

    #[test]
    fn schedules_start_on_a_new_page_and_only_go_up() {
        let t = "THIS AGREEMENT\n\nSigned for and on behalf of X\n\nDate……\n Schedule 1\n\nAims and outcomes of the Partnership \n\nArrangements\n\nPart I: Overall Aims\n\n1. The aim is set out in \n\nSchedule 2\n Schedule 2\n\nGovernance\n\nA. The Council’s Services\n\n1. Text.\n";
        let p = paras(t);
        let marks: Vec<Option<&str>> = p.iter().map(|p| p.schedule.as_ref().map(|s| s.0.as_str())).collect();
        assert_eq!(marks.iter().flatten().copied().collect::<Vec<_>>(), ["1", "2"]);
        let got: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            got[3..],
            [
                "Schedule 1",
                "Aims and outcomes of the Partnership Arrangements",
                "Part I: Overall Aims",
                "1. The aim is set out in Schedule 2",
                "Schedule 2",
                "Governance",
                "A. The Council’s Services",
                "1. Text."
            ]
        );
    }

    #[test]
    fn single_spaced_text_uses_its_blank_lines() {
        let t = "THIS AGREEMENT\n\nThe section 75 Safeguarding Operational Group membership will include\nOperational leads from the Trust and the Council.\n\nthe chair will be named.\nMore text here\n";
        assert_eq!(
            texts(t)[1..],
            [
                "The section 75 Safeguarding Operational Group membership will include Operational leads from the Trust and the Council.",
                "the chair will be named.",
                "More text here"
            ]
        );
    }

    #[test]
    fn schedules_set_apart_by_blank_lines_start_without_a_page_break() {
        let t = "THIS AGREEMENT\n\n25.4 This Agreement is governed by English law.\n\n\nSCHEDULE 1 - AIMS\n\n1. Aim one.\n\n\nSCHEDULE 2 - NOT USED\n\n\nSCHEDULE 3 - MONEY\n\n1. Sums.\n\n\nEXECUTION\n\nSigned for and on behalf of A COUNCIL\nSignature: ..........\nName: A Person\n";
        let p = paras(t);
        let marks: Vec<&str> = p.iter().filter_map(|p| p.schedule.as_ref().map(|s| s.0.as_str())).collect();
        assert_eq!(marks, ["1", "2", "3"]);
        let got: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            got[got.len() - 4..],
            ["EXECUTION", "Signed for and on behalf of A COUNCIL", "Signature: ..........", "Name: A Person"]
        );
        // A reference that wraps onto its own line is not a schedule.
        let t = "THIS AGREEMENT\n\n1.2 The services are set out in\nSchedule 1.\n\n1.3 Next.\n";
        assert!(paras(t).iter().all(|p| p.schedule.is_none()));
        let t = "THIS AGREEMENT\n\n1.2 The Board has the terms of reference in\n        Schedule 6.\n\n1.3 Next.\n";
        assert!(paras(t).iter().all(|p| p.schedule.is_none()));
    }

    #[test]
    fn seals_and_dotted_signature_lines_are_execution_blocks() {
        assert!(is_execution_start("THE COMMON SEAL of A COUNCIL was affixed"));
        assert!(is_execution_lead("IN WITNESS whereof the Partners have executed this Agreement"));
        assert!(is_execution_lead("EXECUTION"));
        assert!(is_execution_field("...............................   Chief Executive"));
    }

    #[test]
    fn open_brackets_and_lone_conjunctions_continue_the_paragraph() {
        let t = "THIS AGREEMENT\n\n(1) A COUNTY COUNCIL of County Hall, Westgate, Shiretown SH1 1XA (\"County\nCouncil\");\n\n    \"Term\" means the period ending on 31 March 2026;\n    and\n\n    \"Working Day\" means a day.\n";
        assert_eq!(
            texts(t)[1..],
            [
                "(1) A COUNTY COUNCIL of County Hall, Westgate, Shiretown SH1 1XA (\"County Council\");",
                "\"Term\" means the period ending on 31 March 2026; and",
                "\"Working Day\" means a day."
            ]
        );
        assert!(paras(t).iter().all(|p| !p.bullet));
    }

    #[test]
    fn typed_lines_hang_under_the_words_of_the_line_before() {
        let t = "THIS AGREEMENT\n\n23.1    Each Partner shall have due regard to the duty in section\n        149 of the Equality Act 2010.\n\n4.      The functions under sections 2, 8, 9,\n        18 and 19 of the Care Act 2014.\n\n    \"Commencement Date\" means the first day of April two thousand\n    (1 April 2023);\n\n23.2    Next.\n";
        assert_eq!(
            texts(t)[1..],
            [
                "23.1 Each Partner shall have due regard to the duty in section 149 of the Equality Act 2010.",
                "4. The functions under sections 2, 8, 9, 18 and 19 of the Care Act 2014.",
                "\"Commencement Date\" means the first day of April two thousand (1 April 2023);",
                "23.2 Next."
            ]
        );
    }

    #[test]
    fn hanging_definitions_are_paragraphs_with_their_meanings() {
        let t = "THIS AGREEMENT\n\n1.1     In this Agreement:\n\n    \"Commencement Date\"\n        1       October 2010;\n\n    \"Approved Mental Health Professional\" or \"AMHP\"\n        a person approved by the Council;\n";
        let p = paras(t);
        let got: Vec<(bool, &str)> = p[1..].iter().map(|p| (p.bullet, p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (false, "1.1 In this Agreement:"),
                (false, "\"Commencement Date\" 1 October 2010;"),
                (false, "\"Approved Mental Health Professional\" or \"AMHP\" a person approved by the Council;"),
            ]
        );
        assert!(is_hanging_term("“Term”") && !is_hanging_term("“Term” means a year;"));
    }

    #[test]
    fn schedule_marks() {
        assert_eq!(schedule_mark("Schedule 12"), Some(("12".into(), None)));
        assert_eq!(schedule_mark("SCHEDULE 3A – Pooled Fund"), Some(("3A".into(), Some("Pooled Fund".into()))));
        assert_eq!(schedule_mark("Schedule 7 of this Agreement"), None);
        assert_eq!(schedule_mark("Schedule two"), None);
    }

    #[test]
    fn section_headings() {
        assert!(is_part_heading("Part I: Overall Aims"));
        assert!(is_part_heading("Appendix A"));
        assert!(is_part_heading("Part II: Aims of the integrated service"));
        assert!(!is_part_heading("PART 1 TGT"));
        assert!(!is_part_heading("Appendix A. This may be changed by agreement of the members"));
        assert_eq!(lettered_section("A. The Council’s Services"), Some('A'));
        assert_eq!(lettered_section("(B) Eligibility for Care Services"), Some('B'));
        assert_eq!(lettered_section("C SECTION 75 SAFEGUARDING OPERATIONAL GROUP"), Some('C'));
        assert_eq!(lettered_section("A Partner may at any time"), None);
        assert!(is_execution_field("Print Name:……"));
        assert!(is_execution_field("Date……"));
        assert!(!is_execution_field("Date of Birth"));
        assert!(is_execution_field("Position: Executive Director of Adult Social Care and Health Services"));
    }
}
