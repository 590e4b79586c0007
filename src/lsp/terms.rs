//! Where the defined terms are used, for hover, go to definition, find
//! references and rename. A use is the name as defined, case-sensitively, as
//! a whole word, with the plural of its last word or a possessive allowed
//! ("words denoting the singular include the plural"); straight and curly
//! apostrophes and any spacing count as the same. The `terms` rules decide
//! what is a near miss; this only finds exact uses, so a rename never
//! touches text the drafter did not write as the term.

use std::collections::HashMap;
use std::ops::Range;

use regex::Regex;

use crate::model::definitions::Definition;

pub struct Terms {
    /// Every name of every definition, longest first; `None` when there are none.
    regex: Option<Regex>,
    /// Name key (see [`key`]) → the definitions that define it.
    by_name: HashMap<String, Vec<usize>>,
}

/// A use of a defined name in a text.
#[derive(Debug, Clone)]
pub struct Use {
    /// The name itself, without a plural ending or possessive.
    pub range: Range<usize>,
    pub key: String,
}

/// What names compare by: spacing collapsed, apostrophes straight.
pub fn key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'")
}

impl Terms {
    pub fn new(defs: &[Definition]) -> Terms {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in defs.iter().enumerate() {
            for name in d.names() {
                // One letter ("A") would light up every article.
                if name.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                    let list = by_name.entry(key(name)).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        let mut names: Vec<&String> = by_name.keys().collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternatives: Vec<String> = names.iter().map(|n| pattern(n)).collect();
        let regex = (!alternatives.is_empty())
            .then(|| Regex::new(&format!(r"\b({})(?:e?s)?\b", alternatives.join("|"))).ok())
            .flatten();
        Terms { regex, by_name }
    }

    /// Every use of a defined name in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Use> {
        let Some(regex) = &self.regex else { return Vec::new() };
        regex
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| Use { range: m.range(), key: key(m.as_str()) })
            .filter(|u| self.by_name.contains_key(&u.key))
            .collect()
    }

    /// The definitions of a name.
    pub fn definitions(&self, key: &str) -> &[usize] {
        self.by_name.get(key).map_or(&[][..], Vec::as_slice)
    }
}

/// A name as a pattern: apostrophes of either kind, any spacing.
fn pattern(name: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push_str(r"\s+");
            space = false;
        }
        match c {
            '\'' | '’' => out.push_str("['’]"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::bundled;

    #[test]
    fn finds_exact_uses_with_plurals_and_possessives_not_near_misses() {
        let a = &bundled()[0];
        let defs = crate::model::definitions::definitions(a);
        let terms = Terms::new(&defs);
        let text = "from the Commencement Date, the Partners’ Pooled Fund and the Commencement date";
        let found: Vec<&str> = terms.find(text).iter().map(|u| &text[u.range.clone()]).collect();
        assert!(found.contains(&"Commencement Date"), "{found:?}");
        assert!(!found.contains(&"Commencement date"), "a near miss is not a use: {found:?}");
        assert!(found.contains(&"Partner") || found.contains(&"Partners"), "{found:?}");
    }
}
