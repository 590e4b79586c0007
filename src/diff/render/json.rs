//! JSON (`schema = 1`): the report as data, for CI and other tools.
//!
//! Texts are included where they say something: unchanged provisions carry
//! only their numbers and locations, renumbered and moved ones their new
//! text once, so the report of a renewal stays small.

use std::io::{self, Write};

use crate::diff::report::{DiffReport, Status};

pub fn write(report: &DiffReport, out: &mut dyn Write) -> io::Result<()> {
    let mut slim = report.clone();
    for a in &mut slim.agreements {
        for d in &mut a.documents {
            for e in &mut d.entries {
                match e.status {
                    Status::Unchanged => {
                        e.old.iter_mut().chain(e.new.iter_mut()).for_each(|p| p.text.clear());
                    }
                    Status::Renumbered | Status::Moved => e.old.iter_mut().for_each(|p| p.text.clear()),
                    _ => {}
                }
            }
        }
    }
    serde_json::to_writer_pretty(&mut *out, &slim).map_err(io::Error::other)?;
    writeln!(out)
}
