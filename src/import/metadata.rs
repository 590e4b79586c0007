//! The skeleton `agreement.toml`: what the importer could read from the text,
//! with comments telling the user what to check and what to complete.
//!
//! Written as text rather than serialised, because the comments are the point:
//! a skeleton without them would look complete when it is not. Every value is
//! quoted by the `toml` crate so that any text from the agreement is valid TOML.

use std::fmt::Write as _;

use super::structure::{Document, Party};
use super::tokens::is_all_caps;

/// One schedule as the skeleton lists it.
pub(crate) struct ScheduleEntry {
    pub number: String,
    pub title: Option<String>,
    pub file: String,
    pub not_used: bool,
}

pub(crate) struct Source<'a> {
    pub id: &'a str,
    /// The input's name, for the header comment.
    pub name: &'a str,
    pub first_line: usize,
    pub last_line: usize,
    /// Notes on the import (clause numbers rebuilt or missing).
    pub notes: &'a [String],
}

pub(crate) fn skeleton(src: &Source<'_>, doc: &Document, schedules: &[ScheduleEntry]) -> String {
    let facts = &doc.facts;
    let parties: Vec<SkeletonParty> = skeleton_parties(&facts.parties);
    let mut t = String::new();
    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(t, "# Written by `s75 import` from {} (lines {}–{}).", src.name, src.first_line, src.last_line);
    t.push_str("# The importer filled in what it could read from the text. Complete every\n");
    t.push_str("# TODO, check every value marked \"guessed: check\", then run `s75 validate`.\n");
    for note in src.notes {
        let _ = writeln!(t, "# Note: {}.", one_line(note));
    }
    t.push('\n');
    t.push_str("schema = 1\n");
    let _ = writeln!(t, "id = {}", q(src.id));
    let title = match parties.as_slice() {
        [] => "Section 75 Partnership Agreement".to_string(),
        ps => format!(
            "Section 75 Partnership Agreement between {}",
            ps.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" and ")
        ),
    };
    let _ = writeln!(t, "title = {}  # TODO: the agreement's own title", q(&title));
    t.push_str("# illustrative = \"\"         # TODO if this is not the signed text: say why\n");
    t.push_str("# predecessor = \"\"          # TODO: id of the agreement this one extends or renews\n");
    t.push_str("# statutory_basis = [\"NHS Act 2006 s.75\", \"SI 2000/617\"]  # TODO: confirm\n");
    let read = super::facts::read(doc.body.iter().chain(doc.schedules.iter().flat_map(|s| s.blocks.iter())));
    write_arrangements(&mut t, read.pooled_fund, &super::arrangements::read(doc.body.iter(), &named(&parties)));
    let host = read.host.as_ref().and_then(|(name, line)| host_key(&parties, name).map(|k| (k, name, line)));
    match host {
        Some((key, name, line)) => {
            let _ = writeln!(t, "host = {}  # \"{}\", source line {line}", q(key), one_line(name));
        }
        None => {
            t.push_str("# host = \"\"                 # TODO: key of the host partner (the Host Authority), if any\n")
        }
    }

    t.push_str("\n[status]\n");
    match (&facts.date_line, &facts.made_on) {
        (Some((line, at)), Some(date)) if facts.execution_blocks > 0 && !facts.execution_filled => {
            let _ = writeln!(t, "# The date line (source line {at}) reads: {}", one_line(line));
            let _ = writeln!(
                t,
                "state = \"draft\"  # TODO: dated {date}, but no signature block names a signatory or a date: \"signed\" if it was signed"
            );
        }
        (Some((line, at)), Some(date)) => {
            let _ = writeln!(t, "# The date line (source line {at}) reads: {}", one_line(line));
            let _ = writeln!(t, "state = \"signed\"  # guessed: check — the date line is dated {date}");
            t.push_str("# signed = [{ party = \"\", date = YYYY-MM-DD }]  # TODO: who signed, and when\n");
        }
        (Some((line, at)), None) => {
            let _ = writeln!(t, "# The date line (source line {at}) has no date: {}", one_line(line));
            t.push_str("state = \"draft\"  # TODO: \"signed\" if it was signed, with signed = [{ party = \"\", date = YYYY-MM-DD }]\n");
        }
        (None, _) => {
            t.push_str("state = \"draft\"  # TODO: no date line was found; \"signed\" if it was signed\n");
        }
    }

    if parties.is_empty() {
        t.push_str("\n# TODO: no parties were found in the preamble; add one [[parties]] table each:\n");
        t.push_str("# [[parties]]\n# key = \"\"\n# name = \"\"\n# kind = \"\"\n# defined_as = \"\"\n");
    }
    for p in &parties {
        t.push_str("\n[[parties]]\n");
        let _ = writeln!(t, "key = {}", q(&p.key));
        let _ = writeln!(t, "name = {}  # from the preamble, source line {}", q(&p.name), p.line);
        match p.kind {
            Some((kind, false)) => {
                let _ = writeln!(t, "kind = {}", q(kind));
            }
            Some((kind, true)) => {
                let _ = writeln!(t, "kind = {}  # guessed: check", q(kind));
            }
            None => t.push_str("kind = \"\"  # TODO: the kind of body (see docs/FORMAT.md)\n"),
        }
        match &p.defined_as {
            Some(d) => {
                let _ = writeln!(t, "defined_as = {}", q(d));
            }
            None => t.push_str("defined_as = \"\"  # TODO: the name the text uses for this party\n"),
        }
        if let Some(a) = &p.address {
            let _ = writeln!(t, "address = {}", q(a));
        }
        t.push_str("# signatory = \"\"  # TODO: role of the person who signs\n");
    }

    t.push_str("\n[term]\n");
    match facts.commencement {
        Some((date, line)) => {
            let _ =
                writeln!(t, "commencement = {date}  # from the \"Commencement Date\" definition, source line {line}");
        }
        None if read.commencement.is_some() => {
            if let Some((date, line)) = read.commencement {
                let _ = writeln!(t, "commencement = {date}  # the first day of the term, source line {line}");
            }
        }
        None => t.push_str("# commencement = YYYY-MM-DD  # TODO: required; not found in the text\n"),
    }
    match read.expiry {
        Some((date, line)) => {
            let _ = writeln!(t, "expiry = {date}  # the last day of the term, source line {line}");
        }
        None => t.push_str("# length = \"\"  # TODO: \"N days|weeks|months|years\" (or expiry = YYYY-MM-DD)\n"),
    }
    match &read.notice {
        Some((notice, line)) => {
            let _ = writeln!(t, "notice = {}  # termination notice, source line {line}", q(notice));
        }
        None => t.push_str("# notice = \"\"  # TODO: termination notice period, with the clause that states it\n"),
    }

    let all: Vec<_> = doc.body.iter().chain(doc.schedules.iter().flat_map(|s| s.blocks.iter())).collect();
    write_contributions(
        &mut t,
        &parties,
        &super::facts::contributions(all.iter().copied()),
        read.pooled_fund.is_some(),
    );

    if schedules.is_empty() {
        t.push_str("\n# No schedules were found.\n");
    }
    for s in schedules {
        t.push_str("\n[[schedules]]\n");
        let _ = writeln!(t, "number = {}", q(&s.number));
        match &s.title {
            Some(title) => {
                let _ = writeln!(t, "title = {}", q(title));
            }
            None => t.push_str("title = \"\"  # TODO: no title was found after the heading\n"),
        }
        let _ = writeln!(t, "file = {}", q(&s.file));
        if s.not_used {
            t.push_str("not_used = true\n");
        }
    }
    t
}

