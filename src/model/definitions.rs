//! Defined terms: `“Term” means …` paragraphs in a definitions clause, and
//! inline definitions in the text: `("the Trust")`, `(the "Trust")`,
//! `together known as “Partners” and individually as a “Partner”`, `the
//! expression “Force Majeure” shall include …`.
//!
//! [`definitions`] lists every definition of an agreement in reading order
//! (body, then schedules). It is used by the `terms` rules and by the diff
//! command (definitions added, removed or changed, matched by
//! [`Definition::key`]).
//!
//! Parsing is tolerant: straight and curly quotes in any mix, a closing
//! quote used as an opener (`”the 2006 Act”`), a missing "means" (`“Carer”
//! an individual who …`). What is odd about a definition is recorded in
//! [`Definition::problems`] for the `terms.malformed-definition` rule rather
//! than making the definition disappear.

use std::ops::Range;

use super::agreement::{self, Agreement};
use super::doc_id::DocId;
use super::document::{BlockKind, Document};
use super::pattern::starts_with_ignore_ascii_case;
use super::references;
use super::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinitionForm {
    /// A paragraph of a definitions clause: `“Term” means …`.
    Clause,
    /// In running text: `("the Trust")`, `known as “Partners”`, `the expression “Force Majeure” shall include`.
    Inline,
}

/// Something wrong with how a definition is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No "means" / "shall mean" after the term: `“Carer” an individual who …`.
    NoVerb,
    /// Two alternative terms inside one pair of quotes: `“A Functions or B Functions”`.
    AlternativesInOneQuote,
    /// A bracket or quote opened and not closed, or closed and not opened.
    Unbalanced(char),
    /// The definition does not end with ";" or ".".
    NoTerminator,
    /// The term opens with a closing quote: `”the 2006 Act”`.
    ClosingQuoteOpener,
    /// An inline definition that defines a name as itself: `the Equality Act, (“the Equality Act”)`.
    Circular,
}

#[derive(Debug, Clone)]
pub struct Definition {
    /// The term as written inside its quotes: "the 2006 Act", "Seconded Employee".
    pub term: String,
    /// The term inside its quotes.
    pub span: Span,
    /// Other names defined with it: "AMHP" in `“Approved Mental Health
    /// Professional” or “AMHP” means`, "Seconded Employees" in `(or
    /// collectively “Seconded Employees”)`, "Partner" in `known as “Partners”
    /// and individually as a “Partner”`, and the parts of `“A or B”`.
    pub aliases: Vec<String>,
    /// What the term means: the text after "means" (with any items that
    /// follow it), or for an inline definition the words before it.
    pub meaning: String,
    pub doc: DocId,
    /// The block that holds the term.
    pub block: usize,
    /// The definition's blocks: its paragraph and the items continuing it.
    pub blocks: Range<usize>,
    pub form: DefinitionForm,
    pub problems: Vec<Problem>,
    /// Byte range in the opening block's text that holds the quoted term and
    /// its aliases (with the parenthesis of an inline definition): the text
    /// that defines rather than uses.
    pub names_range: Range<usize>,
    /// Defined for one part only: `In this Schedule “Carer” includes …`.
    pub scoped: bool,
}

impl Definition {
    /// The term without a leading article: "the Trust" → "Trust".
    pub fn core(&self) -> &str {
        strip_article(&self.term)
    }

    /// The term and its aliases, without leading articles.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.core()).chain(self.aliases.iter().map(|a| strip_article(a)))
    }

    /// What two versions of an agreement match definitions by: the core term
    /// with spacing normalised and straight apostrophes.
    pub fn key(&self) -> String {
        self.core().split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'")
    }
}

/// "the Trust" → "Trust"; "The Partners" → "Partners".
pub fn strip_article(term: &str) -> &str {
    let t = term.trim();
    t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).map_or(t, str::trim_start)
}

/// Every definition of an agreement: body first, then each schedule.
pub fn definitions(a: &Agreement) -> Vec<Definition> {
    agreement::documents(a).flat_map(|(id, doc)| definitions_in(doc, id)).collect()
}

