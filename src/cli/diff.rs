//! `s75 diff`: compare two versions of agreements, clause by clause.
//!
//! ```text
//! s75 diff OLD_DIR NEW_DIR                 two agreement folders
//! s75 diff REV1 REV2 [AGREEMENT…]          two git revisions (every changed agreement by default)
//! s75 diff --since REV [AGREEMENT…]        REV against the working tree (what a pull request changes)
//! ```
//!
//! When OLD or NEW names an existing folder, both must be agreement folders;
//! otherwise they are git revisions. `--since` compares with the *working tree* — uncommitted
//! edits included — because that is what a drafter has in front of them and,
//! in CI, the checked-out head of the pull request.
//!
//! Exit status, like `diff`: 0 no differences, 1 differences, 2 error.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::{ColorChoice, EXIT_FINDINGS, EXIT_OK};
use crate::diff::render::{self, Display, Format, Options};
use crate::diff::report::{AgreementDiff, DiffReport, Side};
use crate::git::{GitRepo, Revision};
use crate::loading::{Repo, SharedParses, load_agreement, load_agreement_sharing};
use crate::model::Agreement;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Modes:
  s75 diff OLD_DIR NEW_DIR            two agreement folders
  s75 diff REV1 REV2 [AGREEMENT...]   two git revisions; every changed agreement unless named
  s75 diff --since REV [AGREEMENT...] REV against the working tree (uncommitted edits included)

OLD and NEW are folders when either exists as one, else revisions.

Provisions are matched by text, then number and heading, so an inserted clause reads as one
insertion plus renumberings. Each definition is a provision named by its term; a clause moved with
its sub-clauses (also into another schedule) is one move. Statuses: unchanged, modified, inserted,
deleted, renumbered, moved, moved-and-modified, split, merged. Defined terms: added, removed,
changed, renamed, moved.

Exit status: 0 no differences, 1 differences, 2 error.")]
pub struct Args {
    /// OLD_DIR NEW_DIR (agreement folders), or REV1 REV2 [AGREEMENT…] (git revisions, then agreement folders or ids)
    #[arg(value_name = "OLD NEW [AGREEMENT]")]
    args: Vec<String>,
    /// Compare every agreement changed since REV (e.g. the pull request's base) with the working tree
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    format: Format,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Let -o write inside the repository's agreements/ or schedules/ folder (a file s75 reads is never overwritten)
    #[arg(long)]
    force: bool,
    /// How to show modified provisions (the HTML page can switch)
    #[arg(long, value_enum, default_value_t = Display::Inline)]
    display: Display,
    /// List unchanged provisions too
    #[arg(long)]
    unchanged: bool,
    /// HTML: include the whole text of both versions (unchanged provisions hidden until asked for), not only the changes and their context
    #[arg(long)]
    full: bool,
    /// Who the tracked changes of --format docx/pdf are by (default: user.name in the repository's git config, else "s75")
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// Date the tracked changes of --format docx/pdf, e.g. 2026-11-24 (default: S75_TODAY, else the new revision's commit time)
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    super::redline::check_output(args.format, args.output.as_deref())?;
    let mut timer = crate::timing::Timer::start();
    let report = match (&args.since, args.args.as_slice()) {
        (Some(rev), agreements) => since(rev, agreements)?,
        (None, [old, new]) if Path::new(old).is_dir() || Path::new(new).is_dir() => {
            folders(Path::new(old), Path::new(new))?
        }
        (None, [rev1, rev2, agreements @ ..]) => revisions(rev1, rev2, agreements)?,
        (None, _) => bail!(
            "give two agreement folders (s75 diff OLD_DIR NEW_DIR), two revisions (s75 diff REV1 REV2 [AGREEMENT…]) or --since REV"
        ),
    };
    timer.mark("load + diff");
    let stamp = match args.format.is_binary() {
        true => {
            super::redline::check_report(args.format, &report)?;
            let (at, rev) = redline_side(&args);
            super::redline::stamp(args.author.as_deref(), args.today, at, rev)?
        }
        false => Default::default(),
    };
    let opts = Options {
        color: super::use_color(color, std::io::stdout().is_terminal())
            && args.output.is_none()
            && args.format == Format::Terminal,
        display: args.display,
        unchanged: args.unchanged,
        full: args.full,
    };
    match &args.output {
        Some(path) => {
            let opts = Options { color: false, ..opts };
            crate::output::Outputs::new(args.force)
                .write(path, |w| render::write_stamped(args.format, &report, w, opts, &stamp))?
        }
        None => crate::write_to_stdout(|w| render::write_stamped(args.format, &report, w, opts, &stamp))?,
    }
    timer.mark("render");
    let status = if report.differences { EXIT_FINDINGS } else { EXIT_OK };
    leave_to_exit(report);
    Ok(status)
}

/// Where the new side lives, for the redline's author and date: a folder,
/// or the repository and the revision (`None`: the working tree).
fn redline_side(args: &Args) -> (&Path, Option<&str>) {
    match (&args.since, args.args.as_slice()) {
        (None, [_, new]) if Path::new(new).is_dir() => (Path::new(new), None),
        (None, [_, rev2, ..]) => (Path::new("."), Some(rev2.as_str())),
        _ => (Path::new("."), None),
    }
}

