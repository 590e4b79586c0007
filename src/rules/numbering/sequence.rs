//! Successor logic: which number may follow which among siblings, and how an
//! item label (`(a)`, `(iv)`, `(3)`) reads as a position in its list.
//!
//! Pure functions over numbers and labels, so the judgement about "is this a
//! gap" can be tested without Markdown.

use crate::model::number::Component;

/// Whether `next` may follow `prev` among siblings without anything missing:
/// the next whole number (`1` → `2`, `1A` → `2`) or the next inserted letter
/// (`1` → `1A`, `1A` → `1B`). Inserted numbers such as `27A` are how
/// agreements add clauses without renumbering, so they are never a gap.
pub fn follows(prev: Component, next: Component) -> bool {
    let whole = next.value == prev.value.saturating_add(1) && next.suffix.is_none();
    let inserted = next.value == prev.value && next.suffix == next_letter(prev.suffix);
    whole || inserted
}

/// The component a sibling list starts from: `1` follows it, so does `0A`.
pub const BEFORE_FIRST: Component = Component { value: 0, suffix: None };

fn next_letter(suffix: Option<char>) -> Option<char> {
    match suffix {
        None => Some('A'),
        Some(c) if c.is_ascii_uppercase() && c != 'Z' => Some((c as u8 + 1) as char),
        Some(_) => None,
    }
}

fn previous_letter(c: char) -> Option<char> {
    (c.is_ascii_uppercase() && c != 'A').then(|| (c as u8 - 1) as char)
}

/// The first and last numbers missing between `prev` and a larger `next`
/// that does not follow it, e.g. 2.1 → 2.4 gives (2.2, 2.3); 2 → 3B gives
/// (3, 3A); 27 → 27C gives (27A, 27B). `None` when nothing is missing.
pub fn missing_between(prev: Component, next: Component) -> Option<(Component, Component)> {
    if next <= prev || follows(prev, next) {
        return None;
    }
    let first = if next.value == prev.value {
        Component { value: prev.value, suffix: next_letter(prev.suffix) }
    } else {
        Component { value: prev.value.saturating_add(1), suffix: None }
    };
    let last = match next.suffix {
        None => Component { value: next.value.saturating_sub(1), suffix: None },
        Some(s) => match previous_letter(s) {
            Some(p) => Component { value: next.value, suffix: Some(p) },
            None => Component { value: next.value, suffix: None },
        },
    };
    (first <= last).then_some((first, last))
}

/// How an item label counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `(a)`, `(b)`, … `(z)`, then `(aa)`, `(bb)`.
    Alpha,
    /// `(i)`, `(ii)`, `(iv)`.
    Roman,
    /// `(1)`, `(2)`.
    Digit,
}

/// The typography of an item label: lists only continue in the same style,
/// so `(a)` and `a)` or `(a)` and `(A)` are different lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemForm {
    pub upper: bool,
    /// Written with an opening bracket: `(a)` rather than `a)`.
    pub paren: bool,
}

impl ItemForm {
    pub fn of(label: &str, paren: bool) -> Self {
        ItemForm { upper: label.chars().any(|c| c.is_ascii_uppercase()), paren }
    }
}

/// Every position a label can stand for. A single `i`, `v`, `x`, `l` or `c`
/// is both a letter and a roman numeral; the list around it decides.
pub fn readings(label: &str) -> Vec<(ItemKind, u32)> {
    let mut out = Vec::new();
    if !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = label.parse() {
            out.push((ItemKind::Digit, n));
        }
        return out;
    }
    let lower = label.to_ascii_lowercase();
    let b = lower.as_bytes();
    if b.iter().all(u8::is_ascii_lowercase) && !b.is_empty() {
        if b.len() == 1 {
            out.push((ItemKind::Alpha, u32::from(b[0] - b'a') + 1));
        }
        if let Some(v) = roman_value(&lower) {
            out.push((ItemKind::Roman, v));
        } else if b.len() == 2 && b[0] == b[1] {
            // `(aa)` follows `(z)`; `(ii)` and `(xx)` are roman numerals instead.
            out.push((ItemKind::Alpha, 26 + u32::from(b[0] - b'a') + 1));
        }
    }
    out
}

/// The label for a position, in the form given: (Alpha, 3) → `c`.
pub fn label_for(kind: ItemKind, value: u32, form: ItemForm) -> Option<String> {
    let s = match kind {
        ItemKind::Digit => return Some(value.to_string()),
        ItemKind::Alpha if (1..=26).contains(&value) => ((b'a' + (value - 1) as u8) as char).to_string(),
        ItemKind::Alpha if (27..=52).contains(&value) => ((b'a' + (value - 27) as u8) as char).to_string().repeat(2),
        ItemKind::Alpha => return None,
        ItemKind::Roman => to_roman(value)?,
    };
    Some(if form.upper { s.to_ascii_uppercase() } else { s })
}

