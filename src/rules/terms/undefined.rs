//! `terms.undefined`: capitalised terms used as if defined.
//!
//! Capitalised phrases are everywhere in an agreement: names of Acts,
//! bodies, places, posts and teams, headings, sentence starts. Reporting
//! every undefined one would bury the few that matter, so this check is
//! deliberately narrow. It reports only what the text itself marks as a
//! term:
//!
//! - "Party"/"Parties" where the parties are defined as "Partners" (and the
//!   reverse): the defined word for the parties, changed;
//! - a phrase said to be "defined in Schedule 14" / "as defined in this
//!   Agreement" that no definition defines;
//! - a sibling of defined terms: "Trust Functions" beside the defined
//!   "NHS Functions" and "Council's Functions", a party's name in front of a
//!   defined term's last word, used at least twice.

use std::collections::BTreeMap;

use crate::fast_hash::HashSet;
use std::sync::LazyLock;

use crate::model::pattern::Pattern;

use super::index::{DETERMINERS, Hit, Index};
use super::quoted;
use crate::rules::xref::singular;
use crate::rules::{Example, Finding, Rule, Severity};

pub static UNDEFINED: Rule = Rule {
    code: "terms.undefined",
    severity: Severity::Warning,
    summary: "a capitalised term is used as if defined, but is not defined",
    doc: "Capitals promise a definition. Reported: a capitalised name of a body, document, post or \
          process used after \"the\" in the body as if it were defined (\"the Joint Media Panel shall …\", \
          \"the Escalation Protocol\"), or any capitalised name so used three times or more (a definition \
          deleted while its term is still used), unless the agreement defines it, a definition refers to \
          it, a heading names it, the sentence sets it up (\"established under clause 8\", \"at Schedule \
          13\") or cites it with a year, it is a party's own (\"the Chief Executive of the Trust\") or named \
          after the parties' place, or it is a body, post or document the law creates (the names pack, \
          with sources, and the stale-name register); \"Party\"/\"Parties\" where the agreement defines \
          \"Partners\"; a phrase said to be \"defined in Schedule 14\" that no definition defines; and a \
          sibling of defined terms (\"Trust Functions\" beside \"NHS Functions\" and \"Council's \
          Functions\") used twice or more. One finding per name, every place listed. Define the name \
          (what it is and where it is set up), or use the defined one.",
    example: Example::Body("## 14 Costs\n\n14.1 Each Party shall bear its own costs under the Agreement."),
};

static DEFINED_IN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"((?:[A-Z][A-Za-z0-9’'-]*)(?:\s+(?:and\s+|of\s+|for\s+)?[A-Z][A-Za-z0-9’'-]*)*)\s+\(?(?:as\s+)?defined\s+(?:in|by|at)\s+(?:Clause|clause|Schedule|schedule|this Agreement|the Agreement)(?-u:\b)",
    )
});

struct Occurrence {
    block: usize,
    at: usize,
    len: usize,
}

pub fn check(ix: &Index, uses: &[Hit], out: &mut Vec<Finding>) {
    let names: HashSet<String> = ix.defs.iter().flat_map(|d| d.names().map(key)).collect();
    // Tokens inside a use of a defined term of two words or more ("Receiving Party").
    let mut covered: HashSet<(usize, usize)> = HashSet::default();
    for h in uses.iter().filter(|h| h.len >= 2) {
        covered.extend((h.at..h.at + h.len).map(|t| (h.block, t)));
    }
    let mut groups: BTreeMap<String, (String, Vec<Occurrence>)> = BTreeMap::new();
    party_words(ix, &names, &covered, &mut groups);
    siblings(ix, &names, &covered, &mut groups);
    let mut found = groups.into_values().filter(|(_, occ)| !occ.is_empty()).collect::<Vec<_>>();
    found.sort_by_key(|(_, occ)| occ.first().map(|o| (o.block, o.at)));
    for (why, occurrences) in found {
        let Some(first) = occurrences.first() else { continue };
        let Some(span) = ix.span(first.block, first.at, first.len) else { continue };
        let text = ix.text(first.block, first.at, first.len);
        let times = if occurrences.len() > 1 { format!(" (used {} times)", occurrences.len()) } else { String::new() };
        let mut f = Finding::new(&UNDEFINED, span, format!("{} is not defined{times}: {why}", quoted(text)))
            .label("used as a defined term")
            .help("define it, or use the defined term");
        for o in occurrences.iter().skip(1).take(10) {
            if let Some(span) = ix.span(o.block, o.at, o.len) {
                f = f.related(span, "also here");
            }
        }
        out.push(f);
    }
    defined_elsewhere(ix, &names, out);
}

