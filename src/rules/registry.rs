//! Every rule s75 knows: its stable code, default severity and documentation.
//! `s75 rules` lists them and `s75 explain CODE` prints one.

use super::finding::Severity;
use crate::config::{Config, Level};
use crate::loading::LoadError;

#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// `family.name`, kebab-case, never reused for a different check.
    pub code: String,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: String,
    /// Why it matters and what to do, for `s75 explain`.
    pub explanation: String,
    /// A short text that triggers it.
    pub example: String,
}

impl RuleInfo {
    pub fn new(code: &str, severity: Severity, summary: &str, explanation: &str, example: &str) -> Self {
        RuleInfo {
            code: code.to_string(),
            severity,
            summary: summary.to_string(),
            explanation: explanation.to_string(),
            example: example.to_string(),
        }
    }

    pub fn family(&self) -> &str {
        self.code.split('.').next().unwrap_or(&self.code)
    }
}

/// All rules, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub rules: Vec<RuleInfo>,
}

impl Registry {
    pub fn get(&self, code: &str) -> Option<&RuleInfo> {
        self.rules.iter().find(|r| r.code == code)
    }

    /// Codes matching a selector: an exact code or a family (`numbering`).
    pub fn matching<'r>(&'r self, selector: &'r str) -> impl Iterator<Item = &'r RuleInfo> + 'r {
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
