//! `stale.*`: names of bodies, laws and guidance that no longer exist,
//! judged against the agreement's own term, and Acts cited with a year in
//! which no Act of that title was passed.
//!
//! The knowledge is data: `register.toml` (what changed, when, the
//! successor, the sources) and `acts.toml` (short titles and their years),
//! both replaceable from `s75.toml` (`[packs] stale = "…"`, `acts = "…"`).
//! A name is judged by when it went stale:
//! - before the term began → `stale.reference` (an error), or a warning if
//!   the register's entry is unverified (†) or the body was only renamed,
//!   and a note if only its operating name changed or the text names it only
//!   as history ("formerly the CCG");
//! - during the term → `stale.during-term`: the text needs a successor
//!   provision (a note, `stale.during-term-merged`, when the body merged or
//!   was renamed and its duties carried over);
//! - after the term, or when the term is unknown → nothing.
//!
//! A party that ceases to exist is the important case (`stale.party-*`).
//! Each rule's documentation is in its own file; the matching of names is
//! shared, here and in [`register`].

mod act_year;
pub mod acts;
mod combine;
mod during_term;
mod during_term_merged;
mod narrative;
mod operating_name;
mod party_abolished;
mod party_defunct;
mod reference;
pub mod register;
mod renamed;
mod unverified;

pub use act_year::ACT_YEAR;
pub use during_term::DURING_TERM;
pub use during_term_merged::DURING_TERM_MERGED;
pub use narrative::NARRATIVE;
pub use operating_name::OPERATING_NAME;
pub use party_abolished::PARTY_ABOLISHED;
pub use party_defunct::PARTY_DEFUNCT;
pub use reference::REFERENCE;
pub use renamed::RENAMED;
pub use unverified::UNVERIFIED;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::loading::LoadError;
use crate::model::{Agreement, Block, Section, Span};
use crate::rules::dates::english::long_date;
use crate::rules::dates::{term, text};
use crate::rules::metadata::contains_word;
use crate::rules::{Context, Family, Finding, Rule};
use acts::Acts;
use register::{Entry, Register};

/// This family's rules, in the order `s75 rules` lists them.
pub const RULES: &[&Rule] = &[
    &REFERENCE,
    &UNVERIFIED,
    &RENAMED,
    &OPERATING_NAME,
    &NARRATIVE,
    &DURING_TERM,
    &DURING_TERM_MERGED,
    &PARTY_ABOLISHED,
    &PARTY_DEFUNCT,
    &ACT_YEAR,
];

pub struct Stale {
    register: Register,
    acts: Acts,
}

impl Stale {
    /// Reads the register and the acts list from `cx.packs`; a malformed pack is a load error.
    pub fn new(cx: &Context) -> Result<Self, LoadError> {
        // The two packs are read side by side: this family's set-up is the longest.
        let (register, acts) = rayon::join(|| register::parse(&cx.packs.stale), || acts::parse(&cx.packs.acts));
        Ok(Stale { register: register?, acts: acts? })
    }
}

/// When an entry went stale, relative to the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// On or before the commencement date.
    Before,
    /// After commencement, on or before the last day of the term.
    During,
}

fn when(entry: &Entry, commencement: Date, expiry: Option<Date>) -> Option<When> {
    if entry.from <= commencement {
        Some(When::Before)
    } else {
        expiry.filter(|e| entry.from <= *e).map(|_| When::During)
    }
}

/// The term's dates, for judging names.
struct Term {
    commencement: Date,
    expiry: Option<Date>,
    /// "2022-04-01 to 2025-03-31", or "from 2022-04-01".
    range: String,
}

