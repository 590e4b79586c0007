//! Key dates of agreements — commencement, the last day of the term, the
//! extension deadline, the last day to serve notice — as a diary: text, JSON,
//! or an iCalendar file a legal officer imports into Outlook or Google.
//!
//! The dates come from [`crate::rules::dates::term::key_dates`], the same
//! arithmetic the dates rules check, so the diary and `s75 validate` agree.
//! Output is deterministic: every event has a stable UID (agreement, what,
//! date) and its DTSTAMP is the day the diary is prepared (`--today`).

use std::io::Write;

use icalendar::{Calendar, Component, Event, Property};
use jiff::civil::Date;
use serde::Serialize;

use crate::model::Agreement;
use crate::rules::dates::english::long_date;
use crate::rules::dates::term::key_dates;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Ics,
}

/// One day to diarise, with where the agreement fixes it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub agreement: String,
    pub title: String,
    /// In JSON an ISO date, e.g. "2020-03-31".
    #[serde(rename = "date", serialize_with = "iso_date")]
    pub day: Date,
    pub what: String,
    /// Repository-relative file and 1-based line.
    pub file: String,
    pub line: usize,
}

fn iso_date<S: serde::Serializer>(day: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(day)
}

/// The key dates of each agreement, in date order, then agreement order.
pub fn rows(agreements: &[Agreement]) -> Vec<Row> {
    let mut out: Vec<Row> = agreements
        .iter()
        .flat_map(|a| {
            key_dates(a).into_iter().map(|k| Row {
                agreement: a.id().to_string(),
                title: a.title().to_string(),
                day: k.date,
                what: k.what,
                file: k.span.file.path.clone(),
                line: k.span.start().0,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.day, &a.agreement).cmp(&(b.day, &b.agreement)));
    out
}

pub fn write(format: Format, rows: &[Row], today: Date, w: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Text => text(rows, today, w),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, &serde_json::json!({ "version": 1, "dates": rows }))?;
            writeln!(w)
        }
        Format::Ics => write!(w, "{}", ics(rows, today)),
    }
}

fn text(rows: &[Row], today: Date, w: &mut dyn Write) -> std::io::Result<()> {
    if rows.is_empty() {
        return writeln!(w, "No key dates: the agreements state no commencement, term or notice period.");
    }
    let id_width = rows.iter().map(|r| r.agreement.chars().count()).max().unwrap_or(0);
    for r in rows {
        let when = if r.day < today { " (past)" } else { "" };
        writeln!(w, "{:>17}  {:id_width$}  {}{when}  [{}:{}]", long_date(r.day), r.agreement, r.what, r.file, r.line)?;
    }
    Ok(())
}

/// An all-day event per row. DTEND is the day after (RFC 5545 §3.6.1: the
/// end of an all-day event is exclusive).
fn ics(rows: &[Row], today: Date) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//s75//Section 75 agreement key dates//EN"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("X-WR-CALNAME", "Section 75 agreements: key dates"));
    let stamp = format!("{}T000000Z", compact(today));
    for r in rows {
        let end = r.day.tomorrow().unwrap_or(r.day);
        let event = Event::new()
            .uid(&format!("{}-{}-{}@s75", r.agreement, slug(&r.what), compact(r.day)))
            .add_property("DTSTAMP", &stamp)
            .append_property(Property::new("DTSTART", compact(r.day)).add_parameter("VALUE", "DATE").done())
            .append_property(Property::new("DTEND", compact(end)).add_parameter("VALUE", "DATE").done())
            .summary(&format!("{}: {}", r.title, r.what))
            .description(&format!("{} — set at {}:{} (agreement {}).", r.what, r.file, r.line, r.agreement))
            .done();
        calendar.push(event);
    }
    calendar
}

/// "2020-03-31" → "20200331", the iCalendar DATE form.
fn compact(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// "Last day of the term" → "last-day-of-the-term" (first six words).
fn slug(what: &str) -> String {
    what.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_dates_and_slugs() {
        assert_eq!(compact(Date::constant(2020, 3, 31)), "20200331");
        assert_eq!(
            slug("Extension to be agreed in writing (3 months before expiry)"),
            "extension-to-be-agreed-in-writing"
        );
    }

    #[test]
    fn commas_and_semicolons_in_a_title_are_escaped() {
        let day = Date::constant(2025, 3, 31);
        let row = Row {
            agreement: "pool".into(),
            title: "Coventry, Warwickshire; pooled fund".into(),
            day,
            what: "Last day of the term".into(),
            file: "agreements/pool/agreement.toml".into(),
            line: 9,
        };
        let text = ics(&[row], Date::constant(2026, 11, 24)).to_string().replace("\r\n ", "");
        assert!(text.contains("SUMMARY:Coventry\\, Warwickshire\\; pooled fund: Last day of the term\r\n"), "{text}");
        assert!(text.contains("\r\nUID:pool-last-day-of-the-term-20250331@s75\r\n"), "{text}");
    }
}
