//! One agreement: its metadata, its body and its schedules.

use std::path::PathBuf;

use super::doc_id::DocId;
use super::document::Document;
use super::metadata::{Metadata, ScheduleEntry};
use super::words::Words;

#[derive(Debug)]
pub struct Agreement {
    /// The agreement's folder, relative to the repository root (`agreements/<id>`).
    pub dir: String,
    /// The folder on disk.
    pub disk_dir: PathBuf,
    pub meta: Metadata,
    pub body: Document,
    /// One per `[[schedules]]` entry, in order.
    pub schedules: Vec<Schedule>,
    /// The text cut into words, on first use (see [`Agreement::words`]).
    pub(crate) words: std::sync::OnceLock<Words>,
}

#[derive(Debug)]
pub struct Schedule {
    /// Index into `meta.schedules`.
    pub entry: usize,
    /// The schedule's text; `None` for a schedule declared `not_used` with no file.
    pub doc: Option<Document>,
}

impl Agreement {
    /// An agreement from its parts as read: the loader builds one from files,
    /// a fuzz target from text in memory.
    pub fn new(dir: String, disk_dir: PathBuf, meta: Metadata, body: Document, schedules: Vec<Schedule>) -> Self {
        Agreement { dir, disk_dir, meta, body, schedules, words: Default::default() }
    }

    /// The folder name, which is also the agreement's id.
    pub fn id(&self) -> &str {
        self.meta.id.as_ref().map_or_else(|| self.dir.rsplit('/').next().unwrap_or(&self.dir), |i| i.value.as_str())
    }

    pub fn title(&self) -> &str {
        self.meta.title.as_ref().map_or(self.id(), |t| t.value.as_str())
    }

    pub fn entry(&self, schedule: &Schedule) -> &ScheduleEntry {
        &self.meta.schedules[schedule.entry]
    }

    /// The schedule with the given number ("16"), as declared in the metadata.
    pub fn schedule(&self, number: &str) -> Option<&Schedule> {
        self.schedules
            .iter()
            .find(|s| self.entry(s).number.as_ref().is_some_and(|n| n.value.eq_ignore_ascii_case(number)))
    }

    /// The words of the agreement, cut on first use and kept with it.
    pub fn words(&self) -> &Words {
        self.words.get_or_init(|| Words::new(documents(self), self.schedules.len() + 1))
    }

    /// The body followed by every schedule document.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        std::iter::once(&self.body).chain(self.schedules.iter().filter_map(|s| s.doc.as_ref()))
    }

    /// Whether a schedule is an empty "Not used" slot.
    pub fn schedule_not_used(&self, schedule: &Schedule) -> bool {
        matches!(self.entry(schedule).source, super::metadata::ScheduleSource::NotUsed)
            || schedule.doc.as_ref().is_some_and(Document::is_not_used)
    }
}

// The document an id names is found here rather than in `doc_id`, which
// depends on nothing.
impl DocId {
    pub fn document(self, a: &Agreement) -> Option<&Document> {
        match self {
            DocId::Body => Some(&a.body),
            DocId::Schedule(i) => a.schedules.get(i)?.doc.as_ref(),
        }
    }
}

/// The body, then every schedule that has a text, with their ids.
pub fn documents(a: &Agreement) -> impl Iterator<Item = (DocId, &Document)> {
    let schedules = a.schedules.iter().enumerate().filter_map(|(i, s)| s.doc.as_ref().map(|d| (DocId::Schedule(i), d)));
    std::iter::once((DocId::Body, &a.body)).chain(schedules)
}
