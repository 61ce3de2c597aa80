//! What many pages show alike, made once per build and then shared: the
//! theme's small partials (a citation marker, a mention, a link, a cited
//! passage), the values of links to actors and articles, and whole event
//! cards. Each is rendered by its template the first time a page needs it,
//! for that page's link style, and kept: the same inputs give the same HTML,
//! so every later page takes it without rendering again.
//!
//! The partials and the values each receives are listed in the README,
//! *Themes*. The partials drawn once per row of a long list go through
//! [`Fragments::row`], compiled to a [`Stencil`] when their source allows.
//! A citation inside shared HTML is a placeholder until the page is written
//! ([`Fragments::fill_citations`]).

use std::sync::{Arc, OnceLock};

use memchr::memmem;

use serde::Serialize;

use super::engine::Engine;
use super::html::{PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use super::refs::{LINK_STYLES, Numbers};
use super::stencil::{Row, Stencil};
use crate::diagnostics::Diagnostic;
use crate::model::{CitationId, Pack, Target};
use crate::routes::EventPages;

/// One value for each link style.
pub type PerStyle<T> = [OnceLock<T>; LINK_STYLES];

/// An event's values made once for a link style: as the templates see
/// them, and the citations it shows, in order, for the pages that show it
/// to number.
#[derive(Debug, Clone)]
pub struct Card {
    /// The event's values.
    pub value: tera::Value,
    /// The citations its cards show, in the order they show them.
    pub cites: Arc<[CitationId]>,
}

/// An event's shared pieces: its values per link style, and its card per
/// link style and partial ([`super::views::Entry`]).
#[derive(Default)]
pub struct EventSlots {
    /// The values, per style.
    pub values: PerStyle<Card>,
    /// The cards, per style and partial.
    pub cards: [[OnceLock<tera::Value>; 3]; LINK_STYLES],
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
type ByText = Vec<(Box<str>, Box<str>)>;

/// The id of the next [`Fragments`].
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// What one thread has rendered of the small partials, for one build: each
/// thread keeps its own, so pages never wait on each other for them.
#[derive(Default)]
struct Memo {
    /// The build these are for.
    build: u64,
    /// The marker of citation number `n` at `n`.
    markers: Vec<Option<Box<str>>>,
    /// Mentions and links, by what they are for, then by the text shown.
    links: rustc_hash::FxHashMap<LinkKey, ByText>,
}

impl Memo {
    /// Forgets what was made for another build.
    fn for_build(&mut self, build: u64) {
        if self.build != build {
            *self = Memo {
                build,
                ..Memo::default()
            };
        }
    }
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// The partials drawn once per row of a long list, compiled to a
/// [`Stencil`] when their source allows.
#[derive(Debug, Clone, Copy)]
pub enum RowTemplate {
    /// `partials/excerpt.html`: a paragraph mentioning an actor, on its page.
    Excerpt,
    /// `partials/paragraph-link.html`: a link to a paragraph mentioning an
    /// actor, on the later pages of its mentions.
    ParagraphLink,
    /// `partials/paragraph.html`: a paragraph of an article's text.
    Paragraph,
    /// `partials/reference.html`: an entry of a page's references.
    Reference,
    /// `partials/event.html`: an event card.
    Card,
    /// `partials/print-event.html`: an event in the print document.
    PrintEvent,
    /// `partials/participant.html`: an actor of an event.
    Participant,
    /// `partials/citer.html`: what cites a paragraph.
    Citer,
    /// `partials/timeline-mark.html`: a mark of the timeline.
    TimelineMark,
    /// `partials/timeline-link.html`: the link over a mark of the timeline.
    TimelineLink,
    /// `partials/mention-group.html`: an article's paragraphs mentioning an
    /// actor, quoted, on its page.
    MentionGroup,
    /// `partials/mention-index.html`: links to an article's paragraphs
    /// mentioning an actor, on the later pages of its mentions.
    MentionIndex,
    /// `partials/graph-node.html`: an actor in an actor's relation picture.
    GraphNode,
    /// `partials/network-node.html`: an actor in the network of the
    /// actors index.
    NetworkNode,
    /// `partials/graph-edge.html`: a line of a relation picture.
    GraphEdge,
    /// `partials/graph-link.html`: the link over an actor in a relation
    /// picture.
    GraphLink,
    /// `partials/event-row.html`: an event as a row of an actor's table of
    /// events.
    EventRow,
    /// `partials/source-meta.html`: an article's bibliographic data.
    SourceMeta,
    /// `partials/print-actor-event.html`: one of an actor's events in the
    /// print book.
    PrintActorEvent,
}

impl RowTemplate {
    /// The partials that draw an event's card.
    const CARDS: [RowTemplate; 2] = [RowTemplate::Card, RowTemplate::PrintEvent];

    /// Whether the row stands inside a line of text, so that the line
    /// break its file ends with is dropped.
    fn inline(self) -> bool {
        matches!(
            self,
            RowTemplate::Participant
                | RowTemplate::Citer
                | RowTemplate::ParagraphLink
                | RowTemplate::TimelineLink
                | RowTemplate::GraphLink
                | RowTemplate::PrintActorEvent
        )
    }

    /// The template's name in the theme.
    fn name(self) -> &'static str {
        match self {
            RowTemplate::Excerpt => "partials/excerpt.html",
            RowTemplate::ParagraphLink => "partials/paragraph-link.html",
            RowTemplate::Paragraph => "partials/paragraph.html",
            RowTemplate::Reference => "partials/reference.html",
            RowTemplate::Card => "partials/event.html",
            RowTemplate::PrintEvent => "partials/print-event.html",
            RowTemplate::Participant => "partials/participant.html",
            RowTemplate::Citer => "partials/citer.html",
            RowTemplate::TimelineMark => "partials/timeline-mark.html",
            RowTemplate::TimelineLink => "partials/timeline-link.html",
            RowTemplate::MentionGroup => "partials/mention-group.html",
            RowTemplate::MentionIndex => "partials/mention-index.html",
            RowTemplate::GraphNode => "partials/graph-node.html",
            RowTemplate::NetworkNode => "partials/network-node.html",
            RowTemplate::GraphEdge => "partials/graph-edge.html",
            RowTemplate::GraphLink => "partials/graph-link.html",
            RowTemplate::EventRow => "partials/event-row.html",
            RowTemplate::SourceMeta => "partials/source-meta.html",
            RowTemplate::PrintActorEvent => "partials/print-actor-event.html",
        }
    }
}

/// The shared pieces of one build.
pub struct Fragments {
    engine: Engine,
    /// Each row template compiled, or `None` when Tera renders it.
    stencils: [OnceLock<Option<Stencil>>; 19],
    /// Which build's fragments these are, for the memo of each thread.
    id: u64,
    /// Links to each actor, per style.
    pub(super) actor_links: Vec<PerStyle<tera::Value>>,
    /// Links to each article, per style.
    pub(super) article_links: Vec<PerStyle<tera::Value>>,
    /// Each event's values and cards, per style.
    pub(super) events: Vec<EventSlots>,
    /// Whether any template shows `e.event` ([`Fragments::event_values`]).
    event_values: bool,
    /// Whether any template shows an event's `actors`.
    event_actors: bool,
    /// Which page of the chronology holds each event.
    event_pages: EventPages,
    /// Each actor's mentions, newest article first, once a page needs them.
    mention_orders: Vec<OnceLock<Vec<usize>>>,
    /// Each article's place in that order.
    article_ranks: OnceLock<Vec<u32>>,
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
        let cards = RowTemplate::CARDS.map(RowTemplate::name);
        let event_values = engine.names("event", &cards);
        let event_actors = event_values || cards.iter().any(|card| engine.names_in(card, "actors"));
        Fragments {
            engine,
            stencils: Default::default(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            actor_links: room(pack.actors.len()),
            article_links: room(pack.articles.len()),
            events: (0..pack.events.len()).map(|_| Default::default()).collect(),
            event_values,
            event_actors,
            event_pages: EventPages::of(pack),
            mention_orders: (0..pack.actors.len()).map(|_| OnceLock::new()).collect(),
            article_ranks: OnceLock::new(),
        }
    }

    /// Actor `i`'s mentions, newest article first
    /// ([`crate::routes::actor_mentions_newest_first`]), sorted once for all
    /// the pages that show them.
    pub fn mention_order(&self, pack: &Pack, i: usize) -> &[usize] {
        self.mention_orders[i].get_or_init(|| {
            let ranks = (self.article_ranks)
                .get_or_init(|| crate::routes::article_ranks_newest_first(pack));
            crate::routes::actor_mentions_newest_first(pack, i, ranks)
        })
    }

    /// Which page of the chronology holds each event.
    pub fn event_pages(&self) -> &EventPages {
        &self.event_pages
    }

    /// True when a template shows an event's values (`e.event` in a list):
    /// they are made only then. The card partials get the event itself.
    pub fn event_values(&self) -> bool {
        self.event_values
    }

    /// True when a template shows an event's `actors` list: it is made only
    /// then.
    pub fn event_actors(&self) -> bool {
        self.event_actors
    }

    /// The engine, for whole pages.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Renders a partial that stands inside a line of text: its last line
    /// break (the one a template file ends with) is dropped.
    fn inline(&self, template: &str, context: &impl Serialize) -> Result<Box<str>, Diagnostic> {
        let mut html = self.engine.fragment(template, context)?;
        if html.ends_with('\n') {
            html.pop();
        }
        Ok(html.into_boxed_str())
    }

    /// Appends the marker of citation number `n` (from 1) to `out`:
    /// `partials/cite.html`, told whether it is the `first` marker of that
    /// number on the page (the one its reference links back to).
    pub fn push_marker(&self, out: &mut Vec<u8>, n: usize, first: bool) -> Result<(), Diagnostic> {
        let slot = 2 * n + usize::from(first);
        let found = MEMO.with_borrow_mut(|memo| {
            memo.for_build(self.id);
            let marker = memo.markers.get(slot).and_then(Option::as_deref);
            marker
                .map(|m| out.extend_from_slice(m.as_bytes()))
                .is_some()
        });
        if found {
            return Ok(());
        }
        #[derive(Serialize)]
        struct Cite {
            n: usize,
            first: bool,
        }
        let made = self.inline("partials/cite.html", &Cite { n, first })?;
        out.extend_from_slice(made.as_bytes());
        MEMO.with_borrow_mut(|memo| {
            if memo.markers.len() <= slot {
                memo.markers.resize(slot + 1, None);
            }
            memo.markers[slot] = Some(made);
        });
        Ok(())
    }

    /// Appends the HTML of a link-like partial for `key` showing `text` to
    /// `out`, rendered by `render` the first time on this thread.
    fn push_link_like(
        &self,
        out: &mut String,
        key: LinkKey,
        text: &str,
        render: impl FnOnce() -> Result<Box<str>, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let found = MEMO.with_borrow_mut(|memo| {
            memo.for_build(self.id);
            let texts = memo.links.get(&key)?;
            let (_, html) = texts.iter().find(|(t, _)| &**t == text)?;
            out.push_str(html);
            Some(())
        });
        if found.is_some() {
            return Ok(());
        }
        let made = render()?;
        out.push_str(&made);
        MEMO.with_borrow_mut(|memo| {
            memo.links.entry(key).or_default().push((text.into(), made));
        });
        Ok(())
    }

    /// Appends a mention of actor `actor` (whose link value `link` gives)
    /// showing `text` to `out`: linked to the address `href` gives (in link
    /// style `style`, when it is one that is kept), or not linked when
    /// `href` is `None` (an excerpt on the actor's own page). The link and
    /// the address are made only when the partial is rendered.
    pub fn push_mention(
        &self,
        out: &mut String,
        (actor, link): (usize, impl FnOnce() -> tera::Value),
        href: Option<impl FnOnce() -> String>,
        style: Option<usize>,
        text: &str,
    ) -> Result<(), Diagnostic> {
        let linked = href.is_some();
        let render = || {
            let link = link();
            let href = href.map(|h| h());
            self.inline(
                "partials/mention.html",
                &LinkContext {
                    text,
                    href: href.as_deref(),
                    kind: "actor",
                    actor: Some(&link),
                },
            )
        };
        let (partial, style) = match (linked, style) {
            (true, Some(style)) => (Partial::Mention, style),
            (true, None) => {
                out.push_str(&render()?);
                return Ok(());
            }
            (false, _) => (Partial::Excerpt, 0),
        };
        let key = LinkKey {
            partial,
            target: Target::Actor(actor),
            style: style as u8,
        };
        self.push_link_like(out, key, text, render)
    }

    /// Appends a `[[id]]` link to `target` showing `text`, at `href` in
    /// link style `style` (`None`: a style not kept, rendered each time), to
    /// `out`.
    pub fn push_link(
        &self,
        out: &mut String,
        target: Target,
        href: &str,
        style: Option<usize>,
        text: &str,
    ) -> Result<(), Diagnostic> {
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
                self.push_link_like(out, key, text, render)
            }
            None => {
                out.push_str(&render()?);
                Ok(())
            }
        }
    }

    /// A cited passage around `html` (its text, mentions marked):
    /// `partials/passage.html`.
    pub fn passage(&self, html: &str) -> Result<Box<str>, Diagnostic> {
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

    /// Appends `row` drawn by `template` to `out`: compiled when the
    /// template allows, through Tera when not.
    pub fn row<R: Row>(
        &self,
        template: RowTemplate,
        row: &R,
        out: &mut String,
    ) -> Result<(), Diagnostic> {
        let stencil = self.stencils[template as usize].get_or_init(|| {
            let source = self.engine.source(template.name())?;
            Stencil::compile(source, R::FIELDS)
        });
        let start = out.len();
        match stencil {
            Some(stencil) => stencil.render(row, out),
            None => out.push_str(&self.engine.fragment(template.name(), row)?),
        }
        if template.inline() && out.len() > start && out.ends_with('\n') {
            out.pop();
        }
        Ok(())
    }

    /// Fills the placeholders of a rendered page in place: a citation's by
    /// the theme's marker numbered as `numbers` says (one the page did not
    /// number, which should not happen, is dropped), a slot's by the HTML
    /// set aside in `slots`. The page's bytes move within its own buffer,
    /// from the end when every piece moves right (the usual case: markers
    /// and slots are longer than their placeholders), from the start when
    /// every piece moves left; otherwise, or when a slot holds placeholders
    /// of its own, the page is assembled anew by [`Fragments::assemble`].
    pub fn fill(
        &self,
        page: &mut Vec<u8>,
        numbers: &Numbers,
        slots: &[String],
    ) -> Result<(), Diagnostic> {
        // (start, end, what goes there) of every placeholder, in order
        let mut seen = Vec::new();
        let found: Vec<(usize, usize, Filling)> = placeholders(page)
            .map(|(start, inside, end)| {
                let filling = Filling::of(&page[inside], numbers, slots).first_of(&mut seen);
                (start, end, filling)
            })
            .collect();
        if found.is_empty() {
            return Ok(());
        }
        let mut nested = false;
        for &(_, _, filling) in &found {
            match filling {
                // renders it into this thread's memo the first time
                Filling::Marker(n, first) => self.push_marker(&mut Vec::new(), n, first)?,
                Filling::Slot(k) => nested |= memmem::find(slots[k].as_bytes(), &OPEN).is_some(),
                Filling::Nothing => {}
            }
        }
        let done = !nested
            && MEMO.with_borrow(|memo| {
                let bytes = |f: Filling| -> &[u8] {
                    match f {
                        Filling::Marker(n, first) => memo
                            .markers
                            .get(2 * n + usize::from(first))
                            .and_then(Option::as_deref)
                            .map_or(&[][..], str::as_bytes),
                        Filling::Slot(k) => slots[k].as_bytes(),
                        Filling::Nothing => &[],
                    }
                };
                // how far the bytes after each placeholder move
                let mut shift: isize = 0;
                let (mut right, mut left) = (true, true);
                for &(start, end, f) in &found {
                    shift += bytes(f).len() as isize - (end - start) as isize;
                    right &= shift >= 0;
                    left &= shift <= 0;
                }
                let old_len = page.len();
                if right {
                    // from the end: each piece moves right, onto bytes already moved
                    let new_len = old_len + shift.unsigned_abs();
                    page.resize(new_len, 0);
                    let mut tail_end = old_len;
                    let mut write_end = new_len;
                    for &(start, end, f) in found.iter().rev() {
                        let tail = end..tail_end;
                        write_end -= tail.len();
                        page.copy_within(tail, write_end);
                        let m = bytes(f);
                        write_end -= m.len();
                        page[write_end..write_end + m.len()].copy_from_slice(m);
                        tail_end = start;
                    }
                    true
                } else if left {
                    // from the start: each piece moves left, onto bytes already moved
                    let mut write = found[0].0;
                    for (k, &(_, end, f)) in found.iter().enumerate() {
                        let m = bytes(f);
                        page[write..write + m.len()].copy_from_slice(m);
                        write += m.len();
                        let next = found.get(k + 1).map_or(old_len, |f| f.0);
                        page.copy_within(end..next, write);
                        write += next - end;
                    }
                    page.truncate(write);
                    true
                } else {
                    false
                }
            });
        if !done {
            let room = page.len() + slots.iter().map(String::len).sum::<usize>();
            let mut assembled = Vec::with_capacity(room);
            self.assemble(page, &mut assembled, numbers, slots, &mut Vec::new())?;
            *page = assembled;
        }
        Ok(())
    }

    /// Writes `page` into `out` with its placeholders filled as
    /// [`Fragments::fill`] does, a slot's own placeholders filled too: one
    /// pass into a second buffer, for what `fill` cannot do in place.
    /// `seen` holds the citation numbers whose first marker is written.
    pub fn assemble(
        &self,
        page: &[u8],
        out: &mut Vec<u8>,
        numbers: &Numbers,
        slots: &[String],
        seen: &mut Vec<bool>,
    ) -> Result<(), Diagnostic> {
        let mut at = 0;
        for (start, inside, end) in placeholders(page) {
            out.extend_from_slice(&page[at..start]);
            at = end;
            match Filling::of(&page[inside], numbers, slots).first_of(seen) {
                Filling::Marker(n, first) => self.push_marker(out, n, first)?,
                Filling::Slot(k) => self.assemble(slots[k].as_bytes(), out, numbers, &[], seen)?,
                Filling::Nothing => {}
            }
        }
        out.extend_from_slice(&page[at..]);
        Ok(())
    }
}

/// Every placeholder of `page`, in order: where it starts, the range of
/// what it holds, and where it ends. An opening with no closing one ends
/// the search.
fn placeholders(page: &[u8]) -> impl Iterator<Item = (usize, std::ops::Range<usize>, usize)> + '_ {
    let finder = memmem::Finder::new(&OPEN);
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + finder.find(&page[at..])?;
        let inside = start + OPEN.len();
        let close = inside + memmem::find(&page[inside..], &CLOSE)?;
        at = close + CLOSE.len();
        Some((start, inside..close, at))
    })
}

