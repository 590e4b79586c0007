//! Facts read from `agreement.toml` that the statute pack can name.
//!
//! The pack chooses which facts show or condition a requirement (its
//! `metadata` and `must_hold` keys); the vocabulary (each fact's name as the
//! pack writes it, and what it checks) is [`Fact`] in [`super::types`], which
//! the pack reads; this module is the checks. A fact
//! that holds gives evidence for the matrix; one that fails says why, at the
//! value in `agreement.toml` that makes it fail.

use super::pack::Pack;
use super::phrase::Words;
use super::refs;
use super::text::AgreementWords;
pub use super::types::Fact;
use super::types::{Evidence, Failure, How, Side, fmt_date};
use crate::model::Agreement;
use crate::model::metadata::{FunctionKind, Party, State};

type Outcome = Result<Vec<Evidence>, Vec<Failure>>;

// The checks of the facts [`super::types`] names.
impl Fact {
    /// Whether a failure of this fact outweighs what the text seems to say.
    /// `[[reporting]]` records who reports to whom: when an agreement records
    /// it, a clause that mentions quarterly and annual reports cannot make up
    /// for the wrong body reporting (reg 9(4) puts the duty on the local
    /// authority). Other facts only add evidence: the functions listed in
    /// agreement.toml are the delegated ones, not every function the text names.
    pub fn decisive(self, a: &Agreement) -> bool {
        matches!(self, Fact::HostReports | Fact::NhsReports | Fact::LaReports) && !a.meta.reporting.is_empty()
    }

    /// Checks the fact; `text` is the agreement's words (see [`AgreementWords`]).
    pub fn check(self, a: &Agreement, pack: &Pack, text: &AgreementWords) -> Outcome {
        match self {
            Fact::InWriting => Ok(vec![in_writing(a)]),
            Fact::TermStated => term_stated(a),
            Fact::HostSet => host_set(a),
            Fact::FundManagerSet => fund_manager(a),
            Fact::ContributionsPerPartner => contributions(a),
            Fact::NhsFunctionsListed => functions_listed(a, pack, Side::Nhs),
            Fact::LaFunctionsListed => functions_listed(a, pack, Side::LocalAuthority),
            Fact::HostReports => reports(a, pack, Reporter::Host),
            Fact::NhsReports => reports(a, pack, Reporter::Side(Side::Nhs)),
            Fact::LaReports => reports(a, pack, Reporter::Side(Side::LocalAuthority)),
            Fact::NhsAndLaParties => nhs_and_la(a, pack),
            Fact::LaPrescribed => prescribed(a, pack, Side::LocalAuthority),
            Fact::NhsExistAtCommencement => in_existence(a, pack),
            Fact::NhsPrescribed => prescribed(a, pack, Side::Nhs),
            Fact::NoExcludedFunction => no_excluded_function(a, pack),
            Fact::NoLiabilityTransfer => no_liability_transfer(a, pack, text),
        }
    }
}

fn metadata(reference: impl Into<String>, span: crate::model::Span, detail: impl Into<String>) -> Evidence {
    Evidence { how: How::Metadata, reference: reference.into(), span, detail: detail.into() }
}

/// A fact s75 could not check; the matrix says so rather than ticking it.
fn not_checked(reference: &str, span: crate::model::Span, why: impl Into<String>) -> Evidence {
    Evidence {
        how: How::NotChecked,
        reference: reference.to_string(),
        span,
        detail: format!("not checked: {}", why.into()),
    }
}

fn failure(span: crate::model::Span, message: impl Into<String>, label: impl Into<String>) -> Failure {
    Failure { span, message: message.into(), label: label.into() }
}

fn side_of(party: &Party, pack: &Pack) -> Option<Side> {
    party.kind.as_ref().map(|k| pack.side(k.value))
}

fn party_named<'a>(a: &'a Agreement, key: &'a str) -> &'a str {
    a.meta.party(key).map_or(key, Party::display_name)
}

