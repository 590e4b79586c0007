//! The scanner behind [`super::references`]: finds reference phrases in the
//! plain text of one block and returns byte ranges of that text; the caller
//! turns them into spans and fills in the schedule a reference stands in.
//!
//! A phrase is a keyword ("Clause", "sub-Clause", "paragraphs", "Schedule",
//! "Appendix", "Part"), a list or range of numbers, an optional qualifier
//! ("of this Schedule", "of Schedule 6", "of the Agreement") and optional
//! names ("Clause 18 Variation", "Schedule 8 (“Secondment Arrangements”)").
//! Phrases that point into another instrument ("Parts II, III and IV of the
//! Mental Health Act 1983", "Appendix 1 of the Trust's Disciplinary
//! Procedure", "Care Act 2014 section 74 and schedule 3") are dropped.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Form, RefKind, Within};
use crate::model::Document;
use crate::model::number::Number;
use crate::model::pattern::Anchored;

/// One reference as found in a text, before spans are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Raw {
    pub kind: RefKind,
    pub key: String,
    pub within: Within,
    /// The schedule number as written ("of Schedule 6", "to this Schedule 16").
    pub schedule: Option<String>,
    /// "this Schedule" without a number: the caller knows which.
    pub this_schedule: bool,
    pub schedule_named: Option<String>,
    pub named: Option<String>,
    /// The name is written before the reference ("the Service Description at Schedule 5").
    pub name_precedes: bool,
    /// The keyword and number ("Clause 21.2"), or the number alone for later
    /// members of a list ("22" in "Clauses 21 and 22").
    pub range: Range<usize>,
    /// The whole phrase: keyword, every number, qualifier and names.
    pub phrase: Range<usize>,
    pub form: Form,
}

fn re(pattern: &str) -> Regex {
    // The patterns are literals in this file: a failure is a bug caught by the tests.
    Regex::new(pattern).expect("valid regex literal")
}

/// Keyword candidates, checked by [`kind_of`]. Written with explicit case
/// variants rather than `(?i)` so the regex engine can scan for its few
/// literal stems quickly.
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?:[Ss]ub-?|SUB-?)?(?:[Cc]lause|CLAUSE|[Pp]ara|PARA|[Ss]chedule|SCHEDULE|[Aa]ppendi|APPENDI|[Pp]art|PART)[A-Za-z]*(?-u:\b)",
    )
});
/// The keyword repeated inside a list: "paragraph 11 (…) and paragraph 12".
static KEYWORD_AT: LazyLock<Anchored> = LazyLock::new(|| {
    Anchored::new(r"^(?i-u)((?:sub-?)?(?:clauses?|paragraphs?|paras?\.?|schedules?|appendix|appendices|parts?))\s+")
});
static LIST_SEP: LazyLock<Anchored> =
    LazyLock::new(|| Anchored::new(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and/or|and|or|&)\s+)"));
static RANGE_SEP: LazyLock<Anchored> = LazyLock::new(|| Anchored::new(r"^(?:\s+to\s+|\s*[-–—]\s*)"));
static QUAL_PREP: LazyLock<Anchored> = LazyLock::new(|| Anchored::new(r"^\s+(?:of|to|in|under|within)\s+"));
static QUAL_THIS_SCHEDULE: LazyLock<Anchored> =
    LazyLock::new(|| Anchored::new(r"^(?i-u:this)\s+(?i-u:schedule)(?-u:\b)(?:\s+([0-9]{1,2}[A-Z]?)(?-u:\b))?"));
static QUAL_SCHEDULE: LazyLock<Anchored> =
    LazyLock::new(|| Anchored::new(r"^(?i-u:schedule)\s+([0-9]{1,2}[A-Z]?)(?-u:\b)"));
