//! Who the parties are, as the drafting rules need it: their names (from
//! agreement.toml and the text's parties clause) and the areas of the
//! parties that have one (councils and NHS commissioners).

use crate::model::metadata::PartyKind;
use crate::model::{Agreement, Section};

use super::authorities::{Authorities, council_names};

#[derive(Debug, Default)]
pub struct Parties {
    /// Every party's name, lower-cased.
    pub names: Vec<String>,
    /// Every party's defined name ("the council"), lower-cased.
    pub defined: Vec<String>,
    /// The areas the parties serve, lower-cased ("coventry").
    pub places: Vec<String>,
    /// The parties clause (the preamble), lower-cased.
    pub preamble: String,
    /// The local authority parties' names, for messages.
    pub councils: Vec<String>,
}

/// Kinds of party named after the area they serve: an NHS trust named after
/// two counties serves people from both, but is no authority of either.
fn has_area(kind: Option<PartyKind>, name: &str) -> bool {
    match kind {
        Some(k) => k.is_local_authority() || matches!(k, PartyKind::Icb | PartyKind::Ccg | PartyKind::Pct),
        None => {
            let n = name.to_lowercase();
            n.contains("council") || n.contains("borough") || n.contains("commissioning") || n.contains("care board")
        }
    }
}

/// Words of a body's name that are not its area.
const BODY_WORDS: [&str; 22] = [
    "council of the city of ",
    "council of the county of ",
    "council of the borough of ",
    "london borough of ",
    "royal borough of ",
    "city of ",
    "nhs ",
    " metropolitan borough council",
    " metropolitan district council",
    " county council",
    " city council",
    " borough council",
    " district council",
    " council",
    " integrated care board",
    " clinical commissioning group",
    " primary care trust",
    " icb",
    " ccg",
    " pct",
    " health authority",
    "the ",
];

/// The areas in a party's name: "Coventry" in "The Council of the City of
/// Coventry", "Caldermoor" and "Lynbrook" in "NHS Caldermoor and Lynbrook
/// Integrated Care Board", and any listed place inside it.
fn areas(name: &str, authorities: &Authorities) -> Vec<String> {
    let mut core = format!(" {} ", name.to_lowercase());
    for w in BODY_WORDS {
        core = core.replace(w, " ");
    }
    let core = core.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    if !core.is_empty() {
        out.extend(core.split(" and ").map(str::to_string));
        // "Kestrelshire" of "NHS Kestrelshire Valleys CCG" is its area too.
        out.extend(core.split_whitespace().filter(|w| w.len() > 3 && *w != "and").map(str::to_string));
        out.push(core);
    }
    let lower = name.to_lowercase();
    for p in &authorities.places {
        if super::contains_word_ci(&lower, &p.to_lowercase()) {
            out.push(p.to_lowercase());
        }
    }
    out
}

impl Parties {
    pub fn of(a: &Agreement, authorities: &Authorities) -> Parties {
        let mut p = Parties::default();
        for party in &a.meta.parties {
            let kind = party.kind.as_ref().map(|k| k.value);
            if let Some(name) = &party.name {
                p.names.push(name.value.to_lowercase());
                if has_area(kind, &name.value) {
                    p.places.extend(areas(&name.value, authorities));
                }
                if kind.is_some_and(PartyKind::is_local_authority) {
                    p.councils.push(name.value.clone());
                }
            }
            if let Some(d) = &party.defined_as {
                p.defined.push(d.value.to_lowercase());
            }
        }
        let preamble: Vec<&str> =
            a.body.blocks.iter().filter(|b| b.section == Section::Preamble).map(|b| b.text.as_str()).collect();
        p.preamble = preamble.join("\n").to_lowercase();
        // A council the parties clause names is a party even where
        // agreement.toml does not list it.
        for text in &preamble {
            for c in council_names(&title_case(text), authorities) {
                p.places.push(c.place.to_lowercase());
            }
        }
        p.places.sort();
        p.places.dedup();
        p
    }

    /// Whether `place` is the area of a party.
    pub fn serves(&self, place: &str) -> bool {
        let place = place.to_lowercase();
        self.places.contains(&place)
    }

    /// Whether `text` names the area of a party.
    pub fn named_in(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.places.iter().any(|p| super::contains_word_ci(&lower, p))
    }
}

/// Parties clauses are often in capitals ("WARWICKSHIRE COUNTY COUNCIL"):
/// each word with a capital first letter, so council names are found.
fn title_case(text: &str) -> String {
    const SMALL: [&str; 7] = ["OF", "THE", "AND", "UPON", "ON", "IN", "WITH"];
    text.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_lowercase()
            } else if w.len() > 1 && w.chars().all(|c| !c.is_lowercase()) {
                let mut cs = w.chars();
                cs.next().map_or_else(String::new, |f| f.to_string() + &cs.as_str().to_lowercase())
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
