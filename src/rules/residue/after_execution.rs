//! Text written after the signature blocks: a clause appended at the end of
//! the file, or a block the signatories may not read as part of what they
//! sign. The pack prints it where it was written (after the signatures);
//! a legal officer should decide whether it belongs there.

use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static AFTER_EXECUTION: Rule = Rule {
    code: "residue.after-execution",
    severity: Severity::Warning,
    summary: "text follows the signature blocks",
    doc: "The signature blocks normally end the body; schedules follow in their own files. A clause or paragraph \
          written after them (an amendment appended at the end of the file, a note) is easy to miss when signing. \
          The pack prints it where it was written, after the signature blocks: move it above them if it is part of \
          the agreement.",
    example: Example::Execution("## 14 Further Provisions\n\n14.1 The Partners shall meet each quarter."),
};

pub(super) fn check(agreement: &Agreement, out: &mut Vec<Finding>) {
    let body = &agreement.body;
    let after = body.after_execution();
    let Some(first) = body.blocks.get(after.start) else { return };
    let count = after.len();
    let more = if count > 1 {
        format!(" and {} more block{}", count - 1, if count == 2 { "" } else { "s" })
    } else {
        String::new()
    };
    let mut f = Finding::new(
        &AFTER_EXECUTION,
        first.span.clone(),
        format!("text follows the signature blocks: \"{}\"{more}", preview(&first.display_text())),
    )
    .label("after the signature blocks")
    .help("move it above the signature blocks if it is part of the agreement; the pack prints it after them, where it was written");
    if let Some(last) = body.execution.last() {
        f = f.related(last.heading.span.clone(), "last signature block");
    }
    out.push(f);
}

fn preview(text: &str) -> String {
    const CHARS: usize = 60;
    match text.char_indices().nth(CHARS) {
        Some((at, _)) => format!("{} …", &text[..at]),
        None => text.to_string(),
    }
}
