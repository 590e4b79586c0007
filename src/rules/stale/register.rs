//! The stale-name register (`register.toml`): bodies, laws and guidance that
//! were abolished, renamed, repealed or superseded, each with the first day
//! the name is stale, its successor and its sources — and one matcher that
//! finds every entry's names in a text in a single pass.

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::combine;
use crate::loading::LoadError;
use crate::loading::toml_reader::{Ctx, TableReader, parse_toml};
use crate::model::metadata::PartyKind;
use crate::model::pattern::Matcher;
use crate::model::{Document, SourceFile, Span};
use crate::rules::pack_reader::{check_schema, error_at, first_problem};

/// What happened to the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Abolished,
    Merged,
    Renamed,
    /// Same legal body, known by a new operating name (NHSLA → NHS Resolution).
    OperatingName,
    Repealed,
    Superseded,
}

impl Change {
    const ALL: [(&'static str, Change); 6] = [
        ("abolished", Change::Abolished),
        ("merged", Change::Merged),
        ("renamed", Change::Renamed),
        ("operating-name", Change::OperatingName),
        ("repealed", Change::Repealed),
        ("superseded", Change::Superseded),
    ];

    fn parse(s: &str) -> Option<Change> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, c)| *c)
    }

    /// "abolished", "renamed": for messages ("… abolished with effect from …").
    pub fn participle(self) -> &'static str {
        match self {
            Change::Abolished => "abolished",
            Change::Merged => "merged into its successor",
            Change::Renamed => "renamed",
            Change::OperatingName => "given a new operating name",
            Change::Repealed => "repealed",
            Change::Superseded => "superseded",
        }
    }

    /// The same, for a change still to come during the term.
    pub fn future(self) -> &'static str {
        match self {
            Change::Abolished | Change::Merged => "ceases to exist",
            Change::Renamed => "is renamed",
            Change::OperatingName => "takes a new operating name",
            Change::Repealed => "is repealed",
            Change::Superseded => "is superseded",
        }
    }

    /// Whether the old name still denotes the same legal body or office.
    pub fn same_body(self) -> bool {
        matches!(self, Change::Renamed | Change::OperatingName)
    }
}

#[derive(Debug)]
pub struct Entry {
    pub id: String,
    /// How messages name it: "Clinical Commissioning Group".
    pub name: String,
    pub change: Change,
    /// The first day on which the name is stale.
    pub from: Date,
    /// When the day of `from` is not confirmed: the day from which the change is certain.
    pub certain_from: Option<Date>,
    pub successor: String,
    /// Words naming the successor in a text (a successor provision).
    pub successor_names: Vec<String>,
    pub party_kinds: Vec<PartyKind>,
    /// Report a mention only in a block that also contains one of these (lower case).
    pub context: Vec<String>,
    pub sources: Vec<String>,
    /// The status and date are confirmed by the sources (statute.md without †).
    pub verified: bool,
    pub note: Option<String>,
    /// The entry in the pack, for messages ("register.toml:42").
    pub at: String,
}

impl Entry {
    /// Whether the change is confirmed for an agreement starting on `day`.
    pub fn verified_for(&self, day: Date) -> bool {
        self.verified && self.certain_from.is_none_or(|c| day >= c)
    }
}

/// Phrases that mark a name as history ("formerly the CCG"), not a live reference.
#[derive(Debug, Default)]
pub struct Narrative {
    /// Words just before the name (after dropping "the"/"a" and an opening bracket or quote).
    pub before: Vec<String>,
    /// Words just after the name.
    pub after: Vec<String>,
}

impl Narrative {
    /// Whether the name at `range` of `text` is a historical mention.
    pub fn is_narrative(&self, text: &str, range: &Range<usize>) -> bool {
        let before = text[..range.start].to_lowercase();
        let mut b = before.trim_end().trim_end_matches(['(', '“', '"', '‘', '\'']).trim_end();
        for article in ["the", "a", "an"] {
            if let Some(rest) =
                b.strip_suffix(article).filter(|r| r.is_empty() || r.ends_with(|c: char| !c.is_alphanumeric()))
            {
                b = rest.trim_end();
                break;
            }
        }
        let ends_with_word = |m: &str| {
            b.strip_suffix(m).is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
        };
        if self.before.iter().any(|m| ends_with_word(m)) {
            return true;
        }
        let after = text[range.end..].to_lowercase();
        let a = after.trim_start_matches(['”', '"', '’', '\'']).trim_start();
        self.after.iter().any(|m| a.starts_with(m.as_str()))
    }
}

/// A name of an entry found in a text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub entry: usize,
    pub range: Range<usize>,
}

