//! `agreement.toml` → [`Metadata`]. See docs/FORMAT.md for the keys.

use std::sync::Arc;

use super::LoadError;
use super::toml_reader::{Ctx, TableReader, parse_toml};
use crate::model::metadata::*;
use crate::model::{Located, SourceFile};

pub fn parse(file: &Arc<SourceFile>) -> Result<Metadata, LoadError> {
    let doc = parse_toml(&file.text, file)?;
    let mut ctx = Ctx::new(file);
    let mut m = Metadata::empty(Arc::clone(file));
    let mut top = TableReader::new(doc.get_ref(), m.top(), "");

    m.schema = top.integer(&mut ctx, "schema");
    if m.schema.is_none() {
        top.missing(&mut ctx, "schema");
    }
    if let Some(s) = m.schema.as_ref().filter(|s| s.value != 1) {
        ctx.problem(
            MetaProblemKind::InvalidValue,
            s.span.clone(),
            format!("unsupported schema {}; this s75 reads schema 1", s.value),
        );
    }
    m.id = top.required_string(&mut ctx, "id");
    m.title = top.required_string(&mut ctx, "title");
    m.body = top.string(&mut ctx, "body");
    m.illustrative = top.string(&mut ctx, "illustrative");
    m.predecessor = top.string(&mut ctx, "predecessor");
    m.statutory_basis = top.string_array(&mut ctx, "statutory_basis");
    m.arrangements = top
        .string_array(&mut ctx, "arrangements")
        .into_iter()
        .filter_map(|a| {
            enum_value(
                &mut ctx,
                a,
                "arrangement type",
                ArrangementType::parse,
                ArrangementType::ALL.iter().map(|x| x.0),
            )
        })
        .collect();
    if m.arrangements.is_empty() {
        top.missing(&mut ctx, "arrangements");
    }
    m.host = top.string(&mut ctx, "host");
    m.status = top.table(&mut ctx, "status").map(|t| status(&mut ctx, t));
    if m.status.is_none() {
        top.missing(&mut ctx, "status");
    }
    m.parties = top.tables(&mut ctx, "parties").into_iter().map(|t| party(&mut ctx, t)).collect();
    if m.parties.is_empty() {
        top.missing(&mut ctx, "parties");
    }
    m.term = top.table(&mut ctx, "term").map(|t| term(&mut ctx, t));
    if m.term.is_none() {
        top.missing(&mut ctx, "term");
    }
    m.pooled_fund = top.table(&mut ctx, "pooled_fund").map(|t| pooled_fund(&mut ctx, t));
    m.functions = top.tables(&mut ctx, "functions").into_iter().map(|t| function(&mut ctx, t)).collect();
    m.reporting = top.tables(&mut ctx, "reporting").into_iter().map(|t| reporting(&mut ctx, t)).collect();
    m.schedules = top.tables(&mut ctx, "schedules").into_iter().map(|t| schedule(&mut ctx, t)).collect();
    if let Some(mut t) = top.table(&mut ctx, "satisfies") {
        m.satisfies = satisfies(&mut ctx, &mut t);
        t.finish(&mut ctx);
    }
    m.waivers = top.tables(&mut ctx, "waivers").into_iter().map(|t| waiver(&mut ctx, t)).collect();
    top.finish(&mut ctx);

    check_party_keys(&mut ctx, &m);
    m.problems = ctx.problems;
    Ok(m)
}

/// Reads a string naming one of a fixed set of values.
fn enum_value<T>(
    ctx: &mut Ctx,
    s: Located<String>,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    names: impl Iterator<Item = &'static str>,
) -> Option<Located<T>> {
    match parse(&s.value) {
        Some(v) => Some(Located::new(v, s.span)),
        None => {
            let list: Vec<_> = names.collect();
            ctx.problem(
                MetaProblemKind::InvalidValue,
                s.span,
                format!("unknown {what} `{}`; expected one of: {}", s.value, list.join(", ")),
            );
            None
        }
    }
}

fn duration(ctx: &mut Ctx, t: &mut TableReader, key: &str) -> Option<Located<Duration>> {
    let s = t.string(ctx, key)?;
    match Duration::parse(&s.value) {
        Some(d) => Some(Located::new(d, s.span)),
        None => {
            ctx.problem(
                MetaProblemKind::InvalidValue,
                s.span,
                format!("`{key}`: cannot read duration `{}`; write e.g. \"12 months\" or \"1 year\"", s.value),
            );
            None
        }
    }
}

