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

static STAFF_GOODS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shall|will|agrees? to)\s+(?:provide|make available|supply)\b").expect("valid regex literal")
});

/// The statute's list, or two of its words listed together: "staff, goods,
/// services and accommodation", "staff and accommodation" (not "staff of
/// its team … to support the Children's Services").
static STATUTORY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:staff|goods|services|accommodation)(?:\s*,\s*|\s+(?:and|or|and/or)\s+)(?:staff|goods|services|accommodation)\b")
        .expect("valid regex literal")
});

/// Reads the arrangements from the body's paragraphs, first mention first.
pub(crate) fn read<'a>(blocks: impl IntoIterator<Item = &'a Located>, parties: &[Named]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    if !parties.iter().any(|p| p.side == Side::Council) || !parties.iter().any(|p| p.side == Side::Nhs) {
        return out;
    }
    for b in blocks {
        let Block::Para(text) = &b.block else { continue };
        for sentence in text.split_inclusive(['.', ';']) {
            if DENIAL.is_match(sentence) {
                continue;
            }
            for found in delegation(sentence, parties).into_iter().chain(staff_goods(sentence, parties)) {
                if !out.iter().any(|f| f.kind == found.kind) {
                    out.push(Found { line: b.line, ..found });
                }
            }
        }
    }
    out
}

/// "X delegates … to Y", "Y shall exercise … functions of X / the NHS
/// Functions / on behalf of X", "Y shall act as lead commissioner … on
/// behalf of X": Y exercises X's functions.
fn delegation(sentence: &str, parties: &[Named]) -> Option<Found> {
    for to in parties {
        for from in parties.iter().filter(|p| p.side != to.side) {
            let delegates = after(sentence, &from.name, r"(?:hereby\s+)?delegates\b")
                .is_some_and(|rest| mentions(rest, &format!("to (?:the )?{}", regex::escape(&to.name))));
            let exercises = after(
                sentence,
                &to.name,
                r"(?:shall|will|is to|agrees? to|may)\s+(?:hereby\s+)?(?:exercise|carry out|perform|discharge|act as lead commissioner)\b",
            )
            .is_some_and(|rest| {
                let theirs = format!(r"(?:on behalf of|functions of) (?:the )?{0}\b|\b{0}['’]s functions", regex::escape(&from.name));
                mentions(rest, &theirs) || mentions(rest, functions_of(from.side))
            });
            if delegates || exercises {
                let (kind, reg, what) = match to.side {
                    Side::Council => ("la-exercises-nhs-functions", "reg 9", "NHS functions"),
                    Side::Nhs => ("nhs-exercises-la-functions", "reg 8", "health-related functions"),
                };
                let why = format!("the {} exercises the {}'s {what} ({reg})", to.name, from.name);
                return Some(Found { kind, why, line: 0 });
            }
        }
    }
    None
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

/// "The Council shall provide the staff, goods, services and accommodation
/// required …": two or more of the four, provided by a party.
fn staff_goods(sentence: &str, parties: &[Named]) -> Option<Found> {
    let by = parties.iter().find(|p| {
        let name = regex::escape(&p.name);
        Regex::new(&format!(r"\b{name}\s+"))
            .ok()
            .and_then(|re| re.find(sentence))
            .is_some_and(|m| STAFF_GOODS.find(&sentence[m.end()..]).is_some_and(|v| v.start() == 0))
    })?;
    STATUTORY_LIST.is_match(&sentence.to_lowercase()).then(|| Found {
        kind: "staff-goods-services",
        why: format!("the {} provides staff, goods, services or accommodation", by.name),
        line: 0,
    })
}

/// The text after "NAME VERB" in `sentence`, where the name is the
/// subject: at the sentence's start or after "that", "and", "the", a comma.
fn after<'s>(sentence: &'s str, name: &str, verb: &str) -> Option<&'s str> {
    let re = Regex::new(&format!(r"(?:^|\b(?:[Tt]he|that|and|,)\s+){}\s+(?:,\s*)?{verb}", regex::escape(name))).ok()?;
    re.find(sentence).map(|m| &sentence[m.end()..])
}

fn mentions(text: &str, pattern: &str) -> bool {
    Regex::new(pattern).is_ok_and(|re| re.is_match(text))
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