/// `arrangements = [ … ]`, one value a line with the source line it was
/// read from; the kinds not found stay a TODO.
fn write_arrangements(t: &mut String, pooled_fund: Option<usize>, found: &[super::arrangements::Found]) {
    const ALL: [&str; 4] =
        ["pooled-fund", "nhs-exercises-la-functions", "la-exercises-nhs-functions", "staff-goods-services"];
    let mut lines: Vec<(&str, String)> = Vec::new();
    if let Some(line) = pooled_fund {
        lines.push(("pooled-fund", format!("a pooled fund (reg 7), source line {line}")));
    }
    for f in found {
        lines.push((f.kind, format!("{}, source line {}", f.why, f.line)));
    }
    let missing: Vec<String> =
        ALL.iter().filter(|k| !lines.iter().any(|(l, _)| l == *k)).map(|k| format!("\"{k}\"")).collect();
    if lines.is_empty() {
        t.push_str("# arrangements = []         # TODO: any of \"pooled-fund\", \"nhs-exercises-la-functions\",\n");
        t.push_str("#                           # \"la-exercises-nhs-functions\", \"staff-goods-services\"\n");
        return;
    }
    t.push_str("arrangements = [\n");
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 4;
    for (kind, why) in &lines {
        let _ = writeln!(t, "  {:<width$}# {why}", format!("\"{kind}\","));
    }
    match missing.split_last() {
        None => t.push_str("]  # read from the text: check\n"),
        Some((last, [])) => {
            let _ = writeln!(t, "]  # read from the text: check; TODO: add {last} if it applies");
        }
        Some((last, rest)) => {
            let _ =
                writeln!(t, "]  # read from the text: check; TODO: add {} or {last} if they apply", rest.join(", "));
        }
    }
}

