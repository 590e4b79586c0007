//! The statute pack (`requirements.toml`) read into checked, compiled form.
//!
//! Everything that can be wrong with a pack is found here, when s75 starts:
//! an unknown key, a fact or element that does not exist, a phrase that does
//! not compile, a source key that is not listed. Each is a [`LoadError`]
//! naming the pack file and line, so a lawyer editing the pack is told
//! exactly where the slip is, and a half-understood pack never checks
//! anything.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use super::phrase::Phrase;
use super::types::Fact;
use super::types::Side;
use crate::loading::LoadError;
use crate::model::SourceFile;
use crate::model::metadata::{ArrangementType, PartyKind};

/// The checked pack.
#[derive(Debug)]
pub struct Pack {
    pub file: Arc<SourceFile>,
    pub name: String,
    pub version: String,
    pub title: String,
    pub caveat: Option<String>,
    /// Source key → description, in the pack's order.
    pub sources: Vec<(String, String)>,
    pub party_kinds: Vec<KindInfo>,
    pub excluded_words: Vec<Phrase>,
    /// A sentence that matches a claim and no denial claims to move
    /// statutory liability from one partner to another.
    pub liability_claims: Vec<Phrase>,
    pub liability_denials: Vec<Phrase>,
    pub elements: Vec<Element>,
    pub requirements: Vec<Requirement>,
}

/// What the pack says about one kind of party.
#[derive(Debug)]
pub struct KindInfo {
    pub kind: PartyKind,
    pub name: String,
    pub side: Side,
    pub prescribed: bool,
    pub established: Option<Date>,
    pub abolished: Option<Date>,
    pub sources: Vec<String>,
}

/// Something an agreement states, and the ways s75 can find it.
#[derive(Debug)]
pub struct Element {
    pub key: String,
    pub describes: String,
    pub metadata: Vec<Fact>,
    pub heading: Vec<Phrase>,
    pub text: Vec<Phrase>,
    /// Phrases of a clause on the element's subject that says too little (a
    /// reporting clause with no quarterly report): when the element is not
    /// found, its finding sits on that clause, where the reader amends it.
    pub short: Vec<Phrase>,
    /// When given, the text is recognised only where one provision carries
    /// every part the regulation names (who, what, how), never by words
    /// scattered over a clause about something else.
    pub provision: Option<Provision>,
}

