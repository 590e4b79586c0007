//! Authored provision numbers: `1`, `1A.`, `16.3.2`, `(a)`, `(iv)`, `i)`, `A.`.
//!
//! Numbers are part of the legal text: they are read exactly as written and
//! never regenerated. `raw` keeps the authored form; `key()` gives the form a
//! cross-reference uses ("Clause 1A" finds `1A.`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Number {
    /// Exactly as authored, e.g. `1A.`, `(iv)`, `i)_`.
    pub raw: String,
    pub kind: NumberKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// `16.3.2`, `27A`, `2.3.`: dot-separated components.
    Dotted(Vec<Component>),
    /// `(a)`, `(iv)`, `(A)`, `(1)`, `a)`, `i)`: an item label.
    Item { label: String, closing_only: bool },
    /// `A.`: a lettered section, as in "A. The Council's Services".
    Letter(char),
}

/// One component of a dotted number: `27A` is 27 with suffix `A`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Component {
    pub value: u32,
    pub suffix: Option<char>,
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)?;
        if let Some(s) = self.suffix {
            write!(f, "{s}")?;
        }
        Ok(())
    }
}

impl Number {
    /// The normalised form references use: `1A`, `16.3.2`, `(a)`, `A`.
    pub fn key(&self) -> String {
        match &self.kind {
            // "8.0" is how some schedules number a section's heading: it is section 8.
            NumberKind::Dotted(c) if c.len() == 2 && c[1] == (Component { value: 0, suffix: None }) => join(&c[..1]),
            NumberKind::Dotted(c) => join(c),
            NumberKind::Item { label, .. } => format!("({label})"),
            NumberKind::Letter(c) => c.to_string(),
        }
    }

    pub fn components(&self) -> Option<&[Component]> {
        match &self.kind {
            NumberKind::Dotted(c) => Some(c),
            _ => None,
        }
    }

    /// Depth of a dotted number (`16.3.2` → 3); items and letters have none.
    pub fn depth(&self) -> Option<usize> {
        self.components().map(<[Component]>::len)
    }

    /// The key of the enclosing dotted number: `16.3.2` → `16.3`.
    pub fn parent_key(&self) -> Option<String> {
        let c = self.components()?;
        (c.len() > 1).then(|| join(&c[..c.len() - 1]))
    }

    pub fn is_item(&self) -> bool {
        matches!(self.kind, NumberKind::Item { .. })
    }

    /// Parses a whole string as a number (used for references and metadata).
    pub fn parse(s: &str) -> Option<Number> {
        let s = s.trim();
        let (n, len) = parse_leading(s, true)?;
        (len == s.len()).then_some(n)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// "16.3.2": one string, no formatting machinery (keys are made for every
/// provision of every document).
fn join(c: &[Component]) -> String {
    let mut out = String::with_capacity(c.len() * 3);
    let mut digits = itoa::Buffer::new();
    for (i, comp) in c.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(digits.format(comp.value));
        out.extend(comp.suffix);
    }
    out
}

/// Reads a number at the start of `text`. Returns the number and the byte
/// length of its token. The token must be followed by whitespace (or the end
/// of the text when `allow_end`), so "2006 Act" or "1.5m" are not numbers.
pub fn parse_leading(text: &str, allow_end: bool) -> Option<(Number, usize)> {
    let (kind, len) = dotted(text).or_else(|| item(text)).or_else(|| letter(text))?;
    let rest = &text[len..];
    let followed_ok = match rest.chars().next() {
        None => allow_end,
        Some(c) => c.is_whitespace(),
    };
    followed_ok.then(|| (Number { raw: text[..len].to_string(), kind }, len))
}

fn dotted(text: &str) -> Option<(NumberKind, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut comps = Vec::new();
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            i += 1;
        }
        if i == start || (i < b.len() && b[i].is_ascii_digit()) {
            // No digits, or too many for a provision number (a year, an amount).
            if comps.is_empty() {
                return None;
            }
            // "2.3.": the dot was a terminator, not a separator.
            return Some((NumberKind::Dotted(comps), start));
        }
        let value: u32 = text[start..i].parse().ok()?;
        let mut suffix = None;
        if i < b.len() && b[i].is_ascii_uppercase() && !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            suffix = Some(b[i] as char);
            i += 1;
        }
        comps.push(Component { value, suffix });
        if i < b.len() && b[i] == b'.' {
            i += 1;
            if i < b.len() && b[i].is_ascii_digit() {
                continue;
            }
        }
        return Some((NumberKind::Dotted(comps), i));
    }
}

