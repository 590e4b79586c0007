//! The matrix written out: terminal text, Markdown, one self-contained HTML
//! page, CSV (one line per piece of evidence) and JSON (the model as is).

mod csv;
mod html;
mod markdown;
mod text;

use std::io::{self, Write};

use super::{Matrix, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
    Csv,
    Json,
}

pub fn write(format: Format, matrix: &Matrix, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => text::write(matrix, out),
        Format::Markdown => markdown::write(matrix, out),
        Format::Html => html::write(matrix, out),
        Format::Csv => csv::write(matrix, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, matrix)?;
            writeln!(out)
        }
    }
}

/// The mark a row carries: ✓ met, ◐ partly met, ? not checked, ✗ missing or not met.
fn mark(row: &Row) -> &'static str {
    match row.status.as_str() {
        "met" => "✓",
        "partly met" => "◐",
        "not checked" => "?",
        _ => "✗",
    }
}

/// "All 31 applicable requirements are met." or "27 of 31 … met; 4 not met (…)."
fn result_line(m: &Matrix) -> String {
    let s = &m.summary;
    if s.fully_satisfied {
        return format!("All {} applicable requirements are met.", s.requirements);
    }
    let unchecked = match s.not_checked {
        0 => String::new(),
        n => format!("{n} not checked; "),
    };
    if s.not_met == 0 {
        return format!(
            "{} of {} applicable requirements met; {}.",
            s.met,
            s.requirements,
            unchecked.trim_end_matches("; ")
        );
    }
    format!(
        "{} of {} applicable requirements met; {unchecked}{} not met ({} verified, {} with an unverified statutory basis †).",
        s.met, s.requirements, s.not_met, s.not_met_verified, s.not_met_unverified
    )
}

/// Who the parties are, one line each.
fn party_lines(m: &Matrix) -> Vec<String> {
    m.agreement
        .parties
        .iter()
        .map(|p| {
            let defined =
                if p.defined_as.is_empty() { String::new() } else { format!(" (\u{201c}{}\u{201d})", p.defined_as) };
            format!("{}{defined}, {}", p.name, p.kind)
        })
        .collect()
}

/// "24 November 2026 by s75 0.1.0"
fn prepared(m: &Matrix) -> String {
    format!("{} by {}", m.prepared_display, m.tool)
}

fn pack_line(m: &Matrix) -> String {
    format!("{} {}, {}", m.pack.name, m.pack.version, m.pack.file)
}

const LEGEND_MARKS: [(&str, &str); 5] = [
    ("✓", "met"),
    ("◐", "partly met: some of what the requirement needs is found"),
    ("?", "not checked: a fact it rests on is not recorded in agreement.toml (e.g. no signature yet)"),
    ("✗", "missing, or a condition on the partners or functions is not met"),
    (
        "†",
        "statutory basis unverified: the wording could not be confirmed from the Regulations; reported as a warning, not an error",
    ),
];

const LEGEND_HOW: [(&str, &str); 4] = [
    ("declared", "the drafter names the clause in agreement.toml [satisfies]"),
    ("recognised", "s75 found the clause by the statute pack's phrases"),
    ("metadata", "read from the agreement's facts in agreement.toml"),
    ("unchecked", "a fact agreement.toml does not record, so s75 could not check it"),
];
