//! `index.html`: the pack — title, marking, summary, key judgments, latest
//! events, actors and sources.

use serde::Serialize;

use super::super::describe;
use super::super::fragments::Fragments;
use super::super::html::Html;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::timeline::{Timeline, timeline};
use super::super::views::{
    ActorLink, ArticleLink, Entry, EventEntry, GradeView, JudgmentView, actor_link, article_link,
    event_entry, fill_given, key_judgments,
};
use super::{Page, actors_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::{ActorKind, Pack};
use crate::routes::Route;

/// How many events the home page shows as "latest".
const LATEST: usize = 8;

/// The most sources the home page lists (the newest); the sources index
/// has them all.
const SOURCES_SHOWN: usize = 12;

/// The most actors the home page lists (those with the most events and
/// mentions); the actors index has them all.
const ACTORS_SHOWN: usize = 60;

#[derive(Serialize)]
struct KindGroup {
    kind: ActorKind,
    label: &'static str,
    actors: Vec<ActorLink>,
}

#[derive(Serialize)]
struct Source {
    link: ArticleLink,
    reliability: Option<GradeView>,
}

#[derive(Serialize)]
struct Home {
    summary: Option<Html>,
    key_judgments: Vec<JudgmentView>,
    latest_events: Vec<EventEntry>,
    actor_groups: Vec<KindGroup>,
    sources: Vec<Source>,
    /// Every event at its date.
    timeline: Option<Timeline>,
    counts: Counts,
    /// True when the page lists only some of the actors.
    more_actors: bool,
    /// True when the page lists only some of the sources.
    more_sources: bool,
}

#[derive(Serialize)]
struct Counts {
    actors: usize,
    events: usize,
    articles: usize,
}

/// Actors grouped by kind, each group by name: all of them, or the
/// [`ACTORS_SHOWN`] with the most events and mentions.
fn groups(pack: &Pack, fr: &Fragments, refs: &PageRefs<'_>) -> Vec<KindGroup> {
    let mut shown = vec![pack.actors.len() <= ACTORS_SHOWN; pack.actors.len()];
    if pack.actors.len() > ACTORS_SHOWN {
        let mut by_weight: Vec<usize> = (0..pack.actors.len()).collect();
        by_weight.sort_by_key(|&i| {
            let a = &pack.actors[i];
            (std::cmp::Reverse(a.events.len() + a.mentions.len()), i)
        });
        for &i in &by_weight[..ACTORS_SHOWN] {
            shown[i] = true;
        }
    }
    actors_by_kind(pack)
        .into_iter()
        .filter_map(|(kind, members)| {
            let actors: Vec<ActorLink> = members
                .into_iter()
                .filter(|&i| shown[i])
                .map(|i| actor_link(pack, fr, i, refs))
                .collect();
            (!actors.is_empty()).then_some(KindGroup {
                kind,
                label: kind.group_label(),
                actors,
            })
        })
        .collect()
}

/// Renders `index.html`.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    let mut refs = PageRefs::new(
        pack,
        renderer.fragments().event_pages(),
        Route::Home.depth(),
    );
    let summary = fill_given(pack.summary.as_ref(), pack, fr, &mut refs)?;
    let key_judgments = key_judgments(pack, fr, &mut refs)?;
    let latest_events = (0..pack.events.len())
        .rev()
        .take(LATEST)
        .map(|i| event_entry(pack, fr, i, &mut refs, Entry::LinkedCard))
        .collect::<Result<_, Diagnostic>>()?;
    let actor_groups = groups(pack, fr, &refs);
    let sources = crate::routes::articles_newest_first(pack)
        .into_iter()
        .take(SOURCES_SHOWN)
        .map(|i| Source {
            link: article_link(pack, fr, i, &refs),
            reliability: pack.articles[i].reliability.map(GradeView::from),
        })
        .collect();
    let every: Vec<usize> = (0..pack.events.len()).collect();
    let body = Home {
        timeline: timeline(pack, &every, &refs, "the pack's events", fr)?,
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
        more_actors: pack.actors.len() > ACTORS_SHOWN,
        more_sources: pack.articles.len() > SOURCES_SHOWN,
    };
    let page = Page::new(
        Route::Home,
        pack.title.clone(),
        describe::home(pack),
        refs,
        body,
    );
    Ok(vec![renderer.page(page)?])
}
