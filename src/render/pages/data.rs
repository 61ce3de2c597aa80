//! The files for machines and for GitHub Pages: `pack.json` (every actor,
//! event and article with resolved citations and mentions), `sitemap.xml`,
//! `feed.xml` (made by [`super::feed`]), the exports (made by
//! [`super::exports`]) and `404.html`.

use serde::Serialize;

use super::super::describe;
use super::super::refs::PageRefs;
use super::super::renderer::{Contents, OutputFile, RenderOptions, Renderer};
use super::Page;
use crate::diagnostics::Diagnostic;
use crate::model::{ActorKind, Grade, Pack, RelationType, Status};
use crate::routes::{self, Route};

#[derive(Serialize)]
struct Json<'a> {
    /// What built it: `briefing` and its version.
    generator: &'static str,
    title: &'a str,
    subtitle: Option<&'a str>,
    marking: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    articles: Vec<JsonArticle<'a>>,
    actors: Vec<JsonActor<'a>>,
    events: Vec<JsonEvent<'a>>,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    author: Option<&'a str>,
    published: &'a str,
    updated: Option<&'a str>,
    url: Option<&'a str>,
    reliability: Option<Grade>,
    paragraphs: usize,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    article: &'a str,
    paragraph: usize,
}

#[derive(Serialize)]
struct JsonActor<'a> {
    id: &'a str,
    name: &'a str,
    kind: ActorKind,
    aliases: &'a [String],
    summary: Option<&'a str>,
    relations: Vec<JsonRelation<'a>>,
    mentions: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonRelation<'a> {
    #[serde(rename = "type")]
    kind: RelationType,
    wording: &'a str,
    actor: &'a str,
}

#[derive(Serialize)]
struct JsonParticipant<'a> {
    actor: &'a str,
    role: &'a str,
}

#[derive(Serialize)]
struct JsonCite<'a> {
    article: &'a str,
    paragraph: Option<usize>,
    quote: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    date: &'a str,
    title: &'a str,
    kind: Option<&'a str>,
    status: Option<Status>,
    location: Option<&'a str>,
    summary: Option<&'a str>,
    actors: Vec<JsonParticipant<'a>>,
    cites: Vec<JsonCite<'a>>,
}

fn pack_json(pack: &Pack) -> Json<'_> {
    Json {
        generator: concat!("briefing ", env!("CARGO_PKG_VERSION")),
        title: &pack.title,
        subtitle: pack.subtitle.as_deref(),
        marking: pack.marking.as_deref(),
        author: pack.author.as_deref(),
        date: pack.date.as_ref().map(|d| d.0.as_str()),
        articles: pack
            .articles
            .iter()
            .map(|a| JsonArticle {
                id: &a.id,
                title: &a.title,
                publisher: &a.publisher,
                author: a.author.as_deref(),
                published: &a.published.0,
                updated: a.updated.as_ref().map(|u| u.0.as_str()),
                url: a.url.as_deref(),
                reliability: a.reliability,
                paragraphs: a.paragraphs.len(),
            })
            .collect(),
        actors: pack
            .actors
            .iter()
            .map(|a| JsonActor {
                id: &a.id,
                name: &a.name,
                kind: a.kind,
                aliases: &a.aliases,
                summary: a.summary.as_ref().map(|s| s.source.as_str()),
                relations: a
                    .relations
                    .iter()
                    .map(|r| JsonRelation {
                        kind: r.kind,
                        wording: r.wording,
                        actor: &pack.actors[r.other].id,
                    })
                    .collect(),
                mentions: a
                    .mentions
                    .iter()
                    .map(|(art, p)| JsonMention {
                        article: &pack.articles[*art].id,
                        paragraph: *p,
                    })
                    .collect(),
            })
            .collect(),
        events: pack
            .events
            .iter()
            .map(|e| JsonEvent {
                id: &e.id,
                date: &e.date.0,
                title: &e.title,
                kind: e.kind.as_deref(),
                status: e.status,
                location: e.location.as_deref(),
                summary: e.summary.as_ref().map(|s| s.source.as_str()),
                actors: e
                    .actors
                    .iter()
                    .map(|(a, role)| JsonParticipant {
                        actor: &pack.actors[*a].id,
                        role,
                    })
                    .collect(),
                cites: e
                    .cites
                    .iter()
                    .map(|&c| {
                        let citation = &pack.citations[c];
                        JsonCite {
                            article: &pack.articles[citation.article].id,
                            paragraph: citation.passage.as_ref().map(|p| p.paragraph),
                            quote: citation.passage.as_ref().map(|p| p.quote.as_str()),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct Sitemap {
    urls: Vec<String>,
}

#[derive(Serialize)]
struct NotFound {}

/// Renders `pack.json`, `sitemap.xml`, `feed.xml` and `404.html`.
pub fn render(
    pack: &Pack,
    renderer: &Renderer,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostic> {
    // compact: at ten thousand articles the indented form is half white space
    // set aside at once (an entry takes well under 2 KB, a mention under
    // 64 bytes), not grown by doubling
    let mentions: usize = pack.actors.iter().map(|a| a.mentions.len()).sum();
    let room = (pack.events.len() + pack.actors.len() + pack.articles.len()) * 2048 + mentions * 64;
    let mut json = Vec::with_capacity(room);
    serde_json::to_writer(&mut json, &pack_json(pack))
        .map_err(|e| Diagnostic::general(format!("cannot write pack.json: {e}"), None))?;
    json.push(b'\n');

    let base = options
        .base_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    let mut pages: Vec<String> = routes::SINGLE_PAGES.iter().map(|r| r.url()).collect();
    let sources = routes::SOURCE_PAGES.count(pack.articles.len());
    pages.extend((2..=sources).map(|n| Route::ArticlesPart(n as u16).url()));
    let periods = renderer.fragments().event_pages().pages();
    pages.extend(periods.iter().map(|p| Route::Period(p.period).url()));
    for (i, a) in pack.actors.iter().enumerate() {
        pages.push(Route::Actor(&a.id).url());
        pages.extend(
            super::actors::actor_sub_pages(pack, i)
                .map(|(list, n)| Route::ActorList(&a.id, list, n as u16).url()),
        );
    }
    pages.extend(pack.articles.iter().map(|a| Route::Article(&a.id).url()));
    let urls = pages
        .into_iter()
        .map(|p| {
            if base.is_empty() {
                p
            } else {
                format!("{base}/{p}")
            }
        })
        .collect();
    let sitemap = renderer.file("sitemap.xml", &Sitemap { urls })?;

    let page = Page::new(
        Route::NotFound,
        "Page not found",
        describe::not_found(pack),
        PageRefs::new(
            pack,
            renderer.fragments().event_pages(),
            Route::NotFound.depth(),
        ),
        NotFound {},
    );
    let not_found = renderer.page(page)?;
    let mut files = super::exports::render(pack)?;
    files.extend([
        OutputFile {
            path: "pack.json".into(),
            contents: Contents::Bytes(json),
        },
        OutputFile {
            path: "sitemap.xml".into(),
            contents: Contents::Bytes(sitemap),
        },
        super::feed::render(pack, renderer, options)?,
        not_found,
    ]);
    Ok(files)
}
