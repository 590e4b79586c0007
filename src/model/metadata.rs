//! `agreement.toml`: the agreement's facts, each value with its span.
//!
//! Every field is optional here: a missing or ill-typed value is recorded in
//! [`Metadata::problems`] and reported by the `metadata` rules, so one wrong
//! key never stops the rest of the agreement from being checked.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use super::source::{Located, SourceFile, Span};

pub type L<T> = Located<T>;

#[derive(Debug)]
pub struct Metadata {
    pub file: Arc<SourceFile>,
    pub schema: Option<L<i64>>,
    pub id: Option<L<String>>,
    pub title: Option<L<String>>,
    pub body: Option<L<String>>,
    pub illustrative: Option<L<String>>,
    pub predecessor: Option<L<String>>,
    pub statutory_basis: Vec<L<String>>,
    pub arrangements: Vec<L<ArrangementType>>,
    pub host: Option<L<String>>,
    pub status: Option<Status>,
    pub parties: Vec<Party>,
    pub term: Option<Term>,
    pub pooled_fund: Option<PooledFund>,
    pub functions: Vec<Function>,
    pub reporting: Vec<Reporting>,
    pub schedules: Vec<ScheduleEntry>,
    /// Requirements satisfied by a declared clause (`[satisfies]` table:
    /// requirement id → clause numbers), for the statutory rules.
    pub satisfies: Vec<(L<String>, Vec<L<String>>)>,
    pub waivers: Vec<Waiver>,
    /// Unknown keys, wrong types, missing fields, invalid values.
    pub problems: Vec<MetaProblem>,
}

impl Metadata {
    pub fn empty(file: Arc<SourceFile>) -> Self {
        Metadata {
            file,
            schema: None,
            id: None,
            title: None,
            body: None,
            illustrative: None,
            predecessor: None,
            statutory_basis: Vec::new(),
            arrangements: Vec::new(),
            host: None,
            status: None,
            parties: Vec::new(),
            term: None,
            pooled_fund: None,
            functions: Vec::new(),
            reporting: Vec::new(),
            schedules: Vec::new(),
            satisfies: Vec::new(),
            waivers: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub fn party(&self, key: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.key.as_ref().is_some_and(|k| k.value == key))
    }

    pub fn has_arrangement(&self, t: ArrangementType) -> bool {
        self.arrangements.iter().any(|a| a.value == t)
    }

    pub fn is_signed(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.state.value == State::Signed)
    }

    /// The first line of the file, where findings about absent keys point.
    pub fn top(&self) -> Span {
        Span::line(&self.file, 1)
    }
}

/// A problem found while reading `agreement.toml` (becomes a finding).
#[derive(Debug, Clone)]
pub struct MetaProblem {
    pub kind: MetaProblemKind,
    pub message: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaProblemKind {
    UnknownKey,
    WrongType,
    MissingField,
    InvalidValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Draft,
    Signed,
}

#[derive(Debug)]
pub struct Status {
    pub state: L<State>,
    pub signed: Vec<Signature>,
}

#[derive(Debug)]
pub struct Signature {
    pub party: Option<L<String>>,
    pub date: Option<L<Date>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Party {
    pub key: Option<L<String>>,
    pub name: Option<L<String>>,
    pub kind: Option<L<PartyKind>>,
    pub defined_as: Option<L<String>>,
    pub address: Option<L<String>>,
    pub signatory: Option<L<String>>,
    /// The `[[parties]]` entry as a whole.
    pub span: Span,
}

impl Party {
    pub fn display_name(&self) -> &str {
        self.name.as_ref().or(self.key.as_ref()).map_or("(unnamed party)", |n| n.value.as_str())
    }
}

/// Kinds of body that may be (or once were) a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyKind {
    NhsTrust,
    NhsFoundationTrust,
    Icb,
    Ccg,
    NhsEngland,
    Pct,
    Sha,
    HealthAuthority,
    CountyCouncil,
    DistrictCouncil,
    UnitaryCouncil,
    MetropolitanBoroughCouncil,
    LondonBoroughCouncil,
    CountyBoroughCouncil,
    CommonCouncil,
    CombinedAuthority,
}

impl PartyKind {
    pub const ALL: [(&'static str, PartyKind); 16] = [
        ("nhs-trust", PartyKind::NhsTrust),
        ("nhs-foundation-trust", PartyKind::NhsFoundationTrust),
        ("icb", PartyKind::Icb),
        ("ccg", PartyKind::Ccg),
        ("nhs-england", PartyKind::NhsEngland),
        ("pct", PartyKind::Pct),
        ("sha", PartyKind::Sha),
        ("health-authority", PartyKind::HealthAuthority),
        ("county-council", PartyKind::CountyCouncil),
        ("district-council", PartyKind::DistrictCouncil),
        ("unitary-council", PartyKind::UnitaryCouncil),
        ("metropolitan-borough-council", PartyKind::MetropolitanBoroughCouncil),
        ("london-borough-council", PartyKind::LondonBoroughCouncil),
        ("county-borough-council", PartyKind::CountyBoroughCouncil),
        ("common-council", PartyKind::CommonCouncil),
        ("combined-authority", PartyKind::CombinedAuthority),
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(_, k)| *k == self).map_or("?", |(n, _)| n)
    }

