//! Who cites each article: every citation recorded while resolving, once
//! per citer, put on the article it cites; an article that nothing but
//! itself cites is reported.

use crate::diagnostics::Diagnostics;
use crate::load::LoadedArticle;
use crate::load::locate::{Site, Step};
use crate::model::{Article, Citation, CitationId, Citer};

/// Gives each article its citers (`citers`, as the resolver recorded them,
/// in order and each once), then warns about the articles cited nowhere
/// else than in themselves.
pub fn record(
    mut citers: Vec<(Citer, CitationId)>,
    citations: &[Citation],
    articles: &mut [Article],
    raw_articles: &[LoadedArticle],
    diagnostics: &mut Diagnostics,
) {
    citers.sort();
    citers.dedup();
    for (citer, id) in citers {
        let article = citations[id].article;
        articles[article].cited_by.push((citer, id));
    }
    for (i, article) in articles.iter().enumerate() {
        let by_others = article
            .cited_by
            .iter()
            .any(|(c, _)| *c != Citer::Article(i));
        if !by_others {
            diagnostics.push(
                Site::new(&raw_articles[i].file, &[Step::Key("title")])
                    .warning(format!("article `{}` is cited nowhere", article.id), None)
                    .with_help("cite it from an event, an actor or the pack, or remove it"),
            );
        }
    }
}