/// "this Agreement", "this Partnership Agreement", "this Deed", "the Agreement": the agreement itself.
static QUAL_AGREEMENT: LazyLock<Anchored> = LazyLock::new(|| {
    Anchored::new(
        r"^(?:this\s+(?:[A-Za-z0-9_’'-]+\s+){0,3}?(?:Agreement|agreement|document|Deed|deed)|the\s+(?:Agreement|agreement|document))(?-u:\b)",
    )
});
/// A named document: "the Original Agreement", "the Reablement Contract",
/// "the Mental Health Act 1983", "the Trust's Disciplinary Procedure", "the
/// policy". Group 1 holds the words of the name before the document's kind.
static QUAL_DOCUMENT: LazyLock<Anchored> = LazyLock::new(|| {
    Anchored::new(
        r"^the\s+((?:[A-Za-z0-9_’'().-]+\s+){0,6}?)(Agreements?|agreements?|Contracts?|contracts?|Deeds?|deeds?|Leases?|Licen[cs]es?|Memorandum|Framework|Specifications?|Acts?|Regulations?|Orders?|Directive|Rules|Code|Convention|Guidance|Bill|Constitution|[Pp]rocedures?|[Pp]olic(?:y|ies)|[Pp]rotocols?)(?-u:\b)",
    )
});
/// Words that name this agreement rather than another one: "the
/// Partnership Agreement", "the Section 75 Agreement", "the said Agreement".
const SELF_NAME_WORDS: &[&str] =
    &["partnership", "section", "75", "s75", "s.75", "section75", "pooled", "fund", "said", "present", "same"];
/// The preposition before the document a schedule belongs to: "paragraph 3 of
/// Schedule 3 (“…”) of the Agreement", "Schedule 3 to the Original Agreement".
static OF_DOCUMENT: LazyLock<Anchored> = LazyLock::new(|| Anchored::new(r"^\s+(?:of|to|in)\s+"));
/// A statute citation running into the keyword: "(Care Act 2014 section 74 and schedule 3)".
static STATUTE_BEFORE: LazyLock<Anchored> = LazyLock::new(|| {
    Anchored::new(
        r"(?i-u)\b(?:act|regulations)(?:\s+[0-9]{4})?\s*,?\s*(?:sections?|s\.|ss\.|regulations?|reg\.)\s*[A-Za-z0-9()]+(?:\s*(?:,|and|to|&)\s*[A-Za-z0-9()]+)*\s*(?:,|and|&)?\s*$",
    )
});
static SCHEDULE_THEN_PARAGRAPH: LazyLock<Anchored> =
    LazyLock::new(|| Anchored::new(r"^\s+(?i:paragraphs?|paras?\.?)\s+"));
/// A bare number used as a reference: "in accordance with 1.3 above", "4.2 of this schedule", "[See 7 below]".
static BARE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u)(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(above|below|(?:of|in) this [Ss]chedule)\b"));

/// Words after which "Appendix A" or "Part II" is a reference rather than a
/// label ("… GOVERNANCE CHART Appendix 1 HEALTH AND …" is a label).
const PREPOSITIONS: &[&str] =
    &["in", "at", "see", "to", "under", "per", "with", "as", "of", "and", "within", "from", "by", "this"];
/// Words before a bare number that make it a reference.
const BARE_LEAD: &[&str] = &["with", "in", "at", "see", "under", "to", "per", "by", "of"];
/// Capitalised words that begin a sentence rather than a name after a reference
/// whose full stop is missing ("… Clause 21 The Board shall …").
const SENTENCE_STARTS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "If",
    "In",
    "It",
    "A",
    "An",
    "Any",
    "Each",
    "Where",
    "When",
    "Subject",
    "Notwithstanding",
    "Upon",
    "All",
    "No",
    "Such",
    "For",
    "To",
    "As",
    "At",
    "On",
    "By",
    "Both",
    "Either",
    "Neither",
    "Unless",
    "Following",
    "However",
    "Where",
    "Save",
    "Without",
];
const CONNECTORS: &[&str] = &["and", "of", "for", "the", "to", "in", "on", "&"];

