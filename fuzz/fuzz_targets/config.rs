//! s75.toml → configuration, read against the built-in rules.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use s75::config::Config;
use s75::loading::read;
use s75::model::SourceFile;
use s75::rules::{Checker, Context};

static CHECKER: LazyLock<Checker> =
    LazyLock::new(|| Checker::new(Context::new(jiff::civil::date(2026, 11, 24))).expect("built-in rules"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = read::check_text(data.to_vec(), "s75.toml") else { return };
    let file = SourceFile::new("s75.toml", "s75.toml", text);
    // As the checker reads it: the table first, then its rule levels against the registry.
    if let Ok(config) = Config::parse(&file) {
        let _ = CHECKER.registry.config_levels(&config);
    }
});
