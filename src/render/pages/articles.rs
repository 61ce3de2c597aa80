//! `articles/index.html` (every source, fully cited) and
//! `articles/<id>/index.html` (metadata, summary, key points, the numbered
//! body with cited passages marked, and what cites each paragraph).

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::fragments::Fragments;
use super::super::html::Html;
use super::super::refs::PageRefs;
use super::super::renderer::{Contents, OutputFile, Renderer};
use super::super::views::{
    ArticleLink, JudgmentView, Link, ParagraphStyle, article_link, citer_link, fill, key_points,
    paragraph_html,
};
use super::Page;
use super::home::newest_first;
use crate::diagnostics::Diagnostic;
use crate::model::{Article, Citer, Grade, Pack};
use crate::routes::Route;

/// An article's bibliographic data, as every listing shows it.
#[derive(Serialize)]
pub struct SourceView {
    /// Link, title, publisher, date.
    pub link: ArticleLink,
    /// Byline.
    pub author: Option<String>,
    /// Last update, for display.
    pub updated: Option<String>,
    /// The original.
    pub url: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Admiralty grade.
    pub reliability: Option<Grade>,
    /// Number of body paragraphs.
    pub paragraphs: usize,
    /// How many distinct items (events, actors, …) cite it.
    pub cited_by: usize,
}

/// The bibliographic view of article `i`.
pub fn source_view(pack: &Pack, fr: &Fragments, i: usize, refs: &PageRefs<'_>) -> SourceView {
    let a: &Article = &pack.articles[i];
    let mut citers: Vec<Citer> = a
        .cited_by
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| *c != Citer::Article(i))
        .collect();
    citers.dedup();
    SourceView {
        link: article_link(pack, fr, i, refs),
        author: a.author.clone(),
        updated: a.updated.as_ref().map(|u| u.1.to_string()),
        url: a.url.clone(),
        language: a.language.clone(),
        reliability: a.reliability,
        paragraphs: a.paragraphs.len(),
        cited_by: citers.len(),
    }
}

#[derive(Serialize)]
struct IndexEntry {
    source: SourceView,
    summary: Option<Html>,
}

#[derive(Serialize)]
struct Index {
    articles: Vec<IndexEntry>,
}

/// Renders `articles/index.html`, newest first.
pub fn render_index(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let fr = renderer.fragments();
    let mut refs = PageRefs::new(pack, Route::Articles.depth());
    let articles = newest_first(pack)
        .into_iter()
        .map(|i| {
            Ok(IndexEntry {
                source: source_view(pack, fr, i, &refs),
                summary: pack.articles[i]
                    .summary
                    .as_ref()
                    .map(|s| fill(s, pack, fr, &mut refs))
                    .transpose()?,
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let page = Page::new(Route::Articles, "Sources", refs, Index { articles });
    Ok(vec![OutputFile {
        path: page.path.clone(),
        contents: Contents::Bytes(renderer.page(&page)?),
    }])
}

#[derive(Serialize)]
struct ParagraphView {
    n: usize,
    html: Html,
    cited: bool,
    citers: Vec<Link>,
}

#[derive(Serialize)]
struct CiterView {
    link: Link,
    paragraphs: Vec<usize>,
}

#[derive(Serialize)]
struct ArticlePage {
    source: SourceView,
    summary: Option<Html>,
    key_points: Vec<JudgmentView>,
    paragraphs: Vec<ParagraphView>,
    cited_by: Vec<CiterView>,
}

/// Renders `articles/<id>/index.html` for article `i`.
pub fn render_article(
    pack: &Pack,
    renderer: &Renderer,
    i: usize,
) -> Result<OutputFile, Diagnostic> {
    let a = &pack.articles[i];
    let fr = renderer.fragments();
    let route = Route::Article(&a.id);
    let mut refs = PageRefs::new(pack, route.depth());
    let source = source_view(pack, fr, i, &refs);
    let summary = a
        .summary
        .as_ref()
        .map(|s| fill(s, pack, fr, &mut refs))
        .transpose()?;
    let key_points = key_points(pack, fr, i, &mut refs)?;

    // passages cited, and who cites them, paragraph by paragraph
    let mut marks: BTreeMap<usize, Vec<std::ops::Range<usize>>> = BTreeMap::new();
    let mut citers_of: BTreeMap<usize, Vec<Citer>> = BTreeMap::new();
    let mut by_citer: BTreeMap<Citer, Vec<usize>> = BTreeMap::new();
    for &(citer, id) in &a.cited_by {
        let paragraph = pack.citations[id].passage.as_ref().map(|p| {
            marks.entry(p.paragraph).or_default().push(p.range.clone());
            p.paragraph
        });
        let entry = by_citer.entry(citer).or_default();
        if let Some(n) = paragraph {
            if citer != Citer::Article(i) {
                let list = citers_of.entry(n).or_default();
                if !list.contains(&citer) {
                    list.push(citer);
                }
            }
            if !entry.contains(&n) {
                entry.push(n);
            }
        }
    }
    let paragraphs = (1..=a.paragraphs.len())
        .map(|n| {
            let marked = marks.get(&n).map(Vec::as_slice).unwrap_or(&[]);
            Ok(ParagraphView {
                n,
                html: paragraph_html(
                    pack,
                    fr,
                    a,
                    n,
                    &refs,
                    &ParagraphStyle {
                        marks: marked,
                        link_mentions: true,
                    },
                )?,
                cited: !marked.is_empty(),
                citers: citers_of
                    .get(&n)
                    .map(|cs| cs.iter().map(|c| citer_link(pack, *c, &refs)).collect())
                    .unwrap_or_default(),
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let cited_by = by_citer
        .into_iter()
        .filter(|(c, _)| *c != Citer::Article(i))
        .map(|(c, mut paragraphs)| {
            paragraphs.sort_unstable();
            CiterView {
                link: citer_link(pack, c, &refs),
                paragraphs,
            }
        })
        .collect();
    let page = Page::new(
        route,
        a.title.clone(),
        refs,
        ArticlePage {
            source,
            summary,
            key_points,
            paragraphs,
            cited_by,
        },
    );
    Ok(OutputFile {
        path: page.path.clone(),
        contents: Contents::Bytes(renderer.page(&page)?),
    })
}