/// What fills one placeholder.
#[derive(Debug, Clone, Copy)]
enum Filling {
    /// The marker of citation number `n` on the page, and whether it is the
    /// first of that number.
    Marker(usize, bool),
    /// Slot `k`'s HTML.
    Slot(usize),
    /// Nothing: a placeholder that names no numbered citation and no slot.
    Nothing,
}

impl Filling {
    /// What fills the placeholder holding `inside`: a citation's id, or `s`
    /// and a slot's index.
    fn of(inside: &[u8], numbers: &Numbers, slots: &[String]) -> Filling {
        let number = |digits: &[u8]| -> Option<usize> {
            std::str::from_utf8(digits)
                .ok()
                .and_then(|d| d.parse().ok())
        };
        match inside.split_first() {
            Some((b's', digits)) => number(digits)
                .filter(|&k| k < slots.len())
                .map_or(Filling::Nothing, Filling::Slot),
            _ => number(inside)
                .and_then(|id: CitationId| numbers.get(&id).copied())
                .filter(|&n| n > 0)
                .map_or(Filling::Nothing, |n| Filling::Marker(n, false)),
        }
    }

    /// The filling, a marker marked first when `seen` has not had its
    /// number yet (and now has).
    fn first_of(self, seen: &mut Vec<bool>) -> Filling {
        match self {
            Filling::Marker(n, _) => {
                if seen.len() <= n {
                    seen.resize(n + 1, false);
                }
                let first = !seen[n];
                seen[n] = true;
                Filling::Marker(n, first)
            }
            other => other,
        }
    }
}

