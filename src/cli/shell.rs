//! `s75 completions SHELL` and `s75 man [COMMAND]`: generated from the same
//! clap definitions the parser uses, so they can never name an option that
//! does not exist. Both print to standard output; a package or a user
//! redirects them where the shell or `man` looks.

use std::io::Write as _;

use anyhow::{Context as _, bail};
use clap::CommandFactory as _;
use clap_complete::aot::{Shell, generate};

use super::{Cli, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

/// Prints the completion script, e.g. `source <(s75 completions bash)`.
pub fn completions(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    generate(args.shell, &mut cmd, "s75", &mut out);
    std::io::stdout().lock().write_all(&out).context("cannot write to standard output")?;
    Ok(EXIT_OK)
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A command's own page (`s75 man validate`, installed as s75-validate.1); default: the s75 page
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

/// Prints a manual page in roff, e.g. `s75 man > s75.1; man ./s75.1`.
pub fn man(args: ManArgs) -> anyhow::Result<u8> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            // clap_mangen titles a command's page by its display name: the
            // name `man` finds it under once installed.
            Some(sub) => sub.clone().display_name(format!("s75-{name}")),
            None => {
                let known: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                bail!("no command `{name}`; the commands are: {}", known.join(", "));
            }
        },
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out).context("cannot render the manual page")?;
    std::io::stdout().lock().write_all(&out).context("cannot write to standard output")?;
    Ok(EXIT_OK)
}
