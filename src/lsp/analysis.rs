//! One agreement as the server knows it: loaded (with the editor's unsaved
//! texts), checked, and indexed for the requests an editor makes.

use std::path::{Path, PathBuf};

use crate::loading::{LoadError, Overlay, Repo, load_agreement_overlaid};
use crate::model::definitions::{Definition, definitions};
use crate::model::references::{Reference, Resolution, Resolver, references};
use crate::model::{Agreement, Block, DocId, Document, SourceFile};
use crate::rules::{Checker, Finding};

use super::terms::Terms;

pub struct Analysis {
    pub agreement: Agreement,
    pub findings: Vec<Finding>,
    pub defs: Vec<Definition>,
    pub terms: Terms,
    /// Every reference of every document, with what it resolves to.
    pub refs: Vec<Resolved>,
}

pub struct Resolved {
    pub doc: DocId,
    pub reference: Reference,
    pub resolution: Resolution,
}

/// What loading an agreement gave: its analysis, or the one error that stopped it.
pub type Outcome = Result<Analysis, LoadError>;

pub fn analyse(repo: &Repo, dir: &Path, overlay: &Overlay, checker: &Checker) -> Outcome {
    let agreement = load_agreement_overlaid(repo, dir, overlay)?;
    let findings = checker.check(&agreement).into_iter().filter(|f| f.suppressed.is_none()).collect();
    let defs = definitions(&agreement);
    let terms = Terms::new(&defs);
    let resolver = Resolver::new(&agreement);
    let refs = crate::model::agreement::documents(&agreement)
        .flat_map(|(id, doc)| references(doc).into_iter().map(move |r| (id, r)))
        .map(|(doc, reference)| Resolved { doc, resolution: resolver.resolve(doc, &reference), reference })
        .collect();
    Ok(Analysis { agreement, findings, defs, terms, refs })
}

impl Analysis {
    /// The document (body or schedule) read from `path`.
    pub fn document(&self, path: &Path) -> Option<(DocId, &Document)> {
        crate::model::agreement::documents(&self.agreement).find(|(_, d)| d.file.disk_path == path)
    }

    /// Every file of the agreement, `agreement.toml` first.
    pub fn files(&self) -> Vec<&SourceFile> {
        let a = &self.agreement;
        std::iter::once(&*a.meta.file).chain(crate::model::agreement::documents(a).map(|(_, d)| &*d.file)).collect()
    }

    /// Whether `path` is one of the agreement's files.
    pub fn has_file(&self, path: &Path) -> bool {
        self.files().iter().any(|f| f.disk_path == path)
    }
}

/// The block of `doc` whose source holds byte `offset`.
pub fn block_at(doc: &Document, offset: usize) -> Option<(usize, &Block)> {
    let i = doc.blocks.partition_point(|b| b.span.range.start <= offset).checked_sub(1)?;
    let b = &doc.blocks[i];
    (offset <= b.span.range.end).then_some((i, b))
}

/// The agreement folder a file belongs to: the nearest folder above it with
/// an `agreement.toml`. A shared schedule (`schedules/`) belongs to none.
pub fn agreement_dir(repo: &Repo, path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .take_while(|d| d.starts_with(&repo.root))
        .find(|d| d.join(crate::loading::repo::METADATA_FILE).is_file())
        .map(Path::to_path_buf)
}
