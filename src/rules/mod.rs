//! Model → findings. Each rule family is a folder with one file per rule:
//! its [`Rule`] (code, severity, documentation), its check and its tests;
//! [`registry`] lists them all. [`Checker`] runs the families, applies the
//! configured levels and waivers, and sorts the result.

pub mod arithmetic;
pub mod citations;
pub mod dates;
pub mod drafting;
pub mod finding;
pub mod metadata;
pub mod numbering;
pub mod pack_reader;
pub mod packs;
pub mod registry;
pub mod residue;
pub mod stale;
pub mod statute;
pub mod terms;
pub mod waivers;
pub mod xref;

/// Real agreements for the unit tests of the rules.
#[cfg(test)]
pub(crate) mod testing {
    use crate::loading::{Repo, load_agreement};
    use crate::model::{Agreement, Document};

    /// The agreements bundled with s75 (the real 2019 one among them).
    pub fn bundled() -> Vec<Agreement> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
        ["coventry-cwpt-2019", "coventry-cwpt-2022", "coventry-mh-pool-2022"]
            .iter()
            .map(|id| {
                let dir = root.join(id);
                let repo = Repo::for_paths(std::slice::from_ref(&dir)).expect("the repository");
                load_agreement(&repo, &dir).expect("a bundled agreement loads")
            })
            .collect()
    }

    /// The real 2019 agreement, the first bundled one.
    pub fn coventry_2019() -> Agreement {
        bundled().swap_remove(0)
    }

    /// `base` with `body` as its text and no schedules: a passage in
    /// another house style, read as s75 reads an agreement, with `base`'s
    /// metadata (its parties and term).
    pub fn with_body(mut base: Agreement, body: &str) -> Agreement {
        let path = "agreements/test/agreement.md";
        let file = crate::model::SourceFile::new(path, path, body.to_string());
        base.body =
            crate::loading::markdown::parse(&file, crate::loading::markdown::Role::Body).expect("the text parses");
        base.schedules.clear();
        // The words are cut again, from the new text.
        base.words = std::sync::OnceLock::new();
        base
    }

    /// The clean fixture (tests/fixtures/clean), on which no rule fires.
    pub fn clean() -> Agreement {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
        let root = root.canonicalize().expect("the clean fixture");
        let repo = Repo { root: root.clone() };
        load_agreement(&repo, &root.join("agreements/example-delegation")).expect("the clean agreement loads")
    }

    /// The checker with the built-in packs and default levels, built once.
    pub fn checker() -> &'static super::Checker {
        static CHECKER: std::sync::LazyLock<super::Checker> = std::sync::LazyLock::new(|| {
            super::Checker::new(super::Context::new(jiff::civil::date(2026, 11, 24))).expect("the built-in packs")
        });
        &CHECKER
    }

    /// What `rule` reports on `agreement` with the default levels, as
    /// (file, line, message).
    pub fn reported(rule: &super::Rule, agreement: &Agreement) -> Vec<(String, usize, String)> {
        let findings = checker().check(agreement).into_iter().filter(|f| f.code() == rule.code);
        findings.map(|f| (f.primary.span.file.path.clone(), f.primary.span.start().0, f.message)).collect()
    }

    /// What `rule` reports on the real 2019 agreement; the agreement is
    /// checked once for all the tests that ask.
    pub fn reported_2019(rule: &super::Rule) -> Vec<(String, usize, String)> {
        static FINDINGS: std::sync::LazyLock<Vec<super::Finding>> =
            std::sync::LazyLock::new(|| checker().check(&coventry_2019()));
        let findings = FINDINGS.iter().filter(|f| f.code() == rule.code);
        findings.map(|f| (f.primary.span.file.path.clone(), f.primary.span.start().0, f.message.clone())).collect()
    }

    /// Every document of the bundled agreements.
    pub fn bundled_documents() -> Vec<Document> {
        bundled()
            .into_iter()
            .flat_map(|a| std::iter::once(a.body).chain(a.schedules.into_iter().filter_map(|s| s.doc)))
            .collect()
    }
}

use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

pub use finding::{Finding, Label, Severity};
pub use packs::Packs;
pub use registry::{Example, Registry, Rule};

