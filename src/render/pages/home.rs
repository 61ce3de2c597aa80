//! `index.html`: the pack — title, marking, summary, key judgments, latest
//! events, actors and sources.

use serde::Serialize;

use super::super::compiled::compiled_page;

use super::super::markdown::fill;
use super::super::refs::PageRefs;
use super::super::views::Html;
use super::super::views::{
    ActorLink, ArticleLink, EventView, actor_link, article_link, event_view,
};
use super::super::{OutputFile, Renderer};
use super::{Page, actors_by_kind, kind_label};
use crate::diagnostics::Diagnostic;
use crate::model::Pack;

/// How many events the home page shows as "latest".
const LATEST: usize = 8;

#[derive(Serialize)]
struct Judgment {
    text: Html,
    confidence: Option<String>,
    cites: Html,
}

#[derive(Serialize)]
struct KindGroup {
    kind: String,
    label: &'static str,
    actors: Vec<ActorLink>,
}

#[derive(Serialize)]
struct Source {
    link: ArticleLink,
    reliability: Option<String>,
}

#[derive(Serialize)]
struct Home<'p> {
    summary: Option<Html>,
    key_judgments: Vec<Judgment>,
    latest_events: Vec<EventView<'p>>,
    actor_groups: Vec<KindGroup>,
    sources: Vec<Source>,
    counts: Counts,
}

#[derive(Serialize)]
struct Counts {
    actors: usize,
    events: usize,
    articles: usize,
}

/// Actors grouped by kind, each group by name.
fn groups(pack: &Pack, refs: &PageRefs<'_>) -> Vec<KindGroup> {
    actors_by_kind(pack)
        .into_iter()
        .map(|(kind, members)| KindGroup {
            kind: kind.to_string(),
            label: kind_label(kind),
            actors: members
                .into_iter()
                .map(|i| actor_link(pack, i, refs))
                .collect(),
        })
        .collect()
}

compiled_page!(HomeHtml<'p>, "index.html", Page<'p, Home<'p>>);

/// Renders `index.html`.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut refs = PageRefs::new(pack, renderer.shared(), 0);
    let summary = pack.summary.as_ref().map(|s| fill(s, pack, &mut refs));
    let key_judgments = pack
        .key_judgments
        .iter()
        .map(|k| Judgment {
            text: fill(&k.text, pack, &mut refs),
            confidence: k.confidence.clone(),
            cites: refs.markers(&k.cites),
        })
        .collect();
    let latest_events = (0..pack.events.len())
        .rev()
        .take(LATEST)
        .map(|i| event_view(pack, i, &mut refs))
        .collect();
    let actor_groups = groups(pack, &refs);
    let sources = newest_first(pack)
        .into_iter()
        .map(|i| Source {
            link: article_link(pack, i, &refs),
            reliability: pack.articles[i].reliability.clone(),
        })
        .collect();
    let body = Home {
        summary,
        key_judgments,
        latest_events,
        actor_groups,
        sources,
        counts: Counts {
            actors: pack.actors.len(),
            events: pack.events.len(),
            articles: pack.articles.len(),
        },
    };
    let page = Page::new("home", pack.title.clone(), "index.html", refs, body);
    Ok(vec![OutputFile {
        path: "index.html".into(),
        contents: super::super::Contents::Bytes(renderer.page(&page)?),
    }])
}

/// Article indices, newest publication first (ties by id).
pub fn newest_first(pack: &Pack) -> Vec<usize> {
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
