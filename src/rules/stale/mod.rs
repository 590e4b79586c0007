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

pub mod acts;
mod combine;
mod pack;
pub mod register;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::loading::LoadError;
use crate::model::{Agreement, Block, Span};
use crate::rules::dates::english::long_date;
use crate::rules::dates::{term, text};
use crate::rules::metadata::contains_word;
use crate::rules::{Context, Family, Finding, RuleInfo, Severity};
use acts::Acts;
use register::{Entry, Register};

pub const REFERENCE: &str = "stale.reference";
pub const UNVERIFIED: &str = "stale.unverified";
pub const RENAMED: &str = "stale.renamed";
pub const NARRATIVE: &str = "stale.narrative";
pub const DURING_TERM: &str = "stale.during-term";
pub const DURING_TERM_MERGED: &str = "stale.during-term-merged";
pub const OPERATING_NAME: &str = "stale.operating-name";
pub const PARTY_ABOLISHED: &str = "stale.party-abolished";
pub const PARTY_DEFUNCT: &str = "stale.party-defunct";
pub const ACT_YEAR: &str = "stale.act-year";

pub struct Stale {
    register: Register,
    acts: Acts,
}

impl Stale {
    /// Reads the register and the acts list from `cx.packs`; a malformed pack is a load error.
    pub fn new(cx: &Context) -> Result<Self, LoadError> {
        Ok(Stale { register: register::parse(&cx.packs.stale)?, acts: acts::parse(&cx.packs.acts)? })
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
    fn rules(&self, _: &Context) -> Vec<RuleInfo> {
        const JUDGED: &str = "Names are judged against the agreement's own term (agreement.toml's [term], else the \
             text's Commencement Date and Term): a name that went stale after the term ended is not reported, and \
             nothing is judged when the commencement date is unknown. Each name is reported once per agreement, at \
             its first mention, with the others listed. The names, dates, successors and primary sources are \
             s75's built-in stale register (`s75 explain` cites it; `[packs] stale = \"file.toml\"` in s75.toml \
             replaces it with your own copy).";
        let info = |code: &str, severity, summary: &str, why: &str, example: &str| {
            RuleInfo::new(code, severity, summary, &format!("{why} {JUDGED}"), example)
        };
        vec![
            info(
                REFERENCE,
                Severity::Error,
                "the text names a body, law or guidance that no longer existed when the term began",
                "An obligation tied to a body that no longer exists (a Primary Care Trust in 2019) or to a \
                 repealed law cannot be performed as written. Refer to the successor the message names.",
                "4.2.6 … the Functions of the Health Authorities and Primary Care Trusts   # term from 2019",
            ),
            info(
                UNVERIFIED,
                Severity::Warning,
                "the text names something the register says was stale before the term, on an unverified (†) entry",
                "The register marks entries whose status or date its primary sources do not yet confirm (†). \
                 They are reported as warnings until someone checks them and sets `verified = true`.",
                "appeals to the Mental Health Review Tribunal   # the First-tier Tribunal since 3 November 2008",
            ),
            info(
                RENAMED,
                Severity::Warning,
                "the text uses the old name of a body that was renamed before the term began",
                "A renamed body is the same legal person, so the obligation still works; the text is out of \
                 date and should use the current name.",
                "the Department of Health shall …   # the Department of Health and Social Care since 8 January 2018",
            ),
            info(
                OPERATING_NAME,
                Severity::Note,
                "the text uses the legal name of a body that now works under another operating name",
                "Some bodies changed only the name they operate under: the NHS Litigation Authority operates as \
                 NHS Resolution, the Commission for Local Administration in England as the Local Government and \
                 Social Care Ombudsman. The legal body, and so the obligation, is unchanged; a note, in case the \
                 parties prefer the name readers know.",
                "14.8 … the National Health Service Litigation Authority   # NHS Resolution since 2017",
            ),
            info(
                NARRATIVE,
                Severity::Note,
                "the text mentions a stale name as history (\"formerly the CCG\")",
                "History told as history (\"the responsibilities of the former primary care trust\") is accurate \
                 and is not an obligation, so this is a note: check the sentence does not still rely on the old \
                 body. The words that mark history are the register's [narrative] lists.",
                "the Integrated Care Board (formerly the Clinical Commissioning Group)",
            ),
            info(
                DURING_TERM,
                Severity::Warning,
                "the text names something that is abolished, replaced or repealed during the term",
                "The name was right when the agreement was made, but obligations that name an abolished body or a \
                 repealed law lose their object part-way through. Add a successor provision (\"references to X \
                 include any successor body\") or name the successor. A body that merged into its successor or \
                 was renamed is `stale.during-term-merged`, a note.",
                "the CCG shall …   # term 2022-04-01 to 2025-03-31; CCGs abolished 1 July 2022",
            ),
            info(
                DURING_TERM_MERGED,
                Severity::Note,
                "the text names a body that merges into its successor, or is renamed, during the term",
                "The name was right when the agreement was made (the Criminal Records Bureau in 2010), and the \
                 body's duties pass to its successor (the Disclosure and Barring Service from 1 December 2012), \
                 so obligations still work: a note. A successor provision keeps the text current.",
                "… checks from the Criminal Records Bureau   # term 2010-10-01 to 2013-09-30",
            ),
            info(
                PARTY_ABOLISHED,
                Severity::Warning,
                "a party ceases to exist during the term",
                "A partner that is abolished part-way through the term leaves the agreement without one of its \
                 parties unless a successor provision (or the abolishing legislation's transfer scheme) carries \
                 its rights and obligations to the successor. Name the successor (e.g. the ICB) in the \
                 agreement. Also reported, as a warning, for a party abolished before the term when the \
                 register's entry is unverified (†).",
                "[[parties]]\nkind = \"ccg\"   # term 2022-04-01 to 2025-03-31",
            ),
            info(
                PARTY_DEFUNCT,
                Severity::Error,
                "a party had ceased to exist before the term began",
                "A body that no longer exists cannot be a partner: the agreement must be made with its successor.",
                "[[parties]]\nkind = \"pct\"   # term from 2019-04-01; PCTs abolished 2013",
            ),
            RuleInfo::new(
                ACT_YEAR,
                Severity::Warning,
                "an Act is cited with a year in which no Act of that title was passed",
                "\"Care Act 2015\" is a slip for the Care Act 2014. Titles passed in several years (Local \
                 Government Act 1972/1999/2000, Children Act 1989/2004, Mental Health Act 1983/2007) accept each \
                 of them. The list is s75's built-in list of Acts (`[packs] acts = \"file.toml\"` in s75.toml \
                 replaces it); a real Act missing from it is a gap in the list, so this is a warning. Whether a real Act has \
                 since been repealed (the Data Protection Act 1998) is the register's business, not this rule's.",
                "in accordance with the Care Act 2015",
            ),
        ]
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
                        PARTY_ABOLISHED,
                        format!(
                            "{who} {} on {}, during the term ({}); add a successor provision naming the {}",
                            entry.change.future(),
                            long_date(entry.from),
                            term.range,
                            entry.successor
                        ),
                    ),
                    When::Before => (
                        if entry.verified_for(term.commencement) { PARTY_DEFUNCT } else { PARTY_ABOLISHED },
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
                let mut f = Finding::new(code, span, message)
                    .label(format!("{} on {}", entry.change.future(), entry.from))
                    .help(self.help(entry, &format!("successor: {}", entry.successor)));
                if let Some(first) = first_mention(a, mentions, i) {
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
                    let (code, shown): (&'static str, Vec<&std::ops::Range<usize>>) =
                        match when(e, term.commencement, term.expiry) {
                            // A renamed body named as history ("the Department of Health has
                            // established …") is accurate history of the same body: nothing to say.
                            Some(When::Before) if e.change.same_body() && mentions.iter().all(|(_, n)| *n) => continue,
                            Some(When::Before) => {
                                let all_history = mentions.iter().all(|(_, narrative)| *narrative);
                                let code = before_code(e, all_history, term.commencement);
                                (code, mentions.iter().filter(|(_, n)| *n == all_history).map(|(r, _)| r).collect())
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
                    let group = groups.entry((i, code)).or_insert_with(|| {
                        order.push((i, code));
                        Group::default()
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
            let (i, code) = key;
            let Some(group) = groups.remove(&key) else { continue };
            out.extend(self.group_finding(&entries[i], code, group, term));
        }
    }

    /// The finding for every mention of one entry under one code.
    fn group_finding(&self, e: &Entry, code: &'static str, group: Group, term: &Term) -> Option<Finding> {
        let quoted = group.said.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
        let count = group.spans.len();
        let times = if count > 1 { format!(" (named {count} times)") } else { String::new() };
        let mut spans = group.spans.into_iter();
        let first = spans.next()?;
        let f = if code == DURING_TERM || code == DURING_TERM_MERGED {
            let lead = if code == DURING_TERM_MERGED {
                format!(
                    "the duties carried over to the successor, so obligations still work; to be current, add \
                     \"references to {} include its successor\" or name the successor: {}",
                    e.name, e.successor
                )
            } else {
                format!("add a successor provision, or name the successor: {}", e.successor)
            };
            Finding::new(
                code,
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
            let all_history = code == NARRATIVE;
            let what = if all_history { "mentioned as history" } else { "out of date" };
            let message = if code == OPERATING_NAME {
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
            } else if code == OPERATING_NAME {
                format!(
                    "the legal body is unchanged, so the obligation works as written; its operating name is {}",
                    e.successor
                )
            } else {
                format!("refer to the successor: {}", e.successor)
            };
            Finding::new(code, first, message).label(format!("stale since {}", e.from)).help(self.help(e, &lead))
        };
        Some(spans.fold(f, |f, span| f.related(span, "also here")))
    }

    fn check_acts(&self, a: &Agreement, out: &mut Vec<Finding>) {
        for doc in a.documents() {
            // Few paragraphs cite an Act: each is searched on its own.
            for b in doc.blocks.iter().filter(|b| b.text.contains(" Act")) {
                for c in self.acts.find(&b.text) {
                    let act = &self.acts.acts[c.act];
                    if act.years.contains(&c.year) {
                        continue;
                    }
                    let Some(nearest) = act.nearest(c.year) else { continue };
                    let known = act.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
                    let mut f = Finding::new(
                        ACT_YEAR,
                        b.span_of(c.range.clone()),
                        format!("no {} was passed in {}; did you mean {} {nearest}?", act.title, c.year, act.title),
                    )
                    .label(format!("known: {} {known}", act.title));
                    if let Some(source) = &act.source {
                        f = f.help(format!("check the citation: {source}"));
                    }
                    out.push(f);
                }
            }
        }
    }
}

/// Every mention of one entry reported under one code.
#[derive(Default)]
struct Group {
    /// The names as the text writes them, each once.
    said: Vec<String>,
    spans: Vec<Span>,
}

/// The code for a name already stale when the term began.
fn before_code(e: &Entry, all_history: bool, commencement: Date) -> &'static str {
    if all_history {
        NARRATIVE
    } else if e.change == register::Change::OperatingName {
        OPERATING_NAME
    } else if e.change.same_body() {
        RENAMED
    } else if e.verified_for(commencement) {
        REFERENCE
    } else {
        UNVERIFIED
    }
}

/// The code for a name that went stale during the term: a merger or a
/// change of name carries the body's duties to its successor, so the
/// agreement still works and the name is only out of date (a note); an
/// abolition, repeal or replacement leaves obligations without an object.
fn during_code(e: &Entry) -> &'static str {
    match e.change {
        register::Change::Merged | register::Change::Renamed | register::Change::OperatingName => DURING_TERM_MERGED,
        _ => DURING_TERM,
    }
}

/// The register's mentions: per document, per block.
type Mentions = Vec<Vec<Vec<register::Mention>>>;

/// Where the text first names a register entry.
fn first_mention(a: &Agreement, mentions: &Mentions, entry: usize) -> Option<Span> {
    let mut blocks = a.documents().zip(mentions).flat_map(|(d, m)| d.blocks.iter().zip(m));
    blocks.find_map(|(b, m)| m.iter().find(|m| m.entry == entry).map(|m| b.span_of(m.range.clone())))
}

fn in_context(b: &Block, words: &[String]) -> bool {
    let lower = b.text.to_lowercase();
    words.iter().any(|w| lower.contains(w.as_str()))
}
