//! `terms.abbreviation-two-meanings`: one short name for an Act ("the Act",
//! "the Regulations") made to stand for two.
//!
//! Two ways it happens: the abbreviation is defined twice for different
//! Acts (clause 1 for the NHS Act 2006, a schedule for the Care Act 2014), or
//! it is defined once for one Act and used where the text around it is about
//! another ("the NHS Functions of the Trust under Section 3 of the 2006 Act
//! are as follows: … any service provided under the Act", with "the Act"
//! defined in clause 17 as the Freedom of Information Act 2000). A use is
//! judged by the nearest Act named before it in its paragraph or the few
//! paragraphs it continues, back to a heading; a use with no Act named
//! there is not judged.

use std::sync::LazyLock;

use super::index::{Hit, Index};
use super::quoted;
use crate::model::definitions::{Definition, DefinitionForm};
use crate::model::pattern::Pattern;
use crate::rules::{Example, Finding, Rule, Severity};

pub static ABBREVIATION: Rule = Rule {
    code: "terms.abbreviation-two-meanings",
    severity: Severity::Warning,
    summary: "a short name for an Act stands for two different Acts",
    doc: "An abbreviation such as \"the Act\" or \"the Regulations\" must mean one thing throughout. Reported: \
          the abbreviation defined twice for different Acts, and a use of it where the paragraph (or the \
          paragraphs it continues) has just named another Act, so that the reader cannot tell which Act \
          governs. Name the Act meant (or its own defined abbreviation, such as \"the 2006 Act\"), or give \
          each Act its own abbreviation.",
    example: Example::Body(
        "## 14 Statutory Duties\n\n14.1 In this clause \"the Act\" means the Care Act 2014.\n\n14.2 In this Agreement \"the Act\" means the Data Protection Act 2018.",
    ),
};

/// "National Health Service Act 2006", "NHS Bodies and Local Authorities
/// Partnership Arrangements Regulations 2000": a capitalised title ending
/// with the kind of instrument and its year.
static TITLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:[A-Z][A-Za-z’'-]*\s+(?:(?:and|of|for|in|the|to|on|with)\s+)*)+(?:Act|Regulations|Order|Rules)\s+\d{4}",
    )
});

/// How many paragraphs before a use may name the Act it refers to.
const CONTEXT_BLOCKS: usize = 3;

/// Whether a defined name is an abbreviation of an Act: "the Act", "the 2006 Act", "the Regulations".
fn is_abbreviation(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let kind = |w: &str| matches!(w, "Act" | "Regulations" | "Order" | "Rules");
    match words.as_slice() {
        [w] => kind(w),
        [year, w] => year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && kind(w),
        _ => false,
    }
}

/// The Act an abbreviation's definition names, as written: "Freedom of Information Act 2000".
/// (Compare two with [`Aliases::same`].)
pub fn statute_of(def: &Definition) -> Option<String> {
    if !is_abbreviation(def.core()) {
        return None;
    }
    // "means the X Act 2006 …": the first title; "… under the X Act 2000 (“the Act”)": the last.
    let title = match def.form {
        DefinitionForm::Clause => TITLE.find(&def.meaning),
        DefinitionForm::Inline => TITLE.find_iter(&def.meaning).last(),
    };
    title
        .filter(|m| def.form == DefinitionForm::Clause || def.meaning[m.end()..].trim().is_empty())
        .map(|m| normalise(m.as_str()))
}

/// Titles compare with single spaces and without a leading article.
fn normalise(title: &str) -> String {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    t.strip_prefix("The ").or_else(|| t.strip_prefix("the ")).map_or(t.clone(), str::to_string)
}

/// Other ways agreements write Acts' titles ("NHS Act" for "National
/// Health Service Act"), from the Acts list (`acts.toml`).
#[derive(Debug, Default)]
pub struct Aliases(Vec<(String, String)>);

impl Aliases {
    /// Reads the aliases of the Acts list. The list is read strictly by the
    /// stale rules; here a list that does not read only adds no aliases.
    pub fn of(acts: &crate::model::SourceFile) -> Self {
        let Ok(table) = acts.text.parse::<toml::Table>() else { return Aliases::default() };
        let list = table.get("act").and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
        let mut out = Vec::new();
        for act in list {
            let Some(title) = act.get("title").and_then(toml::Value::as_str) else { continue };
            let aliases = act.get("aliases").and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
            out.extend(aliases.iter().filter_map(toml::Value::as_str).map(|a| (a.to_string(), title.to_string())));
        }
        Aliases(out)
    }

