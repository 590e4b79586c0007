//! `s75 rules` and `s75 explain CODE`.

use std::io::Write;

use anyhow::bail;

use super::EXIT_OK;
use crate::rules::{Checker, Context};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output as JSON (code, severity, summary)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code, e.g. numbering.duplicate
    code: String,
}

fn checker() -> anyhow::Result<Checker> {
    Ok(Checker::new(Context::new(super::today(None)?))?)
}

pub fn list(args: ListArgs) -> anyhow::Result<u8> {
    let checker = checker()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let rules: Vec<_> = checker
            .registry
            .rules
            .iter()
            .map(|r| serde_json::json!({"code": r.code, "severity": r.severity, "summary": r.summary}))
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rules)?)?;
        return Ok(EXIT_OK);
    }
    let width = checker.registry.rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
    for r in &checker.registry.rules {
        writeln!(out, "{:width$}  {:7}  {}", r.code, r.severity.as_str(), r.summary)?;
    }
    Ok(EXIT_OK)
}

pub fn explain(args: ExplainArgs) -> anyhow::Result<u8> {
    let checker = checker()?;
    let Some(r) = checker.registry.get(&args.code) else {
        let close: Vec<_> = checker
            .registry
            .rules
            .iter()
            .filter(|r| strsim::levenshtein(r.code, &args.code) <= 4)
            .map(|r| r.code)
            .collect();
        if close.is_empty() {
            bail!("unknown rule `{}`; `s75 rules` lists them all", args.code);
        }
        bail!("unknown rule `{}`; did you mean {}?", args.code, close.join(" or "));
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} ({})\n\n{}\n\n{}\n\nExample:\n", r.code, r.severity, r.summary, r.explanation)?;
    for line in r.example.text().lines() {
        writeln!(out, "    {line}")?;
    }
    Ok(EXIT_OK)
}
