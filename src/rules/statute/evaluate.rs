//! The statute pack applied to one agreement: which requirements apply, and
//! for each the evidence that satisfies it or the reason it is not met.
//! Findings ([`super::diags`]) and the compliance matrix (`crate::matrix`)
//! are both read from this one [`Evaluation`], so they can never disagree.

use jiff::civil::Date;

use super::pack::{Applies, Element, Pack, Requirement};
use super::types::{Evidence, Failure, How};
use super::{recognise, refs};
use crate::model::number::NumberKind;
use crate::model::{Agreement, Located, Number, Span};

/// Why a requirement applies: the `arrangements` value that brings it in.
#[derive(Debug, Clone)]
pub struct Applicability {
    pub span: Span,
    pub label: String,
}

#[derive(Debug)]
pub struct ElementResult<'p> {
    pub element: &'p Element,
    pub evidence: Vec<Evidence>,
    /// A decisive fact that fails: agreement.toml says the element is absent.
    pub contradicted: Option<Failure>,
    /// When the element is not found: the clause on its subject that says
    /// too little (the pack's `short` phrases).
    pub falls_short: Option<Evidence>,
}

impl ElementResult<'_> {
    pub fn found(&self) -> bool {
        !self.evidence.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Declared, or every element found, and every condition holds.
    Met,
    /// Some elements found, others not.
    Partial,
    /// Nothing found.
    Missing,
    /// A `must_hold` condition fails.
    NotMet,
    /// Nothing fails, but a fact it rests on is not recorded, so it was not
    /// checked: neither a tick nor a finding.
    NotChecked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partly met",
            Status::Missing => "missing",
            Status::NotMet => "not met",
            Status::NotChecked => "not checked",
        }
    }
}

/// One applicable requirement and what was found for it.
#[derive(Debug)]
pub struct Outcome<'p> {
    pub requirement: &'p Requirement,
    pub source: Applicability,
    pub declared: Vec<Evidence>,
    pub elements: Vec<ElementResult<'p>>,
    /// Evidence from `must_hold` facts that hold.
    pub held: Vec<Evidence>,
    pub failures: Vec<Failure>,
}

impl Outcome<'_> {
    pub fn status(&self) -> Status {
        let unchecked = self.held.iter().chain(self.elements.iter().flat_map(|e| &e.evidence));
        if !self.failures.is_empty() {
            Status::NotMet
        } else if unchecked.into_iter().any(|e| e.how == How::NotChecked)
            && self.elements.iter().all(ElementResult::found)
        {
            Status::NotChecked
        } else if !self.declared.is_empty() || self.elements.iter().all(ElementResult::found) {
            Status::Met
        } else if self.elements.iter().any(ElementResult::found) {
            Status::Partial
        } else {
            Status::Missing
        }
    }

    /// Elements not found (empty when the requirement is declared).
    pub fn missing(&self) -> Vec<&Element> {
        if !self.declared.is_empty() {
            return Vec::new();
        }
        self.elements.iter().filter(|e| !e.found()).map(|e| e.element).collect()
    }
}

/// A problem with the agreement's `[satisfies]` table.
#[derive(Debug)]
pub enum Declaration {
    /// The key is not a requirement id in the pack.
    Unknown { id: Located<String>, suggestion: Option<String> },
    /// A declared clause does not exist.
    MissingClause { requirement: String, citation: String, reference: Located<String>, why: String },
    /// The requirement does not apply to the agreement's arrangement types.
    NotApplicable { id: Located<String>, applies_to: String },
}

#[derive(Debug)]
pub struct Evaluation<'p> {
    pub outcomes: Vec<Outcome<'p>>,
    pub declarations: Vec<Declaration>,
}

/// Applies every requirement of the pack to the agreement.
pub fn evaluate<'p>(pack: &'p Pack, a: &Agreement) -> Evaluation<'p> {
    let units = recognise::units(a);
    let (declared, declarations) = declarations(pack, a);
    let mut outcomes = Vec::new();
    for req in &pack.requirements {
        let Some(source) = applicability(req, a) else { continue };
        let mut held = Vec::new();
        let mut failures = Vec::new();
        for fact in &req.must_hold {
            match fact.check(a, pack, units.words()) {
                Ok(ev) => held.extend(ev),
                Err(f) => failures.extend(f),
            }
        }
        let elements = req
            .satisfied_by
            .iter()
            .filter_map(|&i| pack.elements.get(i))
            .map(|element| find_element(element, a, pack, &units))
            .collect();
        let declared = declared.iter().filter(|(id, _)| *id == req.id).map(|(_, e)| e.clone()).collect();
        outcomes.push(Outcome { requirement: req, source, declared, elements, held, failures });
    }
    Evaluation { outcomes, declarations }
}

