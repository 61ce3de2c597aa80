//! `articles/index.html` (every source, fully cited) and
//! `articles/<id>/index.html` (metadata, summary, key points, the numbered
//! body with cited passages marked, and what cites each paragraph).

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::describe;
use super::super::fragments::{Fragments, RowTemplate};
use super::super::html::{Html, HtmlRef, Slots};
use super::super::plain::{ONE_LINE, plain_text, shortened_to};
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, Renderer};
use super::super::stencil::{Field, Row};
use super::super::views::{
    ArticleLink, GradeView, JudgmentView, Link, ParagraphStyle, article_link, citer_link,
    fill_given, key_points, paragraph_html,
};
use super::{Page, Pager};
use crate::diagnostics::Diagnostic;
use crate::model::{Article, Citer, Pack};
use crate::routes::{Route, SOURCE_PAGES};

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
    pub reliability: Option<GradeView>,
    /// Number of body paragraphs.
    pub paragraphs: usize,
    /// How many distinct items (events, actors, …) cite it.
    pub cited_by: usize,
}

/// An article's bibliographic data as `partials/source-meta.html` draws
/// it: `publisher`, `author`, `date`, `updated`, `grade` (its letter) and
/// `grade_meaning`, `url`, `paragraphs` (how many), `plural` (true unless
/// there is one) and `cited_by` (how many distinct items cite it).
#[derive(Serialize)]
struct SourceMetaRow<'p> {
    publisher: &'p str,
    author: &'p str,
    date: &'p str,
    updated: String,
    grade: &'static str,
    grade_meaning: &'static str,
    url: &'p str,
    paragraphs: usize,
    plural: bool,
    cited_by: usize,
}

impl Row for SourceMetaRow<'_> {
    const FIELDS: &'static [&'static str] = &[
        "publisher",
        "author",
        "date",
        "updated",
        "grade",
        "grade_meaning",
        "url",
        "paragraphs",
        "plural",
        "cited_by",
    ];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.publisher),
            1 => Field::Text(self.author),
            2 => Field::Text(self.date),
            3 => Field::Text(&self.updated),
            4 => Field::Text(self.grade),
            5 => Field::Text(self.grade_meaning),
            6 => Field::Text(self.url),
            7 => Field::Number(self.paragraphs),
            8 => Field::Flag(self.plural),
            _ => Field::Number(self.cited_by),
        }
    }
}

/// How many distinct items (events, actors, …) cite article `i`, itself
/// aside.
fn citer_count(a: &Article, i: usize) -> usize {
    let mut citers: Vec<Citer> = a
        .cited_by
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| *c != Citer::Article(i))
        .collect();
    citers.dedup();
    citers.len()
}

/// Article `i`'s bibliographic data, drawn by `partials/source-meta.html`.
pub fn source_meta(pack: &Pack, fr: &Fragments, i: usize) -> Result<Html, Diagnostic> {
    let a = &pack.articles[i];
    let row = SourceMetaRow {
        publisher: &a.publisher,
        author: a.author.as_deref().unwrap_or(""),
        date: &a.published_shown,
        updated: a
            .updated
            .as_ref()
            .map(|u| u.1.to_string())
            .unwrap_or_default(),
        grade: a.reliability.map_or("", |g| g.as_str()),
        grade_meaning: a.reliability.map_or("", |g| g.meaning()),
        url: a.url.as_deref().unwrap_or(""),
        paragraphs: a.paragraphs.len(),
        plural: a.paragraphs.len() != 1,
        cited_by: citer_count(a, i),
    };
    let mut out = String::with_capacity(640);
    fr.row(RowTemplate::SourceMeta, &row, &mut out)?;
    Ok(Html(out))
}

/// The bibliographic view of article `i`.
pub fn source_view(pack: &Pack, fr: &Fragments, i: usize, refs: &PageRefs<'_>) -> SourceView {
    let a: &Article = &pack.articles[i];
    SourceView {
        link: article_link(pack, fr, i, refs),
        author: a.author.clone(),
        updated: a.updated.as_ref().map(|u| u.1.to_string()),
        url: a.url.clone(),
        language: a.language.clone(),
        reliability: a.reliability.map(GradeView::from),
        paragraphs: a.paragraphs.len(),
        cited_by: citer_count(a, i),
    }
}

#[derive(Serialize)]
struct IndexEntry {
    source: SourceView,
    /// The analyst's summary as one line of plain text, cut short.
    description: String,
}

#[derive(Serialize)]
struct Index {
    articles: Vec<IndexEntry>,
    /// Where the page sits among the index's pages, once it takes more
    /// than one.
    pager: Option<Pager>,
}

/// Renders `articles/index.html` and its later pages, newest first.
pub fn render_index(pack: &Pack, renderer: &Renderer) -> Result<Vec<OutputFile>, Diagnostic> {
    let order = crate::routes::articles_newest_first(pack);
    let count = SOURCE_PAGES.count(order.len());
    (1..=count)
        .map(|n| render_index_page(pack, renderer, &order, n))
        .collect()
}

