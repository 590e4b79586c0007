//! Item lists: `(a)`, `(i)`, `(1)`, `i)`, `(A)` inside one provision.
//!
//! Markdown flattens nested lists into consecutive paragraphs, so a run such
//! as `(a) (i) (ii) (b)` holds two lists, one inside the other. The checker
//! keeps a stack of open lists: an item that continues one of them closes the
//! lists opened inside it; an item that starts a list (`(a)`, `(i)`, `(1)`)
//! opens one. Only an item that does neither, but is written in the style of
//! an open list, is a finding. That keeps the check quiet on restarts and on
//! lists it cannot place, at the price of missing a few defects.

use crate::fast_hash::HashMap;

use super::sequence::{ItemForm, ItemKind, display_label, readings};

/// One item label in a run, in reading order.
#[derive(Debug, Clone)]
pub struct Item {
    /// The label without brackets: `a`, `iv`, `3`.
    pub label: String,
    /// Written `(a)` rather than `a)`.
    pub paren: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemIssue {
    /// The item's label was already used in its list, first by item `first`.
    Duplicate { at: usize, first: usize },
    /// Labels are missing between the item before (`prev`) and this one.
    Gap { at: usize, prev: usize, missing: (String, String) },
    /// The label is lower than that of the item before it. `jumped` when it
    /// is the label due right before `prev` ((a), (c), (b)): `prev` is then
    /// the one out of place, and the finding sits on it.
    OutOfOrder { at: usize, prev: usize, jumped: bool },
}

/// The most labels a gap may miss: beyond it, another list is likelier.
const MAX_ITEM_JUMP: u32 = 6;

struct List {
    kind: ItemKind,
    form: ItemForm,
    last: u32,
    last_at: usize,
    /// The value before `last`, once there is one.
    before_last: Option<u32>,
    seen: HashMap<u32, usize>,
    /// The last item repeated a label already used.
    repeated: bool,
}

impl List {
    fn new(kind: ItemKind, form: ItemForm, value: u32, at: usize) -> Self {
        let seen = HashMap::from_iter([(value, at)]);
        List { kind, form, last: value, last_at: at, before_last: None, seen, repeated: false }
    }

    fn push(&mut self, value: u32, at: usize) {
        self.repeated = self.seen.contains_key(&value);
        self.before_last = Some(self.last);
        self.last = value;
        self.last_at = at;
        self.seen.entry(value).or_insert(at);
    }
}

/// Checks one run of items (the items of one provision, in order).
pub fn check_run(items: &[Item]) -> Vec<ItemIssue> {
    let mut stack: Vec<List> = Vec::new();
    let mut issues = Vec::new();
    for (at, item) in items.iter().enumerate() {
        let form = ItemForm::of(&item.label, item.paren);
        let reads = readings(&item.label);
        let value_in = |list: &List| reads.iter().find(|(k, _)| *k == list.kind).map(|(_, v)| *v);

        // 1. It continues an open list: the innermost such list wins, and the
        //    lists opened inside it are finished.
        let continues = stack.iter().enumerate().rev().find_map(|(i, l)| {
            let v = value_in(l)?;
            (l.form == form && v == l.last.saturating_add(1)).then_some((i, v))
        });
        if let Some((i, v)) = continues {
            stack.truncate(i + 1);
            if let Some(list) = stack.last_mut() {
                list.push(v, at);
            }
            continue;
        }

        // 2. It starts a list: a nested one, or a restart of a list of the
        //    same style (which replaces it). A restart is never a finding.
        if let Some(&(kind, _)) = reads.iter().find(|(_, v)| *v == 1) {
            if let Some(same) = stack.iter().position(|l| l.kind == kind && l.form == form) {
                stack.truncate(same);
            }
            stack.push(List::new(kind, form, 1, at));
            continue;
        }

        // 3. It belongs to an open list of its style but does not continue it.
        let target = stack
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, l)| l.form == form)
            .find_map(|(i, l)| value_in(l).map(|v| (i, v)));
        match target {
            Some((i, v)) => {
                stack.truncate(i + 1);
                let Some(list) = stack.last_mut() else { continue };
                if let Some(&first) = list.seen.get(&v) {
                    issues.push(ItemIssue::Duplicate { at, first });
                } else if v < list.last {
                    let jumped = list.before_last.is_some_and(|b| b.saturating_add(1) == v);
                    issues.push(ItemIssue::OutOfOrder { at, prev: list.last_at, jumped });
                } else if v.saturating_sub(list.last) > MAX_ITEM_JUMP
                    || (list.repeated && v == list.last.saturating_add(2))
                    || accounted_for(items, at, list, v)
                {
                    // Nothing is lost: the labels come later (a disorder),
                    // the repeat before this took the missing label's place,
                    // or the jump is too long to be lost items ((xx) then
                    // (c) is not 79 lost roman numerals).
                } else {
                    let missing = (
                        display_label(list.kind, list.last.saturating_add(1), list.form),
                        display_label(list.kind, v.saturating_sub(1), list.form),
                    );
                    if let (Some(a), Some(b)) = missing {
                        issues.push(ItemIssue::Gap { at, prev: list.last_at, missing: (a, b) });
                    }
                }
                list.push(v, at);
            }
            // A list seen from its middle (`(c)` first): nothing to compare
            // with yet. Follow it only when the label has one reading.
            None => {
                if let [(kind, v)] = reads.as_slice() {
                    stack.push(List::new(*kind, form, *v, at));
                }
            }
        }
    }
    issues
}

