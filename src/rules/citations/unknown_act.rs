//! `citations.unknown-act`: "Equalities Act 2010" — a capitalised title
//! before "Act YYYY" that is no known Act's title, but is one inflection or
//! a typing slip away from the title of a known Act passed that very year.
//! An unknown title that is near no known one, or near one passed in
//! another year, is an Act s75 does not know: nothing is said.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::data::{Act, Knowledge};
use crate::model::{Agreement, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNKNOWN_ACT: Rule = Rule {
    code: "citations.unknown-act",
    severity: Severity::Warning,
    summary: "an Act is cited by a title no Act has, close to a known Act of the same year",
    doc: "\"Equalities Act 2010\" and \"National Health Services Act 2006\" are not the titles of any Act: \
          the Acts are the Equality Act 2010 and the National Health Service Act 2006. A misnamed Act makes the \
          obligation that cites it uncertain, and the error is copied from one agreement to the next. A title \
          is reported only when it is not the title of any Act s75 knows and differs from the title of a known \
          Act passed in the year cited by an inflection (Services/Service, Equalities/Equality) or a slip of \
          one or two letters; the suggestion is that Act. Other unknown titles are not reported: the list of \
          Acts (src/rules/stale/acts.toml, with legislation.gov.uk sources) is not every Act. One finding per \
          title, with every place it is written.",
    example: Example::Body(
        "## 14 Equality\n\n14.1 Each Partner shall comply with its duties under the Equalities Act 2010.",
    ),
};

/// "Act 2006": the year is group 1.
pub(super) static ACT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bAct\s+(1[5-9][0-9]{2}|20[0-9]{2})\b").expect("valid"));

/// Lower-case words inside titles ("Health and Social Care", "Rights of Third Parties").
pub(super) const JOINING: [&str; 10] = ["and", "of", "in", "for", "on", "to", "with", "at", "etc.", "&"];
/// Capitalised words that open a sentence or a reference, not a title.
const NOT_TITLE: [&str; 12] =
    ["The", "This", "That", "A", "An", "Under", "By", "In", "Of", "Section", "Sections", "Part"];

/// A cited title that is not a known one, and the Act it nearly names.
struct Slip<'k> {
    range: std::ops::Range<usize>,
    said: String,
    act: &'k Act,
    name: &'k str,
    year: i16,
}

pub fn check(a: &Agreement, k: &Knowledge, out: &mut Vec<Finding>) {
    // (said, suggestion) → the places it is written.
    let mut grouped: BTreeMap<(String, String), Vec<Span>> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    let mut sources: BTreeMap<String, Option<String>> = BTreeMap::new();
    for b in super::blocks_with(a, &["Act"]).into_iter().filter(|b| b.text.contains("Act ")) {
        for slip in slips(&b.text, k) {
            let suggestion = format!("{} {}", slip.name, slip.year);
            let key = (format!("{} {}", slip.said, slip.year), suggestion.clone());
            if !grouped.contains_key(&key) {
                order.push(key.clone());
            }
            sources.insert(suggestion, slip.act.source.clone());
            grouped.entry(key).or_default().push(b.span_of(slip.range));
        }
    }
    for key in order {
        let spans = &grouped[&key];
        let (said, suggestion) = &key;
        let times = if spans.len() > 1 { format!(" (written {} times)", spans.len()) } else { String::new() };
        let mut f = Finding::new(
            &UNKNOWN_ACT,
            spans[0].clone(),
            format!("\"{said}\" is not the title of an Act{times}; did you mean the {suggestion}?"),
        )
        .label("no Act has this title");
        for s in &spans[1..] {
            f = f.related(s.clone(), "also here");
        }
        let help = match &sources[suggestion] {
            Some(src) => format!("cite the Act by its short title, the {suggestion}: {src}"),
            None => format!("cite the Act by its short title, the {suggestion}"),
        };
        out.push(f.help(help));
    }
}

fn slips<'k>(text: &str, k: &'k Knowledge) -> Vec<Slip<'k>> {
    let mut out = Vec::new();
    for m in ACT_YEAR.captures_iter(text) {
        let (Some(whole), Some(year)) = (m.get(0), m.get(1)) else { continue };
        let Ok(year) = year.as_str().parse::<i16>() else { continue };
        let words = title_words(&text[..whole.start()]);
        if words.is_empty() {
            continue;
        }
        let phrase = |from: usize| format!("{} Act", &text[words[from].start..words[words.len() - 1].end]);
        // Candidate titles: the run and its tails, but never a tail right
        // after a joining word ("… in Health" is part of a longer title).
        let starts: Vec<usize> = (0..words.len())
            .filter(|&i| i == 0 || !JOINING.contains(&&text[words[i - 1].clone()]))
            .filter(|&i| text[words[i].clone()].chars().next().is_some_and(char::is_uppercase))
            .collect();
        if starts.iter().any(|&i| k.act_named(&phrase(i)).is_some()) {
            continue;
        }
        for &i in &starts {
            let said = phrase(i);
            if let Some((act, name)) = nearest(k, &said, year) {
                out.push(Slip { range: words[i].start..whole.end(), said, act, name, year });
                break;
            }
        }
    }
    out
}

