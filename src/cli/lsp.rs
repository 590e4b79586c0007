//! `s75 lsp`: the language server, on standard input and output.

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Judge dates (waiver expiry) as of this day, e.g. 2026-11-24 (default: today, or S75_TODAY)
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// Accepted for editors that pass it; standard input and output are the only transport
    #[arg(long, hide = true)]
    stdio: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let today = super::today(args.today)?;
    crate::lsp::run(today)?;
    Ok(super::EXIT_OK)
}