/// The parties by the names the text uses for them, and their sides.
fn named(parties: &[SkeletonParty]) -> Vec<super::arrangements::Named> {
    use super::arrangements::{Named, Side};
    parties
        .iter()
        .filter_map(|p| {
            let name = p.defined_as.as_deref()?.trim();
            let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
            let (kind, _) = p.kind?;
            let council = kind.ends_with("council") || kind == "combined-authority";
            (!name.is_empty())
                .then(|| Named { name: name.to_string(), side: if council { Side::Council } else { Side::Nhs } })
        })
        .collect()
}

struct SkeletonParty {
    key: String,
    name: String,
    /// The kind, and whether it is a guess.
    kind: Option<(&'static str, bool)>,
    defined_as: Option<String>,
    address: Option<String>,
    line: usize,
}

fn skeleton_parties(parties: &[Party]) -> Vec<SkeletonParty> {
    let mut out: Vec<SkeletonParty> = Vec::new();
    for p in parties {
        let kind = party_kind(&p.name);
        let mut key = p
            .defined_as
            .as_deref()
            .map(|d| {
                let d = d.trim();
                let d = d.strip_prefix("the ").or_else(|| d.strip_prefix("The ")).unwrap_or(d);
                key_slug(d)
            })
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| key_slug(kind.map_or("party", |(k, _)| k)));
        if out.iter().any(|o| o.key == key) {
            let base = key.clone();
            let mut n = 2;
            while out.iter().any(|o| o.key == key) {
                key = format!("{base}-{n}");
                n += 1;
            }
        }
        out.push(SkeletonParty {
            key,
            name: title_case(&p.name),
            kind,
            defined_as: p.defined_as.clone(),
            address: p.address.clone(),
            line: p.line,
        });
    }
    out
}

/// `[[pooled_fund.contributions]]` from the finance table, when every party
/// has a row in it: a table that names only some of them is not the one the
/// record needs, and a part-filled list would read as missing contributions.
fn write_contributions(t: &mut String, parties: &[SkeletonParty], rows: &[super::facts::Contribution], pooled: bool) {
    let keyed: Vec<(&str, &super::facts::Contribution)> =
        rows.iter().filter_map(|c| host_key(parties, &c.partner).map(|k| (k, c))).collect();
    let complete = parties.iter().all(|p| keyed.iter().any(|(k, _)| *k == p.key));
    if !pooled || !complete || keyed.is_empty() {
        return;
    }
    for (key, c) in keyed {
        t.push_str("\n[[pooled_fund.contributions]]\n");
        let _ = writeln!(t, "party = {}", q(key));
        let _ = writeln!(t, "year = {}", q(&c.year));
        let _ = writeln!(t, "amount = {}  # from the finance table, source line {}", c.pounds, c.line);
    }
}

/// The key of the party the text calls `name` ("County Council" for a party
/// defined as "the County Council" or "County Council").
fn host_key<'a>(parties: &'a [SkeletonParty], name: &str) -> Option<&'a str> {
    let bare = |s: &str| {
        let s = s.trim();
        s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")).unwrap_or(s).to_lowercase()
    };
    let want = bare(name);
    parties
        .iter()
        .find(|p| p.defined_as.as_deref().is_some_and(|d| bare(d) == want) || bare(&p.name) == want)
        .map(|p| p.key.as_str())
}

fn key_slug(s: &str) -> String {
    let words: Vec<String> =
        s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.join("-")
}

