//! `chronology/index.html`: every event in order, each anchored by its id;
//! once the pack holds more than [`routes::YEAR_PAGES_ABOVE`] events, the
//! years instead, each linking to `chronology/<YYYY>/index.html`, the page
//! of that year's events.

use serde::Serialize;

use super::super::describe;
use super::super::fragments::Fragments;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::views::{Entry, EventEntry, event_entry};
use super::Page;
use crate::diagnostics::Diagnostic;
use crate::model::Pack;
use crate::routes::{self, Route};

/// The events of one year.
#[derive(Serialize)]
pub struct Year {
    /// The year ("2024"), or the decade of events dated by one ("1990s").
    pub year: String,
    /// Its events, in order: `event` (its values) and `card`.
    pub events: Vec<EventEntry>,
}

/// A year in the chronology's list of years: its heading, where its events
/// are (the year's page, or its section of this page), how many, and
/// whether it is the page shown.
#[derive(Serialize)]
struct YearLink {
    year: String,
    href: String,
    count: usize,
    current: bool,
}

#[derive(Serialize)]
struct Chronology {
    /// The years, each with its events (only the page's year on a year page,
    /// none on the list of years).
    years: Vec<Year>,
    /// Every year of the chronology, to jump to.
    year_links: Vec<YearLink>,
    /// The year of a year page.
    year: Option<i32>,
}

/// Every event grouped by the year it starts in, as `entry` says.
pub fn years(
    pack: &Pack,
    fr: &Fragments,
    refs: &mut PageRefs<'_>,
    entry: Entry,
) -> Result<Vec<Year>, Diagnostic> {
    years_of(pack, fr, refs, entry, 0..pack.events.len())
}

/// The events `events` (in chronological order) grouped by the year they
/// start in.
fn years_of(
    pack: &Pack,
    fr: &Fragments,
    refs: &mut PageRefs<'_>,
    entry: Entry,
    events: impl Iterator<Item = usize>,
) -> Result<Vec<Year>, Diagnostic> {
    let mut years: Vec<Year> = Vec::new();
    for i in events {
        let year = pack.events[i].date.1.heading();
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

/// The chronology's years as links: to each year's page from `route` when
/// the chronology is split, else to each year's section of the one page.
fn year_links(pack: &Pack, route: Route<'_>, refs: &PageRefs<'_>) -> Vec<YearLink> {
    let split = routes::has_year_pages(pack);
    let mut links: Vec<YearLink> = Vec::new();
    for (i, event) in pack.events.iter().enumerate() {
        let heading = event.date.1.heading();
        let page_year = routes::year_of(pack, i);
        let key = if split {
            page_year.to_string()
        } else {
            heading
        };
        match links.last_mut() {
            Some(l) if l.year == key => l.count += 1,
            _ => {
                let href = if split {
                    let mut href = refs.root().to_string();
                    Route::Year(page_year).push_path(&mut href);
                    href
                } else {
                    format!("#year-{key}")
                };
                links.push(YearLink {
                    current: route == Route::Year(page_year),
                    year: key,
                    href,
                    count: 1,
                });
            }
        }
    }
    links
}

/// Renders the chronology: one page, or the list of years and a page per
/// year.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    if !routes::has_year_pages(pack) {
        let mut refs = PageRefs::new(pack, Route::Chronology.depth());
        let body = Chronology {
            years: years(pack, fr, &mut refs, Entry::Card)?,
            year_links: year_links(pack, Route::Chronology, &refs),
            year: None,
        };
        let page = Page::new(
            Route::Chronology,
            "Chronology",
            describe::chronology(pack),
            refs,
            body,
        );
        // an entry takes about 2 KB: twice that set aside
        return Ok(vec![
            renderer.page_with_room(page, pack.events.len() * 4096)?,
        ]);
    }
    let refs = PageRefs::new(pack, Route::Chronology.depth());
    let list = Chronology {
        years: Vec::new(),
        year_links: year_links(pack, Route::Chronology, &refs),
        year: None,
    };
    let mut files = vec![renderer.page(Page::new(
        Route::Chronology,
        "Chronology",
        describe::chronology(pack),
        refs,
        list,
    ))?];
    let mut start = 0;
    while start < pack.events.len() {
        let year = routes::year_of(pack, start);
        let end = (start..pack.events.len())
            .find(|&i| routes::year_of(pack, i) != year)
            .unwrap_or(pack.events.len());
        let route = Route::Year(year);
        let mut refs = PageRefs::new(pack, route.depth());
        let body = Chronology {
            years: years_of(pack, fr, &mut refs, Entry::Card, start..end)?,
            year_links: year_links(pack, route, &refs),
            year: Some(year),
        };
        let title = format!("Chronology, {year}");
        let description = describe::year(pack, year, end - start);
        let page = Page::new(route, title, description, refs, body);
        files.push(renderer.page_with_room(page, (end - start) * 4096)?);
        start = end;
    }
    Ok(files)
}
