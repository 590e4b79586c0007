//! `terms.near-miss`: phrases that are nearly a defined term.
//!
//! Three kinds, from the most to the least certain:
//!
//! - **form**: the term's words in the term's order, differing in the case
//!   of a later word, a possessive, or the number of a word before the last
//!   ("Commencement date", "Council Functions" for "Council's Functions",
//!   "Aims and Outcomes" for "Aim and Outcomes"). These are the non-exact
//!   uses found by [`Index::uses`]; always reported.
//! - **misspelt**: one word differs and is a misspelling of the term's word
//!   (edit distance on the word sequence is 1, and the two words are close
//!   by Damerau–Levenshtein): "Comencement Date". Always reported.
//! - **reworded**: the same words in another order ("Potential Safeguarding
//!   Adults Review Case" for "Potential Adult Safeguarding Review case"), or
//!   one middle word of a long term changed ("Council's Nominated
//!   Professional Supervisor" for "Council's Designated Professional
//!   Supervisor"). A reworded phrase is as often a different name for a
//!   different thing (a post, an Act) as a slip, so it is reported only when
//!   the defined term itself is never used: then the text plainly uses
//!   another name for it.
//! - **last word changed**: a long name's first three words or more as
//!   written and its last word changed ("Approved Mental Health
//!   Practitioner" for "Approved Mental Health Professional"). So much of
//!   the name in place leaves no doubt which term was meant: always reported.
//!
//! Not near misses: headings, words that continue a longer capitalised name
//! ("National Health Service Act 2006" is not a reordered "2006 Act"),
//! capitals that only start a sentence ("Service users must …"), text in
//! capitals, and a definition's own quoted term.

use std::collections::BTreeMap;

use crate::fast_hash::{HashMap, HashSet};

use super::index::{Hit, Index, Pattern, Token, continues_name};
use super::miscapitalised;
use super::quoted;
use crate::model::DocId;
use crate::rules::{Example, Finding, Rule, Severity};

pub static NEAR_MISS: Rule = Rule {
    code: "terms.near-miss",
    severity: Severity::Warning,
    summary: "a phrase is nearly, but not exactly, a defined term",
    doc: "A defined term only carries its definition when it is used as defined. A phrase with the \
          same words in another order, a word in another number or without its possessive (\"Council \
          Functions\" for \"Council's Functions\"), a misspelt word, one middle word changed in a long \
          term (\"Council's Nominated Professional Supervisor\"), or the last word of a long name changed \
          (\"Approved Mental Health Practitioner\") may not invoke it. A word only in another case is \
          `terms.miscapitalised`; the plural or singular of the last word, or of the head of a post's \
          title (\"General Managers for Social Care Governance\"), is a use (\"words denoting the \
          singular include the plural\"). Each variant is reported once, with its other occurrences; \
          where the text writes the term one way three times or more and the defined form hardly \
          ever, the finding sits on the definition, which is the one to fix.",
    example: Example::Body(
        "## 14 Review\n\n14.1 The Partners shall review the exercise of the Council's Functions each year.",
    ),
};

const STOPWORDS: &[&str] = &["the", "of", "and", "a", "an", "for", "to", "in", "on", "or", "&", "by", "with"];

struct Occurrence {
    block: usize,
    at: usize,
    len: usize,
}