/// The references in `text`; `keywords` are the [`KEYWORD`] matches in it,
/// if they were found beforehand ([`keywords_by_block`]).
pub(super) fn scan(text: &str, keywords: Option<&[Range<usize>]>, in_heading: bool, in_schedule: bool) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut from = 0;
    let mut next = 0;
    // The first keyword at or after `from`, as `KEYWORD.find_at(text, from)`
    // finds it: the first of the matches found beforehand that starts there
    // or later is that one, unless a match runs across `from`.
    let mut find_at = |from: usize| match keywords {
        Some(found) => {
            while found.get(next).is_some_and(|k| k.end <= from) {
                next += 1;
            }
            match found.get(next) {
                Some(k) if k.start < from => KEYWORD.find_at(text, from).map(|m| m.range()),
                k => k.cloned(),
            }
        }
        None => KEYWORD.find_at(text, from).map(|m| m.range()),
    };
    while from < text.len() {
        let Some(m) = find_at(from) else { break };
        match keyword_phrase(text, m.clone(), in_heading) {
            Some(found) => {
                from = found.iter().map(|r| r.phrase.end).max().unwrap_or(m.end).max(m.end);
                out.extend(found);
            }
            None => from = m.end,
        }
    }
    bare_numbers(text, in_schedule, &mut out);
    out.sort_by_key(|r| r.range.start);
    out
}

/// The [`KEYWORD`] matches in each block of a document, found with one
/// search of its joined text (the pattern cannot match a NUL).
pub(super) fn keywords_by_block(doc: &Document) -> Vec<Vec<Range<usize>>> {
    let joined = doc.joined();
    let mut out = vec![Vec::new(); doc.blocks.len()];
    for m in KEYWORD.find_iter(&joined.text) {
        let (b, range) = joined.locate(m.range());
        out[b].push(range);
    }
    out
}

#[derive(Debug)]
struct Elem {
    key: String,
    range: Range<usize>,
    name: Option<String>,
    /// Just after the number, or after its name.
    end: usize,
    form: Form,
}

enum Qualifier {
    Agreement,
    Schedule { number: Option<String>, named: Option<String> },
}

fn kind_of(word: &str) -> Option<RefKind> {
    let w = word.to_ascii_lowercase();
    let w = w.strip_prefix("sub-").or_else(|| w.strip_prefix("sub")).unwrap_or(&w);
    Some(match w {
        "clause" | "clauses" => RefKind::Clause,
        "paragraph" | "paragraphs" | "para" | "paras" => RefKind::Paragraph,
        "schedule" | "schedules" => RefKind::Schedule,
        "appendix" | "appendices" => RefKind::Appendix,
        "part" | "parts" => RefKind::Part,
        _ => return None,
    })
}

/// Whether `window` holds "act" or "regulation" in any case, as a
/// [`STATUTE_BEFORE`] match must: most windows do not, and the check costs
/// far less than the pattern.
fn names_legislation(window: &str) -> bool {
    let bytes = window.as_bytes();
    ["act", "regulation"].iter().any(|w| bytes.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes())))
}

fn keyword_phrase(text: &str, kw: Range<usize>, in_heading: bool) -> Option<Vec<Raw>> {
    let kind = kind_of(&text[kw.clone()])?;
    // A heading that starts with the keyword labels what follows ("Part I:
    // Overall Aims", "Appendix 1", "Schedule 1 — Aims"); it refers to nothing.
    if in_heading && text[..kw.start].trim().is_empty() {
        return None;
    }
    let before = window_before(text, kw.start, 60);
    if names_legislation(before) && STATUTE_BEFORE.is_match(before) {
        return None;
    }
    let mut at = kw.end;
    if text[at..].starts_with('.') && text[kw.clone()].eq_ignore_ascii_case("para") {
        at += 1;
    }
    let start = skip_spaces(text, at);
    if start == at {
        return None;
    }
    let mut elems = vec![element(text, start, kind)?];
    while let Some(e) = next_element(text, elems.last().map_or(start, |e| e.end), kind) {
        elems.push(e);
    }
    let mut end = elems.last().map_or(start, |e| e.end);

    // "Schedule 8 paragraph 13": a paragraph of the schedule just named.
    if kind == RefKind::Schedule && elems.len() == 1 && elems[0].name.is_none() {
        if let Some(m) = SCHEDULE_THEN_PARAGRAPH.find(&text[end..]) {
            let p = end + m.end;
            if let Some(first) = element(text, p, RefKind::Paragraph) {
                let number = elems[0].key.clone();
                let mut paras = vec![first];
                while let Some(e) = next_element(text, paras.last().map_or(p, |e| e.end), RefKind::Paragraph) {
                    paras.push(e);
                }
                let qualifier = Qualifier::Schedule { number: Some(number), named: None };
                let end = paras.last().map_or(p, |e| e.end);
                return Some(build(RefKind::Paragraph, paras, Some(qualifier), None, kw.start..end));
            }
        }
    }

    let qualifier = match qualifier(text, end) {
        Qual::External => return None,
        Qual::Found(q, e) => {
            end = e;
            Some(q)
        }
        Qual::None => None,
    };
    // "Appendix A" and "Part II" without a qualifier are references only
    // after a preposition; otherwise they label a chart or a table.
    if matches!(kind, RefKind::Appendix | RefKind::Part) && qualifier.is_none() && !after_preposition(text, kw.start) {
        return None;
    }
    // A name after the qualifier: "of this schedule [Consultation]".
    let mut trailing = None;
    if qualifier.is_some() {
        if let Some((name, e)) = name_at(text, end, false) {
            trailing = Some(name);
            end = e;
        }
    }
    let mut found = build(kind, elems, qualifier, trailing, kw.start..end);
    // "the Service Specification in Schedule 5": a name written before the reference.
    if let [only] = found.as_mut_slice() {
        if only.kind == RefKind::Schedule && only.named.is_none() {
            if let Some(name) = name_before(text, kw.start) {
                only.named = Some(name);
                only.name_precedes = true;
            }
        }
    }
    Some(found)
}