    /// NHS side of a partnership (including bodies that no longer exist).
    pub fn is_nhs(self) -> bool {
        use PartyKind::*;
        matches!(self, NhsTrust | NhsFoundationTrust | Icb | Ccg | NhsEngland | Pct | Sha | HealthAuthority)
    }

    pub fn is_local_authority(self) -> bool {
        !self.is_nhs()
    }
}

impl fmt::Display for PartyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrangementType {
    /// reg 7: a pooled fund.
    PooledFund,
    /// reg 8: an NHS body exercises local-authority health-related functions.
    NhsExercisesLaFunctions,
    /// reg 9: a local authority exercises NHS functions.
    LaExercisesNhsFunctions,
    /// Provision of staff, goods or services.
    StaffGoodsServices,
}

impl ArrangementType {
    pub const ALL: [(&'static str, ArrangementType); 4] = [
        ("pooled-fund", ArrangementType::PooledFund),
        ("nhs-exercises-la-functions", ArrangementType::NhsExercisesLaFunctions),
        ("la-exercises-nhs-functions", ArrangementType::LaExercisesNhsFunctions),
        ("staff-goods-services", ArrangementType::StaffGoodsServices),
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, k)| *k)
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(_, k)| *k == self).map_or("?", |(n, _)| n)
    }
}

impl fmt::Display for ArrangementType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A calendar duration as agreements state them: "12 months", "1 year".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DurationUnit {
    Day,
    Week,
    Month,
    Year,
}

impl Duration {
    pub fn parse(s: &str) -> Option<Self> {
        let mut it = s.split_whitespace();
        let amount: u32 = it.next()?.parse().ok()?;
        let unit = match it.next()?.to_ascii_lowercase().trim_end_matches('s') {
            "day" => DurationUnit::Day,
            "week" => DurationUnit::Week,
            "month" => DurationUnit::Month,
            "year" => DurationUnit::Year,
            _ => return None,
        };
        it.next().is_none().then_some(Duration { amount, unit })
    }

    /// Length in whole months where the unit allows (years and months).
    pub fn months(self) -> Option<u32> {
        match self.unit {
            DurationUnit::Month => Some(self.amount),
            DurationUnit::Year => self.amount.checked_mul(12),
            _ => None,
        }
    }
}

impl Duration {
    /// As a jiff span; `None` for amounts too large for a calendar, so a
    /// typing slip in `agreement.toml` ("100000 years") cannot panic.
    pub fn try_span(self) -> Option<jiff::Span> {
        let n = i64::from(self.amount);
        let span = match self.unit {
            DurationUnit::Day => jiff::Span::new().try_days(n),
            DurationUnit::Week => jiff::Span::new().try_weeks(n),
            DurationUnit::Month => jiff::Span::new().try_months(n),
            DurationUnit::Year => jiff::Span::new().try_years(n),
        };
        span.ok()
    }

    /// `start` plus this period. Months and years keep the day of the month,
    /// clamped to the month's last day where that day does not exist (jiff's
    /// rule): 31 January + 1 month = 28 February, or 29 February in a leap
    /// year; 29 February 2024 + 1 year = 28 February 2025.
    pub fn after(self, start: Date) -> Option<Date> {
        start.checked_add(self.try_span()?).ok()
    }

