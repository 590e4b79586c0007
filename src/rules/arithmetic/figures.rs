//! Figures as agreements write them in tables: "£4,215,000", "1.0",
//! "(12,500)" for a negative, and "-", "nil" or nothing for an empty cell.
//! Values are kept exact (fixed point), so a sum is never off by a
//! floating-point hair.

/// Fixed-point scale: four decimal places cover pence and FTE fractions.
const SCALE: i128 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// A number, with how many decimals it was written with.
    Figure { scaled: i128, decimals: u8, pounds: bool },
    /// An empty cell: nothing, a dash or "nil" — zero, not text.
    Blank,
    /// Anything else: a header, a name, a percentage, a year.
    Text,
}

impl Value {
    pub fn is_figure(self) -> bool {
        matches!(self, Value::Figure { .. })
    }
}

/// Reads one cell. `strict` (text outside a Markdown table) also requires
/// the look of an amount — a thousands comma, a decimal point or "£" — and
/// reads a bare year ("2015") as text: a line of prose ending "… clause 3"
/// is not a row of figures.
pub fn parse(cell: &str, strict: bool) -> Value {
    let t = cell.trim();
    if matches!(t, "" | "-" | "–" | "—" | "nil" | "Nil" | "NIL") {
        return Value::Blank;
    }
    let (negative, t) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => match t.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest),
            None => (false, t),
        },
    };
    let (pounds, t) = match t.strip_prefix('£') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let Some((scaled, decimals, grouped)) = number(t) else { return Value::Text };
    if strict && !(grouped || decimals > 0 || pounds) {
        return Value::Text;
    }
    Value::Figure { scaled: if negative { -scaled } else { scaled }, decimals, pounds }
}

/// "4,215,000" or "4215000" or "0.8": the scaled value, the decimals shown
/// and whether thousands were grouped with commas (groups must be of three).
fn number(t: &str) -> Option<(i128, u8, bool)> {
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    // Every word of a paragraph is asked: most have a letter.
    if int.is_empty()
        || int.starts_with(',')
        || int.ends_with(',')
        || !int.bytes().all(|b| b.is_ascii_digit() || b == b',')
    {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1;
    if grouped && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits: String = groups.concat();
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut scaled = digits.parse::<i128>().ok()? * SCALE;
    let mut decimals = 0;
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 4 || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        decimals = f.len() as u8;
        scaled += f.parse::<i128>().ok()? * SCALE / 10i128.pow(u32::from(decimals));
    }
    Some((scaled, decimals, grouped))
}

/// The scaled value as a reader writes it: thousands grouped, `decimals` places.
pub fn show(scaled: i128, decimals: u8, pounds: bool) -> String {
    let sign = if scaled < 0 { "-" } else { "" };
    let abs = scaled.unsigned_abs();
    let whole = (abs / SCALE as u128).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = format!("{sign}{}{grouped}", if pounds { "£" } else { "" });
    if decimals > 0 {
        let frac = format!("{:04}", abs % SCALE as u128);
        out.push('.');
        out.push_str(&frac[..usize::from(decimals.min(4))]);
    }
    out
}

/// One unit of the last digit shown (scaled): a figure shown with
/// `decimals` places may be up to half of it away from the amount it
/// rounds. Whole-pound figures of real costs are rounded from pence, so a
/// total may legitimately be a pound or two away from its rows' sum.
pub fn unit(decimals: u8) -> i128 {
    SCALE / 10i128.pow(u32::from(decimals.min(4)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> Option<(i128, u8)> {
        match parse(s, false) {
            Value::Figure { scaled, decimals, .. } => Some((scaled, decimals)),
            _ => None,
        }
    }

    #[test]
    fn reads_the_ways_tables_write_figures() {
        assert_eq!(fig("£4,215,000"), Some((42_150_000_000, 0)));
        assert_eq!(fig("0.8"), Some((8_000, 1)));
        assert_eq!(fig("(12,500)"), Some((-125_000_000, 0)));
        assert_eq!(fig("-£1,000.50"), Some((-10_005_000, 2)));
        assert_eq!(parse("nil", false), Value::Blank);
        assert_eq!(parse("-", false), Value::Blank);
        assert_eq!(parse("", false), Value::Blank);
        assert_eq!(parse("2022/23", false), Value::Text);
        assert_eq!(parse("12%", false), Value::Text);
        assert_eq!(parse("4,21,000", false), Value::Text);
        assert_eq!(parse("Total", false), Value::Text);
    }

    #[test]
    fn strict_reading_wants_the_look_of_an_amount() {
        assert_eq!(parse("2015", true), Value::Text);
        assert_eq!(parse("3", true), Value::Text);
        assert!(parse("98,500", true).is_figure());
        assert!(parse("1.0", true).is_figure());
    }

    #[test]
    fn shows_sums_as_written() {
        assert_eq!(show(4_326_130_000, 0, true), "£432,613");
        assert_eq!(show(96_000, 1, false), "9.6");
        assert_eq!(show(-125_000_000, 0, false), "-12,500");
    }
}