/// Capitalised words just before "in Schedule N" / "at Schedule N": "the
/// Service Description at Schedule 5". At least two words, so that "the
/// Board in Schedule 2" (a body, not the schedule's name) is not one.
fn name_before(text: &str, kw_start: usize) -> Option<String> {
    let head = text[..kw_start].trim_end();
    let head = head.strip_suffix(" in").or_else(|| head.strip_suffix(" at"))?;
    let mut start = head.len();
    let mut capitalised = 0;
    let mut pending_connector = false;
    for (i, word) in head.rsplit(' ').scan(head.len(), |end, w| {
        let start = *end - w.len();
        *end = start.saturating_sub(1);
        Some((start, w))
    }) {
        let cap = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(|c| c.is_alphanumeric() || matches!(c, '’' | '\'' | '/' | '-'));
        if cap && !matches!(word, "The" | "This") {
            capitalised += 1;
            start = i;
            pending_connector = false;
        } else if capitalised > 0 && !pending_connector && CONNECTORS.contains(&word) && word != "the" {
            pending_connector = true;
        } else {
            break;
        }
    }
    (capitalised >= 2).then(|| head[start..].to_string())
}

/// Up to `len` bytes of text before `at`, starting on a character boundary.
fn window_before(text: &str, at: usize, len: usize) -> &str {
    let mut start = at.saturating_sub(len);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

fn build(
    kind: RefKind,
    mut elems: Vec<Elem>,
    qualifier: Option<Qualifier>,
    trailing: Option<String>,
    phrase: Range<usize>,
) -> Vec<Raw> {
    distribute_names(&mut elems, trailing);
    let single = elems.len() == 1;
    let (within, schedule, this_schedule, schedule_named) = match qualifier {
        None => (Within::Context, None, false, None),
        Some(Qualifier::Agreement) => (Within::Agreement, None, false, None),
        Some(Qualifier::Schedule { number, named }) => {
            let this = number.is_none();
            (Within::Schedule, number, this, named)
        }
    };
    let first_start = phrase.start;
    elems
        .into_iter()
        .enumerate()
        .map(|(i, e)| Raw {
            kind,
            key: e.key,
            within,
            schedule: schedule.clone(),
            this_schedule,
            schedule_named: schedule_named.clone(),
            named: e.name,
            name_precedes: false,
            range: if i == 0 { first_start..e.range.end } else { e.range },
            phrase: phrase.clone(),
            form: if single { Form::Single } else { e.form },
        })
        .collect()
}

/// A name after the qualifier names every number of the list; a name after
/// the last number holding one part per number ("Clauses 23, 24 and 27 (Good
/// Faith; Data Protection; Indemnities)") is shared out.
fn distribute_names(elems: &mut [Elem], trailing: Option<String>) {
    if let Some(name) = trailing {
        for e in elems.iter_mut().filter(|e| e.name.is_none()) {
            e.name = Some(name.clone());
        }
        return;
    }
    let n = elems.len();
    if n < 2 || elems[..n - 1].iter().any(|e| e.name.is_some()) {
        return;
    }
    let parts: Vec<String> = match &elems[n - 1].name {
        Some(name) if name.contains(';') => name.split(';').map(|p| p.trim().to_string()).collect(),
        _ => return,
    };
    if parts.len() == n {
        for (e, p) in elems.iter_mut().zip(parts) {
            e.name = Some(p);
        }
    }
}

/// One number of a list, with the name written after it.
fn element(text: &str, at: usize, kind: RefKind) -> Option<Elem> {
    let (key, end) = key_at(text, at, kind)?;
    let (name, after) = match name_at(text, end, true) {
        Some((n, e)) => (Some(n), e),
        None => (None, end),
    };
    Some(Elem { key, range: at..end, name, end: after, form: Form::ListItem })
}

/// The next number of a list or range: ", 24", " and 27", " and paragraph 12", " to 15.3".
fn next_element(text: &str, at: usize, kind: RefKind) -> Option<Elem> {
    let rest = &text[at..];
    let (sep_len, form) = if let Some(m) = RANGE_SEP.find(rest) {
        (m.end, Form::RangeEnd)
    } else if let Some(m) = LIST_SEP.find(rest) {
        (m.end, Form::ListItem)
    } else {
        return None;
    };
    let mut p = at + sep_len;
    if let Some(m) = KEYWORD_AT.captures(&text[p..]) {
        let same = m.group(1).and_then(kind_of) == Some(kind);
        if !same {
            return None;
        }
        p += m.whole().end;
    }
    let mut e = element(text, p, kind)?;
    e.form = form;
    Some(e)
}

/// The number after a keyword, as a reference key: "21.2", "27A", "II", "A".
fn key_at(text: &str, at: usize, kind: RefKind) -> Option<(String, usize)> {
    let rest = &text[at..];
    let len = match kind {
        RefKind::Clause | RefKind::Paragraph => dotted_len(rest)?,
        RefKind::Schedule => {
            let d = rest.bytes().take_while(u8::is_ascii_digit).count();
            if d == 0 || d > 2 {
                return None;
            }
            let suffix = rest.as_bytes().get(d).is_some_and(u8::is_ascii_uppercase)
                && !rest.as_bytes().get(d + 1).is_some_and(u8::is_ascii_alphanumeric);
            d + usize::from(suffix)
        }
        RefKind::Appendix | RefKind::Part => label_len(rest)?,
    };
    if rest[len..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let token = &rest[..len];
    let key = match kind {
        RefKind::Clause | RefKind::Paragraph => Number::parse(token).map(|n| n.key())?,
        _ => token.to_string(),
    };
    Some((key, at + len))
}

/// Length of a dotted number ("16.3.2", "27A", "2.2" of "2.2."), without a final dot.
fn dotted_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            i += 1;
        }
        if i == start || b.get(i).is_some_and(u8::is_ascii_digit) {
            return (start > 0).then_some(start.saturating_sub(1));
        }
        if b.get(i).is_some_and(u8::is_ascii_uppercase) && !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        return Some(i);
    }
}