/// The definitions of one document.
pub fn definitions_in(doc: &Document, id: DocId) -> Vec<Definition> {
    let mut out = clause_definitions(doc, id);
    let taken: Vec<(usize, usize)> = out.iter().map(|d| (d.block, d.names_range.end)).collect();
    out.extend(inline_definitions(doc, id, &taken));
    out.sort_by_key(|d| (d.block, d.span.range.start));
    out
}

const DOUBLE: [char; 4] = ['“', '”', '"', '„'];
const SINGLE: [char; 3] = ['‘', '’', '\''];
const VERBS: [&str; 7] =
    ["shall have the meaning", "has the meaning", "shall mean", "means", "mean", "shall include", "includes"];

fn is_quote(c: char) -> bool {
    DOUBLE.contains(&c) || SINGLE.contains(&c)
}

/// The first UTF-8 byte of every typographic quote mark (U+2018–U+201E).
const QUOTE_LEAD: u8 = 0xE2;

/// Whether `text` holds a quote mark. This runs on every block of an
/// agreement, so it looks only at the bytes that can begin one (found with
/// `memchr`): `"`, `'`, and E2 80 98/99/9C/9D/9E, the UTF-8 of ‘ ’ “ ” „.
fn has_quote(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'"', b'\'', QUOTE_LEAD, bytes).any(|i| {
        bytes[i] != QUOTE_LEAD
            || (bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x98 | 0x99 | 0x9C | 0x9D | 0x9E)))
    })
}

/// A quoted term starting at `at` (which holds a quote): (term range, end after the closing quote).
fn quoted(text: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let opener = text[at..].chars().next().filter(|c| is_quote(*c))?;
    let start = at + opener.len_utf8();
    let rest = &text[start..];
    let close = if DOUBLE.contains(&opener) {
        rest.find(DOUBLE)?
    } else {
        // A closing single quote, not an apostrophe inside a word ("Council’s").
        rest.char_indices()
            .find(|&(i, c)| {
                SINGLE.contains(&c) && !rest[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphabetic)
            })?
            .0
    };
    let inner = &rest[..close];
    let trimmed = inner.trim();
    if trimmed.is_empty() || trimmed.len() > 150 {
        return None;
    }
    let lead = inner.len() - inner.trim_start().len();
    let term = start + lead..start + lead + trimmed.len();
    let closer = rest[close..].chars().next().map_or(1, char::len_utf8);
    Some((term, start + close + closer))
}

/// The definitions clause: a numbered heading containing "Definition", up
/// to the next numbered heading.
fn definition_ranges(doc: &Document) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.is_heading() && b.text.to_lowercase().contains("definition") {
            let end = doc.blocks[i + 1..]
                .iter()
                .position(|n| n.is_heading() && n.number.is_some())
                .map_or(doc.blocks.len(), |p| i + 1 + p);
            out.push(i + 1..end);
        }
    }
    out
}

fn starts_with_quote(text: &str) -> bool {
    text.trim_start().chars().next().is_some_and(is_quote)
}

