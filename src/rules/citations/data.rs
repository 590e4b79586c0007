//! The knowledge the citation rules check against, read from the packs:
//! Acts (titles, years, the subsection structure of the sections these
//! agreements cite) from `acts.toml`, statutory instruments from
//! `instruments.toml`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::loading::LoadError;
use crate::loading::toml_reader::{Ctx, TableReader, parse_toml};
use crate::model::{SourceFile, Span};
use crate::rules::pack_reader::{check_schema, error_at, first_problem};

#[derive(Debug)]
pub struct Act {
    pub title: String,
    /// The title and its aliases, as agreements write them.
    pub names: Vec<String>,
    pub years: Vec<i16>,
    pub source: Option<String>,
    pub sections: Vec<Section>,
}

/// A section whose subsections are numbered — (1), (2) … — in the Act of `year`.
#[derive(Debug)]
pub struct Section {
    pub year: i16,
    pub number: String,
    /// Its highest numbered subsection, where the data gives it.
    pub highest: Option<u32>,
    pub source: Option<String>,
}

#[derive(Debug)]
pub struct Instrument {
    pub year: i16,
    pub number: u32,
    pub title: String,
    pub names: Vec<String>,
    pub source: Option<String>,
}

impl Instrument {
    pub fn citation(&self) -> String {
        format!("SI {}/{}", self.year, self.number)
    }
}

#[derive(Debug)]
pub struct Knowledge {
    pub acts: Vec<Act>,
    pub instruments: Vec<Instrument>,
    /// Every Act's names, as [`normal`] writes them, to the Act's index.
    act_names: HashMap<String, usize>,
    /// The same for the instruments.
    instrument_names: HashMap<String, usize>,
}

impl Knowledge {
    pub fn read(acts: &Arc<SourceFile>, instruments: &Arc<SourceFile>) -> Result<Knowledge, LoadError> {
        let acts = read_acts(acts)?;
        let act_names =
            acts.iter().enumerate().flat_map(|(i, a)| a.names.iter().map(move |n| (normal(n), i))).collect();
        let instruments = read_instruments(instruments)?;
        let instrument_names =
            instruments.iter().enumerate().flat_map(|(i, s)| s.names.iter().map(move |n| (normal(n), i))).collect();
        Ok(Knowledge { acts, instruments, act_names, instrument_names })
    }

    /// The Act whose title or alias is exactly `name`.
    pub fn act_named(&self, name: &str) -> Option<&Act> {
        self.act_names.get(&normal(name)).map(|&i| &self.acts[i])
    }

    /// Whether an instrument's title or alias is exactly `name`.
    pub fn instrument_named(&self, name: &str) -> bool {
        self.instrument_names.contains_key(&normal(name))
    }

    pub fn instrument(&self, year: i16, number: u32) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.year == year && i.number == number)
    }
}

/// A name as the lists are looked up: equal but for spacing, the kind of
/// apostrophe and "&" for "and" ("Health & Social Care Act 2012" is the
/// Act, informally written).
fn normal(s: &str) -> String {
    s.replace('’', "'").split_whitespace().map(|w| if w == "&" { "and" } else { w }).collect::<Vec<_>>().join(" ")
}

