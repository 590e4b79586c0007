//! `residue.*`: drafting left-overs — placeholders, stray brackets, notes,
//! an undated date line or blank signature blocks in an agreement marked
//! signed, and references to schedules that are "Not used".
//!
//! Square brackets are also the agreement's own drafting ("[CWPT]",
//! "[Consultation]"), so placeholders are recognised by what the bracket
//! holds (see [`placeholder`]), never by the brackets alone.

mod after_execution;
mod brackets;
mod dates;
mod not_used;
mod placeholder;
mod shape;
mod signed;

use crate::model::metadata::State;
use crate::model::{Agreement, Block, BlockKind, Section};
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};

pub struct Residue;

pub const PLACEHOLDER: &str = "residue.placeholder";
pub const DRAFT_PLACEHOLDER: &str = "residue.draft-placeholder";
pub const STRAY_BRACKET: &str = "residue.stray-bracket";
pub const NUMBER_SUFFIX: &str = "residue.number-suffix";
pub const UNBALANCED_PARENTHESIS: &str = "residue.unbalanced-parenthesis";
pub const UNDATED: &str = "residue.undated";
pub const EMPTY_EXECUTION: &str = "residue.empty-execution";
pub const NOT_USED_REFERENCE: &str = "residue.not-used-reference";
pub const DRAFTING_NOTE: &str = "residue.drafting-note";
pub const LONE_PUNCTUATION: &str = "residue.lone-punctuation";
pub const BARE_NUMBER: &str = "residue.bare-number";
pub const AFTER_EXECUTION: &str = "residue.after-execution";

