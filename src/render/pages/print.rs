//! `print/index.html`: the whole pack as one document, the briefing book —
//! cover, contents, summary and key judgments, chronology, every actor, every
//! source's summary and key points, and the references as endnotes. Every
//! link inside it points within the document.

use serde::Serialize;

use super::super::describe;
use super::super::fragments::RowTemplate;
use super::super::graph::{Graph, network};
use super::super::html::Html;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::stencil::{Field, Row};
use super::super::timeline::{Timeline, timeline};
use super::super::views::{
    ActorLink, Entry, JudgmentView, RelationView, actor_link, fill_given, key_judgments,
    key_points, relations,
};
use super::articles::{SourceView, source_meta, source_view};
use super::chronology::{Year, years};
use super::{Page, actors_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::{Pack, Target};
use crate::routes::Route;

/// One of an actor's events in the print book, as
/// `partials/print-actor-event.html` draws it: `title`, `date`, `href`,
/// `role`, and `more` (another follows).
#[derive(Serialize)]
struct EventRef<'p> {
    title: &'p str,
    date: String,
    href: String,
    role: &'p str,
    more: bool,
}

impl Row for EventRef<'_> {
    const FIELDS: &'static [&'static str] = &["title", "date", "href", "role", "more"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.title),
            1 => Field::Text(&self.date),
            2 => Field::Text(&self.href),
            3 => Field::Text(self.role),
            _ => Field::Flag(self.more),
        }
    }
}

#[derive(Serialize)]
struct ActorEntry {
    link: ActorLink,
    aliases: Vec<String>,
    summary: Option<Html>,
    relations: Vec<RelationView>,
    /// Its events, each drawn by `partials/print-actor-event.html`.
    events: Html,
}

#[derive(Serialize)]
struct ActorGroup {
    label: &'static str,
    actors: Vec<ActorEntry>,
}

#[derive(Serialize)]
struct ArticleEntry {
    source: SourceView,
    /// Its bibliographic data, drawn by `partials/source-meta.html`.
    source_meta: Html,
    summary: Option<Html>,
    key_points: Vec<JudgmentView>,
}

#[derive(Serialize)]
struct Book {
    summary: Option<Html>,
    key_judgments: Vec<JudgmentView>,
    years: Vec<Year>,
    actor_groups: Vec<ActorGroup>,
    articles: Vec<ArticleEntry>,
    /// Every event at its date.
    timeline: Option<Timeline>,
    /// The actors' relations.
    graph: Option<Graph>,
}

/// Renders the briefing book.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    let mut refs = PageRefs::for_document(
        pack,
        renderer.fragments().event_pages(),
        Route::Print.depth(),
    );
    let summary = fill_given(pack.summary.as_ref(), pack, fr, &mut refs)?;
    let key_judgments = key_judgments(pack, fr, &mut refs)?;
    let years = years(pack, fr, &mut refs, Entry::Print)?;
    let mut actor_groups = Vec::new();
    for (kind, members) in actors_by_kind(pack) {
        let actors = members
            .into_iter()
            .map(|i| {
                let a = &pack.actors[i];
                let summary = fill_given(a.summary.as_ref(), pack, fr, &mut refs)?;
                let relations = relations(pack, fr, i, &mut refs);
                let mut events = String::new();
                for (k, (e, role)) in a.events.iter().enumerate() {
                    let row = EventRef {
                        title: &pack.events[*e].title,
                        date: pack.events[*e].date.1.to_string(),
                        href: refs.href(Target::Event(*e)),
                        role,
                        more: k + 1 < a.events.len(),
                    };
                    fr.row(RowTemplate::PrintActorEvent, &row, &mut events)?;
                }
                let events = Html(events);
                Ok(ActorEntry {
                    link: actor_link(pack, fr, i, &refs),
                    aliases: a.aliases.clone(),
                    summary,
                    relations,
                    events,
                })
            })
            .collect::<Result<_, Diagnostic>>()?;
        actor_groups.push(ActorGroup {
            label: kind.group_label(),
            actors,
        });
    }
    let articles = crate::routes::articles_newest_first(pack)
        .into_iter()
        .map(|i| {
            let summary = fill_given(pack.articles[i].summary.as_ref(), pack, fr, &mut refs)?;
            Ok(ArticleEntry {
                key_points: key_points(pack, fr, i, &mut refs)?,
                source: source_view(pack, fr, i, &refs),
                source_meta: source_meta(pack, fr, i)?,
                summary,
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let every: Vec<usize> = (0..pack.events.len()).collect();
    let book = Book {
        timeline: timeline(pack, &every, &refs, "the pack's events", fr)?,
        graph: network(pack, &refs, fr)?,
        summary,
        key_judgments,
        years,
        actor_groups,
        articles,
    };
    let page = Page::new(
        Route::Print,
        pack.title.clone(),
        describe::print(pack),
        refs,
        book,
    );
    // an event, actor or source takes 1–2 KB: 4 KB each set aside
    Ok(vec![renderer.page_with_room(
        page,
        (pack.events.len() + pack.actors.len() + pack.articles.len()) * 4096,
    )?])
}
