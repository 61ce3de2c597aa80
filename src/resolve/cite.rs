//! Resolving references inside content: citations of articles (checked
//! against the article's text) and the `[[links]]` / `[@cites]` inside
//! markdown fields. Identical citations are stored once for the whole pack.

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostics::{Diagnostics, SourceFile, nearest};
use crate::load::locate::{Site, Step};
use crate::model::{Citation, CitationId, Citer, Inline, Passage, RichText, Target, placeholder};

use super::ids::IdTable;
use super::markup::{Literal, Token, literal_at, literal_ranges, refused_addresses, scan};
use super::memo::ArticleWork;
use super::quotes::{QuoteIndex, normalise};

/// Where a quote was found: its paragraph (from 1) and byte range, if anywhere.
type Location = Option<(usize, std::ops::Range<usize>)>;

/// What the resolver knows of one article.
pub struct ArticleRef<'a> {
    /// The article's id.
    pub id: &'a str,
    /// Its body paragraphs, indexed for quotes.
    pub work: &'a ArticleWork,
    /// Its whole captured text, indexed, to explain a quote that is in a
    /// skipped paragraph.
    pub text_file: &'a SourceFile,
}

/// The state shared while resolving: ids, articles, the citation table.
pub struct Resolver<'a> {
    /// Every id of the pack.
    pub ids: &'a IdTable,
    /// Articles by index.
    pub articles: Vec<ArticleRef<'a>>,
    /// Ids known to exist although their file did not load (no error twice).
    pub broken_ids: &'a std::collections::HashSet<String>,
    /// Every distinct citation so far.
    pub citations: Vec<Citation>,
    /// Each citation by its article and normalised quote, to store it once.
    interned: HashMap<(usize, Option<String>), CitationId>,
    /// Who cites what.
    pub citers: Vec<(Citer, CitationId)>,
    /// Quote lookups done ahead, in parallel: (article, quote as written)
    /// → the quote normalised, and where it is.
    found: HashMap<(usize, String), (String, Location)>,
    /// Problems found.
    pub diagnostics: Diagnostics,
}

impl<'a> Resolver<'a> {
    /// A resolver over `ids` and `articles`.
    pub fn new(
        ids: &'a IdTable,
        articles: Vec<ArticleRef<'a>>,
        broken_ids: &'a std::collections::HashSet<String>,
    ) -> Self {
        Resolver {
            ids,
            articles,
            broken_ids,
            citations: Vec::new(),
            interned: HashMap::default(),
            citers: Vec::new(),
            found: HashMap::default(),
            diagnostics: Diagnostics::default(),
        }
    }

