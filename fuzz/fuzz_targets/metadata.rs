//! agreement.toml → metadata: any bytes give metadata or one load error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use s75::loading::{metadata, read};
use s75::model::SourceFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = read::check_text(data.to_vec(), "agreement.toml") else { return };
    let file = SourceFile::new("agreements/fuzz/agreement.toml", "agreement.toml", text);
    let _ = metadata::parse(&file);
});
