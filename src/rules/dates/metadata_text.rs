//! `dates.metadata-text`: agreement.toml and the agreement's text give different dates or periods.

use crate::rules::{Example, Rule, Severity};

pub static METADATA_TEXT: Rule = Rule {
    code: "dates.metadata-text",
    severity: Severity::Error,
    summary: "agreement.toml and the agreement's text give different dates or periods",
    doc: "The commencement date, the Term, the expiry, the termination notice and the extension provisions are read \
          from the text (the \"Commencement Date\" and \"Term\" definitions, \"this Agreement shall take effect on \
          …\", \"twelve (12) months' notice\", \"three (3) months prior to the end of the Term\") and compared with \
          `[term]`. The finding points at the text and shows the metadata beside it: one of them is wrong. Only the \
          usual wordings are read, so a silent run does not prove the two agree. s75 counts a term of N units from \
          its first day to commencement + N units − 1 day, inclusive: a 1-year term from 1 April 2019 ends on 31 \
          March 2020. Adding months or years keeps the day of the month and clamps it to the month's last day when \
          that day does not exist: 31 January + 1 month = 28 February, or 29 February in a leap year. For terms \
          starting on the 29th–31st, where that rule and counting from the day before give different last days, \
          either is accepted.",
    example: Example::Metadata(
        "[term]\ncommencement = 2024-04-01\nlength = \"2 years\"   # the text says three (3) years\nexpiry = 2026-03-31",
    ),
};
