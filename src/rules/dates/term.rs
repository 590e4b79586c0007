//! The agreement's dates as one picture: each fact from `agreement.toml`
//! when it is stated there, otherwise from the text, always with the place
//! it was read from. The `stale` rules judge names against this term, and
//! [`key_dates`] lists the days a legal officer diarises.

use jiff::civil::Date;

use super::english::long_date;
use super::text::{Lead, TextFacts};
use crate::model::metadata::Duration;
use crate::model::{Agreement, Located, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Metadata,
    Text,
}

/// A value with where it was read and whether from the metadata or the text.
/// When both state it alike, `span` is the text (the signed words) and
/// `also` the metadata, so findings can show both places.
#[derive(Debug, Clone)]
pub struct Fact<T> {
    pub value: T,
    pub span: Span,
    pub origin: Origin,
    pub also: Option<Span>,
}

impl<T: Clone> Fact<T> {
    fn meta(l: &Located<T>) -> Self {
        Fact { value: l.value.clone(), span: l.span.clone(), origin: Origin::Metadata, also: None }
    }
    fn text(l: &Located<T>) -> Self {
        Fact { value: l.value.clone(), span: l.span.clone(), origin: Origin::Text, also: None }
    }

    /// The metadata value, shown at the first text statement that agrees with it.
    fn meta_confirmed(m: &Located<T>, texts: &[Located<T>], same: impl Fn(&T, &T) -> bool) -> Self {
        match texts.iter().find(|t| same(&t.value, &m.value)) {
            Some(t) => Fact {
                value: m.value.clone(),
                span: t.span.clone(),
                origin: Origin::Metadata,
                also: Some(m.span.clone()),
            },
            None => Fact::meta(m),
        }
    }
}

/// The term as best known. `expiry` is the last day of the term (inclusive).
#[derive(Debug, Clone, Default)]
pub struct ResolvedTerm {
    pub commencement: Option<Fact<Date>>,
    pub length: Option<Fact<Duration>>,
    pub expiry: Option<Fact<Date>>,
    pub notice: Option<Fact<Duration>>,
    pub extension_lead: Option<Fact<Lead>>,
    pub extension_period: Option<Fact<Duration>>,
}

impl ResolvedTerm {
    /// "2019-04-01 to 2020-03-31", for messages.
    pub fn range_text(&self) -> Option<String> {
        Some(format!("{} to {}", self.commencement.as_ref()?.value, self.expiry.as_ref()?.value))
    }

    /// The day the first extension must be agreed by: expiry − lead time.
    pub fn extension_deadline(&self) -> Option<Date> {
        self.extension_lead.as_ref()?.value.duration.before(self.expiry.as_ref()?.value)
    }
}

/// Text values are used only when every statement of that kind agrees:
/// two different readings mean the text is not understood with confidence.
fn agreed<T: Clone + PartialEq>(items: &[Located<T>]) -> Option<Fact<T>> {
    let first = items.first()?;
    items.iter().all(|i| i.value == first.value).then(|| Fact::text(first))
}

/// Resolves the term from the metadata and the facts read from the text.
pub fn resolve(a: &Agreement, text: &TextFacts) -> ResolvedTerm {
    let term = a.meta.term.as_ref();
    let ext = term.and_then(|t| t.extension.as_ref());
    let eq = |a: &Date, b: &Date| a == b;
    let commencement = term
        .and_then(|t| t.commencement.as_ref())
        .map(|m| Fact::meta_confirmed(m, &text.commencement, eq))
        .or_else(|| agreed(&text.commencement));
    let start = commencement.as_ref().map(|c| c.value);
    let same = |a: &Duration, b: &Duration| super::same_length(*a, *b, start);
    let length = term
        .and_then(|t| t.length.as_ref())
        .map(|m| Fact::meta_confirmed(m, &text.length, same))
        .or_else(|| agreed(&text.length));
    let expiry = term
        .and_then(|t| t.expiry.as_ref())
        .map(Fact::meta)
        .or_else(|| {
            // Computed from a stated length: shown at the length, where the reader can check it.
            let (c, l) = (commencement.as_ref()?, length.as_ref()?);
            Some(Fact {
                value: l.value.last_day_from(c.value)?,
                span: l.span.clone(),
                origin: l.origin,
                also: l.also.clone(),
            })
        })
        .or_else(|| agreed(&text.expiry));
    let notice = term
        .and_then(|t| t.notice.as_ref())
        .map(|m| Fact::meta_confirmed(m, &text.notice, same))
        .or_else(|| agreed(&text.notice));
    let extension_lead = match ext.and_then(|e| e.agree_before.as_ref()) {
        // The metadata gives the period; the text tells whether it is a latest date.
        Some(m) => {
            let found = text.extension_lead.iter().find(|l| same(&l.value.duration, &m.value));
            let firm = found.is_none_or(|l| l.value.firm);
            let (span, also) = match found {
                Some(l) => (l.span.clone(), Some(m.span.clone())),
                None => (m.span.clone(), None),
            };
            Some(Fact { value: Lead { duration: m.value, firm }, span, origin: Origin::Metadata, also })
        }
        None => agreed(&text.extension_lead),
    };
    let extension_period = ext
        .and_then(|e| e.period.as_ref())
        .map(|m| Fact::meta_confirmed(m, &text.extension_period, same))
        .or_else(|| agreed(&text.extension_period));
    ResolvedTerm { commencement, length, expiry, notice, extension_lead, extension_period }
}

/// A day worth putting in a diary, with where the agreement fixes it.
#[derive(Debug, Clone)]
pub struct KeyDate {
    pub date: Date,
    /// "Commencement", "Last day of the term", …
    pub what: String,
    pub span: Span,
}

/// Commencement, last day of the term, the extension deadline and the last
/// day to serve notice that ends the agreement at expiry. For `s75 matrix`,
/// JSON consumers and calendar exports.
pub fn key_dates(a: &Agreement) -> Vec<KeyDate> {
    let t = resolve(a, &super::text::read(a));
    let mut out = Vec::new();
    if let Some(c) = &t.commencement {
        out.push(KeyDate { date: c.value, what: "Commencement".into(), span: c.span.clone() });
    }
    if let Some(e) = &t.expiry {
        out.push(KeyDate { date: e.value, what: "Last day of the term".into(), span: e.span.clone() });
    }
    if let (Some(d), Some(l)) = (t.extension_deadline(), &t.extension_lead) {
        let what = format!("Extension to be agreed in writing ({} before expiry)", l.value.duration);
        out.push(KeyDate { date: d, what, span: l.span.clone() });
    }
    // Notice ending the agreement at expiry must be served by (expiry + 1 day) − notice.
    if let (Some(e), Some(n)) = (&t.expiry, &t.notice) {
        if let Some(d) = e.value.tomorrow().ok().and_then(|day_after| n.value.before(day_after)) {
            // "12 months' notice", "1 month's notice".
            let period = n.value.to_string();
            let apostrophe = if period.ends_with('s') { "'" } else { "'s" };
            let what = format!(
                "Last day to serve {period}{apostrophe} notice ending the agreement at expiry ({})",
                long_date(e.value)
            );
            out.push(KeyDate { date: d, what, span: n.span.clone() });
        }
    }
    out.sort_by_key(|k| k.date);
    out
}
