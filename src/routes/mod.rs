//! The site's addresses, defined once: every page's path under the output
//! folder, how deep it sits (which gives its links' prefix to the root), its
//! kind and template, and where a link to an actor, an article or an event
//! lands. Render writes pages and links from this table, `serve` maps a
//! request back to a page with [`Route::parse`], and the sitemap lists it.

mod paging;

pub use paging::{
    ACTOR_EVENTS_PER_PAGE, ACTOR_MENTIONS_PER_PAGE, EVENTS_PER_PAGE, EventPages, PeriodPage,
    YEAR_PAGES_ABOVE, actor_events_newest_first, actor_mentions_newest_first, month_of, page_count,
    year_of,
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
    /// year), `chronology/<YYYY>/<MM>/index.html` (a month of a year too
    /// full for one page), either followed by `page/<N>/` for its later
    /// parts ([`EventPages`]).
    Period(Period),
    /// `actors/index.html`: every actor, by kind.
    Actors,
    /// `actors/<id>/index.html`.
    Actor(&'a str),
    /// `actors/<id>/events/<N>/index.html` or `actors/<id>/mentions/<N>/`:
    /// the older entries of an actor's list, [`ACTOR_EVENTS_PER_PAGE`] or
    /// [`ACTOR_MENTIONS_PER_PAGE`] to a page, from page 2 (page 1 is the
    /// actor's own page).
    ActorList(&'a str, List, u16),
    /// `articles/index.html`: every source, or the newest
    /// [`SOURCES_PER_PAGE`] of them.
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

/// The most sources a page of the sources index lists.
pub const SOURCES_PER_PAGE: usize = 1000;

/// Which of an actor's lists a sub-page continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The events the actor took part in.
    Events,
    /// The paragraphs that mention the actor.
    Mentions,
}

impl List {
    /// Its folder under the actor's.
    fn folder(self) -> &'static str {
        match self {
            List::Events => "events/",
            List::Mentions => "mentions/",
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

    /// The period's folder under `chronology/`.
    fn push_folder(self, out: &mut String) {
        let mut digits = itoa::Buffer::new();
        if (0..=9999).contains(&self.year) {
            out.push_str(&format!("{:04}/", self.year));
        } else {
            out.push_str(digits.format(self.year));
            out.push('/');
        }
        if let Some(month) = self.month {
            out.push_str(&format!("{month:02}/"));
        }
        if self.part > 1 {
            out.push_str("page/");
            out.push_str(digits.format(self.part));
            out.push('/');
        }
    }

    /// The period read back from its folder under `chronology/`.
    fn parse(folder: &str) -> Option<Period> {
        let mut parts = folder.strip_suffix('/')?.split('/');
        let year = parts.next().filter(|y| is_number(y, 4))?.parse().ok()?;
        let mut period = Period::year(year);
        let mut next = parts.next();
        if let Some(month) = next.filter(|m| is_number(m, 2)) {
            period.month = Some(month.parse().ok().filter(|m| (1..=12).contains(m))?);
            next = parts.next();
        }
        if let Some(word) = next {
            let n = parts.next()?;
            if word != "page" || n.starts_with('0') || !is_number(n, n.len()) {
                return None;
            }
            period.part = n.parse().ok().filter(|&n| n > 1)?;
        }
        parts.next().is_none().then_some(period)
    }
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
pub const DATA_FILES: [&str; 3] = ["pack.json", "sitemap.xml", FEED];

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
            Route::ActorList(id, list, _) => ("actors/", id, list.folder()),
        }
    }

    /// Appends the page's folder (`/`-terminated, empty for the root).
    fn push_folder(self, out: &mut String) {
        let (a, b, c) = self.folder();
        out.push_str(a);
        out.push_str(b);
        if let Route::ActorList(_, _, n) = self {
            out.push('/');
            out.push_str(c);
            out.push_str(itoa::Buffer::new().format(n));
            out.push('/');
            return;
        }
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
        if let Route::ArticlesPart(n) = self {
            out.push_str("articles/index-");
            out.push_str(itoa::Buffer::new().format(n));
            out.push_str(".html");
            return;
        }
        self.push_folder(out);
        out.push_str("index.html");
    }

    /// The page's address as a folder (`actors/kataib-hezbollah/`), as the
    /// sitemap and canonical links give it.
    pub fn url(self) -> String {
        if matches!(self, Route::NotFound | Route::ArticlesPart(_)) {
            return self.path();
        }
        let mut url = String::new();
        self.push_folder(&mut url);
        url
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
            Route::Period(p) => 2 + usize::from(p.month.is_some()) + 2 * usize::from(p.part > 1),
            Route::ActorList(..) => 4,
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
        if let Some(rest) = folder.strip_prefix("actors/") {
            let mut parts = rest.split('/');
            let (id, list, n) = (parts.next()?, parts.next()?, parts.next()?);
            let list = [List::Events, List::Mentions]
                .into_iter()
                .find(|l| l.folder().strip_suffix('/') == Some(list))?;
            let n = Some(n)
                .filter(|n| !n.starts_with('0') && is_number(n, n.len()))?
                .parse()
                .ok()
                .filter(|&n| n > 1)?;
            let ends = parts.next() == Some("") && parts.next().is_none();
            return (ends && !id.is_empty()).then_some(Route::ActorList(id, list, n));
        }
        if let Some(period) = folder.strip_prefix("chronology/").and_then(Period::parse) {
            return Some(Route::Period(period));
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
            "chronology/2024/03/page/2/index.html"
        );
        assert_eq!(
            Route::ActorList("x", List::Mentions, 3).url(),
            "actors/x/mentions/3/"
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
            "chronology/2024/13/index.html",
            "chronology/2024/03/page/1/index.html",
            "chronology/2024/03/page/02/index.html",
            "chronology/2024/03/04/index.html",
            "actors/x/events/1/index.html",
            "actors/x/events/index.html",
            "actors/x/other/2/index.html",
            "actors/x/events/2/3/index.html",
            "articles/index-1.html",
            "articles/index-02.html",
        ] {
            assert_eq!(Route::parse(not_a_page), None, "{not_a_page}");
        }
    }
}