/// `counts[d]`: the number of operative uses of definition `d`. Returns the
/// definitions that got a near miss (their "unused" is the same defect).
pub fn check(ix: &Index, uses: &[Hit], counts: &[usize], out: &mut Vec<Finding>) -> HashSet<usize> {
    let mut groups = Groups { ix, names: name_ranges(ix), found: BTreeMap::new() };
    // Case-only variants, by pattern: one `terms.miscapitalised` note per term.
    let mut miscapitalised: BTreeMap<usize, Vec<Occurrence>> = BTreeMap::new();
    // Form: the non-exact uses.
    for h in uses.iter().filter(|h| !h.exact && h.len >= 2) {
        let b = &ix.blocks[h.block];
        let window = &b.tokens[h.at..h.at + h.len];
        let pat = &ix.patterns[h.pattern];
        let def = &ix.defs[pat.def];
        let own_definition = b.doc == def.doc && def.blocks.contains(&b.block);
        if b.heading
            || own_definition
            || prose_or_capitals(window, pat)
            || miscapitalised::general(&b.tokens, h.at, pat)
        {
            continue;
        }
        if miscapitalised::case_only(window, pat) {
            if !groups.in_names(h.block, h.at, h.len) {
                miscapitalised.entry(h.pattern).or_default().push(Occurrence { block: h.block, at: h.at, len: h.len });
            }
            continue;
        }
        for &p in ix.twins(h.pattern) {
            groups.add(p, h.block, h.at, h.len);
        }
    }
    misspelt_or_reworded(ix, uses, counts, &mut groups);
    let exact = exact_uses(ix, uses);
    let mut reported = HashSet::default();
    for ((p, _), occurrences) in groups.found {
        let Some(first) = occurrences.first() else { continue };
        let text = ix.text(first.block, first.at, first.len);
        let on_definition = definition_is_the_odd_one(occurrences.len(), exact[p]);
        let unused = counts.get(ix.patterns[p].def).is_some_and(|&c| c == 0);
        out.extend(finding(ix, p, text, &occurrences, on_definition, unused));
        reported.insert(ix.patterns[p].def);
    }
    for (p, occurrences) in miscapitalised {
        let places: Vec<miscapitalised::Place> =
            occurrences.iter().map(|o| miscapitalised::Place { block: o.block, at: o.at, len: o.len }).collect();
        // The definition is the odd one out only where the text writes the term one way throughout.
        let (b, at, len) = first_of(&places);
        let form = ix.text(b, at, len);
        let one_form = places.iter().all(|o| ix.text(o.block, o.at, o.len) == form);
        let on_definition = one_form && definition_is_the_odd_one(places.len(), exact[p]);
        out.extend(miscapitalised::finding(ix, p, &places, on_definition));
    }
    reported
}

fn first_of(places: &[miscapitalised::Place]) -> (usize, usize, usize) {
    places.first().map_or((0, 0, 0), |o| (o.block, o.at, o.len))
}

/// Where the text writes a term one way three times or more and the
/// defined form hardly ever, the definition is the one to fix.
fn definition_is_the_odd_one(variant_uses: usize, exact_uses: usize) -> bool {
    variant_uses >= 3 && exact_uses * 3 < variant_uses
}

/// Exact uses of each pattern (a use of a name defined twice counts for each twin).
fn exact_uses(ix: &Index, uses: &[Hit]) -> Vec<usize> {
    let mut out = vec![0; ix.patterns.len()];
    for h in uses.iter().filter(|h| h.exact && !ix.blocks[h.block].heading) {
        for &p in ix.twins(h.pattern) {
            out[p] += 1;
        }
    }
    out
}

/// Near misses found so far: (pattern, the variant's words) → occurrences, in reading order.
struct Groups<'i, 'a> {
    ix: &'i Index<'a>,
    /// Where definitions write their own terms: never a near miss.
    names: HashMap<(DocId, usize), Vec<(usize, usize)>>,
    found: BTreeMap<(usize, String), Vec<Occurrence>>,
}

impl Groups<'_, '_> {
    /// Records a variant; variants group by their words, ignoring case, spacing and apostrophe style.
    fn add(&mut self, p: usize, block: usize, at: usize, len: usize) {
        if self.in_names(block, at, len) || self.cites_a_year(block, at + len) {
            return;
        }
        let words = &self.ix.blocks[block].tokens[at..at + len];
        let key = words
            .iter()
            .map(|t| format!("{}{}", t.word.to_lowercase(), if t.possessive { "'s" } else { "" }))
            .collect::<Vec<_>>()
            .join(" ");
        self.found.entry((p, key)).or_default().push(Occurrence { block, at, len });
    }

