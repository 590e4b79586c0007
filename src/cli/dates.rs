//! `s75 dates [PATH…]`: the key dates of agreements as a diary — text, JSON,
//! or an iCalendar file (`--format ics -o key-dates.ics`).
//!
//! Exit status: 0, or 2 when an agreement cannot be read.

use std::path::PathBuf;

use rayon::prelude::*;

use super::EXIT_OK;
use crate::calendar::{self, Format};
use crate::config::Config;
use crate::loading::{Repo, load_agreement};
use crate::rules::{Checker, Context};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Agreement folders or files in them (default: every agreement in the repository)
    paths: Vec<PathBuf>,
    /// Output format; `ics` is an iCalendar file of all-day events
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Let -o write inside the repository's agreements/ or schedules/ folder (a file s75 reads is never overwritten)
    #[arg(long)]
    force: bool,
    /// The day the diary is prepared, e.g. 2026-11-24: marks past dates, and stamps calendar events (default: today, or S75_TODAY)
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let repo = Repo::for_paths(&args.paths)?;
    let today = super::today(args.today)?;
    let dirs = if args.paths.is_empty() {
        // As in `validate`: s75.toml's excludes (test fixtures, say) are not agreements to diarise.
        let config = Config::load(&repo.root)?;
        Checker::new(Context::new(today))?.registry.config_levels(&config)?;
        config.select(&repo, &[])?
    } else {
        repo.select(&args.paths)?
    };
    let agreements = dirs.par_iter().map(|dir| load_agreement(&repo, dir)).collect::<Result<Vec<_>, _>>()?;
    let rows = calendar::rows(&agreements);
    match &args.output {
        Some(path) => {
            crate::output::Outputs::new(args.force).write(path, |w| calendar::write(args.format, &rows, today, w))?
        }
        None => crate::write_to_stdout(|w| calendar::write(args.format, &rows, today, w))?,
    }
    Ok(EXIT_OK)
}
