//! HTML shared by every page s75 writes: escaping, so agreement text can
//! never become markup, and the minijinja set-up of the diff and matrix
//! pages (templates in `templates/`, built into the binary). Neutral ground:
//! the pages belong to diff and matrix, neither of which is a report of
//! findings, and the HTML pack ([`crate::render`]) converts its data the
//! same way.

use std::collections::BTreeMap;
use std::io;

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

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

/// Renders a built-in page template with `context`. Every value is
/// escaped by [`escape`] unless the template marks it safe (a macro's
/// output, `|safe`). Tags on lines of their own leave no blank lines
/// (`trim_blocks`, `lstrip_blocks`), so a template reads like the page,
/// and its last newline is kept.
pub fn page(name: &str, source: &str, context: serde_json::Value) -> io::Result<String> {
    let mut env = Environment::new();
    // A misspelt field in a template is an error, not silently empty text.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let failed = |e: minijinja::Error| io::Error::other(format!("HTML template {name}: {e:#}"));
    let syntax = SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true).build();
    env.set_syntax(syntax.map_err(failed)?);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // minijinja's own escaping also escapes `/`; these pages have always
    // used `escape`, and the same page must come out byte for byte.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(s) if !value.is_safe() => out.write_str(&escape(s)).map_err(minijinja::Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    });
    env.add_template(name, source).map_err(failed)?;
    env.get_template(name).and_then(|t| t.render(value(context))).map_err(failed)
}

/// JSON → minijinja values (minijinja is built without its serde feature).
pub fn value(v: serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::from(()),
        J::Bool(b) => Value::from(b),
        J::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::from(i),
            (None, Some(f)) => Value::from(f),
            (None, None) => Value::from(n.to_string()),
        },
        J::String(s) => Value::from(s),
        J::Array(a) => Value::from(a.into_iter().map(value).collect::<Vec<_>>()),
        J::Object(o) => Value::from(o.into_iter().map(|(k, v)| (k, value(v))).collect::<BTreeMap<String, Value>>()),
    }
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

    #[test]
    fn pages_escape_values_as_escape_does_and_keep_their_markup() {
        let context = serde_json::json!({"text": "<b>Tom's</b> & a/b", "n": 3, "flag": true});
        let page =
            super::page("t.html", "<p>{{ text }}</p>\n{% if flag %}\n<i>{{ n }}</i>\n{% endif %}\n", context).unwrap();
        assert_eq!(page, "<p>&lt;b&gt;Tom&#39;s&lt;/b&gt; &amp; a/b</p>\n<i>3</i>\n");
    }

    #[test]
    fn a_misspelt_field_is_an_error() {
        let err = super::page("t.html", "{{ nosuch }}", serde_json::json!({})).unwrap_err();
        assert!(err.to_string().contains("t.html"), "{err}");
    }
}
