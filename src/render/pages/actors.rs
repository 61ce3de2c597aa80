//! `actors/index.html` (every actor, grouped by kind) and
//! `actors/<id>/index.html` (who they are, their relations, the events they
//! took part in, every paragraph that mentions them, references).

use serde::Serialize;

use super::super::describe;
use super::super::fragments::{Fragments, RowTemplate};
use super::super::graph::{self, Graph};
use super::super::html::{Html, HtmlRef, Slots};
use super::super::plain::{ONE_LINE, plain_text, shortened_to};
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::stencil::{Field, Row};
use super::super::timeline::{Timeline, timeline};
use super::super::views::{
    ActorLink, Entry as EventEntry, RelationView, actor_link, event_entry, fill_given,
    push_mention_excerpt, relations,
};
use super::{Page, Pager, actors_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::{ActorKind, Pack, Target};
use crate::routes::{self, ACTOR_EVENT_PAGES, ACTOR_MENTION_PAGES, List, Route};

#[derive(Serialize)]
struct Entry {
    link: ActorLink,
    aliases: Vec<String>,
    /// The actor's summary as one line of plain text, cut short.
    description: String,
    events: usize,
    mentions: usize,
    articles: usize,
}

#[derive(Serialize)]
struct Group {
    kind: ActorKind,
    label: &'static str,
    actors: Vec<Entry>,
}

#[derive(Serialize)]
struct Index {
    groups: Vec<Group>,
    /// The pack's relations as a picture.
    graph: Option<Graph>,
}

/// Renders `actors/index.html`.
pub fn render_index(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    let refs = PageRefs::new(
        pack,
        renderer.fragments().event_pages(),
        Route::Actors.depth(),
    );
    let groups = actors_by_kind(pack)
        .into_iter()
        .map(|(kind, members)| {
            let actors: Vec<Entry> = members
                .into_iter()
                .map(|i| {
                    let a = &pack.actors[i];
                    let mut articles: Vec<usize> = a.mentions.iter().map(|(art, _)| *art).collect();
                    articles.dedup();
                    Entry {
                        link: actor_link(pack, fr, i, &refs),
                        aliases: a.aliases.clone(),
                        description: a
                            .summary
                            .as_ref()
                            .map(|s| shortened_to(&plain_text(s, pack), ONE_LINE))
                            .unwrap_or_default(),
                        events: a.events.len(),
                        mentions: a.mentions.len(),
                        articles: articles.len(),
                    }
                })
                .collect();
            Group {
                kind,
                label: kind.group_label(),
                actors,
            }
        })
        .collect();
    let graph = graph::network(pack, &refs, fr)?;
    let page = Page::new(
        Route::Actors,
        "Actors",
        describe::actors(pack),
        refs,
        Index { groups, graph },
    );
    Ok(vec![renderer.page(page)?])
}

#[derive(Serialize)]
struct RoleEvent {
    role: String,
    event: tera::Value,
    card: tera::Value,
}

/// On an actor's own page, this many of its newest events are cards, with
/// their sources; the rest of its events are rows of a table, each linking
/// to its card on the chronology.
const EVENT_CARDS: usize = 20;

/// One of the actor's events as `partials/event-row.html` draws it: its
/// `id`, `date` (as shown) and `datetime` (the machine-readable part),
/// `title`, `href` (its card on the chronology), `kind`, `status` and the
/// actor's `role` in it.
#[derive(Serialize)]
struct EventRow<'p> {
    id: &'p str,
    date: &'p str,
    datetime: String,
    title: &'p str,
    href: String,
    kind: &'p str,
    status: &'static str,
    role: &'p str,
}

impl Row for EventRow<'_> {
    const FIELDS: &'static [&'static str] = &[
        "id", "date", "datetime", "title", "href", "kind", "status", "role",
    ];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.id),
            1 => Field::Text(self.date),
            2 => Field::Text(&self.datetime),
            3 => Field::Text(self.title),
            4 => Field::Text(&self.href),
            5 => Field::Text(self.kind),
            6 => Field::Text(self.status),
            _ => Field::Text(self.role),
        }
    }
}

