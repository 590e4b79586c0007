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

/// Where a rule's example goes, so a test can put it there and see the rule fire.
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// Markdown added to the agreement's body (agreement.md).
    Body(&'static str),
    /// TOML that replaces or adds keys and tables in agreement.toml.
    Metadata(&'static str),
    /// The text of a schedule file, listed in agreement.toml as Schedule 1.
    Schedule(&'static str),
    /// TOML added to the repository's s75.toml.
    Config(&'static str),
}

impl Example {
    /// The example as `s75 explain` prints it.
    pub fn text(&self) -> &'static str {
        match self {
            Example::Body(t) | Example::Metadata(t) | Example::Schedule(t) | Example::Config(t) => t,
        }
    }
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