fn in_writing(a: &Agreement) -> Evidence {
    let body = crate::model::Span::line(&a.body.file, 1);
    let signed = a.meta.status.as_ref().map(|s| {
        let dates: Vec<String> = s
            .signed
            .iter()
            .filter_map(|sig| {
                Some(format!(
                    "{} on {}",
                    party_named(a, &sig.party.as_ref()?.value),
                    fmt_date(sig.date.as_ref()?.value)
                ))
            })
            .collect();
        let detail = match (s.state.value, dates.is_empty()) {
            (State::Signed, false) => format!("signed: {}", dates.join("; ")),
            (State::Signed, true) => "signed (dates not recorded)".to_string(),
            (State::Draft, _) => return not_checked("the agreement text", body.clone(), "a draft, not yet signed"),
        };
        metadata("the agreement text", body.clone(), detail)
    });
    // Text in a repository is not an agreement made in writing until it is
    // executed: without a recorded signature that is not known.
    signed.unwrap_or_else(|| {
        not_checked(
            "the agreement text",
            body,
            "agreement.toml records no [status], so whether it was signed is not known",
        )
    })
}

fn term_stated(a: &Agreement) -> Outcome {
    let Some(term) = &a.meta.term else {
        return Err(vec![failure(a.meta.top(), "agreement.toml has no [term]", "")]);
    };
    let Some(start) = &term.commencement else {
        return Err(vec![failure(term.span.clone(), "[term] gives no commencement date", "")]);
    };
    let mut detail = format!("from {}", fmt_date(start.value));
    match (&term.length, &term.expiry) {
        (_, Some(end)) => detail.push_str(&format!(" to {}", fmt_date(end.value))),
        (Some(len), None) => detail.push_str(&format!(" for {}", len.value)),
        (None, None) => {
            return Err(vec![failure(term.span.clone(), "[term] gives neither a length nor an expiry date", "")]);
        }
    }
    if let Some(n) = &term.notice {
        detail.push_str(&format!("; notice {}", n.value));
    }
    Ok(vec![metadata("[term]", term.span.clone(), detail)])
}

fn host_set(a: &Agreement) -> Outcome {
    match a.meta.host.as_ref() {
        Some(h) if a.meta.party(&h.value).is_some() => {
            Ok(vec![metadata("host", h.span.clone(), format!("host partner: {}", party_named(a, &h.value)))])
        }
        Some(h) => Err(vec![failure(h.span.clone(), format!("`host` names `{}`, which is not a party", h.value), "")]),
        None => Err(vec![failure(a.meta.top(), "agreement.toml does not name the `host`", "")]),
    }
}

fn fund_manager(a: &Agreement) -> Outcome {
    match a.meta.pooled_fund.as_ref().and_then(|p| p.manager.as_ref()) {
        Some(m) => {
            Ok(vec![metadata("[pooled_fund] manager", m.span.clone(), format!("pooled fund manager: {}", m.value))])
        }
        None => Err(vec![failure(a.meta.top(), "agreement.toml does not name the pooled fund `manager`", "")]),
    }
}

fn contributions(a: &Agreement) -> Outcome {
    let Some(fund) = &a.meta.pooled_fund else {
        return Err(vec![failure(a.meta.top(), "agreement.toml has no [pooled_fund] contributions", "")]);
    };
    let mut parts = Vec::new();
    let mut missing = Vec::new();
    for p in &a.meta.parties {
        let Some(key) = &p.key else { continue };
        let total: i64 = fund
            .contributions
            .iter()
            .filter(|c| c.party.as_ref().is_some_and(|k| k.value == key.value))
            .filter_map(|c| c.amount.as_ref().map(|m| m.value.pence))
            .sum();
        if fund.contributions.iter().any(|c| c.party.as_ref().is_some_and(|k| k.value == key.value)) {
            parts.push(format!("{} {}", p.display_name(), crate::model::metadata::Money { pence: total }));
        } else {
            missing.push(failure(fund.span.clone(), format!("no contribution is stated for {}", p.display_name()), ""));
        }
    }
    if missing.is_empty() && !parts.is_empty() {
        Ok(vec![metadata("[pooled_fund] contributions", fund.span.clone(), parts.join("; "))])
    } else {
        Err(missing)
    }
}

