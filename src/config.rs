//! `s75.toml` at the repository root: rule levels, excluded paths, waivers
//! and rule-pack overrides. Command-line `-A/-W/-D` override it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::loading::toml_reader::{Ctx, TableReader, parse_toml};
use crate::loading::{LoadError, Repo, read};
use crate::model::metadata::{MetaProblem, Waiver};
use crate::model::{Located, SourceFile};

/// What a user asks of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// One `[rules]` entry as written. The configuration does not know the
/// rules, so neither the selector nor the level is checked here: the checker
/// checks both against the rules it has ([`crate::rules::registry::Registry::config_levels`]),
/// the selector first, entry by entry.
#[derive(Debug, Clone)]
pub struct RuleLevel {
    /// A rule code or a family, as written.
    pub selector: String,
    /// The line of the key in s75.toml.
    pub line: usize,
    /// `None` when the value is not "allow", "warn" or "deny".
    pub level: Option<Level>,
}

#[derive(Debug, Default)]
pub struct Config {
    pub file: Option<Arc<SourceFile>>,
    /// `[rules]`, in file order (later wins), unchecked: see [`RuleLevel`].
    pub levels: Vec<RuleLevel>,
    /// Repository-relative globs of agreement folders or files to skip.
    pub exclude: Vec<String>,
    exclude_set: Option<GlobSet>,
    pub waivers: Vec<Waiver>,
    /// Rule-pack files replacing the built-in ones (`[packs]` name → path).
    pub packs: Vec<(String, Located<String>)>,
    /// `[render] templates`: a folder of pack templates, relative to the repository root.
    pub render_templates: Option<Located<String>>,
}

impl Config {
    /// Reads `<root>/s75.toml` if present. Problems in it are load errors:
    /// a configuration that is not understood must not silently do less.
    pub fn load(root: &Path) -> Result<Config, LoadError> {
        let path = Repo { root: root.to_path_buf() }.confine(&root.join(crate::loading::repo::CONFIG_FILE))?;
        if !path.is_file() {
            return Ok(Config::default());
        }
        let file = read::read_source(&path, crate::loading::repo::CONFIG_FILE)?;
        Config::parse(&file)
    }

    pub fn parse(file: &Arc<SourceFile>) -> Result<Config, LoadError> {
        let doc = parse_toml(&file.text, file)?;
        let mut ctx = Ctx::new(file);
        let mut top = TableReader::new(doc.get_ref(), crate::model::Span::line(file, 1), "");
        let mut config = Config { file: Some(Arc::clone(file)), ..Config::default() };

        if let Some(mut rules) = top.table(&mut ctx, "rules") {
            for (key, value) in rules.entries() {
                config.levels.push(RuleLevel {
                    selector: key.get_ref().to_string(),
                    line: file.line_col(key.span().start).0,
                    level: value.get_ref().as_str().and_then(Level::parse),
                });
            }
            rules.finish(&mut ctx);
        }
        config.exclude = top.string_array(&mut ctx, "exclude").into_iter().map(|s| s.value).collect();
        let mut builder = GlobSetBuilder::new();
        for pattern in &config.exclude {
            let glob = Glob::new(pattern.trim_end_matches('/'))
                .map_err(|e| LoadError::file(&file.path, format!("bad exclude pattern `{pattern}`: {e}")))?;
            builder.add(glob);
        }
        config.exclude_set = builder.build().ok();
        config.waivers = top
            .tables(&mut ctx, "waivers")
            .into_iter()
            .map(|t| crate::loading::metadata::waiver(&mut ctx, t))
            .collect();
        if let Some(mut packs) = top.table(&mut ctx, "packs") {
            for name in ["statute", "stale", "acts", "names", "instruments", "authorities"] {
                if let Some(p) = packs.string(&mut ctx, name) {
                    config.packs.push((name.to_string(), p));
                }
            }
            packs.finish(&mut ctx);
        }
        if let Some(mut render) = top.table(&mut ctx, "render") {
            config.render_templates = render.string(&mut ctx, "templates");
            render.finish(&mut ctx);
        }
        top.finish(&mut ctx);
        if let Some(first) = ctx.problems.into_iter().next() {
            return Err(problem_error(file, &first));
        }
        Ok(config)
    }

    /// The agreement folders `paths` name; with no paths, every agreement in
    /// the repository that is not excluded (a folder named outright is kept).
    pub fn select(&self, repo: &Repo, paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
        let mut dirs = repo.select(paths)?;
        if paths.is_empty() {
            dirs.retain(|d| !self.is_excluded(&repo.relative(d)));
        }
        Ok(dirs)
    }

    /// Whether a repository-relative path (an agreement folder) is excluded.
    pub fn is_excluded(&self, rel: &str) -> bool {
        self.exclude_set
            .as_ref()
            .is_some_and(|set| Path::new(rel).ancestors().any(|a| !a.as_os_str().is_empty() && set.is_match(a)))
    }
}

fn problem_error(file: &SourceFile, p: &MetaProblem) -> LoadError {
    LoadError::at(&file.path, p.span.start().0, p.message.clone())
}
