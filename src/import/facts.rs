//! Metadata read from the agreement's words, each value with the input line
//! it came from: the end of the term, the notice period, a pooled fund and
//! its host. What the text does not say plainly stays a TODO in the skeleton:
//! a wrong value costs more than a missing one.

use std::sync::LazyLock;

use regex::Regex;

use super::structure::{Block, Date, Located, find_date};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct TextFacts {
    /// The first day of the term: "\"Commencement Date\" means …" (in the
    /// clauses or a definitions schedule), "shall commence on …".
    pub commencement: Option<(Date, usize)>,
    /// The last day of the term: "ending on 31 March 2026", "until …",
    /// "\"Expiry Date\" means …".
    pub expiry: Option<(Date, usize)>,
    /// "not less than 12 months' written notice" → "12 months".
    pub notice: Option<(String, usize)>,
    /// The line that establishes or defines a pooled fund.
    pub pooled_fund: Option<usize>,
    /// The host partner as the text names it ("the County Council").
    pub host: Option<(String, usize)>,
}

/// Words that introduce the term's first day.
static START_OF_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shall commence on|commences on|shall take effect on|takes effect on|comes into force on|shall come into force on|starts on|shall start on|with effect from)\s")
        .expect("pattern is valid")
});

/// "ending on", "until", "expire on": words that introduce the term's last day.
static END_OF_TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ending on|end on|ends on|until|expire on|expires on|expiring on|up to and including)\s")
        .expect("pattern is valid")
});

/// In a "Term" definition, "the period from the Commencement Date to 31
/// March 2024": the period's end.
static END_OF_TERM_IN_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bfrom\s+(?:and\s+including\s+)?the\s+Commencement\s+Date\s+(?:to|until|up\s+to\s+and\s+including)\s",
    )
    .expect("pattern is valid")
});

static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)",
        r"(?:\s*\(\d{1,2}\))?\s+(month|week|year)s?['’]?\s+(?:prior\s+)?(?:written\s+)?notice"
    ))
    .expect("pattern is valid")
});

static HOST_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^["“”]Host(?: Partner| Authority| Body)?["“”]\s+(?:means|shall mean)\s+(.+?)[;.,]?\s*$"#)
        .expect("pattern is valid")
});

static HOST_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\S+\s+)?(?:The\s+|the\s+)?([A-Z][\w’' ]{1,60}?)\s+(?:is|shall be|will be|shall act as)\s+the\s+Host(?: Partner| Authority| Body)?\b")
        .expect("pattern is valid")
});

/// One row of a finance table: the partner as the table names it, the
/// financial year of the column ("2023/24") and the amount in pounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contribution {
    pub partner: String,
    pub year: String,
    pub pounds: u64,
    pub line: usize,
}

/// The contributions in finance tables: a header row whose cells name
/// financial years ("| Partner | 2023/24 (£) | 2024/25 (£) |"), then one row
/// a partner ("| ICB | 6,400,000 | 6,592,000 |"). Cells are split by `|` or
/// tabs; a "Total" row and rules ("+----+") are skipped.
pub(crate) fn contributions<'a>(blocks: impl IntoIterator<Item = &'a Located>) -> Vec<Contribution> {
    let mut out = Vec::new();
    let mut years: Vec<Option<String>> = Vec::new();
    let mut rows: Vec<(Vec<String>, usize, bool)> = Vec::new();
    for b in blocks {
        match &b.block {
            Block::Para(t) | Block::Item(t) => rows.push((cells(t), b.line, t.starts_with('+'))),
            Block::Table(table) => {
                rows.extend(table.iter().map(|r| (r.cells.clone(), r.line, false)));
                // A table ends where the next block begins.
                rows.push((Vec::new(), b.line, false));
            }
            Block::Heading { .. } => rows.push((Vec::new(), b.line, false)),
        }
    }
    for (cells, line, rule) in rows {
        if cells.len() < 2 {
            if !rule {
                years.clear();
            }
            continue;
        }
        let header: Vec<Option<String>> = cells.iter().map(|c| financial_year(c)).collect();
        if header.iter().flatten().count() > 0 {
            years = header;
            continue;
        }
        let partner = cells[0].trim();
        if years.is_empty() || partner.is_empty() || partner.to_lowercase().starts_with("total") {
            continue;
        }
        for (cell, year) in cells.iter().zip(&years).skip(1) {
            if let (Some(year), Some(pounds)) = (year, amount(cell)) {
                out.push(Contribution { partner: partner.to_string(), year: year.clone(), pounds, line });
            }
        }
    }
    out
}

fn cells(text: &str) -> Vec<String> {
    let sep = if text.contains('|') { '|' } else { '\t' };
    let t = text.trim().trim_matches('|');
    if !text.contains(sep) {
        return Vec::new();
    }
    t.split(sep).map(|c| c.trim().to_string()).collect()
}

