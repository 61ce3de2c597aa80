//! A page's links and references. Links to other pages are made relative to
//! the page from the site's route table ([`crate::routes`]). Citations are
//! numbered in the order the page shows them, the same passage keeping its
//! number; the page ends with the list (article, publisher, date, the
//! paragraph on the article page and the original with a URL text fragment;
//! see the README, *Links and citations in markdown*).
//!
//! HTML made for a page, or shared between pages, holds a citation as a
//! placeholder naming the citation ([`push_placeholder`]); when the page is
//! written, each becomes the theme's marker with the page's number for it
//! ([`super::fragments::Fragments::citations_into`]).

use std::fmt::Write as _;

use serde::Serialize;

use super::html::{PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};

use crate::model::{CitationId, Pack, Target};

use crate::routes::{self, EventPages};

/// One entry of a page's reference list.
#[derive(Debug, Serialize)]
pub struct RefView<'p> {
    /// Its number on the page.
    pub n: usize,
    /// The article's id.
    pub article_id: &'p str,
    /// The article's title.
    pub title: &'p str,
    /// Its publisher.
    pub publisher: &'p str,
    /// Its publication date, for display.
    pub date: &'p str,
    /// Link to the article page (to the paragraph when a passage is cited).
    pub href: String,
    /// The paragraph cited, from 1.
    pub paragraph: Option<usize>,
    /// The passage as it stands in the article.
    pub quote: Option<&'p str>,
    /// The original article, with a text fragment for the passage.
    pub original: Option<&'p str>,
}

impl super::stencil::Row for RefView<'_> {
    const FIELDS: &'static [&'static str] = &[
        "n",
        "article_id",
        "title",
        "publisher",
        "date",
        "href",
        "paragraph",
        "quote",
        "original",
    ];
    fn field(&self, i: usize) -> super::stencil::Field<'_> {
        use super::stencil::Field;
        match i {
            0 => Field::Number(self.n),
            1 => Field::Text(self.article_id),
            2 => Field::Text(self.title),
            3 => Field::Text(self.publisher),
            4 => Field::Text(self.date),
            5 => Field::Text(&self.href),
            6 => Field::Number(self.paragraph.unwrap_or(0)),
            7 => Field::Text(self.quote.unwrap_or("")),
            _ => Field::Text(self.original.unwrap_or("")),
        }
    }
}

/// Numbers the citations of one page.
pub struct PageRefs<'p> {
    pack: &'p Pack,
    events: &'p EventPages,
    depth: usize,
    root: String,
    order: Vec<CitationId>,
    numbers: Numbers,
    /// Links go to the site's pages, or stay inside one document (print).
    document: bool,
}

impl<'p> PageRefs<'p> {
    /// References for a page `depth` folders below the site root, whose
    /// links to events go to the pages `events` puts them on.
    pub fn new(pack: &'p Pack, events: &'p EventPages, depth: usize) -> Self {
        PageRefs {
            pack,
            events,
            depth,
            root: routes::root(depth),
            order: Vec::new(),
            numbers: Default::default(),
            document: false,
        }
    }

    /// References for the print document, where every link stays inside it.
    pub fn for_document(pack: &'p Pack, events: &'p EventPages, depth: usize) -> Self {
        PageRefs {
            document: true,
            ..PageRefs::new(pack, events, depth)
        }
    }