    /// `start` minus this period, clamped the same way: 31 May − 3 months = 28/29 February.
    pub fn before(self, end: Date) -> Option<Date> {
        end.checked_sub(self.try_span()?).ok()
    }

    /// The last day of a period of this length that starts on, and includes,
    /// `start`: `start + self − 1 day`. A 1-year term from 1 April 2019 ends
    /// on 31 March 2020; a 1-month term from 31 January 2023 ends on
    /// 27 February 2023 (28 February clamped, less a day).
    pub fn last_day_from(self, start: Date) -> Option<Date> {
        self.after(start)?.yesterday().ok()
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DurationUnit::Day => "day",
            DurationUnit::Week => "week",
            DurationUnit::Month => "month",
            DurationUnit::Year => "year",
        };
        write!(f, "{} {}{}", self.amount, unit, if self.amount == 1 { "" } else { "s" })
    }
}

#[derive(Debug)]
pub struct Term {
    pub commencement: Option<L<Date>>,
    pub length: Option<L<Duration>>,
    pub expiry: Option<L<Date>>,
    pub notice: Option<L<Duration>>,
    pub extension: Option<Extension>,
    pub span: Span,
}

impl Term {
    /// `commencement + length − 1 day` when both are stated (see [`Duration::last_day_from`]).
    pub fn computed_expiry(&self) -> Option<Date> {
        let (start, length) = (self.commencement.as_ref()?, self.length.as_ref()?);
        length.value.last_day_from(start.value)
    }

    /// The last day of the term, inclusive: `expiry` as stated, else computed.
    pub fn last_day(&self) -> Option<Date> {
        self.expiry.as_ref().map(|e| e.value).or_else(|| self.computed_expiry())
    }
}

#[derive(Debug)]
pub struct Extension {
    pub period: Option<L<Duration>>,
    pub agree_before: Option<L<Duration>>,
    pub limit: Option<L<String>>,
    pub max: Option<L<i64>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct PooledFund {
    pub manager: Option<L<String>>,
    pub contributions: Vec<Contribution>,
    pub span: Span,
}

/// A financial year, 1 April to 31 March: `2022/23` starts 1 April 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FinancialYear {
    pub start_year: i16,
}

impl FinancialYear {
    /// Accepts `2022/23`, `2022-23` and `2022/2023`; the second year must follow the first.
    pub fn parse(s: &str) -> Option<Self> {
        let (a, b) = s.trim().split_once(['/', '-'])?;
        let start: i16 = a.parse().ok()?;
        let end: i16 = b.parse().ok()?;
        // The calendar ends in 9999: a year starting later has no 31 March.
        if !(1..9999).contains(&start) {
            return None;
        }
        let follows = match b.len() {
            2 => (start + 1) % 100 == end,
            4 => start + 1 == end,
            _ => false,
        };
        (a.len() == 4 && follows).then_some(FinancialYear { start_year: start })
    }

    pub fn first_day(self) -> Date {
        Date::constant(self.start_year, 4, 1)
    }

    pub fn last_day(self) -> Date {
        Date::constant(self.start_year + 1, 3, 31)
    }

    /// The financial year containing a date.
    pub fn containing(d: Date) -> Self {
        let y = if d.month() >= 4 { d.year() } else { d.year() - 1 };
        FinancialYear { start_year: y }
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start_year, (self.start_year + 1) % 100)
    }
}

/// An amount of money in pence, so sums are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Money {
    pub pence: i64,
}

impl fmt::Display for Money {
    /// `£1,500,000` or `£1,500,000.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.pence < 0 { "-" } else { "" };
        let p = self.pence.unsigned_abs();
        let pounds = (p / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}£{grouped}")?;
        if p % 100 != 0 {
            write!(f, ".{:02}", p % 100)?;
        }
        Ok(())
    }
}

#[derive(Debug)]
pub struct Contribution {
    pub party: Option<L<String>>,
    pub year: Option<L<FinancialYear>>,
    pub amount: Option<L<Money>>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    Delegated,
    Excluded,
}

