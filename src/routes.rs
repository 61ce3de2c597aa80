//! The site's addresses, defined once: every page's path under the output
//! folder, how deep it sits (which gives its links' prefix to the root), its
//! kind and template, and where a link to an actor, an article or an event
//! lands. Render writes pages and links from this table, `serve` maps a
//! request back to a page with [`Route::parse`], and the sitemap lists it.

use crate::model::{Pack, Target};

/// A page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// `index.html`: the pack.
    Home,
    /// `chronology/index.html`: every event, or, once the pack holds more
    /// than [`YEAR_PAGES_ABOVE`] events, the years with a link to each.
    Chronology,
    /// `chronology/<YYYY>/index.html`: the events of one year, once the
    /// chronology is split.
    Year(i32),
    /// `actors/index.html`: every actor, by kind.
    Actors,
    /// `actors/<id>/index.html`.
    Actor(&'a str),
    /// `articles/index.html`: every source.
    Articles,
    /// `articles/<id>/index.html`.
    Article(&'a str),
    /// `print/index.html`: the briefing book.
    Print,
    /// `404.html`.
    NotFound,
}

/// The pages that exist once per site, in the order the sitemap lists them.
pub const SINGLE_PAGES: [Route<'static>; 5] = [
    Route::Home,
    Route::Chronology,
    Route::Actors,
    Route::Articles,
    Route::Print,
];

/// The files of the site that are not pages: machine-readable data and what
/// GitHub Pages needs.
pub const DATA_FILES: [&str; 3] = ["pack.json", "sitemap.xml", FEED];

/// The Atom feed of the events, linked from every page.
pub const FEED: &str = "feed.xml";

/// Above this many events the chronology is split into a page per year.
pub const YEAR_PAGES_ABOVE: usize = 500;

/// True when the chronology of `pack` is split into a page per year.
pub fn has_year_pages(pack: &Pack) -> bool {
    pack.events.len() > YEAR_PAGES_ABOVE
}

/// The year whose page holds event `i` (the year its date starts in; a
/// decade's first year).
pub fn year_of(pack: &Pack, i: usize) -> i32 {
    pack.events[i].date.1.start.earliest_day().0
}

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
            Route::Articles => ("articles/", "", ""),
            Route::Article(id) => ("articles/", id, "/"),
            Route::Print => ("print/", "", ""),
            // written by `push_folder`, which has the digits
            Route::Year(_) => ("chronology/", "", ""),
        }
    }

    /// Appends the page's folder (`/`-terminated, empty for the root).
    fn push_folder(self, out: &mut String) {
        let (a, b, c) = self.folder();
        out.push_str(a);
        out.push_str(b);
        out.push_str(c);
        if let Route::Year(year) = self {
            out.push_str(&format!("{year:04}/"));
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
        self.push_folder(out);
        out.push_str("index.html");
    }

    /// The page's address as a folder (`actors/kataib-hezbollah/`), as the
    /// sitemap and canonical links give it.
    pub fn url(self) -> String {
        if self == Route::NotFound {
            return "404.html".into();
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
            Route::Actor(_) | Route::Article(_) | Route::Year(_) => 2,
        }
    }

    /// The page kind, as templates see it (`kind`) and the body's class.
    pub fn kind(self) -> &'static str {
        match self {
            Route::Home => "home",
            Route::Chronology | Route::Year(_) => "chronology",
            Route::Actors => "actors",
            Route::Actor(_) => "actor",
            Route::Articles => "articles",
            Route::Article(_) => "article",
            Route::Print => "print",
            Route::NotFound => "404",
        }
    }

    /// The theme's template that renders the page.
    pub fn template(self) -> &'static str {
        match self {
            Route::Home => "index.html",
            Route::Chronology | Route::Year(_) => "chronology.html",
            Route::Actors => "actors.html",
            Route::Actor(_) => "actor.html",
            Route::Articles => "articles.html",
            Route::Article(_) => "article.html",
            Route::Print => "print.html",
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
        if let Some(year) =
            id_in("chronology/").filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        {
            return year.parse().ok().map(Route::Year);
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
/// anchor on it (an event is an entry of the chronology, or of its year's
/// page once the chronology is split).
pub fn target<'p>(pack: &'p Pack, target: Target) -> (Route<'p>, Option<&'p str>) {
    match target {
        Target::Actor(i) => (Route::Actor(&pack.actors[i].id), None),
        Target::Article(i) => (Route::Article(&pack.articles[i].id), None),
        Target::Event(i) if has_year_pages(pack) => {
            (Route::Year(year_of(pack, i)), Some(&pack.events[i].id))
        }
        Target::Event(i) => (Route::Chronology, Some(&pack.events[i].id)),
    }
}

/// Appends the path from the site root to `target` (with its anchor) to `out`.
pub fn push_target_path(out: &mut String, pack: &Pack, to: Target) {
    let (route, anchor) = target(pack, to);
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
            Route::NotFound,
        ];
        for page in pages {
            assert_eq!(Route::parse(&page.path()), Some(page), "{page:?}");
            // the depth is the number of folders in the path
            assert_eq!(page.depth(), page.path().matches('/').count(), "{page:?}");
        }
        assert_eq!(Route::Actor("x").path(), "actors/x/index.html");
        assert_eq!(Route::Actor("x").url(), "actors/x/");
        assert_eq!(Route::Home.url(), "");
        for generated in [
            "index.html",
            "404.html",
            "pack.json",
            "sitemap.xml",
            ".nojekyll",
            "actors/x.png",
            "assets/style.css",
            "print/book.pdf",
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
        ] {
            assert_eq!(Route::parse(not_a_page), None, "{not_a_page}");
        }
    }
}
