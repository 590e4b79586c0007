//! `dates.words-and-figures`: a period written in words and figures that disagree.
//! Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static WORDS_FIGURES: Rule = Rule {
    code: "dates.words-and-figures",
    severity: Severity::Warning,
    summary: "a period written in words and figures that disagree",
    doc: "\"three (4) months\" cannot be read with confidence: which number was meant? Correct one of them. s75 does \
          not use such a period in any other date check.",
    example: Example::Body(
        "## 14 Notice\n\n14.1 Either Partner may suspend the Partnership Arrangements on three (4) months' notice.",
    ),
};
