//! The list of English local authorities (`authorities.toml`), and how a
//! council's name is recognised in text whether or not it is on the list.

use std::sync::Arc;

use crate::fast_hash::HashSet;

use regex::Regex;

use crate::loading::LoadError;
use crate::loading::toml_reader::{Ctx, TableReader, parse_toml};
use crate::model::{SourceFile, Span};
use crate::rules::pack_reader::{check_schema, first_problem};

/// The areas of English local authorities, as agreements write them.
#[derive(Debug)]
pub struct Authorities {
    /// Every name, current and former.
    pub places: Vec<String>,
    /// Names that are also ordinary words or surnames: never matched alone.
    also_words: Vec<String>,
    /// "in Warwickshire", "the Warwickshire … Agreement": places matched
    /// alone, longest names first so "North Warwickshire" wins over
    /// "Warwickshire".
    pub alone: Option<Regex>,
    /// The first word of each name matched alone ("North" of "North
    /// Warwickshire"): a block has none of them, it names no such place.
    first_words: HashSet<String>,
}

const LISTS: [&str; 6] = ["counties", "unitary", "metropolitan", "london", "districts", "former"];

impl Authorities {
    pub fn parse(file: &Arc<SourceFile>) -> Result<Authorities, LoadError> {
        let doc = parse_toml(&file.text, file)?;
        let mut ctx = Ctx::new(file);
        let mut top = TableReader::new(doc.get_ref(), Span::line(file, 1), "");
        check_schema(&mut ctx, &mut top, file)?;
        if top.date(&mut ctx, "as_of").is_none() {
            top.missing(&mut ctx, "as_of");
        }
        if top.string_array(&mut ctx, "sources").is_empty() {
            top.missing(&mut ctx, "sources");
        }
        let mut places: Vec<String> = Vec::new();
        for list in LISTS {
            places.extend(top.string_array(&mut ctx, list).into_iter().map(|p| p.value));
        }
        let also_words: Vec<String> = top.string_array(&mut ctx, "also_words").into_iter().map(|p| p.value).collect();
        top.finish(&mut ctx);
        first_problem(ctx)?;
        let mut alone: Vec<&String> = places.iter().filter(|p| !also_words.contains(p)).collect();
        alone.sort_by_key(|p| std::cmp::Reverse(p.len()));
        alone.dedup();
        let first_words = alone.iter().filter_map(|p| p.split(|c: char| !c.is_alphanumeric()).next()).map(String::from);
        let first_words = first_words.collect();
        let alone = (!alone.is_empty())
            .then(|| {
                let names: Vec<String> = alone.iter().map(|p| regex::escape(p)).collect();
                Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", names.join("|")))
            })
            .transpose()
            .map_err(|e| LoadError::file(&file.path, format!("the authority names do not combine: {e}")))?;
        Ok(Authorities { places, also_words, alone, first_words })
    }

    /// Whether `name` is an authority's area on the list (any case).
    pub fn is_place(&self, name: &str) -> bool {
        self.places.iter().any(|p| p.eq_ignore_ascii_case(name))
    }

    /// Whether a word of a text may begin a place [`Authorities::alone`]
    /// matches: the first word of one, or a word with a letter outside ASCII
    /// (the pattern's ASCII `\b` may fall inside it).
    pub fn may_begin_place(&self, word: &str) -> bool {
        !word.is_ascii() || self.first_words.contains(word)
    }

    /// Whether `name` is on the list only as an ordinary word.
    pub fn is_also_word(&self, name: &str) -> bool {
        self.also_words.iter().any(|p| p.eq_ignore_ascii_case(name))
    }
}

/// A council's name in running text: "Warwickshire County Council",
/// "London Borough of Camden", "the Council of the City of Coventry".
#[derive(Debug, Clone)]
pub struct CouncilName {
    /// The whole name, as written.
    pub range: std::ops::Range<usize>,
    /// The area it is named after, as written ("Warwickshire").
    pub place: String,
}

/// Words that can stand before "County Council" without being a place:
/// "the County Council", "each District Council".
const NOT_PLACES: [&str; 24] = [
    "the",
    "a",
    "an",
    "any",
    "each",
    "every",
    "relevant",
    "other",
    "another",
    "host",
    "lead",
    "partner",
    "local",
    "that",
    "this",
    "such",
    "said",
    "neighbouring",
    "responsible",
    "former",
    "new",
    "our",
    "its",
    "their",
];

