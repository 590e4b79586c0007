//! Markdown → document, as the body and as a schedule of a real agreement's
//! metadata, then every rule on the result.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use s75::loading::markdown::{self, Role};
use s75::loading::{metadata, read};
use s75::model::{Agreement, Schedule, SourceFile};
use s75::rules::{Checker, Context};

/// The clean fixture's metadata: two parties, a term, two schedules.
const METADATA: &str = include_str!("../../tests/fixtures/clean/agreements/example-delegation/agreement.toml");

static CHECKER: LazyLock<Checker> =
    LazyLock::new(|| Checker::new(Context::new(jiff::civil::date(2026, 11, 24))).expect("built-in rules"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = read::check_text(data.to_vec(), "agreement.md") else { return };
    let meta_file = SourceFile::new("agreements/fuzz/agreement.toml", "agreement.toml", METADATA.to_string());
    let meta = metadata::parse(&meta_file).expect("the fixture's metadata loads");
    let body_file = SourceFile::new("agreements/fuzz/agreement.md", "agreement.md", text.clone());
    let schedule_file = SourceFile::new("agreements/fuzz/schedules/01.md", "01.md", text);
    let (Ok(body), Ok(schedule)) =
        (markdown::parse(&body_file, Role::Body), markdown::parse(&schedule_file, Role::Schedule))
    else {
        return;
    };
    let schedules = vec![Schedule { entry: 0, doc: Some(schedule) }, Schedule { entry: 1, doc: None }];
    let agreement = Agreement::new("agreements/fuzz".into(), "agreements/fuzz".into(), meta, body, schedules);
    let _ = CHECKER.check(&agreement);
});