    /// "Equalities Act 2010": a title cited with its year is a citation,
    /// which the citation rules check against the titles of Acts.
    fn cites_a_year(&self, block: usize, after: usize) -> bool {
        self.ix.blocks[block]
            .tokens
            .get(after)
            .is_some_and(|t| !t.hard_gap && t.word.len() == 4 && t.word.bytes().all(|c| c.is_ascii_digit()))
    }

    fn in_names(&self, block: usize, at: usize, len: usize) -> bool {
        let b = &self.ix.blocks[block];
        let (Some(first), Some(last)) = (b.tokens.get(at), b.tokens.get(at + len - 1)) else { return true };
        self.names.get(&(b.doc, b.block)).is_some_and(|rs| rs.iter().any(|r| r.0 < last.end && first.start < r.1))
    }
}

/// Windows of the text as long as a term, starting with a capitalised word,
/// that misspell a term or reword a term never used.
fn misspelt_or_reworded(ix: &Index, uses: &[Hit], counts: &[usize], groups: &mut Groups) {
    // Candidate patterns for a window starting at a word: a misspelling keeps
    // the first or the second word in place; a rewording (reported only for
    // terms never used) may start with any of the term's words.
    let multi = |p: &Pattern| p.words.len() >= 2;
    let unused = |p: &Pattern| counts.get(p.def).is_some_and(|&c| c == 0);
    // Indexed by the first pattern of each name (see `Index::twins`): the
    // window is tested once, and the finding goes to each of its twins that
    // the plain test would have tried.
    let some_twin_unused = |p: usize| ix.twins(p).iter().any(|&t| unused(&ix.patterns[t]));
    let by_first = patterns_by(ix, multi, |p| p.norms.first().copied().into_iter().collect());
    let by_second = patterns_by(ix, multi, |p| p.norms.get(1).copied().into_iter().collect());
    let by_any_unused = patterns_by_all_words(ix, |p| multi(&ix.patterns[p]) && some_twin_unused(p));
    // The uses are in reading order (see `index::longest`): a block's are a run of them.
    debug_assert!(uses.is_sorted_by_key(|h| (h.block, h.at)));
    let mut cands: Vec<usize> = Vec::new();
    // The uses not yet passed: every block is read, in order, so each
    // block's uses are the run at the front (a cursor, not a search per block).
    let mut rest = uses;
    for (bi, b) in ix.blocks.iter().enumerate() {
        let (uses_here, after) = rest.split_at(rest.iter().take_while(|h| h.block == bi).count());
        rest = after;
        if b.heading {
            continue;
        }
        for s in 0..b.tokens.len() {
            if !b.tokens[s].capitalised() || continues_name(&b.tokens, s) {
                continue;
            }
            let (first, second, any) = (
                listed(&by_first, &b.tokens, s),
                listed(&by_second, &b.tokens, s + 1),
                listed(&by_any_unused, &b.tokens, s),
            );
            if first.is_empty() && second.is_empty() && any.is_empty() {
                continue;
            }
            cands.clear();
            cands.extend_from_slice(first);
            for &p in second.iter().chain(any) {
                if !cands.contains(&p) {
                    cands.push(p);
                }
            }
            for &p in &cands {
                let pat = &ix.patterns[p];
                let len = pat.words.len();
                let Some(window) = b.tokens.get(s..s + len).filter(|w| plausible(w, pat)) else { continue };
                // Inside another defined term, or over a use of a term of several words.
                let overlaps_use = uses_here.iter().any(|h| {
                    let (at, l) = (h.at, h.len);
                    (at <= s && s + len <= at + l) || (l >= 2 && at < s + len && s < at + l)
                });
                if overlaps_use {
                    continue;
                }
                let Some(k) = kind(window, pat) else { continue };
                // Listed for its first or second word, every twin is a
                // candidate; listed only as unused, the unused ones.
                let by_words = first.contains(&p) || second.contains(&p);
                for &t in ix.twins(p) {
                    let twin = &ix.patterns[t];
                    if !by_words && !unused(twin) {
                        continue;
                    }
                    // A name that goes on ("… Practitioner Service") is another name.
                    let goes_on = b.tokens.get(s + len).is_some_and(|n| !n.hard_gap && n.capitalised());
                    match k {
                        Kind::Misspelt => groups.add(t, bi, s, len),
                        Kind::LastWordChanged if !goes_on && !prose_or_capitals(window, twin) => {
                            groups.add(t, bi, s, len)
                        }
                        Kind::LastWordChanged => {}
                        Kind::Reworded if unused(twin) && !prose_or_capitals(window, twin) => groups.add(t, bi, s, len),
                        Kind::Reworded => {}
                    }
                }
            }
        }
    }
}

