//! The pieces page contexts are made of: what a template sees of an actor,
//! an event, an article or a paragraph. Built from the resolved pack, with
//! links already made relative to the page being rendered.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use pulldown_cmark_escape::{FmtWriter, StrWrite, escape_html};
use serde::Serialize;

use crate::model::{Actor, Article, Citer, Event, Pack, Target};

pub use super::markdown::Html;

use super::markdown::{escape_into, fill, target_name};
use super::refs::PageRefs;

/// A link to an actor, as templates see it: `id`, `name`, `kind` and
/// `href`. Shared between pages (see [`SharedValues`]).
pub type ActorLink = Arc<ActorLinkView>;

/// The fields of an [`ActorLink`].
#[derive(Debug, Serialize)]
pub struct ActorLinkView {
    /// The actor's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// Relative link to its page (or its part of the print document).
    pub href: String,
}

/// An actor in an event, with its role.
#[derive(Debug, Serialize)]
pub struct Participant {
    /// The actor.
    pub actor: ActorLink,
    /// Its role ("involved" when the event names none).
    pub role: String,
}

/// An event as shown in a list.
#[derive(Debug, Serialize)]
pub struct EventView<'p> {
    /// Id (the chronology anchor).
    pub id: &'p str,
    /// Relative link to its chronology entry.
    pub href: String,
    /// The date as shown ("late January 2024").
    pub date: &'p str,
    /// The date as written.
    pub date_source: &'p str,
    /// The year it starts in, for grouping.
    pub year: i32,
    /// Title.
    pub title: &'p str,
    /// Kind.
    pub kind: Option<&'p str>,
    /// Location.
    pub location: Option<&'p str>,
    /// Status.
    pub status: Option<&'p str>,
    /// Participants: `actor` (a link) and `role`.
    pub actors: Arc<[Participant]>,
    /// Summary HTML.
    pub summary: Option<Html>,
    /// Citation markers HTML.
    pub cites: Html,
}

/// A link to an article with its source line, as templates see it: `id`,
/// `title`, `publisher`, `date` and `href`. Shared between pages (see
/// [`SharedValues`]).
pub type ArticleLink = Arc<ArticleLinkView>;

/// The fields of an [`ArticleLink`].
#[derive(Debug, Serialize)]
pub struct ArticleLinkView {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its publisher.
    pub publisher: String,
    /// Its publication date, for display.
    pub date: String,
    /// Relative link to its page (or its part of the print document).
    pub href: String,
}

/// Values that many pages show alike (the link to an actor or an article,
/// the participants of an event), made once per build and link style, then
/// shared by reference count: each further page takes one without copying
/// or rebuilding it.
pub struct SharedValues {
    actor_links: Vec<PerStyle<ActorLinkView>>,
    article_links: Vec<PerStyle<ArticleLinkView>>,
    participants: Vec<PerStyle<[Participant]>>,
}

/// One value for each link style of [`PageRefs::link_style`].
type PerStyle<T> = [OnceLock<Arc<T>>; 4];

impl SharedValues {
    /// Room for the values of `pack`, made as pages first need them.
    pub fn new(pack: &Pack) -> SharedValues {
        SharedValues {
            actor_links: room(pack.actors.len()),
            article_links: room(pack.articles.len()),
            participants: room(pack.events.len()),
        }
    }
}

fn room<T: ?Sized>(n: usize) -> Vec<PerStyle<T>> {
    (0..n).map(|_| Default::default()).collect()
}

/// The value in `slot` for the links of `refs`, made by `make` the first time.
fn shared<T: ?Sized>(
    slot: Option<&PerStyle<T>>,
    refs: &PageRefs<'_>,
    make: impl FnOnce() -> Arc<T>,
) -> Arc<T> {
    match (slot, refs.link_style()) {
        (Some(values), Some(style)) => Arc::clone(values[style].get_or_init(make)),
        _ => make(),
    }
}

/// A link to anything that can be linked.
#[derive(Debug, Serialize)]
pub struct Link {
    /// Text shown.
    pub text: String,
    /// Relative link.
    pub href: String,
    /// What it is: actor, event, article or pack.
    pub kind: &'static str,
}

/// Link to an actor from the page of `refs`.
pub fn actor_link(pack: &Pack, i: usize, refs: &PageRefs<'_>) -> ActorLink {
    shared(refs.shared().actor_links.get(i), refs, || {
        let a: &Actor = &pack.actors[i];
        Arc::new(ActorLinkView {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            href: refs.href(Target::Actor(i)),
        })
    })
}

