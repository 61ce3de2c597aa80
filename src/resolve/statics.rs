//! The files of `content/static/`, copied as they are to the site's root:
//! none may replace a page or a folder that briefing writes.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::StaticFile;

/// What briefing writes at the site's root: files, and folders (ending in
/// `/`).
const RESERVED_OUTPUT: [&str; 10] = [
    "index.html",
    "404.html",
    "sitemap.xml",
    "pack.json",
    ".nojekyll",
    "actors/",
    "articles/",
    "chronology/",
    "print/",
    "assets/",
];

/// Reports each static file that would replace what briefing writes.
pub fn check(static_files: &[StaticFile], diagnostics: &mut Diagnostics) {
    for s in static_files {
        if RESERVED_OUTPUT.iter().any(|r| {
            if r.ends_with('/') {
                s.output_path.starts_with(r)
            } else {
                s.output_path == *r
            }
        }) {
            diagnostics.push(
                Diagnostic::general(
                    format!(
                        "content/static/{} would replace a page that briefing writes",
                        s.output_path
                    ),
                    Some(Path::new(&format!("content/static/{}", s.output_path))),
                )
                .with_help("rename or move it"),
            );
        }
    }
}
