//! `search/index.html` and the index it searches ([`super::super::search`]):
//! the page shows the results of `?q=TERM` on load, so a search is a link.

use serde::Serialize;

use super::super::describe;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::search;
use super::Page;
use crate::diagnostics::Diagnostic;
use crate::model::Pack;
use crate::routes::Route;

#[derive(Serialize)]
struct Search {}

/// Renders the search page and the search index.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let events = renderer.fragments().event_pages();
    let mut files = search::render(pack, events);
    let page = Page::new(
        Route::Search,
        "Search",
        describe::search(pack),
        PageRefs::new(pack, events, Route::Search.depth()),
        Search {},
    );
    files.push(renderer.page(page)?);
    Ok(files)
}