fn finding(
    ix: &Index,
    p: usize,
    text: &str,
    occurrences: &[Occurrence],
    on_definition: bool,
    unused: bool,
) -> Option<Finding> {
    let pat = &ix.patterns[p];
    let def = &ix.defs[pat.def];
    // The name that was nearly used: the term, or the alias.
    let name = &pat.name;
    let first = occurrences.first()?;
    let times = if occurrences.len() > 1 { format!(" ({} times)", occurrences.len()) } else { String::new() };
    if on_definition {
        let mut f = Finding::new(
            &NEAR_MISS,
            def.span.clone(),
            format!("{} is defined in a form the text does not use: it says {}{times}", quoted(name), quoted(text)),
        )
        .label("defined in this form")
        .help("change the definition to the form the text uses (or the uses to the defined form)");
        for o in occurrences.iter().take(10) {
            if let Some(span) = ix.span(o.block, o.at, o.len) {
                f = f.related(span, "used so here");
            }
        }
        return Some(f);
    }
    let span = ix.span(first.block, first.at, first.len)?;
    let help = if unused {
        "use the defined term exactly (it is used nowhere else), or define this form if it means something else"
    } else {
        "use the defined term exactly, or define this form if it means something else"
    };
    let mut f =
        Finding::new(&NEAR_MISS, span, format!("{}{times} is not the defined term {}", quoted(text), quoted(name)))
            .label("nearly a defined term")
            .help(help);
    for o in occurrences.iter().skip(1).take(10) {
        if let Some(span) = ix.span(o.block, o.at, o.len) {
            f = f.related(span, "also here");
        }
    }
    Some(f.related(def.span.clone(), "defined here"))
}

/// Normalised word → the patterns listed for it. A map, not a table by
/// word id: a few hundred of the agreement's thousands of words are terms'.
type ByWord = HashMap<u32, Vec<usize>>;

/// The patterns an index lists for the word at `at`.
fn listed<'i>(index: &'i ByWord, tokens: &[Token], at: usize) -> &'i [usize] {
    tokens.get(at).and_then(|t| index.get(&t.norm)).map_or(&[][..], Vec::as_slice)
}

/// The first pattern of each name (see `Index::twins`) chosen by `keep`,
/// indexed by the normalised words `words` gives.
fn patterns_by(ix: &Index, keep: impl Fn(&Pattern) -> bool, words: impl Fn(&Pattern) -> Vec<u32>) -> ByWord {
    patterns_by_words(ix, |p| keep(&ix.patterns[p]), words)
}

/// As [`patterns_by`], indexed by all of a pattern's words, `keep` given the pattern's number.
fn patterns_by_all_words(ix: &Index, keep: impl Fn(usize) -> bool) -> ByWord {
    patterns_by_words(ix, keep, |p| p.norms.clone())
}

fn patterns_by_words(ix: &Index, keep: impl Fn(usize) -> bool, words: impl Fn(&Pattern) -> Vec<u32>) -> ByWord {
    let mut index = ByWord::default();
    let first_of_name = |p: &usize| !ix.twins(*p).is_empty();
    for (p, pat) in ix.patterns.iter().enumerate().filter(|(p, _)| first_of_name(p) && keep(*p)) {
        for n in words(pat) {
            let list = index.entry(n).or_default();
            if !list.contains(&p) {
                list.push(p);
            }
        }
    }
    index
}