impl Family for Stale {
    fn rules(&self) -> &'static [&'static Rule] {
        RULES
    }

    fn check(&self, a: &Agreement, _: &Context, out: &mut Vec<Finding>) {
        self.check_acts(a, out);
        let t = term::resolve(a, &text::read(a));
        let Some(c) = &t.commencement else { return };
        let expiry = t.expiry.as_ref().map(|e| e.value);
        let range = t.range_text().unwrap_or_else(|| format!("from {}", c.value));
        let term = Term { commencement: c.value, expiry, range };
        // The register's names in every block of every document, found once.
        let mentions: Mentions = a.documents().map(|d| self.register.find_in(d)).collect();
        let party_entries = self.check_parties(a, &term, &mentions, out);
        self.check_text(a, &term, &party_entries, &mentions, out);
    }
}

impl Stale {
    fn help(&self, entry: &Entry, lead: &str) -> String {
        let mut help = format!("{lead}; source: {}", self.register.cite(entry));
        if entry.sources.is_empty() {
            help = format!("{lead}; the register cites no source for this entry: check it");
        }
        if let Some(note) = &entry.note {
            help.push_str(&format!(" ({note})"));
        }
        if !entry.verified {
            help.push_str("; the register marks this entry unverified (†): check it");
        }
        help
    }

    /// Parties whose kind or name is a register entry. Returns the entries
    /// reported this way, whose mentions in the text are then not repeated.
    fn check_parties(&self, a: &Agreement, term: &Term, mentions: &Mentions, out: &mut Vec<Finding>) -> Vec<usize> {
        let mut reported = Vec::new();
        for party in &a.meta.parties {
            let mut hits: Vec<(usize, Span)> = Vec::new();
            if let Some(kind) = &party.kind {
                for (i, e) in self.register.entries.iter().enumerate() {
                    if e.party_kinds.contains(&kind.value) {
                        hits.push((i, kind.span.clone()));
                    }
                }
            }
            if let Some(name) = &party.name {
                for m in self.register.find(&name.value) {
                    if !hits.iter().any(|(i, _)| *i == m.entry) {
                        hits.push((m.entry, name.span.clone()));
                    }
                }
            }
            for (i, span) in hits {
                let entry = &self.register.entries[i];
                let Some(when) = when(entry, term.commencement, term.expiry) else { continue };
                reported.push(i);
                let who = party.display_name();
                let (code, message) = match when {
                    When::During => (
                        &PARTY_ABOLISHED,
                        format!(
                            "{who} {} on {}, during the term ({}); add a successor provision naming the {}",
                            entry.change.future(),
                            long_date(entry.from),
                            term.range,
                            entry.successor
                        ),
                    ),
                    When::Before => (
                        if entry.verified_for(term.commencement) { &PARTY_DEFUNCT } else { &PARTY_ABOLISHED },
                        format!(
                            "{who} is a {}, {} with effect from {}, before the term began on {}; the partner should be the {}",
                            entry.name,
                            entry.change.participle(),
                            long_date(entry.from),
                            long_date(term.commencement),
                            entry.successor
                        ),
                    ),
                };
                let label = format!("{} on {}", entry.change.future(), entry.from);
                let help = self.help(entry, &format!("successor: {}", entry.successor));
                // The parties clause naming the party is where a reader amends
                // the agreement; agreement.toml's record is shown beside it.
                let named = party.name.as_ref().and_then(|n| party_named_at(a, mentions, i, &n.value));
                let in_text = named.is_some();
                let mut f = match named {
                    Some(at) => Finding::new(code, at, message)
                        .label(label)
                        .related(span, format!("recorded here as a {}", entry.name)),
                    None => Finding::new(code, span, message).label(label),
                }
                .help(help);
                if let Some(first) = first_mention(a, mentions, i).filter(|_| !in_text) {
                    f = f.related(first, format!("named in the text as a {}", entry.name));
                }
                if let Some(s) = self.successor_mention(a, entry) {
                    f = f.related(s, "the text mentions the successor here: check it is a successor provision");
                }
                out.push(f);
            }
        }
        reported
    }

    fn successor_mention(&self, a: &Agreement, entry: &Entry) -> Option<Span> {
        a.documents().flat_map(|d| d.blocks.iter()).find_map(|b| {
            entry.successor_names.iter().find(|n| contains_word(&b.text, n)).and_then(|n| {
                let i = b.text.find(n.as_str())?;
                Some(b.span_of(i..i + n.len()))
            })
        })
    }

