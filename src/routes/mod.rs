//! The site's addresses, defined once: every page's path under the output
//! folder, how deep it sits (which gives its links' prefix to the root), its
//! kind and template, and where a link to an actor, an article or an event
//! lands. Render writes pages and links from this table, `serve` maps a
//! request back to a page with [`Route::parse`], and the sitemap lists it.

mod paging;

pub use paging::{
    ACTOR_EVENT_PAGES, ACTOR_MENTION_PAGES, EventPages, PAGE_BYTES, PageSizes, PeriodPage,
    SOURCE_PAGES, YEAR_PAGES_ABOVE, actor_events_newest_first, actor_mentions_newest_first,
    article_ranks_newest_first, articles_newest_first, card_bytes, month_of, year_of,
};

use crate::model::{Pack, Target};

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// `index.html`: the pack.
    Home,
    /// `chronology/index.html`: every event, or, once the pack holds more
    /// than [`YEAR_PAGES_ABOVE`] events, the years with a link to each.
    Chronology,
    /// A page of the split chronology: `chronology/<YYYY>/index.html` (a
    /// year), `chronology/<YYYY>-<MM>/index.html` (a month of a year too
    /// full for one page), and `page-<N>.html` beside either for its later
    /// parts ([`EventPages`]). Every page of the chronology but the first
    /// is two folders deep, as actor pages are, so the event cards made
    /// for one serve the others.
    Period(Period),
    /// `actors/index.html`: every actor, by kind.
    Actors,
    /// `actors/<id>/index.html`.
    Actor(&'a str),
    /// `actors/<id>/events-<N>.html` or `actors/<id>/mentions-<N>.html`:
    /// the older entries of an actor's list (cut as [`ACTOR_EVENT_PAGES`]
    /// and [`ACTOR_MENTION_PAGES`] say), from page 2 (page 1 is the actor's
    /// own page), beside it in its folder.
    ActorList(&'a str, List, u16),
    /// `articles/index.html`: every source, or the newest of them (as
    /// [`SOURCE_PAGES`] cuts them).
    Articles,
    /// `articles/index-<N>.html`: the sources index from its page 2 (a
    /// file, so no article's folder can take its place).
    ArticlesPart(u16),
    /// `articles/<id>/index.html`.
    Article(&'a str),
    /// `print/index.html`: the briefing book.
    Print,
    /// `search/index.html`: search over the pack; `?q=TERM` shows the
    /// results for TERM on load.
    Search,
    /// `404.html`.
    NotFound,
}

/// Which of an actor's lists a sub-page continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The events the actor took part in.
    Events,
    /// The paragraphs that mention the actor.
    Mentions,
}

impl List {
    /// The start of its pages' file names in the actor's folder.
    fn file(self) -> &'static str {
        match self {
            List::Events => "events-",
            List::Mentions => "mentions-",
        }
    }
}

/// A page of the split chronology: a year, or a month of it, and which
/// part of it (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    /// The year.
    pub year: i32,
    /// The month (1–12), for a year split into months; `None` for the
    /// year's own page.
    pub month: Option<u8>,
    /// Which part, from 1, when there are more events than a page holds.
    pub part: u16,
}

impl Period {
    /// The first page of `year`.
    pub fn year(year: i32) -> Period {
        Period {
            year,
            month: None,
            part: 1,
        }
    }

    /// The first page of `month` of `year`.
    pub fn month(year: i32, month: u8) -> Period {
        Period {
            year,
            month: Some(month),
            part: 1,
        }
    }

    /// The period's folder under `chronology/`: `2024/`, or `2024-03/` for
    /// a month.
    fn push_folder(self, out: &mut String) {
        if (0..=9999).contains(&self.year) {
            out.push_str(&format!("{:04}", self.year));
        } else {
            out.push_str(itoa::Buffer::new().format(self.year));
        }
        if let Some(month) = self.month {
            out.push_str(&format!("-{month:02}"));
        }
        out.push('/');
    }