/// "2023/24", "2023/24 (£)", "2023-24" → "2023/24".
fn financial_year(cell: &str) -> Option<String> {
    let t = cell.trim();
    let (a, rest) = t.split_at_checked(4)?;
    let sep = rest.chars().next()?;
    let b = rest.get(1..3)?;
    let ok = a.bytes().all(|c| c.is_ascii_digit())
        && matches!(sep, '/' | '-' | '–')
        && b.bytes().all(|c| c.is_ascii_digit());
    let next = a.parse::<u32>().ok()? % 100 + 1;
    (ok && b.parse::<u32>().ok()? == next % 100).then(|| format!("{a}/{b}"))
}

/// "3,250,000" or "£850,000" → pounds; a figure with pence or words is not read.
fn amount(cell: &str) -> Option<u64> {
    let t = cell.trim().trim_start_matches('£').trim();
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit() || c == b',') {
        return None;
    }
    t.replace(',', "").parse().ok()
}

/// Reads the facts from the paragraphs of the body and the schedules.
pub(crate) fn read<'a>(blocks: impl IntoIterator<Item = &'a Located>) -> TextFacts {
    let mut f = TextFacts::default();
    for b in blocks {
        let Block::Para(text) = &b.block else {
            continue;
        };
        let text = strip_item_label(text);
        let defines = |name: &str| defines(text, name);
        if f.commencement.is_none() {
            let date = if defines("Commencement Date") || defines("Start Date") || defines("Effective Date") {
                find_date(text)
            } else if mentions_term(text) {
                date_after(&START_OF_TERM, text)
            } else {
                None
            };
            f.commencement = date.map(|d| (d, b.line));
        }
        if f.expiry.is_none() && (defines("Expiry Date") || defines("End Date")) {
            // "\"Expiry Date\" means 31 March 2021": the date is the definition.
            f.expiry = definition_date(text).map(|d| (d, b.line));
        }
        if f.expiry.is_none() && defines("Term") {
            f.expiry = date_after(&END_OF_TERM_IN_DEFINITION, text).map(|d| (d, b.line));
        }
        if f.expiry.is_none() && (defines("Term") || mentions_term(text)) {
            f.expiry = expiry(text).map(|d| (d, b.line));
        }
        if f.notice.is_none() && text.to_lowercase().contains("terminat") {
            f.notice = notice(text).map(|n| (n, b.line));
        }
        if f.pooled_fund.is_none() && (defines("Pooled Fund") || defines("Pooled Budget")) {
            f.pooled_fund = Some(b.line);
        }
        if f.host.is_none() {
            f.host = host(text).map(|h| (h, b.line));
        }
    }
    f
}

/// `"Term" means …`: the paragraph defines `name`.
fn defines(text: &str, name: &str) -> bool {
    let t = text.trim_start_matches(['"', '“', '”']);
    t.strip_prefix(name).is_some_and(|rest| rest.starts_with(['"', '“', '”']))
}

/// "This Agreement … shall continue until …": a sentence about the term.
fn mentions_term(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("this agreement")
        && (lower.contains("continue") || lower.contains("expire") || lower.contains("term"))
}

/// `(a) "Term" means …`: a definition lettered as a list item.
fn strip_item_label(text: &str) -> &str {
    match super::tokens::leading_number(text) {
        Some(n) if matches!(n.kind, super::tokens::NumKind::Item) => text[n.raw.len()..].trim_start(),
        _ => text,
    }
}

/// The date a definition gives at once: "\"Expiry Date\" means 31 March
/// 2021;" (not "means the date on which …, being …").
fn definition_date(text: &str) -> Option<Date> {
    let at = text.find("means")?;
    let head: String = text[at + "means".len()..].split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    find_date(&head)
}

fn expiry(text: &str) -> Option<Date> {
    date_after(&END_OF_TERM, text)
}

/// The date that follows at once one of `words`.
fn date_after(words: &Regex, text: &str) -> Option<Date> {
    words.find_iter(text).find_map(|m| {
        let rest = &text[m.end()..];
        // The date must follow at once: "until the end of the Term" is not one.
        let head: String = rest.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        find_date(&head)
    })
}