/// Length of an appendix or part label: "A", "1", "II".
fn label_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        return Some(digits);
    }
    let roman = b.iter().take_while(|c| b"IVX".contains(c)).count();
    if (1..=5).contains(&roman) {
        return Some(roman);
    }
    (b.first().is_some_and(u8::is_ascii_uppercase) && !b.get(1).is_some_and(u8::is_ascii_alphabetic)).then_some(1)
}

enum Qual {
    None,
    External,
    Found(Qualifier, usize),
}

fn qualifier(text: &str, at: usize) -> Qual {
    let Some(prep) = QUAL_PREP.find(&text[at..]) else { return Qual::None };
    let p = at + prep.end;
    let rest = &text[p..];
    if let Some(c) = QUAL_THIS_SCHEDULE.captures(rest) {
        let end = p + c.whole().end;
        return Qual::Found(Qualifier::Schedule { number: c.group(1).map(String::from), named: None }, end);
    }
    if let Some(c) = QUAL_SCHEDULE.captures(rest) {
        let mut end = p + c.whole().end;
        let number = c.group(1).map(String::from);
        let named = name_at(text, end, false).map(|(n, e)| {
            end = e;
            n
        });
        // "Schedule 3 to the Original Agreement" is another document's schedule.
        if let Some(prep) = OF_DOCUMENT.find(&text[end..]) {
            match named_document(&text[end + prep.end..]) {
                Some(Named::ThisAgreement(len)) => end += prep.end + len,
                Some(Named::Other) => return Qual::External,
                None => {}
            }
        }
        return Qual::Found(Qualifier::Schedule { number, named }, end);
    }
    match named_document(rest) {
        Some(Named::ThisAgreement(len)) => Qual::Found(Qualifier::Agreement, p + len),
        Some(Named::Other) => Qual::External,
        None => Qual::None,
    }
}

