//! Articles: each text split into its body, in parallel (the work kept
//! between builds by the [`Memo`]); then each summary resolved; and last,
//! once the mentions are found, each article given its body paragraphs and
//! mentions (see the README, *An article*).

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::load::LoadedArticle;
use crate::load::locate::{Site, Step};
use crate::load::raw::RawArticle;
use crate::model::{Article, Citer, Date, Grade, KeyPoint, Mention};

use super::body::Cut;
use super::cite::{ArticleRef, Resolver};
use super::fields::{date, require, unknown_date};
use super::markup::is_web_url;
use super::memo::{ArticleWork, Memo};

/// The work on each article's text (split and indexed once, or kept from
/// the last build); `skip` entries and `end_at` that match nothing, and
/// bodies left empty, are reported.
pub fn bodies(
    raw_articles: &[LoadedArticle],
    memo: &Memo,
    diagnostics: &mut Diagnostics,
) -> Vec<Arc<ArticleWork>> {
    let bodies: Vec<Arc<ArticleWork>> = raw_articles
        .par_iter()
        .map(|a| memo.article(&a.text.text, Cut::of(&a.raw)))
        .collect();
    memo.keep_only(&bodies);
    for (a, work) in raw_articles.iter().zip(&bodies) {
        let b = &work.body;
        for &k in &b.unused_skips {
            diagnostics.push(
                Site::new(&a.file, &[Step::Key("skip"), Step::Index(k)])
                    .warning("this `skip` entry matches no paragraph of the text", None)
                    .with_help(format!("an entry must equal a whole paragraph of {} (a paragraph ends at a blank line)", a.text.display.display())),
            );
        }
        for &k in &b.unused_skip_lines {
            diagnostics.push(
                Site::new(&a.file, &[Step::Key("skip_lines"), Step::Index(k)])
                    .warning("this `skip_lines` entry matches no line of the text", None)
                    .with_help(format!(
                        "an entry must equal a whole line of {}",
                        a.text.display.display()
                    )),
            );
        }
        if b.end_at_unused {
            diagnostics.push(
                Site::new(&a.file, &[Step::Key("end_at")])
                    .warning("no paragraph of the text starts with `end_at`", None)
                    .with_help(format!(
                        "copy the start of the paragraph from {}",
                        a.text.display.display()
                    )),
            );
        }
        if b.paragraphs.is_empty() {
            diagnostics.push(
                Site::whole(&a.text)
                    .error("the article has no body paragraphs", None)
                    .with_help(
                        "check `skip`, `skip_lines` and `end_at` in the summary: they removed every paragraph",
                    ),
            );
        }
    }
    bodies
}

/// What the resolver knows of each article: its id, its work and its text.
pub fn refs<'a>(
    raw_articles: &'a [LoadedArticle],
    bodies: &'a [Arc<ArticleWork>],
) -> Vec<ArticleRef<'a>> {
    raw_articles
        .iter()
        .zip(bodies)
        .map(|(a, work)| ArticleRef {
            id: &a.id,
            work,
            text_file: &a.text,
        })
        .collect()
}

/// Resolves every article's summary; bodies and mentions come later
/// ([`fill`]), and so do the citers.
pub fn resolve(raw_articles: &[LoadedArticle], r: &mut Resolver<'_>) -> Vec<Article> {
    let mut articles: Vec<Article> = Vec::with_capacity(raw_articles.len());
    for (i, a) in raw_articles.iter().enumerate() {
        articles.push(article(i, a, r));
    }
    articles
}