/// Link to an article from the page of `refs`.
pub fn article_link(pack: &Pack, i: usize, refs: &PageRefs<'_>) -> ArticleLink {
    shared(refs.shared().article_links.get(i), refs, || {
        let a: &Article = &pack.articles[i];
        Arc::new(ArticleLinkView {
            id: a.id.clone(),
            title: a.title.clone(),
            publisher: a.publisher.clone(),
            date: a.published_shown.clone(),
            href: refs.href(Target::Article(i)),
        })
    })
}

/// Link to whatever cites an article.
pub fn citer_link(pack: &Pack, citer: Citer, refs: &PageRefs<'_>) -> Link {
    let (target, kind) = match citer {
        Citer::Pack => {
            let href = if refs.is_document() {
                "#summary".to_string()
            } else {
                format!("{}index.html", refs.root())
            };
            return Link {
                text: format!("{} (summary)", pack.title),
                href,
                kind: "pack",
            };
        }
        Citer::Actor(i) => (Target::Actor(i), "actor"),
        Citer::Event(i) => (Target::Event(i), "event"),
        Citer::Article(i) => (Target::Article(i), "article"),
    };
    Link {
        text: target_name(pack, target).to_string(),
        href: refs.href(target),
        kind,
    }
}

/// An event as shown in lists, its citations numbered on the page.
pub fn event_view<'p>(pack: &'p Pack, i: usize, refs: &mut PageRefs<'_>) -> EventView<'p> {
    let e: &Event = &pack.events[i];
    let summary = e.summary.as_ref().map(|s| fill(s, pack, refs));
    EventView {
        id: &e.id,
        href: refs.href(Target::Event(i)),
        date: &e.date_shown,
        date_source: &e.date.0,
        year: e.date.1.start.year,
        title: &e.title,
        kind: e.kind.as_deref(),
        location: e.location.as_deref(),
        status: e.status.as_deref(),
        actors: shared(refs.shared().participants.get(i), refs, || {
            e.actors
                .iter()
                .map(|(a, role)| Participant {
                    actor: actor_link(pack, *a, refs),
                    role: role.clone(),
                })
                .collect()
        }),
        summary,
        cites: refs.markers(&e.cites),
    }
}

/// How to show one body paragraph.
pub struct ParagraphStyle<'a> {
    /// Ranges to mark as cited passages.
    pub marks: &'a [Range<usize>],
    /// Link mentions to actor pages.
    pub link_mentions: bool,
}

/// Paragraphs up to this many bytes are shown whole in mention excerpts.
const SHORT_PARAGRAPH: usize = 280;

/// The excerpt of paragraph `n` (from 1) of `article` that shows where
/// `actor` is mentioned: the sentence holding the first mention (the whole
/// paragraph when it is short), with the actor's name highlighted.
///
/// An actor page shows thousands of these: each is written straight into
/// the page when the template shows it, never held as a string of its own.
#[derive(Debug, Clone, Copy)]
pub struct MentionExcerpt<'p> {
    article: &'p Article,
    n: usize,
    actor: usize,
}

/// The excerpt of paragraph `n` (from 1) of `article` mentioning `actor`.
pub fn mention_excerpt(article: &Article, n: usize, actor: usize) -> MentionExcerpt<'_> {
    MentionExcerpt { article, n, actor }
}

impl MentionExcerpt<'_> {
    /// Writes the excerpt's HTML to `out`.
    fn write<W: StrWrite>(&self, mut out: W) -> Result<(), W::Error> {
        let text = &self.article.paragraphs[self.n - 1];
        let mentions = || {
            self.article.mentions[self.n - 1]
                .iter()
                .filter(|m| m.actor == self.actor)
                .map(|m| &m.range)
        };
        let (mut start, mut end) = (0, text.len());
        if let Some(first) = mentions().next().filter(|_| text.len() > SHORT_PARAGRAPH) {
            start = sentence_start(text, first.start);
            end = sentence_end(text, first.end);
        }
        if start > 0 {
            out.write_str("… ")?;
        }
        let mut at = start;
        for m in mentions().filter(|m| m.start >= start && m.end <= end) {
            escape_html(&mut out, &text[at..m.start])?;
            out.write_str("<strong class=\"mention\">")?;
            escape_html(&mut out, &text[m.start..m.end])?;
            out.write_str("</strong>")?;
            at = m.end;
        }
        escape_html(&mut out, &text[at..end])?;
        if end < text.len() {
            out.write_str(" …")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for MentionExcerpt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write(FmtWriter(f))
    }
}

