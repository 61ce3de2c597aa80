//! How long lists are cut into pages, so that no page of the site grows with
//! the pack: the chronology into years, and a year too full for one page into
//! months and numbered parts (by the bytes its events will take), and an
//! actor's events and mentions into numbered sub-pages, newest first.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use super::{Period, Route};
use crate::model::{CitationId, Pack};

/// Above this many events the chronology is split into a page per year.
pub const YEAR_PAGES_ABOVE: usize = 500;

/// About the most bytes of events a page of the split chronology holds,
/// by [`card_bytes`] and [`reference_bytes`]: a year whose events come to more is split into
/// months, and a month (or a year's events that have no month) into
/// numbered parts, so that no page nears 1 MB.
pub const PAGE_BYTES: usize = 640 * 1024;

/// About how many bytes event `i`'s card takes on a page of the chronology
/// (markup, title, place, actors, summary): an estimate made before anything
/// is rendered, so that every link to the event can name its page.
pub fn card_bytes(pack: &Pack, i: usize) -> usize {
    let e = &pack.events[i];
    500 + 2 * e.title.len()
        + e.location.as_ref().map_or(0, String::len)
        + e.summary.as_ref().map_or(0, |s| s.markdown.len() * 2)
        + 130 * e.actors.len()
}

/// About how many bytes citation `c` takes in a page's references (once a
/// page, however many of its events cite it): the article's line and the
/// passage, quoted and in the link to the original.
pub fn reference_bytes(pack: &Pack, c: CitationId) -> usize {
    let citation = &pack.citations[c];
    let article = &pack.articles[citation.article];
    450 + article.title.len() + citation.passage.as_ref().map_or(0, |p| p.text.len() + 120)
}

/// How a list is cut into pages: its first page holds `first` entries,
/// every later page `rest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSizes {
    /// The entries of the first page.
    pub first: usize,
    /// The entries of each later page.
    pub rest: usize,
}

impl PageSizes {
    /// Every page holding `per_page` entries.
    pub const fn even(per_page: usize) -> PageSizes {
        PageSizes {
            first: per_page,
            rest: per_page,
        }
    }

    /// How many pages a list of `len` entries takes (one, when it is empty).
    pub fn count(self, len: usize) -> usize {
        1 + len.saturating_sub(self.first).div_ceil(self.rest)
    }

    /// The entries of page `n` (from 1) of a list of `len`, as positions in
    /// the list (empty past its end).
    pub fn entries(self, n: usize, len: usize) -> std::ops::Range<usize> {
        let (start, size) = match n {
            0 | 1 => (0, self.first),
            _ => (self.first + (n - 2) * self.rest, self.rest),
        };
        start.min(len)..(start + size).min(len)
    }
}

/// An actor's events: the newest 100 on its page (the newest of them as
/// cards, the rest as rows of a table), 500 rows to each sub-page.
pub const ACTOR_EVENT_PAGES: PageSizes = PageSizes {
    first: 100,
    rest: 500,
};

/// The paragraphs mentioning an actor: the newest 150 on its page, each
/// shown as an excerpt; the older ones on sub-pages, 1,000 to a page, each
/// a link under its article (an index, not excerpts, so that an actor named
/// in 20,000 paragraphs takes 20 pages of a few hundred KB, not 150).
pub const ACTOR_MENTION_PAGES: PageSizes = PageSizes {
    first: 150,
    rest: 1000,
};

/// The sources index: 1,000 sources to a page.
pub const SOURCE_PAGES: PageSizes = PageSizes::even(1000);

/// The estimated bytes of a page of events, grown one event at a time.
#[derive(Default)]
struct PageSize {
    bytes: usize,
    cited: FxHashSet<CitationId>,
}

impl PageSize {
    /// The bytes the page would take with event `i` added.
    fn with(&self, pack: &Pack, i: usize) -> usize {
        let new_references: usize = pack.events[i]
            .cites
            .iter()
            .filter(|c| !self.cited.contains(c))
            .map(|&c| reference_bytes(pack, c))
            .sum();
        self.bytes + card_bytes(pack, i) + new_references
    }

    /// Adds event `i`.
    fn add(&mut self, pack: &Pack, i: usize) {
        self.bytes = self.with(pack, i);
        self.cited.extend(pack.events[i].cites.iter().copied());
    }
}

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
            let mut size = PageSize::default();
            for &i in &events {
                size.add(pack, i);
            }
            if size.bytes <= PAGE_BYTES {
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
            push_parts(pack, &mut pages, Period::year(year), no_month);
            for (month, events) in months {
                push_parts(pack, &mut pages, Period::month(year, month), events);
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

/// Appends the pages of `period` holding `events`, up to about
/// [`PAGE_BYTES`] of them a page and at least one event a page; always at
/// least one page, so a split year keeps its own.
fn push_parts(pack: &Pack, pages: &mut Vec<PeriodPage>, period: Period, events: Vec<usize>) {
    let mut part = Vec::new();
    let mut size = PageSize::default();
    let mut n = 1;
    for i in events {
        if !part.is_empty() && size.with(pack, i) > PAGE_BYTES {
            pages.push(PeriodPage {
                period: Period { part: n, ..period },
                events: std::mem::take(&mut part),
            });
            n += 1;
            size = PageSize::default();
        }
        size.add(pack, i);
        part.push(i);
    }
    pages.push(PeriodPage {
        period: Period { part: n, ..period },
        events: part,
    });
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

/// The events of actor `i`, newest first (as indexes of its `events`).
pub fn actor_events_newest_first(pack: &Pack, i: usize) -> Vec<usize> {
    (0..pack.actors[i].events.len()).rev().collect()
}

/// Article indices, newest publication first (ties by id): the order of
/// the sources index and its pages.
pub fn articles_newest_first(pack: &Pack) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pack.articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&pack.articles[a], &pack.articles[b]);
        y.published
            .1
            .sort_key()
            .cmp(&x.published.1.sort_key())
            .then(x.id.cmp(&y.id))
    });
    order
}

/// Each article's place (from 0) in the order mentions are listed in: the
/// newest first, by the earliest day its date allows, then as the pack
/// lists them.
pub fn article_ranks_newest_first(pack: &Pack) -> Vec<u32> {
    let day = |a: usize| pack.articles[a].published.1.start.earliest_day();
    let mut order: Vec<usize> = (0..pack.articles.len()).collect();
    order.sort_by_cached_key(|&a| (std::cmp::Reverse(day(a)), a));
    let mut ranks = vec![0; order.len()];
    for (rank, &a) in order.iter().enumerate() {
        ranks[a] = rank as u32;
    }
    ranks
}

/// The paragraphs mentioning actor `i`, as indexes of its `mentions`: the
/// newest article first (`ranks` from [`article_ranks_newest_first`]),
/// each article's paragraphs in order.
pub fn actor_mentions_newest_first(pack: &Pack, i: usize, ranks: &[u32]) -> Vec<usize> {
    let mentions = &pack.actors[i].mentions;
    let mut keyed: Vec<(u32, usize, usize)> = (mentions.iter())
        .enumerate()
        .map(|(m, &(article, paragraph))| (ranks[article], paragraph, m))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, m)| m).collect()
}
