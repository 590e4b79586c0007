//! `dates.extension-deadline`: when the first extension must be agreed, where the clause names a day rather than a deadline.

use super::english::long_date;
use super::term::ResolvedTerm;
use crate::rules::{Example, Finding, Rule, Severity};

pub static EXTENSION_DEADLINE: Rule = Rule {
    code: "dates.extension-deadline",
    severity: Severity::Note,
    summary: "when the first extension must be agreed, where the clause names a day rather than a deadline",
    doc: "\"The Partners may agree in writing three (3) months prior to the end of the Term to extend\" names a \
          single day (expiry − 3 months), not a latest date; \"no later than three (3) months before\" would. The \
          note shows the computed day so it can be diarised, and asks for the wording to be settled. s75 counts a \
          term of N units from its first day to commencement + N units − 1 day, inclusive: a 1-year term from 1 \
          April 2019 ends on 31 March 2020. Adding months or years keeps the day of the month and clamps it to the \
          month's last day when that day does not exist: 31 January + 1 month = 28 February, or 29 February in a \
          leap year. For terms starting on the 29th–31st, where that rule and counting from the day before give \
          different last days, either is accepted.",
    example: Example::MetadataAndBody {
        metadata: "[term]\ncommencement = 2024-04-01\nlength = \"3 years\"\nexpiry = 2027-03-31\n\n[term.extension]\nperiod = \"12 months\"\nagree_before = \"6 months\"",
        body: "## 14 Extension\n\n14.1 The Partners may agree in writing six (6) months prior to the end of the Term to extend this Agreement for twelve (12) months.",
    },
};

pub(super) fn check_extension_deadline(t: &ResolvedTerm, out: &mut Vec<Finding>) {
    let (Some(lead), Some(e), Some(deadline)) = (&t.extension_lead, &t.expiry, t.extension_deadline()) else { return };
    if lead.value.firm {
        return;
    }
    out.push(
        Finding::new(
            &EXTENSION_DEADLINE,
            lead.span.clone(),
            format!(
                "extension must be agreed in writing by {}: {} before the term ends on {}",
                long_date(deadline),
                lead.value.duration,
                long_date(e.value)
            ),
        )
        .label(format!("{} before expiry = {deadline}", lead.value.duration))
        .related(e.span.clone(), format!("the term ends on {}", long_date(e.value)))
        .help("as worded the clause names that single day, not a latest date; write \"no later than … before the end of the Term\" if a deadline is meant"),
    );
    if let (Some(f), Some(also)) = (out.last_mut(), &lead.also) {
        f.related.push(crate::rules::Label {
            span: also.clone(),
            message: format!("agreement.toml: agree_before {}", lead.value.duration),
        });
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::EXTENSION_DEADLINE);
        // this finding at agreement.md:462
        assert!(found.iter().any(|(file, line, message)| file.ends_with("/agreement.md") && *line == 462 && message == "extension must be agreed in writing by 31 December 2019: 3 months before the term ends on 31 March 2020"), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::EXTENSION_DEADLINE, &clean()), Vec::new());
    }
}
