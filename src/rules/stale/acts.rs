//! Acts of Parliament with the years in which an Act of that short title
//! was passed (`acts.toml`), and a one-pass search for citations of them
//! with a year: "Care Act 2015" is a slip for the Care Act 2014.

use std::ops::Range;
use std::sync::Arc;

use super::combine;
use crate::loading::LoadError;
use crate::loading::toml_reader::{Ctx, TableReader, parse_toml};
use crate::model::pattern::Matcher;
use crate::model::{SourceFile, Span};
use crate::rules::pack_reader::{check_schema, error_at, first_problem};

#[derive(Debug)]
pub struct Act {
    pub title: String,
    /// Every year an Act with this short title was passed, ascending.
    pub years: Vec<i16>,
    pub source: Option<String>,
}

impl Act {
    /// The known year closest to `year` (the earlier one on a tie).
    pub fn nearest(&self, year: i16) -> Option<i16> {
        self.years.iter().copied().min_by_key(|y| ((i32::from(*y) - i32::from(year)).abs(), *y))
    }
}

/// "Care Act 2015" in a text: which Act, the year cited and where.
#[derive(Debug, Clone)]
pub struct Citation {
    pub act: usize,
    pub year: i16,
    pub range: Range<usize>,
}

#[derive(Debug)]
pub struct Acts {
    pub acts: Vec<Act>,
    /// One pattern per act, searched together.
    matcher: Option<Matcher>,
}

/// Words that join a longer title ("Local Government and Public Involvement
/// in Health Act"): a known title right after one is part of another Act.
const JOINING_WORDS: [&str; 8] = ["and", "of", "in", "for", "on", "to", "with", "&"];

impl Acts {
    /// Citations of known Acts with a year, in one pass. A title that is the
    /// tail of a longer one ("Health Act" in "Mental Health Act", or after
    /// "… in") is not a citation of the shorter Act.
    pub fn find(&self, text: &str) -> Vec<Citation> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        let mut out = Vec::new();
        for (act, range) in matcher.find_iter(text) {
            if continues_a_title(&text[..range.start]) {
                continue;
            }
            // A match ends with the year's four digits.
            let Some(year) = text.get(range.end.saturating_sub(4)..range.end).and_then(|y| y.parse::<i16>().ok())
            else {
                continue;
            };
            out.push(Citation { act, year, range });
        }
        out
    }
}

fn continues_a_title(before: &str) -> bool {
    let trimmed = before.trim_end();
    if trimmed.ends_with(')') {
        return true;
    }
    let last = trimmed.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    last.chars().next().is_some_and(char::is_uppercase) || JOINING_WORDS.contains(&last)
}

pub fn parse(file: &Arc<SourceFile>) -> Result<Acts, LoadError> {
    let doc = parse_toml(&file.text, file)?;
    let mut ctx = Ctx::new(file);
    let mut top = TableReader::new(doc.get_ref(), Span::line(file, 1), "");
    check_schema(&mut ctx, &mut top, file)?;
    let mut acts = Vec::new();
    let mut pieces = Vec::new();
    for mut t in top.tables(&mut ctx, "act") {
        let span = t.span().clone();
        let title = t.required_string(&mut ctx, "title");
        let aliases = t.string_array(&mut ctx, "aliases");
        let source = t.string(&mut ctx, "source");
        let years = read_years(&mut ctx, &mut t, file)?;
        t.finish(&mut ctx);
        first_problem(std::mem::replace(&mut ctx, Ctx::new(file)))?;
        let Some(title) = title else { continue };
        if years.is_empty() {
            return Err(error_at(file, &span, format!("act `{}` has no years", title.value)));
        }
        let names: Vec<String> = std::iter::once(&title).chain(aliases.iter()).map(|n| n.value.clone()).collect();
        pieces.push(combine::act_pattern(&names));
        acts.push(Act { title: title.value, years, source: source.map(|s| s.value) });
    }
    top.finish(&mut ctx);
    first_problem(ctx)?;
    let matcher = Matcher::new(&pieces)
        .map_err(|e| LoadError::file(&file.path, format!("the act titles do not combine: {e}")))?;
    Ok(Acts { acts, matcher })
}

const ACT_KEYS: [&str; 5] = ["title", "aliases", "source", "years", "sections"];

