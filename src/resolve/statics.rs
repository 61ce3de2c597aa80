//! The files of `content/static/`, copied as they are to the site's root:
//! none may replace a page or a folder that briefing writes.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::StaticFile;
use crate::routes;

/// Reports each static file that would replace what briefing writes.
pub fn check(static_files: &[StaticFile], diagnostics: &mut Diagnostics) {
    for s in static_files {
        if routes::is_generated(&s.output_path) {
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