    /// Whether two titles with their years name the same Act: "NHS Act 2006" and
    /// "National Health Service Act 2006".
    fn same(&self, a: &str, b: &str) -> bool {
        a == b || self.canonical(a) == self.canonical(b)
    }

    fn canonical(&self, title: &str) -> String {
        let Some((name, year)) = title.rsplit_once(' ') else { return title.to_string() };
        let name = self.0.iter().find(|(alias, _)| alias == name).map_or(name, |(_, t)| t.as_str());
        format!("{name} {year}")
    }
}

pub fn check(ix: &Index, uses: &[Hit], aliases: &Aliases, out: &mut Vec<Finding>) {
    let acts: Vec<(usize, String)> =
        ix.defs.iter().enumerate().filter_map(|(d, def)| statute_of(def).map(|s| (d, s))).collect();
    twice(ix, &acts, aliases, out);
    in_context(ix, uses, &acts, aliases, out);
}

/// One abbreviation defined for two different Acts.
fn twice(ix: &Index, acts: &[(usize, String)], aliases: &Aliases, out: &mut Vec<Finding>) {
    for (i, (d, statute)) in acts.iter().enumerate() {
        let def = &ix.defs[*d];
        let earlier = acts[..i].iter().find(|(e, s)| ix.defs[*e].core() == def.core() && !aliases.same(s, statute));
        if let Some((e, other)) = earlier {
            out.push(
                Finding::new(
                    &ABBREVIATION,
                    def.span.clone(),
                    format!("{} is defined here as the {statute}, but already as the {other}", quoted(&def.term)),
                )
                .label("second meaning")
                .related(ix.defs[*e].span.clone(), "first meaning")
                .help("give each Act its own short name (\"the 2006 Act\", \"the 2014 Act\")"),
            );
        }
    }
}

/// A use of an abbreviation right after the text has named another Act.
fn in_context(ix: &Index, uses: &[Hit], acts: &[(usize, String)], aliases: &Aliases, out: &mut Vec<Finding>) {
    for h in uses.iter().filter(|h| h.exact) {
        let b = &ix.blocks[h.block];
        let Some(&(d, ref statute)) =
            ix.twins(h.pattern).iter().find_map(|&p| acts.iter().find(|(d, _)| *d == ix.patterns[p].def))
        else {
            continue;
        };
        // "the 2006 Act" says which Act it is wherever it stands: only a
        // bare "the Act" or "the Regulations" can be read as another.
        let kind = ix.defs[d].core();
        if kind.contains(' ') {
            continue;
        }
        // "the Act": the article is part of the abbreviation.
        let after_the = h.at > 0 && matches!(b.tokens[h.at - 1].word, "the" | "The");
        let Some(doc) = b.doc.document(ix.agreement) else { continue };
        let def = &ix.defs[d];
        // A definition's own quoted term, of this definition or another of the same name.
        let own = ix
            .twins(h.pattern)
            .iter()
            .map(|&p| &ix.defs[ix.patterns[p].def])
            .any(|o| (b.doc, b.block) == (o.doc, o.block) && o.names_range.contains(&b.tokens[h.at].start));
        if !after_the || b.heading || own {
            continue;
        }
        let before = &doc.blocks[b.block].text[..b.tokens[h.at - 1].start];
        let Some((named, here)) = nearest_act(ix, doc, b.block, before, d) else { continue };
        // An Act is not a candidate for "the Regulations", nor the reverse.
        let same_kind = named.rsplit(' ').nth(1) == Some(kind);
        if aliases.same(&named, statute) || !same_kind {
            continue;
        }
        let Some(span) = ix.span(h.block, h.at - 1, h.len + 1) else { continue };
        let mut f = Finding::new(
            &ABBREVIATION,
            span,
            format!(
                "{} here follows a mention of the {named}, but {} is defined as the {statute}",
                quoted(ix.text(h.block, h.at - 1, h.len + 1)),
                quoted(&def.term)
            ),
        )
        .label("which Act?")
        .related(def.span.clone(), "defined here")
        .help("name the Act meant here (or its own short name), or give each Act its own short name");
        if let Some(span) = here {
            f = f.related(span, "the Act named just before");
        }
        out.push(f);
    }
}