use crate::config::{Config, Level};
use crate::loading::LoadError;
use crate::model::Agreement;

/// What every check may consult besides the agreement itself.
#[derive(Debug, Clone)]
pub struct Context {
    /// The date findings are judged on (waiver expiry); fixed for reproducible runs.
    pub today: Date,
    pub packs: Arc<Packs>,
}

impl Context {
    /// A context with the built-in rule packs.
    pub fn new(today: Date) -> Self {
        Context { today, packs: Arc::new(Packs::builtin()) }
    }
}

/// A family of rules (`numbering`, `xref`, …).
pub trait Family: Send + Sync {
    /// The rules this family reports (its `RULES`), as [`registry::all`] lists them.
    fn rules(&self) -> &'static [&'static Rule];
    /// Values for the `{slot}`s of a rule's documentation that depend on
    /// this family's rule pack (the statute pack's requirements), filled
    /// in when the registry is built; empty for rules of other families.
    fn details(&self, _rule: &Rule) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// Appends findings for one agreement; severities are set by the [`Checker`].
    fn check(&self, agreement: &Agreement, cx: &Context, out: &mut Vec<Finding>);
}

/// How one family is built: reading its rule pack, if it has one.
type Build = fn(&Context) -> Result<Box<dyn Family>, LoadError>;

/// Every family, in the order `s75 rules` lists them.
const BUILDS: [Build; 11] = [
    |_| Ok(Box::new(metadata::Metadata)),
    |_| Ok(Box::new(numbering::Numbering)),
    |_| Ok(Box::new(xref::Xref)),
    |cx| Ok(Box::new(terms::Terms::new(cx)?)),
    |_| Ok(Box::new(residue::Residue)),
    |cx| Ok(Box::new(statute::Statute::new(cx)?)),
    |cx| Ok(Box::new(dates::Dates::new(cx)?)),
    |cx| Ok(Box::new(stale::Stale::new(cx)?)),
    |_| Ok(Box::new(arithmetic::Arithmetic)),
    |cx| Ok(Box::new(citations::Citations::new(cx)?)),
    |cx| Ok(Box::new(drafting::Drafting::new(cx)?)),
];

/// Every family, with its rule pack read. A malformed pack is a load error;
/// with several, the first family's in [`BUILDS`] order. The families are
/// built on every core: reading the packs and compiling their patterns is
/// most of the set-up of a `validate` of one agreement.
pub fn families(cx: &Context) -> Result<Vec<Box<dyn Family>>, LoadError> {
    let built: Vec<Result<Box<dyn Family>, LoadError>> = BUILDS.par_iter().map(|build| build(cx)).collect();
    built.into_iter().collect()
}

pub struct Checker {
    families: Vec<Box<dyn Family>>,
    pub registry: Registry,
    /// Selector → level; later entries win (config first, then command line).
    levels: Vec<(String, Level)>,
    config_waivers: Vec<crate::model::metadata::Waiver>,
    /// `-D warnings`: every warning is reported, and counted, as an error.
    deny_warnings: bool,
    pub cx: Context,
}

impl Checker {
    pub fn new(cx: Context) -> Result<Self, LoadError> {
        let families = families(&cx)?;
        let rules = registry::all()
            .map(|rule| {
                let details: Vec<_> = families.iter().flat_map(|f| f.details(rule)).collect();
                registry::Entry::new(rule, &details)
            })
            .collect();
        Ok(Checker {
            families,
            registry: Registry { rules },
            levels: Vec::new(),
            config_waivers: Vec::new(),
            deny_warnings: false,
            cx,
        })
    }

    /// Waivers from `s75.toml`, which apply to every agreement.
    pub fn add_waivers(&mut self, waivers: Vec<crate::model::metadata::Waiver>) {
        self.config_waivers = waivers;
    }

