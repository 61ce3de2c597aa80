//! `chronology/index.html`: every event in order, each anchored by its id;
//! once the pack holds more than [`crate::routes::YEAR_PAGES_ABOVE`] events,
//! the years instead, each linking to `chronology/<YYYY>/index.html`, the
//! page of that year's events, or of its months
//! ([`crate::routes::EventPages`]).

use serde::Serialize;

use super::super::describe;
use super::super::fragments::Fragments;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::timeline::{Timeline, timeline};
use super::super::views::{Entry, EventEntry, event_entry};
use super::{NavLink, Page};
use crate::diagnostics::Diagnostic;
use crate::model::Pack;
use crate::model::date::MONTHS;
use crate::routes::{EventPages, Period, PeriodPage, Route};

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
    /// The years, each with its events (only the page's own on a page of
    /// the split chronology, none on the list of years).
    years: Vec<Year>,
    /// Every year of the chronology, to jump to.
    year_links: Vec<NavLink>,
    /// On the pages of a year split into months: the year's own page and
    /// each month.
    month_links: Vec<NavLink>,
    /// On a period of more than one page: each of its pages.
    part_links: Vec<NavLink>,
    /// What the page covers ("2024", "March 2024, page 2"), on a page of
    /// the split chronology.
    period: Option<String>,
    /// The page's events at their dates (every event, on the list of
    /// years).
    timeline: Option<Timeline>,
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
fn year_links(pack: &Pack, pages: &EventPages, shown: Option<Period>, root: &str) -> Vec<NavLink> {
    let mut links: Vec<NavLink> = Vec::new();
    if !pages.is_split() {
        for event in &pack.events {
            let heading = event.date.1.heading();
            match links.last_mut() {
                Some(l) if l.label == heading => l.count += 1,
                _ => links.push(NavLink {
                    href: format!("#year-{heading}"),
                    label: heading,
                    count: 1,
                    current: false,
                }),
            }
        }
        return links;
    }
    for page in pages.pages() {
        let year = page.period.year;
        match links.last_mut() {
            Some(l) if l.label == year.to_string() => l.count += page.events.len(),
            _ => links.push(NavLink {
                label: year.to_string(),
                href: href(root, Period::year(year)),
                count: page.events.len(),
                current: shown.is_some_and(|p| p.year == year),
            }),
        }
    }
    links
}

/// The link from a page whose root is `root` to `period`'s page.
fn href(root: &str, period: Period) -> String {
    let mut href = root.to_string();
    Route::Period(period).push_path(&mut href);
    href
}

/// The name of a period's page: "2024", "March 2024", with ", page N" from
/// its second part.
fn period_label(period: Period) -> String {
    let mut label = match period.month {
        Some(m) => format!(
            "{} {}",
            MONTHS[usize::from(m.clamp(1, 12) - 1)],
            period.year
        ),
        None => period.year.to_string(),
    };
    if period.part > 1 {
        label.push_str(&format!(", page {}", period.part));
    }
    label
}

/// On the pages of a year split into months, the year's page and each month
/// (with its parts' events counted together); else none.
fn month_links(pages: &EventPages, shown: Period, root: &str) -> Vec<NavLink> {
    let of_year = || pages.pages().iter().filter(|p| p.period.year == shown.year);
    if of_year().all(|p| p.period.month.is_none()) {
        return Vec::new();
    }
    let mut links: Vec<NavLink> = Vec::new();
    let year_total: usize = of_year().map(|p| p.events.len()).sum();
    for page in of_year() {
        let first = Period {
            part: 1,
            ..page.period
        };
        match links.last_mut() {
            Some(l) if page.period.part > 1 => l.count += page.events.len(),
            // the year's own page holds only what no month can: when that
            // is nothing, it is the way to the whole year
            _ if page.period.month.is_none() && page.events.is_empty() => links.push(NavLink {
                label: format!("All of {}", shown.year),
                href: href(root, first),
                count: year_total,
                current: first.month == shown.month,
            }),
            _ => links.push(NavLink {
                label: match page.period.month {
                    Some(_) => period_label(first),
                    None => format!("{} undated by month", shown.year),
                },
                href: href(root, first),
                count: page.events.len(),
                current: first.month == shown.month,
            }),
        }
    }
    links
}

/// The pages of `shown`'s year or month, when it has more than one.
fn part_links(pages: &EventPages, shown: Period, root: &str) -> Vec<NavLink> {
    let parts: Vec<&PeriodPage> = pages
        .pages()
        .iter()
        .filter(|p| p.period.year == shown.year && p.period.month == shown.month)
        .collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
        .into_iter()
        .map(|p| NavLink {
            label: format!("Page {}", p.period.part),
            href: href(root, p.period),
            count: p.events.len(),
            current: p.period == shown,
        })
        .collect()
}

/// Renders the chronology's list of years, or the whole chronology while it
/// is one page.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    let pages = fr.event_pages();
    let mut refs = PageRefs::new(pack, pages, Route::Chronology.depth());
    let years = match pages.is_split() {
        false => years(pack, fr, &mut refs, Entry::Card)?,
        true => Vec::new(),
    };
    let every: Vec<usize> = (0..pack.events.len()).collect();
    let body = Chronology {
        years,
        year_links: year_links(pack, pages, None, refs.root()),
        month_links: Vec::new(),
        part_links: Vec::new(),
        period: None,
        timeline: timeline(pack, &every, &refs, "every event", fr)?,
    };
    let room = if pages.is_split() {
        0
    } else {
        pack.events.len() * 4096
    };
    let page = Page::new(
        Route::Chronology,
        "Chronology",
        describe::chronology(pack),
        refs,
        body,
    );
    // an entry takes about 2 KB: twice that set aside
    Ok(vec![renderer.page_with_room(page, room)?])
}

/// Renders page `n` of the split chronology.
pub fn render_period(pack: &Pack, renderer: &Renderer, n: usize) -> Result<OutputFile, Diagnostic> {
    let fr = renderer.fragments();
    let pages = fr.event_pages();
    let page = &pages.pages()[n];
    let period = page.period;
    let route = Route::Period(period);
    let mut refs = PageRefs::new(pack, pages, route.depth());
    let root = refs.root().to_string();
    let label = period_label(period);
    let body = Chronology {
        timeline: timeline(
            pack,
            &page.events,
            &refs,
            &format!("the events of {label}"),
            fr,
        )?,
        years: years_of(
            pack,
            fr,
            &mut refs,
            Entry::Card,
            page.events.iter().copied(),
        )?,
        year_links: year_links(pack, pages, Some(period), &root),
        month_links: month_links(pages, period, &root),
        part_links: part_links(pages, period, &root),
        period: Some(period_label(period)),
    };
    let description = describe::period(pack, &label, page.events.len());
    let page = Page::new(
        route,
        format!("Chronology, {label}"),
        description,
        refs,
        body,
    );
    renderer.page_with_room(page, page_room(n, pages))
}

/// Room for page `n` of the split chronology: about 4 KB an event.
fn page_room(n: usize, pages: &EventPages) -> usize {
    pages.pages()[n].events.len() * 4096
}
