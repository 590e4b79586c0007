//! The pack templates: built into the binary, each replaceable by a file of
//! the same name in a templates folder (`--templates DIR` or
//! `[render] templates` in s75.toml).
//!
//! - `pack.html` (minijinja): the HTML pack; it includes `pack.css`.
//! - `pack.css`: the HTML pack's styles, inlined so the pack is one file.
//! - `pack.typ` (Typst): the PDF pack; it reads the data from `data.json`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

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
    /// Folder whose files replace the built-in templates of the same name.
    pub dir: Option<PathBuf>,
}

impl Templates {
    pub fn built_in() -> Self {
        Templates { dir: None }
    }

    pub fn from_dir(dir: &Path) -> anyhow::Result<Self> {
        if !dir.is_dir() {
            bail!("templates folder {} does not exist", dir.display());
        }
        let dir = dir.canonicalize().with_context(|| format!("cannot open templates folder {}", dir.display()))?;
        Ok(Templates { dir: Some(dir) })
    }

    /// A template's text: the folder's file if there is one, else the
    /// built-in one; `None` for an unknown name. Names are single file names,
    /// so a template cannot reach outside its folder.
    pub fn source(&self, name: &str) -> anyhow::Result<Option<String>> {
        if let Some(dir) = &self.dir {
            let plain = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
            let path = dir.join(name);
            if plain && path.is_file() {
                return std::fs::read_to_string(&path)
                    .map(Some)
                    .with_context(|| format!("cannot read template {}", path.display()));
            }
        }
        Ok(BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_string()))
    }

    /// The text of a template that must exist (one of the built-in names).
    pub fn required(&self, name: &str) -> anyhow::Result<String> {
        self.source(name)?.with_context(|| format!("no template named {name}"))
    }
}
