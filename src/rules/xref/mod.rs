//! `xref.*`: cross-references whose target does not exist, or whose target's
//! heading is not the name the reference gives it.
//!
//! References are found and resolved by [`crate::model::references`]. Only
//! what existence and headings can show is reported: a reference to an
//! existing but wrong clause (Schedule 2's "Clause 2" meaning clause 3) looks
//! exactly like a right one, and s75 does not guess.

mod heading_mismatch;
mod missing_target;
mod names;

pub use heading_mismatch::HEADING_MISMATCH;
pub use missing_target::MISSING_TARGET;

pub(crate) use names::singular;

use crate::model::Agreement;
use crate::model::pattern::contains_ignore_ascii_case;
use crate::model::references::{self, DocId, RefKind, Resolution, Resolver};
use crate::rules::{Context, Family, Finding, Rule};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[&MISSING_TARGET, &HEADING_MISMATCH];

pub struct Xref;

impl Family for Xref {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        let resolver = Resolver::new(a);
        // Text pasted from Word loses its automatic numbers: with no numbered
        // provision in the body, a reference to a clause cannot be checked
        // (`s75 import` says so once), and reporting each would be a flood.
        let body_unnumbered = !a.body.blocks.iter().any(|b| b.number.is_some());
        for (id, doc) in references::documents(a) {
            let elsewhere = amends_another_document(doc);
            for r in references::references(doc) {
                if body_unnumbered && id == DocId::Body && matches!(r.kind, RefKind::Clause | RefKind::Paragraph) {
                    continue;
                }
                if elsewhere.get(r.block).copied().unwrap_or(false) {
                    continue;
                }
                match resolver.resolve(id, &r) {
                    Resolution::Found(hits) => heading_mismatch::check_names(a, &resolver, &r, &hits, out),
                    other => out.extend(missing_target::missing(a, id, &r, other)),
                }
            }
        }
    }
}

/// For each block of `doc`, whether its references are to another document's
/// numbers: an amending instruction ("Clause 5.2 of the Original Agreement
/// shall be deleted and replaced with:", "A new Clause 27A shall be inserted
/// …") and the quoted text it inserts, which keeps the amended agreement's
/// numbering ("\"5.2 The ICB shall contribute … in Schedule 3 …\"").
fn amends_another_document(doc: &crate::model::Document) -> Vec<bool> {
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut quoting = false;
    for b in &doc.blocks {
        let t = b.display_text();
        let t = t.trim();
        let opens = !quoting && opens_quoted_passage(t);
        if opens {
            quoting = true;
        }
        out.push(quoting || instructs_amendment(&b.text));
        if quoting && t.trim_end_matches(['.', ';', ',']).ends_with(['"', '”']) {
            quoting = false;
        }
    }
    out
}

/// "… shall be inserted", "SHALL BE DELETED": an instruction, in any case.
fn instructs_amendment(text: &str) -> bool {
    const INSTRUCTIONS: [&str; 5] =
        ["shall be inserted", "shall be deleted", "shall be replaced", "shall be substituted", "shall be amended"];
    contains_ignore_ascii_case(text, &INSTRUCTIONS)
}

/// A paragraph that opens with a quotation which is not a defined term
/// ("“Term” means …"): quoted text.
fn opens_quoted_passage(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(['"', '“']) else {
        return false;
    };
    match rest.find(['"', '”']) {
        // "“Term” means": a definition. A quotation that closes at the end of
        // the paragraph, or later, is a passage.
        Some(close) => close + 1 >= rest.trim_end_matches(['.', ';', ',']).len(),
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{instructs_amendment, opens_quoted_passage};

    #[test]
    fn amending_instructions_are_read_in_any_case() {
        assert!(instructs_amendment("Clause 5.2 shall be deleted and replaced with:"));
        assert!(instructs_amendment("A NEW CLAUSE 27A SHALL BE INSERTED"));
        assert!(instructs_amendment("the words Shall Be Substituted"));
        assert!(!instructs_amendment("Clause 5.2 shall not be deleted"));
        assert!(!instructs_amendment("Each Partner shall be responsible for its staff."));
    }

    #[test]
    fn quoted_passages_are_not_definitions() {
        assert!(opens_quoted_passage("\"4.2 The Council shall pay the sums in Schedule 2.\""));
        assert!(opens_quoted_passage("“12A Review"));
        assert!(!opens_quoted_passage("“Term” means the period of three years;"));
        assert!(!opens_quoted_passage("\"Host\" or \"Host Partner\" means the Council;"));
        assert!(!opens_quoted_passage("4.2 The Council shall pay."));
    }
}
