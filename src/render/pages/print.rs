//! `print/index.html`: the whole pack as one document, the briefing book —
//! cover, contents, summary and key judgments, chronology, every actor, every
//! source's summary and key points, and the references as endnotes. Every
//! link inside it points within the document.

use serde::Serialize;

use super::super::compiled::compiled_page;

use super::super::markdown::fill;
use super::super::refs::PageRefs;
use super::super::views::Html;
use super::super::views::{ActorLink, actor_link};
use super::super::{Contents, OutputFile, Renderer};
use super::articles::{SourceView, source_view};
use super::chronology::{Year, years};
use super::home::newest_first;
use super::{Page, actors_by_kind, kind_label};
use crate::diagnostics::Diagnostic;
use crate::model::{Pack, Target};

#[derive(Serialize)]
struct Judgment {
    text: Html,
    confidence: Option<String>,
    cites: Html,
}

#[derive(Serialize)]
struct RelationView {
    wording: &'static str,
    other: ActorLink,
    cites: Html,
}

#[derive(Serialize)]
struct EventRef {
    title: String,
    date: String,
    href: String,
    role: String,
}

#[derive(Serialize)]
struct ActorEntry {
    link: ActorLink,
    aliases: Vec<String>,
    summary: Option<Html>,
    relations: Vec<RelationView>,
    events: Vec<EventRef>,
}

#[derive(Serialize)]
struct ActorGroup {
    label: &'static str,
    actors: Vec<ActorEntry>,
}

#[derive(Serialize)]
struct ArticleEntry {
    source: SourceView,
    summary: Option<Html>,
    key_points: Vec<Judgment>,
}

#[derive(Serialize)]
struct Book<'p> {
    summary: Option<Html>,
    key_judgments: Vec<Judgment>,
    years: Vec<Year<'p>>,
    actor_groups: Vec<ActorGroup>,
    articles: Vec<ArticleEntry>,
}

compiled_page!(PrintHtml<'p>, "print.html", Page<'p, Book<'p>>);

/// Renders the briefing book.
pub fn render(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut refs = PageRefs::for_document(pack, renderer.shared(), 1);
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
    let years = years(pack, &mut refs);
    let mut actor_groups = Vec::new();
    for (kind, members) in actors_by_kind(pack) {
        let actors = members
            .into_iter()
            .map(|i| {
                let a = &pack.actors[i];
                let summary = a.summary.as_ref().map(|s| fill(s, pack, &mut refs));
                let relations = a
                    .relations
                    .iter()
                    .map(|r| RelationView {
                        wording: r.wording,
                        other: actor_link(pack, r.other, &refs),
                        cites: refs.markers(&r.cites),
                    })
                    .collect();
                let events = a
                    .events
                    .iter()
                    .map(|(e, role)| EventRef {
                        title: pack.events[*e].title.clone(),
                        date: pack.events[*e].date.1.to_string(),
                        href: refs.href(Target::Event(*e)),
                        role: role.clone(),
                    })
                    .collect();
                ActorEntry {
                    link: actor_link(pack, i, &refs),
                    aliases: a.aliases.clone(),
                    summary,
                    relations,
                    events,
                }
            })
            .collect();
        actor_groups.push(ActorGroup {
            label: kind_label(kind),
            actors,
        });
    }
    let articles = newest_first(pack)
        .into_iter()
        .map(|i| {
            let a = &pack.articles[i];
            let summary = a.summary.as_ref().map(|s| fill(s, pack, &mut refs));
            let key_points = a
                .key_points
                .iter()
                .map(|k| Judgment {
                    text: fill(&k.text, pack, &mut refs),
                    confidence: None,
                    cites: refs.markers(&k.cites),
                })
                .collect();
            ArticleEntry {
                source: source_view(pack, i, &refs),
                summary,
                key_points,
            }
        })
        .collect();
    let book = Book {
        summary,
        key_judgments,
        years,
        actor_groups,
        articles,
    };
    let page = Page::new("print", pack.title.clone(), "print/index.html", refs, book);
    Ok(vec![OutputFile {
        path: "print/index.html".into(),
        // an event, actor or source takes 1–2 KB: 4 KB each set aside
        contents: Contents::Bytes(renderer.page_with_room(
            &page,
            (pack.events.len() + pack.actors.len() + pack.articles.len()) * 4096,
        )?),
    }])
}
