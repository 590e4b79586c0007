//! `dates.notice-vs-term`: the termination notice period is as long as the whole term, or longer.

use super::english::{self, long_date};
use super::same_length;
use super::term::ResolvedTerm;
use crate::rules::{Example, Finding, Rule, Severity};

pub static NOTICE_VS_TERM: Rule = Rule {
    code: "dates.notice-vs-term",
    severity: Severity::Warning,
    summary: "the termination notice period is as long as the whole term, or longer",
    doc: "Notice given on the first day of the term then expires only at (or after) natural expiry, so termination on \
          notice cannot shorten the term; it can only work during an extension. The glossary: \"a notice period \
          longer than the remaining term is a warning sign\". Shorten the notice, or confirm the partners intend it.",
    example: Example::Metadata(
        "[term]\ncommencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31\nnotice = \"36 months\"",
    ),
};

pub(super) fn check_notice(t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let (Some(c), Some(e), Some(n)) = (&t.commencement, &t.expiry, &t.notice) else { return };
    let (Some(notice_ends), Ok(term_ends)) = (n.value.after(c.value), e.value.tomorrow()) else { return };
    if notice_ends < term_ends {
        return;
    }
    let how = if notice_ends == term_ends { "as long as" } else { "longer than" };
    let term_text = t.length.as_ref().map_or_else(|| t.range_text().unwrap_or_default(), |l| l.value.to_string());
    let mut message = format!("the termination notice ({}) is {how} the whole term ({term_text})", n.value);
    if let Some(p) = t
        .extension_period
        .as_ref()
        .filter(|p| same_length(n.value, p.value, Some(c.value)) || n.value.months() > p.value.months())
    {
        message.push_str(&format!(", and not shorter than each {} extension", english::adjectival(p.value)));
    }
    let term_span = t.length.as_ref().map_or(&e.span, |l| &l.span);
    let mut finding = Finding::new(&NOTICE_VS_TERM, n.span.clone(), message)
        .label(format!("{} notice", n.value))
        .related(term_span.clone(), format!("term: {term_text}, ending {}", long_date(e.value)));
    if let Some(also) = &n.also {
        finding = finding.related(also.clone(), format!("agreement.toml: notice {}", n.value));
    }
    out.push(finding.help(format!(
        "notice served on the first day ({}) runs until {}, {}: termination on notice cannot shorten this term",
        long_date(c.value),
        long_date(notice_ends.yesterday().unwrap_or(notice_ends)),
        if notice_ends == term_ends { "the last day of the term" } else { "after the term has ended" }
    )));
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::NOTICE_VS_TERM);
        // this finding at agreement.md:464
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 464 && message == "the termination notice (12 months) is as long as the whole term (1 year), and not shorter than each 12-month extension"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::NOTICE_VS_TERM, &clean()), Vec::new());
    }
}
