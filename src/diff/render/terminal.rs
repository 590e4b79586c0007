//! Terminal text. With colour, deletions are red and struck through and
//! insertions green and underlined; without colour (NO_COLOR, a pipe,
//! `--color never`) they are marked `[-old-]{+new+}`, as `git diff
//! --word-diff` does, so the meaning never depends on colour.

use std::io::{self, Write};

use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec, NoColor, WriteColor};

use super::{Display, Item, Options, entry_name, entry_notes, items, run_label, sides, summary_lines, whole_agreement};
use crate::diff::redline::{BlockDiff, Op, Seg};
use crate::diff::report::{AgreementDiff, DiffReport, DocStatus, Entry, RefStatus, Status, TermStatus};

pub fn write(report: &DiffReport, out: &mut dyn Write, opts: Options) -> io::Result<()> {
    if opts.color {
        Term { w: &mut Ansi::new(out), color: true, opts }.report(report)
    } else {
        Term { w: &mut NoColor::new(out), color: false, opts }.report(report)
    }
}

struct Term<'w> {
    w: &'w mut dyn WriteColor,
    color: bool,
    opts: Options,
}

fn spec(fg: Option<Color>, bold: bool) -> ColorSpec {
    let mut s = ColorSpec::new();
    s.set_fg(fg).set_bold(bold);
    s
}

fn status_color(s: Status) -> Option<Color> {
    match s {
        Status::Unchanged => None,
        Status::Modified | Status::MovedModified => Some(Color::Yellow),
        Status::Inserted => Some(Color::Green),
        Status::Deleted => Some(Color::Red),
        Status::Renumbered => Some(Color::Cyan),
        Status::Moved | Status::Split | Status::Merged => Some(Color::Magenta),
    }
}

