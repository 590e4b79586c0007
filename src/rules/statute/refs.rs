//! Resolving the clause references written in `agreement.toml`
//! (`[satisfies]`, `[[functions]] clause`, `[[reporting]] clause`) to the
//! text they name: `2.1`, `Clause 2.1`, `Schedule 1`, `Schedule 1 para 2`,
//! `paragraph 2 of Schedule 1`, `Recital (B)`, `Recitals`.

use crate::model::{Agreement, Document, Number, Section, Span};

/// A reference that names real text.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// How a reader would cite it: "Clause 2.1", "Schedule 1 para 2".
    pub label: String,
    /// The opening block of the text it names.
    pub span: Span,
    /// The opening words, for the matrix.
    pub excerpt: String,
}

/// Resolves a reference, or says why it names nothing.
pub fn resolve(a: &Agreement, reference: &str) -> Result<Resolved, String> {
    let r = reference.trim();
    let lower = r.to_ascii_lowercase();
    if lower == "recitals" {
        return recitals(a);
    }
    if let Some(rest) = strip_word(r, "recital") {
        return recital(a, rest);
    }
    if let Some((para, sched)) = split_of_schedule(r) {
        return schedule(a, sched, Some(para));
    }
    if let Some(rest) = strip_word(r, "schedule") {
        let (number, para) = match rest.split_once(|c: char| c == ',' || c.is_whitespace()) {
            Some((n, tail)) => {
                let tail = tail.trim_start_matches([',', ' ']);
                let para = strip_word(tail, "paragraph")
                    .or_else(|| strip_word(tail, "para"))
                    .ok_or_else(|| format!("cannot read `{r}`; write e.g. \"Schedule 1\" or \"Schedule 1 para 2\""))?;
                (n, Some(para))
            }
            None => (rest, None),
        };
        return schedule(a, number, para);
    }
    let number = strip_word(r, "clause").unwrap_or(r);
    clause(a, number)
}

/// "Clause 2.1" → "2.1" (case-insensitive; the word must be followed by a space).
fn strip_word<'s>(s: &'s str, word: &str) -> Option<&'s str> {
    let head = s.get(..word.len())?;
    let rest = &s[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// "paragraph 2 of Schedule 1" → ("2", "1").
fn split_of_schedule(r: &str) -> Option<(&str, &str)> {
    let para = strip_word(r, "paragraph").or_else(|| strip_word(r, "para"))?;
    let at = para.to_ascii_lowercase().find(" of schedule ")?;
    Some((para[..at].trim(), para[at + " of schedule ".len()..].trim()))
}

fn key_of(number: &str) -> Result<String, String> {
    Number::parse(number).map(|n| n.key()).ok_or_else(|| format!("`{number}` is not a clause number"))
}

fn clause(a: &Agreement, number: &str) -> Result<Resolved, String> {
    let key = key_of(number)?;
    let doc = &a.body;
    doc.provisions_numbered(&key)
        .find(|p| doc.blocks[p.start].section == Section::Clauses)
        .map(|p| at_block(doc, p.start, format!("Clause {key}")))
        .ok_or_else(|| format!("the agreement has no clause {key}"))
}

fn recitals(a: &Agreement) -> Result<Resolved, String> {
    let doc = &a.body;
    doc.blocks
        .iter()
        .position(|b| b.section == Section::Recitals && !b.is_heading())
        .map(|i| at_block(doc, i, "Recitals".to_string()))
        .ok_or_else(|| "the agreement has no recitals".to_string())
}

fn recital(a: &Agreement, label: &str) -> Result<Resolved, String> {
    let wanted = if label.starts_with('(') { label.to_string() } else { format!("({label})") };
    let key = key_of(&wanted)?;
    let doc = &a.body;
    doc.blocks
        .iter()
        .position(|b| b.section == Section::Recitals && b.number.as_ref().is_some_and(|n| n.value.key() == key))
        .map(|i| at_block(doc, i, format!("Recital {key}")))
        .ok_or_else(|| format!("the agreement has no recital {key}"))
}

fn schedule(a: &Agreement, number: &str, para: Option<&str>) -> Result<Resolved, String> {
    let Some(s) = a.schedule(number) else {
        return Err(format!("the agreement has no Schedule {number}"));
    };
    let Some(doc) = s.doc.as_ref().filter(|_| !a.schedule_not_used(s)) else {
        return Err(format!("Schedule {number} is not used"));
    };
    match para {
        None => Ok(match doc.blocks.first() {
            Some(_) => at_block(doc, 0, format!("Schedule {number}")),
            None => {
                Resolved { label: format!("Schedule {number}"), span: Span::line(&doc.file, 1), excerpt: String::new() }
            }
        }),
        Some(p) => {
            let key = key_of(p)?;
            doc.provisions_numbered(&key)
                .next()
                .map(|prov| at_block(doc, prov.start, format!("Schedule {number} para {key}")))
                .ok_or_else(|| format!("Schedule {number} has no paragraph {key}"))
        }
    }
}

pub fn at_block(doc: &Document, i: usize, label: String) -> Resolved {
    let b = &doc.blocks[i];
    Resolved { label, span: b.span.clone(), excerpt: excerpt(&b.display_text()) }
}

/// The first words of a text, cut at a word boundary.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 110;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':']);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_forms() {
        assert_eq!(strip_word("Clause 2.1", "clause"), Some("2.1"));
        assert_eq!(strip_word("Clauses", "clause"), None);
        assert_eq!(split_of_schedule("paragraph 2 of Schedule 1"), Some(("2", "1")));
        assert_eq!(key_of("2.1").as_deref(), Ok("2.1"));
        assert!(key_of("two").is_err());
    }

    #[test]
    fn excerpts_cut_at_words() {
        let long = "word ".repeat(40);
        let e = excerpt(&long);
        assert!(e.ends_with(" …") && e.chars().count() <= 112, "{e}");
        assert_eq!(excerpt("short"), "short");
    }
}
