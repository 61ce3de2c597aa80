//! The template engine: the theme's Tera templates, compiled once per build,
//! and the one way a page or a fragment of one is rendered. Every page and
//! every piece of markup the site shows comes from a template here; Rust
//! gives the templates values, never markup of its own.

use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::load::theme::Theme;

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
