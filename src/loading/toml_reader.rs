//! A typed, span-keeping reader over a parsed TOML table.
//!
//! Reading a key marks it used; `finish` reports the keys nobody read. Wrong
//! types and missing required keys are recorded as problems rather than
//! errors, so one slip in a file still lets everything else be checked.

use std::collections::BTreeSet;
use std::sync::Arc;

use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::metadata::{MetaProblem, MetaProblemKind};
use crate::model::{Located, SourceFile, Span};

pub struct Ctx<'f> {
    pub file: &'f Arc<SourceFile>,
    pub problems: Vec<MetaProblem>,
}

impl<'f> Ctx<'f> {
    pub fn new(file: &'f Arc<SourceFile>) -> Self {
        Ctx { file, problems: Vec::new() }
    }

    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    pub fn problem(&mut self, kind: MetaProblemKind, span: Span, message: impl Into<String>) {
        self.problems.push(MetaProblem { kind, message: message.into(), span });
    }
}

/// One table being read; `path` names it in messages (`parties[1]`, `term`).
pub struct TableReader<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Span,
    path: String,
    used: BTreeSet<String>,
}

impl<'t, 'i> TableReader<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, span: Span, path: impl Into<String>) -> Self {
        TableReader { table, span, path: path.into(), used: BTreeSet::new() }
    }

    pub fn span(&self) -> &Span {
        &self.span
    }

    fn qualified(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    fn get(&mut self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.used.insert(key.to_string());
        self.table.get(key)
    }

    fn wrong_type(&self, ctx: &mut Ctx, key: &str, value: &Spanned<DeValue>, expected: &str) {
        let message = format!("`{}` should be {expected}, found {}", self.qualified(key), value.get_ref().type_str());
        ctx.problem(MetaProblemKind::WrongType, ctx.span(value.span()), message);
    }

    pub fn missing(&self, ctx: &mut Ctx, key: &str) {
        let message = format!("missing required key `{}`", self.qualified(key));
        ctx.problem(MetaProblemKind::MissingField, self.span.clone(), message);
    }

    pub fn string(&mut self, ctx: &mut Ctx, key: &str) -> Option<Located<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Located::new(s.to_string(), ctx.span(v.span()))),
            _ => {
                self.wrong_type(ctx, key, v, "a string");
                None
            }
        }
    }

    pub fn required_string(&mut self, ctx: &mut Ctx, key: &str) -> Option<Located<String>> {
        let present = self.table.contains_key(key);
        let v = self.string(ctx, key);
        if !present {
            self.missing(ctx, key);
        }
        v
    }

    pub fn integer(&mut self, ctx: &mut Ctx, key: &str) -> Option<Located<i64>> {
        let v = self.get(key)?;
        let parsed =
            v.get_ref().as_integer().and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        match parsed {
            Some(n) => Some(Located::new(n, ctx.span(v.span()))),
            None => {
                self.wrong_type(ctx, key, v, "an integer");
                None
            }
        }
    }

    pub fn boolean(&mut self, ctx: &mut Ctx, key: &str) -> Option<Located<bool>> {
        let v = self.get(key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(Located::new(b, ctx.span(v.span()))),
            None => {
                self.wrong_type(ctx, key, v, "true or false");
                None
            }
        }
    }

    /// A TOML local date (`2019-04-01`); a quoted string is accepted with a
    /// problem telling the user to unquote it.
    pub fn date(&mut self, ctx: &mut Ctx, key: &str) -> Option<Located<Date>> {
        let v = self.get(key)?;
        let span = ctx.span(v.span());
        match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                    Ok(date) => Some(Located::new(date, span)),
                    Err(e) => {
                        ctx.problem(MetaProblemKind::InvalidValue, span, format!("`{}`: {e}", self.qualified(key)));
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(ctx, key, v, "a date such as 2019-04-01 (unquoted)");
                None
            }
        }
    }

    /// A number of pounds: integer or decimal (at most 2 decimal places).
    pub fn money(&mut self, ctx: &mut Ctx, key: &str) -> Option<Located<crate::model::metadata::Money>> {
        let v = self.get(key)?;
        let span = ctx.span(v.span());
        let pence = match v.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok().and_then(|p| p.checked_mul(100))
            }
            DeValue::Float(f) => decimal_pence(&f.as_str().replace('_', "")),
            _ => None,
        };
        // Beyond a trillion pounds an amount is a slip, and sums of such amounts could overflow.
        match pence.filter(|p| p.abs() <= MAX_PENCE) {
            Some(pence) => Some(Located::new(crate::model::metadata::Money { pence }, span)),
            None => {
                self.wrong_type(ctx, key, v, "an amount in pounds such as 1500000 or 1500000.50");
                None
            }
        }
    }

    pub fn string_array(&mut self, ctx: &mut Ctx, key: &str) -> Vec<Located<String>> {
        let Some(v) = self.get(key) else { return Vec::new() };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(ctx, key, v, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Located::new(s.to_string(), ctx.span(item.span()))),
                _ => self.wrong_type(ctx, key, item, "an array of strings"),
            }
        }
        out
    }

    pub fn table(&mut self, ctx: &mut Ctx, key: &str) -> Option<TableReader<'t, 'i>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(TableReader::new(t, ctx.span(v.span()), self.qualified(key))),
            _ => {
                self.wrong_type(ctx, key, v, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[parties]]`, or an inline array of inline tables).
    pub fn tables(&mut self, ctx: &mut Ctx, key: &str) -> Vec<TableReader<'t, 'i>> {
        let Some(v) = self.get(key) else { return Vec::new() };
        let Some(items) = v.get_ref().as_array() else {
            self.wrong_type(ctx, key, v, "an array of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => {
                    out.push(TableReader::new(t, ctx.span(item.span()), format!("{}[{i}]", self.qualified(key))))
                }
                _ => self.wrong_type(ctx, key, item, "a table"),
            }
        }
        out
    }

    /// Every key of the table with its value span, for free-form maps.
    pub fn entries(&mut self) -> Vec<(&'t Spanned<std::borrow::Cow<'i, str>>, &'t Spanned<DeValue<'i>>)> {
        let all: Vec<_> = self.table.iter().collect();
        for (k, _) in &all {
            self.used.insert(k.get_ref().to_string());
        }
        all
    }

    /// Reports every key that was never read.
    pub fn finish(self, ctx: &mut Ctx) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref();
            if !self.used.contains(name.as_ref()) {
                let message = format!("unknown key `{}`", self.qualified(name));
                ctx.problem(MetaProblemKind::UnknownKey, ctx.span(key.span()), message);
            }
        }
    }
}

/// "1500000.5" → 150000050 pence; more than two decimals is not money.
/// The largest amount s75 accepts: £1,000,000,000,000.
const MAX_PENCE: i64 = 100_000_000_000_000;

fn decimal_pence(s: &str) -> Option<i64> {
    // The sign is read apart from the digits, so "-0.50" keeps it.
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let pounds: i64 = whole.parse().ok()?;
    let mut frac = frac.to_string();
    while frac.len() < 2 {
        frac.push('0');
    }
    let pence: i64 = frac.parse().ok()?;
    let amount = pounds.checked_mul(100)?.checked_add(pence)?;
    Some(if negative { -amount } else { amount })
}

/// Parses TOML text, turning a syntax error into a load error with its line.
pub fn parse_toml<'i>(text: &'i str, file: &SourceFile) -> Result<Spanned<DeTable<'i>>, super::LoadError> {
    DeTable::parse(text).map_err(|e| {
        let line = e.span().map_or(1, |s| file.line_col(s.start).0);
        let message = e.message().lines().next().unwrap_or("malformed TOML").trim().to_string();
        super::LoadError::at(&file.path, line, format!("malformed TOML: {message}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pence_from_decimals() {
        assert_eq!(decimal_pence("1500000.5"), Some(150_000_050));
        assert_eq!(decimal_pence("12.345"), None);
        assert_eq!(decimal_pence("7"), Some(700));
        assert_eq!(decimal_pence("-0.50"), Some(-50));
        assert_eq!(decimal_pence("-2.5"), Some(-250));
    }
}