/// The Act named last before a use: in `before` (the use's paragraph up to
/// it), else in the paragraphs before it back to a heading. Another
/// abbreviation counts as the Act it stands for; `own` (the abbreviation
/// used) does not count. Returns the title and where it is named.
fn nearest_act(
    ix: &Index,
    doc: &crate::model::Document,
    block: usize,
    before: &str,
    own: usize,
) -> Option<(String, Option<crate::model::Span>)> {
    let mut texts = vec![(block, before)];
    for i in (block.saturating_sub(CONTEXT_BLOCKS)..block).rev() {
        let b = &doc.blocks[i];
        if b.is_heading() {
            break;
        }
        texts.push((i, b.text.as_str()));
    }
    for (i, text) in texts {
        let mut last: Option<(usize, usize, String)> = None;
        for m in TITLE.find_iter(text) {
            last = Some((m.start(), m.end(), normalise(m.as_str())));
        }
        for def in ix.defs.iter().filter(|d| !std::ptr::eq(*d, &ix.defs[own])) {
            let Some(statute) = statute_of(def) else { continue };
            if def.core() == ix.defs[own].core() {
                continue;
            }
            for (at, _) in text.match_indices(def.core()) {
                let end = at + def.core().len();
                let whole = !text[end..].starts_with(|c: char| c.is_alphanumeric())
                    && !text[..at].ends_with(|c: char| c.is_alphanumeric());
                if whole && last.as_ref().is_none_or(|(s, _, _)| at > *s) {
                    last = Some((at, end, statute.clone()));
                }
            }
        }
        if let Some((s, e, title)) = last {
            let span = doc.blocks.get(i).map(|b| b.span_of(s..e));
            return Some((title, span));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::ABBREVIATION;
    use crate::rules::terms::testkit::{coventry_2019, findings, messages, with_body};

    #[test]
    fn fires_on_the_2019_agreement_at_4_2_2() {
        let found = findings(&coventry_2019(), &ABBREVIATION);
        assert_eq!(
            messages(&found),
            [
                "“the Act” here follows a mention of the National Health Service Act 2006, but “the Act” is defined as the Freedom of Information Act 2000"
            ]
        );
        assert_eq!(found[0].primary.span.text(), "the Act");
    }

    #[test]
    fn fires_on_one_abbreviation_defined_for_two_acts_in_a_lettered_definitions_clause() {
        let a = with_body(
            "## 1 Definitions\n\n1.1 In this Agreement:\n\n(a) \"the Act\" means the National Health Service Act 2006;\n\n(b) \"Carer\" means an adult who provides care for another adult;\n\n## 2 Carers\n\n2.1 The Council shall assess each Carer under section 10 of the Care Act 2014 (\"the Act\").\n",
        );
        assert_eq!(
            messages(&findings(&a, &ABBREVIATION)),
            ["“the Act” is defined here as the Care Act 2014, but already as the National Health Service Act 2006"]
        );
    }

    #[test]
    fn silent_where_the_act_meant_is_the_defined_one_or_says_its_year() {
        let a = with_body(
            "## 1 Definitions\n\n1.1 In this Agreement:\n\n\"the Act\" means the National Health Service Act 2006;\n\n\"the 2014 Act\" means the Care Act 2014;\n\n\"the Regulations\" means the NHS Bodies and Local Authorities Partnership Arrangements Regulations 2000;\n\n## 2 Functions\n\n2.1 The Council shall carry out assessments under the Care Act 2014 and shall have regard to guidance under the 2014 Act.\n\n2.2 These arrangements are made under section 75 of the National Health Service Act 2006. Payments under the Act are made monthly.\n\n2.3 The Data Protection Act 2018 applies, and the Partners shall comply with the Regulations.\n\n2.4 Nothing in the Act prevents it.\n\n2.5 Section 75 of the NHS Act 2006 applies, and payments under the Act are monthly.\n",
        );
        assert_eq!(messages(&findings(&a, &ABBREVIATION)), Vec::<String>::new());
    }
}
