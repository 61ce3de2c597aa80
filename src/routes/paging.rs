//! How long lists are cut into pages, so that no page of the site grows with
//! the pack: the chronology into years, months and numbered parts, and an
//! actor's events and mentions into numbered sub-pages, newest first.

use std::collections::BTreeMap;

use super::{Period, Route};
use crate::model::Pack;

/// Above this many events the chronology is split into a page per year.
pub const YEAR_PAGES_ABOVE: usize = 500;

/// The most events a page of the split chronology holds: a year with more
/// is split into months, and a month (or a year's events that have no
/// month) with more into numbered parts.
pub const EVENTS_PER_PAGE: usize = 250;

/// The most events an actor's page, or one of its sub-pages, lists.
pub const ACTOR_EVENTS_PER_PAGE: usize = 100;

/// The most paragraphs mentioning an actor that its page, or one of its
/// sub-pages, shows.
pub const ACTOR_MENTIONS_PER_PAGE: usize = 150;

/// One page of the split chronology and the events it holds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodPage {
    /// Which page.
    pub period: Period,
    /// The events it holds, as indexes of the pack's events.
    pub events: Vec<usize>,
}

/// Which page of the chronology holds each event.
#[derive(Debug, Default)]
pub struct EventPages {
    /// The page of each event (an index of `pages`); empty while the
    /// chronology is one page.
    page_of: Vec<u32>,
    /// The pages of the split chronology, in date order: each year's page
    /// (with the events dated to no month in it), then its months.
    pages: Vec<PeriodPage>,
}

impl EventPages {
    /// Cuts the chronology of `pack` into pages.
    pub fn of(pack: &Pack) -> EventPages {
        if pack.events.len() <= YEAR_PAGES_ABOVE {
            return EventPages::default();
        }
        let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for i in 0..pack.events.len() {
            years.entry(year_of(pack, i)).or_default().push(i);
        }
        let mut pages = Vec::new();
        for (year, events) in years {
            if events.len() <= EVENTS_PER_PAGE {
                pages.push(PeriodPage {
                    period: Period::year(year),
                    events,
                });
                continue;
            }
            let mut months: BTreeMap<u8, Vec<usize>> = BTreeMap::new();
            let mut no_month = Vec::new();
            for i in events {
                match month_of(pack, i) {
                    Some(m) => months.entry(m).or_default().push(i),
                    None => no_month.push(i),
                }
            }
            push_parts(&mut pages, Period::year(year), no_month);
            for (month, events) in months {
                push_parts(&mut pages, Period::month(year, month), events);
            }
        }
        let mut page_of = vec![0; pack.events.len()];
        for (n, page) in pages.iter().enumerate() {
            for &i in &page.events {
                page_of[i] = n as u32;
            }
        }
        EventPages { page_of, pages }
    }

    /// True when the chronology is split into pages per year.
    pub fn is_split(&self) -> bool {
        !self.pages.is_empty()
    }

    /// The page that holds event `i`.
    pub fn route_of(&self, i: usize) -> Route<'static> {
        match self.page_of.get(i) {
            Some(&n) => Route::Period(self.pages[n as usize].period),
            None => Route::Chronology,
        }
    }

    /// The pages of the split chronology, in date order (none while it is
    /// one page).
    pub fn pages(&self) -> &[PeriodPage] {
        &self.pages
    }

    /// The page `period`, if the chronology has it.
    pub fn page(&self, period: Period) -> Option<&PeriodPage> {
        self.pages.iter().find(|p| p.period == period)
    }
}

/// Appends the pages of `period` holding `events`, [`EVENTS_PER_PAGE`] to a
/// page; always at least one, so a split year keeps its page.
fn push_parts(pages: &mut Vec<PeriodPage>, period: Period, events: Vec<usize>) {
    if events.len() <= EVENTS_PER_PAGE {
        pages.push(PeriodPage { period, events });
        return;
    }
    for (n, chunk) in events.chunks(EVENTS_PER_PAGE).enumerate() {
        pages.push(PeriodPage {
            period: Period {
                part: n as u16 + 1,
                ..period
            },
            events: chunk.to_vec(),
        });
    }
}

/// The year whose page holds event `i` (the year its date starts in; a
/// decade's earliest year).
pub fn year_of(pack: &Pack, i: usize) -> i32 {
    pack.events[i].date.1.start.earliest_day().0
}

/// The month event `i` is dated to, when its date names one.
pub fn month_of(pack: &Pack, i: usize) -> Option<u8> {
    let start = pack.events[i].date.1.start;
    if start.decade { None } else { start.month }
}

/// How many pages a list of `len` entries takes at `per_page` to a page
/// (one, for an empty list).
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page).max(1)
}

/// The events of actor `i`, newest first (as indexes of its `events`).
pub fn actor_events_newest_first(pack: &Pack, i: usize) -> Vec<usize> {
    (0..pack.actors[i].events.len()).rev().collect()
}

/// The paragraphs mentioning actor `i`, as indexes of its `mentions`: the
/// newest article first, each article's paragraphs in order.
pub fn actor_mentions_newest_first(pack: &Pack, i: usize) -> Vec<usize> {
    let mentions = &pack.actors[i].mentions;
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&m| {
        let (article, paragraph) = mentions[m];
        let day = pack.articles[article].published.1.start.earliest_day();
        (std::cmp::Reverse(day), article, paragraph)
    });
    order
}
