//! The command line: argument parsing and the exit-status contract
//! (0 clean, 1 findings or differences, 2 bad usage or unreadable input).

mod counts;
mod dates;
mod diff;
mod import;
mod init;
mod lsp;
mod matrix;
mod new;
mod redline;
mod render;
mod rules;
mod shell;
mod since;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "s75", version, about = "Keep Section 75 partnership agreements honest", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to use colour (also after the command: `s75 validate --color never`)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check agreements: statutory completeness, numbering, references, terms, residue
    Validate(validate::Args),
    /// List every rule with its code, severity and one-line description
    Rules(rules::ListArgs),
    /// Explain one rule, with an example
    Explain(rules::ExplainArgs),
    /// Compare two versions of agreements clause by clause (folders or git revisions)
    Diff(diff::Args),
    /// Convert the plain text of a legacy agreement into the repository format
    Import(import::Args),
    /// Show each statutory requirement and the clause that satisfies it (the compliance matrix)
    Matrix(matrix::Args),
    /// List the key dates of agreements (commencement, expiry, extension and notice deadlines), or export them as iCalendar
    Dates(dates::Args),
    /// Make a new agreements repository (s75.toml, agreements/, schedules/, .gitattributes, a CI workflow)
    Init(init::Args),
    /// Start a new agreement from a template that already satisfies the matrix
    New(new::Args),
    /// Render a signing pack (PDF or HTML) of one agreement, with a manifest beside it
    Render(render::RenderArgs),
    /// Check whether an agreement's text has changed since a pack was rendered
    Verify(render::VerifyArgs),
    /// Serve the Language Server Protocol on standard input and output: findings, definitions and cross-references in the editor
    Lsp(lsp::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(shell::CompletionsArgs),
    /// Print the manual page of s75 or of one command, in roff
    Man(shell::ManArgs),
}

/// Status codes shared by all commands.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Validate(args) => validate::run(args, cli.color),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::explain(args),
        Command::Diff(args) => diff::run(args, cli.color),
        Command::Import(args) => import::run(args),
        Command::Dates(args) => dates::run(args),
        Command::Matrix(args) => matrix::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Render(args) => render::run(args),
        Command::Verify(args) => render::verify(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Whether to colour output: never under NO_COLOR, when piped, or when asked not to.
pub fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether this looks like a CI run, where progress bars are noise.
pub fn in_ci() -> bool {
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// The date rules judge by: `--today`, else S75_TODAY, else the system date.
pub fn today(arg: Option<jiff::civil::Date>) -> anyhow::Result<jiff::civil::Date> {
    if let Some(d) = arg {
        return Ok(d);
    }
    if let Some(v) = std::env::var_os("S75_TODAY") {
        let s = v.to_string_lossy();
        return s.parse().map_err(|e| anyhow::anyhow!("S75_TODAY=`{s}` is not a date like 2026-11-24: {e}"));
    }
    Ok(jiff::ZonedDateTime::now().date())
}