impl Family for Residue {
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        vec![
            RuleInfo::new(
                PLACEHOLDER,
                Severity::Error,
                "a placeholder or open option is left in the text",
                "Blanks and options such as [insert date], [ ], [●], [Trust/Council], TBC or XX/XX/20XX mean \
                 the text is not final. In an agreement that is signed (or whose status is not stated) it is \
                 an error; in a draft the same text is reported as `residue.draft-placeholder`, a warning. \
                 Brackets that are the agreement's own words (\"[CWPT]\", \"[Consultation]\", \"[50% time]\") \
                 are not placeholders: only blank brackets, instructions (\"insert\", \"name of\", \"TBC\") \
                 and short slash-separated alternatives are.",
                "the [Trust/Council] shall pay £[ ] on [insert date]",
            ),
            RuleInfo::new(
                DRAFT_PLACEHOLDER,
                Severity::Warning,
                "a placeholder or open option is left in a draft",
                "The same check as `residue.placeholder`, for an agreement whose `status.state` is \"draft\": \
                 expected while drafting, and to be completed before signature.",
                "[status]\nstate = \"draft\"\n…\nThe Council shall pay [insert amount].",
            ),
            RuleInfo::new(
                STRAY_BRACKET,
                Severity::Error,
                "an unbalanced square bracket",
                "Square brackets are how drafts mark options and blanks, so a `]` or `[` without its partner \
                 is what is left of an option deleted by halves: the text around it may not be the agreed \
                 choice. Unbalanced round brackets are `residue.unbalanced-parenthesis`. A bracket inside a \
                 definition is reported with the definition's other problems by \
                 `terms.malformed-definition`, not again here.",
                "the Council shall pay the Trust's costs] within 30 days",
            ),
            RuleInfo::new(
                NUMBER_SUFFIX,
                Severity::Warning,
                "a stray character after an item number",
                "A character typed after an item label (`i)_`) is a slip in a number that other provisions \
                 cite. The item is still readable, so this is a warning: delete the character.",
                "i)_ Clause 17 (Confidentiality)",
            ),
            RuleInfo::new(
                UNBALANCED_PARENTHESIS,
                Severity::Warning,
                "a round bracket without its partner",
                "An unclosed `(` leaves the reader to guess where the parenthesis ends; a `)` with nothing to \
                 close is a typing slip. A warning: it is punctuation, not a drafting option left open. \
                 Enumerators written with a closing bracket only (\"a) …; b) …\") are not reported, and a \
                 parenthesis that runs on across a paragraph break is accepted.",
                "5.1.14 Instructing Independent Mental Capacity Advocate (Mental Capacity Act 2005",
            ),
            RuleInfo::new(
                UNDATED,
                Severity::Error,
                "an agreement marked signed has no date in its date line",
                "The date line (\"THIS AGREEMENT is made on …\") gives the agreement its date. When \
                 `status.state` is \"signed\" it must have a day and a month; a draft may leave it blank, \
                 and is not reported.",
                "THIS AGREEMENT is made on                 2019",
            ),
            RuleInfo::new(
                EMPTY_EXECUTION,
                Severity::Error,
                "an agreement marked signed has a blank signature block",
                "When `status.state` is \"signed\", each execution block should record who signed (name and \
                 position) and when. A block whose Signature, Print Name, Position and Date are all blank \
                 (dots, underscores) shows an unsigned copy. Drafts are not reported.",
                "Signed for and on behalf of THE COUNCIL\nSignature……………\nPrint Name……………\nPosition……………\nDate……………",
            ),
            RuleInfo::new(
                NOT_USED_REFERENCE,
                Severity::Error,
                "the text refers to a schedule that is \"Not used\"",
                "A schedule number kept as \"Not used\" has no content, so a reference to it points at \
                 nothing: the reference is wrong, or the schedule's content was dropped. Mentions in a line \
                 that itself says \"not used\" (a contents list) and ranges such as \"Schedules 1 to 17\" \
                 are not reported.",
                "in accordance with Schedule 12   # Schedule 12 is \"Not used\"",
            ),
            RuleInfo::new(
                DRAFTING_NOTE,
                Severity::Warning,
                "a drafting note is left in the text",
                "A whole paragraph in square brackets, or one labelled \"Drafting note\", is a note between \
                 drafters rather than agreed text. Delete it, or make it part of the agreement's words. \
                 \"[Not used]\" and \"[Intentionally left blank]\" are not notes.",
                "[This table is correct as of January 2019 and is an estimate of 2019/20 costs.]",
            ),
            RuleInfo::new(
                LONE_PUNCTUATION,
                Severity::Warning,
                "a paragraph consists only of punctuation",
                "A paragraph that is just \".\" is a left-over of editing: a deleted sentence's full stop. \
                 Delete it.",
                "2.7 Respond to referrals …\n\n.\n\n3.3 Records relating to …",
            ),
            RuleInfo::new(
                BARE_NUMBER,
                Severity::Warning,
                "a provision number stands alone, with no heading or text",
                "A paragraph that is only a number (\"11.8\") followed by its sub-paragraphs (\"11.8.1 …\") has \
                 lost its heading or text, and a reference to it has nothing to name.",
                "11.8\n\n11.8.1 Staff may attempt to come to work …",
            ),
            RuleInfo::new(
                AFTER_EXECUTION,
                Severity::Warning,
                "text follows the signature blocks",
                "The signature blocks normally end the body; schedules follow in their own files. A clause or \
                 paragraph written after them (an amendment appended at the end of the file, a note) is easy \
                 to miss when signing. The pack prints it where it was written, after the signature blocks: \
                 move it above them if it is part of the agreement.",
                "Signed for and on behalf of THE COUNCIL\nSignature……\nDate……\n\n## 43 Further Provisions",
            ),
        ]
    }

    fn check(&self, agreement: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        // A placeholder is an error unless the agreement says it is a draft.
        let draft = agreement.meta.status.as_ref().is_some_and(|s| s.state.value == State::Draft);
        let placeholder_code = if draft { DRAFT_PLACEHOLDER } else { PLACEHOLDER };
        for doc in agreement.documents() {
            let placeholders = placeholder::in_document(doc);
            for ((i, b), hits) in doc.blocks.iter().enumerate().zip(placeholders) {
                if b.kind == BlockKind::Code {
                    continue;
                }
                check_placeholders(b, hits, placeholder_code, out);
                shape::check_block_shape(doc, i, out);
                brackets::check_number_suffix(b, out);
            }
        }
        for (id, doc) in crate::model::agreement::documents(agreement) {
            brackets::check_brackets(doc, id, out);
        }
        if agreement.meta.is_signed() {
            signed::check_date_line(agreement, out);
            signed::check_execution(agreement, out);
        }
        not_used::check_not_used_references(agreement, out);
        after_execution::check(agreement, out);
    }
}

fn check_placeholders(b: &Block, hits: Vec<placeholder::Hit>, code: &str, out: &mut Vec<Finding>) {
    for hit in hits {
        // "Signature: ………" in a signature block is the line the signatory
        // signs on, not a blank left by the drafter (an unsigned block in a
        // signed agreement is `residue.empty-execution`'s to report).
        if b.section == Section::Execution && is_leader(&hit.text) {
            continue;
        }
        out.push(
            Finding::new(code, b.span_of(hit.range.clone()), format!("placeholder {} left in the text", hit.text))
                .label("placeholder")
                .help("replace it with the agreed words, or delete it"),
        );
    }
}

/// Dots, ellipses, underscores and the slashes of a date template: a line
/// to write on.
fn is_leader(text: &str) -> bool {
    text.chars().all(|c| matches!(c, '.' | '…' | '_' | '/' | '-' | ' '))
}