fn functions_listed(a: &Agreement, pack: &Pack, side: Side) -> Outcome {
    let mut out = Vec::new();
    for f in &a.meta.functions {
        let delegated = f.kind.as_ref().is_some_and(|k| k.value == FunctionKind::Delegated);
        let from_side = f.from.as_ref().and_then(|k| a.meta.party(&k.value)).and_then(|p| side_of(p, pack));
        if !delegated || from_side != Some(side) {
            continue;
        }
        let what = f.description.as_ref().map_or("(no description)", |d| d.value.as_str());
        let cited = f.citation.as_ref().map(|c| format!(" ({})", c.value)).unwrap_or_default();
        // Point at the clause that states the function when it resolves.
        let at = f.clause.as_ref().and_then(|c| refs::resolve(a, &c.value).ok());
        out.push(match at {
            Some(r) => metadata(r.label, r.span, format!("[[functions]]: {what}{cited}")),
            None => metadata("[[functions]]", f.span.clone(), format!("{what}{cited}")),
        });
    }
    let who = if side == Side::Nhs { "an NHS body" } else { "a local authority" };
    if out.is_empty() {
        return Err(vec![failure(
            a.meta.top(),
            format!("no delegated function of {who} is listed in agreement.toml"),
            "",
        )]);
    }
    // A long list (the 2019 agreement delegates seventeen functions) is one
    // line in the matrix: where the list starts and ends, and how long it is.
    const LIST_IN_FULL: usize = 3;
    if out.len() > LIST_IN_FULL {
        let (first, last) = (&out[0], &out[out.len() - 1]);
        let reference = match (first.reference.strip_prefix("Clause "), last.reference.strip_prefix("Clause ")) {
            (Some(f), Some(l)) => format!("Clauses {f}–{l}"),
            _ => "[[functions]]".to_string(),
        };
        let detail = format!(
            "{} delegated functions of {who}, the first: {}",
            out.len(),
            first.detail.trim_start_matches("[[functions]]: ")
        );
        return Ok(vec![metadata(reference, first.span.clone(), format!("[[functions]]: {detail}"))]);
    }
    Ok(out)
}

fn bucket_is_annual(frequency: &str) -> bool {
    frequency.starts_with("annual") || frequency.starts_with("year")
}

enum Reporter {
    Host,
    Side(Side),
}

fn reports(a: &Agreement, pack: &Pack, who: Reporter) -> Outcome {
    let by_ok = |key: &str| match &who {
        Reporter::Host => a.meta.host.as_ref().is_some_and(|h| h.value == key),
        Reporter::Side(side) => a.meta.party(key).and_then(|p| side_of(p, pack)) == Some(*side),
    };
    let mut quarterly = Vec::new();
    let mut annual = Vec::new();
    for r in &a.meta.reporting {
        let (Some(by), Some(freq)) = (&r.by, &r.frequency) else { continue };
        if !by_ok(&by.value) {
            continue;
        }
        let f = freq.value.trim().to_ascii_lowercase();
        let bucket = if f.starts_with("quarter") {
            &mut quarterly
        } else if bucket_is_annual(&f) {
            &mut annual
        } else {
            continue;
        };
        let to = r.to.as_ref().map(|t| format!(" to {}", party_named(a, &t.value))).unwrap_or_default();
        let how_often = if bucket_is_annual(&f) { "annually" } else { freq.value.as_str() };
        let detail = format!("{} reports {how_often}{to}", party_named(a, &by.value));
        let at = r.clause.as_ref().and_then(|c| refs::resolve(a, &c.value).ok());
        bucket.push(match at {
            Some(res) => metadata(res.label, res.span, format!("[[reporting]]: {detail}")),
            None => metadata("[[reporting]]", r.span.clone(), detail),
        });
    }
    if quarterly.is_empty() || annual.is_empty() {
        let lacking = match (quarterly.is_empty(), annual.is_empty()) {
            (true, true) => "quarterly or annual",
            (true, false) => "quarterly",
            _ => "annual",
        };
        let who = match who {
            Reporter::Host => "by the host",
            Reporter::Side(Side::Nhs) => "by an NHS body",
            Reporter::Side(Side::LocalAuthority) => "by a local authority",
        };
        let span = a.meta.reporting.first().map_or_else(|| a.meta.top(), |r| r.span.clone());
        return Err(vec![failure(span, format!("agreement.toml records no {lacking} [[reporting]] {who}"), "")]);
    }
    quarterly.extend(annual);
    Ok(quarterly)
}

