//! The template engine: the theme's Tera templates, compiled once per build,
//! and the one way a page or a fragment of one is rendered. Every page and
//! every piece of markup the site shows comes from a template here; Rust
//! gives the templates values, never markup of its own.

use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::load::theme::Theme;

/// True when `word` stands as a whole word inside a tag of `source`.
fn tags_name(source: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = source;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let body = &after[1..];
        let end = body.find(close).unwrap_or(body.len());
        let tag = &body[..end];
        let found = tag.match_indices(word).any(|(at, _)| {
            let before = tag[..at].chars().next_back();
            let next = tag[at + word.len()..].chars().next();
            !before.is_some_and(is_word) && !next.is_some_and(is_word)
        });
        if found {
            return true;
        }
        rest = &body[end..];
    }
    false
}

/// The theme's templates, ready to render.
pub struct Engine {
    tera: Tera,
    /// Each template's source, by name.
    sources: std::collections::BTreeMap<String, String>,
}

/// A diagnostic for a template that failed, with every cause Tera gives.
pub fn template_error(err: &tera::Error) -> Diagnostic {
    let mut message = format!("in the theme's templates: {err}");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    Diagnostic::general(message, None).with_help(
        "fix the template named above (a template in the pack's themes/ folder overrides the built-in one; see the README, *Themes*)",
    )
}

impl Engine {
    /// Compiles the theme's templates; `site` is what every template sees as
    /// `site`.
    pub fn new<S: Serialize>(theme: &Theme, site: &S) -> Result<Engine, Diagnostic> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let templates: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
            .collect();
        tera.add_raw_templates(templates)
            .map_err(|err| template_error(&err))?;
        tera.global_context().insert("site", site);
        let sources = theme
            .templates
            .iter()
            .map(|(name, (_, text))| (name.clone(), text.clone()))
            .collect();
        Ok(Engine { tera, sources })
    }

    /// True when a template other than those in `except` names `word` (as
    /// a whole word) inside a `{{ … }}` or `{% … %}` tag: a value no
    /// template names need not be made.
    pub fn names(&self, word: &str, except: &[&str]) -> bool {
        self.sources
            .iter()
            .filter(|(name, _)| !except.contains(&name.as_str()))
            .any(|(_, source)| tags_name(source, word))
    }

    /// True when template `template` names `word` inside a tag (see
    /// [`Engine::names`]).
    pub fn names_in(&self, template: &str, word: &str) -> bool {
        self.source(template).is_some_and(|s| tags_name(s, word))
    }

    /// The source of template `name`, if the theme has it.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(String::as_str)
    }

    /// Renders `template` with the fields of `context` as its variables,
    /// appending to `out`.
    pub fn render_into<C: Serialize + ?Sized>(
        &self,
        template: &str,
        context: &C,
        out: &mut impl std::io::Write,
    ) -> Result<(), Diagnostic> {
        let ctx = Context::from_serialize(context).map_err(|e| template_error(&e))?;
        self.tera
            .render_to(template, &ctx, out)
            .map_err(|e| template_error(&e))
    }

    /// Renders `template` with `context` into a string: a fragment of a page.
    pub fn fragment<C: Serialize + ?Sized>(
        &self,
        template: &str,
        context: &C,
    ) -> Result<String, Diagnostic> {
        let mut out = Vec::with_capacity(256);
        self.render_into(template, context, &mut out)?;
        // Tera writes what its templates hold and UTF-8 values: valid UTF-8
        String::from_utf8(out).map_err(|e| {
            Diagnostic::general(format!("{template} rendered invalid UTF-8: {e}"), None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::tags_name;

    #[test]
    fn a_word_is_named_only_inside_a_tag_and_whole() {
        assert!(tags_name(
            "{% for e in events %}{{ e.event.title }}{% endfor %}",
            "event"
        ));
        assert!(tags_name("{{ e[\"event\"] }}", "event"));
        assert!(!tags_name(
            "{% for e in events %}{{ e.card }}{% endfor %}",
            "event"
        ));
        assert!(!tags_name(
            "<p class=\"event\">every event</p>{{ x }}",
            "event"
        ));
        assert!(!tags_name("{{ prevent }} {# event #}", "event"));
    }
}