/// The parts of an element one provision must carry, from one regulation.
#[derive(Debug)]
pub struct Provision {
    /// The regulation the parts come from, as a lawyer cites it.
    pub from: String,
    /// (part name, phrases: one of them must occur), in the pack's order.
    pub parts: Vec<(&'static str, Vec<Phrase>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    All,
    Type(ArrangementType),
}

#[derive(Debug)]
pub struct Requirement {
    pub id: String,
    pub citation: String,
    pub applies_to: Vec<Applies>,
    pub only_if_party_kind: Vec<PartyKind>,
    pub verified: bool,
    pub sources: Vec<String>,
    pub effective_from: Option<Date>,
    pub effective_to: Option<Date>,
    pub description: String,
    /// Indices into [`Pack::elements`].
    pub satisfied_by: Vec<usize>,
    pub must_hold: Vec<Fact>,
    /// Line of the `[[requirement]]` in the pack, for `s75 explain`.
    pub line: usize,
}

impl Pack {
    pub fn kind(&self, kind: PartyKind) -> Option<&KindInfo> {
        self.party_kinds.iter().find(|k| k.kind == kind)
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// The side of a party kind: from the pack, or from the model when the
    /// pack does not list the kind (it is then treated as not prescribed).
    pub fn side(&self, kind: PartyKind) -> Side {
        match self.kind(kind) {
            Some(k) => k.side,
            None if kind.is_nhs() => Side::Nhs,
            None => Side::LocalAuthority,
        }
    }

    /// Reads and checks a pack. Every error names the file and line.
    pub fn parse(file: &Arc<SourceFile>) -> Result<Pack, LoadError> {
        let raw: RawPack = toml::from_str(&file.text).map_err(|e| {
            let line = e.span().map_or(1, |s| file.line_col(s.start).0);
            let message = e.message().lines().next().unwrap_or("malformed statute pack").trim().to_string();
            LoadError::at(&file.path, line, format!("statute pack: {message}"))
        })?;
        Builder { file }.build(raw)
    }
}

struct Builder<'f> {
    file: &'f Arc<SourceFile>,
}

impl Builder<'_> {
    fn error<T>(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Result<T, LoadError> {
        let line = self.file.line_col(span.start).0;
        Err(LoadError::at(&self.file.path, line, format!("statute pack: {}", message.into())))
    }

    fn build(&self, raw: RawPack) -> Result<Pack, LoadError> {
        // In the order the pack lists them, which is the order a reader expects.
        let mut sources: Vec<(String, Spanned<String>)> = raw.sources.into_iter().collect();
        sources.sort_by_key(|(_, v)| v.span().start);
        let sources: Vec<(String, String)> = sources.into_iter().map(|(k, v)| (k, v.into_inner())).collect();
        let known_source = |k: &str| sources.iter().any(|(s, _)| s == k);

        let mut party_kinds = Vec::new();
        for (key, info) in raw.party_kinds {
            let span = info.span();
            let info = info.into_inner();
            let Some(kind) = PartyKind::parse(&key) else {
                let known: Vec<_> = PartyKind::ALL.iter().map(|k| k.0).collect();
                return self.error(
                    span,
                    format!("unknown party kind `{key}`; agreement.toml kinds are: {}", known.join(", ")),
                );
            };
            let side = match info.side.get_ref().as_str() {
                "nhs" => Side::Nhs,
                "local-authority" => Side::LocalAuthority,
                other => {
                    return self
                        .error(info.side.span(), format!("side `{other}` must be \"nhs\" or \"local-authority\""));
                }
            };
            self.check_sources(&info.sources, &known_source)?;
            party_kinds.push(KindInfo {
                kind,
                name: info.name,
                side,
                prescribed: info.prescribed,
                established: info.established.map(|d| self.date(d)).transpose()?,
                abolished: info.abolished.map(|d| self.date(d)).transpose()?,
                sources: info.sources.into_iter().map(Spanned::into_inner).collect(),
            });
        }

        let excluded_words = self.phrases(&raw.excluded_functions.words)?;
        let liability_claims = self.phrases(&raw.liability_transfer.claims)?;
        let liability_denials = self.phrases(&raw.liability_transfer.denials)?;

        let mut elements = Vec::new();
        for (key, el) in raw.elements {
            let span = el.span();
            let el = el.into_inner();
            if !el.text.is_empty() && el.provision.is_some() {
                return self.error(
                    span,
                    format!(
                        "element `{key}` gives both `text` and `provision`: a provision replaces loose text phrases"
                    ),
                );
            }
            let provision = match el.provision {
                None => None,
                Some(p) => {
                    let mut parts = Vec::new();
                    for (name, phrases) in [("who", &p.who), ("what", &p.what), ("how", &p.how)] {
                        if phrases.is_empty() {
                            return self.error(span, format!("element `{key}`: `provision.{name}` gives no phrase"));
                        }
                        parts.push((name, self.phrases(phrases)?));
                    }
                    Some(Provision { from: p.from, parts })
                }
            };
            if el.metadata.is_empty() && el.heading.is_empty() && el.text.is_empty() && provision.is_none() {
                return self.error(
                    span,
                    format!(
                        "element `{key}` has no way to be found: give `metadata`, `heading`, `text` or `provision`"
                    ),
                );
            }
            elements.push(Element {
                describes: el.describes,
                metadata: self.facts(&el.metadata)?,
                heading: self.phrases(&el.heading)?,
                text: self.phrases(&el.text)?,
                short: self.phrases(&el.short)?,
                provision,
                key,
            });
        }

        let mut requirements: Vec<Requirement> = Vec::new();
        for r in raw.requirement {
            let span = r.span();
            let r = r.into_inner();
            if requirements.iter().any(|q| q.id == *r.id.get_ref()) {
                return self.error(r.id.span(), format!("requirement `{}` is listed twice", r.id.get_ref()));
            }
            let mut applies_to = Vec::new();
            for a in &r.applies_to {
                applies_to.push(match a.get_ref().as_str() {
                    "all" => Applies::All,
                    s => match ArrangementType::parse(s) {
                        Some(t) => Applies::Type(t),
                        None => {
                            let known: Vec<_> = ArrangementType::ALL.iter().map(|t| t.0).collect();
                            return self.error(
                                a.span(),
                                format!("unknown arrangement type `{s}`; use \"all\" or one of: {}", known.join(", ")),
                            );
                        }
                    },
                });
            }
            if applies_to.is_empty() {
                return self
                    .error(span, format!("requirement `{}` applies to nothing: give `applies_to`", r.id.get_ref()));
            }
            let mut only_if_party_kind = Vec::new();
            for k in &r.only_if_party_kind {
                match PartyKind::parse(k.get_ref()) {
                    Some(kind) => only_if_party_kind.push(kind),
                    None => return self.error(k.span(), format!("unknown party kind `{}`", k.get_ref())),
                }
            }
            let mut satisfied_by = Vec::new();
            for e in &r.satisfied_by {
                match elements.iter().position(|el| el.key == *e.get_ref()) {
                    Some(i) => satisfied_by.push(i),
                    None => {
                        let known: Vec<_> = elements.iter().map(|el| el.key.as_str()).collect();
                        return self.error(
                            e.span(),
                            format!("unknown element `{}`; elements are: {}", e.get_ref(), known.join(", ")),
                        );
                    }
                }
            }
            let must_hold = self.facts(&r.must_hold)?;
            if satisfied_by.is_empty() && must_hold.is_empty() {
                return self.error(
                    span,
                    format!(
                        "requirement `{}` can never be checked: give `satisfied_by` or `must_hold`",
                        r.id.get_ref()
                    ),
                );
            }
            self.check_sources(&r.sources, &known_source)?;
            requirements.push(Requirement {
                id: r.id.into_inner(),
                citation: r.citation,
                applies_to,
                only_if_party_kind,
                verified: r.verified,
                sources: r.sources.into_iter().map(Spanned::into_inner).collect(),
                effective_from: r.effective_from.map(|d| self.date(d)).transpose()?,
                effective_to: r.effective_to.map(|d| self.date(d)).transpose()?,
                description: r.description,
                satisfied_by,
                must_hold,
                line: self.file.line_col(span.start).0,
            });
        }

        Ok(Pack {
            file: Arc::clone(self.file),
            name: raw.pack.name,
            version: raw.pack.version,
            title: raw.pack.title,
            caveat: raw.pack.caveat,
            sources,
            party_kinds,
            excluded_words,
            liability_claims,
            liability_denials,
            elements,
            requirements,
        })
    }

    fn date(&self, d: Spanned<toml::value::Datetime>) -> Result<Date, LoadError> {
        let span = d.span();
        let dt = d.into_inner();
        let parsed = match (dt.date, dt.time, dt.offset) {
            (Some(date), None, None) => Date::new(date.year as i16, date.month as i8, date.day as i8).ok(),
            _ => None,
        };
        match parsed {
            Some(date) => Ok(date),
            None => self.error(span, format!("`{dt}` is not a date such as 2022-07-01")),
        }
    }

    fn phrases(&self, list: &[Spanned<String>]) -> Result<Vec<Phrase>, LoadError> {
        list.iter().map(|p| Phrase::parse(p.get_ref()).or_else(|e| self.error(p.span(), e))).collect()
    }

    fn facts(&self, list: &[Spanned<String>]) -> Result<Vec<Fact>, LoadError> {
        list.iter()
            .map(|f| match Fact::parse(f.get_ref()) {
                Some(fact) => Ok(fact),
                None => {
                    let known: Vec<_> = Fact::ALL.iter().map(|(n, _, _)| format!("\"{n}\"")).collect();
                    self.error(f.span(), format!("unknown fact \"{}\"; facts are: {}", f.get_ref(), known.join(", ")))
                }
            })
            .collect()
    }

    fn check_sources(&self, keys: &[Spanned<String>], known: &dyn Fn(&str) -> bool) -> Result<(), LoadError> {
        match keys.iter().find(|k| !known(k.get_ref())) {
            Some(k) => self.error(k.span(), format!("source `{}` is not listed in [sources]", k.get_ref())),
            None => Ok(()),
        }
    }
}

// --- The file as written (serde) ---------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pack: RawHeader,
    #[serde(default)]
    sources: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    party_kinds: BTreeMap<String, Spanned<RawKind>>,
    #[serde(default)]
    excluded_functions: RawExcluded,
    #[serde(default)]
    liability_transfer: RawLiability,
    #[serde(default)]
    elements: BTreeMap<String, Spanned<RawElement>>,
    #[serde(default)]
    requirement: Vec<Spanned<RawRequirement>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLiability {
    #[serde(default)]
    claims: Vec<Spanned<String>>,
    #[serde(default)]
    denials: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    version: String,
    title: String,
    caveat: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    name: String,
    side: Spanned<String>,
    prescribed: bool,
    established: Option<Spanned<toml::value::Datetime>>,
    abolished: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExcluded {
    #[serde(default)]
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawElement {
    describes: String,
    #[serde(default)]
    metadata: Vec<Spanned<String>>,
    #[serde(default)]
    heading: Vec<Spanned<String>>,
    #[serde(default)]
    text: Vec<Spanned<String>>,
    #[serde(default)]
    short: Vec<Spanned<String>>,
    provision: Option<RawProvision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    from: String,
    #[serde(default)]
    who: Vec<Spanned<String>>,
    #[serde(default)]
    what: Vec<Spanned<String>>,
    #[serde(default)]
    how: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: Spanned<String>,
    citation: String,
    applies_to: Vec<Spanned<String>>,
    #[serde(default)]
    only_if_party_kind: Vec<Spanned<String>>,
    verified: bool,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    effective_from: Option<Spanned<toml::value::Datetime>>,
    effective_to: Option<Spanned<toml::value::Datetime>>,
    description: String,
    #[serde(default)]
    satisfied_by: Vec<Spanned<String>>,
    #[serde(default)]
    must_hold: Vec<Spanned<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Pack, String> {
        Pack::parse(&SourceFile::new("p.toml", "p.toml", text.to_string())).map_err(|e| e.to_string())
    }

    #[test]
    fn the_builtin_pack_reads() {
        let pack = parse(include_str!("requirements.toml")).expect("built-in pack");
        assert!(pack.requirements.len() > 30);
        assert!(pack.requirement("pool.aims_outcomes").is_some_and(|r| r.verified));
        assert!(pack.requirement("pool.host_partner").is_some_and(|r| !r.verified));
        assert_eq!(pack.sources.first().map(|s| s.0.as_str()), Some("S1"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("[pack]\nname = \"x\"\nversion = \"1\"\ntitle = \"t\"\n\n[elements.a]\ndescribes = \"a\"\nmetadata = [\"no such fact\"]\n").unwrap_err();
        assert!(e.starts_with("p.toml:8: statute pack: unknown fact \"no such fact\""), "{e}");
        let e = parse("[pack]\nname = \"x\"\nversion = \"1\"\ntitle = \"t\"\nbogus = 1\n").unwrap_err();
        assert!(e.starts_with("p.toml:5:"), "{e}");
    }

    #[test]
    fn a_provision_names_who_what_and_how() {
        let head = "[pack]\nname = \"x\"\nversion = \"1\"\ntitle = \"t\"\n\n[elements.a]\ndescribes = \"a\"\n";
        let ok = parse(&format!(
            "{head}[elements.a.provision]\nfrom = \"reg 7(3)(b)\"\nwho = [\"partner*\"]\nwhat = [\"contribut* + vary\"]\nhow = [\"writing\"]\n"
        ))
        .expect("a provision reads");
        let p = ok.elements[0].provision.as_ref().expect("provision");
        assert_eq!(p.from, "reg 7(3)(b)");
        assert_eq!(p.parts.iter().map(|(n, _)| *n).collect::<Vec<_>>(), ["who", "what", "how"]);
        let e = parse(&format!("{head}[elements.a.provision]\nfrom = \"r\"\nwho = [\"partner*\"]\nwhat = [\"x\"]\n"))
            .unwrap_err();
        assert!(e.contains("element `a`: `provision.how` gives no phrase"), "{e}");
        let e = parse(&format!(
            "{head}text = [\"x\"]\n[elements.a.provision]\nfrom = \"r\"\nwho = [\"a\"]\nwhat = [\"b\"]\nhow = [\"c\"]\n"
        ))
        .unwrap_err();
        assert!(e.contains("gives both `text` and `provision`"), "{e}");
    }
}
