//! s75: keep Section 75 partnership agreements honest.
//!
//! Data flows one way: files → [`loading`] → [`model`] → [`rules`] (findings)
//! → [`reports`]. [`diff`] and [`render`] read the same model.

#![forbid(unsafe_code)]

pub mod cache;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod diff;
pub mod fast_hash;
pub mod git;
pub mod html;
pub mod import;
pub mod loading;
pub mod lsp;
pub mod matrix;
pub mod model;
pub mod output;
pub mod render;
pub mod reports;
pub mod rules;
pub mod timing;

use std::io::Write;

/// Writes to standard output. A reader that closes the pipe early
/// (`s75 diff … | head`) has what it wanted: that is not an error.
pub fn write_to_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    // Standard output is line-buffered: without a buffer of our own, a
    // report of a few thousand lines costs a write call per line.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    match fill(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