#[derive(Debug)]
pub struct Function {
    pub kind: Option<L<FunctionKind>>,
    pub from: Option<L<String>>,
    pub to: Option<L<String>>,
    pub description: Option<L<String>>,
    pub citation: Option<L<String>>,
    pub clause: Option<L<String>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Reporting {
    pub by: Option<L<String>>,
    pub to: Option<L<String>>,
    pub frequency: Option<L<String>>,
    pub clause: Option<L<String>>,
    pub span: Span,
}

#[derive(Debug)]
pub struct ScheduleEntry {
    pub number: Option<L<String>>,
    pub title: Option<L<String>>,
    pub source: ScheduleSource,
    pub span: Span,
}

#[derive(Debug)]
pub enum ScheduleSource {
    /// A file in the agreement's folder.
    Local(L<String>),
    /// A file in the repository's `schedules/` folder.
    Shared(L<String>),
    NotUsed,
    /// Neither `file`, `shared` nor `not_used` was given (a metadata problem).
    Missing,
}

/// A recorded decision to accept a finding, with who approved it and until when.
#[derive(Debug, Clone)]
pub struct Waiver {
    pub code: Option<L<String>>,
    /// `path:line` or a clause number the finding must point at.
    pub location: Option<L<String>>,
    /// Text the finding's source must contain.
    pub matches: Option<L<String>>,
    pub reason: Option<L<String>>,
    pub approved_by: Option<L<String>>,
    pub expires: Option<L<Date>>,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("12 months"), Some(Duration { amount: 12, unit: DurationUnit::Month }));
        assert_eq!(Duration::parse("1 year").unwrap().months(), Some(12));
        assert_eq!(Duration::parse("twelve months"), None);
        assert_eq!(Duration::parse("3 fortnights"), None);
        assert_eq!(Duration::parse("6 months").unwrap().to_string(), "6 months");
    }

    #[test]
    fn term_arithmetic_counts_the_first_day_and_clamps_month_ends() {
        let d = |s: &str| Duration::parse(s).unwrap();
        let day = |y, m, dd| Date::constant(y, m, dd);
        assert_eq!(d("1 year").last_day_from(day(2019, 4, 1)), Some(day(2020, 3, 31)));
        assert_eq!(d("3 years").last_day_from(day(2022, 4, 1)), Some(day(2025, 3, 31)));
        assert_eq!(d("12 months").last_day_from(day(2019, 4, 1)), Some(day(2020, 3, 31)));
        assert_eq!(d("1 month").after(day(2023, 1, 31)), Some(day(2023, 2, 28)));
        assert_eq!(d("1 month").after(day(2024, 1, 31)), Some(day(2024, 2, 29)));
        assert_eq!(d("1 month").last_day_from(day(2024, 1, 31)), Some(day(2024, 2, 28)));
        assert_eq!(d("1 year").after(day(2024, 2, 29)), Some(day(2025, 2, 28)));
        assert_eq!(d("3 months").before(day(2020, 3, 31)), Some(day(2019, 12, 31)));
        assert_eq!(d("3 months").before(day(2024, 5, 31)), Some(day(2024, 2, 29)));
        assert_eq!(d("2 weeks").last_day_from(day(2024, 2, 20)), Some(day(2024, 3, 4)));
        assert_eq!(d("100000 years").after(day(2024, 1, 1)), None);
    }

    #[test]
    fn financial_years_run_april_to_march() {
        let fy = FinancialYear::parse("2022/23").unwrap();
        assert_eq!(fy.first_day(), Date::constant(2022, 4, 1));
        assert_eq!(fy.last_day(), Date::constant(2023, 3, 31));
        assert_eq!(FinancialYear::parse("2022-2023"), Some(fy));
        assert_eq!(FinancialYear::parse("2022/24"), None);
        assert_eq!(FinancialYear::parse("1999/00").map(|f| f.start_year), Some(1999));
        assert_eq!(FinancialYear::containing(Date::constant(2023, 3, 31)), fy);
        assert_eq!(fy.to_string(), "2022/23");
    }

    #[test]
    fn money_formats_with_separators() {
        assert_eq!(Money { pence: 800_000_000 }.to_string(), "£8,000,000");
        assert_eq!(Money { pence: 123_456 }.to_string(), "£1,234.56");
        assert_eq!(Money { pence: -5000 }.to_string(), "-£50");
    }
}