/// One paragraph mentioning the actor, as `partials/excerpt.html` draws
/// it: `href` (the paragraph on the article's page), `n` and `html` (the
/// excerpt, the actor's name marked).
#[derive(Serialize)]
struct ExcerptRow<'a> {
    href: &'a str,
    n: usize,
    html: HtmlRef<'a>,
}

impl Row for ExcerptRow<'_> {
    const FIELDS: &'static [&'static str] = &["href", "n", "html"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.href),
            1 => Field::Number(self.n),
            _ => Field::Html(self.html.0),
        }
    }
}

/// A link to one paragraph mentioning the actor, as
/// `partials/paragraph-link.html` draws it: `href`, `n`, and `more` (another
/// link follows).
#[derive(Serialize)]
struct ParagraphLinkRow<'a> {
    href: &'a str,
    n: usize,
    more: bool,
}

impl Row for ParagraphLinkRow<'_> {
    const FIELDS: &'static [&'static str] = &["href", "n", "more"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.href),
            1 => Field::Number(self.n),
            _ => Field::Flag(self.more),
        }
    }
}

/// How the paragraphs mentioning the actor are shown: as excerpts (on its
/// own page, the newest), or as links under their article (on the later
/// pages, an index of the older ones).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MentionStyle {
    Excerpts,
    Links,
}

/// The paragraphs of one article that mention the actor, as
/// `partials/mention-group.html` (on the actor's own page) or
/// `partials/mention-index.html` (on its later pages) draws them: the
/// article's `title`, `publisher`, `date` and `href`, `count` (how many
/// paragraphs) and `paragraphs` (HTML, each drawn by `partials/excerpt.html`
/// or `partials/paragraph-link.html`).
#[derive(Serialize)]
struct ArticleMentions<'p> {
    #[serde(skip)]
    index: usize,
    title: &'p str,
    publisher: &'p str,
    date: &'p str,
    href: String,
    count: usize,
    paragraphs: Html,
}

impl Row for ArticleMentions<'_> {
    const FIELDS: &'static [&'static str] =
        &["title", "publisher", "date", "href", "count", "paragraphs"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.title),
            1 => Field::Text(self.publisher),
            2 => Field::Text(self.date),
            3 => Field::Text(&self.href),
            4 => Field::Number(self.count),
            _ => Field::Html(&self.paragraphs.0),
        }
    }
}

#[derive(Serialize)]
struct ActorPage {
    actor: ActorView,
    relations: Vec<RelationView>,
    /// The newest events, as cards.
    events: Vec<RoleEvent>,
    /// The other events of the page, each a row drawn by
    /// `partials/event-row.html` (HTML).
    event_rows: Html,
    /// The paragraphs mentioning the actor, grouped by article (HTML).
    mentions: Html,
    /// On a sub-page, which list it continues: `"events"` or `"mentions"`.
    list: Option<&'static str>,
    /// Where the events shown sit in the actor's list, once it takes more
    /// than one page.
    events_pager: Option<Pager>,
    /// The same for the mentions.
    mentions_pager: Option<Pager>,
    /// The actor's events at their dates, on its own page.
    timeline: Option<Timeline>,
    /// The actor's relations and the actors it shares events with, on its
    /// own page.
    graph: Option<Graph>,
    /// How many events and mentioning paragraphs the actor has in all.
    event_count: usize,
    mention_count: usize,
}

#[derive(Serialize)]
struct ActorView {
    id: String,
    name: String,
    kind: ActorKind,
    kind_label: &'static str,
    aliases: Vec<String>,
    summary: Option<Html>,
    /// The link to the actor's own page, from this page.
    href: String,
}

/// Renders `actors/<id>/index.html` for actor `i`: who they are, their
/// relations, and the first page of their events and of their mentions.
pub fn render_actor(pack: &Pack, renderer: &Renderer, i: usize) -> Result<OutputFile, Diagnostic> {
    render_actor_page(pack, renderer, i, None)
}