/// How names are compared: lower case, last word singular, straight apostrophes.
fn key(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    match lower.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", singular(last)),
        None => singular(&lower),
    }
}

/// "Party"/"Parties" where "Partner"/"Partners" is defined, and the reverse.
fn party_words(
    ix: &Index,
    names: &HashSet<String>,
    covered: &HashSet<(usize, usize)>,
    groups: &mut BTreeMap<String, (String, Vec<Occurrence>)>,
) {
    for (defined, other) in [("partner", ["Party", "Parties"]), ("party", ["Partner", "Partners"])] {
        let undefined = key(other[0]);
        if !names.contains(defined) || names.contains(&undefined) {
            continue;
        }
        let defined_word = if defined == "partner" { "Partners" } else { "Parties" };
        // Both spellings have one normal form: compared first, as a number.
        let Some(other_norm) = ix.norm(other[0]) else { continue };
        for (bi, b) in ix.blocks.iter().enumerate().filter(|(_, b)| !b.heading) {
            for (i, t) in b.tokens.iter().enumerate() {
                if t.norm != other_norm || !other.contains(&t.word) || covered.contains(&(bi, i)) {
                    continue;
                }
                // "Third Parties", "Receiving Party": part of a longer name.
                let prev = i.checked_sub(1).and_then(|p| b.tokens.get(p)).filter(|_| !t.hard_gap);
                if prev.is_some_and(|p| p.capitalised() && !DETERMINERS.contains(&p.word)) {
                    continue;
                }
                let next = b.tokens.get(i + 1).filter(|n| !n.hard_gap);
                if next.is_some_and(|n| n.capitalised()) {
                    continue;
                }
                let why = format!("the agreement calls its parties {}", quoted(defined_word));
                groups.entry(undefined.clone()).or_insert_with(|| (why, Vec::new())).1.push(Occurrence {
                    block: bi,
                    at: i,
                    len: 1,
                });
            }
        }
    }
}

