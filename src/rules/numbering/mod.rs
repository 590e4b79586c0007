//! `numbering.*`: the authored numbers of clauses, paragraphs and items.
//!
//! Agreements are cited by number, so a duplicate makes a reference
//! ambiguous and a lost number usually marks a lost or unnumbered paragraph.
//! Each document (the body, each schedule) is checked on its own, region by
//! region (see [`regions`]); dotted numbers (`2.3`) are checked by parent
//! ([`dotted`]) and item labels (`(a)`, `(iv)`) within the run of items of one
//! provision ([`items`]).

mod dotted;
mod items;
mod regions;
mod report;
mod sequence;

use crate::model::Agreement;
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};

pub struct Numbering;

pub const DUPLICATE: &str = "numbering.duplicate";
pub const GAP: &str = "numbering.gap";
pub const OUT_OF_ORDER: &str = "numbering.out-of-order";
pub const ORPHAN: &str = "numbering.orphan";

impl Family for Numbering {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        vec![
            RuleInfo::new(
                DUPLICATE,
                Severity::Error,
                "the same number is used twice among sibling provisions",
                "Two provisions with one number make every reference to that number ambiguous, and usually \
                 mean that everything after the second is one number off. Siblings are the numbers under one \
                 parent (2.1, 2.2 under 2) in the body, or in one Part, Appendix or lettered section of a \
                 schedule, where numbering restarts; a Part whose numbers carry on from the Part before \
                 (Part A 1–3, Part B 4–6) continues that sequence. A clause heading whose number is repeated on its own \
                 single paragraph (`## 1A. COMMENCEMENT` then `1A. This Agreement …`) is one clause, not two. \
                 Renumber, and correct the references to the renumbered provisions.",
                "1.1 In this Agreement the following words …\n…\n1.1 References in this Agreement to any statute …",
            ),
            RuleInfo::new(
                GAP,
                Severity::Warning,
                "a number is missing among sibling provisions or items",
                "A missing number (2.1 then 2.3; a first sub-paragraph numbered 4.2; (a), (b), (d)) usually \
                 marks a paragraph that lost its number or was deleted without renumbering. It is a warning, \
                 not an error: a gap makes no reference ambiguous, and leaving a deleted clause's number unused \
                 keeps references stable (better: keep the number with \"[Not used]\"). Inserted numbers such \
                 as 1A or 27A are not gaps.",
                "1.6 At every Board meeting …\n\n1.8 A report summarising …",
            ),
            RuleInfo::new(
                OUT_OF_ORDER,
                Severity::Error,
                "a number is lower than the one before it at the same level",
                "Numbers at one level must increase in reading order. A lower number that is not a repeat \
                 (2.4 after 2.6) means provisions were moved or mistyped, and a reference to either number \
                 may no longer point where the drafter meant.",
                "2.6 The Partners shall …\n\n2.4 The Trust shall …",
            ),
            RuleInfo::new(
                ORPHAN,
                Severity::Warning,
                "a sub-number has no parent provision",
                "A provision numbered under a parent that does not exist (3.2.1 with no 3.2; 2.1 to 2.7 with \
                 no 2) usually means a mistyped number or an unnumbered lead-in paragraph. A Part or section \
                 numbered from 1.1 without any top-level number is a house style and is not reported.",
                "3.1 The Trust responsibilities are:\n\n3.2.1 To undertake safeguarding enquiries …\n\n3.3 Identify …",
            ),
        ]
    }

    fn check(&self, agreement: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        for doc in agreement.documents() {
            for region in regions::regions(doc) {
                report::check_dotted(doc, &region, out);
                report::check_items(doc, &region, out);
            }
        }
    }
}
