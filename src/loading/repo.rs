//! Finding the repository root and the agreements a command should read.

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use super::LoadError;
use super::error::display_path;

pub const METADATA_FILE: &str = "agreement.toml";
pub const CONFIG_FILE: &str = "s75.toml";

#[derive(Debug, Clone)]
pub struct Repo {
    /// Canonical path of the repository root.
    pub root: PathBuf,
}

impl Repo {
    /// The nearest ancestor of `start` that holds `s75.toml` or an `agreements/` folder.
    pub fn find(start: &Path) -> Option<Repo> {
        let start = start.canonicalize().ok()?;
        let start = if start.is_file() { start.parent()?.to_path_buf() } else { start };
        start
            .ancestors()
            .find(|d| d.join(CONFIG_FILE).is_file() || d.join("agreements").is_dir())
            .map(|d| Repo { root: d.to_path_buf() })
    }

    /// The repository for a command: found from the working directory, or
    /// failing that from the first path the user named.
    pub fn for_paths(paths: &[PathBuf]) -> Result<Repo, LoadError> {
        let cwd = std::env::current_dir().map_err(|e| LoadError::io(".", e))?;
        if let Some(repo) = Repo::find(&cwd) {
            return Ok(repo);
        }
        if let Some(first) = paths.first() {
            if !first.exists() {
                return Err(LoadError::file(display_path(first), "no such file or folder"));
            }
            if let Some(repo) = Repo::find(first) {
                return Ok(repo);
            }
        }
        Err(LoadError::file(
            display_path(&cwd),
            "not inside an agreement repository (no s75.toml or agreements/ folder here or above)",
        ))
    }

    /// `agreements/x/agreement.md` style path for display in findings.
    pub fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap_or(path).to_string_lossy().replace('\\', "/")
    }

    /// Resolves `rel` against `base` without leaving the repository.
    pub fn resolve_inside(&self, base: &Path, rel: &str) -> Option<PathBuf> {
        let mut out = base.to_path_buf();
        for c in Path::new(rel).components() {
            match c {
                Component::Normal(p) => out.push(p),
                Component::CurDir => {}
                Component::ParentDir => {
                    if !out.pop() {
                        return None;
                    }
                }
                Component::RootDir | Component::Prefix(_) => return None,
            }
        }
        out.starts_with(&self.root).then_some(out)
    }

    /// Where `path` really is, once every symbolic link on the way is
    /// followed; refused when that is outside the repository. Every file
    /// s75 reads from a repository comes through here, so a link (a
    /// schedule to `/etc/passwd`, a `schedules/` folder to `/etc`) can never
    /// bring outside text into a report or a pack. A path that does not
    /// exist is returned as given, for the caller to report as missing,
    /// provided the part of it that does exist is inside.
    pub fn confine(&self, path: &Path) -> Result<PathBuf, LoadError> {
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.root) => Ok(real),
            Ok(real) => Err(self.escape(path, path, &real)),
            // Not there: the part of it that is there must be inside.
            Err(_) => match path.ancestors().skip(1).find_map(|a| Some((a, a.canonicalize().ok()?))) {
                Some((existing, real)) if !real.starts_with(&self.root) => Err(self.escape(path, existing, &real)),
                _ => Ok(path.to_path_buf()),
            },
        }
    }

    /// The error for `asked`, whose part `existing` really is at `real`,
    /// outside: it names the link that leads out, when there is one, and
    /// where it leads.
    fn escape(&self, asked: &Path, existing: &Path, real: &Path) -> LoadError {
        let mut inside: Vec<&Path> =
            existing.ancestors().take_while(|a| a.starts_with(&self.root) && *a != self.root).collect();
        inside.reverse();
        let link = inside.into_iter().find(|a| {
            a.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
                && a.canonicalize().is_ok_and(|r| !r.starts_with(&self.root))
        });
        let reason = match link {
            Some(link) => {
                let to = link.canonicalize().unwrap_or_else(|_| real.to_path_buf());
                if link == asked {
                    format!("is a symbolic link to {}, outside the repository", to.display())
                } else {
                    format!(
                        "leads outside the repository: {} is a symbolic link to {}",
                        self.relative(link),
                        to.display()
                    )
                }
            }
            None => format!("is outside the repository at {}", self.root.display()),
        };
        LoadError::file(self.relative(asked), format!("{reason}; s75 reads only files inside it"))
    }

    /// Every agreement folder in the repository, sorted.
    pub fn all_agreements(&self) -> Vec<PathBuf> {
        agreements_under(&self.root)
    }

    /// The agreement folders the user's paths name. No paths: every agreement.
    pub fn select(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
        if paths.is_empty() {
            let all = self.all_agreements();
            if all.is_empty() {
                return Err(self.why_no_agreements());
            }
            return Ok(all);
        }
        let mut out = Vec::new();
        for p in paths {
            let shown = display_path(p);
            let canon = p.canonicalize().map_err(|_| LoadError::file(&shown, "no such file or folder"))?;
            if !canon.starts_with(&self.root) {
                return Err(LoadError::file(
                    shown,
                    format!("is outside the repository at {}", display_path(&self.root)),
                ));
            }
            // A shared schedule or the configuration concerns every agreement.
            let shared = canon.starts_with(self.root.join("schedules")) || canon == self.root.join(CONFIG_FILE);
            let found = if shared {
                Some(self.all_agreements())
            } else if canon.is_file() {
                canon
                    .ancestors()
                    .skip(1)
                    .find(|d| d.join(METADATA_FILE).is_file() && d.starts_with(&self.root))
                    .map(|d| vec![d.to_path_buf()])
            } else if canon.join(METADATA_FILE).is_file() {
                Some(vec![canon.clone()])
            } else {
                Some(agreements_under(&canon))
            };
            match found {
                Some(list) if !list.is_empty() => out.extend(list),
                _ if canon.is_dir() => {
                    return Err(LoadError::file(
                        shown,
                        "no agreements found in this folder (expected <id>/agreement.toml)",
                    ));
                }
                _ => return Err(LoadError::file(shown, "is not part of an agreement folder")),
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }
}

impl Repo {
    /// What is wrong when the repository has no agreements: an `agreements`
    /// that is not a folder is named as such, not reported as an empty one.
    fn why_no_agreements(&self) -> LoadError {
        let folder = self.root.join("agreements");
        let shown = display_path(&folder);
        let Ok(meta) = std::fs::symlink_metadata(&folder) else {
            return LoadError::file(
                display_path(&self.root),
                "no agreements found (expected agreements/<id>/agreement.toml)",
            );
        };
        if meta.file_type().is_symlink() && !folder.exists() {
            let target = std::fs::read_link(&folder).map(|t| t.display().to_string()).unwrap_or_default();
            return LoadError::file(shown, format!("is a symbolic link to `{target}`, which does not exist"));
        }
        if !folder.is_dir() {
            return LoadError::file(shown, "is not a folder (agreements go in agreements/<id>/agreement.toml)");
        }
        if let Err(e) = std::fs::read_dir(&folder) {
            return LoadError::io(shown, e);
        }
        LoadError::file(display_path(&self.root), "no agreements found (expected agreements/<id>/agreement.toml)")
    }
}

fn agreements_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_build(e.file_name().to_string_lossy().as_ref()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == METADATA_FILE)
        .filter_map(|e| e.path().parent().map(Path::to_path_buf))
        .collect();
    out.sort();
    out
}

/// Folders never searched: VCS data, build output, dependencies.
fn is_hidden_or_build(name: &str) -> bool {
    (name.starts_with('.') && name.len() > 1) || name == "target" || name == "node_modules"
}