/// "Trust Functions" where "NHS Functions" and "Council's Functions" are defined.
fn siblings(
    ix: &Index,
    names: &HashSet<String>,
    covered: &HashSet<(usize, usize)>,
    groups: &mut BTreeMap<String, (String, Vec<Occurrence>)>,
) {
    // The parties' own words ("Trust", "Council") and "NHS", "Partner".
    let mut party_words: Vec<String> = vec!["NHS".into(), "Partner".into()];
    for p in &ix.agreement.meta.parties {
        if let Some(d) = &p.defined_as {
            party_words.push(crate::model::definitions::strip_article(&d.value).to_string());
        }
    }
    let party: HashSet<u32> = party_words.iter().filter_map(|w| ix.norm(w)).collect();
    // Last word of a defined two-word term with a party modifier → the modifiers
    // ("Functions" → {Council, NHS}), and the names, for the message.
    let mut heads: Vec<(Vec<u32>, Vec<String>)> = vec![(Vec::new(), Vec::new()); ix.norm_count()];
    for pat in &ix.patterns {
        if let [m, h] = pat.norms.as_slice() {
            if let Some(entry) = heads.get_mut(*h as usize).filter(|_| party.contains(m)) {
                entry.0.push(*m);
                if !entry.1.contains(&pat.name) {
                    entry.1.push(pat.name.clone());
                }
            }
        }
    }
    if heads.iter().all(|(m, _)| m.is_empty()) {
        return;
    }
    let mut found: BTreeMap<(u32, u32), Vec<Occurrence>> = BTreeMap::new();
    for (bi, b) in ix.blocks.iter().enumerate().filter(|(_, b)| !b.heading) {
        for (i, pair) in b.tokens.windows(2).enumerate() {
            let (m, h) = (&pair[0], &pair[1]);
            let Some((modifiers, _)) = heads.get(h.norm as usize).filter(|(m, _)| !m.is_empty()) else { continue };
            if h.hard_gap
                || !party.contains(&m.norm)
                || modifiers.contains(&m.norm)
                || !m.capitalised()
                || !h.capitalised()
            {
                continue;
            }
            if (m.all_caps() && h.all_caps()) || (covered.contains(&(bi, i)) && covered.contains(&(bi, i + 1))) {
                continue;
            }
            // Part of a longer name ("Coventry Trust Functions Group").
            let before = i.checked_sub(1).and_then(|p| b.tokens.get(p)).filter(|_| !m.hard_gap);
            let after = b.tokens.get(i + 2).filter(|n| !n.hard_gap);
            if before.is_some_and(|p| p.capitalised() && !p.sentence_start && !DETERMINERS.contains(&p.word))
                || after.is_some_and(|n| n.capitalised())
            {
                continue;
            }
            if names.contains(&key(&format!("{} {}", m.word, h.word))) {
                continue;
            }
            found.entry((m.norm, h.norm)).or_default().push(Occurrence { block: bi, at: i, len: 2 });
        }
    }
    for ((m, h), occ) in found.into_iter().filter(|(_, o)| o.len() >= 2) {
        let defined = heads
            .get(h as usize)
            .map(|(_, names)| names.iter().map(|n| quoted(n)).collect::<Vec<_>>().join(" and "))
            .unwrap_or_default();
        groups.insert(format!("sibling {m} {h}"), (format!("the defined terms like it are {defined}"), occ));
    }
}

/// "the Eligibility Criteria defined in Schedule 14": said to be defined, and not.
fn defined_elsewhere(ix: &Index, names: &HashSet<String>, out: &mut Vec<Finding>) {
    let mut found: BTreeMap<String, Vec<crate::model::Span>> = BTreeMap::new();
    for b in ix.blocks.iter().filter(|b| !b.heading) {
        let Some(block) = b.doc.document(ix.agreement).and_then(|d| d.blocks.get(b.block)) else { continue };
        if !block.text.contains("defined") {
            continue;
        }
        for c in DEFINED_IN.captures_iter(&block.text) {
            let Some(m) = c.get(1) else { continue };
            let phrase = crate::model::definitions::strip_article(m.as_str());
            let words = phrase.split_whitespace().count();
            // A definition's own quoted term is followed by "means", not "defined in".
            let quoted_before = block.text[..m.start()].ends_with(['“', '”', '"']);
            if words < 2 || quoted_before || names.contains(&key(phrase)) {
                continue;
            }
            let offset = m.end() - phrase.len();
            found.entry(phrase.to_string()).or_default().push(block.span_of(offset..m.end()));
        }
    }
    for (phrase, spans) in found {
        let Some(first) = spans.first() else { continue };
        let mut f = Finding::new(
            &UNDEFINED,
            first.clone(),
            format!("{} is said to be defined, but no definition defines it", quoted(&phrase)),
        )
        .label("referred to as defined")
        .help("add the definition to the definitions clause, or refer to the defined term");
        for s in spans.iter().skip(1).take(10) {
            f = f.related(s.clone(), "also here");
        }
        out.push(f);
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::UNDEFINED);
        // a finding at agreement.md:59
        assert!(found.iter().any(|(file, line, _)| file.ends_with("/agreement.md") && *line == 59), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::UNDEFINED, &clean()), Vec::new());
    }
}
