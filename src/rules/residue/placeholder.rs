//! Placeholders and drafting notes in one block of text.
//!
//! Square brackets are also ordinary drafting: an abbreviation ("[CWPT]"), a
//! label ("[Consultation]"), a note ("[50% time]", "[See 7 below]"). A
//! bracket is a placeholder only when its content says so: it is blank or
//! only dots, underscores, `●` or `X`s; it starts with an instruction
//! ("insert", "name of", "TBC"); or it offers short alternatives split by a
//! slash ("[Trust/Council]"). Outside brackets, "TBC"/"TBA"/"TBD", date
//! templates ("XX/XX/20XX") and a standalone "to be confirmed" are
//! placeholders too.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::pattern::starts_with_ignore_ascii_case;
use crate::model::{Block, Document, Section};
use crate::rules::{Example, Finding, Rule, Severity};

pub static PLACEHOLDER: Rule = Rule {
    code: "residue.placeholder",
    severity: Severity::Error,
    summary: "a placeholder or open option is left in the text",
    doc: "Blanks and options such as [insert date], [ ], [●], [Trust/Council], TBC or XX/XX/20XX mean the text is not \
          final. In an agreement that is signed (or whose status is not stated) it is an error; in a draft the same \
          text is reported as `residue.draft-placeholder`, a warning. Brackets that are the agreement's own words \
          (\"[CWPT]\", \"[Consultation]\", \"[50% time]\") are not placeholders: only blank brackets, instructions \
          (\"insert\", \"name of\", \"TBC\") and short slash-separated alternatives are.",
    example: Example::Body("## 14 Payments\n\n14.1 The [Trust/Council] shall pay £[ ] on [insert date]."),
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The placeholder as written.
    pub text: String,
}

/// Instructions a drafter leaves in a bracket: "[insert date]", "[name of officer]".
const INSTRUCTIONS: [&str; 22] = [
    "insert",
    "enter ",
    "add ",
    "complete",
    "specify",
    "tbc",
    "tba",
    "tbd",
    "to be confirmed",
    "to be agreed",
    "to be determined",
    "to be advised",
    "name of",
    "date of",
    "details of",
    "amount of",
    "drafting note",
    "note to draft",
    "ntd",
    "placeholder",
    "delete as appropriate",
    "select ",
];

/// Whole-bracket field names: "[name]", "[date]".
const FIELDS: [&str; 12] =
    ["name", "date", "address", "amount", "number", "title", "party", "partner", "signature", "year", "sum", "£"];

static TOKENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u:\b)(?:TBC|TBA|TBD|tbc|tba|tbd)(?-u:\b)",
        // XX/XX/20XX, DD/MM/YYYY, __/__/____
        r"|(?:XX|xx|DD|dd|__|\.\.)[/.\-](?:XX|xx|MM|mm|__|\.\.)[/.\-](?:(?:19|20)(?:XX|xx|\d\d)|XXXX|xxxx|YYYY|yyyy|_{2,4}|\.{2,4})",
        r"|(?-u:\b)(?:19|20)(?:XX|xx)(?-u:\b)",
        r"|£\s?X{1,3}(?:,XXX)*(?-u:\b)",
    ))
    .expect("placeholder pattern is valid")
});

static TO_BE_CONFIRMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u)\bto be (?:confirmed|advised|determined)\b").expect("pattern is valid"));

/// The placeholders of one text: what [`in_document`] finds in each block.
#[cfg(test)]
pub fn placeholders(text: &str) -> Vec<Hit> {
    let mut hits = bracketed(text);
    for m in TOKENS.find_iter(text) {
        hits.push(Hit { range: m.range(), text: m.as_str().to_string() });
    }
    for m in TO_BE_CONFIRMED.find_iter(text) {
        if stands_alone(text, m.range()) {
            hits.push(Hit { range: m.range(), text: m.as_str().to_string() });
        }
    }
    outermost(hits)
}