fn status(ctx: &mut Ctx, mut t: TableReader) -> Status {
    let span = t.span().clone();
    let state = t.required_string(ctx, "state").and_then(|s| {
        let parse = |v: &str| match v {
            "draft" => Some(State::Draft),
            "signed" => Some(State::Signed),
            _ => None,
        };
        enum_value(ctx, s, "status", parse, ["draft", "signed"].into_iter())
    });
    let signed = t
        .tables(ctx, "signed")
        .into_iter()
        .map(|mut s| {
            let sig = Signature { party: s.string(ctx, "party"), date: s.date(ctx, "date"), span: s.span().clone() };
            s.finish(ctx);
            sig
        })
        .collect();
    t.finish(ctx);
    Status { state: state.unwrap_or_else(|| Located::new(State::Draft, span)), signed }
}

fn party(ctx: &mut Ctx, mut t: TableReader) -> Party {
    let key = t.required_string(ctx, "key");
    let name = t.required_string(ctx, "name");
    let kind = t
        .required_string(ctx, "kind")
        .and_then(|k| enum_value(ctx, k, "party kind", PartyKind::parse, PartyKind::ALL.iter().map(|x| x.0)));
    let defined_as = t.required_string(ctx, "defined_as");
    let p = Party {
        key,
        name,
        kind,
        defined_as,
        address: t.string(ctx, "address"),
        signatory: t.string(ctx, "signatory"),
        span: t.span().clone(),
    };
    t.finish(ctx);
    p
}

fn term(ctx: &mut Ctx, mut t: TableReader) -> Term {
    let commencement = t.date(ctx, "commencement");
    if commencement.is_none() {
        t.missing(ctx, "commencement");
    }
    let length = duration(ctx, &mut t, "length");
    let expiry = t.date(ctx, "expiry");
    if length.is_none() && expiry.is_none() {
        let span = t.span().clone();
        ctx.problem(MetaProblemKind::MissingField, span, "`term` needs `length` or `expiry`");
    }
    let notice = duration(ctx, &mut t, "notice");
    let extension = t.table(ctx, "extension").map(|mut e| {
        let ext = Extension {
            period: duration(ctx, &mut e, "period"),
            agree_before: duration(ctx, &mut e, "agree_before"),
            limit: e.string(ctx, "limit"),
            max: e.integer(ctx, "max"),
            span: e.span().clone(),
        };
        e.finish(ctx);
        ext
    });
    let span = t.span().clone();
    t.finish(ctx);
    Term { commencement, length, expiry, notice, extension, span }
}

fn pooled_fund(ctx: &mut Ctx, mut t: TableReader) -> PooledFund {
    let manager = t.string(ctx, "manager");
    let contributions = t
        .tables(ctx, "contributions")
        .into_iter()
        .map(|mut c| {
            let year = c.required_string(ctx, "year").and_then(|y| match FinancialYear::parse(&y.value) {
                Some(fy) => Some(Located::new(fy, y.span)),
                None => {
                    ctx.problem(
                        MetaProblemKind::InvalidValue,
                        y.span,
                        format!("`year`: `{}` is not a financial year such as \"2022/23\"", y.value),
                    );
                    None
                }
            });
            let party = c.required_string(ctx, "party");
            let amount = c.money(ctx, "amount");
            let contribution = Contribution { party, year, amount, span: c.span().clone() };
            c.finish(ctx);
            contribution
        })
        .collect();
    let span = t.span().clone();
    t.finish(ctx);
    PooledFund { manager, contributions, span }
}

fn function(ctx: &mut Ctx, mut t: TableReader) -> Function {
    let kind = t.required_string(ctx, "kind").and_then(|k| {
        let parse = |v: &str| match v {
            "delegated" => Some(FunctionKind::Delegated),
            "excluded" => Some(FunctionKind::Excluded),
            _ => None,
        };
        enum_value(ctx, k, "function kind", parse, ["delegated", "excluded"].into_iter())
    });
    let f = Function {
        kind,
        from: t.string(ctx, "from"),
        to: t.string(ctx, "to"),
        description: t.required_string(ctx, "description"),
        citation: t.string(ctx, "citation"),
        clause: t.string(ctx, "clause"),
        span: t.span().clone(),
    };
    t.finish(ctx);
    f
}

