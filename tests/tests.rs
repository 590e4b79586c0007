//! The integration tests: one binary (ripgrep's layout), each module a
//! command or rule family, driving the real `s75` binary or the library on
//! real files. Helpers live in `common`.

mod common;

mod bad_input;
mod cache;
mod clean_fixture;
mod config_and_waivers;
mod config_levels;
mod dates_calendar;
mod diff_coventry_2022;
mod diff_git;
mod diff_html;
mod diff_synthetic;
mod examples_ci;
mod import_api;
mod import_corpus;
mod import_coventry_2019;
mod import_docx;
mod import_styles;
mod init;
mod loading_shared;
mod matrix_coventry_2019;
mod matrix_formats;
mod new_scaffold;
mod real_files;
mod render_complete;
mod render_html;
mod render_output;
mod render_pdf;
mod render_verify;
mod reports_ci_formats;
mod reports_formats;
mod reports_readable;
mod robust_input;
mod rules_dates;
mod rules_metadata;
mod rules_numbering;
mod rules_registry;
mod rules_residue;
mod rules_stale;
mod rules_terms;
mod rules_xref;
mod safety_paths;
mod shell_integration;
mod statute_pack_data;
mod statute_pool_2022;
mod statute_rules;
