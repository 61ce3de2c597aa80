//! The resolved pack: what the render stage reads. Every id here has been
//! checked and turned into an index, every quote found in its paragraph, so a
//! renderer never re-checks anything. The rules that content values follow
//! whatever the stage ([`date`], [`ids`]) are here too.

pub mod date;
pub mod ids;
pub mod vocab;

use std::path::PathBuf;
use std::sync::OnceLock;

pub use date::Date;
pub use vocab::{ActorKind, Confidence, Grade, RelationType, Status};

/// A whole resolved pack.
#[derive(Debug, Default)]
pub struct Pack {
    /// Title of the pack (required).
    pub title: String,
    /// Subtitle shown under the title.
    pub subtitle: Option<String>,
    /// The protective marking printed at the top and bottom of every page.
    pub marking: Option<String>,
    /// Who wrote the pack.
    pub author: Option<String>,
    /// The as-of date, as written and parsed.
    pub date: Option<(String, Date)>,
    /// Language of the pack (`lang` of every page).
    pub language: String,
    /// Absolute URL of the site root, for sitemap and canonical links.
    pub base_url: Option<String>,
    /// Bottom line up front.
    pub summary: Option<RichText>,
    /// Key judgments with their confidence.
    pub key_judgments: Vec<KeyJudgment>,
    /// Articles, ordered by id.
    pub articles: Vec<Article>,
    /// Actors, ordered by id.
    pub actors: Vec<Actor>,
    /// Events in chronological order (date, precision, id).
    pub events: Vec<Event>,
    /// Every distinct citation in the pack; others refer to them by index.
    pub citations: Vec<Citation>,
    /// Files of `content/static/` to copy to the output root.
    pub static_files: Vec<StaticFile>,
}

/// A file copied verbatim into the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path relative to the output root, with `/` separators.
    pub output_path: String,
    /// Where to read it from.
    pub source: PathBuf,
}

/// A key judgment of the pack.
#[derive(Debug)]
pub struct KeyJudgment {
    /// The judgment.
    pub text: RichText,
    /// low, moderate or high.
    pub confidence: Option<Confidence>,
    /// Structured citations given beside the text.
    pub cites: Vec<CitationId>,
}

/// Index into [`Pack::citations`].
pub type CitationId = usize;

/// What a link or a citation can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// `actors/<id>/`.
    Actor(usize),
    /// An entry of the chronology.
    Event(usize),
    /// `articles/<id>/`.
    Article(usize),
}

/// A piece of markdown with its `[[links]]` and `[@citations]` resolved.
/// The markdown keeps a placeholder for each of them (see [`placeholder`]);
/// the renderer turns it into HTML once and then fills the placeholders in
/// for each page, where citations get that page's reference numbers.
#[derive(Debug, Default)]
pub struct RichText {
    /// The markdown as the user wrote it (for `pack.json`).
    pub source: String,
    /// The markdown with placeholders in place of links and citations.
    pub markdown: String,
    /// What each placeholder stands for, by number.
    pub inlines: Vec<Inline>,
    /// The HTML of `markdown`, made once by the renderer.
    pub html: OnceLock<String>,
}

/// A link or citation inside markdown.
#[derive(Debug, Clone)]
pub enum Inline {
    /// `[[id]]` or `[[id|text]]`.
    Link {
        /// What it links to.
        target: Target,
        /// The text shown, when given.
        text: Option<String>,
    },
    /// `[@article]` or `[@article "quote"]`.
    Cite(CitationId),
}

/// The private-use characters the build writes as placeholders, U+E000 to
/// U+E003. Content cannot forge one: every file is read with its own
/// replaced by U+FFFD ([`without_placeholders`]), so every one in the
/// build's HTML is the build's.
pub fn is_placeholder_char(c: char) -> bool {
    ('\u{E000}'..='\u{E003}').contains(&c)
}

/// `text` with any placeholder character of its own replaced by U+FFFD.
pub fn without_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    // their UTF-8 form starts with the byte 0xEE, rare in text: look for it first
    let maybe = memchr::memchr(0xEE, text.as_bytes()).is_some();
    if maybe && text.chars().any(is_placeholder_char) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| {
                    if is_placeholder_char(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The placeholder standing for inline number `n` inside [`RichText::markdown`]:
/// private-use characters that markdown and sanitising leave alone.
pub fn placeholder(n: usize) -> String {
    format!("\u{E000}{n}\u{E001}")
}

/// A piece of a text holding [`placeholder`]s: text as it is, or the inline
/// a placeholder stands for (`None` when its number is not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text between placeholders.
    Text(&'a str),
    /// A placeholder's inline number.
    Inline(Option<usize>),
}

/// `text` split at its [`placeholder`]s, in order; an opening character
/// with no closing one is dropped.
pub fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    let mut pending: Option<Piece<'_>> = None;
    std::iter::from_fn(move || {
        if let Some(p) = pending.take() {
            return Some(p);
        }
        if rest.is_empty() {
            return None;
        }
        let Some(open) = rest.find('\u{E000}') else {
            let text = rest;
            rest = "";
            return Some(Piece::Text(text));
        };
        let before = &rest[..open];
        let after = &rest[open + '\u{E000}'.len_utf8()..];
        match after.find('\u{E001}') {
            Some(close) => {
                pending = Some(Piece::Inline(after[..close].parse().ok()));
                rest = &after[close + '\u{E001}'.len_utf8()..];
            }
            None => rest = after,
        }
        Some(Piece::Text(before))
    })
}

/// A citation of an article, or of one passage in it.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The article cited.
    pub article: usize,
    /// The passage, when one is quoted.
    pub passage: Option<Passage>,
    /// The link to the original with a text fragment for the passage, made
    /// the first time a page lists this citation.
    pub original: std::sync::OnceLock<Option<String>>,
}

