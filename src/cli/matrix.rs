//! `s75 matrix [AGREEMENT]`: the compliance matrix of one agreement.
//!
//! Exit status: 0 when every applicable requirement verified against the
//! Regulations is met, 1 when one is not (the same requirements `s75
//! validate` reports as errors), 2 when the agreement or a pack cannot be read.

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{EXIT_FINDINGS, EXIT_OK};
use crate::config::Config;
use crate::loading::{Repo, load_agreement};
use crate::matrix::{Format, Matrix};
use crate::rules::statute::Pack;
use crate::rules::{Checker, Context, Packs};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agreement: its folder, a file in it, or its id (default: the agreement in the current folder, or the only one in the repository)
    agreement: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the matrix to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Let -o write inside the repository's agreements/ or schedules/ folder (a file s75 reads is never overwritten)
    #[arg(long)]
    force: bool,
    /// The date the matrix is prepared on, e.g. 2026-11-24 (default: today, or S75_TODAY)
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let named: Vec<PathBuf> = args.agreement.iter().cloned().collect();
    let repo = Repo::for_paths(&named)?;
    let today = super::today(args.today)?;
    // As in `validate`: s75.toml may replace the statute pack.
    let config = Config::load(&repo.root)?;
    Checker::new(Context::new(today))?.registry.config_levels(&config)?;
    let pack = Pack::parse(&Packs::for_repo(&repo.root, &config)?.statute)?;

    let dir = choose(&repo, args.agreement.as_deref())?;
    let agreement = load_agreement(&repo, &dir)?;
    let matrix = Matrix::build(&pack, &agreement, today);
    match &args.output {
        Some(path) => {
            crate::output::Outputs::new(args.force).write(path, |w| crate::matrix::write(args.format, &matrix, w))?
        }
        None => crate::write_to_stdout(|w| crate::matrix::write(args.format, &matrix, w))?,
    }
    Ok(if matrix.summary.not_met_verified > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

/// The one agreement the user means: a path, an id, or the only candidate.
fn choose(repo: &Repo, named: Option<&Path>) -> anyhow::Result<PathBuf> {
    let candidates = match named {
        // An id such as `coventry-mh-pool-2022`, when no such path exists here.
        Some(p) if !p.exists() && p.components().count() == 1 => {
            let dir = repo.root.join("agreements").join(p);
            if !dir.join(crate::loading::repo::METADATA_FILE).is_file() {
                bail!(
                    "no agreement `{}`: no such folder, and no agreements/{}/agreement.toml",
                    p.display(),
                    p.display()
                );
            }
            vec![dir]
        }
        Some(p) => repo.select(&[p.to_path_buf()])?,
        None => {
            let cwd = std::env::current_dir()?;
            match repo.select(&[cwd]) {
                Ok(list) => list,
                Err(_) => repo.select(&[])?,
            }
        }
    };
    match candidates.as_slice() {
        [one] => Ok(one.clone()),
        many => {
            let ids: Vec<String> =
                many.iter().filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
            bail!("a matrix is for one agreement; name one of: {}", ids.join(", "))
        }
    }
}
