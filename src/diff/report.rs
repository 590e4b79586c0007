//! The result of a diff: what every renderer reads, and the JSON schema
//! (`schema = 1`). Plain data, built once, in a deterministic order.

use serde::Serialize;

use super::redline::{BlockDiff, Seg};

/// What happened to one provision (or a group of them, for splits and merges).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unchanged,
    Modified,
    Inserted,
    Deleted,
    Renumbered,
    Moved,
    #[serde(rename = "moved-and-modified")]
    MovedModified,
    Split,
    Merged,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Modified,
        Status::Inserted,
        Status::Deleted,
        Status::Renumbered,
        Status::Moved,
        Status::MovedModified,
        Status::Split,
        Status::Merged,
        Status::Unchanged,
    ];

    /// The kebab-case name used in JSON, HTML classes and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Modified => "modified",
            Status::Inserted => "inserted",
            Status::Deleted => "deleted",
            Status::Renumbered => "renumbered",
            Status::Moved => "moved",
            Status::MovedModified => "moved-and-modified",
            Status::Split => "split",
            Status::Merged => "merged",
        }
    }

    /// A one-character marker for plain-text output, like `diff`'s + and -.
    pub fn marker(self) -> &'static str {
        match self {
            Status::Unchanged => " ",
            Status::Modified => "~",
            Status::Inserted => "+",
            Status::Deleted => "-",
            Status::Renumbered => "#",
            Status::Moved | Status::MovedModified => ">",
            Status::Split => "<",
            Status::Merged => "^",
        }
    }

    pub fn is_change(self) -> bool {
        self != Status::Unchanged
    }

    /// Whether the text itself changed (a redline is worth showing).
    pub fn has_text_change(self) -> bool {
        matches!(self, Status::Modified | Status::MovedModified | Status::Split | Status::Merged)
    }
}

/// Provision counts per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Counts {
    pub unchanged: usize,
    pub modified: usize,
    pub inserted: usize,
    pub deleted: usize,
    pub renumbered: usize,
    pub moved: usize,
    #[serde(rename = "moved-and-modified")]
    pub moved_modified: usize,
    pub split: usize,
    pub merged: usize,
}

impl Counts {
    pub fn get(&self, s: Status) -> usize {
        match s {
            Status::Unchanged => self.unchanged,
            Status::Modified => self.modified,
            Status::Inserted => self.inserted,
            Status::Deleted => self.deleted,
            Status::Renumbered => self.renumbered,
            Status::Moved => self.moved,
            Status::MovedModified => self.moved_modified,
            Status::Split => self.split,
            Status::Merged => self.merged,
        }
    }

    fn slot(&mut self, s: Status) -> &mut usize {
        match s {
            Status::Unchanged => &mut self.unchanged,
            Status::Modified => &mut self.modified,
            Status::Inserted => &mut self.inserted,
            Status::Deleted => &mut self.deleted,
            Status::Renumbered => &mut self.renumbered,
            Status::Moved => &mut self.moved,
            Status::MovedModified => &mut self.moved_modified,
            Status::Split => &mut self.split,
            Status::Merged => &mut self.merged,
        }
    }

    pub fn add(&mut self, s: Status) {
        *self.slot(s) += 1;
    }

    pub fn merge(&mut self, other: &Counts) {
        for s in Status::ALL {
            *self.slot(s) += other.get(s);
        }
    }

    /// Every status other than unchanged.
    pub fn changes(&self) -> usize {
        Status::ALL.iter().filter(|s| s.is_change()).map(|&s| self.get(s)).sum()
    }
}

/// One provision as it reads on one side.
#[derive(Debug, Clone, Serialize)]
pub struct Prov {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// For an item (`(f)`), the dotted number it stands under (`1.1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// For a definition: the term it defines, as written ("Host Authority").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Repository-relative path and 1-based line.
    pub path: String,
    pub line: usize,
    /// The provision's blocks, number included, one per paragraph or table row.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<String>,
}

impl Prov {
    pub fn location(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }

    /// The number with its context: `11.1`, or `1.1 (f)` for an item.
    pub fn full_number(&self) -> Option<String> {
        if let Some(t) = &self.term {
            // A definition is found by its term under the clause that defines it.
            return Some(match &self.within {
                Some(w) => format!("{w} “{t}”"),
                None => format!("“{t}”"),
            });
        }
        let n = self.number.as_ref()?;
        Some(match &self.within {
            Some(w) => format!("{w} {n}"),
            None => n.clone(),
        })
    }