fn council_patterns() -> &'static [Regex; 2] {
    static PATTERNS: std::sync::OnceLock<[Regex; 2]> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        const WORD: &str = r"[A-Z][A-Za-z'’\-]*";
        [
            // Capitalised words, possibly joined ("Brighton and Hove",
            // "Newcastle upon Tyne"), then the kind of council.
            Regex::new(&format!(
                r"(?-u:\b)((?:{WORD})(?:(?: and| upon| on| under| with| of| in)? {WORD})*) (?:County|City|Borough|District|Metropolitan Borough|Metropolitan District) Council(?-u:\b)"
            ))
            .expect("the council pattern compiles"),
            Regex::new(&format!(
                r"(?-u:\b)(?:London Borough|Royal Borough|Council of the (?:City|County|Borough|Royal Borough|District)) of ((?:{WORD})(?:(?: and| upon| on)? {WORD})*)"
            ))
            .expect("the borough pattern compiles"),
        ]
    })
}

/// Phrases without which neither of [`council_patterns`] matches.
fn council_phrases() -> &'static Regex {
    static PHRASES: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        Regex::new("(?:County|City|Borough|District) Council|London Borough|Royal Borough|Council of the")
            .expect("the phrases compile")
    })
}

/// The council names in `text`, each with the place it is named after.
pub fn council_names(text: &str, authorities: &Authorities) -> Vec<CouncilName> {
    let mut out: Vec<CouncilName> = Vec::new();
    // Both patterns need one of these phrases; most paragraphs have none,
    // and a search for literal phrases is much cheaper than the patterns'.
    if !council_phrases().is_match(text) {
        return out;
    }
    for (k, pattern) in council_patterns().iter().enumerate() {
        for c in pattern.captures_iter(text) {
            let (Some(whole), Some(words)) = (c.get(0), c.get(1)) else { continue };
            let Some((place, offset)) = place_of(words.as_str(), authorities, k == 0) else { continue };
            let start = if k == 0 { words.start() + offset } else { whole.start() };
            if out.iter().any(|o| o.range.start < whole.end() && start < o.range.end) {
                continue;
            }
            out.push(CouncilName { range: start..whole.end(), place });
        }
    }
    out.sort_by_key(|c| c.range.start);
    out
}

/// The place within the capitalised words before (or after) a council's
/// kind: the longest tail that is a listed place, else the last words that
/// are not joined by "and" ("… NHS Trust and Coventry City Council" is about
/// Coventry). Returns the place and its byte offset in `words`.
fn place_of(words: &str, authorities: &Authorities, before_kind: bool) -> Option<(String, usize)> {
    let tokens: Vec<(usize, &str)> = words
        .split(' ')
        .scan(0, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .collect();
    let candidates: Vec<usize> = if before_kind { (0..tokens.len()).collect() } else { vec![0] };
    for &from in &candidates {
        let tail = &words[tokens[from].0..];
        if authorities.is_place(tail) {
            return Some((tail.to_string(), tokens[from].0));
        }
    }
    // Not listed: the run of capitalised words after the last joining "and".
    let from = if before_kind { tokens.iter().rposition(|(_, w)| *w == "and").map_or(0, |i| i + 1) } else { 0 };
    let (start, first) = *tokens.get(from)?;
    if NOT_PLACES.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    Some((words[start..].to_string(), start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Packs;

    fn authorities() -> Authorities {
        Authorities::parse(&Packs::builtin().authorities).expect("the built-in list reads")
    }

    fn places(text: &str) -> Vec<String> {
        council_names(text, &authorities()).into_iter().map(|c| c.place).collect()
    }

    #[test]
    fn the_built_in_list_reads_and_knows_english_authorities() {
        let a = authorities();
        for p in ["Warwickshire", "Coventry", "Brighton and Hove", "Tower Hamlets", "Aylesbury Vale"] {
            assert!(a.is_place(p), "{p}");
        }
        assert!(a.is_also_word("Reading"));
        assert!(a.places.len() > 300, "{}", a.places.len());
    }

    #[test]
    fn council_names_give_their_place() {
        assert_eq!(places("between Warwickshire County Council and the Trust"), ["Warwickshire"]);
        assert_eq!(places("the Trust and Coventry City Council"), ["Coventry"]);
        assert_eq!(places("the London Borough of Tower Hamlets shall"), ["Tower Hamlets"]);
        assert_eq!(places("THE COUNCIL OF THE CITY OF COVENTRY"), Vec::<String>::new(), "capitals are a party heading");
        assert_eq!(places("the Council of the City of Coventry"), ["Coventry"]);
        assert_eq!(places("The Council of the City of Coventry"), ["Coventry"]);
        assert_eq!(places("Brighton and Hove City Council"), ["Brighton and Hove"]);
        assert_eq!(places("Kestrelshire County Council"), ["Kestrelshire"], "a place not on the list");
    }

    #[test]
    fn generic_councils_are_not_names() {
        assert_eq!(places("The County Council shall pay"), Vec::<String>::new());
        assert_eq!(places("each District Council and the City Council"), Vec::<String>::new());
    }
}
