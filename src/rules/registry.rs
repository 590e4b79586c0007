//! Every rule s75 knows: its stable code, default severity and documentation.
//! Each rule is a `static` [`Rule`] in its own file beside its check; the
//! registry lists them in a fixed order (`s75 rules`, SARIF's rule index).
//! `s75 explain CODE` prints one.

use std::ops::Deref;

use super::finding::Severity;
use crate::config::{Config, Level};
use crate::loading::LoadError;

/// One rule: what a finding's code stands for. Findings hold a
/// `&'static Rule`, so a code that is not a rule cannot be emitted.
#[derive(Debug)]
pub struct Rule {
    /// `family.name`, kebab-case, never reused for a different check.
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters and what to do, for `s75 explain`. A family whose
    /// documentation depends on its rule pack fills `{slot}`s at explain
    /// time ([`super::Family::details`]).
    pub doc: &'static str,
    /// A short text that triggers it, and where that text goes.
    pub example: Example,
}

impl Rule {
    pub fn family(&self) -> &'static str {
        self.code.split('.').next().unwrap_or(self.code)
    }
}

/// A rule's example: text a drafter might write, and where it goes, so
/// that `s75 explain` can say where and a test can put it there (in a
/// clean agreement) and see the rule fire.
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// Clauses added to agreement.md after its last clause, before the signature blocks.
    Body(&'static str),
    /// agreement.md's first line, the one that dates the agreement.
    DateLine(&'static str),
    /// Text added to agreement.md after its signature blocks.
    Execution(&'static str),
    /// The text of a schedule file, listed in agreement.toml as Schedule 3.
    Schedule(&'static str),
    /// TOML whose top-level keys and tables replace those of agreement.toml.
    Metadata(&'static str),
    /// Both: for a rule that needs a fact from agreement.toml and a clause.
    MetadataAndBody { metadata: &'static str, body: &'static str },
    /// TOML added to the repository's s75.toml.
    Config(&'static str),
}

impl Example {
    /// Each part of the example with where it goes, as `s75 explain` prints them.
    pub fn parts(&self) -> Vec<(&'static str, &'static str)> {
        const BODY: &str = "in agreement.md, among the clauses";
        const METADATA: &str = "in agreement.toml";
        match *self {
            Example::Body(t) => vec![(BODY, t)],
            Example::DateLine(t) => vec![("agreement.md's date line", t)],
            Example::Execution(t) => vec![("in agreement.md, after the signature blocks", t)],
            Example::Schedule(t) => vec![("a schedule file", t)],
            Example::Metadata(t) => vec![(METADATA, t)],
            Example::MetadataAndBody { metadata, body } => vec![(METADATA, metadata), (BODY, body)],
            Example::Config(t) => vec![("in s75.toml", t)],
        }
    }

    /// The example as plain text: each part under its place, "Example (in
    /// agreement.toml):", "and (in agreement.md, among the clauses):".
    pub fn to_text(&self) -> String {
        self.parts()
            .iter()
            .enumerate()
            .map(|(i, (place, text))| format!("{} ({place}):\n{}", if i == 0 { "Example" } else { "and" }, shown(text)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Example text as it can be shown: a NUL as `\0`, an empty file said in words.
pub fn shown(text: &str) -> String {
    if text.trim().is_empty() { "(an empty file)".to_string() } else { text.replace('\0', "\\0") }
}

/// Every rule, family by family in the order `s75 rules` lists them.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    use super::*;
    [
        metadata::RULES,
        numbering::RULES,
        xref::RULES,
        terms::RULES,
        residue::RULES,
        statute::RULES,
        dates::RULES,
        stale::RULES,
        arithmetic::RULES,
        citations::RULES,
        drafting::RULES,
        waivers::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The rule with this code; how a code stored as text (the findings cache)
/// becomes a rule again.
pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}

/// A rule with its documentation as `s75 explain` prints it (the rule's
/// `doc`, with the family's pack-dependent details filled in).
#[derive(Debug, Clone)]
pub struct Entry {
    pub rule: &'static Rule,
    pub explanation: String,
}

impl Deref for Entry {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        self.rule
    }
}

impl Entry {
    /// `rule`'s documentation with each `{slot}` replaced by its value.
    pub fn new(rule: &'static Rule, details: &[(&str, String)]) -> Self {
        let explanation =
            details.iter().fold(rule.doc.to_string(), |doc, (slot, value)| doc.replace(&format!("{{{slot}}}"), value));
        Entry { rule, explanation }
    }
}

/// All rules, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub rules: Vec<Entry>,
}

impl Registry {
    /// The given rules, documented without pack details.
    pub fn of(rules: impl IntoIterator<Item = &'static Rule>) -> Self {
        Registry { rules: rules.into_iter().map(|r| Entry::new(r, &[])).collect() }
    }

    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// Codes matching a selector: an exact code or a family (`numbering`).
    pub fn matching<'r>(&'r self, selector: &'r str) -> impl Iterator<Item = &'r Entry> + 'r {
        self.rules.iter().filter(move |r| r.code == selector || r.family() == selector)
    }

    /// The levels s75.toml's `[rules]` sets, once each names a rule or a
    /// family and a level: the first entry that does not is a load error at
    /// its line (a configuration that is not understood must not silently
    /// do less).
    pub fn config_levels(&self, config: &Config) -> Result<Vec<(String, Level)>, LoadError> {
        let Some(file) = &config.file else { return Ok(Vec::new()) };
        config
            .levels
            .iter()
            .map(|r| {
                let selector = &r.selector;
                if self.matching(selector).next().is_none() {
                    return Err(LoadError::at(
                        &file.path,
                        r.line,
                        format!("unknown rule or family `{selector}` (see `s75 rules`)"),
                    ));
                }
                let level = r.level.ok_or_else(|| {
                    LoadError::at(
                        &file.path,
                        r.line,
                        format!("`rules.{selector}` must be \"allow\", \"warn\" or \"deny\""),
                    )
                })?;
                Ok((selector.clone(), level))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// `(folder, code)` of every `pub static NAME: Rule` in src/rules.
    fn rule_statics() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let re = regex::Regex::new(r#"pub static \w+: Rule = Rule \{\s*code: "([^"]+)""#).expect("regex");
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(&root).into_iter().map(|e| e.expect("walk src/rules")) {
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("read a source file");
            let folder = entry.path().parent().and_then(|p| p.file_name()).expect("a folder").to_string_lossy();
            out.extend(re.captures_iter(&text).map(|c| (folder.to_string(), c[1].to_string())));
        }
        out
    }

    /// The type system makes a finding's code a rule; this makes every rule
    /// a listed one: a rule file whose static is left out of its family's
    /// `RULES` would be emitted but missing from `s75 rules`, SARIF's rule
    /// list and s75.toml's selectors.
    #[test]
    fn every_rule_file_is_in_the_registry_once() {
        let statics = rule_statics();
        let registered: Vec<&str> = all().map(|r| r.code).collect();
        let unique: BTreeSet<&str> = registered.iter().copied().collect();
        assert_eq!(unique.len(), registered.len(), "a rule is listed twice: {registered:?}");
        let in_files: BTreeSet<&str> = statics.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(in_files.len(), statics.len(), "two rule files declare one code");
        assert_eq!(in_files, unique, "rules declared in src/rules vs the registry");
    }

    #[test]
    fn codes_are_family_dot_kebab_name_in_their_family_folder() {
        for (folder, code) in rule_statics() {
            let (family, name) = code.split_once('.').expect("family.name");
            let kebab = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            assert!(kebab(family) && kebab(name), "{code} is not family.kebab-name");
            // The waiver rules live in `waivers/`.
            assert!(folder == family || folder == format!("{family}s"), "{code} is declared in {folder}/");
        }
    }

    #[test]
    fn by_code_finds_each_rule_and_nothing_else() {
        for rule in all() {
            assert!(std::ptr::eq(by_code(rule.code).expect("found"), rule), "{}", rule.code);
        }
        assert!(by_code("numbering.duplicat").is_none());
        assert!(by_code("numbering").is_none());
    }

    #[test]
    fn details_fill_their_slots() {
        static R: Rule = Rule {
            code: "x.y",
            severity: Severity::Note,
            summary: "s",
            doc: "The pack ({pack}) lists:\n\n{list}",
            example: Example::Body("e"),
        };
        let entry = Entry::new(&R, &[("pack", "p.toml".into()), ("list", "  a\n  b".into())]);
        assert_eq!(entry.explanation, "The pack (p.toml) lists:\n\n  a\n  b");
        assert_eq!(Entry::new(&R, &[]).explanation, R.doc);
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    #[test]
    fn examples_say_where_each_part_goes() {
        let both = Example::MetadataAndBody { metadata: "[status]\nstate = \"draft\"", body: "14.1 [insert amount]" };
        assert_eq!(
            both.to_text(),
            "Example (in agreement.toml):\n[status]\nstate = \"draft\"\n\nand (in agreement.md, among the clauses):\n14.1 [insert amount]"
        );
        assert_eq!(shown("The Partners\0 agree"), "The Partners\\0 agree");
        assert_eq!(shown("\n"), "(an empty file)");
    }
}

#[cfg(test)]
mod clean_tests {
    use crate::rules::testing::{checker, clean};

    /// The fixture every rule's example is added to (tests/rules_examples.rs)
    /// is silent for every rule on its own.
    #[test]
    fn no_rule_fires_on_the_clean_agreement() {
        let codes: Vec<&str> = checker().check(&clean()).iter().map(|f| f.code()).collect();
        assert_eq!(codes, Vec::<&str>::new());
    }
}