    /// `11.1`, or the heading, or the first words: how to name it in a list.
    pub fn label(&self) -> String {
        match (self.full_number(), &self.heading) {
            (Some(n), Some(h)) => format!("{n} {h}"),
            (Some(n), None) => n,
            (None, Some(h)) => h.clone(),
            (None, None) => super::text::excerpt(self.text.first().map_or("", String::as_str), 48),
        }
    }
}

/// One line of the provision-by-provision report.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub status: Status,
    pub old: Vec<Prov>,
    pub new: Vec<Prov>,
    /// Word similarity of a modified pair (0–1), rounded to two places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
    /// Whether the number changed as well (for modified and moved provisions).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub renumbered: bool,
    /// The only changes are cross-references following a renumbering.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub references_only: bool,
    /// The only changes are uses of a renamed defined term following its new name.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub renamed_terms_only: bool,
    /// A provision moved in from another document: that document's label
    /// ("Schedule 2 — Partnership Agreement Strategic Governance Arrangements").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// The redline, block by block (for changed text only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redline: Vec<BlockDiff>,
}

impl Entry {
    pub fn first_old(&self) -> Option<&Prov> {
        self.old.first()
    }

    pub fn first_new(&self) -> Option<&Prov> {
        self.new.first()
    }

    /// The side to name the entry by: new where it exists.
    pub fn shown(&self) -> Option<&Prov> {
        self.new.first().or(self.old.first())
    }