/// `In this Schedule `, `For the purposes of this Part, `: the words that
/// open a definition paragraph; where its quoted term starts, and whether
/// it is made for one part only (not for "this Agreement").
fn scope_prefix(text: &str) -> Option<(usize, bool)> {
    const OPENERS: [&str; 3] = ["in this ", "for the purposes of this ", "for the purpose of this "];
    let trimmed = text.trim_start();
    // Every block is asked: lower-case it only when it opens so.
    if !OPENERS.iter().any(|p| starts_with_ignore_ascii_case(trimmed, p)) {
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    let lead = text.len() - trimmed.len();
    let after = OPENERS.iter().find_map(|p| lower.strip_prefix(p))?;
    let part = ["schedule", "part", "clause", "appendix", "annex", "paragraph", "section", "agreement", "deed"]
        .iter()
        .find(|w| starts_with_word(after, w))?;
    let rest = &after[part.len()..];
    let skip = rest.len() - rest.trim_start_matches([',', ' ']).len();
    let at = lead + (lower.len() - after.len()) + part.len() + skip;
    let scoped = !matches!(*part, "agreement" | "deed");
    text[at..].chars().next().filter(|c| is_quote(*c)).map(|_| (at, scoped))
}

/// Whether a block opens a definition paragraph: a quoted term, or one
/// after the words that scope it to a part.
fn opens_definition(text: &str) -> bool {
    starts_with_quote(text) || scope_prefix(text).is_some()
}

fn clause_definitions(doc: &Document, id: DocId) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    for range in definition_ranges(doc) {
        let mut current: Option<Definition> = None;
        for i in range {
            let b = &doc.blocks[i];
            let is_start = !b.is_heading() && b.kind != BlockKind::Code && opens_definition(&b.text);
            let parsed = if is_start { parse_clause_definition(doc, id, i) } else { None };
            if let Some(def) = parsed {
                out.extend(current.take());
                current = Some(def);
                continue;
            }
            // A numbered sub-clause ("1.2 Except where …") or a heading ends the run of definitions.
            let dotted = b.number.as_ref().is_some_and(|n| n.value.components().is_some());
            if b.is_heading() || dotted {
                out.extend(current.take());
            } else if let Some(def) = current.as_mut() {
                def.blocks.end = i + 1;
                def.meaning.push('\n');
                def.meaning.push_str(&b.display_text());
            }
        }
        out.extend(current.take());
    }
    out.extend(free_definitions(doc, id, &definition_ranges(doc)));
    out.sort_by_key(|d| d.block);
    for def in &mut out {
        finish_clause_definition(doc, def);
    }
    // The hanging style sets each term above its meaning with no "means"
    // ("“Host Partner”" / "the Foundation Trust;"): where most definitions
    // are written so, it is the agreement's style, not a slip in one.
    let without_verb = out.iter().filter(|d| d.problems.contains(&Problem::NoVerb)).count();
    if without_verb >= 3 && without_verb * 2 > out.len() {
        out.iter_mut().for_each(|d| d.problems.retain(|p| *p != Problem::NoVerb));
    }
    out
}

/// Definition paragraphs outside a clause headed "Definitions": an
/// imported agreement whose headings are plain paragraphs, lettered
/// definitions, and `In this Schedule “Step-Down Bed” means …`. Without the
/// heading to vouch for them, only paragraphs with a defining verb count.
fn free_definitions(doc: &Document, id: DocId, ranges: &[Range<usize>]) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    let mut current: Option<Definition> = None;
    // After "the following definition shall be inserted:", quoted definitions
    // are another document's text (a deed of variation), not this one's.
    let mut amending = false;
    for (i, b) in doc.blocks.iter().enumerate() {
        if ranges.iter().any(|r| r.contains(&i)) {
            out.extend(current.take());
            continue;
        }
        let candidate = !b.is_heading() && b.kind != BlockKind::Code && opens_definition(&b.text);
        let parsed = candidate.then(|| parse_clause_definition(doc, id, i)).flatten();
        if let Some(def) = parsed.filter(|d| !d.problems.contains(&Problem::NoVerb)) {
            out.extend(current.take());
            if !amending {
                current = Some(def);
            }
            continue;
        }
        amending = introduces_amendment(&b.text);
        // Items after "means:" continue it; anything else ends it.
        let item = b.kind != BlockKind::Code
            && !b.is_heading()
            && b.number.as_ref().is_some_and(|n| n.value.components().is_none());
        match current.as_mut() {
            Some(def) if item && (def.meaning.trim_end().ends_with(':') || def.blocks.end > def.block + 1) => {
                def.blocks.end = i + 1;
                def.meaning.push('\n');
                def.meaning.push_str(&b.display_text());
            }
            _ => out.extend(current.take()),
        }
    }
    out.extend(current.take());
    out
}

/// "… shall be deleted and replaced with:", "the following definitions shall be inserted:".
fn introduces_amendment(text: &str) -> bool {
    // Asked of every block: most do not end with a colon.
    let text = text.trim_end();
    if !text.ends_with(':') {
        return false;
    }
    let lower = text.to_lowercase();
    ["insert", "replace", "substitut", "amend", "delete"].iter().any(|w| lower.contains(w))
}