    /// Looks up many quotes at once, in parallel, so that [`Resolver::cite`]
    /// finds them done: `quotes` are (article id, quote) pairs.
    pub fn prefetch<'q>(&mut self, quotes: impl Iterator<Item = (&'q str, &'q str)>) {
        use rayon::prelude::*;
        let mut wanted: Vec<(usize, &str)> = quotes
            .filter_map(|(article, quote)| match self.ids.get(article) {
                Some(Target::Article(i)) => Some((i, quote)),
                _ => None,
            })
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let articles = &self.articles;
        let found: Vec<_> = wanted
            .into_par_iter()
            .map(|(i, quote)| ((i, quote.to_string()), articles[i].work.find_quote(quote)))
            .collect();
        self.found.extend(found);
    }

    /// Resolves `id` to an actor, reporting an unknown or wrong-kind id.
    pub fn actor(&mut self, id: &str, site: Site<'_>) -> Option<usize> {
        match self.ids.get(id) {
            Some(Target::Actor(i)) => Some(i),
            Some(other) => {
                self.diagnostics.push(
                    site.error(
                        format!("`{id}` is {}, not an actor", kind_of(other)),
                        Some(id),
                    )
                    .with_help("name an actor here: a file of content/actors/"),
                );
                None
            }
            None => {
                self.unknown(id, "actor", site, |t| matches!(t, Target::Actor(_)));
                None
            }
        }
    }

    /// Resolves `id` to an article.
    pub fn article(&mut self, id: &str, site: Site<'_>) -> Option<usize> {
        match self.ids.get(id) {
            Some(Target::Article(i)) => Some(i),
            Some(other) => {
                self.diagnostics.push(
                    site.error(
                        format!("`{id}` is {}, not an article", kind_of(other)),
                        Some(id),
                    )
                    .with_help("cite an article: a file of content/articles/"),
                );
                None
            }
            None => {
                self.unknown(id, "article", site, |t| matches!(t, Target::Article(_)));
                None
            }
        }
    }

    /// Reports `id`, which names nothing that `fits` (a `what`), with the
    /// nearest id that fits as a suggestion; unless its own file did not load.
    fn unknown(&mut self, id: &str, what: &str, site: Site<'_>, fits: impl Fn(Target) -> bool) {
        if self.broken_ids.contains(id) {
            return; // its own file failed to load and was reported
        }
        let mut candidates: Vec<&str> = self.ids.ids_where(fits).collect();
        candidates.sort_unstable();
        let help = match nearest(id, candidates.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if what == "id" => "nothing has this id: actors and articles take theirs from their file names (content/actors/, content/articles/), events from their `id:` field".to_string(),
            None => format!("no {what} has this id; {what}s are the files of content/{what}s/"),
        };
        self.diagnostics.push(
            site.error(format!("unknown {what} `{id}`"), Some(id))
                .with_help(help),
        );
    }

    /// Resolves a citation of `article_id`, checking `quote` against its body.
    pub fn cite(
        &mut self,
        article_id: &str,
        quote: Option<&str>,
        site: Site<'_>,
        article_site: Site<'_>,
        citer: Citer,
    ) -> Option<CitationId> {
        let article = self.article(article_id, article_site)?;
        let done = quote.and_then(|q| self.found.remove(&(article, q.to_string())));
        let (normalised, location) = match (done, quote) {
            (Some((needle, at)), _) => (Some(needle), Some(at)),
            (None, Some(q)) => (Some(normalise(q)), None),
            (None, None) => (None, None),
        };
        let key = (article, normalised);
        if let Some(&id) = self.interned.get(&key) {
            self.citers.push((citer, id));
            return Some(id);
        }
        let passage = match quote {
            None => None,
            Some(q) if q.trim().is_empty() => {
                self.diagnostics.push(site.error("empty quote", None).with_help("quote a verbatim passage of the article, or leave the quote out to cite the whole article"));
                return None;
            }
            Some(q) => match location.unwrap_or_else(|| {
                key.1.as_deref().and_then(|needle| {
                    let work = self.articles[article].work;
                    work.quotes.find_normalised(&work.body.paragraphs, needle)
                })
            }) {
                Some((paragraph, range)) => {
                    let text = self.articles[article].work.body.paragraphs[paragraph - 1]
                        .get(range.clone())
                        .unwrap_or(q)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    Some(Passage {
                        quote: q.to_string(),
                        paragraph,
                        range,
                        text,
                    })
                }
                None => {
                    let needle: String = q.trim().chars().take(24).collect();
                    let a = &self.articles[article];
                    let whole = [a.text_file.text.as_ref()];
                    let in_text = QuoteIndex::new(&whole).find(&whole, q).is_some();
                    let help = if in_text {
                        format!(
                            "the passage is in {}, but in a part of the text that is not the body (the title, a `skip` or `skip_lines` entry, or after `end_at`)",
                            a.text_file.display.display()
                        )
                    } else {
                        format!(
                            "copy the passage from {} exactly; matching ignores only letter case, spacing and the style of quotes and dashes, and a quote cannot span paragraphs",
                            a.text_file.display.display()
                        )
                    };
                    self.diagnostics.push(
                        site.error(
                            format!(
                                "quote not found in article `{article_id}`: \"{}\"",
                                q.trim()
                            ),
                            Some(&needle),
                        )
                        .with_help(help),
                    );
                    return None;
                }
            },
        };
        let id = self.citations.len();
        self.citations.push(Citation {
            article,
            passage,
            original: Default::default(),
        });
        self.interned.insert(key, id);
        self.citers.push((citer, id));
        Some(id)
    }

    /// Resolves a `{article, quote}` entry of a `cites:` list at `site`
    /// (which points at the entry); `default_article` stands in for a
    /// missing `article` (an article's own key points).
    pub fn cite_entry(
        &mut self,
        article: Option<&str>,
        quote: Option<&str>,
        default_article: Option<&str>,
        site: Site<'_>,
        citer: Citer,
    ) -> Option<CitationId> {
        let mut quote_path = site.path.to_vec();
        quote_path.push(Step::Key("quote"));
        let mut article_path = site.path.to_vec();
        article_path.push(Step::Key("article"));
        let quote_site = Site::new(site.file, &quote_path);
        let article_site = Site::new(site.file, &article_path);
        match article.or(default_article) {
            Some(a) => self.cite(a, quote, quote_site, article_site, citer),
            None => {
                self.diagnostics.push(
                    site.error("a citation needs `article`", None)
                        .with_help("write `{article: <article-id>, quote: \"…\"}`"),
                );
                None
            }
        }
    }

    /// Resolves the links and citations of a markdown field at `site`.
    pub fn rich(&mut self, source: &str, site: Site<'_>, citer: Citer) -> RichText {
        let mut markdown = String::with_capacity(source.len());
        let mut inlines = Vec::new();
        let mut last = 0;
        let tokens = scan(source);
        let literal = if tokens.is_empty() {
            Vec::new()
        } else {
            literal_ranges(source)
        };
        for (range, token) in tokens {
            markdown.push_str(&source[last..range.start]);
            last = range.end;
            let raw = &source[range.clone()];
            match literal_at(&range, &literal) {
                // in code it is what the code shows
                Some(Literal::Code) => {
                    markdown.push_str(raw);
                    continue;
                }
                Some(Literal::Markup) => {
                    self.diagnostics.push(
                        site.warning(
                            "a link or citation inside a link, an image or raw HTML is shown as written",
                            Some(raw),
                        )
                        .with_help("put it outside the link or image, in the text"),
                    );
                    markdown.push_str(raw);
                    continue;
                }
                None => {}
            }
            let inline = match token {
                Err(why) => {
                    self.diagnostics.push(site.error(why, Some(raw)));
                    None
                }
                Ok(Token::Link { id, text }) => match self.ids.get(id) {
                    Some(target) => Some(Inline::Link {
                        target,
                        text: text.map(str::to_string),
                    }),
                    None => {
                        self.unknown(id, "id", site, |_| true);
                        None
                    }
                },
                Ok(Token::Cite { id, quote }) => {
                    // `\"` inside a quote stands for a quote mark
                    let quote = quote.map(|q| q.replace("\\\"", "\""));
                    self.cite(id, quote.as_deref(), site, site, citer)
                        .map(Inline::Cite)
                }
            };
            match inline {
                Some(inline) => {
                    markdown.push_str(&placeholder(inlines.len()));
                    inlines.push(inline);
                }
                None => markdown.push_str(raw),
            }
        }
        markdown.push_str(&source[last..]);
        for address in refused_addresses(source) {
            self.diagnostics.push(
                site.error(
                    format!("`{address}` is not an http or https address, a relative link or an anchor"),
                    Some(&address),
                )
                .with_help("link to the web (https://…), to a page of the site (a relative link) or to an anchor (#…)"),
            );
        }
        RichText {
            source: source.to_string(),
            markdown,
            inlines,
            html: Default::default(),
        }
    }

    /// Resolves every entry of a `cites:` list found at `site`.
    pub fn cite_list(
        &mut self,
        cites: &[crate::load::raw::RawCite],
        default_article: Option<&str>,
        site: Site<'_>,
        citer: Citer,
    ) -> Vec<CitationId> {
        let mut out = Vec::new();
        site.with(Step::Key("cites"), |list| {
            for (k, c) in cites.iter().enumerate() {
                let mut path = list.path.to_vec();
                path.push(Step::Index(k));
                let entry = Site::new(list.file, &path);
                if let Some(id) = self.cite_entry(
                    c.article.as_deref(),
                    c.quote.as_deref(),
                    default_article,
                    entry,
                    citer,
                ) && !out.contains(&id)
                {
                    out.push(id);
                }
            }
        });
        out
    }
}

/// What `target` is, for messages: "an actor", "an event", "an article".
fn kind_of(target: Target) -> &'static str {
    match target {
        Target::Actor(_) => "an actor",
        Target::Event(_) => "an event",
        Target::Article(_) => "an article",
    }
}