/// `acts.toml` is checked strictly by `stale.act-year`, which reads it too;
/// here only what these rules use is taken, and `sections` checked.
fn read_acts(file: &Arc<SourceFile>) -> Result<Vec<Act>, LoadError> {
    let table: toml::Table = file.text.parse().map_err(|e| LoadError::file(&file.path, format!("{e}")))?;
    let Some(list) = table.get("act").and_then(|a| a.as_array()) else { return Ok(Vec::new()) };
    let mut acts = Vec::new();
    for entry in list {
        let Some(title) = entry.get("title").and_then(|t| t.as_str()) else { continue };
        let mut names = vec![title.to_string()];
        let aliases = entry.get("aliases").and_then(|a| a.as_array());
        names.extend(aliases.into_iter().flatten().filter_map(|a| a.as_str()).map(str::to_string));
        let years: Vec<i16> = entry
            .get("years")
            .and_then(|y| y.as_array())
            .into_iter()
            .flatten()
            .filter_map(|y| y.as_integer().and_then(|y| i16::try_from(y).ok()))
            .collect();
        let source = entry.get("source").and_then(|s| s.as_str()).map(str::to_string);
        let mut sections = Vec::new();
        for s in entry.get("sections").and_then(|s| s.as_array()).into_iter().flatten() {
            let bad =
                || LoadError::file(&file.path, format!("act `{title}`: each of `sections` needs `year` and `section`"));
            let year =
                s.get("year").and_then(|y| y.as_integer()).and_then(|y| i16::try_from(y).ok()).ok_or_else(bad)?;
            let number = s.get("section").and_then(|n| n.as_str()).ok_or_else(bad)?.to_string();
            if !years.contains(&year) {
                return Err(LoadError::file(
                    &file.path,
                    format!("act `{title}`: section {number} names {year}, not one of its years"),
                ));
            }
            let highest = s.get("highest").and_then(|h| h.as_integer()).and_then(|h| u32::try_from(h).ok());
            let source = s.get("source").and_then(|s| s.as_str()).map(str::to_string);
            sections.push(Section { year, number, highest, source });
        }
        acts.push(Act { title: title.to_string(), names, years, source, sections });
    }
    Ok(acts)
}

fn read_instruments(file: &Arc<SourceFile>) -> Result<Vec<Instrument>, LoadError> {
    let doc = parse_toml(&file.text, file)?;
    let mut ctx = Ctx::new(file);
    let mut top = TableReader::new(doc.get_ref(), Span::line(file, 1), "");
    check_schema(&mut ctx, &mut top, file)?;
    let mut out = Vec::new();
    for mut t in top.tables(&mut ctx, "instrument") {
        let number = t.required_string(&mut ctx, "number");
        let title = t.required_string(&mut ctx, "title");
        let aliases = t.string_array(&mut ctx, "aliases");
        let source = t.string(&mut ctx, "source");
        t.finish(&mut ctx);
        let (Some(number), Some(title)) = (number, title) else { continue };
        let parsed =
            number.value.split_once('/').and_then(|(y, n)| Some((y.parse::<i16>().ok()?, n.parse::<u32>().ok()?)));
        let Some((year, num)) = parsed else {
            return Err(error_at(
                file,
                &number.span,
                format!("`number` must be YEAR/NUMBER, such as \"2000/617\", not `{}`", number.value),
            ));
        };
        let mut names = vec![title.value.clone()];
        names.extend(aliases.into_iter().map(|a| a.value));
        out.push(Instrument { year, number: num, title: title.value, names, source: source.map(|s| s.value) });
    }
    top.finish(&mut ctx);
    first_problem(ctx)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_packs_read() {
        let packs = crate::rules::Packs::builtin();
        let k = Knowledge::read(&packs.acts, &packs.instruments).expect("reads");
        let nhs = k.act_named("NHS Act").expect("an alias");
        assert_eq!(nhs.title, "National Health Service Act");
        assert!(nhs.sections.iter().any(|s| s.year == 2006 && s.number == "75" && s.highest == Some(9)));
        assert_eq!(k.instrument(2000, 617).map(|i| i.citation()), Some("SI 2000/617".to_string()));
        // Every entry names its source.
        assert!(k.instruments.iter().all(|i| i.source.as_deref().is_some_and(|s| s.contains("legislation.gov.uk"))));
    }

    #[test]
    fn a_malformed_instrument_names_its_line() {
        let text = "schema = 1\n[[instrument]]\nnumber = \"2000-617\"\ntitle = \"X Regulations 2000\"\n";
        let file = SourceFile::new("i.toml", "i.toml", text.to_string());
        let acts = SourceFile::new("a.toml", "a.toml", "schema = 1\n".to_string());
        let err = Knowledge::read(&acts, &file).unwrap_err().to_string();
        assert!(err.starts_with("i.toml:3:"), "{err}");
    }
}
