//! A page's references (SPEC §4): citations are numbered in the order the
//! page shows them, the same passage keeps its number, and the page ends with
//! the list — article, publisher, date, the paragraph on the article page and
//! the original with a URL text fragment.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{CitationId, Pack, Target};

use super::markdown::escape;
use super::views::SharedValues;

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

/// Numbers the citations of one page.
pub struct PageRefs<'p> {
    pack: &'p Pack,
    shared: &'p SharedValues,
    depth: usize,
    root: String,
    order: Vec<CitationId>,
    numbers: rustc_hash::FxHashMap<CitationId, usize>,
    /// Links go to the site's pages, or stay inside one document (print).
    document: bool,
}

impl<'p> PageRefs<'p> {
    /// References for a page `depth` folders below the site root.
    pub fn new(pack: &'p Pack, shared: &'p SharedValues, depth: usize) -> Self {
        PageRefs {
            pack,
            shared,
            depth,
            root: super::markdown::root(depth),
            order: Vec::new(),
            numbers: Default::default(),
            document: false,
        }
    }

    /// References for the print document, where every link stays inside it.
    pub fn for_document(pack: &'p Pack, shared: &'p SharedValues, depth: usize) -> Self {
        PageRefs {
            document: true,
            ..PageRefs::new(pack, shared, depth)
        }
    }

    /// The values shared between pages.
    pub fn shared(&self) -> &'p SharedValues {
        self.shared
    }

    /// Which of the shared values' link styles this page's links take:
    /// pages 0, 1 or 2 folders deep, or the print document.
    pub fn link_style(&self) -> Option<usize> {
        match (self.document, self.depth) {
            (true, _) => Some(3),
            (false, depth) if depth <= 2 => Some(depth),
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
        let (prefix, id, suffix) = super::markdown::target_path(self.pack, target);
        if self.document {
            let kind = match target {
                Target::Actor(_) => "#actor-",
                Target::Event(_) => "#event-",
                Target::Article(_) => "#article-",
            };
            out.push_str(kind);
            out.push_str(id);
            return;
        }
        out.push_str(&self.root);
        out.push_str(prefix);
        out.push_str(id);
        out.push_str(suffix);
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

    /// Appends the inline marker of citation `id` to `out`: a superscript
    /// number linking to its entry in the list.
    pub fn push_marker(&mut self, out: &mut String, id: CitationId) {
        let n = self.number(id).to_string();
        for piece in [
            "<sup class=\"cite\"><a href=\"#ref-",
            &n,
            "\" aria-label=\"reference ",
            &n,
            "\">",
            &n,
            "</a></sup>",
        ] {
            out.push_str(piece);
        }
    }

    /// The markers of several citations, side by side.
    pub fn markers(&mut self, ids: &[CitationId]) -> super::markdown::Html {
        let mut out = String::with_capacity(80 * ids.len());
        for &id in ids {
            self.push_marker(&mut out, id);
        }
        super::markdown::Html(out)
    }

    /// The reference list, in number order.
    pub fn into_list(self) -> Vec<RefView<'p>> {
        let pack = self.pack;
        self.order
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
                            text_fragment(&p.text)
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
            .collect()
    }
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

/// Escaped HTML of plain text (for inline renderings).
pub fn text(t: &str) -> String {
    escape(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_encode_syntax_characters() {
        assert_eq!(
            text_fragment("Iran-backed, “five” & more"),
            "Iran%2Dbacked%2C%20%E2%80%9Cfive%E2%80%9D%20%26%20more"
        );
    }
}
