//! Word-level redline of one provision: its blocks (paragraphs, table rows)
//! are aligned first, then each changed block is diffed word by word, so a
//! long definitions clause with one changed definition shows that one
//! paragraph, not the whole clause.
//!
//! Runs of changes separated only by spaces are merged ("1 year" → "3 years"
//! reads as one replacement, not two), because that is how a lawyer reads a
//! tracked change.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff, capture_diff_slices};

use super::text::{Shingles, hash_str};

/// One piece of a redlined block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seg {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    Same,
    Deleted,
    Inserted,
}

/// One block of a redlined provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum BlockDiff {
    Same { text: String },
    Changed { old: String, new: String, segments: Vec<Seg> },
    Added { text: String },
    Removed { text: String },
}

impl BlockDiff {
    pub fn is_same(&self) -> bool {
        matches!(self, BlockDiff::Same { .. })
    }
}

/// Blocks below this similarity are shown as removed and added, not redlined:
/// a word diff of two unrelated paragraphs is unreadable.
const REDLINE_SIMILARITY: f32 = 0.3;

/// Redlines a provision given as its block texts on each side.
pub fn redline(old: &[String], new: &[String]) -> Vec<BlockDiff> {
    let ho: Vec<u64> = old.iter().map(|b| hash_str(b)).collect();
    let hn: Vec<u64> = new.iter().map(|b| hash_str(b)).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ho, &hn) {
        let (tag, ro, rn) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(rn.map(|j| BlockDiff::Same { text: new[j].clone() })),
            DiffTag::Delete => out.extend(ro.map(|i| BlockDiff::Removed { text: old[i].clone() })),
            DiffTag::Insert => out.extend(rn.map(|j| BlockDiff::Added { text: new[j].clone() })),
            DiffTag::Replace => replace(&old[ro], &new[rn], &mut out),
        }
    }
    out
}

/// A run of old blocks replaced by a run of new ones: pair them in order
/// where they are alike, the rest are removed or added.
fn replace(old: &[String], new: &[String], out: &mut Vec<BlockDiff>) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        if same_row(&old[i], &new[j]) || Shingles::of(&old[i]).dice(&Shingles::of(&new[j])) >= REDLINE_SIMILARITY {
            out.push(BlockDiff::Changed {
                old: old[i].clone(),
                new: new[j].clone(),
                segments: words(&old[i], &new[j]),
            });
            i += 1;
            j += 1;
        } else if old.len() - i >= new.len() - j {
            out.push(BlockDiff::Removed { text: old[i].clone() });
            i += 1;
        } else {
            out.push(BlockDiff::Added { text: new[j].clone() });
            j += 1;
        }
    }
    out.extend(old[i..].iter().map(|t| BlockDiff::Removed { text: t.clone() }));
    out.extend(new[j..].iter().map(|t| BlockDiff::Added { text: t.clone() }));
}

/// Whether two table rows are one row with other figures: the same first
/// cell ("Travel | | | 7,300" → "Travel | | | 8,000"). Figures share no
/// words, so similarity alone would show the row removed and added.
fn same_row(old: &str, new: &str) -> bool {
    match (old.split_once(" | "), new.split_once(" | ")) {
        (Some((a, _)), Some((b, _))) => !a.trim().is_empty() && a == b,
        _ => false,
    }
}

/// Word diff of two texts, with changes separated only by spaces merged.
/// Myers without a deadline: a deadline would make the output depend on
/// the machine's speed.
pub fn words(old: &str, new: &str) -> Vec<Seg> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_unicode_words(old, new);
    let mut raw: Vec<Seg> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Same,
            ChangeTag::Delete => Op::Deleted,
            ChangeTag::Insert => Op::Inserted,
        };
        push(&mut raw, op, change.value());
    }
    merge_runs(raw)
}

fn push(segs: &mut Vec<Seg>, op: Op, text: &str) {
    match segs.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => segs.push(Seg { op, text: text.to_string() }),
    }
}

