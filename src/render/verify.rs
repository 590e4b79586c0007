//! `s75 verify`: read the fingerprint a pack carries (its metadata, or the
//! manifest beside it), recompute it from the repository, and say whether
//! the agreement's text has changed since the pack was made. Before
//! trusting a claim it checks that the pack file is whole (see
//! [`integrity`]) and, when its manifest is beside it, that its bytes are
//! those rendered: a damaged or altered pack is an error, not a verdict.

use std::path::Path;

use anyhow::{Context as _, bail};

use super::fingerprint::{FileHash, Fingerprint, SHORT_LEN, sha256_hex};
use super::integrity;
use super::manifest::{self, Manifest};
use super::marker::{self, Claim};

/// What is known about a pack.
#[derive(Debug)]
pub struct Pack {
    pub claim: Claim,
    /// Where the claim was read: "PDF metadata", "HTML meta tags" or "manifest".
    pub from: &'static str,
    /// Per-file hashes, when a matching manifest is available.
    pub files: Option<Vec<FileHash>>,
    /// Things worth telling the user that do not decide the answer.
    pub notes: Vec<String>,
}

pub fn read_pack(path: &Path) -> anyhow::Result<Pack> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).trim_start().to_ascii_lowercase();
    if head.starts_with('{') {
        let m = Manifest::from_json(&bytes)?;
        let claim = Claim {
            fingerprint: m.fingerprint.clone(),
            agreement: m.agreement.dir.clone(),
            commit: m.git.commit.clone(),
        };
        return Ok(Pack { claim, from: "manifest", files: Some(m.files), notes: Vec::new() });
    }
    let (html, from) = if bytes.starts_with(b"%PDF-") {
        (false, "PDF metadata")
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
        (true, "HTML meta tags")
    } else {
        bail!("{} is not a PDF or HTML pack, nor an s75 manifest", path.display());
    };
    // A damaged file still carries its fingerprint near the start: check the
    // whole file is there before trusting what it claims.
    let whole = if html { integrity::html(&bytes) } else { integrity::pdf(&bytes) };
    if let Err(why) = whole {
        bail!(
            "{} is damaged: {why}. It is not the pack s75 rendered and cannot be verified; \
             use the original file, or render the pack again",
            path.display()
        );
    }

    let mut notes = Vec::new();
    let beside = manifest::path_for(path);
    let manifest = match std::fs::read(&beside) {
        Ok(b) => match Manifest::from_json(&b) {
            Ok(m) => Some(m),
            Err(e) => {
                notes.push(format!("ignored {}: {e:#}", beside.display()));
                None
            }
        },
        Err(_) => None,
    };
    if let Some(m) = &manifest {
        let actual = sha256_hex(&bytes);
        if m.pack.sha256 != actual {
            let short = |s: &str| s.get(..SHORT_LEN).unwrap_or(s).to_string();
            bail!(
                "{} is not the file s75 rendered: its SHA-256 is {}, but {} records {}. It was modified, \
                 re-saved or damaged after rendering, so the text it shows cannot be vouched for. \
                 Compare it with the original; `s75 verify {}` checks the repository against the manifest alone",
                path.display(),
                short(&actual),
                beside.display(),
                short(&m.pack.sha256),
                beside.display()
            );
        }
    }
    let claim = match (marker::read(&bytes, html), &manifest) {
        (Ok(c), _) => c,
        // A pack without markers (a custom template that left them out) can
        // still be checked through its manifest, whose hash it matched above.
        (Err(_), Some(m)) => Claim {
            fingerprint: m.fingerprint.clone(),
            agreement: m.agreement.dir.clone(),
            commit: m.git.commit.clone(),
        },
        (Err(e), _) => bail!("{}: {e}, and no manifest for it at {}", path.display(), beside.display()),
    };
    let files = manifest.filter(|m| m.fingerprint == claim.fingerprint).map(|m| m.files);
    Ok(Pack { claim, from, files, notes })
}

/// The verdict and the lines explaining it.
pub struct Verdict {
    pub changed: bool,
    pub lines: Vec<String>,
}

/// Compares a pack with the fingerprint recomputed from `place` ("the working tree", "revision …").
pub fn compare(pack: &Pack, now: &Fingerprint, place: &str) -> Verdict {
    let dir = &pack.claim.agreement;
    let short = |s: &str| s.get(..SHORT_LEN).unwrap_or(s).to_string();
    let made_from =
        pack.claim.commit.as_deref().map_or("uncommitted sources".to_string(), |c| format!("commit {}", short(c)));
    let mut lines = Vec::new();
    let changed = now.sha256 != pack.claim.fingerprint;
    if !changed {
        lines.push(format!("unchanged: {dir} in {place} matches the pack"));
        lines.push(format!("  fingerprint {} (from the {}), made from {made_from}", short(&now.sha256), pack.from));
    } else {
        lines.push(format!("changed: {dir} in {place} differs from the pack"));
        lines.push(format!(
            "  pack:  fingerprint {} (from the {}), made from {made_from}",
            short(&pack.claim.fingerprint),
            pack.from
        ));
        lines.push(format!("  now:   fingerprint {}", short(&now.sha256)));
        match &pack.files {
            Some(then) => lines.extend(file_changes(then, &now.files)),
            None => lines.push("  (no manifest beside the pack, so the changed files cannot be named)".to_string()),
        }
        if let Some(note) = &now.note {
            lines.push(format!("  note: {note}"));
        }
    }
    lines.extend(pack.notes.iter().map(|n| format!("note: {n}")));
    Verdict { changed, lines }
}

fn file_changes(then: &[FileHash], now: &[FileHash]) -> Vec<String> {
    let mut out = Vec::new();
    for f in now {
        match then.iter().find(|t| t.path == f.path) {
            None => out.push(format!("  added:    {}", f.path)),
            Some(_) if f.sha256.is_none() => out.push(format!("  missing:  {}", f.path)),
            Some(t) if t.sha256 != f.sha256 => out.push(format!("  modified: {}", f.path)),
            Some(_) => {}
        }
    }
    for t in then.iter().filter(|t| !now.iter().any(|f| f.path == t.path)) {
        out.push(format!("  removed:  {}", t.path));
    }
    if out.is_empty() {
        out.push("  the same files with the same contents, in a different order".to_string());
    }
    out
}
