//! Comparing the name a reference gives its target with the target's heading.
//!
//! Headings and the names written with references differ in harmless ways:
//! case ("Secondment arrangements" / "Secondment Arrangements"), articles
//! ("The Joint … Protocol"), number ("Indemnities" / "Indemnity"),
//! possessives, and shortening ("Schedule 16 Performance" for "Information
//! and Monitoring Requirements for Performance of …"). A name matches when
//! its significant words are all among the heading's, or the heading's all
//! among the name's. What is left is a name that says something the heading
//! does not: "Secondment Terms" for "Secondment arrangements".

use std::collections::BTreeSet;

const STOPWORDS: &[&str] = &["the", "of", "and", "a", "an", "for", "to", "in", "on", "its", "this", "with", "or", "by"];

/// Significant words, lower-cased and singular.
pub fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !(c.is_alphanumeric() || matches!(c, '’' | '\'')))
        .map(|w| w.trim_matches(['’', '\'']))
        .map(|w| w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w))
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
        .map(|w| singular(&w))
        .collect()
}

/// A rough singular, enough to compare headings: "indemnities" → "indemnity",
/// "protocols" → "protocol"; short words and "-ss" words are left alone.
pub fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        return format!("{stem}y");
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Whether a name written with a reference fits one of the target's titles.
pub fn fits(name: &str, titles: &[String]) -> bool {
    let n = words(name);
    if n.is_empty() {
        return true;
    }
    titles.iter().any(|t| {
        let t = words(t);
        !t.is_empty() && (n.is_subset(&t) || t.is_subset(&n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(name: &str, title: &str) -> bool {
        fits(name, &[title.to_string()])
    }

    #[test]
    fn harmless_differences_fit() {
        assert!(fit("Variation", "Variation"));
        assert!(fit("Secondment Arrangements", "Secondment arrangements"));
        assert!(fit(
            "The Joint Operational and Human Resources Protocol",
            "Joint Operational and Human Resources protocol"
        ));
        assert!(fit("Indemnities and Insurance", "Indemnity and Insurance"));
        assert!(fit(
            "Performance",
            "Information and Monitoring Requirements for Performance of Local Authority Service Delivery"
        ));
        assert!(fit("Integrated Service Governance", "Integrated Service/Clinical Governance"));
        assert!(fit("Termination Arrangements", "Termination Arrangements and Consequences of Termination"));
        assert!(fit("Council’s Services", "The Council's Services"));
    }

    #[test]
    fn different_names_do_not() {
        assert!(!fit("Secondment Terms", "Secondment arrangements"));
        assert!(!fit("Service Specification", "The Service Description"));
        assert!(!fit("Termination", "Variation"));
        assert!(!fits("Anything", &[]), "no title to fit");
    }
}
