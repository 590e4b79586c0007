//! The HTML pack: one self-contained file rendered by minijinja from
//! `pack.html`, with autoescaping on so agreement text is always text.

use anyhow::Context as _;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value};

use super::data::PackData;
use super::templates::{self, Templates};

pub fn render(data: &PackData, templates: &Templates) -> anyhow::Result<Vec<u8>> {
    let mut env = Environment::new();
    // A template's error names the value it could not find ("no_such_field")
    // in a release build too: minijinja keeps that only in debug mode.
    env.set_debug(true);
    // A misspelt field in a template is an error, not silently empty text.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".htm") { AutoEscape::Html } else { AutoEscape::None }
    });
    let loader_templates = templates.clone();
    env.set_loader(move |name| {
        loader_templates.source(name).map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("{e:#}")))
    });
    env.add_filter("css_string", css_string);

    let context = crate::html::value(serde_json::to_value(data).context("cannot serialise the pack data")?);
    let template = env.get_template(templates::HTML).map_err(template_error)?;
    let html = template.render(context).map_err(template_error)?;
    Ok(html.into_bytes())
}

/// A minijinja error with the template, line and cause.
fn template_error(e: Error) -> anyhow::Error {
    let mut msg = format!("HTML template: {e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    anyhow::anyhow!(msg)
}

/// `{{ title | css_string }}` → a quoted CSS string for `content:` in a
/// `<style>` element. Every character but ASCII letters, digits and spaces
/// becomes a CSS hex escape, so no text can close the string, the rule or
/// the `<style>` element.
fn css_string(s: String) -> Value {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            // The trailing space ends the escape; CSS swallows it.
            out.push_str(&format!("\\{:06x} ", u32::from(c)));
        }
    }
    out.push('"');
    Value::from_safe_string(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out() {
        let v = css_string("A \"b\" </style> \\ ;".to_string());
        let s = v.as_str().unwrap_or_default();
        assert!(s.starts_with('"') && s.ends_with('"'));
        assert!(!s[1..s.len() - 1].contains(['"', '<', '>', ';']), "{s}");
        assert!(s.contains("\\00003c "));
    }
}
