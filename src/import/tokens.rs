//! Small recognisers shared by the importer's stages: provision numbers at the
//! start of a line, bullet glyphs, and the word lists the unwrapping
//! heuristics use.
//!
//! Numbers are recognised exactly as the agreement prints them (`1A.`, `27A`,
//! `16.3.2`, `(iv)`, `i)_`) and never normalised: the importer only needs to
//! know where a number stands, the text keeps what was written.

/// A provision number at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberToken {
    /// Exactly as printed, e.g. `1A.`, `(iv)`, `i)_`.
    pub raw: String,
    pub kind: NumKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumKind {
    /// `16.3.2`, `27A`, `2.3.`: the components, each with an optional
    /// capital-letter suffix (`27A` is 27 with suffix `A`).
    Dotted(Vec<(u32, Option<char>)>),
    /// `(a)`, `(iv)`, `(A)`, `(1)`, `i)`: an item label.
    Item,
}

impl NumberToken {
    /// A single component such as `12`, `1A.` or `38.`: the form a clause
    /// heading takes in the body.
    pub fn is_top_level(&self) -> bool {
        matches!(&self.kind, NumKind::Dotted(c) if c.len() == 1)
    }

    pub fn components(&self) -> Option<&[(u32, Option<char>)]> {
        match &self.kind {
            NumKind::Dotted(c) => Some(c),
            NumKind::Item => None,
        }
    }

    /// Whether `child` is numbered inside `self`: `2.1.` → `2.1.1`, `8.0` → `8.1`.
    pub fn is_parent_of(&self, child: &NumberToken) -> bool {
        let (Some(p), Some(c)) = (self.components(), child.components()) else {
            return false;
        };
        if c.len() == p.len() + 1 && c.starts_with(p) {
            return true;
        }
        // "8.0 Council Procedures" followed by "8.1 …": the ".0" names the
        // section itself, as some schedules number their headings.
        p.len() >= 2 && p.last() == Some(&(0, None)) && c.len() == p.len() && c[..p.len() - 1] == p[..p.len() - 1]
    }
}

/// Reads a provision number at the start of `text` (already trimmed). The
/// number must be followed by whitespace or end the text, so "2006 Act",
/// "17F," and "10-17" are not numbers. Four or more digits are a year or an
/// amount, never a provision number.
pub(crate) fn leading_number(text: &str) -> Option<NumberToken> {
    let (kind, len) = dotted(text).or_else(|| item(text))?;
    let rest = &text[len..];
    match rest.chars().next() {
        None => {}
        Some(c) if c.is_whitespace() => {}
        _ => return None,
    }
    Some(NumberToken { raw: text[..len].to_string(), kind })
}

fn dotted(text: &str) -> Option<(NumKind, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut comps = Vec::new();
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 3 {
            return None;
        }
        let value: u32 = text[start..i].parse().ok()?;
        if comps.is_empty() && value == 0 {
            // "0.8" is an amount, not a provision.
            return None;
        }
        let mut suffix = None;
        if i < b.len() && b[i].is_ascii_uppercase() && !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            suffix = Some(b[i] as char);
            i += 1;
        }
        comps.push((value, suffix));
        if i < b.len() && b[i] == b'.' {
            if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            // "2.3." or "1A.": a terminating dot belongs to the token.
            i += 1;
        }
        return Some((NumKind::Dotted(comps), i));
    }
}

fn item(text: &str) -> Option<(NumKind, usize)> {
    let open = text.starts_with('(');
    let body_start = usize::from(open);
    let close = text.get(body_start..)?.find(')')? + body_start;
    let label = &text[body_start..close];
    if !is_item_label(label, open) {
        return None;
    }
    let mut len = close + 1;
    // "i)_": an underscore typed after the label is part of the printed token
    // (a drafting slip the validator reports), so it stays with the number.
    if !open && text[len..].starts_with('_') {
        len += 1;
    }
    Some((NumKind::Item, len))
}

fn is_item_label(label: &str, open: bool) -> bool {
    let n = label.chars().count();
    if n == 0 || n > 6 || !label.is_ascii() {
        return false;
    }
    if label.bytes().all(|c| c.is_ascii_digit()) {
        return n <= 2;
    }
    if n == 1 && label.bytes().all(|c| c.is_ascii_alphabetic()) {
        return open || label.bytes().all(|c| c.is_ascii_lowercase());
    }
    if label.bytes().all(|c| b"ivxl".contains(&c)) {
        return true;
    }
    open && label.bytes().all(|c| b"IVXL".contains(&c))
}

/// Characters extractions print for list bullets: Word's Symbol-font bullet
/// survives as U+F0B7 (private use), others as ordinary glyphs.
const BULLETS: &[char] =
    &['·', '•', '●', '▪', '■', '◦', '‣', '⁃', '➢', '\u{F0B7}', '\u{F0A7}', '\u{F0D8}', '\u{F076}', '\u{F0FC}'];