/// Renders page `n` (from 2) of actor `i`'s `list`.
pub fn render_actor_list(
    pack: &Pack,
    renderer: &Renderer,
    i: usize,
    list: List,
    n: usize,
) -> Result<OutputFile, Diagnostic> {
    render_actor_page(pack, renderer, i, Some((list, n)))
}

/// The sub-pages actor `i`'s lists take beyond its own page.
pub fn actor_sub_pages(pack: &Pack, i: usize) -> impl Iterator<Item = (List, usize)> {
    let a = &pack.actors[i];
    let events = ACTOR_EVENT_PAGES.count(a.events.len());
    let mentions = ACTOR_MENTION_PAGES.count(a.mentions.len());
    (2..=events)
        .map(|n| (List::Events, n))
        .chain((2..=mentions).map(|n| (List::Mentions, n)))
}

/// Renders actor `i`'s own page (`sub: None`) or one of its sub-pages.
fn render_actor_page(
    pack: &Pack,
    renderer: &Renderer,
    i: usize,
    sub: Option<(List, usize)>,
) -> Result<OutputFile, Diagnostic> {
    let a = &pack.actors[i];
    let fr = renderer.fragments();
    let route = match sub {
        Some((list, n)) => Route::ActorList(&a.id, list, n as u16),
        None => Route::Actor(&a.id),
    };
    let mut refs = PageRefs::new(pack, fr.event_pages(), route.depth());
    let root = refs.root().to_string();
    let actor_href = |list: List, n: usize| {
        let mut href = root.clone();
        match n {
            1 => Route::Actor(&a.id).push_path(&mut href),
            _ => Route::ActorList(&a.id, list, n as u16).push_path(&mut href),
        }
        href
    };
    let actor = ActorView {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: a.kind,
        kind_label: a.kind.group_label(),
        aliases: a.aliases.clone(),
        summary: match sub {
            None => fill_given(a.summary.as_ref(), pack, fr, &mut refs)?,
            Some(_) => None,
        },
        href: actor_href(List::Events, 1),
    };
    let relations = match sub {
        None => relations(pack, fr, i, &mut refs),
        Some(_) => Vec::new(),
    };
    let (events_page, mentions_page) = match sub {
        None => (Some(1), Some(1)),
        Some((List::Events, n)) => (Some(n), None),
        Some((List::Mentions, n)) => (None, Some(n)),
    };
    let mut events = Vec::new();
    let mut event_rows = String::new();
    let mut events_pager = None;
    if let Some(n) = events_page {
        let order = routes::actor_events_newest_first(pack, i);
        let cards = if n == 1 { EVENT_CARDS } else { 0 };
        for (shown, &k) in order[ACTOR_EVENT_PAGES.entries(n, order.len())]
            .iter()
            .enumerate()
        {
            let (e, role) = &a.events[k];
            if shown < cards {
                let entry = event_entry(pack, fr, *e, &mut refs, EventEntry::LinkedCard)?;
                events.push(RoleEvent {
                    role: role.clone(),
                    event: entry.event,
                    card: entry.card,
                });
                continue;
            }
            let event = &pack.events[*e];
            let row = EventRow {
                id: &event.id,
                date: &event.date_shown,
                datetime: event.date.1.machine(),
                title: &event.title,
                href: refs.href(Target::Event(*e)),
                kind: event.kind.as_deref().unwrap_or(""),
                status: event.status.map_or("", |s| s.as_str()),
                role,
            };
            fr.row(RowTemplate::EventRow, &row, &mut event_rows)?;
        }
        events_pager = Pager::new(n, order.len(), ACTOR_EVENT_PAGES, |n| {
            actor_href(List::Events, n)
        });
    }
    let mut mentions = String::new();
    let mut mentions_pager = None;
    if let Some(n) = mentions_page {
        let order = fr.mention_order(pack, i);
        let shown = &order[ACTOR_MENTION_PAGES.entries(n, order.len())];
        let style = match n {
            1 => MentionStyle::Excerpts,
            _ => MentionStyle::Links,
        };
        mentions = mentions_of(pack, fr, i, shown, style, &refs)?;
        mentions_pager = Pager::new(n, order.len(), ACTOR_MENTION_PAGES, |n| {
            actor_href(List::Mentions, n)
        });
    }
    let timeline = match sub {
        None => {
            let events: Vec<usize> = a.events.iter().map(|(e, _)| *e).collect();
            timeline(
                pack,
                &events,
                &refs,
                &format!("the events of {}", a.name),
                fr,
            )?
        }
        Some(_) => None,
    };
    let graph = match sub {
        None => graph::ego(pack, i, &refs, fr)?,
        Some(_) => None,
    };
    let mut slots = Slots::default();
    let mentions = slots.put(mentions);
    let event_rows = slots.put(event_rows);
    let (title, description) = match sub {
        None => (a.name.clone(), describe::actor(pack, i)),
        Some((list, n)) => {
            let what = match list {
                List::Events => "events",
                List::Mentions => "mentions",
            };
            let title = format!("{}: {what}, page {n}", a.name);
            let description = describe::actor_list(pack, i, what, n);
            (title, description)
        }
    };
    let page = Page::new(
        route,
        title,
        description,
        refs,
        ActorPage {
            actor,
            relations,
            events,
            event_rows,
            mentions,
            list: sub.map(|(list, _)| match list {
                List::Events => "events",
                List::Mentions => "mentions",
            }),
            events_pager,
            mentions_pager,
            timeline,
            graph,
            event_count: a.events.len(),
            mention_count: a.mentions.len(),
        },
    )
    .with_slots(slots);
    renderer.page(page)
}