/// [`placeholders`] of every block of a document, by block: the patterns
/// search the document's joined text once (they cannot match a NUL).
pub fn in_document(doc: &Document) -> Vec<Vec<Hit>> {
    let mut hits: Vec<Vec<Hit>> = doc.blocks.iter().map(|b| bracketed(&b.text)).collect();
    let joined = doc.joined();
    for m in TOKENS.find_iter(&joined.text) {
        let (b, range) = joined.locate(m.range());
        hits[b].push(Hit { range, text: m.as_str().to_string() });
    }
    for m in TO_BE_CONFIRMED.find_iter(&joined.text) {
        let (b, range) = joined.locate(m.range());
        if stands_alone(&doc.blocks[b].text, range.clone()) {
            hits[b].push(Hit { range, text: m.as_str().to_string() });
        }
    }
    hits.into_iter().map(outermost).collect()
}

/// Bracketed placeholders: "[insert date]", "[Trust/Council]".
fn bracketed(text: &str) -> Vec<Hit> {
    bracket_groups(text)
        .into_iter()
        .filter(|(_, inner)| is_placeholder(inner))
        .map(|(range, _)| Hit { text: text[range.clone()].to_string(), range })
        .collect()
}

/// The hits in reading order, without those inside another.
fn outermost(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
    let mut out: Vec<Hit> = Vec::new();
    for h in hits {
        if out.last().is_none_or(|last| h.range.start >= last.range.end) {
            out.push(h);
        }
    }
    out
}

/// `[…]` groups without nesting: (range including brackets, content).
fn bracket_groups(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Brackets are ASCII, never part of another character: bytes suffice.
    for i in memchr::memchr2_iter(b'[', b']', text.as_bytes()) {
        if text.as_bytes()[i] == b'[' {
            open = Some(i);
        } else if let Some(start) = open.take() {
            out.push((start..i + 1, &text[start + 1..i]));
        }
    }
    out
}

pub fn is_placeholder(inner: &str) -> bool {
    let t = inner.trim();
    let lower = t.to_lowercase();
    if t.chars().all(|c| c.is_whitespace() || matches!(c, '.' | '_' | '…' | '●' | '•' | '*' | '-' | '–' | '/'))
    {
        return true;
    }
    if t.len() >= 2 && t.chars().all(|c| c == 'X' || c == 'x') {
        return true;
    }
    if t.contains(['●', '…']) || t.contains("...") || t.contains("__") {
        return true;
    }
    if INSTRUCTIONS.iter().any(|i| lower.starts_with(i)) || FIELDS.contains(&lower.as_str()) {
        return true;
    }
    is_alternatives(t)
}

/// "[Trust/Council]", "[he / she]": a choice left open. Dates, figures and
/// web addresses use slashes too, so every alternative must be a short phrase
/// of words.
fn is_alternatives(t: &str) -> bool {
    if t.len() > 40 || !t.contains('/') || t.contains("//") || t.to_lowercase().contains("www") {
        return false;
    }
    t.split('/').all(|part| {
        let p = part.trim();
        !p.is_empty()
            && p.split_whitespace().count() <= 4
            && p.chars().any(char::is_alphabetic)
            && !p.chars().any(|c| c.is_ascii_digit())
    })
}

/// "Date: to be confirmed", "(to be confirmed)": the phrase is the value,
/// not part of a sentence such as "the fee is to be confirmed by the Board".
fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].trim_end().chars().next_back();
    let after = text[range.end..].trim_start().chars().next();
    let before_ok = before.is_none_or(|c| matches!(c, ':' | '-' | '–' | '—' | '(' | '[' | '|'));
    let after_ok = after.is_none_or(|c| matches!(c, ')' | ']' | '.' | ';' | ',' | '|'));
    before_ok && after_ok
}

/// A paragraph that is wholly a bracketed note ("[This table is correct as of
/// January 2019 …]") or is labelled as one ("Drafting note: …"). Short
/// brackets are labels, and "[Not used]" or "[Intentionally left blank]" are
/// the agreement's own way of keeping a number.
pub fn is_drafting_note(text: &str) -> bool {
    let t = text.trim();
    // Every paragraph is asked: its opening bytes are compared in any ASCII
    // case (no other letter lower-cases to these), and the rest is
    // lower-cased only when it is bracketed.
    let opens = |p| starts_with_ignore_ascii_case(t, p);
    if ["drafting note", "note to draft", "ntd:", "note for drafting"].into_iter().any(opens) {
        return true;
    }
    let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else { return false };
    let lower = t.to_lowercase();
    let single_group = !inner.contains(['[', ']']);
    let kept_number = ["not used", "left blank", "intentionally blank", "deleted"].iter().any(|k| lower.contains(k));
    single_group && !kept_number && inner.split_whitespace().count() >= 4 && !is_placeholder(inner)
}