    /// The checker a repository's `s75.toml` asks for: its levels, waivers
    /// and rule packs. The configuration names rule codes, so its levels are
    /// checked against the built-in rules; the checker is rebuilt only when
    /// the configuration replaces a pack.
    pub fn configured(root: &std::path::Path, today: Date) -> Result<(Checker, Config), LoadError> {
        let mut checker = Checker::new(Context::new(today))?;
        let config = Config::load(root)?;
        let levels = checker.registry.config_levels(&config)?;
        if !config.packs.is_empty() {
            let packs = Packs::for_repo(root, &config)?;
            checker = Checker::new(Context { today, packs: Arc::new(packs) })?;
        }
        checker.add_levels(levels);
        checker.add_waivers(config.waivers.clone());
        Ok((checker, config))
    }

    pub fn add_levels(&mut self, levels: impl IntoIterator<Item = (String, Level)>) {
        self.levels.extend(levels);
    }

    /// Makes every warning an error (`-D warnings`), after all other levels:
    /// a warning that fails the run is an error in every report and count.
    pub fn deny_warnings(&mut self) {
        self.deny_warnings = true;
    }

    /// The severity a rule reports at, or `None` when it is allowed.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        let (code, family) = (rule.code, rule.family());
        let level = self.levels.iter().rev().find(|(sel, _)| sel == code || sel == family).map(|(_, l)| *l);
        let severity = match level {
            Some(Level::Allow) => None,
            Some(Level::Warn) => Some(Severity::Warning),
            Some(Level::Deny) => Some(Severity::Error),
            None => Some(rule.severity),
        };
        match severity {
            Some(Severity::Warning) if self.deny_warnings => Some(Severity::Error),
            s => s,
        }
    }

    /// All findings for one agreement, sorted, with levels applied.
    pub fn check(&self, agreement: &Agreement) -> Vec<Finding> {
        // Families are independent: run them in parallel (the result is sorted below).
        let raw: Vec<Finding> = self
            .families
            .par_iter()
            .flat_map_iter(|family| {
                let mut found = Vec::new();
                family.check(agreement, &self.cx, &mut found);
                found
            })
            .collect();
        let mut out: Vec<Finding> = raw
            .into_iter()
            .filter_map(|mut f| {
                f.severity = self.severity(f.rule)?;
                Some(f)
            })
            .collect();
        // Waivers in agreement.toml must each match here; those in s75.toml
        // may match in any agreement, so their use is judged over the run.
        let today = self.cx.today;
        let mut about_waivers = waivers::apply(&agreement.meta.waivers, &mut out, &agreement.dir, today, true);
        about_waivers.extend(waivers::apply(&self.config_waivers, &mut out, &agreement.dir, today, false));
        out.extend(about_waivers.into_iter().filter_map(|mut f| {
            f.severity = self.severity(f.rule)?;
            Some(f)
        }));
        for f in &mut out {
            f.agreement = agreement.id().to_string();
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out.dedup_by(|a, b| a.sort_key() == b.sort_key());
        out
    }

    /// Findings for `s75.toml` waivers that matched nothing in the whole run.
    pub fn unused_config_waivers(&self, findings: &[Finding]) -> Vec<Finding> {
        self.config_waivers
            .iter()
            .filter(|w| w.location.is_some() || w.matches.is_some())
            .filter(|w| w.expires.as_ref().is_none_or(|e| e.value >= self.cx.today))
            .filter(|w| {
                let at = w.span.location();
                !findings.iter().any(|f| f.suppressed.as_ref().is_some_and(|s| s.waiver == at))
            })
            .filter_map(|w| {
                let code = w.code.as_ref().map_or("?", |c| c.value.as_str());
                let f =
                    Finding::new(&waivers::UNUSED, w.span.clone(), format!("waiver for `{code}` matches no finding"))
                        .help("remove it, or correct its location or text");
                Some(f.with_severity(self.severity(&waivers::UNUSED)?))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A family added to `families()` must also be in `registry::all()`
    /// (which needs no packs, so the findings cache can read codes back).
    #[test]
    fn the_registry_lists_every_familys_rules_in_order() {
        let cx = Context::new(jiff::civil::date(2026, 11, 24));
        let from_families: Vec<&str> = families(&cx)
            .expect("the built-in packs")
            .iter()
            .flat_map(|f| f.rules().iter())
            .chain(waivers::RULES)
            .map(|r| r.code)
            .collect();
        let registered: Vec<&str> = registry::all().map(|r| r.code).collect();
        assert_eq!(from_families, registered);
    }
}
