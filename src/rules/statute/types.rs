//! The types the statute pack, its facts and their evaluation share: the
//! facts the pack can name, the two sides of a partnership, and the
//! evidence and failures a check returns. Here so that [`super::pack`]
//! (which names facts), [`super::facts`] (which checks them against the
//! pack) and [`super::evaluate`] (which applies both) depend on this module
//! rather than on each other in a circle.

use jiff::civil::Date;

use crate::model::Span;

/// Which side of a partnership a party is on, by the pack's `[party_kinds]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Nhs,
    LocalAuthority,
}

/// A fact of agreement.toml the pack can name; checked in [`super::facts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    InWriting,
    TermStated,
    HostSet,
    FundManagerSet,
    ContributionsPerPartner,
    NhsFunctionsListed,
    LaFunctionsListed,
    HostReports,
    NhsReports,
    LaReports,
    NhsAndLaParties,
    LaPrescribed,
    NhsExistAtCommencement,
    NhsPrescribed,
    NoExcludedFunction,
    NoLiabilityTransfer,
}

impl Fact {
    /// Name in the pack, the fact, and what it checks (docs/rule-packs.md).
    pub const ALL: [(&'static str, Fact, &'static str); 16] = [
        (
            "in writing",
            Fact::InWriting,
            "agreement.toml records it as signed; a draft, or no [status], is not checked (the matrix says so)",
        ),
        ("term stated", Fact::TermStated, "[term] gives the commencement date and a length or expiry"),
        ("host set", Fact::HostSet, "`host` names one of the parties"),
        ("pooled fund manager set", Fact::FundManagerSet, "[pooled_fund] `manager` is given"),
        (
            "contributions per partner",
            Fact::ContributionsPerPartner,
            "[[pooled_fund.contributions]] has an entry for every party",
        ),
        (
            "functions of an NHS body listed",
            Fact::NhsFunctionsListed,
            "a delegated [[functions]] entry is `from` an NHS party",
        ),
        (
            "functions of a local authority listed",
            Fact::LaFunctionsListed,
            "a delegated [[functions]] entry is `from` a local-authority party",
        ),
        (
            "host reports quarterly and annually",
            Fact::HostReports,
            "[[reporting]] has quarterly and annual entries `by` the host",
        ),
        (
            "NHS body reports quarterly and annually",
            Fact::NhsReports,
            "[[reporting]] has quarterly and annual entries `by` an NHS party",
        ),
        (
            "local authority reports quarterly and annually",
            Fact::LaReports,
            "[[reporting]] has quarterly and annual entries `by` a local-authority party",
        ),
        (
            "parties include an NHS body and a local authority",
            Fact::NhsAndLaParties,
            "at least one party of each side, by the pack's [party_kinds]",
        ),
        (
            "local authority parties are of a prescribed kind",
            Fact::LaPrescribed,
            "every local-authority party's kind is `prescribed = true`",
        ),
        (
            "NHS parties exist at commencement",
            Fact::NhsExistAtCommencement,
            "no NHS party's kind was abolished on or before, or established after, the commencement date",
        ),
        ("NHS parties are of a prescribed kind", Fact::NhsPrescribed, "every NHS party's kind is `prescribed = true`"),
        (
            "no delegated function is excluded",
            Fact::NoExcludedFunction,
            "no delegated function's description or citation contains an [excluded_functions] word",
        ),
        (
            "no sentence claims to transfer statutory liability",
            Fact::NoLiabilityTransfer,
            "no sentence of the body or a schedule matches a [liability_transfer] claim without a denial",
        ),
    ];

    pub fn parse(name: &str) -> Option<Fact> {
        Self::ALL.iter().find(|(n, _, _)| *n == name).map(|(_, f, _)| *f)
    }

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f, _)| *f == self).map_or("?", |(n, _, _)| n)
    }
}

/// How a piece of evidence was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Named in agreement.toml `[satisfies]`.
    Declared,
    /// Found in the text by the pack's phrases.
    Recognised,
    /// Read from agreement.toml's facts.
    Metadata,
    /// A fact the repository does not record, so s75 could not check it
    /// (an unsigned draft is not yet "made in writing"): never a tick.
    NotChecked,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Declared => "declared",
            How::Recognised => "recognised",
            How::Metadata => "metadata",
            How::NotChecked => "unchecked",
        }
    }
}

/// Where and how a requirement (or one element of it) is satisfied.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub how: How,
    /// "Clause 2.1", "Schedule 1", "[term]".
    pub reference: String,
    pub span: Span,
    /// The opening words of the clause, or the fact as read.
    pub detail: String,
}

/// Why a `must_hold` fact fails.
#[derive(Debug, Clone)]
pub struct Failure {
    pub span: Span,
    pub message: String,
    /// Text under the span in a report.
    pub label: String,
}

/// "1 July 2022", as agreements and decision reports write dates.
pub fn fmt_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}
