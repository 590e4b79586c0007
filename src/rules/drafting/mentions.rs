//! Where the text uses an authority's area as if it were this agreement's:
//! "in Warwickshire", "the Warwickshire Section 75 Partnership Agreement",
//! "the Warwickshire Vulnerable People Allocation Framework".

use std::ops::Range;

use super::authorities::Authorities;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// "the Warwickshire Section 75 Agreement": an agreement of that area.
    Agreement,
    /// "the Warwickshire … Framework": a policy or procedure of that area.
    Document,
    /// "in Warwickshire": the area where something happens.
    Area,
}

#[derive(Debug, Clone)]
pub struct PlaceUse {
    pub kind: Use,
    /// The place name.
    pub place: Range<usize>,
    /// The whole phrase ("the Warwickshire … Agreement").
    pub phrase: Range<usize>,
}

/// The last word of a title that makes it a local document.
const DOCUMENTS: [&str; 11] = [
    "Framework",
    "Policy",
    "Policies",
    "Protocol",
    "Protocols",
    "Procedure",
    "Procedures",
    "Strategy",
    "Plan",
    "Guidance",
    "Guidelines",
];

/// Lower-case words that may sit inside a title ("Health and Care Information Sharing Protocol").
const TITLE_JOINERS: [&str; 5] = ["and", "of", "for", "&", "to"];

/// Words before "in X" that make X where a person lives or comes from (a
/// cross-border case), not where this agreement's services are.
const RESIDENCE: [&str; 8] = ["resident", "residents", "living", "live", "lives", "born", "registered", "placed"];

/// Endings of English place names ("Kestrelshire", "Arnmouth"): a
/// capitalised word with one, not on the list, can still name an area when
/// it stands before "Section 75 Agreement" or a policy's title.
/// Endings that also close ordinary words ("Support", "Outside", "Valley",
/// "Skeleton") are left out.
const PLACE_ENDINGS: [&str; 20] = [
    "shire", "ford", "ham", "bury", "borough", "brough", "mouth", "field", "caster", "chester", "cester", "minster",
    "wick", "dale", "moor", "mere", "bridge", "worth", "combe", "hurst",
];

/// A capitalised word that reads as a place by its ending ("Kestrelshire"),
/// longer than the ending by a syllable ("Borough" alone is no place).
fn looks_like_a_place(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && PLACE_ENDINGS.iter().any(|e| word.len() >= e.len() + 3 && word.ends_with(e))
}

fn unlisted_places() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"(?-u:\b)[Tt]he ([A-Z][a-z]+)(?-u:\b)").expect("the pattern compiles"))
}

pub fn place_uses(text: &str, authorities: &Authorities) -> Vec<PlaceUse> {
    let mut out = listed_place_uses(text, authorities);
    // Areas not on the list (fictional or renamed ones) only before an
    // agreement's title, which says what the word is.
    if text.contains("Agreement") {
        out.extend(unlisted_agreement_places(text, authorities, &out));
    }
    out.sort_by_key(|u| u.phrase.start);
    out
}

/// "the Kestrelshire Section 75 Agreement": a word that reads as a place
/// before an agreement's title, outside the phrases of `listed`.
fn unlisted_agreement_places(text: &str, authorities: &Authorities, listed: &[PlaceUse]) -> Vec<PlaceUse> {
    let mut out = Vec::new();
    for c in unlisted_places().captures_iter(text) {
        let (Some(whole), Some(word)) = (c.get(0), c.get(1)) else { continue };
        if !looks_like_a_place(word.as_str()) || authorities.is_place(word.as_str()) {
            continue;
        }
        if listed.iter().chain(&out).any(|u| u.phrase.start <= word.start() && word.start() < u.phrase.end) {
            continue;
        }
        if let Some((Use::Agreement, len)) = title_after(&text[word.end()..]) {
            out.push(PlaceUse { kind: Use::Agreement, place: word.range(), phrase: whole.start()..word.end() + len });
        }
    }
    out
}