fn nhs_and_la(a: &Agreement, pack: &Pack) -> Outcome {
    let listed =
        |side: Side| -> Vec<&Party> { a.meta.parties.iter().filter(|p| side_of(p, pack) == Some(side)).collect() };
    let (nhs, la) = (listed(Side::Nhs), listed(Side::LocalAuthority));
    let span = a.meta.parties.first().map_or_else(|| a.meta.top(), |p| p.span.clone());
    let names = |ps: &[&Party]| ps.iter().map(|p| p.display_name()).collect::<Vec<_>>().join(", ");
    match (nhs.is_empty(), la.is_empty()) {
        (false, false) => {
            Ok(vec![metadata("[[parties]]", span, format!("NHS: {}; local authority: {}", names(&nhs), names(&la)))])
        }
        (true, true) => Err(vec![failure(span, "no party is an NHS body or a local authority", "")]),
        (true, false) => {
            Err(vec![failure(span, "no party is an NHS body: the partners must include one", "parties start here")])
        }
        (false, true) => Err(vec![failure(
            span,
            "no party is a local authority: the partners must include one",
            "parties start here",
        )]),
    }
}

fn prescribed(a: &Agreement, pack: &Pack, side: Side) -> Outcome {
    let mut failures = Vec::new();
    let mut ok = Vec::new();
    for p in &a.meta.parties {
        let Some(kind) = &p.kind else { continue };
        if pack.side(kind.value) != side {
            continue;
        }
        match pack.kind(kind.value) {
            Some(info) if info.prescribed => ok.push(format!("{} ({})", p.display_name(), info.name)),
            Some(info) => failures.push(failure(
                kind.span.clone(),
                format!(
                    "{} is a {}, which is not a body prescribed for partnership arrangements",
                    p.display_name(),
                    info.name
                ),
                "kind of party",
            )),
            None => failures.push(failure(
                kind.span.clone(),
                format!(
                    "{} is of kind `{}`, which the statute pack does not list as prescribed",
                    p.display_name(),
                    kind.value
                ),
                "kind of party",
            )),
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let span = a.meta.parties.first().map_or_else(|| a.meta.top(), |p| p.span.clone());
    Ok(if ok.is_empty() { Vec::new() } else { vec![metadata("[[parties]]", span, ok.join("; "))] })
}

fn in_existence(a: &Agreement, pack: &Pack) -> Outcome {
    let Some(start) = a.meta.term.as_ref().and_then(|t| t.commencement.as_ref()).map(|c| c.value) else {
        // Without a commencement date there is nothing to judge by; the
        // metadata rules report the missing date.
        return Ok(Vec::new());
    };
    let mut failures = Vec::new();
    let mut ok = Vec::new();
    for p in &a.meta.parties {
        let Some(kind) = &p.kind else { continue };
        if pack.side(kind.value) != Side::Nhs {
            continue;
        }
        let Some(info) = pack.kind(kind.value) else { continue };
        let sources = if info.sources.is_empty() { String::new() } else { format!(" [{}]", info.sources.join(", ")) };
        if let Some(gone) = info.abolished.filter(|d| *d <= start) {
            failures.push(failure(
                kind.span.clone(),
                format!(
                    "{} is a {}; bodies of that kind ceased to exist on {}, before the term began on {}{sources}",
                    p.display_name(),
                    info.name,
                    fmt_date(gone),
                    fmt_date(start)
                ),
                "abolished before the term began",
            ));
        } else if let Some(born) = info.established.filter(|d| *d > start) {
            failures.push(failure(
                kind.span.clone(),
                format!(
                    "{} is a {}; bodies of that kind were first established on {}, after the term began on {}{sources}",
                    p.display_name(),
                    info.name,
                    fmt_date(born),
                    fmt_date(start)
                ),
                "did not yet exist when the term began",
            ));
        } else {
            ok.push(format!("{} ({})", p.display_name(), info.name));
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let span =
        a.meta.term.as_ref().and_then(|t| t.commencement.as_ref()).map_or_else(|| a.meta.top(), |c| c.span.clone());
    Ok(if ok.is_empty() {
        Vec::new()
    } else {
        vec![metadata("[[parties]]", span, format!("in existence on {}: {}", fmt_date(start), ok.join("; ")))]
    })
}

fn no_excluded_function(a: &Agreement, pack: &Pack) -> Outcome {
    let mut failures = Vec::new();
    let mut checked = 0;
    for f in &a.meta.functions {
        if !f.kind.as_ref().is_some_and(|k| k.value == FunctionKind::Delegated) {
            continue;
        }
        checked += 1;
        for field in [&f.description, &f.citation].into_iter().flatten() {
            let words = Words::new(&field.value);
            if let Some(word) = pack.excluded_words.iter().find(|w| w.find_in(&words).is_some()) {
                let mut fail = failure(
                    field.span.clone(),
                    format!(
                        "the delegated function \"{}\" concerns {}, which is excluded from partnership arrangements",
                        field.value,
                        word.source.trim_end_matches('*')
                    ),
                    "excluded function",
                );
                if let Some(r) = f.clause.as_ref().and_then(|c| refs::resolve(a, &c.value).ok()) {
                    fail.label = format!("excluded function; stated in {}", r.label);
                }
                failures.push(fail);
                break;
            }
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let span = a.meta.functions.first().map_or_else(|| a.meta.top(), |f| f.span.clone());
    let detail = match checked {
        // Nothing listed is nothing checked: the matrix must not tick it.
        0 => {
            return Ok(vec![not_checked("[[functions]]", span, "no delegated functions are listed in agreement.toml")]);
        }
        1 => "the 1 delegated function listed is not an excluded function".to_string(),
        n => format!("none of the {n} delegated functions listed is an excluded function"),
    };
    Ok(vec![metadata("[[functions]]", span, detail)])
}

/// A sentence that claims to move statutory liability (a claim phrase, and no
/// denial phrase such as "not" or "remains": "Nothing in this Agreement
/// transfers that responsibility" is the opposite claim, and is silent).
fn no_liability_transfer(a: &Agreement, pack: &Pack, text: &AgreementWords) -> Outcome {
    // Most blocks cannot match a claim: only those in which a claim occurs
    // whole are cut into sentences.
    let mut candidates = vec![false; text.block_count()];
    for claim in &pack.liability_claims {
        for (block, _) in claim.groups(&text.words, |i| text.block_of(i)) {
            candidates[block as usize] = true;
        }
    }
    let mut failures = Vec::new();
    for doc in a.documents() {
        for (i, b) in doc.blocks.iter().enumerate().filter(|(_, b)| !b.is_heading()) {
            if !candidates[text.block_id(doc, i) as usize] {
                continue;
            }
            for range in sentences(&b.text) {
                let words = Words::new(&b.text[range.clone()]);
                let Some(claim) = pack.liability_claims.iter().find(|c| c.find_in(&words).is_some()) else { continue };
                if pack.liability_denials.iter().any(|d| d.find_in(&words).is_some()) {
                    continue;
                }
                failures.push(failure(
                    b.span_of(range),
                    format!(
                        "this sentence appears to move statutory liability or accountability to another partner \
                         (it matches \"{}\"); partnership arrangements do not affect each partner's liability \
                         for its own functions",
                        claim.source
                    ),
                    "claims to transfer statutory liability",
                ));
            }
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let body = crate::model::Span::line(&a.body.file, 1);
    let schedules = match a.documents().count() - 1 {
        0 => String::new(),
        1 => " or its schedule".to_string(),
        n => format!(" or its {n} schedules"),
    };
    Ok(vec![metadata(
        "the agreement text",
        body,
        format!("no sentence of the body{schedules} claims to transfer statutory liability"),
    )])
}

/// Byte ranges of the sentences of a block: cut after ". ", "; ", "? ", "! ".
/// Clause numbers such as "21.2" have no space after the point, so they stay whole.
fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        if matches!(c, b'.' | b';' | b'?' | b'!') && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    // Without the spaces between sentences, so a finding underlines the words.
    out.into_iter()
        .filter_map(|r| {
            let piece = &text[r.clone()];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            (!trimmed.is_empty()).then(|| r.start + lead..r.start + lead + trimmed.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_keep_clause_numbers_whole_and_drop_the_spaces_between() {
        let text = "Under Clause 21.2 the Trust reports. The Council pays;  the Trust accounts";
        let cut: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(cut, vec!["Under Clause 21.2 the Trust reports.", "The Council pays;", "the Trust accounts"]);
    }
}
