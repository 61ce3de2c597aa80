//! What many pages show alike, made once per build and then shared: the
//! theme's small partials (a citation marker, a mention, a link, a cited
//! passage), the values of links to actors and articles, and whole event
//! cards. Each is rendered by its template the first time a page needs it,
//! for that page's link style, and kept: the same inputs give the same HTML,
//! so every later page takes it without rendering again.
//!
//! The partials and what they receive (see the README, *Themes*):
//!
//! | template | values |
//! |---|---|
//! | `partials/cite.html` | `n`: the citation's number on the page |
//! | `partials/mention.html` | `text`, `actor` (`id`, `name`, `kind`, `href`), `href`: the link, absent in an excerpt on the actor's own page |
//! | `partials/link.html` | `text`, `href`, `kind` (actor, event or article): a `[[id]]` link |
//! | `partials/passage.html` | `html`: a cited passage, its mentions already marked |
//! | `partials/event.html` | `event`, `link_title`: an event card |

use std::sync::{Arc, OnceLock, RwLock};

use memchr::memmem;
use serde::Serialize;

use super::engine::Engine;
use super::refs::{Numbers, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use crate::diagnostics::Diagnostic;
use crate::model::{CitationId, Pack, Target};

/// The link styles of [`super::refs::PageRefs::link_style`]: pages 0, 1 or
/// 2 folders deep, and the print document.
pub const LINK_STYLES: usize = 4;

/// One value for each link style.
pub type PerStyle<T> = [OnceLock<T>; LINK_STYLES];

/// An event card made once: the values of the event (with `card`, its HTML)
/// as the templates see them, and the citations it shows, in order, for the
/// pages that show it to number.
#[derive(Debug, Clone)]
pub struct Card {
    /// The event's values, `card` among them.
    pub value: tera::Value,
    /// The citations inside the card's HTML, in the order it shows them.
    pub cites: Arc<[CitationId]>,
}

/// What a memoised link-like partial is made for: which partial, for which
/// target, in which link style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct LinkKey {
    partial: Partial,
    target: Target,
    style: u8,
}

/// The link-like partials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Partial {
    /// `partials/mention.html`, linking to the actor.
    Mention,
    /// `partials/mention.html` without a link (an excerpt on the actor's page).
    Excerpt,
    /// `partials/link.html`.
    Link,
}

/// The HTML of one link-like partial for each text it was shown with.
type ByText = Vec<(Box<str>, Arc<str>)>;

/// The shared pieces of one build.
pub struct Fragments {
    engine: Engine,
    /// The marker of citation number `n` at `n`.
    markers: RwLock<Vec<Option<Arc<str>>>>,
    /// Mentions and links, by what they are for, then by the text shown.
    links: RwLock<rustc_hash::FxHashMap<LinkKey, ByText>>,
    /// Links to each actor, per style.
    pub(super) actor_links: Vec<PerStyle<tera::Value>>,
    /// Links to each article, per style.
    pub(super) article_links: Vec<PerStyle<tera::Value>>,
    /// Each event's participants, per style.
    pub(super) participants: Vec<PerStyle<tera::Value>>,
    /// Each event as lists show it, per style and kind of entry
    /// ([`super::views::Entry`]).
    pub(super) cards: Vec<[OnceLock<Card>; 3 * LINK_STYLES]>,
}

/// The context of a link-like partial.
#[derive(Serialize)]
struct LinkContext<'a> {
    text: &'a str,
    href: Option<&'a str>,
    kind: &'static str,
    actor: Option<&'a tera::Value>,
}

/// Room for one value per item and style.
fn room<T>(n: usize) -> Vec<PerStyle<T>> {
    (0..n).map(|_| Default::default()).collect()
}

impl Fragments {
    /// Room for the shared pieces of `pack`, rendered by `engine` as pages
    /// first need them.
    pub fn new(engine: Engine, pack: &Pack) -> Fragments {
        Fragments {
            engine,
            markers: RwLock::default(),
            links: RwLock::default(),
            actor_links: room(pack.actors.len()),
            article_links: room(pack.articles.len()),
            participants: room(pack.events.len()),
            cards: (0..pack.events.len()).map(|_| Default::default()).collect(),
        }
    }

    /// The engine, for whole pages.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Renders a partial that stands inside a line of text: its last line
    /// break (the one a template file ends with) is dropped.
    fn inline(&self, template: &str, context: &impl Serialize) -> Result<Arc<str>, Diagnostic> {
        let mut html = self.engine.fragment(template, context)?;
        if html.ends_with('\n') {
            html.pop();
        }
        Ok(Arc::from(html))
    }

    /// The marker of citation number `n` (from 1): `partials/cite.html`.
    pub fn marker(&self, n: usize) -> Result<Arc<str>, Diagnostic> {
        if let Ok(markers) = self.markers.read()
            && let Some(Some(m)) = markers.get(n)
        {
            return Ok(Arc::clone(m));
        }
        #[derive(Serialize)]
        struct Cite {
            n: usize,
        }
        let made = self.inline("partials/cite.html", &Cite { n })?;
        if let Ok(mut markers) = self.markers.write() {
            if markers.len() <= n {
                markers.resize(n + 1, None);
            }
            markers[n].get_or_insert_with(|| Arc::clone(&made));
        }
        Ok(made)
    }