/// What "the …" or "this …" after a qualifier's preposition names.
enum Named {
    /// This agreement, in so many bytes: "this Agreement", "the Partnership Agreement".
    ThisAgreement(usize),
    /// Another document, whose numbers this agreement cannot check.
    Other,
}

fn named_document(rest: &str) -> Option<Named> {
    if let Some(m) = QUAL_AGREEMENT.find(rest) {
        return Some(Named::ThisAgreement(m.end));
    }
    let c = QUAL_DOCUMENT.captures(rest)?;
    let (name, noun) = (c.group(1).unwrap_or(""), c.group(2).unwrap_or(""));
    let own_name = name.split_whitespace().all(|w| SELF_NAME_WORDS.iter().any(|s| w.eq_ignore_ascii_case(s)));
    let agreement = noun.eq_ignore_ascii_case("agreement");
    Some(if agreement && own_name { Named::ThisAgreement(c.whole().end) } else { Named::Other })
}

fn skip_spaces(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\t']).len()
}

/// The word before `at`, lower-cased.
fn word_before(text: &str, at: usize) -> String {
    let head = text[..at].trim_end_matches([' ', '\u{a0}', '(', '[']);
    let start = head
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    head[start..].to_lowercase()
}

pub(super) fn after_preposition(text: &str, at: usize) -> bool {
    PREPOSITIONS.contains(&word_before(text, at).as_str())
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '„')
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'')
}

/// The name written just after a reference: `(“Secondment Arrangements”)`,
/// `“Information …”`, `(Variation)`, `[Consultation]` and, when `bare`,
/// capitalised words: "Clause 18 Variation", "Schedule 10: The Joint …".
fn name_at(text: &str, at: usize, bare: bool) -> Option<(String, usize)> {
    let p = skip_spaces(text, at);
    let lead = p - at;
    let c = text[p..].chars().next()?;
    if (c == '(' || c == '[') && lead <= 1 {
        return bracketed(text, p);
    }
    if (is_double_quote(c) || c == '‘') && lead <= 1 {
        return quoted(text, p);
    }
    if !bare {
        return None;
    }
    // "Schedule 10: The Joint …", "Schedule 13 – Information Sharing".
    let (start, separated) = match text[at..].char_indices().find(|(_, c)| !matches!(c, ' ' | '\u{a0}')) {
        Some((i, ':' | '–' | '—' | '-')) => {
            let after = at + i + text[at + i..].chars().next().map_or(1, char::len_utf8);
            let s = skip_spaces(text, after);
            if s == after {
                return None;
            }
            (s, true)
        }
        _ if lead >= 1 => (p, false),
        _ => return None,
    };
    bare_name(text, start, separated)
}