    /// Fresh references with the links of this page: for HTML made once
    /// and shown on every page of this link style.
    pub fn same_links(&self) -> PageRefs<'p> {
        PageRefs {
            document: self.document,
            ..PageRefs::new(self.pack, self.events, self.depth)
        }
    }

    /// Which of the shared values' link styles this page's links take:
    /// pages 0 to 2 folders deep, or the print document.
    pub fn link_style(&self) -> Option<usize> {
        match (self.document, self.depth) {
            (true, _) => Some(LINK_STYLES - 1),
            (false, depth) if depth < LINK_STYLES - 1 => Some(depth),
            _ => None,
        }
    }

    /// True for the print document.
    pub fn is_document(&self) -> bool {
        self.document
    }

    /// The link from this page to `target`.
    pub fn href(&self, target: Target) -> String {
        let mut href = String::with_capacity(self.root.len() + 40);
        self.push_href(&mut href, target);
        href
    }

    /// Appends the link from this page to `target` to `out`.
    pub fn push_href(&self, out: &mut String, target: Target) {
        if self.document {
            let (kind, id) = match target {
                Target::Actor(i) => ("#actor-", &self.pack.actors[i].id),
                Target::Event(i) => ("#event-", &self.pack.events[i].id),
                Target::Article(i) => ("#article-", &self.pack.articles[i].id),
            };
            out.push_str(kind);
            out.push_str(id);
            return;
        }
        out.push_str(&self.root);
        routes::push_target_path(out, self.pack, self.events, target);
    }

    /// The relative path from this page to the site root.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The number of citation `id` on this page, giving it the next number
    /// when it is new.
    pub fn number(&mut self, id: CitationId) -> usize {
        let next = self.order.len() + 1;
        *self.numbers.entry(id).or_insert_with(|| {
            self.order.push(id);
            next
        })
    }

    /// Numbers citations `ids`, in order, on this page: the citations of
    /// HTML made once and shown on many pages, which the page shows here.
    pub fn number_all(&mut self, ids: &[CitationId]) {
        for &id in ids {
            self.number(id);
        }
    }

    /// Appends the placeholder of citation `id` to `out`, numbering it on
    /// this page.
    pub fn push_cite(&mut self, out: &mut String, id: CitationId) {
        self.number(id);
        push_placeholder(out, id);
    }

    /// The markers of several citations, side by side.
    pub fn markers(&mut self, ids: &[CitationId]) -> super::html::Html {
        let mut out = String::with_capacity(16 * ids.len());
        for &id in ids {
            self.push_cite(&mut out, id);
        }
        super::html::Html(out)
    }

    /// The citations in the order they were numbered (from 1).
    pub fn order(&self) -> &[CitationId] {
        &self.order
    }

    /// The reference list, in number order, and the number of each
    /// citation, for the page's placeholders.
    pub fn finish(self) -> (Vec<RefView<'p>>, Numbers) {
        let pack = self.pack;
        let list = self
            .order
            .iter()
            .enumerate()
            .map(|(i, &id)| {
                let citation = &pack.citations[id];
                let article = &pack.articles[citation.article];
                let mut href = self.href(Target::Article(citation.article));
                let paragraph = citation.passage.as_ref().map(|p| p.paragraph);
                if let Some(n) = paragraph
                    && !self.document
                {
                    let _ = write!(href, "#p{n}");
                }
                let original = citation.original.get_or_init(|| {
                    let url = article.url.as_ref()?;
                    Some(match &citation.passage {
                        Some(p) => format!(
                            "{}#:~:text={}",
                            url.split('#').next().unwrap_or(url),
                            text_directive(&p.text)
                        ),
                        None => url.clone(),
                    })
                });
                RefView {
                    n: i + 1,
                    article_id: &article.id,
                    title: &article.title,
                    publisher: &article.publisher,
                    date: &article.published_shown,
                    href,
                    paragraph,
                    quote: citation.passage.as_ref().map(|p| p.text.as_str()),
                    original: original.as_deref(),
                }
            })
            .collect();
        (list, self.numbers)
    }
}

/// The link styles of [`PageRefs::link_style`]: pages 0 to 2 folders
/// deep, and the print document.
pub const LINK_STYLES: usize = 4;

/// The number of each citation on a page.
pub type Numbers = rustc_hash::FxHashMap<CitationId, usize>;

/// Appends the placeholder of citation `id` to `out`.
pub fn push_placeholder(out: &mut String, id: CitationId) {
    out.push(PLACEHOLDER_OPEN);
    let mut digits = itoa_buffer();
    out.push_str(digits.format(id));
    out.push(PLACEHOLDER_CLOSE);
}

/// A buffer to write a number into without the formatting machinery.
fn itoa_buffer() -> itoa::Buffer {
    itoa::Buffer::new()
}

/// The `#:~:text=` directive that finds `passage` in the original: the
/// passage itself when short, else its first and last words
/// (`start,end`), which a browser matches as the range between them and
/// which keeps long quotes from doubling a reference's size.
pub fn text_directive(passage: &str) -> String {
    const ENDS: usize = 5;
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.len() <= 3 * ENDS {
        return text_fragment(passage);
    }
    let start = words[..ENDS].join(" ");
    let end = words[words.len() - ENDS..].join(" ");
    format!("{},{}", text_fragment(&start), text_fragment(&end))
}

/// Percent-encodes `text` for a `#:~:text=` fragment (where `-`, `,` and `&`
/// are syntax and must be encoded too).
pub fn text_fragment(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_passages_are_found_by_their_first_and_last_words() {
        let short = "from the northern Iraqi town of Zummar";
        assert_eq!(text_directive(short), text_fragment(short));
        let long = "one two three four five six seven eight nine ten eleven twelve \
                    thirteen fourteen fifteen sixteen";
        assert_eq!(
            text_directive(long),
            "one%20two%20three%20four%20five,twelve%20thirteen%20fourteen%20fifteen%20sixteen"
        );
    }

    #[test]
    fn fragments_encode_syntax_characters() {
        assert_eq!(
            text_fragment("Iran-backed, “five” & more"),
            "Iran%2Dbacked%2C%20%E2%80%9Cfive%E2%80%9D%20%26%20more"
        );
    }
}
