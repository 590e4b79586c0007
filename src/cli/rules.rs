//! `s75 rules` and `s75 explain CODE`.

use std::io::Write;

use anyhow::bail;

use super::EXIT_OK;
use crate::rules::{Checker, Context, Registry, registry};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output as JSON (code, severity, summary); the same as `--format json`
    #[arg(long)]
    json: bool,
    /// `markdown` writes every rule with its documentation and example, as in docs/rules.md
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
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
    if args.format == Format::Markdown {
        write!(out, "{}", markdown(&checker.registry))?;
        return Ok(EXIT_OK);
    }
    if args.json || args.format == Format::Json {
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
    write!(out, "{} ({})\n\n{}\n\n{}\n", r.code, r.severity, r.summary, r.explanation)?;
    for (i, (place, text)) in r.example.parts().into_iter().enumerate() {
        writeln!(out, "\n{} ({place}):\n", if i == 0 { "Example" } else { "and" })?;
        for line in registry::shown(text).lines() {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(EXIT_OK)
}

/// Every rule as docs/rules.md shows it: a table, then each rule's
/// documentation and example, family by family.
pub fn markdown(registry: &Registry) -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Written by `s75 rules --format markdown` from the rule files in src/rules: do not edit. \
         `UPDATE_DOCS=1 cargo test docs_rules_md` rewrites it. -->\n\n",
    );
    out.push_str(&format!(
        "s75 has {} rules. Each has a stable code (`family.name`), used in `s75.toml` `[rules]`, `-A`/`-W`/`-D` \
         and waivers, and a default severity; `s75 explain CODE` prints what follows for one rule.\n\n",
        registry.rules.len()
    ));
    out.push_str("| Code | Severity | Summary |\n|---|---|---|\n");
    for r in &registry.rules {
        let anchor = r.code.replace('.', "");
        out.push_str(&format!("| [`{}`](#{anchor}) | {} | {} |\n", r.code, r.severity, r.summary.replace('|', "\\|")));
    }
    let mut family = "";
    for r in &registry.rules {
        if r.family() != family {
            family = r.family();
            out.push_str(&format!("\n## {family}\n"));
        }
        out.push_str(&format!(
            "\n### `{}`\n\n**{}**: {}.\n\n{}\n",
            r.code,
            r.severity,
            r.summary,
            markdown_paragraphs(&r.explanation)
        ));
        for (i, (place, text)) in r.example.parts().into_iter().enumerate() {
            let language = if place.contains(".toml") { "toml" } else { "markdown" };
            let text = registry::shown(text);
            out.push_str(&format!(
                "\n{} ({place}):\n\n```{language}\n{text}\n```\n",
                if i == 0 { "Example" } else { "and" }
            ));
        }
    }
    out
}

/// The explanation's paragraphs as Markdown: lines indented by four spaces
/// are already code blocks; a paragraph of lines indented by two (the statute
/// pack's requirement lists) becomes a list, which Markdown would otherwise
/// run together into one line.
fn markdown_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|para| {
            let listed = para.lines().all(|l| l.starts_with("  ") && !l.starts_with("    "));
            if listed {
                para.lines().map(|l| format!("- {}", l.trim())).collect::<Vec<_>>().join("\n")
            } else {
                para.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/rules.md is generated from the rule files, as typos checks its
    /// dictionary: a rule changed without regenerating it fails here.
    #[test]
    fn docs_rules_md_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
        let checker = checker().expect("the built-in rules");
        let generated = markdown(&checker.registry);
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &generated).expect("write docs/rules.md");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/rules.md is not what the rules generate; rewrite it with \
             `UPDATE_DOCS=1 cargo test docs_rules_md` (or `s75 rules --format markdown > docs/rules.md`)"
        );
    }

    #[test]
    fn requirement_lists_become_markdown_lists() {
        let text = "They are:\n\n  a — reg 1\n  b — reg 2\n\n    [satisfies]\n    x = 1";
        assert_eq!(markdown_paragraphs(text), "They are:\n\n- a — reg 1\n- b — reg 2\n\n    [satisfies]\n    x = 1");
    }
}