    /// The period read back from its file under `chronology/`
    /// (`2024/index.html`, `2024-03/page-2.html`).
    fn parse(file: &str) -> Option<Period> {
        let (folder, name) = file.split_once('/')?;
        let (year, month) = match folder.split_once('-') {
            Some((year, month)) => (year, Some(month)),
            None => (folder, None),
        };
        let year = Some(year).filter(|y| is_number(y, 4))?.parse().ok()?;
        let mut period = Period::year(year);
        if let Some(month) = month {
            let month = Some(month).filter(|m| is_number(m, 2))?.parse().ok();
            period.month = Some(month.filter(|m| (1..=12).contains(m))?);
        }
        if name != "index.html" {
            period.part = numbered(name, "page-")?;
        }
        Some(period)
    }
}

/// The number N > 1 of a file `<prefix>N.html`, written without leading
/// zeros.
fn numbered(name: &str, prefix: &str) -> Option<u16> {
    let n = name.strip_prefix(prefix)?.strip_suffix(".html")?;
    let n = Some(n).filter(|n| !n.starts_with('0') && is_number(n, n.len()))?;
    n.parse().ok().filter(|&n| n > 1)
}

/// True when `s` is `len` ASCII digits.
fn is_number(s: &str, len: usize) -> bool {
    s.len() == len && len > 0 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The pages that exist once per site, in the order the sitemap lists them.
pub const SINGLE_PAGES: [Route<'static>; 6] = [
    Route::Home,
    Route::Chronology,
    Route::Actors,
    Route::Articles,
    Route::Print,
    Route::Search,
];

/// The files of the site that are not pages: machine-readable data and what
/// GitHub Pages needs.
pub const DATA_FILES: [&str; 6] = [
    "pack.json",
    "sitemap.xml",
    FEED,
    EVENTS_CSV,
    TIMELINE_JSON,
    SOURCES_JSON,
];

/// A row per event, for a spreadsheet.
pub const EVENTS_CSV: &str = "events.csv";

/// The events in TimelineJS 3's format.
pub const TIMELINE_JSON: &str = "timeline.json";

/// The articles as CSL-JSON, for a reference manager.
pub const SOURCES_JSON: &str = "sources.json";

/// The Atom feed of the events, linked from every page.
pub const FEED: &str = "feed.xml";

/// The empty file that tells GitHub Pages not to run Jekyll.
pub const NO_JEKYLL: &str = ".nojekyll";

/// The folder, under the output, of the theme's static files.
pub const ASSETS: &str = "assets/";

impl<'a> Route<'a> {
    /// The folder of the page under the output root, `/`-terminated (empty
    /// for the root): `actors/kataib-hezbollah/`.
    fn folder(self) -> (&'static str, &'a str, &'static str) {
        match self {
            Route::Home | Route::NotFound => ("", "", ""),
            Route::Chronology => ("chronology/", "", ""),
            Route::Actors => ("actors/", "", ""),
            Route::Actor(id) => ("actors/", id, "/"),
            Route::Articles | Route::ArticlesPart(_) => ("articles/", "", ""),
            Route::Article(id) => ("articles/", id, "/"),
            Route::Print => ("print/", "", ""),
            Route::Search => ("search/", "", ""),
            // the rest is written by `push_folder`, which has the digits
            Route::Period(_) => ("chronology/", "", ""),
            Route::ActorList(id, _, _) => ("actors/", id, "/"),
        }
    }

    /// Appends the page's folder (`/`-terminated, empty for the root).
    fn push_folder(self, out: &mut String) {
        let (a, b, c) = self.folder();
        out.push_str(a);
        out.push_str(b);
        out.push_str(c);
        if let Route::Period(period) = self {
            period.push_folder(out);
        }
    }

    /// The page's file under the output folder, `/`-separated.
    pub fn path(self) -> String {
        let mut path = String::with_capacity(48);
        self.push_path(&mut path);
        path
    }

    /// Appends the page's file path to `out`.
    pub fn push_path(self, out: &mut String) {
        if self == Route::NotFound {
            out.push_str("404.html");
            return;
        }
        let (name, n) = match self {
            Route::ArticlesPart(n) => ("index-", n),
            Route::Period(p) if p.part > 1 => ("page-", p.part),
            Route::ActorList(_, list, n) => (list.file(), n),
            _ => ("", 0),
        };
        self.push_folder(out);
        if n == 0 {
            out.push_str("index.html");
        } else {
            out.push_str(name);
            out.push_str(itoa::Buffer::new().format(n));
            out.push_str(".html");
        }
    }

    /// The page's address as a folder (`actors/kataib-hezbollah/`), as the
    /// sitemap and canonical links give it.
    pub fn url(self) -> String {
        let path = self.path();
        match path.strip_suffix("index.html") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
            // a page that is a file of its folder (`actors/x/events-2.html`)
            _ => path,
        }
    }

    /// How many folders below the site root the page is: its links to other
    /// pages start with this many `../`.
    pub fn depth(self) -> usize {
        match self {
            Route::Home | Route::NotFound => 0,
            Route::Chronology | Route::Actors | Route::Articles | Route::Print => 1,
            Route::Search => 1,
            Route::ArticlesPart(_) => 1,
            Route::Actor(_) | Route::Article(_) => 2,
            Route::Period(_) | Route::ActorList(..) => 2,
        }
    }

    /// The page kind, as templates see it (`kind`) and the body's class.
    pub fn kind(self) -> &'static str {
        match self {
            Route::Home => "home",
            Route::Chronology | Route::Period(_) => "chronology",
            Route::Actors => "actors",
            Route::Actor(_) | Route::ActorList(..) => "actor",
            Route::Articles | Route::ArticlesPart(_) => "articles",
            Route::Article(_) => "article",
            Route::Print => "print",
            Route::Search => "search",
            Route::NotFound => "404",
        }
    }

    /// The theme's template that renders the page.
    pub fn template(self) -> &'static str {
        match self {
            Route::Home => "index.html",
            Route::Chronology | Route::Period(_) => "chronology.html",
            Route::Actors => "actors.html",
            Route::Actor(_) | Route::ActorList(..) => "actor.html",
            Route::Articles | Route::ArticlesPart(_) => "articles.html",
            Route::Article(_) => "article.html",
            Route::Print => "print.html",
            Route::Search => "search.html",
            Route::NotFound => "404.html",
        }
    }

    /// The page at `path` (a file path under the output folder), if it is
    /// one: `actors/x/index.html` gives `Actor("x")`. Whether such an actor
    /// exists is for the caller to check.
    pub fn parse(path: &'a str) -> Option<Route<'a>> {
        if path == "404.html" {
            return Some(Route::NotFound);
        }
        if let Some(n) = path
            .strip_prefix("articles/index-")
            .and_then(|rest| rest.strip_suffix(".html"))
        {
            let n = Some(n).filter(|n| !n.starts_with('0') && is_number(n, n.len()))?;
            return n.parse().ok().filter(|&n| n > 1).map(Route::ArticlesPart);
        }
        if let Some(period) = path.strip_prefix("chronology/").and_then(Period::parse) {
            return Some(Route::Period(period));
        }
        if let Some((id, name)) = path.strip_prefix("actors/").and_then(|p| p.split_once('/')) {
            let list = [List::Events, List::Mentions]
                .into_iter()
                .find(|l| name.starts_with(l.file()));
            if let Some(list) = list
                && !id.is_empty()
            {
                return Some(Route::ActorList(id, list, numbered(name, list.file())?));
            }
        }
        let folder = path.strip_suffix("index.html")?;
        let single = SINGLE_PAGES.into_iter().find(|r| {
            let (a, b, c) = r.folder();
            b.is_empty() && c.is_empty() && a == folder
        });
        if single.is_some() {
            return single;
        }
        let id_in = |prefix: &str| {
            folder
                .strip_prefix(prefix)?
                .strip_suffix('/')
                .filter(|id| !id.is_empty() && !id.contains('/'))
        };
        if let Some(id) = id_in("actors/") {
            return Some(Route::Actor(id));
        }
        id_in("articles/").map(Route::Article)
    }
}

