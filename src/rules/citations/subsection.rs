//! `citations.subsection`: a section of an Act cited with a subdivision
//! the section does not have — "Section 75(a) and (b) of the 2006 Act",
//! where s.75 of the NHS Act 2006 has numbered subsections (1), (2) … and
//! no top-level (a). Only sections whose structure is in the data are
//! judged (acts.toml `sections`, with legislation.gov.uk sources).

use std::sync::LazyLock;

use regex::Regex;

use super::data::{Act, Knowledge, Section};
use super::unknown_act::ACT_YEAR;
use crate::model::Agreement;
use crate::rules::{Example, Finding, Rule, Severity};

pub static SUBSECTION: Rule = Rule {
    code: "citations.subsection",
    severity: Severity::Warning,
    summary: "a section of an Act is cited with a subsection it does not have",
    doc: "Sections of modern Acts are divided into numbered subsections — (1), (2) … — and those into \
          lettered paragraphs. \"Section 75(a)\" of the NHS Act 2006 names nothing: section 75 has subsections \
          (1) to (9), and the provision meant (perhaps 75(1)(a), or another subsection) cannot be told from the \
          text. A numbered subsection above the section's highest is reported too. Only the sections whose \
          structure is recorded in src/rules/stale/acts.toml (the sections these agreements cite most) are \
          checked; \"the 2006 Act\" is read as the one Act of 2006 the agreement cites by its full title.",
    example: Example::Body(
        "## 14 Functions\n\n14.1 The Council Functions are functions prescribed for the purposes of section 75(a) of the 2006 Act.",
    ),
};

static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Ss]ections?|SECTION|s\.|ss\.)\s*(?P<sec>[0-9]{1,3}[A-Z]{0,2}) ?\((?P<first>[0-9]{1,2}[A-Z]{0,2}|[a-z]{1,2})\)")
        .expect("valid")
});

/// After the citation: "… of the 2006 Act" or "… of the Care Act 2014".
static OF_ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\([0-9A-Za-z]{1,4}\))*(?:\s*(?:,|and|or|to)\s*\([0-9A-Za-z]{1,4}\)(?:\([0-9A-Za-z]{1,4}\))*)*",
        r"\s+of\s+the\s+(?:(?P<y1>(?:19|20)[0-9]{2})\s+Act\b|(?P<title>[A-Z][A-Za-z'’,() &-]{0,80}?)\s+Act\s+(?P<y2>(?:19|20)[0-9]{2})\b)"
    ))
    .expect("valid")
});

pub fn check(a: &Agreement, k: &Knowledge, out: &mut Vec<Finding>) {
    // "the 2006 Act" is resolved against the whole text, once per year, when first met.
    let mut of_year: std::collections::BTreeMap<i16, Option<(&Act, i16)>> = std::collections::BTreeMap::new();
    for doc in a.documents() {
        for b in doc.blocks.iter().filter(|b| b.text.contains('(')) {
            for c in SECTION.captures_iter(&b.text) {
                let (Some(whole), Some(sec), Some(first)) = (c.get(0), c.name("sec"), c.name("first")) else {
                    continue;
                };
                let Some(of) = OF_ACT.captures(&b.text[whole.end()..]) else { continue };
                let resolved = match (of.name("y1"), of.name("title"), of.name("y2")) {
                    (Some(y), _, _) => y
                        .as_str()
                        .parse()
                        .ok()
                        .and_then(|y: i16| *of_year.entry(y).or_insert_with(|| act_of_year(k, a, y))),
                    (None, Some(t), Some(y)) => y.as_str().parse().ok().and_then(|y| {
                        k.act_named(&format!("{} Act", t.as_str())).filter(|a| a.years.contains(&y)).map(|a| (a, y))
                    }),
                    _ => None,
                };
                let Some((act, year)) = resolved else { continue };
                let Some(section) = act.sections.iter().find(|s| s.year == year && s.number == sec.as_str()) else {
                    continue;
                };
                let Some(problem) = problem(section, first.as_str()) else { continue };
                let end = whole.end() + of.get(0).map_or(0, |m| m.end());
                let range = whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len())..end;
                let mut f = Finding::new(
                    &SUBSECTION,
                    b.span_of(range),
                    format!(
                        "section {} of the {} {year} {problem}; \"{}({})\" names no part of it",
                        section.number,
                        act.title,
                        section.number,
                        first.as_str()
                    ),
                )
                .label(format!("no subsection ({})", first.as_str()));
                let lead = "cite the numbered subsection (and its paragraph) that is meant";
                f = f.help(match &section.source {
                    Some(src) => format!("{lead}: {src}"),
                    None => lead.to_string(),
                });
                out.push(f);
            }
        }
    }
}

