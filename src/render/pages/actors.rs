//! `actors/index.html` (every actor, grouped by kind) and
//! `actors/<id>/index.html` (who they are, their relations, the events they
//! took part in, every paragraph that mentions them, references).

use serde::Serialize;

use super::super::compiled::compiled_page;

use super::super::markdown::fill;
use super::super::refs::PageRefs;
use super::super::views::Html;
use super::super::views::{
    ActorLink, ArticleLink, EventView, MentionExcerpt, actor_link, article_link, event_view,
    mention_excerpt,
};
use super::super::{Contents, OutputFile, Renderer};
use super::{Page, actors_by_kind, kind_label};
use crate::diagnostics::Diagnostic;
use crate::model::Pack;

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
    kind: String,
    label: &'static str,
    actors: Vec<Entry>,
}

#[derive(Serialize)]
struct Index {
    groups: Vec<Group>,
}

compiled_page!(ActorsHtml<'p>, "actors.html", Page<'p, Index>);

/// Renders `actors/index.html`.
pub fn render_index(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let refs = PageRefs::new(pack, renderer.shared(), 1);
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
                        link: actor_link(pack, i, &refs),
                        aliases: a.aliases.clone(),
                        events: a.events.len(),
                        mentions: a.mentions.len(),
                        articles: articles.len(),
                    }
                })
                .collect();
            Group {
                kind: kind.to_string(),
                label: kind_label(kind),
                actors,
            }
        })
        .collect();
    let page = Page::new(
        "actors",
        "Actors",
        "actors/index.html",
        refs,
        Index { groups },
    );
    Ok(vec![OutputFile {
        path: "actors/index.html".into(),
        contents: Contents::Bytes(renderer.page(&page)?),
    }])
}

#[derive(Serialize)]
struct RelationView {
    wording: &'static str,
    kind: String,
    other: ActorLink,
    cites: Html,
}

#[derive(Serialize)]
struct RoleEvent<'p> {
    role: String,
    event: EventView<'p>,
}

/// One paragraph mentioning the actor; the template links it as the
/// article's link plus `#p{n}`. Kept to two fields: an actor page can hold
/// thousands of them.
#[derive(Serialize)]
struct MentionedParagraph<'p> {
    n: usize,
    html: MentionExcerpt<'p>,
}

#[derive(Serialize)]
struct ArticleMentions<'p> {
    #[serde(skip)]
    index: usize,
    article: ArticleLink,
    paragraphs: Vec<MentionedParagraph<'p>>,
}

#[derive(Serialize)]
struct ActorPage<'p> {
    actor: ActorView,
    relations: Vec<RelationView>,
    events: Vec<RoleEvent<'p>>,
    mentions: Vec<ArticleMentions<'p>>,
}

#[derive(Serialize)]
struct ActorView {
    id: String,
    name: String,
    kind: String,
    kind_label: &'static str,
    aliases: Vec<String>,
    summary: Option<Html>,
}

compiled_page!(ActorHtml<'p>, "actor.html", Page<'p, ActorPage<'p>>);

/// Renders `actors/<id>/index.html` for actor `i`.
pub fn render_actor(pack: &Pack, renderer: &Renderer, i: usize) -> Result<OutputFile, Diagnostic> {
    let a = &pack.actors[i];
    let mut refs = PageRefs::new(pack, renderer.shared(), 2);
    let actor = ActorView {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: a.kind.clone(),
        kind_label: kind_label(&a.kind),
        aliases: a.aliases.clone(),
        summary: a.summary.as_ref().map(|s| fill(s, pack, &mut refs)),
    };
    let relations = a
        .relations
        .iter()
        .map(|r| RelationView {
            wording: r.wording,
            kind: r.kind.clone(),
            other: actor_link(pack, r.other, &refs),
            cites: refs.markers(&r.cites),
        })
        .collect();
    let events = a
        .events
        .iter()
        .map(|(e, role)| RoleEvent {
            role: role.clone(),
            event: event_view(pack, *e, &mut refs),
        })
        .collect();
    let mut mentions: Vec<ArticleMentions<'_>> = Vec::new();
    for &(art, n) in &a.mentions {
        let article = &pack.articles[art];
        let paragraph = MentionedParagraph {
            n,
            html: mention_excerpt(article, n, i),
        };
        match mentions.last_mut() {
            Some(m) if m.index == art => m.paragraphs.push(paragraph),
            _ => mentions.push(ArticleMentions {
                index: art,
                article: article_link(pack, art, &refs),
                paragraphs: vec![paragraph],
            }),
        }
    }
    let path = format!("actors/{}/index.html", a.id);
    let page = Page::new(
        "actor",
        a.name.clone(),
        path.clone(),
        refs,
        ActorPage {
            actor,
            relations,
            events,
            mentions,
        },
    );
    Ok(OutputFile {
        path,
        contents: Contents::Bytes(renderer.page(&page)?),
    })
}
