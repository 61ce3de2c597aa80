//! The theme: Tera templates and static assets. The `default` theme
//! (`themes/default/` in this repository) is built into the binary and is
//! what renders; a theme folder in the pack (`themes/<name>/`) overrides it
//! file by file, so a user can change one template and keep the rest.

use std::borrow::Cow;
use std::collections::BTreeMap;
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
}

/// Checks that `name`, the `theme:` of pack.yaml (`file`), names a folder
/// directly under the pack's `themes/`: an id, so no path, no `..`, nothing
/// outside the pack.
pub fn check_name(name: &str, file: &crate::diagnostics::SourceFile) -> Result<(), Diagnostic> {
    crate::model::ids::check_id(name).map_err(|why| {
        super::locate::Site::new(file, &[super::locate::Step::Key("theme")])
            .error(
                format!("`theme: {name}` is not the name of a folder under themes/: {why}"),
                Some(name),
            )
            .with_help("name a folder of the pack's themes/ folder, such as `theme: default`")
    })
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
        // the folder, followed through any link, lies inside the pack's themes/
        let inside = |dir: &Path| {
            let themes = root.join("themes").canonicalize().ok();
            let real = dir.canonicalize().ok();
            matches!((themes, real), (Some(t), Some(r)) if r.starts_with(&t))
        };
        if dir.is_dir() && !inside(&dir) {
            return Err(Diagnostic::general(
                format!("themes/{name} leads outside the pack's themes/ folder"),
                Some(Path::new("content/pack.yaml")),
            )
            .with_help("make themes/<name> a folder of its own, not a link to one elsewhere"));
        }
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
                let shown = super::relative(root, entry.path()).display().to_string();
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

    /// Adds one file of a theme (`templates/…` or `static/…`; anything else
    /// is not part of a theme and is left out).
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

/// Every file of the built-in theme: (path inside the theme, contents), in
/// path order. `briefing new theme` writes them out for editing.
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}
