//! `chronology/index.html`: every event in order, each anchored by its id.

use serde::Serialize;

use super::super::compiled::compiled_page;

use super::super::refs::PageRefs;
use super::super::views::{EventView, event_view};
use super::super::{Contents, OutputFile, Renderer};
use super::Page;
use crate::diagnostics::Diagnostic;
use crate::model::Pack;

/// The events of one year.
#[derive(Serialize)]
pub struct Year<'p> {
    /// The year.
    pub year: i32,
    /// Its events, in order.
    pub events: Vec<EventView<'p>>,
}

#[derive(Serialize)]
struct Chronology<'p> {
    years: Vec<Year<'p>>,
}

/// Every event grouped by the year it starts in.
pub fn years<'p>(pack: &'p Pack, refs: &mut PageRefs<'_>) -> Vec<Year<'p>> {
    let mut years: Vec<Year> = Vec::new();
    for i in 0..pack.events.len() {
        let view = event_view(pack, i, refs);
        match years.last_mut() {
            Some(y) if y.year == view.year => y.events.push(view),
            _ => years.push(Year {
                year: view.year,
                events: vec![view],
            }),
        }
    }
    years
}

compiled_page!(
    ChronologyHtml<'p>,
    "chronology.html",
    Page<'p, Chronology<'p>>
);

/// Renders the chronology.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut refs = PageRefs::new(pack, renderer.shared(), 1);
    let body = Chronology {
        years: years(pack, &mut refs),
    };
    let page = Page::new(
        "chronology",
        "Chronology",
        "chronology/index.html",
        refs,
        body,
    );
    Ok(vec![OutputFile {
        path: "chronology/index.html".into(),
        // an entry takes about 2 KB: twice that set aside
        contents: Contents::Bytes(renderer.page_with_room(&page, pack.events.len() * 4096)?),
    }])
}
