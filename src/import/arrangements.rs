//! The arrangements an agreement makes under SI 2000/617, read from the
//! sentences that make them, each with the input line it came from:
//!
//! - a council exercising NHS functions (reg 9; "lead commissioning by the
//!   council"): "The Trust delegates to the Council … the NHS Functions",
//!   "the Council shall exercise the NHS Functions", "The Council shall act
//!   as lead commissioner … on behalf of the CCG";
//! - an NHS body exercising a council's health-related functions (reg 8):
//!   "The Council delegates the Council Functions to the Foundation Trust";
//! - the provision of staff, goods, services or accommodation (reg 7(3)(e),
//!   9(3)(e)): "The Council shall provide the staff, goods, services and
//!   accommodation required …".
//!
//! A sentence counts only when a party, by the name the agreement defines
//! for it, is the one that exercises or provides; a denial ("Nothing in this
//! Agreement delegates any function", "shall not exercise") never counts. A
//! missed arrangement stays a TODO; a wrong one would bring the wrong
//! statutory requirements.

use std::sync::LazyLock;

use regex::Regex;

use super::structure::{Block, Located};

/// Which side of the partnership a party is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Council,
    Nhs,
}

/// A party as the text names it ("the Council" → "Council") and its side.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub name: String,
    pub side: Side,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The `arrangements` value: "la-exercises-nhs-functions", …
    pub kind: &'static str,
    /// Who exercises whose functions, for the comment: "the Council exercises
    /// the CCG's NHS functions (reg 9)".
    pub why: String,
    pub line: usize,
}

/// A sentence that denies rather than makes an arrangement.
static DENIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:not|nothing|no|neither|nor|without)\b").expect("valid regex literal"));

/// "… shall provide": a party provides something.
const STAFF_GOODS: &str = r"(?i:shall|will|agrees? to)\s+(?i:provide|make available|supply)\b";

/// The statute's list, or two of its words listed together: "staff, goods,
/// services and accommodation", "staff and accommodation" (not "staff of
/// its team … to support the Children's Services").
static STATUTORY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:staff|goods|services|accommodation)(?:\s*,\s*|\s+(?:and|or|and/or)\s+)(?:staff|goods|services|accommodation)\b")
        .expect("valid regex literal")
});

/// The patterns for one party exercising another's functions, compiled
/// once per agreement: a regex built per sentence made a 145-page import
/// take a minute.
struct Pair<'p> {
    to: &'p Named,
    from: &'p Named,
    /// "FROM delegates", then "to TO" after it.
    delegates: Regex,
    to_the: Regex,
    /// "TO shall exercise", then "on behalf of FROM", "functions of FROM",
    /// "FROM's functions" or FROM's side's functions after it.
    exercises: Regex,
    theirs: Regex,
}

impl<'p> Pair<'p> {
    fn new(to: &'p Named, from: &'p Named) -> Option<Pair<'p>> {
        let (t, f) = (regex::escape(&to.name), regex::escape(&from.name));
        let theirs =
            format!(r"(?:on behalf of|functions of) (?:the )?{f}\b|\b{f}['’]s functions|{}", functions_of(from.side));
        Some(Pair {
            to,
            from,
            delegates: subject(&f, r"(?:hereby\s+)?delegates\b")?,
            to_the: Regex::new(&format!("to (?:the )?{t}")).ok()?,
            exercises: subject(
                &t,
                r"(?:shall|will|is to|agrees? to|may)\s+(?:hereby\s+)?(?:exercise|carry out|perform|discharge|act as lead commissioner)\b",
            )?,
            theirs: Regex::new(&theirs).ok()?,
        })
    }

    /// Whether the sentence makes TO exercise FROM's functions.
    fn made_by(&self, sentence: &str) -> bool {
        let after = |re: &Regex| re.find(sentence).map(|m| &sentence[m.end()..]);
        after(&self.delegates).is_some_and(|rest| self.to_the.is_match(rest))
            || after(&self.exercises).is_some_and(|rest| self.theirs.is_match(rest))
    }

    fn found(&self) -> Found {
        let (kind, reg, what) = match self.to.side {
            Side::Council => ("la-exercises-nhs-functions", "reg 9", "NHS functions"),
            Side::Nhs => ("nhs-exercises-la-functions", "reg 8", "health-related functions"),
        };
        let why = format!("the {} exercises the {}'s {what} ({reg})", self.to.name, self.from.name);
        Found { kind, why, line: 0 }
    }
}

/// "NAME VERB" with the name as the subject: at the sentence's start or
/// after "the", "that", "and" or a comma.
fn subject(name: &str, verb: &str) -> Option<Regex> {
    Regex::new(&format!(r"(?:^|\b(?:[Tt]he|that|and|,)\s+){name}\s+(?:,\s*)?{verb}")).ok()
}