fn listed_place_uses(text: &str, authorities: &Authorities) -> Vec<PlaceUse> {
    let Some(alone) = &authorities.alone else { return Vec::new() };
    let mut out = Vec::new();
    for m in alone.find_iter(text) {
        let before = text[..m.start()].trim_end_matches(' ');
        let last_word = before.rsplit(' ').next().unwrap_or("");
        let after = &text[m.end()..];
        if last_word == "the" || last_word == "The" {
            if let Some((kind, len)) = title_after(after) {
                let start = before.len() - last_word.len();
                out.push(PlaceUse { kind, place: m.range(), phrase: start..m.end() + len });
            }
        } else if last_word == "in" && !continues_a_name(after) {
            let before_in = before[..before.len() - 2].trim_end();
            let lead = before_in.rsplit(' ').next().unwrap_or("").to_lowercase();
            if !RESIDENCE.contains(&lead.as_str()) {
                out.push(PlaceUse { kind: Use::Area, place: m.range(), phrase: m.range() });
            }
        }
    }
    out
}

/// "Warwickshire Hospital": a capitalised word after the place makes it
/// part of another name.
fn continues_a_name(after: &str) -> bool {
    after.strip_prefix(' ').and_then(|a| a.chars().next()).is_some_and(char::is_uppercase)
        || after.starts_with('-')
        || after.starts_with('’')
        || after.starts_with('\'')
}

/// The title that follows a place ("Section 75 Partnership Agreement"): its
/// kind and byte length, when its last word names an agreement or a document.
fn title_after(after: &str) -> Option<(Use, usize)> {
    let mut len = 0;
    let mut last: Option<(&str, usize)> = None;
    // A title of more than eight words is not one.
    for (words, w) in after.split(' ').skip(1).enumerate() {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        let capital = bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !(capital || TITLE_JOINERS.contains(&bare)) || words == 8 {
            break;
        }
        len += 1 + w.len();
        if capital {
            last = Some((bare, len - (w.len() - bare.len())));
        }
        if bare.len() != w.len() {
            break;
        }
    }
    let (word, end) = last?;
    if word == "Agreement" || word == "Agreements" {
        Some((Use::Agreement, end))
    } else if DOCUMENTS.contains(&word) {
        Some((Use::Document, end))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::drafting::testing::authorities;

    fn uses(text: &str) -> Vec<(Use, String)> {
        place_uses(text, &authorities()).into_iter().map(|u| (u.kind, text[u.phrase].to_string())).collect()
    }

    #[test]
    fn agreements_documents_and_areas() {
        assert_eq!(
            uses("decisions pertaining to the Warwickshire Section 75 Partnership Agreement will be made by"),
            [(Use::Agreement, "the Warwickshire Section 75 Partnership Agreement".to_string())]
        );
        assert_eq!(
            uses("in accordance with the Warwickshire Vulnerable People Allocation Framework (WVPAF)."),
            [(Use::Document, "the Warwickshire Vulnerable People Allocation Framework".to_string())]
        );
        assert_eq!(
            uses("the integrated mental health service in Warwickshire as reasonably required"),
            [(Use::Area, "Warwickshire".to_string())]
        );
    }

    #[test]
    fn an_unlisted_area_is_read_by_its_ending_before_a_title() {
        assert_eq!(
            uses("under the Kestrelshire Section 75 Agreement dated 2012"),
            [(Use::Agreement, "the Kestrelshire Section 75 Agreement".to_string())]
        );
        assert_eq!(uses("Clause 5.2 of the Original Agreement"), [], "not a place");
        assert_eq!(uses("the Borough Partnership Agreement"), [], "a kind of council, not a place");
        assert_eq!(uses("in Kestrelshire"), [], "alone, an unlisted word is never read as a place");
        assert_eq!(uses("The Support Plan"), [], "an ordinary word");
        assert_eq!(uses("the Arnmouth Equipment Policy"), [], "only an agreement's title");
    }

    #[test]
    fn names_and_residence_are_not_uses() {
        assert_eq!(uses("people ordinarily resident in Solihull"), []);
        assert_eq!(uses("a patient in Warwickshire Hospital"), []);
        assert_eq!(uses("the Coventry and Warwickshire Partnership NHS Trust"), []);
        assert_eq!(uses("the Warwickshire team"), [], "no title");
        assert_eq!(uses("in Reading"), [], "a place that is also a word");
    }
}