/// Whether briefing writes `path` (a file path under the output folder),
/// or a folder that holds it: no static file of the pack may take its place.
pub fn is_generated(path: &str) -> bool {
    let files = ["index.html", "404.html", NO_JEKYLL];
    if files.contains(&path) || DATA_FILES.contains(&path) {
        return true;
    }
    let folders = SINGLE_PAGES
        .iter()
        .map(|r| r.folder().0)
        .filter(|f| !f.is_empty())
        .chain([ASSETS]);
    // a file where a folder of the site goes takes its place too
    folders
        .into_iter()
        .any(|f| path.starts_with(f) || path == f.trim_end_matches('/'))
}

/// Where a link to `target` lands, from the site root: the page, and the
/// anchor on it (an event is an entry of the chronology, or of the page of
/// it that holds it once the chronology is split).
pub fn target<'p>(
    pack: &'p Pack,
    events: &EventPages,
    target: Target,
) -> (Route<'p>, Option<&'p str>) {
    match target {
        Target::Actor(i) => (Route::Actor(&pack.actors[i].id), None),
        Target::Article(i) => (Route::Article(&pack.articles[i].id), None),
        Target::Event(i) => (events.route_of(i), Some(&pack.events[i].id)),
    }
}

/// Appends the path from the site root to `target` (with its anchor) to `out`.
pub fn push_target_path(out: &mut String, pack: &Pack, events: &EventPages, to: Target) {
    let (route, anchor) = target(pack, events, to);
    route.push_path(out);
    if let Some(anchor) = anchor {
        out.push('#');
        out.push_str(anchor);
    }
}

