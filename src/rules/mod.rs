//! Model → findings. Each rule family is a folder with its checks and the
//! [`RuleInfo`] of every code it emits; [`Checker`] runs them all, applies
//! the configured levels and waivers, and sorts the result.

pub mod finding;
pub mod metadata;
pub mod numbering;
pub mod registry;
pub mod residue;
pub mod terms;
pub mod xref;

use jiff::civil::Date;

pub use finding::{Finding, Label, Severity};
pub use registry::{Registry, RuleInfo};

use crate::config::Level;
use crate::model::Agreement;

/// What every check may consult besides the agreement itself.
#[derive(Debug, Clone)]
pub struct Context {
    /// The date findings are judged on (waiver expiry); fixed for reproducible runs.
    pub today: Date,
}

/// A family of rules (`numbering`, `xref`, …).
pub trait Family: Send + Sync {
    /// The rules this family can emit.
    fn rules(&self, cx: &Context) -> Vec<RuleInfo>;
    /// Appends findings for one agreement; severities are set by the [`Checker`].
    fn check(&self, agreement: &Agreement, cx: &Context, out: &mut Vec<Finding>);
}

pub fn families() -> Vec<Box<dyn Family>> {
    vec![
        Box::new(metadata::Metadata),
        Box::new(numbering::Numbering),
        Box::new(xref::Xref),
        Box::new(terms::Terms),
        Box::new(residue::Residue),
    ]
}

pub struct Checker {
    families: Vec<Box<dyn Family>>,
    pub registry: Registry,
    /// Selector → level; later entries win (config first, then command line).
    levels: Vec<(String, Level)>,
    pub cx: Context,
}

impl Checker {
    pub fn new(cx: Context) -> Self {
        let families = families();
        let rules = families.iter().flat_map(|f| f.rules(&cx)).collect();
        Checker { families, registry: Registry { rules }, levels: Vec::new(), cx }
    }

    pub fn add_levels(&mut self, levels: impl IntoIterator<Item = (String, Level)>) {
        self.levels.extend(levels);
    }

    /// The severity a code reports at, or `None` when it is allowed.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        let info = self.registry.get(code);
        let family = code.split('.').next().unwrap_or(code);
        let level = self.levels.iter().rev().find(|(sel, _)| sel == code || sel == family).map(|(_, l)| *l);
        match level {
            Some(Level::Allow) => None,
            Some(Level::Warn) => Some(Severity::Warning),
            Some(Level::Deny) => Some(Severity::Error),
            None => Some(info.map_or(Severity::Warning, |i| i.severity)),
        }
    }

    /// All findings for one agreement, sorted, with levels applied.
    pub fn check(&self, agreement: &Agreement) -> Vec<Finding> {
        let mut raw = Vec::new();
        for family in &self.families {
            family.check(agreement, &self.cx, &mut raw);
        }
        let mut out: Vec<Finding> = raw
            .into_iter()
            .filter_map(|mut f| {
                f.severity = self.severity(&f.code)?;
                f.agreement = agreement.id().to_string();
                Some(f)
            })
            .collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup_by(|a, b| a.sort_key() == b.sort_key());
        out
    }
}