fn item(text: &str) -> Option<(NumberKind, usize)> {
    let (open, body_start) = if text.starts_with('(') { (true, 1) } else { (false, 0) };
    let close = text[body_start..].find(')')? + body_start;
    let label = &text[body_start..close];
    if !is_item_label(label, open) {
        return None;
    }
    let mut len = close + 1;
    // "i)_": a stray underscore typed after the label belongs to the token;
    // the residue rules report it.
    if !open && text[len..].starts_with('_') {
        len += 1;
    }
    Some((NumberKind::Item { label: label.to_string(), closing_only: !open }, len))
}

fn is_item_label(label: &str, open: bool) -> bool {
    let n = label.len();
    if n == 0 || n > 6 {
        return false;
    }
    let all = |f: fn(&char) -> bool| label.chars().all(|c| f(&c));
    let lower_roman = all(|c| "ivxlc".contains(*c));
    let upper_roman = all(|c| "IVXLC".contains(*c));
    if all(char::is_ascii_digit) {
        return n <= 2;
    }
    if n == 1 && label.chars().all(|c| c.is_ascii_alphabetic()) {
        return open || c_is_lower(label);
    }
    if lower_roman {
        return true;
    }
    // "(aa)" style double letters, and upper-case roman only in parentheses.
    (open && upper_roman)
        || (open && n == 2 && all(char::is_ascii_lowercase) && label.as_bytes()[0] == label.as_bytes()[1])
}

fn c_is_lower(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_lowercase())
}

fn letter(text: &str) -> Option<(NumberKind, usize)> {
    let b = text.as_bytes();
    (b.len() >= 2 && b[0].is_ascii_uppercase() && b[1] == b'.').then(|| (NumberKind::Letter(b[0] as char), 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(s: &str) -> Option<(String, String)> {
        parse_leading(s, false).map(|(n, _)| (n.raw.clone(), n.key()))
    }

    #[test]
    fn dotted_numbers_keep_their_authored_form() {
        assert_eq!(lead("1.1 In this"), Some(("1.1".into(), "1.1".into())));
        assert_eq!(lead("1A. COMMENCEMENT"), Some(("1A.".into(), "1A".into())));
        assert_eq!(lead("27A Health"), Some(("27A".into(), "27A".into())));
        assert_eq!(lead("16.3.2 recognise"), Some(("16.3.2".into(), "16.3.2".into())));
        assert_eq!(lead("2.3. Both"), Some(("2.3.".into(), "2.3".into())));
        assert_eq!(lead("38. No Partnership"), Some(("38.".into(), "38".into())));
        assert_eq!(lead("120.10.305B x"), Some(("120.10.305B".into(), "120.10.305B".into())));
        assert_eq!(lead("8.0 Heading"), Some(("8.0".into(), "8".into())));
    }

    #[test]
    fn items_and_letters() {
        assert_eq!(lead("(iv) Significant"), Some(("(iv)".into(), "(iv)".into())));
        assert_eq!(lead("(a) Assessing"), Some(("(a)".into(), "(a)".into())));
        assert_eq!(lead("(A) With the"), Some(("(A)".into(), "(A)".into())));
        assert_eq!(lead("(1) after-care"), Some(("(1)".into(), "(1)".into())));
        assert_eq!(lead("i)_ Clause 17"), Some(("i)_".into(), "(i)".into())));
        assert_eq!(lead("ii) Clause 14"), Some(("ii)".into(), "(ii)".into())));
        assert_eq!(lead("A. The Council"), Some(("A.".into(), "A".into())));
    }

    #[test]
    fn words_years_and_amounts_are_not_numbers() {
        for s in [
            "2006 Act",
            "12345 items",
            "1.5m pounds",
            "(see below) x",
            "(Trust) y",
            "AMHP x",
            "Part I",
            "Schedule 1",
            "1,000 staff",
        ] {
            assert_eq!(lead(s), None, "{s}");
        }
        assert_eq!(parse_leading("21.2", false), None, "needs following whitespace");
        assert!(parse_leading("21.2", true).is_some());
    }

    #[test]
    fn hierarchy() {
        let n = Number::parse("16.3.2").unwrap();
        assert_eq!(n.depth(), Some(3));
        assert_eq!(n.parent_key().as_deref(), Some("16.3"));
        assert_eq!(Number::parse("27A").unwrap().parent_key(), None);
        assert!(Number::parse("(iv)").unwrap().is_item());
    }
}