/// The paragraphs `shown` (indexes of actor `i`'s mentions) mentioning
/// actor `i`, grouped by article in the order given, each drawn in `style`.
fn mentions_of(
    pack: &Pack,
    fr: &Fragments,
    i: usize,
    shown: &[usize],
    style: MentionStyle,
    refs: &PageRefs<'_>,
) -> Result<String, Diagnostic> {
    let link = actor_link(pack, fr, i, refs);
    let mentions = &pack.actors[i].mentions;
    let (group_template, paragraph_room) = match style {
        MentionStyle::Excerpts => (RowTemplate::MentionGroup, 1024),
        MentionStyle::Links => (RowTemplate::MentionIndex, 256),
    };
    let mut out = String::new();
    let mut group: Option<ArticleMentions<'_>> = None;
    let mut excerpt = String::with_capacity(512);
    let mut href = String::with_capacity(96);
    for (k, &m) in shown.iter().enumerate() {
        let (art, n) = mentions[m];
        let article = &pack.articles[art];
        if group.as_ref().is_none_or(|g| g.index != art) {
            if let Some(done) = group.take() {
                fr.row(group_template, &done, &mut out)?;
            }
            group = Some(ArticleMentions {
                index: art,
                title: &article.title,
                publisher: &article.publisher,
                date: &article.published_shown,
                href: refs.href(Target::Article(art)),
                count: 0,
                paragraphs: Html(String::with_capacity(paragraph_room)),
            });
        }
        let Some(group) = group.as_mut() else {
            continue;
        };
        href.clear();
        href.push_str(&group.href);
        href.push_str("#p");
        href.push_str(itoa::Buffer::new().format(n));
        group.count += 1;
        let out = &mut group.paragraphs.0;
        match style {
            MentionStyle::Excerpts => {
                excerpt.clear();
                push_mention_excerpt(&mut excerpt, fr, article, n, (i, &link))?;
                let row = ExcerptRow {
                    href: &href,
                    n,
                    html: HtmlRef(&excerpt),
                };
                fr.row(RowTemplate::Excerpt, &row, out)?;
            }
            MentionStyle::Links => {
                let next = shown.get(k + 1).map(|&m| mentions[m].0);
                let row = ParagraphLinkRow {
                    href: &href,
                    n,
                    more: next == Some(art),
                };
                fr.row(RowTemplate::ParagraphLink, &row, out)?;
            }
        }
    }
    if let Some(done) = group {
        fr.row(group_template, &done, &mut out)?;
    }
    Ok(out)
}