/// Reads `years`. The reader has no integer-array accessor, and listing a
/// table's entries marks every key used, so unknown keys are checked here.
fn read_years(ctx: &mut Ctx, t: &mut TableReader, file: &Arc<SourceFile>) -> Result<Vec<i16>, LoadError> {
    let entries = t.entries();
    if let Some((k, _)) = entries.iter().find(|(k, _)| !ACT_KEYS.contains(&k.get_ref().as_ref())) {
        return Err(error_at(
            file,
            &ctx.span(k.span()),
            format!("unknown key `{}` (an act has {})", k.get_ref(), ACT_KEYS.join(", ")),
        ));
    }
    let Some((_, value)) = entries.into_iter().find(|(k, _)| k.get_ref() == "years") else {
        t.missing(ctx, "years");
        return Ok(Vec::new());
    };
    let span = ctx.span(value.span());
    let items = value.get_ref().as_array().ok_or_else(|| error_at(file, &span, "`years` must be an array of years"))?;
    let mut years = Vec::new();
    for item in items.iter() {
        let year = item
            .get_ref()
            .as_integer()
            .and_then(|i| i.as_str().parse::<i16>().ok())
            .filter(|y| (1600..2100).contains(y))
            .ok_or_else(|| error_at(file, &ctx.span(item.span()), "a year must be a number such as 2014"))?;
        years.push(year);
    }
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTS: &str = r#"
schema = 1
[[act]]
title = "Care Act"
years = [2014]
[[act]]
title = "Health Act"
years = [1999, 2006, 2009]
[[act]]
title = "Mental Health Act"
years = [1959, 1983, 2007]
[[act]]
title = "National Health Service Act"
aliases = ["NHS Act"]
years = [1946, 1977, 2006]
[[act]]
title = "Contracts (Rights of Third Parties) Act"
years = [1999]
"#;

    /// The built-in list's matcher (one pattern per Act) cites what
    /// one pattern with a named group per Act (the first way of writing it)
    /// cites, in the bundled agreements and in a list of the Acts cited
    /// with and without their years.
    #[test]
    fn the_matcher_cites_what_one_pattern_of_all_titles_cites() {
        let packs = crate::rules::Packs::builtin();
        let acts = parse(&packs.acts).expect("the built-in list reads");
        // Each Act's title and aliases, read from the list as it is written.
        let list: toml::Table = packs.acts.text.parse().expect("the list is TOML");
        let mut groups = Vec::new();
        for (i, act) in list["act"].as_array().expect("[[act]]").iter().enumerate() {
            let aliases = act.get("aliases").and_then(|a| a.as_array()).cloned().unwrap_or_default();
            let names = std::iter::once(&act["title"]).chain(aliases.iter()).filter_map(|n| n.as_str());
            let body: Vec<String> =
                names.map(|n| n.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+")).collect();
            groups.push(format!("(?P<a{i}>{})", body.join("|")));
        }
        let pattern = format!(r"(?-u:\b)(?:{})\s+(?P<year>1[6-9][0-9][0-9]|20[0-9][0-9])(?-u:\b)", groups.join("|"));
        let one = regex::Regex::new(&pattern).expect("compiles");
        let cite = |text: &str| -> Vec<(usize, i16, Range<usize>)> {
            one.captures_iter(text)
                .filter_map(|c| {
                    let whole = c.get(0)?;
                    let act = (0..acts.acts.len()).find(|i| c.name(&format!("a{i}")).is_some())?;
                    let year = c.name("year")?.as_str().parse().ok()?;
                    (!continues_a_title(&text[..whole.start()])).then(|| (act, year, whole.range()))
                })
                .collect()
        };
        let listed: String =
            acts.acts.iter().map(|a| format!("the {} {}, {} 1999; ", a.title, a.years[0], a.title)).collect();
        let mut texts: Vec<String> =
            crate::rules::testing::bundled_documents().iter().map(|d| d.joined().text.clone()).collect();
        texts.push(listed);
        let mut cited = 0;
        for text in &texts {
            let found: Vec<_> = acts.find(text).into_iter().map(|c| (c.act, c.year, c.range)).collect();
            assert_eq!(found, cite(text));
            cited += found.len();
        }
        assert!(cited > acts.acts.len(), "{cited} citations");
    }

    fn acts() -> Acts {
        parse(&SourceFile::new("acts.toml", "acts.toml", ACTS.to_string())).unwrap()
    }

    #[test]
    fn finds_citations_of_known_titles_only() {
        let a = acts();
        let text = "the Care Act 2015, the Mental Health Act 1983, the Health and Social Care Act 2012, \
                    the Local Government and Public Involvement in Health Act 2007, the NHS Act 2006, \
                    the Contracts (Rights of Third Parties) Act 1999 and the Care\nAct 2014";
        let found: Vec<(String, i16)> = a.find(text).iter().map(|c| (a.acts[c.act].title.clone(), c.year)).collect();
        assert_eq!(
            found,
            vec![
                ("Care Act".to_string(), 2015),
                ("Mental Health Act".to_string(), 1983),
                ("National Health Service Act".to_string(), 2006),
                ("Contracts (Rights of Third Parties) Act".to_string(), 1999),
                ("Care Act".to_string(), 2014),
            ]
        );
    }

    #[test]
    fn nearest_year() {
        let a = acts();
        assert_eq!(a.acts[0].nearest(2015), Some(2014));
        assert_eq!(a.acts[1].nearest(2007), Some(2006));
        assert_eq!(a.acts[1].nearest(2008), Some(2009));
    }

    #[test]
    fn malformed_years_name_the_line() {
        let bad = ACTS.replace("years = [2014]", "years = [\"2014\"]");
        let err = parse(&SourceFile::new("acts.toml", "acts.toml", bad)).unwrap_err().to_string();
        assert!(err.starts_with("acts.toml:5:"), "{err}");
    }
}