/// The words of the capitalised title that ends where `before` ends.
pub(super) fn title_words(before: &str) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    let mut end = before.trim_end().len();
    if end < before.len() && before[end..].contains('\n') {
        return words;
    }
    loop {
        let head = &before[..end];
        let start =
            head.rfind(char::is_whitespace).map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
        let word = &head[start..];
        if word.is_empty() {
            break;
        }
        let opens = word.starts_with(['“', '"', '‘', '\'']);
        let core = word.trim_start_matches(['“', '"', '‘', '\'', '(']);
        let capitalised = core.chars().next().is_some_and(char::is_uppercase);
        let joining = JOINING.contains(&core);
        let ends_sentence = core.ends_with(['.', ';', ':']) && core != "etc.";
        if !(capitalised || joining) || ends_sentence || core.chars().any(|c| c.is_ascii_digit()) {
            break;
        }
        let core_start = start + (word.len() - core.len());
        words.push(core_start..end);
        if opens || start == 0 {
            break;
        }
        end = head[..start].trim_end().len();
    }
    words.reverse();
    // Opening words and joining words are not the title's first word.
    while let Some(first) = words.first() {
        let w = &before[first.clone()];
        if NOT_TITLE.contains(&w) || JOINING.contains(&w) {
            words.remove(0);
        } else {
            break;
        }
    }
    // An unmatched "(" opens the citation, not the title.
    if let Some(first) = words.first_mut()
        && before[first.clone()].starts_with('(')
    {
        first.start += 1;
    }
    words
}

/// The one known Act of `year` whose title `said` nearly is.
fn nearest<'k>(k: &'k Knowledge, said: &str, year: i16) -> Option<(&'k Act, &'k str)> {
    let mut found: Vec<(&Act, &str)> = Vec::new();
    for act in k.acts.iter().filter(|a| a.years.contains(&year)) {
        if let Some(name) = act.names.iter().find(|n| near(said, n)) {
            found.push((act, name.as_str()));
        }
    }
    // Two candidates: the data cannot say which was meant.
    (found.len() == 1).then(|| found[0])
}

pub(super) fn near(said: &str, title: &str) -> bool {
    if said == title {
        return false;
    }
    let stems = |s: &str| s.split_whitespace().map(stem).collect::<Vec<_>>();
    if stems(said) == stems(title) {
        return true;
    }
    // A slip of a letter or two in a long title; short ones are too close to
    // each other. Two edits change the length by two characters at most, so
    // titles further apart in length are not compared letter by letter.
    title.len() >= 12
        && said.chars().count().abs_diff(title.chars().count()) <= 2
        && strsim::damerau_levenshtein(said, title) <= 2
}

/// "Equalities" → "equality", "Services" → "service".
fn stem(word: &str) -> String {
    let w = word.to_lowercase().replace('’', "'");
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{s}y");
    }
    match w.strip_suffix('s') {
        Some(s) if s.len() > 3 && !s.ends_with('s') => s.to_string(),
        _ => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citations::testing::knowledge;
    use crate::rules::testing::bundled;

    fn said(text: &str) -> Vec<String> {
        let k = knowledge();
        slips(text, &k).into_iter().map(|s| format!("{} {} → {} {}", s.said, s.year, s.name, s.year)).collect()
    }

    #[test]
    fn the_2019_agreement_misnames_two_acts() {
        let k = knowledge();
        // The 2022 reconstruction keeps the 2019 text, slips included.
        for a in bundled().iter().take(2) {
            let mut out = Vec::new();
            check(a, &k, &mut out);
            let messages: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
            assert_eq!(
                messages,
                [
                    "\"Equalities Act 2010\" is not the title of an Act; did you mean the Equality Act 2010?",
                    "\"National Health Services Act 2006\" is not the title of an Act; did you mean the National Health Service Act 2006?",
                ],
                "{}",
                a.id()
            );
        }
    }

    #[test]
    fn misnamed_titles_in_other_house_styles() {
        assert_eq!(said("its duties under the Equalities Act 2010."), ["Equalities Act 2010 → Equality Act 2010"]);
        assert_eq!(
            said("is responsible under the National Health Services Act 2006 for commissioning"),
            ["National Health Services Act 2006 → National Health Service Act 2006"]
        );
        assert_eq!(
            said("(the “Freedom of Infomation Act 2000”)"),
            ["Freedom of Infomation Act 2000 → Freedom of Information Act 2000"]
        );
    }

    #[test]
    fn correct_and_unknown_titles_are_silent() {
        let text = "the Health and Social Care Act 2012, as amended by the Health and Care Act 2022; the Care Act 2014; \
                    The Mental Health Act 1983; the Health & Social Care Act 2012; the Contracts (Rights of Third Parties) Act 1999; the Local Government \
                    and Public Involvement in Health Act 2007; the Health and Safety at Work etc. Act 1974; the Childcare \
                    Act 2006; the Housing and Regeneration Act 2008; the Road Traffic Regulation Act 1984; the \
                    Employment Act 2002; section 117 Mental Health Act 1983; the Children Act 1989; the Equality Act 2010";
        assert_eq!(said(text), Vec::<String>::new());
        // Near a known title, but no Act of that title was passed that year: not this rule's call.
        assert_eq!(said("the Equalities Act 2009"), Vec::<String>::new());
        for a in bundled().iter().skip(2) {
            let mut out = Vec::new();
            check(a, &knowledge(), &mut out);
            assert!(out.is_empty(), "{}: {:?}", a.id(), out.iter().map(|f| &f.message).collect::<Vec<_>>());
        }
    }
}
