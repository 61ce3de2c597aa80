//! `chronology/index.html`: every event in order, each anchored by its id.

use serde::Serialize;

use super::super::describe;
use super::super::fragments::Fragments;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::views::{Entry, EventEntry, event_entry};
use super::Page;
use crate::diagnostics::Diagnostic;
use crate::model::Pack;
use crate::routes::Route;

/// The events of one year.
#[derive(Serialize)]
pub struct Year {
    /// The year ("2024"), or the decade of events dated by one ("1990s").
    pub year: String,
    /// Its events, in order: `event` (its values) and `card`.
    pub events: Vec<EventEntry>,
}

#[derive(Serialize)]
struct Chronology {
    years: Vec<Year>,
}

/// Every event grouped by the year it starts in, as `entry` says.
pub fn years(
    pack: &Pack,
    fr: &Fragments,
    refs: &mut PageRefs<'_>,
    entry: Entry,
) -> Result<Vec<Year>, Diagnostic> {
    let mut years: Vec<Year> = Vec::new();
    for (i, event) in pack.events.iter().enumerate() {
        let year = event.date.1.heading();
        let entry = event_entry(pack, fr, i, refs, entry)?;
        match years.last_mut() {
            Some(y) if y.year == year => y.events.push(entry),
            _ => years.push(Year {
                year,
                events: vec![entry],
            }),
        }
    }
    Ok(years)
}

/// Renders the chronology.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut refs = PageRefs::new(pack, Route::Chronology.depth());
    let body = Chronology {
        years: years(pack, renderer.fragments(), &mut refs, Entry::Card)?,
    };
    let page = Page::new(
        Route::Chronology,
        "Chronology",
        describe::chronology(pack),
        refs,
        body,
    );
    // an entry takes about 2 KB: twice that set aside
    Ok(vec![
        renderer.page_with_room(page, pack.events.len() * 4096)?,
    ])
}