fn parse_clause_definition(doc: &Document, id: DocId, i: usize) -> Option<Definition> {
    let b = &doc.blocks[i];
    let text = b.text.as_str();
    let scoped = scope_prefix(text);
    let at = scoped.map_or(text.len() - text.trim_start().len(), |(at, _)| at);
    let opener = text[at..].chars().next()?;
    let (term_range, mut pos) = quoted(text, at)?;
    let term = text[term_range.clone()].to_string();
    let mut problems = Vec::new();
    if opener == '”' {
        problems.push(Problem::ClosingQuoteOpener);
    }
    let mut aliases = Vec::new();
    // `or “AMHP”`, `(or collectively “Seconded Employees”)`.
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        let skip = rest.len() - trimmed.len();
        if let Some(after_or) = trimmed.strip_prefix("or ").or_else(|| trimmed.strip_prefix("and ")) {
            let q = pos + skip + (trimmed.len() - after_or.len());
            let q = q + (text[q..].len() - text[q..].trim_start().len());
            if let Some((r, end)) = quoted(text, q) {
                aliases.push(text[r].to_string());
                pos = end;
                continue;
            }
        }
        if trimmed.starts_with('(') {
            if let Some((found, end)) = parenthesised_terms(text, pos + skip) {
                aliases.extend(found.into_iter().map(|r| text[r].to_string()));
                pos = end;
                continue;
            }
        }
        break;
    }
    // “A Functions or B Functions” in one pair of quotes.
    if term.contains(" or ") {
        problems.push(Problem::AlternativesInOneQuote);
        aliases.extend(term.split(" or ").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()));
    }
    let rest = text[pos..].trim_start();
    let verb = VERBS.iter().find(|v| starts_with_word(rest, v));
    let meaning = match verb {
        Some(v) => rest[v.len()..].trim_start_matches([':', ' ', ',']).to_string(),
        None => {
            problems.push(Problem::NoVerb);
            rest.to_string()
        }
    };
    let names_range = at..pos;
    Some(Definition {
        span: b.span_of(term_range),
        term,
        aliases,
        meaning,
        doc: id,
        block: i,
        blocks: i..i + 1,
        form: DefinitionForm::Clause,
        problems,
        names_range,
        scoped: scoped.is_some_and(|(_, part)| part),
    })
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word) && !text[word.len()..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Checks that need the whole definition, continuation items included.
fn finish_clause_definition(doc: &Document, def: &mut Definition) {
    let first = doc.blocks[def.block].text.get(def.names_range.end..).unwrap_or("");
    let mut all = first.to_string();
    for b in &doc.blocks[def.block + 1..def.blocks.end] {
        all.push('\n');
        all.push_str(&b.display_text());
    }
    def.problems.extend(unbalanced(&all).into_iter().map(Problem::Unbalanced));
    let last = doc.blocks[def.blocks.end - 1].text.trim_end();
    let ends_ok =
        last.ends_with([';', '.']) || last.ends_with("; and") || last.ends_with("; or") || last.ends_with("and/or");
    if !ends_ok {
        def.problems.push(Problem::NoTerminator);
    }
}

/// Brackets and quotes opened and not closed, or closed and not opened.
/// Apostrophes, and ")" ending an item label ("i)") with nothing open, are
/// not counted.
fn unbalanced(text: &str) -> Vec<char> {
    let (mut round, mut square, mut double, mut single) = (0i32, 0i32, 0i32, 0i32);
    let mut stray = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        match c {
            '(' => round += 1,
            ')' if round > 0 => round -= 1,
            ')' if !is_item_label_end(&chars, i) => stray.push(')'),
            '[' => square += 1,
            ']' if square > 0 => square -= 1,
            ']' => stray.push(']'),
            '“' => double += 1,
            '”' => double -= 1,
            '‘' => single += 1,
            // An apostrophe inside or after a word ("Council’s", "Councils’ ") is not a quote.
            '’' if single > 0
                && !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)) =>
            {
                single -= 1
            }
            _ => {}
        }
    }
    let mut out = stray;
    out.dedup();
    for (count, c) in [(round, '('), (square, '['), (single, '‘')] {
        if count > 0 {
            out.push(c);
        }
    }
    match double {
        d if d > 0 => out.push('“'),
        d if d < 0 => out.push('”'),
        _ => {}
    }
    out
}

/// ")" of an item label at a word start: "i)", "a)", "2)".
fn is_item_label_end(chars: &[char], at: usize) -> bool {
    let mut i = at;
    while i > 0 && chars[i - 1].is_ascii_alphanumeric() {
        i -= 1;
    }
    let label = at - i;
    (1..=4).contains(&label) && (i == 0 || chars[i - 1].is_whitespace())
}