/// Whether every label between the list's last and `v` (exclusive) is used
/// by the list already or later in the run, in the list's style.
fn accounted_for(items: &[Item], at: usize, list: &List, v: u32) -> bool {
    let from = list.last.saturating_add(1);
    let mut later: Vec<u32> = items
        .get(at + 1..)
        .unwrap_or_default()
        .iter()
        .filter(|it| ItemForm::of(&it.label, it.paren) == list.form)
        .flat_map(|it| readings(&it.label))
        .filter(|(k, _)| *k == list.kind)
        .map(|(_, v)| v)
        .collect();
    later.extend(list.seen.keys());
    (from..v).all(|m| later.contains(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(labels: &[&str]) -> Vec<ItemIssue> {
        let items: Vec<Item> = labels
            .iter()
            .map(|l| match l.strip_prefix('(') {
                Some(inner) => Item { label: inner.trim_end_matches(')').to_string(), paren: true },
                None => Item { label: l.trim_end_matches(')').to_string(), paren: false },
            })
            .collect();
        check_run(&items)
    }

    #[test]
    fn sequences_in_order_are_silent() {
        assert_eq!(run(&["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]), []);
        assert_eq!(run(&["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]), []);
        assert_eq!(run(&["(1)", "(2)", "(3)"]), []);
        assert_eq!(run(&["i)", "ii)", "iii)", "iv)", "v)"]), []);
        assert_eq!(run(&["(A)", "(B)", "(C)", "(D)", "(E)"]), []);
    }

    #[test]
    fn i_after_h_is_a_letter_and_i_then_ii_is_roman() {
        assert_eq!(run(&["(f)", "(g)", "(h)", "(i)", "(j)", "(k)"]), []);
        assert_eq!(run(&["(u)", "(v)", "(w)", "(x)", "(y)"]), []);
        assert_eq!(run(&["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)", "(viii)", "(ix)", "(x)", "(xi)"]), []);
        assert_eq!(run(&["(b)", "(c)", "(d)"]), [], "(c) after (b) is a letter, not 100");
    }

    #[test]
    fn nested_lists_are_not_confused() {
        assert_eq!(run(&["(a)", "(i)", "(ii)", "(b)", "(i)", "(ii)", "(iii)", "(c)"]), []);
        assert_eq!(run(&["(a)", "(b)", "(1)", "(2)", "(c)"]), []);
        // (h) (i) (ii): the (i) is read as a letter, and (ii) then belongs to no list.
        assert_eq!(run(&["(g)", "(h)", "(i)", "(ii)"]), []);
    }

    #[test]
    fn restarts_are_silent() {
        assert_eq!(run(&["(a)", "(b)", "(a)", "(b)"]), []);
        assert_eq!(run(&["(i)", "(ii)", "(i)", "(ii)", "(iii)"]), []);
    }

    #[test]
    fn gaps_duplicates_and_disorder() {
        assert_eq!(
            run(&["(a)", "(b)", "(d)"]),
            [ItemIssue::Gap { at: 2, prev: 1, missing: ("(c)".into(), "(c)".into()) }]
        );
        assert_eq!(
            run(&["(i)", "(ii)", "(v)"]),
            [ItemIssue::Gap { at: 2, prev: 1, missing: ("(iii)".into(), "(iv)".into()) }]
        );
        assert_eq!(
            run(&["(g)", "(h)", "(j)"]),
            [ItemIssue::Gap { at: 2, prev: 1, missing: ("(i)".into(), "(i)".into()) }]
        );
        assert_eq!(run(&["(a)", "(b)", "(b)", "(c)"]), [ItemIssue::Duplicate { at: 2, first: 1 }]);
        assert_eq!(
            run(&["(a)", "(b)", "(b)", "(d)"]),
            [ItemIssue::Duplicate { at: 2, first: 1 }],
            "(b) took (c)'s place"
        );
        assert_eq!(run(&["(a)", "(b)", "(c)", "(b)"]), [ItemIssue::Duplicate { at: 3, first: 1 }]);
        assert_eq!(
            run(&["(a)", "(b)", "(e)", "(d)"]).last(),
            Some(&ItemIssue::OutOfOrder { at: 3, prev: 2, jumped: false })
        );
        assert_eq!(run(&["i)", "ii)", "iii)", "iii)"]), [ItemIssue::Duplicate { at: 3, first: 2 }]);
    }

    #[test]
    fn long_jumps_are_not_gaps() {
        assert_eq!(run(&["(xix)", "(xx)", "(c)"]), []);
        assert_eq!(run(&["(a)", "(b)", "(h)"]).len(), 1, "five lost letters is still a gap");
        assert_eq!(run(&["(a)", "(b)", "(i)"]), [], "(i) after (b) starts a roman list");
    }

    #[test]
    fn swapped_items_are_out_of_order_not_a_gap() {
        assert_eq!(run(&["(a)", "(c)", "(b)", "(d)"]), [ItemIssue::OutOfOrder { at: 2, prev: 1, jumped: true }]);
    }

    #[test]
    fn different_styles_are_different_lists() {
        // `(c)` after `b)` is not a gap in the `b)` list: the brackets differ.
        assert_eq!(run(&["a)", "b)", "(c)"]), []);
        assert_eq!(run(&["(a)", "(b)", "(D)"]), []);
    }

    #[test]
    fn a_list_seen_from_its_middle_is_followed_only_when_unambiguous() {
        assert_eq!(run(&["(c)", "(d)", "(f)"]).len(), 1, "(c) reads as a letter or 100; (d) only as a letter");
        assert_eq!(run(&["(v)", "(x)"]), [], "(v) alone could be 5 or the letter v");
    }
}
