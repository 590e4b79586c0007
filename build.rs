//! Two things done once, when s75 is built, rather than on every run.
//!
//! 1. Links the `s75` executable as a position-dependent (non-PIE) program on
//!    Linux. The binary carries typst's fonts and tables: as a PIE, the
//!    dynamic loader applies ~100,000 relocations on every start, which is
//!    more than half of what `s75 --version` costs (4 ms → under 2 ms without
//!    them). A command run on every pull request and on every agreement in a
//!    loop pays that each time; the address-space randomisation PIE buys
//!    matters little for a program that only reads local files.
//! 2. Compiles the built-in stale-name register (`src/rules/stale/register.toml`)
//!    into a dense DFA that s75 reads in place (`rules::stale::register`):
//!    building its matcher at run time was a fifth of a validate's work.

use std::path::{Path, PathBuf};

use regex_automata::dfa::{StartKind, dense, regex::Regex};
use regex_automata::nfa::thompson::{self, WhichCaptures};

#[path = "src/rules/stale/combine.rs"]
mod combine;
#[path = "src/model/pattern/joined.rs"]
mod joined;

const REGISTER: &str = "src/rules/stale/register.toml";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={REGISTER}");
    println!("cargo:rerun-if-changed=src/rules/stale/combine.rs");
    println!("cargo:rerun-if-changed=src/model/pattern/joined.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (patterns, forward, reverse) = match register_dfa() {
        Ok(built) => built,
        Err(why) => {
            // s75 then compiles the register when it reads it, as it does a
            // register from s75.toml: slower, never wrong.
            println!("cargo:warning=the register's matcher is compiled at run time: {why}");
            (String::new(), Vec::new(), Vec::new())
        }
    };
    write(&out.join("register.patterns"), patterns.as_bytes());
    write(&out.join("register.forward.dfa"), &forward);
    write(&out.join("register.reverse.dfa"), &reverse);
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// The register's patterns (one per line) and its forward and reverse DFAs,
/// serialised little-endian (s75 falls back to compiling on other machines).
fn register_dfa() -> Result<(String, Vec<u8>, Vec<u8>), String> {
    let text = std::fs::read_to_string(REGISTER).map_err(|e| format!("{REGISTER}: {e}"))?;
    let doc: toml::Table = text.parse().map_err(|e| format!("{REGISTER}: {e}"))?;
    let strings = |entry: &toml::Table, key: &str| -> Vec<String> {
        let values = entry.get(key).and_then(toml::Value::as_array).map(Vec::as_slice).unwrap_or_default();
        values.iter().filter_map(toml::Value::as_str).map(str::to_string).collect()
    };
    let mut excepts = Vec::new();
    let mut entries = Vec::new();
    let tables = doc.get("entry").and_then(toml::Value::as_array).map(Vec::as_slice).unwrap_or_default();
    for entry in tables.iter().filter_map(toml::Value::as_table) {
        entries.push(combine::entry_pattern(
            &strings(entry, "names"),
            &strings(entry, "acronyms"),
            &strings(entry, "patterns"),
        ));
        excepts.extend(combine::words(&strings(entry, "except"), true));
    }
    let (pieces, _) = combine::pieces(excepts, entries);
    if pieces.iter().any(|p| p.contains('\n')) {
        return Err("a pattern contains a line break".to_string());
    }
    // s75 searches a document's joined blocks with the prebuilt matcher.
    if let Some(p) = pieces.iter().find(|p| !joined::searches_joined(p)) {
        return Err(format!("a pattern cannot search joined blocks: {p}"));
    }
    let regex = Regex::builder()
        // Searches are never anchored: without anchored start states the
        // forward DFA is half the size, and reading it in half the work.
        .dense(dense::Config::new().minimize(true).start_kind(StartKind::Unanchored))
        .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_many(&pieces)
        .map_err(|e| e.to_string())?;
    let (forward, pad) = regex.forward().to_bytes_little_endian();
    let forward = forward[pad..].to_vec();
    let (reverse, pad) = regex.reverse().to_bytes_little_endian();
    let reverse = reverse[pad..].to_vec();
    Ok((pieces.join("\n"), forward, reverse))
}
