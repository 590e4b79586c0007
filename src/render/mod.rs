//! Signing packs: the agreement, its schedules, contents and an execution
//! block per partner, as PDF (Typst) or one self-contained HTML file, tied to
//! the exact source text by a fingerprint that `s75 verify` checks later.
//!
//! model → [`data`] (the template data) → [`html`] or [`pdf`]; beside it,
//! [`complete`] checks that the data holds every block of the text,
//! [`fingerprint`] and [`git`] say which text and commit the pack shows,
//! and [`manifest`] records them in a file next to the pack.

pub mod complete;
pub mod data;
pub mod fingerprint;
pub mod git;
pub mod html;
pub mod integrity;
pub mod manifest;
pub mod marker;
pub mod pdf;
pub mod template_files;
pub mod templates;
pub mod timestamp;
pub mod verify;

use anyhow::bail;

use crate::loading::Repo;
use crate::model::Agreement;
use fingerprint::{Fingerprint, WorkingTree, sha256_hex};
use git::GitInfo;
use manifest::Manifest;
use templates::Templates;
use timestamp::PackTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PackFormat {
    Pdf,
    Html,
}

impl PackFormat {
    pub fn name(self) -> &'static str {
        match self {
            PackFormat::Pdf => "pdf",
            PackFormat::Html => "html",
        }
    }
}

pub struct Request<'a> {
    pub repo: &'a Repo,
    pub agreement: &'a Agreement,
    pub format: PackFormat,
    pub draft: bool,
    pub templates: &'a Templates,
    /// The value of SOURCE_DATE_EPOCH, if set.
    pub source_date_epoch: Option<String>,
    /// The pack's file name, recorded in the manifest.
    pub file_name: String,
}

pub struct Rendered {
    pub pack: Vec<u8>,
    pub manifest: Manifest,
    pub pages: Option<usize>,
    pub pdfa: Option<bool>,
    pub warnings: Vec<String>,
    pub fingerprint: Fingerprint,
    pub git: GitInfo,
}

pub fn render(req: &Request) -> anyhow::Result<Rendered> {
    let agreement = req.agreement;
    let fingerprint = fingerprint::compute(req.repo, &agreement.dir, &WorkingTree { root: &req.repo.root })?;
    ensure_same_text(agreement, &fingerprint)?;
    let git = git::inspect(&req.repo.root, &fingerprint.paths());
    let time = PackTime::choose(req.source_date_epoch.as_deref(), git.head_time)?;
    let inputs =
        data::Inputs { format: req.format.name(), draft: req.draft, fingerprint: &fingerprint, git: &git, time: &time };
    let data = data::build(agreement, &inputs);
    complete::check(agreement, &data)?;

    let (pack, pages, pdfa, warnings) = match req.format {
        PackFormat::Html => (html::render(&data, req.templates)?, None, None, Vec::new()),
        PackFormat::Pdf => {
            let meta = pdf::PdfMeta {
                title: data.agreement.title.clone(),
                subject: format!(
                    "Signing pack of {} rendered by s75 ({})",
                    data.agreement.dir, data.fingerprint.footer
                ),
                keywords: data.fingerprint.meta.iter().map(marker::keyword).collect(),
                ident: format!("s75:{}", data.agreement.dir),
            };
            let p = pdf::render(&data, req.templates, &time, &meta)?;
            (p.bytes, Some(p.pages), Some(p.pdfa), p.warnings)
        }
    };

    let manifest = Manifest {
        s75_manifest: manifest::MANIFEST_VERSION,
        tool: manifest::ToolInfo { name: "s75".into(), version: env!("CARGO_PKG_VERSION").into() },
        agreement: manifest::AgreementInfo {
            id: data.agreement.id.clone(),
            dir: data.agreement.dir.clone(),
            title: data.agreement.title.clone(),
        },
        pack: manifest::PackInfo {
            file: req.file_name.clone(),
            format: req.format.name().into(),
            sha256: sha256_hex(&pack),
            draft: req.draft,
            pages,
            pdfa: pdfa.map(|a| if a { "PDF/A-2b".to_string() } else { "none".to_string() }),
        },
        fingerprint: fingerprint.sha256.clone(),
        files: fingerprint.files.clone(),
        git: manifest::GitInfo { commit: git.commit.clone(), state: git.state_name().into() },
        created: time.rfc3339(),
        created_from: time.source.name().into(),
    };
    Ok(Rendered { pack, manifest, pages, pdfa, warnings, fingerprint, git })
}

/// The fingerprint is computed from the files on disk, the pack from the
/// files as loaded: if a file changed in between, the pack would claim a
/// text it does not show.
fn ensure_same_text(agreement: &Agreement, fp: &Fingerprint) -> anyhow::Result<()> {
    let loaded = std::iter::once(&agreement.meta.file).chain(agreement.documents().map(|d| &d.file));
    for file in loaded {
        let on_disk = fp.files.iter().find(|f| f.path == file.path).and_then(|f| f.sha256.as_deref());
        if on_disk != Some(sha256_hex(file.disk_bytes()).as_str()) {
            bail!("{} changed while the pack was being rendered; run s75 render again", file.path);
        }
    }
    Ok(())
}