/// The relative path from a page `depth` folders deep to the site root.
pub fn root(depth: usize) -> String {
    "../".repeat(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_parses_back_from_its_path() {
        let pages = [
            Route::Home,
            Route::Chronology,
            Route::Actors,
            Route::Actor("kataib-hezbollah"),
            Route::Articles,
            Route::Article("the-national-2024-04-22"),
            Route::Print,
            Route::Search,
            Route::NotFound,
            Route::Period(Period::year(2024)),
            Route::Period(Period::month(2024, 3)),
            Route::Period(Period {
                part: 12,
                ..Period::month(2024, 12)
            }),
            Route::Period(Period {
                part: 2,
                ..Period::year(1999)
            }),
            Route::ActorList("x", List::Events, 2),
            Route::ActorList("x", List::Mentions, 31),
            Route::ArticlesPart(2),
        ];
        for page in pages {
            assert_eq!(Route::parse(&page.path()), Some(page), "{page:?}");
            // the depth is the number of folders in the path
            assert_eq!(page.depth(), page.path().matches('/').count(), "{page:?}");
        }
        assert_eq!(Route::Actor("x").path(), "actors/x/index.html");
        assert_eq!(Route::Actor("x").url(), "actors/x/");
        assert_eq!(Route::Home.url(), "");
        assert_eq!(
            Route::Period(Period {
                part: 2,
                ..Period::month(2024, 3)
            })
            .path(),
            "chronology/2024-03/page-2.html"
        );
        assert_eq!(
            Route::ActorList("x", List::Mentions, 3).url(),
            "actors/x/mentions-3.html"
        );
        for generated in [
            "index.html",
            "404.html",
            "pack.json",
            "sitemap.xml",
            ".nojekyll",
            "actors/x.png",
            "assets/style.css",
            "print/book.pdf",
            "search/manifest.js",
        ] {
            assert!(is_generated(generated), "{generated}");
        }
        for free in ["CNAME", "images/map.png", "actorsx.png", "robots.txt"] {
            assert!(!is_generated(free), "{free}");
        }
        for not_a_page in [
            "actors/index.htm",
            "actors//index.html",
            "actors/a/b/index.html",
            "pack.json",
            "x/index.html",
            "chronology/24/index.html",
            "chronology/2024-13/index.html",
            "chronology/2024-3/index.html",
            "chronology/2024-03/page-1.html",
            "chronology/2024-03/page-02.html",
            "chronology/2024-03/04/index.html",
            "chronology/2024/03/index.html",
            "actors/x/events-1.html",
            "actors/x/events.html",
            "actors/x/other-2.html",
            "actors/x/events-2/index.html",
            "actors/x/y/events-2.html",
            "articles/index-1.html",
            "articles/index-02.html",
        ] {
            assert_eq!(Route::parse(not_a_page), None, "{not_a_page}");
        }
    }
}