/// The kind of body a legal name describes, and whether that is a guess.
/// NHS bodies say what they are; a council's name rarely says which kind of
/// council it is ("City Council" may be metropolitan or unitary).
pub(crate) fn party_kind(name: &str) -> Option<(&'static str, bool)> {
    let n = format!(" {} ", name.to_uppercase().split_whitespace().collect::<Vec<_>>().join(" "));
    let has = |s: &str| n.contains(s);
    let kind = if has(" NHS FOUNDATION TRUST ") {
        ("nhs-foundation-trust", false)
    } else if has(" NHS TRUST ") {
        ("nhs-trust", false)
    } else if has(" CLINICAL COMMISSIONING GROUP ") {
        ("ccg", false)
    } else if has(" INTEGRATED CARE BOARD ") {
        ("icb", false)
    } else if has(" NHS ENGLAND ") || has(" NHS COMMISSIONING BOARD ") {
        ("nhs-england", false)
    } else if has(" PRIMARY CARE TRUST ") {
        ("pct", false)
    } else if has(" STRATEGIC HEALTH AUTHORITY ") {
        ("sha", false)
    } else if has(" HEALTH AUTHORITY ") {
        ("health-authority", true)
    } else if has(" COMBINED AUTHORITY ") {
        ("combined-authority", false)
    } else if has(" COMMON COUNCIL ") || has(" CITY OF LONDON CORPORATION ") {
        ("common-council", false)
    } else if has(" LONDON BOROUGH ") {
        ("london-borough-council", false)
    } else if has(" METROPOLITAN BOROUGH ") {
        ("metropolitan-borough-council", false)
    } else if has(" COUNTY BOROUGH ") {
        ("county-borough-council", false)
    } else if has(" COUNTY COUNCIL ") {
        ("county-council", false)
    } else if has(" DISTRICT COUNCIL ") {
        ("district-council", false)
    } else if has(" CITY COUNCIL ") || has(" COUNCIL OF THE CITY OF ") {
        ("metropolitan-borough-council", true)
    } else if has(" BOROUGH COUNCIL ") || has(" COUNCIL ") {
        ("unitary-council", true)
    } else {
        return None;
    };
    Some(kind)
}

/// "COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST" → "Coventry and
/// Warwickshire Partnership NHS Trust". Names already in mixed case are kept.
pub(crate) fn title_case(name: &str) -> String {
    const UPPER: &[&str] = &["NHS", "CCG", "ICB", "UK", "CIC", "LLP", "PLC", "II", "III", "IV"];
    const SMALL: &[&str] = &["and", "of", "the", "for", "in", "on", "at", "upon", "by", "to", "with"];
    if !is_all_caps(name) {
        // "A PRIMARY CARE TRUST (operating as NHS A)": the name in capitals,
        // a note in mixed case.
        return match name.split_once(" (") {
            Some((head, note)) if is_all_caps(head) => format!("{} ({note}", title_case(head)),
            _ => name.to_string(),
        };
    }
    let mut out = Vec::new();
    for (i, word) in name.split_whitespace().enumerate() {
        if UPPER.contains(&word) {
            out.push(word.to_string());
            continue;
        }
        let parts: Vec<String> = word
            .split('-')
            .enumerate()
            .map(|(j, part)| {
                let lower = part.to_lowercase();
                if (i > 0 || j > 0) && SMALL.contains(&lower.as_str()) {
                    lower
                } else {
                    let mut cs = lower.chars();
                    cs.next().map_or(String::new(), |c| c.to_uppercase().chain(cs).collect())
                }
            })
            .collect();
        out.push(parts.join("-"));
    }
    out.join(" ")
}

/// A TOML basic string.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_title_cased_sensibly() {
        assert_eq!(
            title_case("COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST"),
            "Coventry and Warwickshire Partnership NHS Trust"
        );
        assert_eq!(title_case("THE COUNCIL OF THE CITY OF COVENTRY"), "The Council of the City of Coventry");
        assert_eq!(title_case("STOKE-ON-TRENT CITY COUNCIL"), "Stoke-on-Trent City Council");
        assert_eq!(title_case("Coventry City Council"), "Coventry City Council");
        assert_eq!(
            title_case("WESTSHIRE PRIMARY CARE TRUST (operating as NHS Westshire)"),
            "Westshire Primary Care Trust (operating as NHS Westshire)"
        );
    }

    #[test]
    fn kinds_are_guessed_from_names() {
        assert_eq!(party_kind("COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST"), Some(("nhs-trust", false)));
        assert_eq!(
            party_kind("Cambridgeshire and Peterborough NHS Foundation Trust"),
            Some(("nhs-foundation-trust", false))
        );
        assert_eq!(party_kind("NHS Coventry and Warwickshire Clinical Commissioning Group"), Some(("ccg", false)));
        assert_eq!(party_kind("NHS Coventry and Warwickshire Integrated Care Board"), Some(("icb", false)));
        assert_eq!(party_kind("THE COUNCIL OF THE CITY OF COVENTRY"), Some(("metropolitan-borough-council", true)));
        assert_eq!(party_kind("Coventry City Council"), Some(("metropolitan-borough-council", true)));
        assert_eq!(party_kind("Cambridgeshire County Council"), Some(("county-council", false)));
        assert_eq!(party_kind("Acme Ltd"), None);
    }

    #[test]
    fn strings_are_valid_toml() {
        let s = "a \"quoted\" \\ back\tslash\u{1}";
        let doc = format!("x = {}\n", q(s));
        let v: toml::Table = toml::from_str(&doc).expect("valid TOML");
        assert_eq!(v["x"].as_str(), Some(s));
    }
}