fn reporting(ctx: &mut Ctx, mut t: TableReader) -> Reporting {
    let r = Reporting {
        by: t.required_string(ctx, "by"),
        to: t.string(ctx, "to"),
        frequency: t.required_string(ctx, "frequency"),
        clause: t.string(ctx, "clause"),
        span: t.span().clone(),
    };
    t.finish(ctx);
    r
}

fn schedule(ctx: &mut Ctx, mut t: TableReader) -> ScheduleEntry {
    let number = t.required_string(ctx, "number");
    let title = t.string(ctx, "title");
    let file = t.string(ctx, "file");
    let shared = t.string(ctx, "shared");
    let not_used = t.boolean(ctx, "not_used").is_some_and(|b| b.value);
    let span = t.span().clone();
    let source = match (file, shared) {
        (Some(f), None) => ScheduleSource::Local(f),
        (None, Some(s)) => ScheduleSource::Shared(s),
        (Some(f), Some(_)) => {
            ctx.problem(
                MetaProblemKind::InvalidValue,
                span.clone(),
                "a schedule has either `file` or `shared`, not both",
            );
            ScheduleSource::Local(f)
        }
        (None, None) if not_used => ScheduleSource::NotUsed,
        (None, None) => {
            ctx.problem(
                MetaProblemKind::MissingField,
                span.clone(),
                "schedule needs `file`, `shared` or `not_used = true`",
            );
            ScheduleSource::Missing
        }
    };
    t.finish(ctx);
    ScheduleEntry { number, title, source, span }
}

fn satisfies(ctx: &mut Ctx, t: &mut TableReader) -> Vec<(Located<String>, Vec<Located<String>>)> {
    let mut out = Vec::new();
    for (key, value) in t.entries() {
        let id = Located::new(key.get_ref().to_string(), ctx.span(key.span()));
        let clauses = match value.get_ref() {
            toml::de::DeValue::String(s) => vec![Located::new(s.to_string(), ctx.span(value.span()))],
            toml::de::DeValue::Array(items) => items
                .iter()
                .filter_map(|i| i.get_ref().as_str().map(|s| Located::new(s.to_string(), ctx.span(i.span()))))
                .collect(),
            other => {
                let message = format!(
                    "`satisfies.{}` should be a clause number or an array of them, found {}",
                    id.value,
                    other.type_str()
                );
                ctx.problem(MetaProblemKind::WrongType, ctx.span(value.span()), message);
                Vec::new()
            }
        };
        out.push((id, clauses));
    }
    out
}

pub(crate) fn waiver(ctx: &mut Ctx, mut t: TableReader) -> Waiver {
    let w = Waiver {
        code: t.required_string(ctx, "code"),
        location: t.string(ctx, "location"),
        matches: t.string(ctx, "matches"),
        reason: t.required_string(ctx, "reason"),
        approved_by: t.required_string(ctx, "approved_by"),
        expires: t.date(ctx, "expires"),
        span: t.span().clone(),
    };
    if w.expires.is_none() {
        t.missing(ctx, "expires");
    }
    t.finish(ctx);
    w
}

/// `host`, contribution parties and function parties must name a `[[parties]]` key.
fn check_party_keys(ctx: &mut Ctx, m: &Metadata) {
    let keys: Vec<&str> = m.parties.iter().filter_map(|p| p.key.as_ref().map(|k| k.value.as_str())).collect();
    let mut refs: Vec<(&str, &Located<String>)> = Vec::new();
    refs.extend(m.host.iter().map(|h| ("host", h)));
    if let Some(s) = &m.status {
        refs.extend(s.signed.iter().filter_map(|x| x.party.as_ref()).map(|p| ("status.signed.party", p)));
    }
    if let Some(f) = &m.pooled_fund {
        refs.extend(f.contributions.iter().filter_map(|c| c.party.as_ref()).map(|p| ("contributions.party", p)));
    }
    for f in &m.functions {
        refs.extend(f.from.iter().map(|p| ("functions.from", p)));
        refs.extend(f.to.iter().map(|p| ("functions.to", p)));
    }
    for r in &m.reporting {
        refs.extend(r.by.iter().map(|p| ("reporting.by", p)));
        refs.extend(r.to.iter().map(|p| ("reporting.to", p)));
    }
    for (what, r) in refs {
        if !keys.contains(&r.value.as_str()) {
            let message = format!(
                "`{what}` names party `{}`, but no [[parties]] entry has that key (known: {})",
                r.value,
                keys.join(", ")
            );
            ctx.problem(MetaProblemKind::InvalidValue, r.span.clone(), message);
        }
    }
}