fn notice(text: &str) -> Option<String> {
    let c = NOTICE.captures(text)?;
    let n = match c[1].to_lowercase().as_str() {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "eighteen" => 18,
        "twenty-four" => 24,
        d => d.parse().ok()?,
    };
    let unit = c[2].to_lowercase();
    Some(if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") })
}

fn host(text: &str) -> Option<String> {
    let name = if let Some(c) = HOST_DEFINITION.captures(text) {
        c[1].to_string()
    } else {
        HOST_CLAUSE.captures(text).map(|c| c[1].to_string())?
    };
    let name = name.trim().trim_end_matches([';', '.', ',']);
    let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
    (!name.is_empty() && name.split_whitespace().count() <= 6).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(texts: &[&str]) -> Vec<Located> {
        texts.iter().enumerate().map(|(i, t)| Located { block: Block::Para((*t).to_string()), line: i + 1 }).collect()
    }

    #[test]
    fn the_end_of_the_term_from_a_definition_or_a_clause() {
        let f = read(&body(&[
            "“Term” means the period starting on the Commencement Date and ending on 31 March 2026; and",
        ]));
        assert_eq!(f.expiry, Some((Date { year: 2026, month: 3, day: 31 }, 1)));
        let f = read(&body(&[
            "2.1 This Agreement shall continue until the end of the Term.",
            "2.2 This Agreement shall commence on 1 October 2018 and shall continue until 30 September 2021 unless terminated.",
        ]));
        assert_eq!(f.expiry, Some((Date { year: 2021, month: 9, day: 30 }, 2)));
        assert_eq!(read(&body(&["The Partners shall meet until 1 May 2020."])).expiry, None);
        let f = read(&body(&["(g) \"Expiry Date\" means 31 March 2021;"]));
        assert_eq!(f.expiry, Some((Date { year: 2021, month: 3, day: 31 }, 1)));
        let f = read(&body(&["\"Term\" means the period from the Commencement Date to 31 March 2024."]));
        assert_eq!(f.expiry, Some((Date { year: 2024, month: 3, day: 31 }, 1)));
        assert_eq!(
            read(&body(&["\"Expiry Date\" means the day before the fifth anniversary of 1 April 2020;"])).expiry,
            None
        );
    }

    #[test]
    fn the_first_day_of_the_term() {
        let f = read(&body(&["(c) \"Commencement Date\" means 1 April 2019;"]));
        assert_eq!(f.commencement, Some((Date { year: 2019, month: 4, day: 1 }, 1)));
        let f = read(&body(&[
            "2.1 This Agreement shall commence on 1 October 2018 and shall continue until 30 September 2021.",
        ]));
        assert_eq!(f.commencement.map(|c| c.0), Some(Date { year: 2018, month: 10, day: 1 }));
        assert_eq!(read(&body(&["The Board starts on 1 May 2020."])).commencement, None);
    }

    #[test]
    fn contributions_from_a_finance_table() {
        let rows = body(&[
            "+----------+---------+",
            "| Partner | 2024/25 (£) | 2025/26 (£) |",
            "| Council | 1,000,000 | 1,050,000 |",
            "| CCG | £250,000 | 260,000 |",
            "| Total | 1,250,000 | 1,310,000 |",
            "Partner\t2019/20\t2020/21",
            "Trust\t5,000\tTBC",
        ]);
        let got: Vec<(String, String, u64)> =
            contributions(&rows).into_iter().map(|c| (c.partner, c.year, c.pounds)).collect();
        let want: Vec<(String, String, u64)> = [
            ("Council", "2024/25", 1_000_000),
            ("Council", "2025/26", 1_050_000),
            ("CCG", "2024/25", 250_000),
            ("CCG", "2025/26", 260_000),
            ("Trust", "2019/20", 5_000),
        ]
        .iter()
        .map(|(p, y, a)| (p.to_string(), y.to_string(), *a))
        .collect();
        assert_eq!(got, want);
        assert_eq!(financial_year("2023/25"), None);
    }

    #[test]
    fn notice_periods_in_figures_and_words() {
        let f = read(&body(&[
            "19.1 Any Partner may terminate this Agreement by giving not less than 12 months' written notice.",
        ]));
        assert_eq!(f.notice, Some(("12 months".to_string(), 1)));
        let f = read(&body(&["A Partner may terminate on six (6) months’ notice to the others."]));
        assert_eq!(f.notice.map(|n| n.0), Some("6 months".to_string()));
        assert_eq!(read(&body(&["Notices shall be given within 6 months notice of a claim."])).notice, None);
    }

    #[test]
    fn a_pooled_fund_and_its_host() {
        let f = read(&body(&[
            "\"Pooled Fund\" means the fund established under clause 6;",
            "\"Host Partner\" means the County Council;",
        ]));
        assert_eq!(f.pooled_fund, Some(1));
        assert_eq!(f.host, Some(("County Council".to_string(), 2)));
        let f = read(&body(&["7.1 The ICB shall be the Host Partner and shall manage the Pooled Fund."]));
        assert_eq!(f.host.map(|h| h.0), Some("ICB".to_string()));
        assert_eq!(read(&body(&["The Host Partner shall keep accounts."])).host, None);
    }
}