/// Metadata facts (all must hold) and the first heading, else text, match —
/// unless a decisive fact fails, when agreement.toml has the last word.
fn find_element<'p>(element: &'p Element, a: &Agreement, pack: &Pack, units: &recognise::Units) -> ElementResult<'p> {
    let mut evidence = Vec::new();
    let mut contradicted = None;
    if !element.metadata.is_empty() {
        let mut all_hold = true;
        let mut found = Vec::new();
        for fact in &element.metadata {
            match fact.check(a, pack, units.words()) {
                Ok(ev) => found.extend(ev),
                Err(failures) => {
                    all_hold = false;
                    if fact.decisive(a) && contradicted.is_none() {
                        contradicted = failures.into_iter().next();
                    }
                }
            }
        }
        if all_hold {
            evidence.extend(found);
        }
    }
    if contradicted.is_none() {
        evidence.extend(recognise::find(units, &element.heading, &element.text, element.provision.as_ref()));
    }
    let falls_short = (evidence.is_empty() && contradicted.is_none() && !element.short.is_empty())
        .then(|| recognise::find(units, &[], &element.short, None))
        .flatten()
        .map(|ev| with_clause_number(a, ev));
    ElementResult { element, evidence, contradicted, falls_short }
}

/// "Clause (a)" as a reader cites it, "Clause 9(a)": an item of a clause
/// numbered `9.` alone, where the clause's number is on an earlier block.
fn with_clause_number(a: &Agreement, mut ev: Evidence) -> Evidence {
    let Some(item) = ev.reference.strip_prefix("Clause (").map(|rest| format!("({rest}")) else { return ev };
    let blocks = &a.body.blocks;
    let Some(at) = blocks.iter().position(|b| b.span.range == ev.span.range && b.span.file.path == ev.span.file.path)
    else {
        return ev;
    };
    let clause = blocks[..at].iter().rev().find_map(|b| match b.number.as_ref().map(|n| &n.value) {
        Some(n @ Number { kind: NumberKind::Dotted(_), .. }) => Some(n.key()),
        _ => None,
    });
    if let Some(c) = clause {
        ev.reference = format!("Clause {c}{item}");
    }
    ev
}

/// Whether a requirement applies, and which `arrangements` value brings it in.
fn applicability(req: &Requirement, a: &Agreement) -> Option<Applicability> {
    let term = a.meta.term.as_ref();
    if let (Some(to), Some(start)) = (req.effective_to, term.and_then(|t| t.commencement.as_ref())) {
        if to < start.value {
            return None;
        }
    }
    if let (Some(from), Some(end)) = (req.effective_from, term_end(a)) {
        if from > end {
            return None;
        }
    }
    if !req.only_if_party_kind.is_empty()
        && !a.meta.parties.iter().any(|p| p.kind.as_ref().is_some_and(|k| req.only_if_party_kind.contains(&k.value)))
    {
        return None;
    }
    for applies in &req.applies_to {
        match applies {
            Applies::All => {
                let span = a.meta.arrangements.first().map_or_else(|| a.meta.top(), |x| x.span.clone());
                return Some(Applicability { span, label: "applies to every section 75 agreement".to_string() });
            }
            Applies::Type(t) => {
                if let Some(x) = a.meta.arrangements.iter().find(|x| x.value == *t) {
                    return Some(Applicability {
                        span: x.span.clone(),
                        label: format!("`{t}` arrangement declared here"),
                    });
                }
            }
        }
    }
    None
}

/// The last day of the term: `expiry`, else commencement + length − 1 day.
pub fn term_end(a: &Agreement) -> Option<Date> {
    let term = a.meta.term.as_ref()?;
    if let Some(e) = &term.expiry {
        return Some(e.value);
    }
    let start = term.commencement.as_ref()?.value;
    let length = term.length.as_ref()?.value;
    length.last_day_from(start)
}

/// `[satisfies]` resolved: evidence per requirement id, and the problems.
fn declarations(pack: &Pack, a: &Agreement) -> (Vec<(String, Evidence)>, Vec<Declaration>) {
    let mut evidence = Vec::new();
    let mut problems = Vec::new();
    for (id, clauses) in &a.meta.satisfies {
        let Some(req) = pack.requirement(&id.value) else {
            let suggestion = pack
                .requirements
                .iter()
                .map(|r| (strsim::levenshtein(&r.id, &id.value), &r.id))
                .filter(|(d, _)| *d <= 4)
                .min()
                .map(|(_, r)| r.clone());
            problems.push(Declaration::Unknown { id: id.clone(), suggestion });
            continue;
        };
        let by_type = !req.applies_to.contains(&Applies::All)
            && !a.meta.arrangements.is_empty()
            && !req.applies_to.iter().any(|ap| matches!(ap, Applies::Type(t) if a.meta.has_arrangement(*t)));
        if by_type {
            let types: Vec<String> = req
                .applies_to
                .iter()
                .filter_map(|ap| if let Applies::Type(t) = ap { Some(t.to_string()) } else { None })
                .collect();
            problems.push(Declaration::NotApplicable { id: id.clone(), applies_to: types.join(", ") });
        }
        for c in clauses {
            match refs::resolve(a, &c.value) {
                Ok(r) => evidence.push((
                    req.id.clone(),
                    Evidence { how: How::Declared, reference: r.label, span: r.span, detail: r.excerpt },
                )),
                Err(why) => problems.push(Declaration::MissingClause {
                    requirement: req.id.clone(),
                    citation: req.citation.clone(),
                    reference: c.clone(),
                    why,
                }),
            }
        }
    }
    (evidence, problems)
}