/// The compiled theme writes it straight into the page.
impl askama::FastWritable for MentionExcerpt<'_> {
    fn write_into(
        &self,
        dest: &mut dyn std::fmt::Write,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(self.write(FmtWriter(dest))?)
    }
}

impl Serialize for MentionExcerpt<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut html = String::with_capacity(SHORT_PARAGRAPH + 64);
        // writing to a String cannot fail
        let _ = self.write(&mut html);
        Html(html).serialize(serializer)
    }
}

/// Where the sentence holding byte `at` starts.
fn sentence_start(text: &str, at: usize) -> usize {
    memchr::memrchr3(b'.', b'?', b'!', &text.as_bytes()[..at])
        .map_or(0, |p| {
            let after = p + 1;
            if text[after..].starts_with(char::is_whitespace) {
                after + (text[after..].len() - text[after..].trim_start().len())
            } else {
                0
            }
        })
        .min(at)
}

/// Where the sentence holding byte `at` ends (after its full stop).
fn sentence_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    for p in memchr::memchr3_iter(b'.', b'?', b'!', &bytes[at..]) {
        let after = at + p + 1;
        let rest = &text[after..];
        if rest.is_empty()
            || rest.starts_with(char::is_whitespace)
            || rest.starts_with(['"', '”', '’'])
        {
            let closing = rest.len() - rest.trim_start_matches(['"', '”', '’']).len();
            return after + closing;
        }
    }
    text.len()
}

/// The HTML of paragraph `n` (from 1) of `article`, with mentions linked or
/// marked and cited passages marked.
pub fn paragraph_html(
    article: &Article,
    n: usize,
    refs: &PageRefs<'_>,
    style: &ParagraphStyle<'_>,
) -> Html {
    let text = &article.paragraphs[n - 1];
    let mentions = &article.mentions[n - 1];
    // cut points: every mark and mention boundary
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in style.marks {
        cuts.extend([r.start, r.end]);
    }
    for m in mentions {
        cuts.extend([m.range.start, m.range.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    // room for the text and the markup around its marks and mentions
    let markup = 24 * style.marks.len() + (40 + 2 * refs.root().len() + 40) * mentions.len();
    let mut out = String::with_capacity(text.len() + text.len() / 16 + markup);
    // most captured paragraphs are one line: then no segment needs its line
    // breaks turned into spaces
    let one_line = memchr::memchr(b'\n', text.as_bytes()).is_none();
    let push = |out: &mut String, segment: &str| {
        if one_line {
            escape_into(out, segment);
        } else {
            push_line(out, segment);
        }
    };
    let mut in_mark = false;
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let marked = style.marks.iter().any(|r| r.start <= start && end <= r.end);
        // one <mark> per run of cited text, around the mentions inside it
        if marked != in_mark {
            out.push_str(if marked {
                "<mark class=\"cited\">"
            } else {
                "</mark>"
            });
            in_mark = marked;
        }
        match mentions
            .iter()
            .find(|m| m.range.start <= start && end <= m.range.end)
        {
            Some(m) if style.link_mentions => {
                // ids and the root path hold nothing to escape
                out.push_str("<a class=\"mention\" href=\"");
                refs.push_href(&mut out, Target::Actor(m.actor));
                out.push_str("\">");
                push(&mut out, &text[start..end]);
                out.push_str("</a>");
            }
            _ => push(&mut out, &text[start..end]),
        }
    }
    if in_mark {
        out.push_str("</mark>");
    }
    Html(out)
}

/// Appends `text` escaped, its line breaks as spaces.
fn push_line(out: &mut String, text: &str) {
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        escape_into(out, first);
    }
    for line in lines {
        out.push(' ');
        escape_into(out, line);
    }
}

#[cfg(test)]
mod tests {
    use super::{sentence_end, sentence_start};

    #[test]
    fn excerpts_are_whole_sentences() {
        let text = "First one. Kataib Hezbollah said “no.” Then U.S. forces left! Last";
        let at = text.find("Kataib").unwrap_or(0);
        assert_eq!(
            &text[sentence_start(text, at)..sentence_end(text, at + 6)],
            "Kataib Hezbollah said “no.”"
        );
        let at = text.find("forces").unwrap_or(0);
        assert_eq!(
            &text[sentence_start(text, at)..sentence_end(text, at)],
            "forces left!",
            "an abbreviation may cut a sentence short, never a word"
        );
        let at = text.find("Last").unwrap_or(0);
        assert_eq!(
            &text[sentence_start(text, at)..sentence_end(text, at)],
            "Last"
        );
        assert_eq!(sentence_start(text, 3), 0);
    }
}
