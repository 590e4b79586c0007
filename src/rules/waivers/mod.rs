//! Waivers: a recorded decision to accept a finding, with a reason, who
//! approved it and an expiry date. Waived findings stay in JSON and SARIF as
//! suppressed. An expired waiver is an error; one that matches nothing is a
//! warning, so stale waivers do not pile up.

use super::Rule;
use super::finding::{Finding, Suppression};
use crate::model::metadata::Waiver;
use jiff::civil::Date;

mod expired;
mod invalid;
mod unused;

pub use expired::EXPIRED;
pub use invalid::INVALID;
pub use unused::UNUSED;

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[&EXPIRED, &UNUSED, &INVALID];

/// Whether `w` accepts finding `f`. `agreement_dir` lets locations be written
/// relative to the agreement's folder (`agreement.md:120`).
pub fn matches(w: &Waiver, f: &Finding, agreement_dir: &str) -> bool {
    let Some(code) = &w.code else { return false };
    if code.value != f.code() || (w.location.is_none() && w.matches.is_none()) {
        return false;
    }
    let span = &f.primary.span;
    if let Some(loc) = &w.location {
        let (file, line) = match loc.value.rsplit_once(':') {
            Some((file, line)) if line.chars().all(|c| c.is_ascii_digit()) && !line.is_empty() => {
                (file, line.parse::<usize>().ok())
            }
            _ => (loc.value.as_str(), None),
        };
        let path = &span.file.path;
        let in_agreement = format!("{agreement_dir}/{file}");
        if path != file && *path != in_agreement {
            return false;
        }
        if line.is_some_and(|l| l != span.start().0) {
            return false;
        }
    }
    if let Some(text) = &w.matches {
        let line_text = span.file.line_text(span.start().0);
        if !line_text.contains(text.value.as_str())
            && !f.message.contains(text.value.as_str())
            && !span.text().contains(text.value.as_str())
        {
            return false;
        }
    }
    true
}

/// Applies `waivers` to `findings`, and returns findings about the waivers
/// themselves (expired, invalid, and — when `report_unused` — unused).
pub fn apply(
    waivers: &[Waiver],
    findings: &mut [Finding],
    agreement_dir: &str,
    today: Date,
    report_unused: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for w in waivers {
        if w.location.is_none() && w.matches.is_none() {
            out.push(
                Finding::new(&INVALID, w.span.clone(), "waiver names neither `location` nor `matches`")
                    .help("add `location = \"agreement.md:LINE\"` or `matches = \"text on the line\"`"),
            );
            continue;
        }
        let expired = w.expires.as_ref().filter(|e| e.value < today);
        if let Some(e) = expired {
            out.push(
                Finding::new(
                    &EXPIRED,
                    e.span.clone(),
                    format!("waiver expired on {}; the finding it accepted counts again", e.value),
                )
                .help("renew the waiver with a new expiry and approver, or fix the text"),
            );
            continue;
        }
        let mut used = false;
        for f in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
            if matches(w, f, agreement_dir) {
                used = true;
                f.suppressed = Some(Suppression {
                    reason: w.reason.as_ref().map_or_else(String::new, |r| r.value.clone()),
                    approved_by: w.approved_by.as_ref().map_or_else(String::new, |r| r.value.clone()),
                    expires: w.expires.as_ref().map_or_else(String::new, |e| e.value.to_string()),
                    waiver: w.span.location(),
                });
            }
        }
        if !used && report_unused {
            let code = w.code.as_ref().map_or("?", |c| c.value.as_str());
            out.push(
                Finding::new(&UNUSED, w.span.clone(), format!("waiver for `{code}` matches no finding"))
                    .help("remove it, or correct its location or text"),
            );
        }
    }
    out
}