    /// `11.1 → 12.1`, `11.1`, or the heading, for lists.
    pub fn numbers(&self) -> String {
        let list = |ps: &[Prov]| {
            ps.iter().map(|p| p.full_number().unwrap_or_else(|| "¶".into())).collect::<Vec<_>>().join(" + ")
        };
        if matches!(self.status, Status::Moved | Status::MovedModified) && self.new.len() > 1 {
            // A clause moved with its sub-clauses: named by the clause.
            let first = |ps: &[Prov]| ps.first().and_then(Prov::full_number).unwrap_or_else(|| "¶".into());
            let (o, n) = (first(&self.old), first(&self.new));
            let with =
                format!(" (with {} more provision{})", self.new.len() - 1, if self.new.len() == 2 { "" } else { "s" });
            return if o == n { format!("{n}{with}") } else { format!("{o} → {n}{with}") };
        }
        let (o, n) = (list(&self.old), list(&self.new));
        match (self.old.is_empty(), self.new.is_empty()) {
            (true, _) => n,
            (_, true) => o,
            _ if o == n => n,
            _ => format!("{o} → {n}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocStatus {
    Unchanged,
    Modified,
    Added,
    Removed,
}

/// A document on one side: the body or one schedule.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocDiff {
    /// "Body" or "Schedule 7 — Seconded Council Employees" (new side where it exists).
    pub label: String,
    pub status: DocStatus,
    /// The schedule's number changed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub renumbered: bool,
    /// The schedule's position among the schedules changed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub moved: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<DocInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<DocInfo>,
    pub counts: Counts,
    pub entries: Vec<Entry>,
}

/// One fact of `agreement.toml` that differs.
#[derive(Debug, Clone, Serialize)]
pub struct MetaChange {
    /// The group a reader looks for: "Agreement", "Parties", "Term", "Money", …
    pub section: String,
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// E.g. "+£100,000 (+6.7%)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_at: Option<String>,
}

impl TermChange {
    /// "“Fundamental Breach” renamed “Material Breach” (4 uses followed)".
    pub fn describe(&self) -> String {
        match self.status {
            TermStatus::Renamed => {
                let old = self.old_term.as_deref().unwrap_or("");
                let mut s = format!("“{old}” renamed “{}”", self.term);
                let (f, n) = (self.uses_followed.unwrap_or(0), self.uses_not_followed.unwrap_or(0));
                s.push_str(&format!(" ({f} use{} followed", if f == 1 { "" } else { "s" }));
                if n > 0 {
                    s.push_str(&format!("; {n} still use{} the old name", if n == 1 { "s" } else { "" }));
                }
                s.push(')');
                s
            }
            s => format!("“{}” {}", self.term, s.as_str()),
        }
    }
}

impl MetaChange {
    /// "Term: 1 year → 3 years".
    pub fn line(&self) -> String {
        let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "(not stated)".into());
        let mut s = format!("{}: {} → {}", self.field, side(&self.old), side(&self.new));
        if let Some(d) = &self.detail {
            s.push_str(&format!(" ({d})"));
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermStatus {
    Added,
    Removed,
    Changed,
    /// The same definition under a new name.
    Renamed,
    /// The definition moved within the definitions clause, wording unchanged.
    Moved,
}

impl TermStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TermStatus::Added => "added",
            TermStatus::Removed => "removed",
            TermStatus::Changed => "changed",
            TermStatus::Renamed => "renamed",
            TermStatus::Moved => "moved",
        }
    }
}

/// A defined term added, removed, redefined, renamed or moved.
#[derive(Debug, Clone, Serialize)]
pub struct TermChange {
    /// The term (its new name where it has one).
    pub term: String,
    pub status: TermStatus,
    /// A renamed term's old name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_term: Option<String>,
    /// A renamed term: uses of the old name in the old text, and of the new
    /// name in the new text where the old text had the old name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uses_followed: Option<usize>,
    /// A renamed term: uses of the old name left in the new text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uses_not_followed: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_at: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redline: Vec<Seg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefStatus {
    /// The target was renumbered and the reference now cites the new number.
    Followed,
    /// The target was renumbered but the reference still cites the old number.
    Stale,
}

/// A cross-reference whose target was renumbered.
#[derive(Debug, Clone, Serialize)]
pub struct RefChange {
    pub status: RefStatus,
    /// The reference as written in the new text ("Clause 11.1").
    pub text: String,
    /// The target's number before and after ("11.1" → "12.1").
    pub target_old: String,
    pub target_new: String,
    /// Where the reference is, in the new text.
    pub at: String,
    /// What the old number now points at in the new text, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now_points_at: Option<String>,
}

impl RefChange {
    /// The sentence every format prints (without the location).
    pub fn describe(&self) -> String {
        match self.status {
            RefStatus::Followed => {
                format!("{}: updated to follow its target ({} → {})", self.text, self.target_old, self.target_new)
            }
            RefStatus::Stale => {
                let now = match self.now_points_at.as_deref() {
                    Some("nothing") | None => format!("there is no {} any more", self.target_old),
                    Some(p) => format!("{} now means “{p}”", self.target_old),
                };
                format!("{}: not updated — its target is now {}, and {now}", self.text, self.target_new)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementStatus {
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// One side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub id: String,
    pub title: String,
    /// Repository-relative folder.
    pub dir: String,
    /// The git revision it was read from; none for a folder on disk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
}

impl Side {
    /// `coventry-cwpt-2019` or `HEAD~1:agreements/coventry-cwpt-2019`.
    pub fn label(&self) -> String {
        match &self.revision {
            Some(r) => format!("{r}:{}", self.dir),
            None => self.dir.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementDiff {
    pub id: String,
    pub title: String,
    pub status: AgreementStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Side>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Side>,
    /// Provision counts over all documents.
    pub counts: Counts,
    pub metadata: Vec<MetaChange>,
    pub terms: Vec<TermChange>,
    pub references: Vec<RefChange>,
    pub documents: Vec<DocDiff>,
}

impl AgreementDiff {
    pub fn has_differences(&self) -> bool {
        self.status != AgreementStatus::Unchanged
    }
}

/// Everything `s75 diff` compared in one run.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub schema: u32,
    /// What was compared: two folders, or two revisions.
    pub old: String,
    pub new: String,
    pub differences: bool,
    pub counts: Counts,
    pub agreements: Vec<AgreementDiff>,
}

impl DiffReport {
    pub fn new(old: String, new: String, agreements: Vec<AgreementDiff>) -> Self {
        let mut counts = Counts::default();
        for a in &agreements {
            counts.merge(&a.counts);
        }
        let differences = agreements.iter().any(AgreementDiff::has_differences);
        DiffReport { schema: 1, old, new, differences, counts, agreements }
    }
}
