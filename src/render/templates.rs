//! The pack templates: built into the binary, each replaceable by a file of
//! the same name in a templates folder (`--templates DIR` or
//! `[render] templates` in s75.toml).
//!
//! - `pack.html` (minijinja): the HTML pack; it includes `pack.css`.
//! - `pack.css`: the HTML pack's styles, inlined so the pack is one file.
//! - `pack.typ` (Typst): the PDF pack; it reads the data from `data.json`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::loading::{Repo, read};

pub const HTML: &str = "pack.html";
pub const CSS: &str = "pack.css";
pub const TYPST: &str = "pack.typ";

const BUILT_IN: [(&str, &str); 3] = [
    (HTML, include_str!("../../templates/pack.html")),
    (CSS, include_str!("../../templates/pack.css")),
    (TYPST, include_str!("../../templates/pack.typ")),
];

#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// Folder whose files replace the built-in templates of the same name,
    /// and the repository it must stay inside.
    pub dir: Option<(PathBuf, Repo)>,
}

impl Templates {
    pub fn built_in() -> Self {
        Templates { dir: None }
    }

    /// The templates in `dir`, which must be inside the repository (links
    /// followed): a template's text goes into the pack, so a folder such as
    /// `/etc` must not be able to supply it.
    pub fn from_dir(repo: &Repo, dir: &Path) -> anyhow::Result<Self> {
        let real = repo.confine(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()))?;
        if !real.is_dir() {
            bail!("templates folder {} does not exist", dir.display());
        }
        Ok(Templates { dir: Some((real, repo.clone())) })
    }

    /// A template's text: the folder's file if there is one, else the
    /// built-in one; `None` for an unknown name. Names are single file names,
    /// and a file that is a link out of the repository is refused.
    pub fn source(&self, name: &str) -> anyhow::Result<Option<String>> {
        if let Some((dir, repo)) = &self.dir {
            let plain = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
            let path = if plain { repo.confine(&dir.join(name))? } else { PathBuf::new() };
            if plain && path.is_file() {
                let bytes =
                    read::read_bytes(&path).with_context(|| format!("cannot read template {}", path.display()))?;
                return String::from_utf8(bytes)
                    .map(Some)
                    .with_context(|| format!("template {} is not UTF-8 text", path.display()));
            }
        }
        Ok(BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_string()))
    }

    /// The text of a template that must exist (one of the built-in names).
    pub fn required(&self, name: &str) -> anyhow::Result<String> {
        self.source(name)?.with_context(|| format!("no template named {name}"))
    }
}