impl Term<'_> {
    fn styled(&mut self, s: &ColorSpec, text: &str) -> io::Result<()> {
        self.w.set_color(s)?;
        write!(self.w, "{text}")?;
        self.w.reset()
    }

    fn heading(&mut self, text: &str) -> io::Result<()> {
        self.styled(&spec(None, true), text)?;
        writeln!(self.w)
    }

    fn report(&mut self, r: &DiffReport) -> io::Result<()> {
        if r.agreements.is_empty() {
            writeln!(self.w, "No agreements differ between {} and {}.", r.old, r.new)?;
            return Ok(());
        }
        for (i, a) in r.agreements.iter().enumerate() {
            if i > 0 {
                writeln!(self.w)?;
            }
            self.agreement(a)?;
        }
        Ok(())
    }

    fn agreement(&mut self, a: &AgreementDiff) -> io::Result<()> {
        self.heading(&format!("{} — {}", a.id, a.title))?;
        writeln!(self.w, "  {}", sides(a))?;
        writeln!(self.w)?;
        self.heading("Summary")?;
        for line in summary_lines(a) {
            writeln!(self.w, "  {line}")?;
        }
        if !a.metadata.is_empty() {
            writeln!(self.w)?;
            self.heading("Metadata")?;
            let mut section = "";
            for m in &a.metadata {
                if m.section != section {
                    section = &m.section;
                    writeln!(self.w, "  {section}")?;
                }
                writeln!(self.w, "    {}", m.line())?;
            }
        }
        if !a.terms.is_empty() {
            writeln!(self.w)?;
            self.heading("Defined terms")?;
            for t in &a.terms {
                match t.status {
                    TermStatus::Added => self.styled(&spec(Some(Color::Green), false), "  + ")?,
                    TermStatus::Removed => self.styled(&spec(Some(Color::Red), false), "  - ")?,
                    TermStatus::Changed => self.styled(&spec(Some(Color::Yellow), false), "  ~ ")?,
                    TermStatus::Renamed | TermStatus::Moved => {
                        self.styled(&spec(Some(Color::Magenta), false), "  > ")?
                    }
                }
                let at = t.new_at.as_ref().or(t.old_at.as_ref()).cloned().unwrap_or_default();
                writeln!(self.w, "{}  {at}", t.describe())?;
                if !t.redline.is_empty() {
                    write!(self.w, "      ")?;
                    self.segments(&t.redline)?;
                    writeln!(self.w)?;
                }
            }
        }
        if !a.references.is_empty() {
            writeln!(self.w)?;
            self.heading("Cross-references to renumbered provisions")?;
            for r in &a.references {
                match r.status {
                    RefStatus::Followed => self.styled(&spec(Some(Color::Green), false), "  ✓ ")?,
                    RefStatus::Stale => self.styled(&spec(Some(Color::Red), true), "  ✗ ")?,
                }
                writeln!(self.w, "{}  {}", r.describe(), r.at)?;
            }
        }
        for d in &a.documents {
            if d.status == DocStatus::Unchanged && !self.opts.unchanged {
                continue;
            }
            writeln!(self.w)?;
            let path = d.new.as_ref().or(d.old.as_ref()).and_then(|i| i.path.clone()).unwrap_or_default();
            let status = match d.status {
                DocStatus::Added => " (added)",
                DocStatus::Removed => " (removed)",
                _ => "",
            };
            self.heading(&format!("{}{status}  {path}", d.label))?;
            // A whole agreement added or removed: its text is the agreement
            // itself, not a change to read provision by provision.
            if whole_agreement(a) {
                writeln!(self.w, "  {} provisions", d.entries.len())?;
                continue;
            }
            for item in items(d, self.opts.unchanged) {
                match item {
                    Item::One(e) => self.entry(e)?,
                    Item::Renumbered(run) => {
                        self.styled(&spec(status_color(Status::Renumbered), false), "  # ")?;
                        writeln!(self.w, "{}  renumbered, text unchanged ({} provisions)", run_label(&run), run.len())?;
                    }
                }
            }
        }
        Ok(())
    }

    fn entry(&mut self, e: &Entry) -> io::Result<()> {
        let c = status_color(e.status);
        self.styled(&spec(c, true), &format!("  {} ", e.status.marker()))?;
        self.styled(&spec(None, true), &entry_name(e))?;
        write!(self.w, "  {}", e.status.as_str())?;
        for note in entry_notes(e) {
            write!(self.w, " ({note})")?;
        }
        let at = e.shown().map(|p| p.location()).unwrap_or_default();
        writeln!(self.w, "  {at}")?;
        match e.status {
            Status::Inserted => self.blocks(&e.new, "+", Color::Green)?,
            Status::Deleted => self.blocks(&e.old, "-", Color::Red)?,
            s if s.has_text_change() => self.redline(&e.redline)?,
            _ => {}
        }
        Ok(())
    }

    fn blocks(&mut self, provs: &[crate::diff::report::Prov], mark: &str, color: Color) -> io::Result<()> {
        for p in provs {
            for t in &p.text {
                self.styled(&spec(Some(color), false), &format!("      {mark} {t}"))?;
                writeln!(self.w)?;
            }
        }
        Ok(())
    }

    fn redline(&mut self, blocks: &[BlockDiff]) -> io::Result<()> {
        let mut skipped = false;
        for b in blocks {
            match b {
                BlockDiff::Same { .. } => skipped = true,
                BlockDiff::Changed { old, new, segments } => {
                    if skipped {
                        writeln!(self.w, "      …")?;
                        skipped = false;
                    }
                    if self.opts.display == Display::SideBySide {
                        self.styled(&spec(Some(Color::Red), false), &format!("      - {old}"))?;
                        writeln!(self.w)?;
                        self.styled(&spec(Some(Color::Green), false), &format!("      + {new}"))?;
                        writeln!(self.w)?;
                    } else {
                        write!(self.w, "      ")?;
                        self.segments(segments)?;
                        writeln!(self.w)?;
                    }
                }
                BlockDiff::Added { text } => {
                    self.styled(&spec(Some(Color::Green), false), &format!("      + {text}"))?;
                    writeln!(self.w)?;
                }
                BlockDiff::Removed { text } => {
                    self.styled(&spec(Some(Color::Red), false), &format!("      - {text}"))?;
                    writeln!(self.w)?;
                }
            }
        }
        Ok(())
    }

    fn segments(&mut self, segs: &[Seg]) -> io::Result<()> {
        for s in segs {
            match (s.op, self.color) {
                (Op::Same, _) => write!(self.w, "{}", s.text)?,
                (Op::Deleted, true) => {
                    let mut c = spec(Some(Color::Red), false);
                    c.set_strikethrough(true);
                    self.styled(&c, &s.text)?;
                }
                (Op::Inserted, true) => {
                    let mut c = spec(Some(Color::Green), false);
                    c.set_underline(true);
                    self.styled(&c, &s.text)?;
                }
                (Op::Deleted, false) => write!(self.w, "[-{}-]", s.text)?,
                (Op::Inserted, false) => write!(self.w, "{{+{}+}}", s.text)?,
            }
        }
        Ok(())
    }
}