/// A cheap test before [`kind`]: all words but one in place, or every word among the term's.
fn plausible(window: &[Token], pat: &Pattern) -> bool {
    let n = window.len();
    let in_place = window.iter().zip(&pat.norms).filter(|(t, n)| t.norm == **n).count();
    in_place + 1 >= n || window.iter().all(|t| pat.norms.contains(&t.norm))
}

/// Byte ranges of every definition's own quoted term and aliases, by block.
fn name_ranges(ix: &Index) -> HashMap<(DocId, usize), Vec<(usize, usize)>> {
    let mut out: HashMap<_, Vec<(usize, usize)>> = HashMap::default();
    for d in ix.defs {
        out.entry((d.doc, d.block)).or_default().push((d.names_range.start, d.names_range.end));
    }
    out
}

/// "Service users will …" (capitalised only as a sentence start), or text in capitals.
fn prose_or_capitals(window: &[Token], pat: &Pattern) -> bool {
    let pattern_capitalised = pat.words.iter().skip(1).any(|(w, _)| w.chars().next().is_some_and(char::is_uppercase));
    let rest_lower = window.iter().skip(1).all(|t| !t.capitalised());
    (window[0].sentence_start && rest_lower && pattern_capitalised) || window.iter().all(Token::all_caps)
}

enum Kind {
    Misspelt,
    Reworded,
    LastWordChanged,
}

fn kind(window: &[Token], pat: &Pattern) -> Option<Kind> {
    let n = window.len();
    if window.iter().skip(1).any(|t| t.hard_gap) {
        return None;
    }
    if window.iter().map(|t| t.norm).eq(pat.norms.iter().copied()) {
        // Same words in order: a use (exact or not), handled by the uses.
        return None;
    }
    if same_words(window, &pat.norms) {
        return Some(Kind::Reworded);
    }
    // The window is as long as the term: one word apart is one word changed.
    let j = window.iter().zip(&pat.norms).position(|(t, &y)| t.norm != y)?;
    if window[j + 1..].iter().zip(&pat.norms[j + 1..]).any(|(t, &y)| t.norm != y) {
        return None;
    }
    let (written, defined) = (window[j].word, pat.words[j].0.as_str());
    // Lower case is needed only for words long enough to be misspelt, and
    // for a word that might be a stop word.
    let lower = |w: &str| w.to_lowercase();
    let long_enough = |w: &str| !w.is_ascii() || w.len() >= 5;
    if long_enough(written) && long_enough(defined) && misspelt(&lower(written), &lower(defined)) {
        return Some(Kind::Misspelt);
    }
    let is_stopword = |w: &str| match w.is_ascii() {
        true => STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w)),
        false => STOPWORDS.contains(&lower(w).as_str()),
    };
    let content = || pat.words.iter().filter(|(w, _)| !is_stopword(w) && w.chars().any(char::is_alphabetic)).count();
    // The last word of a long name changed ("Approved Mental Health
    // Practitioner" for "… Professional"): three words or more of the name
    // in place, as written, leave no doubt which term was meant.
    let prefix_as_written =
        window[..j].iter().zip(&pat.words).all(|(t, (w, poss))| t.word == w && t.possessive == *poss);
    let prefix_content = pat.words[..j].iter().filter(|(w, _)| !is_stopword(w)).count();
    if j + 1 == n
        && j >= 3
        && prefix_content >= 3
        && prefix_as_written
        && window[j].capitalised()
        && !is_stopword(written)
    {
        return Some(Kind::LastWordChanged);
    }
    (j > 0 && j + 1 < n && window[j].capitalised() && !is_stopword(written) && content() >= 4).then_some(Kind::Reworded)
}

/// Whether the window has the term's words in some order.
fn same_words(window: &[Token], norms: &[u32]) -> bool {
    // Terms are a few words long: counting each word's repeats beats sorting copies.
    let count_in_window = |n: u32| window.iter().filter(|t| t.norm == n).count();
    let count_in_term = |n: u32| norms.iter().filter(|&&m| m == n).count();
    window.len() == norms.len() && norms.iter().all(|&n| count_in_window(n) == count_in_term(n))
}

