//! The findings cache (ruff's design): an agreement whose inputs are all
//! unchanged since a previous run gets that run's findings without being
//! parsed or checked.
//!
//! The key of an entry is a SHA-256 of everything its findings can depend
//! on: the bytes and paths of every file the agreement loads (its
//! `agreement.toml`, body and schedules, shared ones included), `s75.toml`,
//! the three rule packs (built-in or named in `s75.toml`), the date waivers
//! are judged against, the -A/-W/-D options, and s75's build. SHA-256 rather
//! than a fast 64-bit hash: a collision would be a wrong finding, which a
//! cache must never give, and with the CPU's SHA extensions hashing a
//! 1,000-agreement portfolio's 330 MB is a small part of a warm run.
//!
//! One entry per agreement folder, replaced when the agreement changes, so
//! the cache stays the size of the portfolio. Findings that depend on more
//! than one agreement (unused `s75.toml` waivers) are never cached: the
//! caller computes them from all the findings. An entry that is missing,
//! unreadable, corrupt, from another key or naming a file the agreement no
//! longer reads is a miss, never an error; a cache that cannot be written is
//! silently not written.

mod entry;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::loading::AgreementFiles;
use crate::model::SourceFile;
use crate::rules::{Finding, Packs};

/// The default cache folder, at the repository root.
pub const DEFAULT_DIR: &str = ".s75_cache";

/// What every agreement's findings depend on besides its own files.
pub struct Settings<'a> {
    pub today: jiff::civil::Date,
    pub config: Option<&'a Arc<SourceFile>>,
    pub packs: &'a Packs,
    /// The -A, -W and -D options, each list in the order given.
    pub cli_levels: [&'a [String]; 3],
}

pub struct Cache {
    /// `<cache dir>/<s75 version>`: another version never reads these entries.
    dir: PathBuf,
    /// The hash of the [`Settings`], continued per agreement.
    base: Sha256,
    /// Files other than the agreement's that a finding may point into.
    shared_files: Vec<Arc<SourceFile>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

impl Cache {
    /// The cache in folder `dir`, made (with a `.gitignore` and a
    /// `CACHEDIR.TAG`, so that neither git nor backups keep it) if it is not
    /// there. `None` if s75 cannot tell which build it is, when an entry
    /// could not be trusted.
    pub fn open(dir: &Path, settings: &Settings) -> Option<Cache> {
        let mut base = Sha256::new();
        feed(&mut base, b"s75 findings cache 1");
        feed(&mut base, build_id()?.as_bytes());
        feed(&mut base, settings.today.to_string().as_bytes());
        match settings.config {
            Some(file) => feed_file(&mut base, file),
            None => feed(&mut base, b"no s75.toml"),
        }
        let packs = [
            &settings.packs.statute,
            &settings.packs.stale,
            &settings.packs.acts,
            &settings.packs.names,
            &settings.packs.instruments,
            &settings.packs.authorities,
        ];
        for pack in packs {
            feed_file(&mut base, pack);
        }
        for codes in settings.cli_levels {
            feed(&mut base, &codes.len().to_le_bytes());
            for code in codes {
                feed(&mut base, code.as_bytes());
            }
        }
        make_folder(dir);
        let shared_files = packs.into_iter().chain(settings.config).cloned().collect();
        Some(Cache {
            dir: dir.join(env!("CARGO_PKG_VERSION")),
            base,
            shared_files,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        })
    }

    /// The place of these files' findings in the cache: the key is hashed
    /// here, before the files are parsed (and consumed).
    pub fn slot(&self, files: &AgreementFiles) -> Slot<'_> {
        let name = hex(&Sha256::digest(files.dir.as_bytes()));
        Slot {
            cache: self,
            key: self.key(files),
            path: self.dir.join(format!("{}.json", &name[..32])),
            files: files.files().chain(&self.shared_files).cloned().collect(),
        }
    }

    /// `(hits, misses)` so far.
    pub fn counts(&self) -> (usize, usize) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }

    fn key(&self, files: &AgreementFiles) -> String {
        let mut h = self.base.clone();
        feed(&mut h, files.dir.as_bytes());
        feed_file(&mut h, &files.meta_file);
        feed_file(&mut h, &files.body);
        for schedule in &files.schedules {
            match schedule {
                Some(file) => feed_file(&mut h, file),
                None => feed(&mut h, b"no file"),
            }
        }
        hex(&h.finalize())
    }
}

/// One agreement folder's entry (one per folder, named by a hash of its
/// path), for the files read this run.
pub struct Slot<'c> {
    cache: &'c Cache,
    key: String,
    path: PathBuf,
    /// The files a finding may point into, in a fixed order.
    files: Vec<Arc<SourceFile>>,
}

impl Slot<'_> {
    /// The findings of a previous run on exactly these files and settings.
    pub fn get(&self) -> Option<Vec<Finding>> {
        let found = std::fs::read(&self.path).ok().and_then(|bytes| entry::decode(&bytes, &self.key, &self.files));
        let counter = if found.is_some() { &self.cache.hits } else { &self.cache.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Records `findings`, replacing the folder's previous entry.
    pub fn put(&self, findings: &[Finding]) {
        let Some(bytes) = entry::encode(&self.key, findings, &self.files) else { return };
        // Written whole then renamed into place, so a reader (another s75
        // running at once) sees the old entry or the new one. No fsync: an
        // entry lost in a crash is only a miss next time.
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.cache.dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(&self.cache.dir)?;
            std::io::Write::write_all(&mut tmp, &bytes)?;
            tmp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write();
    }
}

/// Makes the cache folder as ruff does: ignored by git, marked for backups.
fn make_folder(dir: &Path) {
    if dir.is_dir() {
        return;
    }
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = std::fs::write(dir.join(".gitignore"), "# Made by s75: the findings cache.\n*\n");
        let _ = std::fs::write(
            dir.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag made by s75.\n",
        );
    }
}

/// Which s75 this is: the version, and the executable's size and time, so
/// that a rebuilt s75 (a rule changed without a new version) misses.
fn build_id() -> Option<String> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{} {} {}", env!("CARGO_PKG_VERSION"), meta.len(), modified.as_nanos()))
}

/// Length-prefixed, so that no two sequences of inputs hash alike.
fn feed(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn feed_file(h: &mut Sha256, file: &SourceFile) {
    feed(h, file.path.as_bytes());
    feed(h, file.disk_bytes());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