/// The process ends after a command: handing the agreements' and the
/// report's many thousand allocations back one by one only delays the exit
/// (≈ 2 % of a diff's instructions, all of it after the work is done).
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// The repository a folder belongs to; a lone agreement folder is its own
/// repository, rooted at its parent, so paths still read `id/agreement.md`.
fn repo_of(dir: &Path) -> anyhow::Result<Repo> {
    if let Some(r) = Repo::find(dir) {
        return Ok(r);
    }
    let canon = dir.canonicalize().with_context(|| format!("{}: no such folder", dir.display()))?;
    Ok(Repo { root: canon.parent().map_or_else(|| canon.clone(), Path::to_path_buf) })
}

fn side(a: &Agreement, revision: Option<&str>) -> Side {
    Side {
        id: a.id().to_string(),
        title: a.title().to_string(),
        dir: a.dir.clone(),
        revision: revision.map(String::from),
    }
}

fn folders(old: &Path, new: &Path) -> anyhow::Result<DiffReport> {
    for (what, dir) in [("OLD", old), ("NEW", new)] {
        if !dir.is_dir() {
            bail!("{what} `{}` is not a folder (to compare git revisions, give two revisions)", dir.display());
        }
        if !dir.join(crate::loading::repo::METADATA_FILE).is_file() {
            bail!("{what} `{}` is not an agreement folder (no agreement.toml in it)", dir.display());
        }
    }
    let (ro, rn) = (repo_of(old)?, repo_of(new)?);
    let (od, nd) = (old.canonicalize()?, new.canonicalize()?);
    // Both sides load at once: parsing is most of the time of a diff.
    let mut timer = crate::timing::Timer::start();
    let shared = SharedParses::default();
    let (a, b) = rayon::join(
        || load_agreement_sharing(&ro, &od, Some(&shared)),
        || load_agreement_sharing(&rn, &nd, Some(&shared)),
    );
    let (a, b) = (a?, b?);
    timer.mark("load both");
    let diff = crate::diff::diff_agreements(&a, &b, side(&a, None), side(&b, None));
    let report = DiffReport::new(a.dir.clone(), b.dir.clone(), vec![diff]);
    leave_to_exit((a, b));
    Ok(report)
}

fn git_repo() -> anyhow::Result<GitRepo> {
    let s75 = Repo::for_paths(&[])?;
    Ok(GitRepo::open(&s75)?)
}

fn revisions(rev1: &str, rev2: &str, agreements: &[String]) -> anyhow::Result<DiffReport> {
    let git = git_repo()?;
    let (r1, r2) = (git.resolve(rev1)?, git.resolve(rev2)?);
    let dirs = match agreements {
        [] => git.changed_agreements(&r1, Some(&r2))?,
        list => {
            let dirs: Vec<String> = list.iter().map(|a| git.agreement_arg(a)).collect();
            // Named agreements must exist on both sides: a missing one is a mistake, not a difference.
            for d in &dirs {
                for r in [&r1, &r2] {
                    if !git.has_agreement(r, d)? {
                        return Err(
                            crate::git::GitError::MissingAgreement { dir: d.clone(), rev: r.name.clone() }.into()
                        );
                    }
                }
            }
            dirs
        }
    };
    let mut diffs = Vec::new();
    for d in &dirs {
        let old = load_at(&git, &r1, d)?;
        let new = load_at(&git, &r2, d)?;
        diffs.push(compare(old, new, Some(rev1), Some(rev2)));
    }
    Ok(DiffReport::new(rev1.to_string(), rev2.to_string(), diffs.into_iter().flatten().collect()))
}

/// Loads an agreement at a revision; `None` if it does not exist there.
fn load_at(git: &GitRepo, rev: &Revision, dir: &str) -> anyhow::Result<Option<Agreement>> {
    if !git.has_agreement(rev, dir)? {
        return Ok(None);
    }
    Ok(Some(git.load(rev, dir)?))
}

fn compare(
    old: Option<Agreement>,
    new: Option<Agreement>,
    rev_old: Option<&str>,
    rev_new: Option<&str>,
) -> Option<AgreementDiff> {
    match (old, new) {
        (Some(a), Some(b)) => Some(crate::diff::diff_agreements(&a, &b, side(&a, rev_old), side(&b, rev_new))),
        (None, Some(b)) => Some(crate::diff::one_sided(&b, side(&b, rev_new), true)),
        (Some(a), None) => Some(crate::diff::one_sided(&a, side(&a, rev_old), false)),
        (None, None) => None,
    }
}

fn since(rev: &str, agreements: &[String]) -> anyhow::Result<DiffReport> {
    let git = git_repo()?;
    let base = git.resolve(rev)?;
    let dirs = match agreements {
        [] => git.changed_agreements(&base, None)?,
        list => {
            let dirs: Vec<String> = list.iter().map(|a| git.agreement_arg(a)).collect();
            for d in &dirs {
                if !git.has_agreement(&base, d)? {
                    return Err(crate::git::GitError::MissingAgreement { dir: d.clone(), rev: rev.to_string() }.into());
                }
                if !git.s75.root.join(d).join(crate::loading::repo::METADATA_FILE).is_file() {
                    bail!("agreement `{d}` does not exist in the working tree");
                }
            }
            dirs
        }
    };
    let mut diffs = Vec::new();
    for d in &dirs {
        let old = load_at(&git, &base, d)?;
        let disk = git.s75.root.join(d);
        let new = if disk.join(crate::loading::repo::METADATA_FILE).is_file() {
            Some(load_agreement(&git.s75, &disk)?)
        } else {
            None
        };
        diffs.extend(compare(old, new, Some(rev), None));
    }
    Ok(DiffReport::new(rev.to_string(), "working tree".to_string(), diffs))
}
