//! The names pack (`names.toml`): the last words that make a capitalised
//! phrase the name of a body, document, post or process, and the names a
//! text may use without defining them, each with its source. The bodies of
//! the stale-name register are known too: a stale name is the stale rules'
//! business, not an undefined term.

use std::sync::Arc;

use crate::loading::LoadError;
use crate::loading::toml_reader::{Ctx, TableReader, parse_toml};
use crate::model::{SourceFile, Span};
use crate::rules::pack_reader::{check_schema, first_problem};
use crate::rules::xref::singular;

#[derive(Debug, Default)]
pub struct Names {
    /// Lower-case singular last words of names: "board", "protocol".
    pub heads: Vec<String>,
    /// Known names and ordinary posts, lower case with the last word singular.
    pub known: Vec<String>,
}

impl Names {
    pub fn is_head(&self, word: &str) -> bool {
        let w = singular(&word.to_lowercase());
        self.heads.contains(&w)
    }

    /// Whether `name` (as [`key`] makes it) is, ends with or begins with a
    /// known name: "Coventry Safeguarding Adults Board" is a local one of a
    /// known kind; "Better Care Fund Policy Framework" is a known body's document.
    pub fn knows(&self, name: &str) -> bool {
        self.known.iter().any(|k| {
            name == k
                || name.strip_suffix(k.as_str()).is_some_and(|rest| rest.ends_with(' '))
                || name.strip_prefix(k.as_str()).is_some_and(|rest| rest.starts_with(' '))
        })
    }
}

/// How names compare: lower case, straight apostrophes, the last word singular.
pub fn key(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.split_last() {
        Some((last, head)) if !head.is_empty() => format!("{} {}", head.join(" "), singular(last)),
        Some((last, _)) => singular(last),
        None => String::new(),
    }
}

/// Reads the names pack, adding the names of the stale-name register.
pub fn parse(file: &Arc<SourceFile>, register: &SourceFile) -> Result<Names, LoadError> {
    let doc = parse_toml(&file.text, file)?;
    let mut ctx = Ctx::new(file);
    let mut top = TableReader::new(doc.get_ref(), Span::line(file, 1), "");
    check_schema(&mut ctx, &mut top, file)?;
    let heads = top.string_array(&mut ctx, "heads").into_iter().map(|h| singular(&h.value.to_lowercase())).collect();
    let mut known: Vec<String> = top.string_array(&mut ctx, "ordinary").iter().map(|o| key(&o.value)).collect();
    for mut t in top.tables(&mut ctx, "known") {
        let name = t.required_string(&mut ctx, "name");
        let _ = t.required_string(&mut ctx, "what");
        let _ = t.required_string(&mut ctx, "source");
        t.finish(&mut ctx);
        known.extend(name.map(|n| key(&n.value)));
    }
    top.finish(&mut ctx);
    first_problem(ctx)?;
    known.extend(register_names(register).iter().map(|n| key(n)));
    known.sort();
    known.dedup();
    Ok(Names { heads, known })
}

/// The names and successors' names of the register's entries. The register
/// is read strictly by the stale rules; here a register that does not read
/// only adds no names.
fn register_names(register: &SourceFile) -> Vec<String> {
    let Ok(table) = register.text.parse::<toml::Table>() else { return Vec::new() };
    let entries = table.get("entry").and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut out = Vec::new();
    for e in entries {
        for field in ["name", "successor"] {
            out.extend(e.get(field).and_then(toml::Value::as_str).map(str::to_string));
        }
        for field in ["names", "successor_names"] {
            let list = e.get(field).and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
            out.extend(list.iter().filter_map(toml::Value::as_str).map(str::to_string));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_pack_reads_and_knows_statutory_bodies_and_the_register() {
        let packs = crate::rules::Packs::builtin();
        let names = parse(&packs.names, &packs.stale).expect("the built-in names pack reads");
        assert!(names.is_head("Boards") && names.is_head("Protocol") && !names.is_head("Act"));
        assert!(names.knows(&key("Coventry Safeguarding Adults Board")));
        assert!(names.knows(&key("Health and Wellbeing Board")));
        assert!(names.knows(&key("Better Care Fund Policy Framework")));
        // From the stale-name register.
        assert!(names.knows(&key("Primary Care Trusts")));
        assert!(!names.knows(&key("Joint Media Panel")));
    }

    #[test]
    fn an_unknown_key_is_a_load_error_with_its_line() {
        let file = SourceFile::new(
            "names.toml",
            "names.toml",
            "schema = 1\nheads = [\"Board\"]\n\n[[known]]\nname = \"X Board\"\nwhat = \"x\"\nsource = \"s\"\nwhen = 1\n"
                .to_string(),
        );
        let e = parse(&file, &SourceFile::new("r", "r", String::new())).expect_err("unknown key");
        assert!(e.to_string().contains("names.toml"), "{e}");
    }
}
