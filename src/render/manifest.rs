//! The manifest written beside a pack (`<pack>.manifest.json`): the hash of
//! every source file, the combined fingerprint, the commit and the tool
//! version — what a reviewer needs to tie a signed pack to the repository.

use serde::{Deserialize, Serialize};

use super::fingerprint::FileHash;

pub const MANIFEST_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version of this file.
    pub s75_manifest: u32,
    pub tool: ToolInfo,
    pub agreement: AgreementInfo,
    pub pack: PackInfo,
    /// SHA-256 over the source files (see `files`).
    pub fingerprint: String,
    /// Each source file with its SHA-256, in reading order.
    pub files: Vec<FileHash>,
    pub git: GitInfo,
    /// The pack's timestamp (RFC 3339) and where it came from.
    pub created: String,
    pub created_from: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgreementInfo {
    pub id: String,
    pub dir: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackInfo {
    /// File name of the pack (the manifest sits beside it).
    pub file: String,
    pub format: String,
    /// SHA-256 of the pack file itself.
    pub sha256: String,
    pub draft: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdfa: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GitInfo {
    /// Full commit id when every source file is committed unchanged, else null.
    pub commit: Option<String>,
    /// "committed", "uncommitted changes" or "not in git".
    pub state: String,
}

impl Manifest {
    pub fn to_json(&self) -> anyhow::Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(self)?;
        out.push(b'\n');
        Ok(out)
    }

    pub fn from_json(bytes: &[u8]) -> anyhow::Result<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes).map_err(|e| anyhow::anyhow!("not an s75 manifest: {e}"))?;
        if m.s75_manifest != MANIFEST_VERSION {
            anyhow::bail!(
                "manifest version {} is not supported (this s75 reads version {MANIFEST_VERSION})",
                m.s75_manifest
            );
        }
        Ok(m)
    }
}

/// `pack.pdf` → `pack.pdf.manifest.json`.
pub fn path_for(pack: &std::path::Path) -> std::path::PathBuf {
    let mut name = pack.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".manifest.json");
    pack.with_file_name(name)
}