/// What is wrong with subdivision `first` of the section, if anything.
fn problem(section: &Section, first: &str) -> Option<String> {
    let range = section.highest.map_or(String::new(), |h| format!(", (1) to ({h})"));
    if first.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(format!("has numbered subsections{range}"));
    }
    let n: u32 = first.trim_end_matches(|c: char| c.is_ascii_uppercase()).parse().ok()?;
    let highest = section.highest?;
    (n > highest).then(|| format!("has subsections (1) to ({highest})"))
}

/// "the 2006 Act": the one known Act of that year the agreement cites by its full title.
fn act_of_year<'k>(k: &'k Knowledge, a: &Agreement, year: i16) -> Option<(&'k Act, i16)> {
    // Where the text says "Act {year}": the title, if any, ends before each.
    let befores: Vec<&str> = super::blocks_with(a, &["Act"])
        .into_iter()
        .flat_map(|b| {
            ACT_YEAR.captures_iter(&b.text).filter_map(|c| {
                let (whole, y) = (c.get(0)?, c.get(1)?);
                (y.as_str().parse::<i16>().ok()? == year).then(|| &b.text[..whole.start()])
            })
        })
        .collect();
    let cited: Vec<&Act> = k
        .acts
        .iter()
        .filter(|a| a.years.contains(&year))
        .filter(|a| a.names.iter().any(|n| befores.iter().any(|before| ends_with_title(before, n))))
        .collect();
    (cited.len() == 1).then(|| (cited[0], year))
}

/// Whether `before` (the text before "Act {year}") ends with the title
/// `name` as a whole title, not the tail of a longer one: its words apart
/// by white space, and before them neither a capitalised word nor "and",
/// "of", "in" or "for".
fn ends_with_title(before: &str, name: &str) -> bool {
    let mut head = before;
    for word in name.trim_end_matches(" Act").rsplit(' ') {
        let trimmed = head.trim_end();
        // Each word is apart from the next, the last from "Act".
        if trimmed.len() == head.len() {
            return false;
        }
        let Some(rest) = trimmed.strip_suffix(word) else { return false };
        head = rest;
    }
    // The title starts a word.
    if head.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let last = head.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    !last.chars().next().is_some_and(char::is_uppercase) && !["and", "of", "in", "for"].contains(&last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::citations::testing::{knowledge, pool_with_body};
    use crate::rules::testing::bundled;

    fn messages(body: &str) -> Vec<String> {
        let mut out = Vec::new();
        check(&pool_with_body(body), &knowledge(), &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn the_2019_indemnity_clause_cites_section_75_a() {
        let a = bundled().into_iter().next().expect("2019");
        let mut out = Vec::new();
        check(&a, &knowledge(), &mut out);
        let messages: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "section 75 of the National Health Service Act 2006 has numbered subsections, (1) to (9); \"75(a)\" names \
              no part of it"
            ]
        );
    }

    #[test]
    fn other_styles_fire_and_right_citations_are_silent() {
        assert_eq!(
            messages("The duties in section 42 (a) of the Care Act 2014 apply."),
            ["section 42 of the Care Act 2014 has numbered subsections; \"42(a)\" names no part of it"]
        );
        assert_eq!(
            messages(
                "the \"2006 Act\" means the National Health Service Act 2006;\n\nunder section 75(12) of the 2006 Act"
            ),
            [
                "section 75 of the National Health Service Act 2006 has subsections (1) to (9); \"75(12)\" names no part of it"
            ]
        );
        let ok = "the National Health Service Act 2006; section 75(1) of the 2006 Act; section 75(7A) of the 2006 Act; \
                  section 117(2) of the Mental Health Act 1983; section 114(10) of the Mental Health Act 1983; \
                  section 9(1)(a) of the Care Act 2014; section 26(a) of the Children and Families Act 2014; \
                  section 31(1) of the Health Act 1999";
        assert_eq!(messages(ok), Vec::<String>::new());
        // "the 2006 Act" with two Acts of 2006 cited: which one cannot be told.
        let two = "the National Health Service Act 2006 and the Health Act 2006; section 75(a) of the 2006 Act";
        assert_eq!(messages(two), Vec::<String>::new());
        // The tail of a longer title ("the Local Health Act 2006") is not the
        // Health Act 2006; a title's words may be apart by any white space.
        let tail =
            "the National  Health Service\nAct 2006 and the Local Health Act 2006; section 75(a) of the 2006 Act";
        assert_eq!(
            messages(tail),
            [
                "section 75 of the National Health Service Act 2006 has numbered subsections, (1) to (9); \"75(a)\" names \
              no part of it"
            ]
        );
    }
}