/// The UTF-8 bytes of the character opening a citation placeholder.
const OPEN: [u8; 3] = utf8_of(PLACEHOLDER_OPEN);
/// The UTF-8 bytes of the character closing it.
const CLOSE: [u8; 3] = utf8_of(PLACEHOLDER_CLOSE);

/// The three UTF-8 bytes of a character of the private-use area.
const fn utf8_of(c: char) -> [u8; 3] {
    let c = c as u32;
    [
        0xE0 | (c >> 12) as u8,
        0x80 | ((c >> 6) & 0x3F) as u8,
        0x80 | (c & 0x3F) as u8,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::theme::Theme;
    use crate::render::html::Slots;

    #[test]
    fn placeholders_become_markers_in_place() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "default")
            .expect("the built-in theme");
        let site = serde_json::json!({"title": "t"});
        let engine = Engine::new(&theme, &site).expect("compiles");
        let fragments = Fragments::new(engine, &Pack::default());
        let mut numbers = Numbers::default();
        numbers.insert(7, 1);
        numbers.insert(12, 2);
        let page = "a\u{E002}7\u{E003}b \u{E002}12\u{E003}\u{E002}99\u{E003}c\u{E002}";
        let marker = |n: usize, first: bool| {
            let mut out = Vec::new();
            fragments.push_marker(&mut out, n, first).expect("renders");
            String::from_utf8(out).expect("UTF-8")
        };
        // the first marker of a number carries the id its reference links back to
        assert!(marker(2, true).contains("id=\"cite-2\""));
        assert!(!marker(2, false).contains("id="));
        let expected = format!("a{}b {}c\u{E002}", marker(1, true), marker(2, true));
        // assembled into a new buffer, slots and all
        let slots = Slots(vec!["<p>set \u{E002}12\u{E003}aside</p>".to_string()]);
        let with_slot = "a\u{E002}7\u{E003}b \u{E002}12\u{E003}\u{E002}99\u{E003}c\u{E002}s0\u{E003}\u{E002}s9\u{E003}end";
        let mut assembled = Vec::new();
        fragments
            .assemble(
                with_slot.as_bytes(),
                &mut assembled,
                &numbers,
                &slots.0,
                &mut Vec::new(),
            )
            .expect("no error");
        assert_eq!(
            String::from_utf8_lossy(&assembled),
            format!(
                "a{}b {}c<p>set {}aside</p>end",
                marker(1, true),
                marker(2, true),
                marker(2, false)
            )
        );
        // filled in place, the slot's placeholder in it is filled as well
        let mut in_place = with_slot.as_bytes().to_vec();
        fragments
            .fill(&mut in_place, &numbers, &slots.0)
            .expect("no error");
        assert_eq!(in_place, assembled);
        let plain_slot = Slots(vec!["<p>set aside</p>".to_string()]);
        let mut in_place = with_slot.as_bytes().to_vec();
        fragments
            .fill(&mut in_place, &numbers, &plain_slot.0)
            .expect("no error");
        assert_eq!(
            String::from_utf8_lossy(&in_place),
            format!(
                "a{}b {}c<p>set aside</p>end",
                marker(1, true),
                marker(2, true)
            )
        );
        let mut out = page.as_bytes().to_vec();
        fragments.fill(&mut out, &numbers, &[]).expect("no error");
        assert_eq!(String::from_utf8_lossy(&out), expected);
        // and with markers shorter than the placeholders
        let mut tiny = Theme::load(std::path::Path::new("/nonexistent"), "default").expect("theme");
        tiny.templates.insert(
            "partials/cite.html".into(),
            ("test".into(), "{{ n }}".into()),
        );
        let engine = Engine::new(&tiny, &site).expect("compiles");
        let fragments = Fragments::new(engine, &Pack::default());
        let mut out = page.as_bytes().to_vec();
        fragments.fill(&mut out, &numbers, &[]).expect("no error");
        assert_eq!(String::from_utf8_lossy(&out), "a1b 2c\u{E002}");
        // every piece moves left, a slot among them
        let mut mixed = with_slot.as_bytes().to_vec();
        fragments
            .fill(&mut mixed, &numbers, &plain_slot.0)
            .expect("no error");
        assert_eq!(String::from_utf8_lossy(&mixed), "a1b 2c<p>set aside</p>end");
        // the first pieces move left, the last right: assembled anew
        let long = Slots(vec!["x".repeat(40)]);
        let late = "\u{E002}7\u{E003}\u{E002}12\u{E003}\u{E002}99\u{E003}\u{E002}s0\u{E003}.";
        let mut out = late.as_bytes().to_vec();
        fragments
            .fill(&mut out, &numbers, &long.0)
            .expect("no error");
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!("12{}.", "x".repeat(40))
        );
    }
}
