//! `s75 init [DIR]`: a new agreements repository — `s75.toml` with every
//! option commented, `agreements/`, `schedules/`, `.gitattributes` and a
//! GitHub Actions workflow — then points at `s75 new` for the first
//! agreement.
//!
//! It never overwrites: if any file it would write exists, it stops before
//! writing anything (there is no `--force`; delete the file to have it made
//! again). DIR becomes a git repository unless it is already inside one:
//! agreements are kept in git, and `s75 diff --since` and `s75 verify --rev`
//! need its history.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::EXIT_OK;
use crate::loading::error::display_path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to make the repository in (created if missing)
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// (path inside the repository, text) of every file `init` writes. The empty
/// folders hold a `.gitkeep`, since git does not keep empty folders.
const FILES: &[(&str, &str)] = &[
    ("s75.toml", include_str!("../../templates/init/s75.toml")),
    (".gitattributes", include_str!("../../templates/init/gitattributes")),
    (".github/workflows/s75.yml", include_str!("../../templates/init/github/s75.yml")),
    ("agreements/.gitkeep", ""),
    ("schedules/.gitkeep", ""),
];

pub fn run(args: Args) -> anyhow::Result<u8> {
    let root = &args.dir;
    if root.exists() && !root.is_dir() {
        bail!("{} is not a folder", display_path(root));
    }
    let place = |rel: &str| if root == Path::new(".") { rel.to_string() } else { display_path(&root.join(rel)) };
    let existing: Vec<String> =
        FILES.iter().filter(|(rel, _)| root.join(rel).exists()).map(|(rel, _)| place(rel)).collect();
    if !existing.is_empty() {
        bail!(
            "{} already exist{}; s75 init never overwrites a file, and wrote nothing",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        );
    }
    write_all(root)?;
    let git = init_git(root)?;

    let shown = display_path(root);
    println!("created an agreements repository in {shown}:");
    for (rel, _) in FILES {
        println!("  {rel}");
    }
    if git {
        println!("and a git repository (git init) to keep it in");
    }
    let cd = if shown == "." { String::new() } else { format!("  cd {shown}\n") };
    println!(
        "\nNext, the first agreement (or --template delegation):\n{cd}  s75 new --template pooled-fund my-agreement\n  s75 validate"
    );
    Ok(EXIT_OK)
}

/// Writes each file next to its place and moves it in only if nothing is
/// there; on any failure the files already written are removed again.
fn write_all(root: &Path) -> anyhow::Result<()> {
    let mut written: Vec<PathBuf> = Vec::new();
    let result = FILES.iter().try_for_each(|(rel, text)| {
        let path = root.join(rel);
        let dir = path.parent().unwrap_or(root);
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", display_path(dir)))?;
        let mut tmp =
            tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write in {}", display_path(dir)))?;
        std::io::Write::write_all(&mut tmp, text.as_bytes())
            .with_context(|| format!("cannot write {}", display_path(&path)))?;
        tmp.persist_noclobber(&path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {}", display_path(&path), e.error))?;
        written.push(path);
        Ok(())
    });
    if result.is_err() {
        for path in &written {
            let _ = std::fs::remove_file(path);
        }
    }
    result
}

/// `git init` in `root` unless it is inside a git repository already.
fn init_git(root: &Path) -> anyhow::Result<bool> {
    if git2::Repository::discover(root).is_ok() {
        return Ok(false);
    }
    git2::Repository::init(root)
        .with_context(|| format!("cannot create a git repository in {}", display_path(root)))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::SourceFile;
    use crate::rules::{Checker, Context};

    #[test]
    fn the_configuration_parses_and_every_commented_option_is_a_real_key() {
        let text = FILES[0].1;
        let checker = Checker::new(Context::new(jiff::civil::Date::constant(2026, 11, 24))).expect("built-in packs");
        let registry = &checker.registry;
        let config = Config::parse(&SourceFile::new("s75.toml", "s75.toml", text.to_string())).expect("as written");
        registry.config_levels(&config).expect("its rule levels name real rules");
        // Uncommenting the example lines (not the prose) must still give a configuration s75 accepts.
        let examples: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.starts_with(['"', '[']) || rest.contains(" = ") => rest,
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let config = Config::parse(&SourceFile::new("s75.toml", "s75.toml", examples.clone()))
            .unwrap_or_else(|e| panic!("{e}\n{examples}"));
        let levels = registry.config_levels(&config).unwrap_or_else(|e| panic!("{e}\n{examples}"));
        assert_eq!(levels.len(), 2);
        assert_eq!(config.exclude, ["agreements/archive/**"]);
        assert_eq!(config.levels.len(), 2);
        assert_eq!(config.waivers.len(), 1);
        assert_eq!(config.packs.len(), 3);
        assert!(config.render_templates.is_some());
    }
}