/// `(c)` or `c)`, as the list writes its labels.
pub fn display_label(kind: ItemKind, value: u32, form: ItemForm) -> Option<String> {
    let l = label_for(kind, value, form)?;
    Some(if form.paren { format!("({l})") } else { format!("{l})") })
}

const ROMAN: [(u32, &str); 9] =
    [(100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];

fn to_roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 399 {
        return None;
    }
    let mut s = String::new();
    for (v, r) in ROMAN {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    Some(s)
}

/// The value of a lower-case roman numeral in canonical form only, so that
/// `iiii` or `vx` are not read as numbers.
pub fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut rest = s;
    for (v, r) in ROMAN {
        while let Some(after) = rest.strip_prefix(r) {
            total += v;
            rest = after;
        }
    }
    (rest.is_empty() && total > 0 && to_roman(total).as_deref() == Some(s)).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(value: u32, suffix: Option<char>) -> Component {
        Component { value, suffix }
    }

    #[test]
    fn whole_numbers_and_inserted_letters_follow() {
        assert!(follows(c(1, None), c(2, None)));
        assert!(follows(c(1, None), c(1, Some('A'))));
        assert!(follows(c(1, Some('A')), c(1, Some('B'))));
        assert!(follows(c(1, Some('B')), c(2, None)));
        assert!(follows(c(27, Some('A')), c(28, None)));
        assert!(follows(BEFORE_FIRST, c(1, None)));
        assert!(!follows(c(1, None), c(3, None)));
        assert!(!follows(c(1, None), c(1, None)));
        assert!(!follows(c(2, None), c(1, None)));
        assert!(!follows(c(1, None), c(1, Some('B'))));
        assert!(!follows(c(1, None), c(2, Some('A'))));
    }

    #[test]
    fn missing_ranges() {
        let m = |a, b| missing_between(a, b).map(|(x, y)| (x.to_string(), y.to_string()));
        assert_eq!(m(c(6, None), c(8, None)), Some(("7".into(), "7".into())));
        assert_eq!(m(BEFORE_FIRST, c(6, None)), Some(("1".into(), "5".into())));
        assert_eq!(m(c(2, None), c(3, Some('B'))), Some(("3".into(), "3A".into())));
        assert_eq!(m(c(2, None), c(3, Some('A'))), Some(("3".into(), "3".into())));
        assert_eq!(m(c(27, None), c(27, Some('C'))), Some(("27A".into(), "27B".into())));
        assert_eq!(m(c(1, None), c(2, None)), None);
        assert_eq!(m(c(3, None), c(2, None)), None, "backwards is not a gap");
    }

    #[test]
    fn labels_read_as_letters_roman_numerals_or_digits() {
        use ItemKind::*;
        assert_eq!(readings("a"), [(Alpha, 1)]);
        assert_eq!(readings("i"), [(Alpha, 9), (Roman, 1)]);
        assert_eq!(readings("v"), [(Alpha, 22), (Roman, 5)]);
        assert_eq!(readings("c"), [(Alpha, 3), (Roman, 100)]);
        assert_eq!(readings("iv"), [(Roman, 4)]);
        assert_eq!(readings("ii"), [(Roman, 2)]);
        assert_eq!(readings("aa"), [(Alpha, 27)]);
        assert_eq!(readings("IV"), [(Roman, 4)]);
        assert_eq!(readings("B"), [(Alpha, 2)]);
        assert_eq!(readings("12"), [(Digit, 12)]);
        assert_eq!(readings("iiii"), []);
        assert_eq!(readings("vx"), []);
        assert_eq!(readings(""), []);
    }

    #[test]
    fn labels_are_written_in_the_list_form() {
        let paren = ItemForm { upper: false, paren: true };
        let close = ItemForm { upper: true, paren: false };
        assert_eq!(display_label(ItemKind::Alpha, 3, paren).as_deref(), Some("(c)"));
        assert_eq!(display_label(ItemKind::Roman, 14, paren).as_deref(), Some("(xiv)"));
        assert_eq!(display_label(ItemKind::Roman, 4, close).as_deref(), Some("IV)"));
        assert_eq!(display_label(ItemKind::Alpha, 28, paren).as_deref(), Some("(bb)"));
        assert_eq!(display_label(ItemKind::Alpha, 60, paren), None);
        assert_eq!(display_label(ItemKind::Digit, 3, paren).as_deref(), Some("(3)"));
    }

    #[test]
    fn roman_numerals_round_trip() {
        for n in 1..=120 {
            let r = to_roman(n).unwrap_or_default();
            assert_eq!(roman_value(&r), Some(n), "{r}");
        }
        assert_eq!(roman_value("ic"), None);
    }
}