/// What a pattern of the combined matcher stands for.
#[derive(Debug, Clone, Copy)]
enum Target {
    Entry(usize),
    /// A longer phrase containing a name that is not the entry ("Special Health Authority").
    Except,
}

#[derive(Debug)]
pub struct Register {
    pub entries: Vec<Entry>,
    /// Source key → citation or address.
    pub sources: Vec<(String, String)>,
    pub narrative: Narrative,
    /// One pattern per exception and per entry, searched together; `None`
    /// when the register names nothing.
    regex: Option<Matcher>,
    /// Pattern id → what it stands for.
    targets: Vec<Target>,
}

impl Register {
    /// Every entry name in `text`, in order, in one pass of one
    /// multi-pattern regex: the match says which pattern matched, so no
    /// capture groups are needed (and a pack's own groups change nothing).
    /// Exceptions are listed first and, at one position, the first listed
    /// pattern wins, so the longer non-stale phrase wins ("Department of
    /// Health and Social Care").
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(regex) = &self.regex else { return Vec::new() };
        regex
            .find_iter(text)
            .into_iter()
            .filter_map(|(pattern, range)| match self.targets.get(pattern) {
                Some(Target::Entry(entry)) => Some(Mention { entry: *entry, range }),
                _ => None,
            })
            .collect()
    }

    /// Whether every pattern can search a document's joined text (see
    /// [`crate::model::pattern::searches_joined`]); a pack's own pattern may not.
    fn joinable(&self) -> bool {
        self.regex.as_ref().is_none_or(Matcher::joinable)
    }

    /// [`Register::find`] in every block of a document, by block: one
    /// search of the document's joined text when the patterns allow it.
    pub fn find_in(&self, doc: &Document) -> Vec<Vec<Mention>> {
        if !self.joinable() {
            return doc.blocks.iter().map(|b| self.find(&b.text)).collect();
        }
        let joined = doc.joined();
        let mut out = vec![Vec::new(); doc.blocks.len()];
        for m in self.find(&joined.text) {
            let (b, range) = joined.locate(m.range);
            out[b].push(Mention { entry: m.entry, range });
        }
        out
    }

    /// The source keys of an entry with their citations: "[S15] https://…".
    pub fn cite(&self, entry: &Entry) -> String {
        entry
            .sources
            .iter()
            .map(|k| match self.sources.iter().find(|(key, _)| key == k) {
                Some((_, v)) => format!("[{k}] {v}"),
                None => format!("[{k}]"),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Parses the register pack. Any problem is a load error with the line.
pub fn parse(file: &Arc<SourceFile>) -> Result<Register, LoadError> {
    let doc = parse_toml(&file.text, file)?;
    let built_in = crate::rules::Packs::is_builtin(file);
    let mut ctx = Ctx::new(file);
    let mut top = TableReader::new(doc.get_ref(), Span::line(file, 1), "");
    check_schema(&mut ctx, &mut top, file)?;

    let mut sources = Vec::new();
    if let Some(mut t) = top.table(&mut ctx, "sources") {
        for (k, v) in t.entries() {
            match v.get_ref().as_str() {
                Some(s) => sources.push((k.get_ref().to_string(), s.to_string())),
                None => {
                    return Err(error_at(
                        file,
                        &ctx.span(v.span()),
                        format!("source `{}` must be a string", k.get_ref()),
                    ));
                }
            }
        }
        t.finish(&mut ctx);
    }
    let mut narrative = Narrative::default();
    if let Some(mut t) = top.table(&mut ctx, "narrative") {
        narrative.before = t.string_array(&mut ctx, "before").into_iter().map(|s| s.value.to_lowercase()).collect();
        narrative.after = t.string_array(&mut ctx, "after").into_iter().map(|s| s.value.to_lowercase()).collect();
        t.finish(&mut ctx);
    }

    let mut entries = Vec::new();
    // Pattern pieces: exceptions first (see `Register::find`), then entries.
    let mut excepts: Vec<String> = Vec::new();
    let mut names: Vec<(usize, String)> = Vec::new();
    for mut t in top.tables(&mut ctx, "entry") {
        let span = t.span().clone();
        let at = format!("{}:{}", file.path, span.start().0);
        let id = t.required_string(&mut ctx, "id");
        let name = t.required_string(&mut ctx, "name");
        let change = t.required_string(&mut ctx, "change");
        let from = t.date(&mut ctx, "from");
        if from.is_none() {
            t.missing(&mut ctx, "from");
        }
        let certain_from = t.date(&mut ctx, "certain_from");
        let successor = t.required_string(&mut ctx, "successor");
        let successor_names = t.string_array(&mut ctx, "successor_names");
        let plain = t.string_array(&mut ctx, "names");
        let acronyms = t.string_array(&mut ctx, "acronyms");
        let patterns = t.string_array(&mut ctx, "patterns");
        let except = t.string_array(&mut ctx, "except");
        let context = t.string_array(&mut ctx, "context");
        let kinds = t.string_array(&mut ctx, "party_kinds");
        let entry_sources = t.string_array(&mut ctx, "sources");
        let verified = t.boolean(&mut ctx, "verified");
        if verified.is_none() {
            t.missing(&mut ctx, "verified");
        }
        let note = t.string(&mut ctx, "note");
        t.finish(&mut ctx);
        first_problem(std::mem::replace(&mut ctx, Ctx::new(file)))?;

        let (Some(id), Some(name), Some(change), Some(from), Some(successor), Some(verified)) =
            (id, name, change, from, successor, verified)
        else {
            continue;
        };
        let change_value = Change::parse(&change.value).ok_or_else(|| {
            let known = Change::ALL.iter().map(|c| c.0).collect::<Vec<_>>().join(", ");
            error_at(file, &change.span, format!("unknown change `{}` (one of {known})", change.value))
        })?;
        let mut party_kinds = Vec::new();
        for k in &kinds {
            party_kinds.push(
                PartyKind::parse(&k.value)
                    .ok_or_else(|| error_at(file, &k.span, format!("unknown party kind `{}`", k.value)))?,
            );
        }
        for s in &entry_sources {
            if !sources.iter().any(|(key, _)| *key == s.value) {
                return Err(error_at(file, &s.span, format!("source `{}` is not listed in [sources]", s.value)));
            }
        }
        if plain.is_empty() && acronyms.is_empty() && patterns.is_empty() {
            return Err(error_at(file, &span, format!("entry `{}` has no names, acronyms or patterns", id.value)));
        }
        let index = entries.len();
        let strings = |v: &[crate::model::Located<String>]| v.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
        // Each piece must stand alone, so an error names its own line. Only
        // its syntax is checked here: compiling it would double the cost of
        // the one combined expression built below. The built-in register's
        // pass this check (a test shows it), so it is not checked on every run.
        for p in patterns.iter().chain(except.iter()).filter(|_| !built_in) {
            if let Err(e) = regex_syntax::Parser::new().parse(&p.value) {
                let first = e.to_string().lines().last().unwrap_or("invalid pattern").trim().to_string();
                return Err(error_at(file, &p.span, format!("invalid pattern `{}`: {first}", p.value)));
            }
        }
        names.push((index, combine::entry_pattern(&strings(&plain), &strings(&acronyms), &strings(&patterns))));
        excepts.extend(combine::words(&strings(&except), true));

        entries.push(Entry {
            id: id.value,
            name: name.value,
            change: change_value,
            from: from.value,
            certain_from: certain_from.map(|c| c.value),
            successor: successor.value,
            successor_names: strings(&successor_names),
            party_kinds,
            context: context.iter().map(|c| c.value.to_lowercase()).collect(),
            sources: strings(&entry_sources),
            verified: verified.value,
            note: note.map(|n| n.value),
            at,
        });
    }
    top.finish(&mut ctx);
    first_problem(ctx)?;

    let (indexes, entry_patterns): (Vec<usize>, Vec<String>) = names.into_iter().unzip();
    let (pieces, n_excepts) = combine::pieces(excepts, entry_patterns);
    let targets =
        std::iter::repeat_n(Target::Except, n_excepts).chain(indexes.into_iter().map(Target::Entry)).collect();
    let regex = Matcher::new(&pieces)
        .map_err(|e| LoadError::file(&file.path, format!("the register's patterns do not combine: {e}")))?;
    Ok(Register { entries, sources, narrative, regex, targets })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_searched_at_once_has_each_blocks_mentions() {
        let packs = crate::rules::Packs::builtin();
        let register = parse(&packs.stale).expect("the built-in register reads");
        assert!(register.joinable(), "the built-in register searches joined text");
        let view = |m: &[Mention]| m.iter().map(|m| (m.entry, m.range.clone())).collect::<Vec<_>>();
        let mut found = 0;
        for doc in crate::rules::testing::bundled_documents() {
            for (b, mentions) in doc.blocks.iter().zip(register.find_in(&doc)) {
                assert_eq!(view(&mentions), view(&register.find(&b.text)), "{}: {}", doc.file.path, b.text);
                found += mentions.len();
            }
        }
        assert!(found > 10, "the bundled agreements name stale bodies ({found} mentions)");
    }

    /// The built-in register loads without checking its patterns one by
    /// one: this shows that they would pass.
    #[test]
    fn the_built_in_registers_patterns_pass_the_check_of_a_repositorys() {
        let packs = crate::rules::Packs::builtin();
        assert!(crate::rules::Packs::is_builtin(&packs.stale));
        let copy = SourceFile::new("register.toml", "register.toml", packs.stale.text.clone());
        assert!(!crate::rules::Packs::is_builtin(&copy));
        let checked = parse(&copy).expect("the built-in register passes every check");
        assert_eq!(checked.entries.len(), parse(&packs.stale).expect("reads").entries.len());
    }

    fn register(text: &str) -> Result<Register, LoadError> {
        parse(&SourceFile::new("register.toml", "register.toml", text.to_string()))
    }

    const SMALL: &str = r#"
schema = 1
[sources]
S1 = "https://example.org"
[narrative]
before = ["formerly", "previously known as"]
after = ["(now"]
[[entry]]
id = "ha"
name = "Health Authority"
change = "renamed"
from = 2002-10-01
successor = "Strategic Health Authority"
names = ["Health Authority", "Health Authorities"]
except = ["Special Health Authority"]
sources = ["S1"]
verified = true
[[entry]]
id = "ccg"
name = "Clinical Commissioning Group"
change = "abolished"
from = 2022-07-01
successor = "Integrated Care Board"
names = ["Clinical Commissioning Group"]
acronyms = ["CCG", "CCGs"]
party_kinds = ["ccg"]
verified = true
"#;

    #[test]
    fn one_pass_finds_names_and_respects_exceptions() {
        let r = register(SMALL).unwrap();
        let text = "the Health Authorities, the CCGs, a Special Health Authority and the ccg";
        let found: Vec<(&str, &str)> =
            r.find(text).iter().map(|m| (r.entries[m.entry].id.as_str(), &text[m.range.clone()])).collect();
        assert_eq!(found, vec![("ha", "Health Authorities"), ("ccg", "CCGs")]);
        assert!(r.find("CCGroup, PCCG").is_empty());
    }

    #[test]
    fn a_pattern_with_its_own_groups_does_not_shift_the_entries_after_it() {
        let pack = SMALL.replace(
            "names = [\"Health Authority\", \"Health Authorities\"]",
            "patterns = ['\\b(Health) (Authority|Authorities)\\b']",
        );
        let r = register(&pack).unwrap();
        let text = "the Health Authority and the CCG";
        let found: Vec<(&str, &str)> =
            r.find(text).iter().map(|m| (r.entries[m.entry].id.as_str(), &text[m.range.clone()])).collect();
        assert_eq!(found, vec![("ha", "Health Authority"), ("ccg", "CCG")]);
    }

    #[test]
    fn narrative_mentions() {
        let r = register(SMALL).unwrap();
        let n = &r.narrative;
        let at = |t: &str, name: &str| {
            let i = t.find(name).unwrap();
            n.is_narrative(t, &(i..i + name.len()))
        };
        assert!(at("the ICB (formerly the CCG) shall", "CCG"));
        assert!(at("the ICB, previously known as “CCG”, shall", "CCG"));
        assert!(at("the CCG (now the ICB) shall", "CCG"));
        assert!(!at("the CCG shall", "CCG"));
        assert!(!at("the Councillor formerly CCG", "Councillor"));
    }

    #[test]
    fn malformed_packs_name_their_line() {
        let err = |t: &str| register(t).unwrap_err().to_string();
        assert!(
            err("schema = 1\n[[entry]]\nid = \"x\"\n").starts_with("register.toml:2:"),
            "{}",
            err("schema = 1\n[[entry]]\nid = \"x\"\n")
        );
        let bad_date = SMALL.replace("from = 2002-10-01", "from = \"2002\"");
        assert!(err(&bad_date).starts_with("register.toml:12:"), "{}", err(&bad_date));
        let bad_pattern = SMALL.replace("acronyms = [\"CCG\", \"CCGs\"]", "patterns = [\"CCG(\"]");
        assert!(err(&bad_pattern).starts_with("register.toml:25:"), "{}", err(&bad_pattern));
        let bad_kind = SMALL.replace("party_kinds = [\"ccg\"]", "party_kinds = [\"gp\"]");
        assert!(err(&bad_kind).contains("unknown party kind `gp`"));
        let bad_source = SMALL.replace("sources = [\"S1\"]", "sources = [\"S9\"]");
        assert!(err(&bad_source).contains("`S9` is not listed"));
        let unknown = SMALL.replace("verified = true\n[[entry]]", "verified = true\nverifed = true\n[[entry]]");
        assert!(err(&unknown).contains("unknown key"));
        assert!(err("schema = 1\n[[entry]\n").contains("malformed TOML"));
    }
}
