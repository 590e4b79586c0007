//! `drafting.unfinished-sentence`: a provision that stops mid-way — "… of
//! the delivery of the integrated service and." before the next heading, "…
//! submitted to the decision makers of the Board for" before the next
//! numbered paragraph. What was meant to follow was lost in editing.
//!
//! Only endings that cannot close an English sentence are read: a full stop
//! straight after "and", "or" or an article, or a provision with no closing
//! punctuation that ends in a joining word while the next block starts
//! afresh (a heading, or a number at the same or a higher level). Not
//! reported: list items ending "; and" / "; or" (the next item continues the
//! sentence), lead-ins followed by their items or sub-paragraphs, a next
//! paragraph that continues in lower case, headings, tables, and a
//! preposition closing a sentence ("the costs it is responsible for."), which
//! is good English.

use crate::model::number::NumberKind;
use crate::model::{Agreement, Block, BlockKind, Document};
use crate::rules::{Example, Finding, Rule, Severity};

use super::prose;

pub static UNFINISHED_SENTENCE: Rule = Rule {
    code: "drafting.unfinished-sentence",
    severity: Severity::Warning,
    summary: "a provision stops mid-sentence",
    doc: "A provision that ends \"… and.\" or \"… the.\", or ends without punctuation on a joining word (\"for\", \
          \"of the\", \"shall\") while the next paragraph starts afresh, has lost the words that should follow: \
          the obligation is incomplete, and what the parties agreed cannot be read from it. Complete the \
          sentence, or delete the dangling word. List items ending \"; and\" or \"; or\", lead-ins followed by \
          their items, paragraphs that run on in lower case, headings and tables are not reported; neither is a \
          sentence ending on a preposition (\"the costs it is responsible for.\").",
    example: Example::Body(
        "## 14 Monitoring\n\n14.1 The Trust shall report on the delivery of the integrated service and.",
    ),
};

/// Words that cannot end a sentence before a full stop.
const NEVER_LAST: [&str; 7] = ["and", "or", "nor", "the", "a", "an", "and/or"];

/// Words that leave a sentence open when nothing follows them.
const JOINING: [&str; 38] = [
    "and",
    "or",
    "nor",
    "but",
    "the",
    "a",
    "an",
    "of",
    "for",
    "to",
    "with",
    "by",
    "from",
    "between",
    "that",
    "which",
    "whose",
    "including",
    "shall",
    "will",
    "must",
    "may",
    "such",
    "any",
    "each",
    "every",
    "their",
    "its",
    "than",
    "in",
    "on",
    "at",
    "into",
    "upon",
    "if",
    "where",
    "whether",
    "is",
];

pub fn check(a: &Agreement, out: &mut Vec<Finding>) {
    for doc in a.documents() {
        for (i, b) in doc.blocks.iter().enumerate() {
            if !prose(b) || b.is_heading() || !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) {
                continue;
            }
            if let Some(f) = unfinished(doc, i, b) {
                out.push(f);
            }
        }
    }
}

fn unfinished(doc: &Document, i: usize, b: &Block) -> Option<Finding> {
    let text = b.text.trim_end();
    let (body, stop) = match text.strip_suffix('.') {
        Some(t) => (t, true),
        None => (text, false),
    };
    let start = body.rfind(|c: char| c.is_whitespace()).map_or(0, |k| k + 1);
    let word = &body[start..];
    // Most provisions end on a word that closes a sentence: read no further.
    if !JOINING.contains(&word) && !NEVER_LAST.contains(&word) {
        return None;
    }
    // Fewer than four words is a fragment (a label, "BETWEEN"), not a provision.
    text.split_whitespace().nth(3)?;
    // "…; and" is a list item whose sentence the next item continues.
    if body[..start].trim_end().ends_with([';', ',', ':']) {
        return None;
    }
    let span = b.span_of(start..text.len());
    if stop && NEVER_LAST.contains(&word) {
        return Some(
            Finding::new(
                &UNFINISHED_SENTENCE,
                span,
                format!("the provision ends “… {}”: the sentence stops after “{word}”", tail(body, 6) + "."),
            )
            .label("nothing follows this")
            .help(format!("complete the sentence, or delete the dangling “{word}”")),
        );
    }
    let ends_open = !stop && word.chars().all(char::is_alphabetic) && JOINING.contains(&word);
    if !ends_open || !starts_afresh(doc, i, b) {
        return None;
    }
    Some(
        Finding::new(
            &UNFINISHED_SENTENCE,
            span,
            format!("the provision ends mid-sentence (“… {}”) and the next one starts afresh", tail(body, 6)),
        )
        .label("the sentence stops here")
        .help(format!("complete the sentence: the words after “{word}” are missing")),
    )
}

/// The last `n` words of `text`.
fn tail(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

/// Whether what follows block `i` cannot be the rest of its sentence: the
/// end of the document, a heading, or a provision numbered at the same or a
/// higher level whose text starts with a capital.
fn starts_afresh(doc: &Document, i: usize, b: &Block) -> bool {
    let Some(next) = doc.blocks.get(i + 1) else { return true };
    if next.is_heading() {
        return true;
    }
    let (Some(here), Some(there)) = (&b.number, &next.number) else { return false };
    let capital = next.text.chars().next().is_some_and(char::is_uppercase);
    match (&here.value.kind, &there.value.kind) {
        (NumberKind::Dotted(h), NumberKind::Dotted(t)) => capital && t.len() <= h.len(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::drafting::testing::edited_2019;
    use crate::rules::testing::bundled;

    fn found(a: &Agreement) -> Vec<Finding> {
        let mut out = Vec::new();
        check(a, &mut out);
        out
    }

    #[test]
    fn fires_on_the_two_unfinished_provisions_of_the_2019_agreement() {
        let f = found(&bundled()[0]);
        let shown: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.primary.span.file.path.rsplit('/').next().unwrap_or(""), f.primary.span.text()))
            .collect();
        assert_eq!(
            shown,
            [
                ("02-partnership-agreement-strategic-governance-arrangements.md", "and."),
                ("16-information-and-monitoring-requirements.md", "for"),
            ],
            "{f:#?}"
        );
        assert_eq!(
            f[0].message,
            "the provision ends “… delivery of the integrated service and.”: the sentence stops after “and”"
        );
    }

    #[test]
    fn silent_on_lists_lead_ins_and_complete_sentences() {
        // The pooled-fund agreement is written to be clean; its lists end "; and".
        assert!(found(&bundled()[2]).is_empty(), "{:#?}", found(&bundled()[2]));
        let a = edited_2019(
            "agreement.md",
            "8.4 The Partners shall co-operate",
            "8.4 The Trust shall meet the costs it is responsible for.\n\n8.4A The Partners shall co-operate",
        );
        assert_eq!(found(&a).len(), 2, "only the 2019 text's own two: {:#?}", found(&a));
    }

    #[test]
    fn fires_on_a_provision_cut_short_before_the_next() {
        let a = edited_2019(
            "agreement.md",
            "in connection with the provisions of the Council’s Functions.",
            "in connection with the",
        );
        let f = found(&a);
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert!(
            messages.contains(
                &"the provision ends mid-sentence (“… its own in connection with the”) and the next one starts afresh"
            ),
            "{messages:#?}"
        );
    }
}
