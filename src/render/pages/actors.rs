//! `actors/index.html` (every actor, grouped by kind) and
//! `actors/<id>/index.html` (who they are, their relations, the events they
//! took part in, every paragraph that mentions them, references).

use serde::Serialize;

use super::super::html::Html;
use super::super::refs::PageRefs;
use super::super::renderer::{Contents, OutputFile, Renderer};
use super::super::views::{
    ActorLink, ArticleLink, Entry as EventEntry, RelationView, actor_link, article_link,
    event_entry, fill, mention_excerpt, relations,
};
use super::{Page, actors_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::{ActorKind, Pack};
use crate::routes::Route;

#[derive(Serialize)]
struct Entry {
    link: ActorLink,
    aliases: Vec<String>,
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
    let page = Page::new(Route::Actors, "Actors", refs, Index { groups });
    Ok(vec![OutputFile {
        path: page.path.clone(),
        contents: Contents::Bytes(renderer.page(&page)?),
    }])
}

#[derive(Serialize)]
struct RoleEvent {
    role: String,
    event: tera::Value,
}

/// One paragraph mentioning the actor; the template links it as the
/// article's link plus `#p{n}`. Kept to two fields: an actor page can hold
/// thousands of them.
#[derive(Serialize)]
struct MentionedParagraph {
    n: usize,
    html: Html,
}

#[derive(Serialize)]
struct ArticleMentions {
    #[serde(skip)]
    index: usize,
    article: ArticleLink,
    paragraphs: Vec<MentionedParagraph>,
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
        summary: a
            .summary
            .as_ref()
            .map(|s| fill(s, pack, fr, &mut refs))
            .transpose()?,
    };
    let relations = relations(pack, fr, i, &mut refs);
    let events = a
        .events
        .iter()
        .map(|(e, role)| {
            Ok(RoleEvent {
                role: role.clone(),
                event: event_entry(pack, fr, *e, &mut refs, EventEntry::LinkedCard)?,
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let mut mentions: Vec<ArticleMentions> = Vec::new();
    for &(art, n) in &a.mentions {
        let article = &pack.articles[art];
        let paragraph = MentionedParagraph {
            n,
            html: mention_excerpt(pack, fr, article, n, i, &refs)?,
        };
        match mentions.last_mut() {
            Some(m) if m.index == art => m.paragraphs.push(paragraph),
            _ => mentions.push(ArticleMentions {
                index: art,
                article: article_link(pack, fr, art, &refs),
                paragraphs: vec![paragraph],
            }),
        }
    }
    let page = Page::new(
        route,
        a.name.clone(),
        refs,
        ActorPage {
            actor,
            relations,
            events,
            mentions,
        },
    );
    Ok(OutputFile {
        path: page.path.clone(),
        contents: Contents::Bytes(renderer.page(&page)?),
    })
}