/// If `text` starts with a bullet glyph, the text after it (trimmed).
pub(crate) fn strip_bullet(text: &str) -> Option<&str> {
    let first = text.chars().next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = &text[first.len_utf8()..];
    // "·Strategic" and "· Strategic" are bullets; "··" is not text we can read
    // as one, but stripping one glyph at a time keeps the rest verbatim.
    Some(rest.trim_start())
}

/// Words after which a line break cannot end a sentence or a provision: a
/// following line that starts with a number continues the reference
/// ("Schedule" / "14 who cares …").
pub(crate) fn ends_with_reference_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "clause",
        "clauses",
        "sub-clause",
        "sub-clauses",
        "schedule",
        "schedules",
        "paragraph",
        "paragraphs",
        "section",
        "sections",
        "regulation",
        "regulations",
        "part",
        "parts",
        "appendix",
        "annex",
        "article",
        "act",
        "no",
        "no.",
        "number",
        "page",
        "within",
        "than",
        "of",
        "to",
        "at",
        "least",
        "s.",
    ];
    last_word(text).is_some_and(|w| WORDS.contains(&w.to_lowercase().as_str()))
}

/// Words that leave a line hanging: the sentence must go on.
pub(crate) fn ends_with_dangling_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "for",
        "with",
        "by",
        "on",
        "at",
        "as",
        "from",
        "into",
        "under",
        "between",
        "that",
        "which",
        "who",
        "whose",
        "its",
        "their",
        "his",
        "her",
        "is",
        "are",
        "be",
        "been",
        "will",
        "shall",
        "may",
        "must",
        "should",
        "not",
        "than",
        "per",
        "such",
        "any",
        "all",
        "each",
        "either",
        "this",
        "these",
        "those",
        "other",
        "within",
        "including",
        "via",
        "both",
    ];
    let Some(word) = last_word(text) else {
        return false;
    };
    // "Appendix A": a capital letter on its own is a label, not an article.
    if word.len() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    let word = word.to_lowercase();
    if !WORDS.contains(&word.as_str()) {
        return false;
    }
    // "obligations; and" closes a list item: what follows is the next item.
    let before = text.split_whitespace().rev().nth(1).unwrap_or("");
    !(matches!(word.as_str(), "and" | "or") && before.ends_with(';'))
}

/// The last whitespace-separated word, if it is made of letters (with `-` or
/// `.` inside), so "obligations; and" is not dangling but "of the" is.
fn last_word(text: &str) -> Option<&str> {
    let w = text.split_whitespace().next_back()?;
    w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.').then_some(w)
}

/// Whether `text` ends a sentence or a provision: `.`, `;`, `:`, `?`, `!`,
/// possibly followed by closing quotes or brackets, or the drafting forms
/// `:-` and `;-`.
pub(crate) fn ends_with_terminator(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '"', '’', '\'', ')', ']']);
    let t = t.strip_suffix('-').unwrap_or(t).trim_end();
    t.ends_with(['.', ';', ':', '?', '!', '…'])
}

/// Whether a paragraph reads like a heading rather than a sentence: short,
/// at least half its words capitalised, no closing punctuation and no verb of
/// obligation. "5 Council Functions delegated to the Trust" is a title;
/// "1A. This Agreement shall take effect …" is not.
pub(crate) fn is_title_like(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "under", "&", "-",
        "–", "/", "vs.", "v",
    ];
    const VERBS: &[&str] =
        &["shall", "will", "may", "must", "should", "is", "are", "was", "were", "be", "means", "has", "have"];
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 90 {
        return false;
    }
    if text.ends_with(['.', ';', ':', ',']) || text.ends_with(":-") {
        return false;
    }
    let first = text.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || first == '(' || first == '“' || first == '"') {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 14 {
        return false;
    }
    // "Administrative assistant 1.0": a table row ends with a figure.
    let is_decimal = |w: &str| {
        w.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
    };
    if words.last().is_some_and(|w| is_decimal(w)) {
        return false;
    }
    let mut content = 0usize;
    let mut capitalised = 0usize;
    for w in &words {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        if VERBS.contains(&lower.as_str()) && bare == lower {
            return false;
        }
        if bare.is_empty() || SMALL.contains(&lower.as_str()) || !bare.chars().any(char::is_alphabetic) {
            continue;
        }
        content += 1;
        if bare.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
    }
    content == 0 || capitalised * 2 >= content
}

