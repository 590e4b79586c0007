//! `s75 validate [PATH…]`: load the agreements, run every rule, report.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::{ColorChoice, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use crate::cache::{Cache, Slot};
use crate::config::Level;
use crate::loading::{LoadError, Repo, read_agreement};
use crate::reports::{self, Checked, Detail, Format, Report};
use crate::rules::{Checker, Finding, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Agreement folders, files in them, or folders of agreements (default: every agreement in the repository)
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Let -o write inside the repository's agreements/ or schedules/ folder (a file s75 reads is never overwritten)
    #[arg(long)]
    force: bool,
    /// Do not report a rule or family (overrides s75.toml)
    #[arg(short = 'A', long = "allow", value_name = "CODE")]
    allow: Vec<String>,
    /// Report a rule or family as a warning
    #[arg(short = 'W', long = "warn", value_name = "CODE")]
    warn: Vec<String>,
    /// Report a rule or family as an error; `-D warnings` makes every warning fail the run
    #[arg(short = 'D', long = "deny", value_name = "CODE")]
    deny: Vec<String>,
    /// Check only the agreements changed since REV (a branch, tag or commit; uncommitted edits count), those using a changed shared schedule, or all if s75.toml or a rule pack changed; with --format markdown, findings new since REV come first
    #[arg(long, value_name = "REV")]
    since: Option<String>,
    /// Print errors only (warnings and notes are still counted in the totals)
    #[arg(short, long, conflicts_with = "summary")]
    quiet: bool,
    /// Print one line of counts per agreement, and the total
    #[arg(long)]
    summary: bool,
    /// Judge dates (waiver expiry) as of this day, e.g. 2026-11-24 (default: today, or S75_TODAY)
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// After the findings, print each agreement's compliance matrix (see `s75 matrix`)
    #[arg(long)]
    matrix: bool,
    /// Check every agreement afresh: neither read nor write the findings cache
    #[arg(long)]
    no_cache: bool,
    /// Keep the findings cache in DIR (default: S75_CACHE_DIR, or .s75_cache at the repository root)
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

pub fn run(args: Args, color: ColorChoice) -> anyhow::Result<u8> {
    if args.matrix && args.format != Format::Human {
        bail!("--matrix goes with the human report; for other formats use `s75 matrix --format …`");
    }
    if (args.quiet || args.summary) && args.format != Format::Human {
        bail!("--quiet and --summary go with the human report (--format human)");
    }
    let mut timer = crate::timing::Timer::start();
    let repo = Repo::for_paths(&args.paths)?;
    let today = super::today(args.today)?;
    let (mut checker, config) = Checker::configured(&repo.root, today)?;
    apply_cli_levels(&mut checker, &args)?;

    let mut dirs = config.select(&repo, &args.paths)?;
    let base = args.since.as_deref().map(|rev| super::since::Base::open(&repo, rev, &config)).transpose()?;
    if let Some(base) = &base {
        dirs.retain(|d| base.selects(d));
        if dirs.is_empty() {
            eprintln!("no agreement changed since `{}`", args.since.as_deref().unwrap_or_default());
        }
    }
    if dirs.is_empty() && base.is_none() {
        // `select` finds at least one agreement or fails: s75.toml excluded them all.
        bail!("every agreement in the repository is excluded by s75.toml");
    }

    let cache = open_cache(&args, &repo.root, &checker, config.file.as_ref());
    timer.mark("set-up");
    let progress = progress_bar(dirs.len());
    // Per agreement: what was checked, its findings, and its matrix if asked for.
    type Checks = Result<(Checked, Vec<Finding>, Option<String>), LoadError>;
    let results: Vec<Checks> = dirs
        .par_iter()
        .map(|dir| {
            let files = read_agreement(&repo, dir)?;
            let checked =
                Checked { id: files.id().to_string(), dir: files.dir.clone(), title: files.title().to_string() };
            let slot = cache.as_ref().map(|c| c.slot(&files));
            if let Some(findings) = slot.as_ref().and_then(Slot::get) {
                progress.inc(1);
                return Ok((checked, findings, None));
            }
            let agreement = files.parse(None)?;
            let findings = checker.check(&agreement);
            if let Some(slot) = &slot {
                slot.put(&findings);
            }
            progress.inc(1);
            let matrix = if args.matrix { Some(crate::matrix::text_for(&agreement, &checker.cx)?) } else { None };
            Ok((checked, findings, matrix))
        })
        .collect();
    progress.finish_and_clear();
    if let Some((hits, misses)) = cache.as_ref().map(Cache::counts).filter(|_| timer.is_on()) {
        eprintln!("s75 cache: {hits} hits, {misses} misses");
    }
    timer.mark("read and check");

    let mut checked = Vec::new();
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut matrices = Vec::new();
    for r in results {
        match r {
            Ok((c, f, m)) => {
                matrices.extend(m);
                checked.push(c);
                findings.extend(f);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        for e in &errors {
            eprintln!("error: {e}");
        }
        return Ok(EXIT_ERROR);
    }

    findings.extend(checker.unused_config_waivers(&findings));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Only the pull-request comment says what is new: the other formats
    // report the agreements as they are.
    let since = match &base {
        Some(base) if args.format == Format::Markdown => {
            Some(base.since(&dirs.iter().map(|d| d.as_path()).collect::<Vec<_>>(), &checker, &findings)?)
        }
        _ => None,
    };
    let detail = match (args.quiet, args.summary) {
        (true, _) => Detail::Quiet,
        (_, true) => Detail::Summary,
        _ => Detail::Full,
    };
    let report = Report { detail, since: since.as_ref(), ..Report::new(&findings, &checker.registry, &checked) };
    let color = super::use_color(color, std::io::stdout().is_terminal()) && args.output.is_none();
    // The matrices follow the findings on standard output, in the order the
    // agreements were named (with -o, the findings go to the file).
    let print_matrices = |out: &mut dyn Write| matrices.iter().try_for_each(|m| writeln!(out, "\n{m}"));
    match &args.output {
        Some(path) => {
            crate::output::Outputs::new(args.force).write(path, |w| reports::write(args.format, &report, w, false))?;
            crate::write_to_stdout(print_matrices)?;
        }
        None => crate::write_to_stdout(|out| {
            reports::write(args.format, &report, out, color)?;
            print_matrices(out)
        })?,
    }

    timer.mark("report");

    // With -D warnings the checker has already made every warning an error.
    let failing = findings.iter().any(|f| f.suppressed.is_none() && f.severity == Severity::Error);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}

/// The findings cache, unless `--no-cache` or `--matrix` (which needs every
/// agreement loaded). The default folder is inside the repository: s75
/// writes outside it only where the user says.
fn open_cache(
    args: &Args,
    root: &Path,
    checker: &Checker,
    config: Option<&std::sync::Arc<crate::model::SourceFile>>,
) -> Option<Cache> {
    if args.no_cache || args.matrix {
        return None;
    }
    let dir = (args.cache_dir.clone())
        .or_else(|| std::env::var_os("S75_CACHE_DIR").filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| root.join(crate::cache::DEFAULT_DIR));
    let settings = crate::cache::Settings {
        today: checker.cx.today,
        config,
        packs: &checker.cx.packs,
        cli_levels: [&args.allow, &args.warn, &args.deny],
    };
    Cache::open(&dir, &settings)
}

/// Applies -A/-W/-D after s75.toml; `-D warnings` last of all.
fn apply_cli_levels(checker: &mut Checker, args: &Args) -> anyhow::Result<()> {
    let mut levels = Vec::new();
    for (codes, level) in [(&args.allow, Level::Allow), (&args.warn, Level::Warn), (&args.deny, Level::Deny)] {
        for code in codes {
            if code == "warnings" && level == Level::Deny {
                checker.deny_warnings();
                continue;
            }
            if checker.registry.matching(code).next().is_none() {
                bail!("unknown rule or family `{code}`; `s75 rules` lists them all");
            }
            levels.push((code.clone(), level));
        }
    }
    checker.add_levels(levels);
    Ok(())
}

/// A bar on an interactive terminal only: never in CI or when output is piped.
fn progress_bar(len: usize) -> ProgressBar {
    let interactive = std::io::stderr().is_terminal() && !super::in_ci();
    if !interactive || len < 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} validating {pos}/{len} agreements {wide_bar} {eta}") {
        bar.set_style(style);
    }
    bar
}
