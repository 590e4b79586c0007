//! The importer on extracted text: an agreement's files or one import error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use s75::import::{ImportOptions, import_text};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = import_text(text, &ImportOptions::new("fuzz"));
});