/// The words after a label that certainly opens a heading (`Part II:`,
/// `Appendix A`, `B.`): anything short that is not a sentence. "Aims of the
/// integrated service" qualifies; "This may be changed by agreement …" does not.
pub(crate) fn is_heading_rest(text: &str) -> bool {
    const VERBS: &[&str] = &["shall", "will", "may", "must", "should", "is", "are", "was", "were", "be", "means"];
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    text.chars().count() <= 100
        && words.len() <= 16
        && !text.ends_with(['.', ';', ',', ':'])
        && !words.iter().any(|w| VERBS.contains(w))
}

/// ALL CAPITALS text (letters present, none lower-case), as in
/// "1A. COMMENCEMENT AND DURATION".
pub(crate) fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> Option<String> {
        leading_number(s).map(|n| n.raw)
    }

    #[test]
    fn dotted_numbers_are_read_as_printed() {
        assert_eq!(raw("1A. COMMENCEMENT AND DURATION").as_deref(), Some("1A."));
        assert_eq!(raw("27A Health and Social Care Records").as_deref(), Some("27A"));
        assert_eq!(raw("27A.1 The Trust shall").as_deref(), Some("27A.1"));
        assert_eq!(raw("16.3.2 recognise that").as_deref(), Some("16.3.2"));
        assert_eq!(raw("2.3. Both").as_deref(), Some("2.3."));
        assert_eq!(raw("38. No Partnership").as_deref(), Some("38."));
        assert_eq!(raw("11.8").as_deref(), Some("11.8"));
        assert_eq!(raw("5.1.1    Promoting wellbeing").as_deref(), Some("5.1.1"));
    }

    #[test]
    fn item_labels_are_read_as_printed() {
        assert_eq!(raw("(iv) Significant policy changes;").as_deref(), Some("(iv)"));
        assert_eq!(raw("(a) Assessing").as_deref(), Some("(a)"));
        assert_eq!(raw("(A) With the intention").as_deref(), Some("(A)"));
        assert_eq!(raw("(1) COVENTRY").as_deref(), Some("(1)"));
        assert_eq!(raw("i)_ Clause 17").as_deref(), Some("i)_"));
        assert_eq!(raw("ii)  to defray").as_deref(), Some("ii)"));
    }

    #[test]
    fn years_amounts_and_ranges_are_not_numbers() {
        for s in [
            "2019",
            "1983 (as amended)",
            "17F, 18, 20A",
            "10-17 (psychoses)",
            "0.8 54,091",
            "2006 Act",
            "(as amended)",
            "(CPA) care plan",
            "1.5m",
            "(2006)",
        ] {
            assert_eq!(raw(s), None, "{s}");
        }
    }

    #[test]
    fn parent_numbers() {
        let n = |s: &str| leading_number(s).unwrap();
        assert!(n("2.1.").is_parent_of(&n("2.1.1")));
        assert!(n("1").is_parent_of(&n("1.1")));
        assert!(n("8.0").is_parent_of(&n("8.1")));
        assert!(!n("1.1.").is_parent_of(&n("1.2.")));
        assert!(!n("(a)").is_parent_of(&n("(b)")));
    }

    #[test]
    fn bullets_are_stripped_of_their_glyph_only() {
        assert_eq!(strip_bullet("·   Strategic development"), Some("Strategic development"));
        assert_eq!(strip_bullet("\u{F0B7} Payroll"), Some("Payroll"));
        assert_eq!(strip_bullet("●       Operations Manager - Council"), Some("Operations Manager - Council"));
        assert_eq!(strip_bullet("Payroll"), None);
    }

    #[test]
    fn titles_and_sentences() {
        assert!(is_title_like("Council Functions delegated to the Trust"));
        assert!(is_title_like("COMMENCEMENT AND DURATION"));
        assert!(is_title_like("Contracts (Rights of Third Parties) Act 1999"));
        assert!(!is_title_like("This Agreement shall take effect on the Commencement date and shall continue"));
        assert!(!is_title_like("Reporting Arrangements:"));
        assert!(is_title_like("Charges for services"));
        assert!(!is_title_like("Administrative assistant 1.0"));
        assert!(!is_title_like("care and treatment that ensures effective person centered clinical"));
        assert!(is_heading_rest("Aims of the integrated service"));
        assert!(!is_heading_rest("This may be changed by agreement of the members"));
    }

    #[test]
    fn line_ends() {
        assert!(ends_with_reference_word("defined in Schedule"));
        assert!(!ends_with_reference_word("obligations; and"));
        assert!(ends_with_dangling_word("the constitution of which is set out in"));
        assert!(!ends_with_dangling_word("obligations; and"));
        assert!(!ends_with_dangling_word("Appendix A"));
        assert!(ends_with_dangling_word("ARRANGEMENTS OF"));
        assert!(ends_with_terminator("following purposes:-"));
        assert!(ends_with_terminator("(\"the Council\")."));
        assert!(!ends_with_terminator("Schedule 2"));
    }
}
