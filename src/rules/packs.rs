//! Rule packs: the statutory knowledge s75 checks against, kept as data a
//! lawyer can read and correct (TOML with citations, sources and dates).
//! The built-in packs are compiled into the binary; `s75.toml`'s `[packs]`
//! table replaces one with a file from the repository.

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::loading::{LoadError, Repo, read};
use crate::model::SourceFile;

/// The text of each pack, kept as a source file so errors and findings can
/// point into it.
#[derive(Debug, Clone)]
pub struct Packs {
    /// Statutory requirements (SI 2000/617, NHS Act 2006 s.75).
    pub statute: Arc<SourceFile>,
    /// Renamed, abolished or repealed bodies and laws, with dates.
    pub stale: Arc<SourceFile>,
    /// Acts of Parliament with their years, for citation checks.
    pub acts: Arc<SourceFile>,
    /// Names a text may use without defining them, for `terms.undefined`.
    pub names: Arc<SourceFile>,
    /// Statutory instruments with their numbers, for citation checks.
    pub instruments: Arc<SourceFile>,
    /// English local authorities, for `drafting.other-authority`.
    pub authorities: Arc<SourceFile>,
}

const BUILTIN: [(&str, &str, &str); 6] = [
    ("statute", "(built-in) src/rules/statute/requirements.toml", include_str!("statute/requirements.toml")),
    ("stale", "(built-in) src/rules/stale/register.toml", include_str!("stale/register.toml")),
    ("acts", "(built-in) src/rules/stale/acts.toml", include_str!("stale/acts.toml")),
    ("names", "(built-in) src/rules/terms/names.toml", include_str!("terms/names.toml")),
    ("instruments", "(built-in) src/rules/citations/instruments.toml", include_str!("citations/instruments.toml")),
    ("authorities", "(built-in) src/rules/drafting/authorities.toml", include_str!("drafting/authorities.toml")),
];

impl Packs {
    pub fn builtin() -> Packs {
        let file = |i: usize| SourceFile::new(BUILTIN[i].1, BUILTIN[i].1, BUILTIN[i].2.to_string());
        Packs {
            statute: file(0),
            stale: file(1),
            acts: file(2),
            names: file(3),
            instruments: file(4),
            authorities: file(5),
        }
    }

    /// Whether `file` is a built-in pack, unchanged: its patterns were
    /// compiled when s75 was built, so they need no checking as they load.
    pub fn is_builtin(file: &SourceFile) -> bool {
        BUILTIN.iter().any(|&(_, path, text)| file.path == path && file.text == text)
    }

    /// The built-in packs with any replaced by `s75.toml` (paths relative to the repository root).
    pub fn for_repo(root: &Path, config: &Config) -> Result<Packs, LoadError> {
        let mut packs = Packs::builtin();
        let repo = Repo { root: root.to_path_buf() };
        for (name, path) in &config.packs {
            let shown = config.file.as_ref().map_or("s75.toml".to_string(), |f| f.path.clone());
            let at = |message: String| LoadError::at(&shown, path.span.start().0, message);
            let disk = repo.confine(&root.join(&path.value)).map_err(|e| at(format!("rule pack {e}")))?;
            if !disk.is_file() {
                return Err(at(format!("rule pack `{}` does not exist", path.value)));
            }
            let file = read::read_source(&disk, &path.value)?;
            match name.as_str() {
                "statute" => packs.statute = file,
                "stale" => packs.stale = file,
                "names" => packs.names = file,
                "instruments" => packs.instruments = file,
                "authorities" => packs.authorities = file,
                _ => packs.acts = file,
            }
        }
        Ok(packs)
    }
}
