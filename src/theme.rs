//! The theme: Tera templates and static assets. The `default` theme is built
//! into the binary; a theme folder in the pack (`themes/<name>/`) overrides it
//! file by file, so a user can change one template and keep the rest.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme's files, after overrides.
#[derive(Debug, Default)]
pub struct Theme {
    /// Templates by name (their path under `templates/`), with the file they
    /// came from, for error messages.
    pub templates: BTreeMap<String, (String, String)>,
    /// Assets by path under `static/`.
    pub assets: BTreeMap<String, Cow<'static, [u8]>>,
    /// The templates the pack's theme replaces or adds. A page whose
    /// template uses none of them (itself, what it extends and includes) is
    /// rendered by the built-in theme compiled into the binary; the others
    /// by Tera, from `templates`.
    pub overridden: BTreeSet<String>,
}

impl Theme {
    /// The default theme, overridden by `root/themes/<name>/` when present.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        for (path, bytes) in embedded::FILES {
            theme.add(
                path,
                Cow::Borrowed(bytes),
                format!("(built-in theme) {path}"),
            )?;
        }
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            for entry in WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Diagnostic::general(format!("cannot read the theme: {e}"), Some(&dir))
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(rel) = entry.path().strip_prefix(&dir) else {
                    continue;
                };
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = fs::read(entry.path()).map_err(|e| {
                    Diagnostic::general(
                        format!("cannot read the theme file: {e}"),
                        Some(entry.path()),
                    )
                })?;
                let shown = crate::load::relative(root, entry.path())
                    .display()
                    .to_string();
                // a copy of a built-in template (as in this project, whose
                // themes/default is the built-in theme's source) overrides nothing
                let same_as_builtin = rel.strip_prefix("templates/").is_some_and(|name| {
                    theme
                        .templates
                        .get(name)
                        .is_some_and(|(_, builtin)| builtin.as_bytes() == bytes.as_slice())
                });
                if let Some(name) = rel.strip_prefix("templates/")
                    && !same_as_builtin
                {
                    theme.overridden.insert(name.to_string());
                }
                theme.add(&rel, Cow::Owned(bytes), shown)?;
            }
        } else if name != "default" {
            return Err(Diagnostic::general(
                format!("theme `{name}` not found: there is no themes/{name}/ folder"),
                Some(Path::new("content/pack.yaml")),
            )
            .with_help(
                "create the folder, or remove `theme` from pack.yaml to use the built-in theme",
            ));
        }
        Ok(theme)
    }

    /// Whether the built-in template `name` renders as compiled: neither it
    /// nor any template it extends or includes, as the built-in theme has
    /// them, is overridden.
    pub fn builtin_renders(&self, name: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut todo = vec![name];
        while let Some(next) = todo.pop() {
            if self.overridden.contains(next) {
                return false;
            }
            if !seen.insert(next) {
                continue;
            }
            let builtin = embedded::FILES
                .iter()
                .find(|(path, _)| path.strip_prefix("templates/") == Some(next));
            let Some((_, bytes)) = builtin else {
                // not a template of the built-in theme: it has no compiled form
                return false;
            };
            todo.extend(used_templates(std::str::from_utf8(bytes).unwrap_or("")));
        }
        true
    }

    fn add(
        &mut self,
        path: &str,
        bytes: Cow<'static, [u8]>,
        shown: String,
    ) -> Result<(), Diagnostic> {
        if let Some(name) = path.strip_prefix("templates/") {
            let text = String::from_utf8(bytes.into_owned()).map_err(|_| {
                Diagnostic::general("a template is not UTF-8 text", Some(Path::new(&shown)))
            })?;
            self.templates.insert(name.to_string(), (shown, text));
        } else if let Some(asset) = path.strip_prefix("static/") {
            self.assets.insert(asset.to_string(), bytes);
        }
        Ok(())
    }
}

/// The templates that `template` extends or includes: the quoted names in
/// its `{% extends %}` and `{% include %}` tags.
fn used_templates(template: &str) -> Vec<&str> {
    let mut used = Vec::new();
    for tag in template.split("{%").skip(1) {
        let Some((tag, _)) = tag.split_once("%}") else {
            continue;
        };
        let tag = tag.trim_matches(|c: char| c == '-' || c.is_whitespace());
        if tag.starts_with("extends") || tag.starts_with("include") {
            used.extend(tag.split('"').skip(1).step_by(2));
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_overrides(names: &[&str]) -> Theme {
        Theme {
            overridden: names.iter().map(|n| n.to_string()).collect(),
            ..Theme::default()
        }
    }

    #[test]
    fn a_page_is_compiled_unless_it_uses_an_overridden_template() {
        let theme = with_overrides(&[]);
        assert!(theme.builtin_renders("actor.html"));
        assert!(theme.builtin_renders("sitemap.xml"));

        let theme = with_overrides(&["actor.html"]);
        assert!(!theme.builtin_renders("actor.html"));
        assert!(theme.builtin_renders("article.html"));

        // a partial: the pages that include it, and no other
        let theme = with_overrides(&["partials/event.html"]);
        assert!(!theme.builtin_renders("chronology.html"));
        assert!(!theme.builtin_renders("actor.html"));
        assert!(theme.builtin_renders("article.html"));

        // base.html and what it includes: every page that extends it
        for shared in ["base.html", "partials/references.html"] {
            let theme = with_overrides(&[shared]);
            assert!(!theme.builtin_renders("article.html"), "{shared}");
            assert!(!theme.builtin_renders("index.html"), "{shared}");
            assert!(theme.builtin_renders("sitemap.xml"), "{shared}");
        }

        // a template the built-in theme does not have
        assert!(!with_overrides(&[]).builtin_renders("extra.html"));
    }

    #[test]
    fn finds_extends_and_includes() {
        assert_eq!(
            used_templates(
                "{% extends \"base.html\" %}{% block x %}{%- include \"partials/a.html\" -%}{% if y %}\"no\"{% endif %}"
            ),
            vec!["base.html", "partials/a.html"]
        );
    }
}