/// Whether two lower-case words of five letters or more are one slip apart:
/// a normalised Damerau–Levenshtein similarity of 0.8 or more.
fn misspelt(w: &str, d: &str) -> bool {
    let (lw, ld) = (w.chars().count(), d.chars().count());
    if lw < 5 || ld < 5 {
        return false;
    }
    // Most pairs are plainly different words: a lower bound of the distance
    // says so without computing it.
    let longest = lw.max(ld) as f64;
    if 1.0 - (distance_at_least(w, d) as f64) / longest < 0.8 {
        return false;
    }
    strsim::normalized_damerau_levenshtein(w, d) >= 0.8
}

/// A lower bound of the Damerau–Levenshtein distance of two words: an edit
/// changes the counts of at most two letters by one each (a transposition
/// none), so it is at least half the letters, counted with repeats, that one
/// word has and the other has not; and at least the difference in length.
fn distance_at_least(w: &str, d: &str) -> usize {
    let length = w.chars().count().abs_diff(d.chars().count());
    if !(w.is_ascii() && d.is_ascii()) {
        return length;
    }
    let mut counts = [0i32; 128];
    w.bytes().for_each(|b| counts[usize::from(b)] += 1);
    d.bytes().for_each(|b| counts[usize::from(b)] -= 1);
    let unmatched: usize = counts.iter().map(|c| c.unsigned_abs() as usize).sum();
    length.max(unmatched.div_ceil(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::terms::testkit::{findings, messages, with_body};

    const HANGING: &str = "## PART 1 DEFINITIONS\n\n1.1 In this Agreement:\n\n\"Approved Mental Health Professional\" or \"AMHP\" means a person approved under section 114 of the Mental Health Act 1983;\n\n\"Pooled Fund\" means the fund established under clause 7;\n\n## PART 2 SERVICES\n\n";

    #[test]
    fn a_long_name_with_its_last_word_changed_is_a_near_miss() {
        let a = with_body(&format!(
            "{HANGING}5.1 The Trust shall keep a rota so that an Approved Mental Health Practitioner is available at all times, and shall pay each AMHP from the Pooled Fund.\n"
        ));
        assert_eq!(
            messages(&findings(&a, &NEAR_MISS)),
            ["“Approved Mental Health Practitioner” is not the defined term “Approved Mental Health Professional”"]
        );
    }

    #[test]
    fn the_plural_and_a_longer_name_are_not_near_misses() {
        let a = with_body(&format!(
            "{HANGING}5.1 The Approved Mental Health Professionals shall attend the Approved Mental Health Practitioner Forum, paid from the Pooled Fund.\n"
        ));
        assert_eq!(messages(&findings(&a, &NEAR_MISS)), Vec::<String>::new());
    }

    /// The bound never exceeds the distance, so `misspelt` decides as the
    /// plain similarity test would, on words that differ in every way.
    #[test]
    fn the_distance_bound_is_a_bound() {
        let letters = ["a", "b", "c", "e", "n", "m", "é", "ß", "s"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut word = || {
            let mut w = String::new();
            for _ in 0..(3 + seed % 7) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                w.push_str(letters[(seed % letters.len() as u64) as usize]);
            }
            w
        };
        for _ in 0..5000 {
            let (w, d) = (word(), word());
            assert!(distance_at_least(&w, &d) <= strsim::damerau_levenshtein(&w, &d), "{w} {d}");
            let plain = w.chars().count() >= 5
                && d.chars().count() >= 5
                && strsim::normalized_damerau_levenshtein(&w, &d) >= 0.8;
            assert_eq!(misspelt(&w, &d), plain, "{w} {d}");
        }
        assert!(misspelt("comencement", "commencement"));
        assert!(!misspelt("council", "counsel"));
    }
}

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{clean, reported, reported_2019};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported_2019(&super::NEAR_MISS);
        // a finding at agreement.md:13
        assert!(found.iter().any(|(file, line, _)| file.ends_with("/agreement.md") && *line == 13), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::NEAR_MISS, &clean()), Vec::new());
    }
}