/// The page of the sources index that lists `n`-th (from 1) run of the
/// sources in `order`.
fn render_index_page(
    pack: &Pack,
    renderer: &Renderer,
    order: &[usize],
    n: usize,
) -> Result<OutputFile, Diagnostic> {
    let fr = renderer.fragments();
    let route = match n {
        1 => Route::Articles,
        n => Route::ArticlesPart(n as u16),
    };
    let refs = PageRefs::new(pack, fr.event_pages(), route.depth());
    let href = |n: usize| {
        let mut href = refs.root().to_string();
        match n {
            1 => Route::Articles.push_path(&mut href),
            n => Route::ArticlesPart(n as u16).push_path(&mut href),
        }
        href
    };
    let pager = Pager::new(n, order.len(), SOURCE_PAGES, href);
    let articles = order[SOURCE_PAGES.entries(n, order.len())]
        .iter()
        .map(|&i| IndexEntry {
            source: source_view(pack, fr, i, &refs),
            description: pack.articles[i]
                .summary
                .as_ref()
                .map(|s| shortened_to(&plain_text(s, pack), ONE_LINE))
                .unwrap_or_default(),
        })
        .collect();
    let title = match n {
        1 => "Sources".to_string(),
        n => format!("Sources, page {n}"),
    };
    let page = Page::new(
        route,
        title,
        describe::articles(pack),
        refs,
        Index { articles, pager },
    );
    renderer.page(page)
}

#[derive(Serialize)]
/// One paragraph of the text, as `partials/paragraph.html` draws it: `n`,
/// `html` (mentions linked, cited passages marked), `cited`, and `citers`
/// (what cites it, drawn by `partials/citers.html`; empty when nothing does).
struct ParagraphRow<'a> {
    n: usize,
    html: HtmlRef<'a>,
    cited: bool,
    citers: HtmlRef<'a>,
}

impl Row for ParagraphRow<'_> {
    const FIELDS: &'static [&'static str] = &["n", "html", "cited", "citers"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Number(self.n),
            1 => Field::Html(self.html.0),
            2 => Field::Flag(self.cited),
            _ => Field::Html(self.citers.0),
        }
    }
}

/// What cites a paragraph, as `partials/citer.html` draws it: `href`,
/// `text`, `kind` and `more` (true but for the last).
#[derive(Serialize)]
struct CiterRow<'a> {
    href: &'a str,
    text: &'a str,
    kind: &'static str,
    more: bool,
}

impl Row for CiterRow<'_> {
    const FIELDS: &'static [&'static str] = &["href", "text", "kind", "more"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.href),
            1 => Field::Text(self.text),
            2 => Field::Text(self.kind),
            _ => Field::Flag(self.more),
        }
    }
}

#[derive(Serialize)]
struct CiterView {
    link: Link,
    paragraphs: Vec<usize>,
}

#[derive(Serialize)]
struct ArticlePage {
    source: SourceView,
    /// Its bibliographic data, drawn by `partials/source-meta.html`.
    source_meta: Html,
    summary: Option<Html>,
    key_points: Vec<JudgmentView>,
    /// Every paragraph, drawn by `partials/paragraph.html`.
    body: Html,
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
    let mut refs = PageRefs::new(pack, renderer.fragments().event_pages(), route.depth());
    let source = source_view(pack, fr, i, &refs);
    let source_meta = source_meta(pack, fr, i)?;
    let summary = fill_given(a.summary.as_ref(), pack, fr, &mut refs)?;
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
    let mut slots = Slots::default();
    let body = slots.put(body(pack, fr, i, &refs, &marks, &citers_of)?.0);
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
        describe::article(pack, i),
        refs,
        ArticlePage {
            source,
            source_meta,
            summary,
            key_points,
            body,
            cited_by,
        },
    )
    .with_slots(slots);
    renderer.page(page)
}

/// The article's text, paragraph by paragraph: `marks` are the cited
/// passages and `citers_of` what cites each paragraph.
fn body(
    pack: &Pack,
    fr: &Fragments,
    i: usize,
    refs: &PageRefs<'_>,
    marks: &BTreeMap<usize, Vec<std::ops::Range<usize>>>,
    citers_of: &BTreeMap<usize, Vec<Citer>>,
) -> Result<Html, Diagnostic> {
    let a = &pack.articles[i];
    let text: usize = a.paragraphs.iter().map(String::len).sum();
    let mut out = String::with_capacity(text * 5 / 4 + 256 * a.paragraphs.len());
    for n in 1..=a.paragraphs.len() {
        let marked = marks.get(&n).map(Vec::as_slice).unwrap_or(&[]);
        let style = ParagraphStyle {
            marks: marked,
            link_mentions: true,
        };
        let html = paragraph_html(pack, fr, a, n, refs, &style)?;
        let mut citers = String::new();
        let of = citers_of.get(&n).map(Vec::as_slice).unwrap_or(&[]);
        for (k, c) in of.iter().enumerate() {
            let link = citer_link(pack, *c, refs);
            let row = CiterRow {
                href: &link.href,
                text: &link.text,
                kind: link.kind,
                more: k + 1 < of.len(),
            };
            fr.row(RowTemplate::Citer, &row, &mut citers)?;
        }
        let row = ParagraphRow {
            n,
            html: HtmlRef(&html.0),
            cited: !marked.is_empty(),
            citers: HtmlRef(&citers),
        };
        fr.row(RowTemplate::Paragraph, &row, &mut out)?;
    }
    Ok(Html(out))
}
