//! HTML escaping shared by every HTML page s75 writes (diff, matrix), so
//! agreement text can never become markup. Neutral ground: the pages belong
//! to diff and matrix, neither of which is a report of findings.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            super::escape(r#"<b a='1'>"Tom" & Jerry</b>"#),
            "&lt;b a=&#39;1&#39;&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;"
        );
    }
}
