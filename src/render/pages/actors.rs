//! `actors/index.html` (every actor, grouped by kind) and
//! `actors/<id>/index.html` (who they are, their relations, the events they
//! took part in, every paragraph that mentions them, references).

use serde::Serialize;

use super::super::describe;
use super::super::fragments::{Fragments, RowTemplate};
use super::super::html::{Html, HtmlRef, Slots};
use super::super::plain::{ONE_LINE, plain_text, shortened_to};
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::stencil::{Field, Row};
use super::super::views::{
    ActorLink, ArticleLink, Entry as EventEntry, RelationView, actor_link, article_link,
    event_entry, fill_given, push_mention_excerpt, relations,
};
use super::{Page, actors_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::{ActorKind, Pack, Target};
use crate::routes::Route;

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
}

/// Renders `actors/index.html`.
pub fn render_index(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    let refs = PageRefs::new(pack, Route::Actors.depth());
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
    let page = Page::new(
        Route::Actors,
        "Actors",
        describe::actors(pack),
        refs,
        Index { groups },
    );
    Ok(vec![renderer.page(page)?])
}

#[derive(Serialize)]
struct RoleEvent {
    role: String,
    event: tera::Value,
    card: tera::Value,
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

/// The paragraphs of one article that mention the actor.
#[derive(Serialize)]
struct ArticleMentions {
    #[serde(skip)]
    index: usize,
    /// The article.
    article: ArticleLink,
    /// How many paragraphs.
    count: usize,
    /// The excerpts, each drawn by `partials/excerpt.html`.
    excerpts: Html,
}

#[derive(Serialize)]
struct ActorPage {
    actor: ActorView,
    relations: Vec<RelationView>,
    events: Vec<RoleEvent>,
    mentions: Vec<ArticleMentions>,
}

#[derive(Serialize)]
struct ActorView {
    id: String,
    name: String,
    kind: ActorKind,
    kind_label: &'static str,
    aliases: Vec<String>,
    summary: Option<Html>,
}

/// Renders `actors/<id>/index.html` for actor `i`.
pub fn render_actor(pack: &Pack, renderer: &Renderer, i: usize) -> Result<OutputFile, Diagnostic> {
    let a = &pack.actors[i];
    let fr = renderer.fragments();
    let route = Route::Actor(&a.id);
    let mut refs = PageRefs::new(pack, route.depth());
    let actor = ActorView {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: a.kind,
        kind_label: a.kind.group_label(),
        aliases: a.aliases.clone(),
        summary: fill_given(a.summary.as_ref(), pack, fr, &mut refs)?,
    };
    let relations = relations(pack, fr, i, &mut refs);
    let events = a
        .events
        .iter()
        .map(|(e, role)| {
            let entry = event_entry(pack, fr, *e, &mut refs, EventEntry::LinkedCard)?;
            Ok(RoleEvent {
                role: role.clone(),
                event: entry.event,
                card: entry.card,
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let mut mentions = mentions(pack, fr, i, &refs)?;
    let mut slots = Slots::default();
    for group in &mut mentions {
        group.excerpts = slots.put(std::mem::take(&mut group.excerpts.0));
    }
    let page = Page::new(
        route,
        a.name.clone(),
        describe::actor(pack, i),
        refs,
        ActorPage {
            actor,
            relations,
            events,
            mentions,
        },
    )
    .with_slots(slots);
    renderer.page(page)
}

/// The paragraphs mentioning actor `i`, article by article, each drawn by
/// the excerpt partial.
fn mentions(
    pack: &Pack,
    fr: &Fragments,
    i: usize,
    refs: &PageRefs<'_>,
) -> Result<Vec<ArticleMentions>, Diagnostic> {
    let link = actor_link(pack, fr, i, refs);
    let mut groups: Vec<ArticleMentions> = Vec::new();
    let mut excerpt = String::with_capacity(512);
    let mut href = String::with_capacity(96);
    for &(art, n) in &pack.actors[i].mentions {
        let article = &pack.articles[art];
        if groups.last().is_none_or(|g| g.index != art) {
            groups.push(ArticleMentions {
                index: art,
                article: article_link(pack, fr, art, refs),
                count: 0,
                excerpts: Html(String::with_capacity(1024)),
            });
        }
        excerpt.clear();
        push_mention_excerpt(&mut excerpt, fr, article, n, (i, &link))?;
        href.clear();
        refs.push_href(&mut href, Target::Article(art));
        href.push_str("#p");
        href.push_str(itoa::Buffer::new().format(n));
        if let Some(group) = groups.last_mut() {
            group.count += 1;
            let row = ExcerptRow {
                href: &href,
                n,
                html: HtmlRef(&excerpt),
            };
            fr.row(RowTemplate::Excerpt, &row, &mut group.excerpts.0)?;
        }
    }
    Ok(groups)
}