/// Resolves the summary of article `i`.
fn article(i: usize, a: &LoadedArticle, r: &mut Resolver<'_>) -> Article {
    let file = &a.file;
    let raw = &a.raw;
    require(&raw.title, "title", Site::whole(file), &mut r.diagnostics);
    require(
        &raw.publisher,
        "publisher",
        Site::whole(file),
        &mut r.diagnostics,
    );
    let published = published(a, r);
    let updated = raw.updated.as_ref().and_then(|u| {
        Some((
            u.clone(),
            date(
                u,
                Site::new(file, &[Step::Key("updated")]),
                &mut r.diagnostics,
            )?,
        ))
    });
    let url = raw.url.as_ref().filter(|url| {
        let web = is_web_url(url);
        if !web {
            r.diagnostics.push(
                Site::new(file, &[Step::Key("url")])
                    .error(format!("`{url}` is not an http or https address"), Some(url))
                    .with_help("give the original's web address, starting with https:// (or http://), or leave `url` out"),
            );
        }
        web
    });
    let reliability = raw.reliability.as_ref().and_then(|grade| {
        let parsed = Grade::parse(grade.trim());
        if parsed.is_none() {
            r.diagnostics.push(
                Site::new(file, &[Step::Key("reliability")])
                    .error(format!("invalid reliability `{grade}`"), Some(grade.trim()))
                    .with_help("use an Admiralty source grade: A, B, C, D, E or F"),
            );
        }
        parsed
    });
    let summary = raw.summary.as_ref().map(|s| {
        r.rich(
            s,
            Site::new(file, &[Step::Key("summary")]),
            Citer::Article(i),
        )
    });
    let key_points = key_points(i, a, r);
    Article {
        id: a.id.clone(),
        title: raw.title.trim().to_string(),
        publisher: raw.publisher.trim().to_string(),
        author: raw.author.clone(),
        published: (raw.published.trim().to_string(), published),
        published_shown: published.to_string(),
        updated,
        url: url.cloned(),
        language: raw.language.clone(),
        reliability,
        summary,
        key_points,
        paragraphs: Vec::new(),
        mentions: Vec::new(),
        cited_by: Vec::new(),
    }
}

/// The article's publication date, which must be a day.
fn published(a: &LoadedArticle, r: &mut Resolver<'_>) -> Date {
    let raw: &RawArticle = &a.raw;
    let site = Site::new(&a.file, &[Step::Key("published")]);
    match date(&raw.published, site, &mut r.diagnostics) {
        Some(d) if !d.is_day() => {
            r.diagnostics.push(
                site.error("`published` must be a day", Some(raw.published.trim()))
                    .with_help("write the publication date as YYYY-MM-DD"),
            );
            d
        }
        Some(d) => d,
        None => unknown_date(),
    }
}

/// The key points of article `i`, their citations of the article itself
/// unless they name another.
fn key_points(i: usize, a: &LoadedArticle, r: &mut Resolver<'_>) -> Vec<KeyPoint> {
    let file = &a.file;
    a.raw
        .key_points
        .iter()
        .enumerate()
        .map(|(k, kp)| {
            let path = [Step::Key("key_points"), Step::Index(k)];
            let text_path = [Step::Key("key_points"), Step::Index(k), Step::Key("text")];
            KeyPoint {
                text: r.rich(&kp.text, Site::new(file, &text_path), Citer::Article(i)),
                cites: r.cite_list(
                    &kp.cites,
                    Some(&a.id),
                    Site::new(file, &path),
                    Citer::Article(i),
                ),
            }
        })
        .collect()
}

/// Gives each article its body paragraphs and the mentions `found` in
/// them. Returns the work that nothing else held, its paragraphs moved out
/// rather than copied (a one-off build), for the caller to free.
pub fn fill(
    articles: &mut [Article],
    bodies: Vec<Arc<ArticleWork>>,
    found: Vec<Vec<Vec<Mention>>>,
) -> Vec<ArticleWork> {
    let mut leftovers = Vec::with_capacity(bodies.len());
    for ((article, work), mentions) in articles.iter_mut().zip(bodies).zip(found) {
        // moved out when nothing else holds the work (a one-off build)
        article.paragraphs = match Arc::try_unwrap(work) {
            Ok(mut work) => {
                let paragraphs = std::mem::take(&mut work.body.paragraphs);
                leftovers.push(work);
                paragraphs
            }
            Err(work) => work.body.paragraphs.clone(),
        };
        article.mentions = mentions;
    }
    leftovers
}