pub fn check_placeholders(b: &Block, hits: Vec<Hit>, rule: &'static Rule, out: &mut Vec<Finding>) {
    for hit in hits {
        // "Signature: ………" in a signature block is the line the signatory
        // signs on, not a blank left by the drafter (an unsigned block in a
        // signed agreement is `residue.empty-execution`'s to report).
        if b.section == Section::Execution && is_leader(&hit.text) {
            continue;
        }
        out.push(
            Finding::new(rule, b.span_of(hit.range.clone()), format!("placeholder {} left in the text", hit.text))
                .label("placeholder")
                .help("replace it with the agreed words, or delete it"),
        );
    }
}

/// Dots, ellipses, underscores and the slashes of a date template: a line
/// to write on.
fn is_leader(text: &str) -> bool {
    text.chars().all(|c| matches!(c, '.' | '…' | '_' | '/' | '-' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_searched_at_once_has_each_blocks_placeholders() {
        for doc in crate::rules::testing::bundled_documents() {
            let by_block: Vec<Vec<Hit>> = doc.blocks.iter().map(|b| placeholders(&b.text)).collect();
            assert_eq!(in_document(&doc), by_block, "{}", doc.file.path);
        }
    }

    fn found(text: &str) -> Vec<String> {
        placeholders(text).into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn bracketed_placeholders() {
        assert_eq!(found("made on [insert date] between"), ["[insert date]"]);
        assert_eq!(found("the sum of £[ ] per year"), ["[ ]"]);
        assert_eq!(found("[●] days"), ["[●]"]);
        assert_eq!(found("[...] and [___] and [XX]"), ["[...]", "[___]", "[XX]"]);
        assert_eq!(found("signed by [name]"), ["[name]"]);
        assert_eq!(found("the [Trust/Council] shall"), ["[Trust/Council]"]);
        assert_eq!(found("[Name of officer] will chair"), ["[Name of officer]"]);
        assert_eq!(found("[TBC]"), ["[TBC]"]);
    }

    #[test]
    fn the_agreements_own_brackets_are_not_placeholders() {
        for text in [
            "Costs incurred by Coventry and Warwickshire Partnership NHS Trust [CWPT] and subsequently recharged",
            "Key MH responsibilities, incl. non-Section 75 [50% time]:",
            "agreed through the multi-disciplinary process. [See 7 below]",
            "paragraph 20.1 and 20.2 of this schedule [Consultation] and paragraph 21.1 [Management of Change].",
            "the dates [1/4/2019] and [2019/20]",
            "see [https://example.org/a/b]",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn unbracketed_placeholders() {
        assert_eq!(found("Commencement Date: TBC"), ["TBC"]);
        assert_eq!(found("Review date XX/XX/20XX."), ["XX/XX/20XX"]);
        assert_eq!(found("from 1 April 20XX"), ["20XX"]);
        assert_eq!(found("Date: to be confirmed."), ["to be confirmed"]);
        assert_eq!(found("a contribution of £XX,XXX"), ["£XX,XXX"]);
        assert_eq!(found("Start date (to be confirmed)"), ["to be confirmed"]);
    }

    #[test]
    fn sentences_and_words_are_not_placeholders() {
        for text in [
            "The amount is to be confirmed by the Board in writing.",
            "Any significant changes from to be agreed and confirmed by the Board",
            "the TBCA scheme; a tbcx",
            "in 2019 and 2020",
            "XXL sizes",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn drafting_notes() {
        assert!(is_drafting_note(
            "[This table is correct as of January 2019 and is an estimate of 2019/20 costs. Any significant changes from to be agreed and confirmed by the Board]"
        ));
        assert!(is_drafting_note("Drafting note: check with finance"));
        assert!(!is_drafting_note("[Not used]"));
        assert!(!is_drafting_note("[This clause has intentionally been left blank]"));
        assert!(!is_drafting_note("[See 7 below]"));
        assert!(!is_drafting_note("The text [with a note in it] goes on."));
        assert!(!is_drafting_note("[insert the name of the Partner here]"), "a placeholder, not a note");
    }
}
