//! The PDF pack: Typst used as a library. The template `pack.typ` reads the
//! pack data from a virtual `data.json`, so agreement text reaches Typst only
//! as string values — never as markup to be parsed.
//!
//! Determinism: fonts are the ones built into the binary (no system fonts),
//! the only timestamp is the pack time, and the document identifier is
//! derived from the agreement's folder, so the same sources give the same
//! bytes.

use std::fmt::Write as _;

use anyhow::{Context as _, anyhow};
use typst::WorldExt as _;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::text::Font;
use typst_as_lib::{TypstEngine, TypstWorld};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::data::PackData;
use super::template_files::ConfinedFiles;
use super::templates::{self, Templates};
use super::timestamp::PackTime;
use typst_as_lib::cached_file_resolver::CachedFileResolver;

/// The virtual file the Typst template reads its data from.
pub const DATA_FILE: &str = "data.json";

#[derive(Debug)]
pub struct PdfPack {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Whether the file conforms to PDF/A-2b (Typst validates while writing).
    pub pdfa: bool,
    /// Typst warnings, and why PDF/A was not possible if it was not.
    pub warnings: Vec<String>,
}

/// Document metadata s75 sets itself, whatever the template says, so
/// `s75 verify` can always find the fingerprint.
pub struct PdfMeta {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Stable per agreement: becomes the PDF's document identifier.
    pub ident: String,
}

pub fn render(data: &PackData, templates: &Templates, time: &PackTime, meta: &PdfMeta) -> anyhow::Result<PdfPack> {
    let source = templates.required(templates::TYPST)?;
    let json = serde_json::to_vec(data).context("cannot serialise the pack data")?;
    let mut builder = TypstEngine::builder()
        .fonts(fonts())
        .with_static_source_file_resolver([(templates::TYPST, source)])
        .with_static_file_resolver([(DATA_FILE, json)]);
    if let Some((dir, repo)) = &templates.dir {
        // Lets a custom template import its own helper files; the static
        // resolvers above come first, so it cannot replace `data.json`.
        let files = ConfinedFiles { dir: dir.clone(), repo: repo.clone() };
        builder = builder.add_file_resolver(CachedFileResolver::new(files).with_in_memory_source_cache());
    }
    let engine = builder.build();
    engine
        .with_world(templates::TYPST, |world| compile(world, time, meta))
        .map_err(|e| anyhow!("cannot start Typst: {e}"))?
}

fn compile(world: &TypstWorld<'_>, time: &PackTime, meta: &PdfMeta) -> anyhow::Result<PdfPack> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let mut doc = output.map_err(|errors| anyhow!("the PDF template failed:\n{}", diagnostics(world, &errors)))?;
    let mut notes: Vec<String> = warnings.iter().map(|w| diagnostics(world, std::slice::from_ref(w))).collect();

    let info = doc.info_mut();
    info.title = Some(meta.title.as_str().into());
    info.description = Some(meta.subject.as_str().into());
    info.keywords.retain(|k| !k.starts_with("s75-"));
    info.keywords.extend(meta.keywords.iter().map(|k| k.as_str().into()));
    // The pack time, never the template's or the clock's.
    info.date = Smart::Auto;

    let pages = doc.pages().len();
    let mut options = PdfOptions {
        ident: Smart::Custom(meta.ident.clone()),
        creator: Smart::Custom(Some(format!("s75 {} (Typst)", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(timestamp(time)?),
        ..PdfOptions::default()
    };
    options.standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| anyhow!("PDF/A-2b: {}", e.message()))?;
    match typst_pdf::pdf(&doc, &options) {
        Ok(bytes) => Ok(PdfPack { bytes, pages, pdfa: true, warnings: notes }),
        Err(errors) => {
            // PDF/A forbids, for example, characters no embedded font has a
            // glyph for. Say so and write an ordinary PDF rather than nothing.
            notes.push(format!("not PDF/A-2b: {}", diagnostics(world, &errors)));
            options.standards = PdfStandards::default();
            let bytes = typst_pdf::pdf(&doc, &options)
                .map_err(|e| anyhow!("cannot write the PDF:\n{}", diagnostics(world, &e)))?;
            Ok(PdfPack { bytes, pages, pdfa: false, warnings: notes })
        }
    }
}

pub(crate) fn timestamp(time: &PackTime) -> anyhow::Result<Timestamp> {
    let dt = time.timestamp().to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    let month = u8::try_from(dt.month()).unwrap_or(1);
    let day = u8::try_from(dt.day()).unwrap_or(1);
    let (h, m, s) = (dt.hour() as u8, dt.minute() as u8, dt.second() as u8);
    let datetime = Datetime::from_ymd_hms(i32::from(dt.year()), month, day, h, m, s)
        .with_context(|| format!("{} is not a date Typst can write", time.rfc3339()))?;
    Ok(Timestamp::new_utc(datetime))
}

/// The fonts built into the binary: Libertinus Serif for text, DejaVu Sans
/// Mono for the fingerprint, New Computer Modern for custom templates.
pub(crate) fn fonts() -> Vec<Font> {
    typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect()
}

/// Typst diagnostics as `pack.typ:12: error: message (hint: …)`.
pub(crate) fn diagnostics(world: &TypstWorld<'_>, list: &[SourceDiagnostic]) -> String {
    let mut out = String::new();
    for d in list {
        let place = d.span.id().and_then(|id| {
            let source = typst::World::source(world, id).ok()?;
            let line = source.lines().byte_to_line(world.range(d.span)?.start)?;
            Some(format!("{}:{}: ", id.vpath().get_without_slash(), line + 1))
        });
        let severity = if d.severity == Severity::Error { "error" } else { "warning" };
        let _ = write!(out, "{}{severity}: {}", place.unwrap_or_default(), d.message);
        for hint in &d.hints {
            let _ = write!(out, " (hint: {})", hint.v);
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}