/// Where a quote was found.
#[derive(Debug, Clone)]
pub struct Passage {
    /// The quote as written in the YAML.
    pub quote: String,
    /// The body paragraph that holds it, from 1.
    pub paragraph: usize,
    /// Byte range of the quote inside that paragraph's text.
    pub range: std::ops::Range<usize>,
    /// The passage as it stands in the article, white space folded.
    pub text: String,
}

/// What cites an article: shown as "cited by" on the article page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Citer {
    /// The pack's summary or a key judgment.
    Pack,
    /// An actor's summary or one of its relations.
    Actor(usize),
    /// An event.
    Event(usize),
    /// An article's own summary or key points.
    Article(usize),
}

/// A captured article with its summary.
#[derive(Debug)]
pub struct Article {
    /// The id (file stem).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Byline, if known.
    pub author: Option<String>,
    /// Publication date as written, and parsed.
    pub published: (String, Date),
    /// The publication date as pages show it ("22 April 2024").
    pub published_shown: String,
    /// Last update, if known.
    pub updated: Option<(String, Date)>,
    /// The original location.
    pub url: Option<String>,
    /// Language of the text.
    pub language: Option<String>,
    /// Admiralty source grade A–F.
    pub reliability: Option<Grade>,
    /// The analyst's summary.
    pub summary: Option<RichText>,
    /// Key points, each with citations into this article.
    pub key_points: Vec<KeyPoint>,
    /// The body, paragraph by paragraph (paragraph n is `paragraphs[n - 1]`).
    pub paragraphs: Vec<String>,
    /// For each body paragraph, the actors it mentions and where.
    pub mentions: Vec<Vec<Mention>>,
    /// Everything that cites this article, with the citation used.
    pub cited_by: Vec<(Citer, CitationId)>,
}

/// A key point of an article.
#[derive(Debug)]
pub struct KeyPoint {
    /// The point.
    pub text: RichText,
    /// Its citations.
    pub cites: Vec<CitationId>,
}

/// An actor's name found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The actor named.
    pub actor: usize,
    /// Byte range of the name in the paragraph.
    pub range: std::ops::Range<usize>,
}

/// A person, group, government or other actor.
#[derive(Debug, Default)]
pub struct Actor {
    /// The id (file stem).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What kind of actor.
    pub kind: ActorKind,
    /// Other names it goes by in the articles.
    pub aliases: Vec<String>,
    /// Who they are.
    pub summary: Option<RichText>,
    /// Relations, both those written on this actor and the inverse of those
    /// written on others.
    pub relations: Vec<Relation>,
    /// Events it took part in (index, role), in chronological order.
    pub events: Vec<(usize, String)>,
    /// Paragraphs that mention it: (article, paragraph from 1), in article order.
    pub mentions: Vec<(usize, usize)>,
}

/// One side of a relation between two actors.
#[derive(Debug)]
pub struct Relation {
    /// The relation type.
    pub kind: RelationType,
    /// The wording on this side: "member of" or, inverted, "has member".
    pub wording: &'static str,
    /// The actor on the other side.
    pub other: usize,
    /// Its citations.
    pub cites: Vec<CitationId>,
}

/// A dated happening.
#[derive(Debug)]
pub struct Event {
    /// The id, also its anchor in the chronology.
    pub id: String,
    /// The date as written, and parsed.
    pub date: (String, Date),
    /// The date as pages show it ("late January 2024").
    pub date_shown: String,
    /// What happened, in one line.
    pub title: String,
    /// attack, strike, statement, talks …
    pub kind: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// How far the sources establish it.
    pub status: Option<Status>,
    /// Who took part, with their role.
    pub actors: Vec<(usize, String)>,
    /// More detail.
    pub summary: Option<RichText>,
    /// Sources (at least one).
    pub cites: Vec<CitationId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_at_placeholders_and_keep_the_rest() {
        let text = format!(
            "a{}b{}\u{E000}x\u{E001}c\u{E000}tail",
            placeholder(0),
            placeholder(12)
        );
        let found: Vec<Piece> = pieces(&text).collect();
        assert_eq!(
            found,
            [
                Piece::Text("a"),
                Piece::Inline(Some(0)),
                Piece::Text("b"),
                Piece::Inline(Some(12)),
                Piece::Text(""),
                Piece::Inline(None),
                Piece::Text("c"),
                Piece::Text("tail"),
            ]
        );
        assert_eq!(pieces("").count(), 0);
    }
}