/// Reads the arrangements from the body's paragraphs, first mention first.
pub(crate) fn read<'a>(blocks: impl IntoIterator<Item = &'a Located>, parties: &[Named]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    if !parties.iter().any(|p| p.side == Side::Council) || !parties.iter().any(|p| p.side == Side::Nhs) {
        return out;
    }
    let pairs: Vec<Pair<'_>> = parties
        .iter()
        .flat_map(|to| parties.iter().filter(move |f| f.side != to.side).map(move |from| (to, from)))
        .filter_map(|(to, from)| Pair::new(to, from))
        .collect();
    let providers: Vec<(&Named, Regex)> =
        parties.iter().filter_map(|p| Some((p, subject(&regex::escape(&p.name), STAFF_GOODS)?))).collect();
    for b in blocks {
        let Block::Para(text) = &b.block else { continue };
        for sentence in text.split_inclusive(['.', ';']) {
            if DENIAL.is_match(sentence) {
                continue;
            }
            let delegation = pairs.iter().find(|p| p.made_by(sentence)).map(Pair::found);
            let staff = providers
                .iter()
                .find(|(_, re)| re.is_match(sentence))
                .filter(|_| STATUTORY_LIST.is_match(&sentence.to_lowercase()))
                .map(|(by, _)| Found {
                    kind: "staff-goods-services",
                    why: format!("the {} provides staff, goods, services or accommodation", by.name),
                    line: 0,
                });
            for found in delegation.into_iter().chain(staff) {
                if !out.iter().any(|f| f.kind == found.kind) {
                    out.push(Found { line: b.line, ..found });
                }
            }
        }
    }
    out
}

/// The names agreements give one side's functions.
fn functions_of(side: Side) -> &'static str {
    match side {
        Side::Nhs => r"\bNHS [Ff]unctions\b",
        Side::Council => {
            r"\b(?:[Hh]ealth-[Rr]elated [Ff]unctions|Council [Ff]unctions|[Ss]ocial [Cc]are [Ff]unctions)\b"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties(pairs: &[(&str, Side)]) -> Vec<Named> {
        pairs.iter().map(|(n, s)| Named { name: (*n).to_string(), side: *s }).collect()
    }

    fn kinds(texts: &[&str], ps: &[Named]) -> Vec<(&'static str, usize)> {
        let blocks: Vec<Located> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Located { block: Block::Para((*t).to_string()), line: i + 1 })
            .collect();
        read(&blocks, ps).into_iter().map(|f| (f.kind, f.line)).collect()
    }

    #[test]
    fn a_council_exercising_nhs_functions() {
        let ps = parties(&[("Council", Side::Council), ("CCG", Side::Nhs)]);
        assert_eq!(
            kinds(
                &[
                    "4.1 The CCG hereby agrees that the Council shall exercise the NHS Functions in conjunction with its own."
                ],
                &ps
            ),
            [("la-exercises-nhs-functions", 1)]
        );
        assert_eq!(
            kinds(
                &[
                    "5.1 The Council shall act as lead commissioner of the Services for itself and on behalf of the CCG."
                ],
                &ps
            ),
            [("la-exercises-nhs-functions", 1)]
        );
        let ps = parties(&[("Trust", Side::Nhs), ("Council", Side::Council)]);
        assert_eq!(
            kinds(
                &[
                    "(a) The Trust delegates to the Council, and the Council agrees to exercise on behalf of the Trust, the NHS Functions."
                ],
                &ps
            ),
            [("la-exercises-nhs-functions", 1)]
        );
    }

    #[test]
    fn an_nhs_body_exercising_council_functions() {
        let ps = parties(&[("Council", Side::Council), ("Foundation Trust", Side::Nhs)]);
        assert_eq!(
            kinds(
                &[
                    "4.1 The Council delegates the Council Functions to the Foundation Trust, which shall exercise them."
                ],
                &ps
            ),
            [("nhs-exercises-la-functions", 1)]
        );
        assert_eq!(
            kinds(&["The Foundation Trust shall exercise the Health-Related Functions of the Council."], &ps),
            [("nhs-exercises-la-functions", 1)]
        );
    }

    #[test]
    fn denials_and_own_functions_are_no_arrangement() {
        let ps = parties(&[("Council", Side::Council), ("ICB", Side::Nhs), ("Trust", Side::Nhs)]);
        assert!(
            kinds(
                &[
                    "4.2 Nothing in this Agreement delegates any function of one Partner to the other, and each Partner remains responsible.",
                    "(c) The Trust shall not delegate, and the Council shall not exercise, any function relating to surgery.",
                    "The Council shall exercise its own functions under the Care Act 2014.",
                    "The ICB shall pay its contribution to the Council.",
                    "No staff shall transfer between the Partners, and no goods or services.",
                ],
                &ps
            )
            .is_empty()
        );
    }

    #[test]
    fn staff_goods_and_services() {
        let ps = parties(&[("Council", Side::Council), ("CCG", Side::Nhs)]);
        assert_eq!(
            kinds(
                &["8.1 The Council shall provide the commissioning staff, goods, services and accommodation required."],
                &ps
            ),
            [("staff-goods-services", 1)]
        );
        // Staff alone, or a partner's obligation to the public, is not it.
        assert!(kinds(&["The Council shall provide the staff of its commissioning team."], &ps).is_empty());
        assert!(
            kinds(&["The Council shall provide the staff of its team, and the CCG the time of its officer, to support the Children's Services."], &ps)
                .is_empty()
        );
    }

    #[test]
    fn one_side_only_reads_nothing() {
        let ps = parties(&[("County Council", Side::Council), ("District Council", Side::Council)]);
        assert!(kinds(&["The District Council delegates its functions to the County Council."], &ps).is_empty());
    }
}
