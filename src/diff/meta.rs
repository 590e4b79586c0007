//! The semantic diff of `agreement.toml`: the lines a legal officer reads
//! first — parties, term, notice, money — as "old → new", never as TOML.
//!
//! Values are compared as facts, not text: `length = "12 months"` and
//! `length = "1 year"` are shown as they are written, but an expiry given
//! only through the length is computed so the dates can be compared.

use jiff::civil::Date;

use super::docs::DocPairing;
use super::report::MetaChange;
use crate::model::Agreement;
use crate::model::metadata::{Duration, Metadata, Money, Party, State, Term};
use crate::model::source::Located;

/// Builds the list of metadata changes, grouped by section in reading order.
pub fn diff(old: &Agreement, new: &Agreement, docs: &[DocPairing<'_>]) -> Vec<MetaChange> {
    let mut out = Out::default();
    agreement(&old.meta, &new.meta, &mut out);
    parties(&old.meta, &new.meta, &mut out);
    term(old.meta.term.as_ref(), new.meta.term.as_ref(), &mut out);
    money(&old.meta, &new.meta, &mut out);
    functions(&old.meta, &new.meta, &mut out);
    schedules(docs, &mut out);
    out.0
}

#[derive(Default)]
struct Out(Vec<MetaChange>);

impl Out {
    /// Records a change if the two values differ.
    fn value(&mut self, section: &str, field: &str, old: Option<(String, String)>, new: Option<(String, String)>) {
        let (ov, oa) = split(old);
        let (nv, na) = split(new);
        if ov != nv {
            self.0.push(MetaChange {
                section: section.into(),
                field: field.into(),
                old: ov,
                new: nv,
                detail: None,
                old_at: oa,
                new_at: na,
            });
        }
    }

    fn push(&mut self, change: MetaChange) {
        self.0.push(change);
    }
}

fn split(v: Option<(String, String)>) -> (Option<String>, Option<String>) {
    match v {
        Some((value, at)) => (Some(value), Some(at)),
        None => (None, None),
    }
}

/// A located value as (shown text, `path:line`).
fn show<T>(v: Option<&Located<T>>, f: impl Fn(&T) -> String) -> Option<(String, String)> {
    v.map(|l| (f(&l.value), location(l)))
}

fn location<T>(l: &Located<T>) -> String {
    let (line, _) = l.span.start();
    format!("{}:{}", l.span.file.path, line)
}

fn text(v: Option<&Located<String>>) -> Option<(String, String)> {
    show(v, Clone::clone)
}

/// "1 April 2022".
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

fn agreement(o: &Metadata, n: &Metadata, out: &mut Out) {
    out.value("Agreement", "Title", text(o.title.as_ref()), text(n.title.as_ref()));
    out.value("Agreement", "Predecessor", text(o.predecessor.as_ref()), text(n.predecessor.as_ref()));
    out.value("Agreement", "Illustrative", text(o.illustrative.as_ref()), text(n.illustrative.as_ref()));
    let state = |m: &Metadata| {
        m.status.as_ref().map(|s| {
            let v = match s.state.value {
                State::Draft => "draft",
                State::Signed => "signed",
            };
            (v.to_string(), location(&s.state))
        })
    };
    out.value("Agreement", "Status", state(o), state(n));
    let signed = |m: &Metadata| {
        let list: Vec<String> = m
            .status
            .iter()
            .flat_map(|s| &s.signed)
            .map(|sig| {
                let who = sig.party.as_ref().map_or("?", |p| p.value.as_str());
                let when = sig.date.as_ref().map_or_else(|| "undated".to_string(), |d| long_date(d.value));
                format!("{who} {when}")
            })
            .collect();
        (!list.is_empty()).then(|| (list.join(", "), String::new()))
    };
    out.value("Agreement", "Signed", signed(o), signed(n));
    list_change(
        out,
        "Agreement",
        "Statutory basis",
        o.statutory_basis.iter().map(|s| s.value.clone()),
        n.statutory_basis.iter().map(|s| s.value.clone()),
    );
    list_change(
        out,
        "Agreement",
        "Arrangements",
        o.arrangements.iter().map(|a| a.value.to_string()),
        n.arrangements.iter().map(|a| a.value.to_string()),
    );
    let host = |m: &Metadata| {
        m.host.as_ref().map(|h| {
            let name = m.party(&h.value).map_or(h.value.clone(), |p| p.display_name().to_string());
            (name, location(h))
        })
    };
    out.value("Agreement", "Host", host(o), host(n));
}

/// Items added to and removed from a list, as one line each way.
fn list_change(
    out: &mut Out,
    section: &str,
    field: &str,
    old: impl Iterator<Item = String>,
    new: impl Iterator<Item = String>,
) {
    let old: Vec<String> = old.collect();
    let new: Vec<String> = new.collect();
    if old == new {
        return;
    }
    let added: Vec<&String> = new.iter().filter(|x| !old.contains(x)).collect();
    let removed: Vec<&String> = old.iter().filter(|x| !new.contains(x)).collect();
    let join = |v: &[String]| if v.is_empty() { "(none)".to_string() } else { v.join(", ") };
    let mut detail = Vec::new();
    if !added.is_empty() {
        detail.push(format!("added {}", added.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
    }
    if !removed.is_empty() {
        detail.push(format!("removed {}", removed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
    }
    if detail.is_empty() {
        detail.push("reordered".into());
    }
    out.push(MetaChange {
        section: section.into(),
        field: field.into(),
        old: Some(join(&old)),
        new: Some(join(&new)),
        detail: Some(detail.join("; ")),
        old_at: None,
        new_at: None,
    });
}

fn party_key(p: &Party) -> Option<&str> {
    p.key.as_ref().map(|k| k.value.as_str())
}

fn parties(o: &Metadata, n: &Metadata, out: &mut Out) {
    for np in &n.parties {
        // Same key, or failing that the same legal name.
        let op = o.parties.iter().find(|op| party_key(op).is_some() && party_key(op) == party_key(np)).or_else(|| {
            o.parties.iter().find(|op| {
                op.name.as_ref().map(|x| &x.value) == np.name.as_ref().map(|x| &x.value) && np.name.is_some()
            })
        });
        let who = np.display_name();
        let Some(op) = op else {
            let kind = np.kind.as_ref().map(|k| format!(" ({})", k.value)).unwrap_or_default();
            out.push(MetaChange {
                section: "Parties".into(),
                field: "Party".into(),
                old: None,
                new: Some(format!("{who}{kind}")),
                detail: Some("added".into()),
                old_at: None,
                new_at: Some(span_at(&np.span)),
            });
            continue;
        };
        out.value("Parties", &format!("{who}: name"), text(op.name.as_ref()), text(np.name.as_ref()));
        out.value(
            "Parties",
            &format!("{who}: kind"),
            show(op.kind.as_ref(), ToString::to_string),
            show(np.kind.as_ref(), ToString::to_string),
        );
        out.value("Parties", &format!("{who}: defined as"), text(op.defined_as.as_ref()), text(np.defined_as.as_ref()));
        out.value("Parties", &format!("{who}: address"), text(op.address.as_ref()), text(np.address.as_ref()));
        out.value("Parties", &format!("{who}: signatory"), text(op.signatory.as_ref()), text(np.signatory.as_ref()));
    }
    for op in &o.parties {
        let still = n.parties.iter().any(|np| {
            (party_key(op).is_some() && party_key(op) == party_key(np))
                || (op.name.is_some() && op.name.as_ref().map(|x| &x.value) == np.name.as_ref().map(|x| &x.value))
        });
        if !still {
            let kind = op.kind.as_ref().map(|k| format!(" ({})", k.value)).unwrap_or_default();
            out.push(MetaChange {
                section: "Parties".into(),
                field: "Party".into(),
                old: Some(format!("{}{kind}", op.display_name())),
                new: None,
                detail: Some("removed".into()),
                old_at: Some(span_at(&op.span)),
                new_at: None,
            });
        }
    }
}

fn span_at(span: &crate::model::Span) -> String {
    format!("{}:{}", span.file.path, span.start().0)
}

/// The expiry as written, or computed from commencement and length.
fn expiry(t: &Term) -> Option<(String, String)> {
    if let Some(e) = &t.expiry {
        return Some((long_date(e.value), location(e)));
    }
    let (c, l) = (t.commencement.as_ref()?, t.length.as_ref()?);
    let end = l.value.last_day_from(c.value)?;
    Some((format!("{} (computed)", long_date(end)), location(l)))
}

fn duration(v: Option<&Located<Duration>>) -> Option<(String, String)> {
    show(v, ToString::to_string)
}

fn term(o: Option<&Term>, n: Option<&Term>, out: &mut Out) {
    let date = |t: Option<&Term>| show(t.and_then(|t| t.commencement.as_ref()), |d| long_date(*d));
    out.value("Term", "Commencement", date(o), date(n));
    out.value("Term", "Expiry", o.and_then(expiry), n.and_then(expiry));
    out.value("Term", "Term", duration(o.and_then(|t| t.length.as_ref())), duration(n.and_then(|t| t.length.as_ref())));
    out.value(
        "Term",
        "Notice",
        duration(o.and_then(|t| t.notice.as_ref())),
        duration(n.and_then(|t| t.notice.as_ref())),
    );
    fn ext(t: Option<&Term>) -> Option<&crate::model::metadata::Extension> {
        t.and_then(|t| t.extension.as_ref())
    }
    out.value(
        "Term",
        "Extension period",
        duration(ext(o).and_then(|e| e.period.as_ref())),
        duration(ext(n).and_then(|e| e.period.as_ref())),
    );
    out.value(
        "Term",
        "Extension to be agreed before expiry",
        duration(ext(o).and_then(|e| e.agree_before.as_ref())),
        duration(ext(n).and_then(|e| e.agree_before.as_ref())),
    );
    out.value(
        "Term",
        "Extension limit",
        text(ext(o).and_then(|e| e.limit.as_ref())),
        text(ext(n).and_then(|e| e.limit.as_ref())),
    );
    out.value(
        "Term",
        "Maximum extensions",
        show(ext(o).and_then(|e| e.max.as_ref()), ToString::to_string),
        show(ext(n).and_then(|e| e.max.as_ref()), ToString::to_string),
    );
}

/// "+£100,000, +6.7%".
pub fn money_change(old: Money, new: Money) -> String {
    let delta = Money { pence: new.pence - old.pence };
    let sign = if delta.pence >= 0 { "+" } else { "" };
    if old.pence == 0 {
        return format!("{sign}{delta}");
    }
    // Tenths of a percent, rounded half away from zero, in integers: exact and deterministic.
    let tenths =
        (delta.pence as i128 * 1000 * 2 + old.pence as i128 * delta.pence.signum() as i128) / (old.pence as i128 * 2);
    let pct_sign = if tenths >= 0 { "+" } else { "-" };
    let t = tenths.unsigned_abs();
    format!("{sign}{delta}, {pct_sign}{}.{}%", t / 10, t % 10)
}

fn money(o: &Metadata, n: &Metadata, out: &mut Out) {
    let manager = |m: &Metadata| text(m.pooled_fund.as_ref().and_then(|p| p.manager.as_ref()));
    out.value("Money", "Pooled fund manager", manager(o), manager(n));
    type Row = (String, String, Money, String);
    let rows = |m: &Metadata| -> Vec<Row> {
        m.pooled_fund
            .iter()
            .flat_map(|p| &p.contributions)
            .filter_map(|c| {
                let party = c.party.as_ref()?.value.clone();
                let name = m.party(&party).map_or(party.clone(), |p| p.display_name().to_string());
                let year = c.year.as_ref()?.value.to_string();
                Some((name, year, c.amount.as_ref()?.value, span_at(&c.span)))
            })
            .collect()
    };
    let (or, nr) = (rows(o), rows(n));
    let mut keys: Vec<(String, String)> = or.iter().chain(&nr).map(|r| (r.1.clone(), r.0.clone())).collect();
    keys.sort();
    keys.dedup();
    for (year, party) in &keys {
        let find = |rows: &[Row]| rows.iter().find(|r| &r.0 == party && &r.1 == year).map(|r| (r.2, r.3.clone()));
        let (a, b) = (find(&or), find(&nr));
        if a.as_ref().map(|x| x.0) == b.as_ref().map(|x| x.0) {
            continue;
        }
        let detail = match (a.as_ref(), b.as_ref()) {
            (Some(x), Some(y)) => Some(money_change(x.0, y.0)),
            (None, Some(_)) => Some("added".into()),
            (Some(_), None) => Some("removed".into()),
            (None, None) => None,
        };
        out.push(MetaChange {
            section: "Money".into(),
            field: format!("Contribution {year}, {party}"),
            old: a.as_ref().map(|x| x.0.to_string()),
            new: b.as_ref().map(|x| x.0.to_string()),
            detail,
            old_at: a.map(|x| x.1),
            new_at: b.map(|x| x.1),
        });
    }
    let total = |rows: &[Row]| Money { pence: rows.iter().map(|r| r.2.pence).sum() };
    let (ot, nt) = (total(&or), total(&nr));
    if ot != nt {
        out.push(MetaChange {
            section: "Money".into(),
            field: "Contributions, total".into(),
            old: Some(ot.to_string()),
            new: Some(nt.to_string()),
            detail: Some(money_change(ot, nt)),
            old_at: None,
            new_at: None,
        });
    }
}

fn functions(o: &Metadata, n: &Metadata, out: &mut Out) {
    let funcs = |m: &Metadata| -> Vec<(String, String)> {
        m.functions
            .iter()
            .map(|f| {
                let kind = match f.kind.as_ref().map(|k| k.value) {
                    Some(crate::model::metadata::FunctionKind::Excluded) => "excluded",
                    _ => "delegated",
                };
                let what = f.description.as_ref().map_or("?", |d| d.value.as_str());
                let cite = f.citation.as_ref().map(|c| format!(" ({})", c.value)).unwrap_or_default();
                let clause = f.clause.as_ref().map(|c| format!("clause {}", c.value)).unwrap_or_default();
                (format!("{kind}: {what}{cite}"), clause)
            })
            .collect()
    };
    function_like(out, "Functions", "Function", &funcs(o), &funcs(n));
    let reports = |m: &Metadata| -> Vec<(String, String)> {
        m.reporting
            .iter()
            .map(|r| {
                let g = |v: &Option<Located<String>>| v.as_ref().map_or("?".to_string(), |x| x.value.clone());
                (
                    format!("{} report by {} to {}", g(&r.frequency), g(&r.by), g(&r.to)),
                    r.clause.as_ref().map(|c| format!("clause {}", c.value)).unwrap_or_default(),
                )
            })
            .collect()
    };
    function_like(out, "Reporting", "Reporting duty", &reports(o), &reports(n));
}

/// Lists of (description, clause): added, removed, or moved to another clause.
fn function_like(out: &mut Out, section: &str, field: &str, old: &[(String, String)], new: &[(String, String)]) {
    for (what, clause) in new {
        match old.iter().find(|(w, _)| w == what) {
            None => out.push(MetaChange {
                section: section.into(),
                field: field.into(),
                old: None,
                new: Some(what.clone()),
                detail: Some("added".into()),
                old_at: None,
                new_at: None,
            }),
            Some((_, oc)) if oc != clause => out.push(MetaChange {
                section: section.into(),
                field: format!("{field} ({what})"),
                old: Some(oc.clone()),
                new: Some(clause.clone()),
                detail: None,
                old_at: None,
                new_at: None,
            }),
            Some(_) => {}
        }
    }
    for (what, _) in old.iter().filter(|(w, _)| !new.iter().any(|(nw, _)| nw == w)) {
        out.push(MetaChange {
            section: section.into(),
            field: field.into(),
            old: Some(what.clone()),
            new: None,
            detail: Some("removed".into()),
            old_at: None,
            new_at: None,
        });
    }
}

fn schedules(docs: &[DocPairing<'_>], out: &mut Out) {
    for p in docs {
        let change = |field: String, old: Option<String>, new: Option<String>, detail: Option<&str>| MetaChange {
            section: "Schedules".into(),
            field,
            old,
            new,
            detail: detail.map(String::from),
            old_at: None,
            new_at: None,
        };
        match (&p.old, &p.new) {
            (Some(o), Some(n)) if o.order == 0 && n.order == 0 => {}
            (Some(o), Some(n)) => {
                let num = n.number.clone().unwrap_or_default();
                if o.number != n.number {
                    out.push(change(
                        format!("Schedule {}", o.number.clone().unwrap_or_default()),
                        o.number.clone(),
                        n.number.clone(),
                        Some("renumbered"),
                    ));
                }
                if o.title != n.title {
                    out.push(change(format!("Schedule {num} title"), o.title.clone(), n.title.clone(), None));
                }
                if p.moved {
                    out.push(change(
                        format!("Schedule {num}"),
                        Some(format!("position {}", o.order)),
                        Some(format!("position {}", n.order)),
                        Some("moved"),
                    ));
                }
                if o.file != n.file {
                    out.push(change(format!("Schedule {num} file"), o.file.clone(), n.file.clone(), None));
                }
            }
            (None, Some(n)) => out.push(change("Schedule".into(), None, Some(n.label()), Some("added"))),
            (Some(o), None) => out.push(change("Schedule".into(), Some(o.label()), None, Some("removed"))),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_changes_show_pounds_and_percent() {
        let m = |p: i64| Money { pence: p * 100 };
        assert_eq!(money_change(m(1_500_000), m(1_600_000)), "+£100,000, +6.7%");
        assert_eq!(money_change(m(1_000_000), m(900_000)), "-£100,000, -10.0%");
        assert_eq!(money_change(m(0), m(5)), "+£5");
    }

    #[test]
    fn dates_read_as_english() {
        assert_eq!(long_date(Date::constant(2022, 4, 1)), "1 April 2022");
    }
}