    /// The HTML of a link-like partial for `key` showing `text`, rendered
    /// by `context` the first time.
    fn link_like(
        &self,
        key: LinkKey,
        text: &str,
        context: impl FnOnce() -> Result<Arc<str>, Diagnostic>,
    ) -> Result<Arc<str>, Diagnostic> {
        if let Ok(links) = self.links.read()
            && let Some(found) = links
                .get(&key)
                .and_then(|texts| texts.iter().find(|(t, _)| &**t == text))
        {
            return Ok(Arc::clone(&found.1));
        }
        let made = context()?;
        if let Ok(mut links) = self.links.write() {
            let texts = links.entry(key).or_default();
            if !texts.iter().any(|(t, _)| &**t == text) {
                texts.push((text.into(), Arc::clone(&made)));
            }
        }
        Ok(made)
    }

    /// A mention of actor `actor` (whose link value is `link`) showing
    /// `text`: linked to `href` (in link style `style`, when it is one that
    /// is kept), or not linked when `href` is `None` (an excerpt on the
    /// actor's own page).
    pub fn mention(
        &self,
        actor: usize,
        link: &tera::Value,
        href: Option<&str>,
        style: Option<usize>,
        text: &str,
    ) -> Result<Arc<str>, Diagnostic> {
        let render = || {
            self.inline(
                "partials/mention.html",
                &LinkContext {
                    text,
                    href,
                    kind: "actor",
                    actor: Some(link),
                },
            )
        };
        let (partial, style) = match (href, style) {
            (Some(_), Some(style)) => (Partial::Mention, style),
            (Some(_), None) => return render(),
            (None, _) => (Partial::Excerpt, 0),
        };
        let key = LinkKey {
            partial,
            target: Target::Actor(actor),
            style: style as u8,
        };
        self.link_like(key, text, render)
    }

    /// A `[[id]]` link to `target` showing `text`, at `href` in link style
    /// `style` (`None`: a style not kept, rendered each time).
    pub fn link(
        &self,
        target: Target,
        href: &str,
        style: Option<usize>,
        text: &str,
    ) -> Result<Arc<str>, Diagnostic> {
        let kind = match target {
            Target::Actor(_) => "actor",
            Target::Event(_) => "event",
            Target::Article(_) => "article",
        };
        let render = || {
            self.inline(
                "partials/link.html",
                &LinkContext {
                    text,
                    href: Some(href),
                    kind,
                    actor: None,
                },
            )
        };
        match style {
            Some(style) => {
                let key = LinkKey {
                    partial: Partial::Link,
                    target,
                    style: style as u8,
                };
                self.link_like(key, text, render)
            }
            None => render(),
        }
    }

    /// A cited passage around `html` (its text, mentions marked):
    /// `partials/passage.html`.
    pub fn passage(&self, html: &str) -> Result<Arc<str>, Diagnostic> {
        #[derive(Serialize)]
        struct Passage<'a> {
            html: super::html::HtmlRef<'a>,
        }
        self.inline(
            "partials/passage.html",
            &Passage {
                html: super::html::HtmlRef(html),
            },
        )
    }

    /// Renders an event card with `partials/event.html`.
    pub fn event_card(&self, context: &impl Serialize) -> Result<String, Diagnostic> {
        self.engine.fragment("partials/event.html", context)
    }

    /// Turns the citation placeholders of a rendered page into the theme's
    /// markers, numbered as `numbers` says. A placeholder the page did not
    /// number (none should be) is dropped.
    pub fn fill_citations(&self, page: Vec<u8>, numbers: &Numbers) -> Result<Vec<u8>, Diagnostic> {
        let mut open = [0; 4];
        let open = PLACEHOLDER_OPEN.encode_utf8(&mut open).as_bytes();
        let mut close = [0; 4];
        let close = PLACEHOLDER_CLOSE.encode_utf8(&mut close).as_bytes();
        let finder = memmem::Finder::new(open);
        let Some(first) = finder.find(&page) else {
            return Ok(page);
        };
        let mut out = super::buffers::take(page.len() + page.len() / 8);
        out.extend_from_slice(&page[..first]);
        let mut rest = &page[first..];
        while let Some(at) = finder.find(rest) {
            out.extend_from_slice(&rest[..at]);
            let after = &rest[at + open.len()..];
            let Some(end) = memmem::find(after, close) else {
                rest = after;
                continue;
            };
            let id: Option<CitationId> = std::str::from_utf8(&after[..end])
                .ok()
                .and_then(|digits| digits.parse().ok());
            if let Some(n) = id.and_then(|id| numbers.get(&id)) {
                out.extend_from_slice(self.marker(*n)?.as_bytes());
            }
            rest = &after[end + close.len()..];
        }
        out.extend_from_slice(rest);
        super::buffers::give_back(page);
        Ok(out)
    }
}
