//! `s75 diff --format pdf`: a printable redline through Typst, with the
//! fonts built into the binary (as `s75 render` uses them): a summary page,
//! then the new agreement with insertions underlined, deletions struck
//! through and a change bar in the margin beside every changed paragraph.
//!
//! As in the signing pack, agreement text reaches Typst only as string
//! values of a virtual `data.json`, never as markup.

use std::io::{self, Write};

use anyhow::{Context as _, anyhow};
use serde::Serialize;
use typst::diag::Warned;
use typst::foundations::Smart;
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use super::stamp::Stamp;
use super::tracked::{self, Kind, Run};
use crate::diff::report::{AgreementDiff, DiffReport, RefStatus};
use crate::render::pdf::{diagnostics, fonts, timestamp};
use crate::render::timestamp::{PackTime, TimeSource};

const TEMPLATE_NAME: &str = "redline.typ";
const TEMPLATE: &str = include_str!("../../../templates/redline.typ");
const DATA_FILE: &str = "data.json";

#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    sides: String,
    author: &'a str,
    date: String,
    counts: Vec<(&'static str, usize)>,
    metadata: Vec<String>,
    terms: Vec<String>,
    stale: Vec<String>,
    followed: usize,
    docs: Vec<DocData<'a>>,
}

#[derive(Serialize)]
struct DocData<'a> {
    label: &'a str,
    paras: Vec<ParaData<'a>>,
}

#[derive(Serialize)]
struct ParaData<'a> {
    kind: Kind,
    level: u8,
    changed: bool,
    runs: &'a [Run],
}

pub fn write(report: &DiffReport, out: &mut dyn Write, stamp: &Stamp) -> io::Result<()> {
    let Some(a) = report.agreements.first() else {
        return Err(io::Error::other("there is no agreement to redline"));
    };
    let bytes = render(a, stamp).map_err(|e| io::Error::other(format!("{e:#}")))?;
    out.write_all(&bytes)
}

/// The PDF's bytes.
pub fn render(a: &AgreementDiff, stamp: &Stamp) -> anyhow::Result<Vec<u8>> {
    let docs = tracked::layout(a);
    let data = data(a, stamp, &docs);
    let json = serde_json::to_vec(&data).context("cannot serialise the redline")?;
    let engine = TypstEngine::builder()
        .fonts(fonts())
        .with_static_source_file_resolver([(TEMPLATE_NAME, TEMPLATE.to_string())])
        .with_static_file_resolver([(DATA_FILE, json)])
        .build();
    let time = PackTime { seconds: stamp.time.as_second(), source: TimeSource::Fixed };
    engine
        .with_world(TEMPLATE_NAME, |world| {
            let Warned { output, .. } = typst::compile::<PagedDocument>(world);
            let doc =
                output.map_err(|errors| anyhow!("the redline template failed:\n{}", diagnostics(world, &errors)))?;
            let options = PdfOptions {
                // Stable for the same two versions: the document identifier.
                ident: Smart::Custom(format!("s75-redline-{}", a.id)),
                creator: Smart::Custom(Some(format!("s75 {} (Typst)", env!("CARGO_PKG_VERSION")))),
                timestamp: Some(timestamp(&time)?),
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&doc, &options).map_err(|e| anyhow!("cannot write the PDF:\n{}", diagnostics(world, &e)))
        })
        .map_err(|e| anyhow!("cannot start Typst: {e}"))?
}

fn data<'a>(a: &'a AgreementDiff, stamp: &'a Stamp, docs: &'a [tracked::Doc]) -> Data<'a> {
    let c = &a.counts;
    let counts = vec![
        ("changed", c.modified + c.split + c.merged),
        ("moved", c.moved + c.moved_modified),
        ("inserted", c.inserted),
        ("deleted", c.deleted),
        ("renumbered only", c.renumbered),
        ("unchanged", c.unchanged),
    ];
    Data {
        title: &a.title,
        sides: super::sides(a),
        author: &stamp.author,
        date: stamp.day(),
        counts,
        metadata: a.metadata.iter().map(|m| m.line()).collect(),
        terms: a.terms.iter().map(|t| t.describe()).collect(),
        stale: a
            .references
            .iter()
            .filter(|r| r.status == RefStatus::Stale)
            .map(|r| format!("{} ({})", r.describe(), r.at))
            .collect(),
        followed: a.references.iter().filter(|r| r.status == RefStatus::Followed).count(),
        docs: docs
            .iter()
            .map(|d| DocData {
                label: &d.label,
                paras: d
                    .paras
                    .iter()
                    .map(|p| ParaData { kind: p.kind, level: p.level, changed: p.changed(), runs: &p.runs })
                    .collect(),
            })
            .collect(),
    }
}