/// Folds slight equal pieces ([`is_glue`]) lying between changes into the
/// change on both sides, then emits each change run as one deletion
/// followed by one insertion.
fn merge_runs(mut raw: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i].op == Op::Same {
            if !raw[i].text.is_empty() {
                push(&mut out, Op::Same, &raw[i].text);
            }
            i += 1;
            continue;
        }
        let (mut del, mut ins) = (String::new(), String::new());
        let mut j = i;
        loop {
            match raw.get(j) {
                Some(s) if s.op == Op::Deleted => del.push_str(&s.text),
                Some(s) if s.op == Op::Inserted => ins.push_str(&s.text),
                // Spaces and brackets between two changes belong to the change:
                // "one (1) year" → "three (3) years" is one replacement.
                Some(s) if is_glue(&s.text) && raw.get(j + 1).is_some_and(|n| n.op != Op::Same) => {
                    del.push_str(&s.text);
                    ins.push_str(&s.text);
                }
                _ => break,
            }
            j += 1;
        }
        // "twenty (20" → "ten (10" followed by ")": the bracket closes the change.
        let open = |t: &str| t.matches('(').count() > t.matches(')').count();
        if !del.is_empty() && !ins.is_empty() && open(&del) && open(&ins) {
            if let Some(next) = raw.get_mut(j).filter(|n| n.op == Op::Same && n.text.starts_with(')')) {
                next.text.remove(0);
                del.push(')');
                ins.push(')');
            }
        }
        if !del.is_empty() {
            push(&mut out, Op::Deleted, &del);
        }
        if !ins.is_empty() {
            push(&mut out, Op::Inserted, &ins);
        }
        i = j;
    }
    out
}

/// Text too slight to stand between two changes on its own: whitespace and
/// at most two marks of punctuation, no letters or digits.
fn is_glue(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric) && text.chars().filter(|c| !c.is_whitespace()).count() <= 2
}

/// The changed words only, as `(deleted, inserted)` pairs, for checking
/// whether a change is only a renumbered reference.
pub fn changes(segs: &[Seg]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        match segs[i].op {
            Op::Same => i += 1,
            Op::Deleted => {
                let ins = segs.get(i + 1).filter(|s| s.op == Op::Inserted).map(|s| s.text.clone()).unwrap_or_default();
                out.push((segs[i].text.clone(), ins));
                i += if segs.get(i + 1).is_some_and(|s| s.op == Op::Inserted) { 2 } else { 1 };
            }
            Op::Inserted => {
                out.push((String::new(), segs[i].text.clone()));
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segs: &[Seg]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Same => s.text.clone(),
                Op::Deleted => format!("[-{}-]", s.text),
                Op::Inserted => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn adjacent_word_changes_read_as_one() {
        let s = words("for a period of 1 year from the date", "for a period of 3 years from the date");
        assert_eq!(render(&s), "for a period of [-1 year-]{+3 years+} from the date");
        assert_eq!(changes(&s), vec![("1 year".to_string(), "3 years".to_string())]);
    }

    #[test]
    fn brackets_between_changes_are_folded() {
        let s = words("the period of one (1) year from", "the period of three (3) years from");
        assert_eq!(render(&s), "the period of [-one (1) year-]{+three (3) years+} from");
        let s = words("within twenty (20) working days", "within ten (10) working days");
        assert_eq!(render(&s), "within [-twenty (20)-]{+ten (10)+} working days");
    }

    #[test]
    fn insertions_and_deletions() {
        assert_eq!(render(&words("a b c", "a c")), "a [-b -]c");
        assert_eq!(render(&words("a c", "a b c")), "a {+b +}c");
    }

    #[test]
    fn a_table_row_with_a_new_figure_is_one_changed_row() {
        let old: Vec<String> = ["Insurance | | | 3,869", "Travel | | | 7,300"].map(String::from).to_vec();
        let new: Vec<String> = ["Insurance | | | 3,869", "Travel | | | 8,000"].map(String::from).to_vec();
        let r = redline(&old, &new);
        assert!(
            matches!(&r[1], BlockDiff::Changed { segments, .. } if render(segments) == "Travel | | | [-7,300-]{+8,000+}"),
            "{r:?}"
        );
    }

    #[test]
    fn blocks_align_before_words() {
        let old: Vec<String> =
            ["Heading", "“Term” means one year;", "“Trust” means the Trust;"].map(String::from).to_vec();
        let new: Vec<String> = ["Heading", "“Term” means three years;", "“Trust” means the Trust;", "“New” means new;"]
            .map(String::from)
            .to_vec();
        let r = redline(&old, &new);
        assert!(r[0].is_same() && r[2].is_same());
        assert!(matches!(&r[1], BlockDiff::Changed { .. }));
        assert!(matches!(&r[3], BlockDiff::Added { .. }));
    }
}