    fn check_text(
        &self,
        a: &Agreement,
        term: &Term,
        party_entries: &[usize],
        mentions: &Mentions,
        out: &mut Vec<Finding>,
    ) {
        let entries = &self.register.entries;
        // One finding per entry and code for the whole agreement, at the
        // first mention, with the others as "also here": a stale name is one
        // defect however often the text repeats it.
        let mut groups: BTreeMap<(usize, &'static str), Group> = BTreeMap::new();
        let mut order: Vec<(usize, &'static str)> = Vec::new();
        for (doc, in_doc) in a.documents().zip(mentions) {
            for (b, in_block) in doc.blocks.iter().zip(in_doc) {
                // Mentions of each entry in this block, live and historical.
                let mut live: BTreeMap<usize, Vec<(std::ops::Range<usize>, bool)>> = BTreeMap::new();
                for m in in_block.iter().cloned() {
                    let e = &entries[m.entry];
                    if !e.context.is_empty() && !in_context(b, &e.context) {
                        continue;
                    }
                    let narrative = self.register.narrative.is_narrative(&b.text, &m.range);
                    live.entry(m.entry).or_default().push((m.range, narrative));
                }
                // A party's own entry is reported once, at the party.
                for (i, mentions) in live.into_iter().filter(|(i, _)| !party_entries.contains(i)) {
                    let e = &entries[i];
                    let (rule, shown): (&'static Rule, Vec<&std::ops::Range<usize>>) =
                        match when(e, term.commencement, term.expiry) {
                            // A renamed body named as history ("the Department of Health has
                            // established …") is accurate history of the same body: nothing to say.
                            Some(When::Before) if e.change.same_body() && mentions.iter().all(|(_, n)| *n) => continue,
                            Some(When::Before) => {
                                let all_history = mentions.iter().all(|(_, narrative)| *narrative);
                                let rule = before_code(e, all_history, term.commencement);
                                (rule, mentions.iter().filter(|(_, n)| *n == all_history).map(|(r, _)| r).collect())
                            }
                            // History told as history is not a name the parties rely on.
                            Some(When::During) => {
                                let live: Vec<_> = mentions.iter().filter(|(_, n)| !n).map(|(r, _)| r).collect();
                                if live.is_empty() {
                                    continue;
                                }
                                (during_code(e), live)
                            }
                            None => continue,
                        };
                    let group = groups.entry((i, rule.code)).or_insert_with(|| {
                        order.push((i, rule.code));
                        Group { rule: Some(rule), ..Group::default() }
                    });
                    for r in shown {
                        let said = b.text[r.clone()].to_string();
                        if !group.said.contains(&said) {
                            group.said.push(said);
                        }
                        group.spans.push(b.span_of(r.clone()));
                    }
                }
            }
        }
        for key in order {
            let Some(group) = groups.remove(&key) else { continue };
            out.extend(self.group_finding(&entries[key.0], group, term));
        }
    }

    /// The finding for every mention of one entry under one code.
    fn group_finding(&self, e: &Entry, group: Group, term: &Term) -> Option<Finding> {
        let rule = group.rule?;
        let is = |r: &'static Rule| std::ptr::eq(rule, r);
        let quoted = group.said.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
        let count = group.spans.len();
        let times = if count > 1 { format!(" (named {count} times)") } else { String::new() };
        let mut spans = group.spans.into_iter();
        let first = spans.next()?;
        let f = if is(&DURING_TERM) || is(&DURING_TERM_MERGED) {
            let lead = if is(&DURING_TERM_MERGED) {
                format!(
                    "the duties carried over to the successor, so obligations still work; to be current, add \
                     \"references to {} include its successor\" or name the successor: {}",
                    e.name, e.successor
                )
            } else {
                format!("add a successor provision, or name the successor: {}", e.successor)
            };
            Finding::new(
                rule,
                first,
                format!(
                    "{quoted}{times}: {}, {} with effect from {}, during the term ({})",
                    e.name,
                    e.change.participle(),
                    long_date(e.from),
                    term.range
                ),
            )
            .label(format!("{} on {}", e.change.future(), e.from))
            .help(self.help(e, &lead))
        } else {
            let all_history = is(&NARRATIVE);
            let what = if all_history { "mentioned as history" } else { "out of date" };
            let message = if is(&OPERATING_NAME) {
                format!(
                    "{quoted}{times}: {} has operated as {} since {}; the legal body, and the obligation, are unchanged",
                    e.name,
                    e.successor,
                    long_date(e.from)
                )
            } else {
                format!(
                    "{quoted}{times} is {what}: {}, {} with effect from {}, before this agreement's term began on {}",
                    e.name,
                    e.change.participle(),
                    long_date(e.from),
                    long_date(term.commencement)
                )
            };
            let lead = if all_history {
                format!("check the sentence does not rely on it; successor: {}", e.successor)
            } else if is(&OPERATING_NAME) {
                format!(
                    "the legal body is unchanged, so the obligation works as written; its operating name is {}",
                    e.successor
                )
            } else {
                format!("refer to the successor: {}", e.successor)
            };
            Finding::new(rule, first, message).label(format!("stale since {}", e.from)).help(self.help(e, &lead))
        };
        Some(spans.fold(f, |f, span| f.related(span, "also here")))
    }
}

/// Every mention of one entry reported under one code.
#[derive(Default)]
struct Group {
    rule: Option<&'static Rule>,
    /// The names as the text writes them, each once.
    said: Vec<String>,
    spans: Vec<Span>,
}

/// The code for a name already stale when the term began.
fn before_code(e: &Entry, all_history: bool, commencement: Date) -> &'static Rule {
    if all_history {
        &NARRATIVE
    } else if e.change == register::Change::OperatingName {
        &OPERATING_NAME
    } else if e.change.same_body() {
        &RENAMED
    } else if e.verified_for(commencement) {
        &REFERENCE
    } else {
        &UNVERIFIED
    }
}

/// The code for a name that went stale during the term: a merger or a
/// change of name carries the body's duties to its successor, so the
/// agreement still works and the name is only out of date (a note); an
/// abolition, repeal or replacement leaves obligations without an object.
fn during_code(e: &Entry) -> &'static Rule {
    match e.change {
        register::Change::Merged | register::Change::Renamed | register::Change::OperatingName => &DURING_TERM_MERGED,
        _ => &DURING_TERM,
    }
}

/// The register's mentions: per document, per block.
type Mentions = Vec<Vec<Vec<register::Mention>>>;

/// Where the preamble names the party `name` (its parties clause): the
/// register's name within it ("PRIMARY CARE TRUST"), else the party's name.
fn party_named_at(a: &Agreement, mentions: &Mentions, entry: usize, name: &str) -> Option<Span> {
    let name = name.trim().to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let blocks = a.body.blocks.iter().zip(mentions.first()?);
    blocks.filter(|(b, _)| b.section == Section::Preamble).find_map(|(b, m)| {
        let at = b.text.to_ascii_lowercase().find(&name)?;
        let whole = at..at + name.len();
        let within = m.iter().find(|m| m.entry == entry && whole.start <= m.range.start && m.range.end <= whole.end);
        let range = within.map_or(whole, |m| m.range.clone());
        Some(b.span_of(range))
    })
}

/// Where the text first names a register entry.
fn first_mention(a: &Agreement, mentions: &Mentions, entry: usize) -> Option<Span> {
    let mut blocks = a.documents().zip(mentions).flat_map(|(d, m)| d.blocks.iter().zip(m));
    blocks.find_map(|(b, m)| m.iter().find(|m| m.entry == entry).map(|m| b.span_of(m.range.clone())))
}

fn in_context(b: &Block, words: &[String]) -> bool {
    let lower = b.text.to_lowercase();
    words.iter().any(|w| lower.contains(w.as_str()))
}