fn bracketed(text: &str, open: usize) -> Option<(String, usize)> {
    let close_char = if text[open..].starts_with('(') { ')' } else { ']' };
    let inner_start = open + 1;
    let close = inner_start + text[inner_start..].find(close_char)?;
    let inner = text[inner_start..close].trim();
    let first = inner.chars().next()?;
    let name = if is_double_quote(first) || is_single_quote(first) {
        inner.trim_matches(|c: char| is_double_quote(c) || is_single_quote(c) || c.is_whitespace())
    } else {
        // "(Variation)", "[Consultation]"; not "(as amended)", "(CPA)" or "(see 4.2)".
        let looks_like_name = first.is_uppercase()
            && inner.chars().any(char::is_lowercase)
            && !inner.chars().any(|c| c.is_ascii_digit())
            && inner.len() <= 160;
        if !looks_like_name {
            return None;
        }
        inner
    };
    (!name.is_empty()).then(|| (name.to_string(), close + close_char.len_utf8()))
}

fn quoted(text: &str, open: usize) -> Option<(String, usize)> {
    let opener = text[open..].chars().next()?;
    let inner_start = open + opener.len_utf8();
    let rest = &text[inner_start..];
    let close = if is_double_quote(opener) {
        rest.find(is_double_quote)
    } else {
        rest.char_indices()
            .find(|&(i, c)| {
                is_single_quote(c) && !rest[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
            })
            .map(|(i, _)| i)
    }?;
    let name = rest[..close].trim();
    let closer_len = rest[close..].chars().next().map_or(1, char::len_utf8);
    (!name.is_empty() && name.len() <= 160).then(|| (name.to_string(), inner_start + close + closer_len))
}

/// Capitalised words after a reference: "Variation", "Termination
/// Arrangements", "Joint Operational and Human Resources Protocols".
fn bare_name(text: &str, start: usize, separated: bool) -> Option<(String, usize)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut pending: Option<(usize, usize)> = None;
    let mut at = start;
    loop {
        let rest = &text[at..];
        let len = rest.find([' ', '\u{a0}']).unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        let raw = &rest[..len];
        let word = raw.trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '"', '’']);
        let stops_here = word.len() < raw.len();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase) && kind_of(word).is_none();
        if capitalised {
            if words.is_empty() && !separated && SENTENCE_STARTS.contains(&word) {
                return None;
            }
            if let Some(c) = pending.take() {
                words.push(c);
            }
            words.push((at, at + word.len()));
        } else if !words.is_empty() && pending.is_none() && CONNECTORS.contains(&word) && !stops_here {
            pending = Some((at, at + word.len()));
        } else {
            break;
        }
        if stops_here {
            break;
        }
        let next = at + len;
        let after = skip_spaces(text, next);
        if after == next || after - next > 1 {
            break;
        }
        at = after;
    }
    let (&(first, _), &(_, last)) = (words.first()?, words.last()?);
    let name = &text[first..last];
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    // Chart labels are in capitals ("Appendix 1 HEALTH AND WELL BEING BOARD").
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    Some((name.to_string(), last))
}

/// "in accordance with 1.3 above", "matters detailed in 4.2 of this schedule".
fn bare_numbers(text: &str, in_schedule: bool, out: &mut Vec<Raw>) {
    // The pattern starts with digits, which no fast scan can look for: skip texts without its words.
    if !(text.contains("above") || text.contains("below") || text.contains("chedule")) {
        return;
    }
    let taken: Vec<Range<usize>> = out.iter().map(|r| r.phrase.clone()).collect();
    for c in BARE.captures_iter(text) {
        let (Some(all), Some(num), Some(tail)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        let before = text[..all.start()].chars().next_back();
        if before.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '.' | '£' | '$' | '€' | ',' | '-' | '/')) {
            continue;
        }
        if !BARE_LEAD.contains(&word_before(text, all.start()).as_str()) {
            continue;
        }
        if taken.iter().any(|t| t.start < all.end() && all.start() < t.end) {
            continue;
        }
        let Some(key) = Number::parse(num.as_str()).map(|n| n.key()) else { continue };
        let this = tail.as_str().contains("chedule");
        out.push(Raw {
            kind: if in_schedule { RefKind::Paragraph } else { RefKind::Clause },
            key,
            within: if this { Within::Schedule } else { Within::Context },
            schedule: None,
            this_schedule: this,
            schedule_named: None,
            named: None,
            name_precedes: false,
            range: num.range(),
            phrase: all.range(),
            form: Form::Single,
        });
    }
}