/// `("the Trust")`, `(the "Trust")`, `(or collectively “Seconded
/// Employees”)`: a parenthesis holding only quoted terms and a few linking
/// words. Returns the terms' ranges and the end after ")".
fn parenthesised_terms(text: &str, open: usize) -> Option<(Vec<Range<usize>>, usize)> {
    const LINKS: &[&str] = &[
        "the",
        "a",
        "an",
        "each",
        "together",
        "collectively",
        "individually",
        "hereinafter",
        "referred",
        "to",
        "as",
        "or",
        "and",
        "also",
        "known",
        "called",
        "jointly",
        "being",
        "herein",
        "below",
    ];
    let close = open + text[open..].find(')')?;
    if close - open > 200 {
        return None;
    }
    let mut terms = Vec::new();
    let mut pos = open + 1;
    while pos < close {
        let c = text[pos..].chars().next()?;
        if c.is_whitespace() || c == ',' {
            pos += c.len_utf8();
        } else if is_quote(c) {
            let (r, end) = quoted(text, pos)?;
            if end > close + 1 {
                return None;
            }
            terms.push(r);
            pos = end;
        } else {
            let len =
                text[pos..close].find(|c: char| c.is_whitespace() || c == ',' || is_quote(c)).unwrap_or(close - pos);
            if !LINKS.contains(&text[pos..pos + len].to_lowercase().as_str()) {
                return None;
            }
            pos += len.max(1);
        }
    }
    (!terms.is_empty()).then_some((terms, close + 1))
}

fn inline_definitions(doc: &Document, id: DocId, taken: &[(usize, usize)]) -> Vec<Definition> {
    const INTRODUCERS: [&str; 6] = ["known as", "referred to as", "expression", "the term", "the phrase", "the words"];
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let text = b.text.as_str();
        if b.kind == BlockKind::Code || !has_quote(text) {
            continue;
        }
        // A clause definition's own term and aliases are not inline definitions.
        let skip_to = taken.iter().find(|(blk, _)| *blk == i).map_or(0, |&(_, end)| end);
        // Candidates: each "(", and each quote when the text has words that introduce a term.
        let introduced = INTRODUCERS.iter().any(|w| text.contains(w));
        let mut refs = None;
        let candidates =
            openings(text.as_bytes(), skip_to, introduced).into_iter().filter_map(|at| match text.as_bytes()[at] {
                b'(' => Some((at, '(')),
                _ => text[at..].chars().next().filter(|&c| is_quote(c)).map(|c| (at, c)),
            });
        for (at, c) in candidates {
            let found = match c {
                '(' => parenthesised_terms(text, at).map(|(terms, end)| (terms, at..end)),
                _ => phrase_terms(text, at).map(|terms| (terms, at..at)),
            };
            let Some((terms, whole)) = found else { continue };
            // "Schedule 8 (“Secondment Arrangements”)" names a reference's target.
            let refs = refs.get_or_insert_with(|| references::references_in_block(doc, i));
            if refs.iter().any(|r| r.phrase.start <= at && at < r.phrase.end) {
                continue;
            }
            out.extend(inline_definition(doc, id, i, terms, whole));
        }
    }
    out
}

/// Where a term may follow, from byte `from`: each '(' and, with `quotes`,
/// the first byte of each quote mark. These begin a character, so only
/// they need decoding; without quotes, memchr finds the few brackets.
fn openings(bytes: &[u8], from: usize, quotes: bool) -> Vec<usize> {
    let rest = bytes.get(from..).unwrap_or_default();
    if !quotes {
        return memchr::memchr_iter(b'(', rest).map(|i| from + i).collect();
    }
    let opening = |b: u8| matches!(b, b'(' | b'"' | b'\'' | QUOTE_LEAD);
    rest.iter().enumerate().filter(|&(_, &b)| opening(b)).map(|(i, _)| from + i).collect()
}

