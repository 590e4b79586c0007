//! Compiles the built-in stale-name register (`src/rules/stale/register.toml`)
//! and list of Acts (`acts.toml`) into dense DFAs that s75 reads in place
//! (`model::pattern::matcher`) rather than compiling their patterns on every run.

use std::path::{Path, PathBuf};

use regex_automata::dfa::{StartKind, dense, regex::Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};

#[path = "src/rules/stale/combine.rs"]
mod combine;
#[path = "src/model/pattern/joined.rs"]
mod joined;

const REGISTER: &str = "src/rules/stale/register.toml";
const ACTS: &str = "src/rules/stale/acts.toml";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for f in [REGISTER, ACTS, "src/rules/stale/combine.rs", "src/model/pattern/joined.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, pieces) in [("register", register_pieces()), ("acts", act_pieces())] {
        let (patterns, forward, reverse) = match pieces.and_then(|p| compile(&p)) {
            Ok(built) => built,
            Err(why) => {
                // s75 then compiles the patterns when it reads the pack, as it
                // does a pack from s75.toml: slower, never wrong.
                println!("cargo:warning=the {name} matcher is compiled at run time: {why}");
                (String::new(), Vec::new(), Vec::new())
            }
        };
        write(&out.join(format!("{name}.patterns")), patterns.as_bytes());
        write(&out.join(format!("{name}.forward.dfa")), &forward);
        write(&out.join(format!("{name}.reverse.dfa")), &reverse);
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// The `[[key]]` tables of a pack.
fn tables(file: &str, key: &str) -> Result<Vec<toml::Table>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let doc: toml::Table = text.parse().map_err(|e| format!("{file}: {e}"))?;
    let tables = doc.get(key).and_then(toml::Value::as_array).map(Vec::as_slice).unwrap_or_default();
    Ok(tables.iter().filter_map(toml::Value::as_table).cloned().collect())
}

/// The strings of an array key (or of a string key, as one).
fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    match table.get(key) {
        Some(toml::Value::String(s)) => vec![s.clone()],
        Some(toml::Value::Array(values)) => values.iter().filter_map(toml::Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// The register's patterns, as `rules::stale::register::parse` builds them.
fn register_pieces() -> Result<Vec<String>, String> {
    let mut excepts = Vec::new();
    let mut entries = Vec::new();
    for entry in tables(REGISTER, "entry")? {
        entries.push(combine::entry_pattern(
            &strings(&entry, "names"),
            &strings(&entry, "acronyms"),
            &strings(&entry, "patterns"),
        ));
        excepts.extend(combine::words(&strings(&entry, "except"), true));
    }
    Ok(combine::pieces(excepts, entries).0)
}

/// The Acts' patterns, as `rules::stale::acts::parse` builds them.
fn act_pieces() -> Result<Vec<String>, String> {
    let acts = tables(ACTS, "act")?;
    Ok(acts
        .iter()
        .map(|act| combine::act_pattern(&[strings(act, "title"), strings(act, "aliases")].concat()))
        .collect())
}

/// The patterns (one per line) and their forward and reverse DFAs,
/// serialised little-endian (s75 falls back to compiling on other machines).
/// s75 searches a document's joined blocks with them.
fn compile(pieces: &[String]) -> Result<(String, Vec<u8>, Vec<u8>), String> {
    if pieces.iter().any(|p| p.contains('\n')) {
        return Err("a pattern contains a line break".to_string());
    }
    if let Some(p) = pieces.iter().find(|p| !joined::searches_joined(p)) {
        return Err(format!("a pattern cannot search joined blocks: {p}"));
    }
    let regex = Regex::builder()
        // Searches are never anchored: without anchored start states the
        // forward DFA is half the size, and reading it in half the work.
        .dense(dense::Config::new().minimize(true).start_kind(StartKind::Unanchored))
        .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_many(pieces)
        .map_err(|e| e.to_string())?;
    let (forward, pad) = regex.forward().to_bytes_little_endian();
    let forward = forward[pad..].to_vec();
    let (reverse, pad) = regex.reverse().to_bytes_little_endian();
    let reverse = reverse[pad..].to_vec();
    Ok((pieces.join("\n"), forward, reverse))
}