/// Quoted terms introduced in the running text at `at` (a quote):
/// `known as “Partners” and individually as a “Partner”`, `the expression
/// “Force Majeure” shall include`.
fn phrase_terms(text: &str, at: usize) -> Option<Vec<Range<usize>>> {
    if text[at..].starts_with('’') {
        return None;
    }
    let mut from = at.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let lower = text[from..at].trim_end().to_lowercase();
    let (term, end) = quoted(text, at)?;
    let after = text[end..].trim_start();
    let introduced =
        ["known as", "referred to as", "known as the", "referred to as the"].iter().any(|p| lower.ends_with(p));
    let expression = ["the expression", "the term", "the phrase", "the words"].iter().any(|p| lower.ends_with(p))
        && VERBS.iter().any(|v| starts_with_word(after, v));
    if !introduced && !expression {
        return None;
    }
    let mut terms = vec![term];
    // "… and individually as a “Partner”", "… and each a “Partner”".
    let rest = text[end..].trim_start();
    for lead in [
        "and individually as a ",
        "and individually as an ",
        "and individually as ",
        "and each a ",
        "and each an ",
        "and each as a ",
    ] {
        if let Some(r) = rest.strip_prefix(lead) {
            if let Some((t, _)) = quoted(text, text.len() - r.len()) {
                terms.push(t);
            }
            break;
        }
    }
    Some(terms)
}

fn inline_definition(
    doc: &Document,
    id: DocId,
    i: usize,
    terms: Vec<Range<usize>>,
    whole: Range<usize>,
) -> Option<Definition> {
    let b = &doc.blocks[i];
    let text = b.text.as_str();
    let first = terms.first()?.clone();
    let term = text[first.clone()].to_string();
    let aliases: Vec<String> = terms[1..].iter().map(|r| text[r.clone()].to_string()).collect();
    // What it names: for "(…)" the words before the parenthesis; for "expression “X” shall include" the words after.
    let after = text[first.end..].trim_start_matches(|c: char| is_quote(c) || c.is_whitespace());
    let verb = VERBS.iter().find(|v| starts_with_word(after, v));
    let meaning = match verb {
        Some(v) => after[v.len()..].trim().to_string(),
        None => words_before(text, if whole.is_empty() { phrase_start(text, first.start) } else { whole.start }),
    };
    let mut problems = Vec::new();
    if verb.is_none()
        && !whole.is_empty()
        && capitalised_run_before(text, whole.start).eq_ignore_ascii_case(strip_article(&term))
    {
        problems.push(Problem::Circular);
    }
    Some(Definition {
        span: b.span_of(first.clone()),
        term,
        aliases,
        meaning,
        doc: id,
        block: i,
        blocks: i..i + 1,
        form: DefinitionForm::Inline,
        problems,
        names_range: if whole.is_empty() {
            first.start.saturating_sub(1)..terms.last().map_or(first.end, |r| r.end + 1).min(text.len())
        } else {
            whole
        },
        scoped: false,
    })
}

/// Start of "together known as" and similar before a quoted term.
fn phrase_start(text: &str, quote: usize) -> usize {
    // ASCII lower-casing keeps byte offsets, so the index found is one into `text`.
    let lower = text[..quote].to_ascii_lowercase();
    ["together known as", "known as", "referred to as", "the expression"]
        .iter()
        .find_map(|p| lower.rfind(p))
        .unwrap_or(quote)
}

/// The clause before `at`: back to the last sentence or clause boundary.
fn words_before(text: &str, at: usize) -> String {
    let head = &text[..at];
    let start = head.rfind([';', ':']).map_or(0, |i| i + 1);
    let start = head[start..].rfind(". ").map_or(start, |i| start + i + 2);
    head[start..].trim().trim_end_matches(',').trim().to_string()
}

/// The capitalised words just before `at`: "Equality Act" in "contrary to the Equality Act, (".
fn capitalised_run_before(text: &str, at: usize) -> String {
    let head = text[..at].trim_end().trim_end_matches(',').trim_end();
    let words: Vec<&str> = head.split(' ').collect();
    let mut n = 0;
    for w in words.iter().rev() {
        let connector = matches!(*w, "and" | "of" | "for" | "&");
        if w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || (connector && n > 0) {
            n += 1;
        } else {
            break;
        }
    }
    let run = &words[words.len() - n..];
    let run = run.iter().skip_while(|w| matches!(**w, "and" | "of" | "for" | "&")).copied().collect::<Vec<_>>();
    run.join(" ")
}

#[cfg(test)]
mod tests;
