//! The pieces page contexts are made of: what a template sees of an actor,
//! an event, an article or a paragraph. Built from the resolved pack, with
//! links made relative to the page being rendered; the markup inside them
//! (mentions, links, cited passages, event cards) comes from the theme's
//! partials, through [`Fragments`].

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::{
    ActorKind, Article, Citer, Confidence, Event, Grade, Inline, Pack, Piece, RelationType,
    RichText, Status, Target,
};

use super::fragments::{Card, Fragments, RowTemplate};
use super::html::{Html, escape_into};
use super::refs::PageRefs;
use super::stencil::{Field, Row};

/// A value made once per link style and shared by every page of that style
/// that shows it (see [`Fragments`]); made on the spot for other pages.
fn shared(
    slot: Option<&super::fragments::PerStyle<tera::Value>>,
    refs: &PageRefs<'_>,
    make: impl FnOnce() -> tera::Value,
) -> tera::Value {
    match (slot, refs.link_style()) {
        (Some(values), Some(style)) => values[style].get_or_init(make).clone(),
        _ => make(),
    }
}

/// What templates see of a link to an actor.
#[derive(Debug, Serialize)]
struct ActorLinkView<'p> {
    /// The actor's id.
    id: &'p str,
    /// Its name.
    name: &'p str,
    /// Its kind.
    kind: ActorKind,
    /// Relative link to its page (or its part of the print document).
    href: String,
}

/// What templates see of a link to an article, with its source line.
#[derive(Debug, Serialize)]
struct ArticleLinkView<'p> {
    /// The article's id.
    id: &'p str,
    /// Its title.
    title: &'p str,
    /// Its publisher.
    publisher: &'p str,
    /// Its publication date, for display.
    date: &'p str,
    /// Relative link to its page (or its part of the print document).
    href: String,
}

/// A link to an actor, as templates see it: `id`, `name`, `kind` and
/// `href`. Made once per link style and shared.
pub type ActorLink = tera::Value;

/// A source's grade as templates see it (`partials/grade.html`): `letter`
/// (A–F on the Admiralty scale) and its `meaning`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct GradeView {
    pub letter: Grade,
    pub meaning: &'static str,
}

impl From<Grade> for GradeView {
    fn from(grade: Grade) -> GradeView {
        GradeView {
            letter: grade,
            meaning: grade.meaning(),
        }
    }
}

/// A link to an article, as templates see it: `id`, `title`, `publisher`,
/// `date` and `href`. Made once per link style and shared.
pub type ArticleLink = tera::Value;

/// Link to an actor from the page of `refs`.
pub fn actor_link(pack: &Pack, fr: &Fragments, i: usize, refs: &PageRefs<'_>) -> ActorLink {
    shared(fr.actor_links.get(i), refs, || {
        let a = &pack.actors[i];
        tera::Value::from_serializable(&ActorLinkView {
            id: &a.id,
            name: &a.name,
            kind: a.kind,
            href: refs.href(Target::Actor(i)),
        })
    })
}

/// Link to an article from the page of `refs`.
pub fn article_link(pack: &Pack, fr: &Fragments, i: usize, refs: &PageRefs<'_>) -> ArticleLink {
    shared(fr.article_links.get(i), refs, || {
        let a = &pack.articles[i];
        tera::Value::from_serializable(&ArticleLinkView {
            id: &a.id,
            title: &a.title,
            publisher: &a.publisher,
            date: &a.published_shown,
            href: refs.href(Target::Article(i)),
        })
    })
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

/// Link to whatever cites an article.
pub fn citer_link(pack: &Pack, citer: Citer, refs: &PageRefs<'_>) -> Link {
    let (target, kind) = match citer {
        Citer::Pack => {
            let href = if refs.is_document() {
                "#summary".to_string()
            } else {
                format!("{}{}", refs.root(), crate::routes::Route::Home.path())
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

/// The name shown for `target`.
pub fn target_name(pack: &Pack, target: Target) -> &str {
    match target {
        Target::Actor(i) => &pack.actors[i].name,
        Target::Article(i) => &pack.articles[i].title,
        Target::Event(i) => &pack.events[i].title,
    }
}

/// The HTML of `text` for one page: `[[links]]` through the theme's link
/// partial, relative to the page, and citations as placeholders numbered
/// on the page.
pub fn fill(
    text: &RichText,
    pack: &Pack,
    fr: &Fragments,
    refs: &mut PageRefs<'_>,
) -> Result<Html, Diagnostic> {
    let html = text
        .html
        .get_or_init(|| super::markdown::to_html(&text.markdown));
    if text.inlines.is_empty() {
        return Ok(Html(html.clone()));
    }
    let mut out = String::with_capacity(html.len() + 64 * text.inlines.len());
    for part in parts(text, html, pack) {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Link(target, shown) => {
                let href = refs.href(target);
                fr.push_link(&mut out, target, &href, refs.link_style(), shown)?;
            }
            Part::Cite(id) => {
                // a reference number sits against the word it supports
                let kept = out.trim_end_matches([' ', '\n']).len();
                out.truncate(kept);
                refs.push_cite(&mut out, id);
            }
        }
    }
    Ok(Html(out))
}

/// A piece of a rich text's rendering (`rendered`, its HTML or its words,
/// holding the text's placeholders): text as it is, a `[[link]]` with the
/// words it shows, or a citation.
pub enum Part<'a> {
    /// Text between placeholders.
    Text(&'a str),
    /// A link to `Target`, showing the text given or the target's name.
    Link(Target, &'a str),
    /// A citation.
    Cite(crate::model::CitationId),
}

/// The parts of `rendered`, made from `text`, in order; a placeholder that
/// names no inline of `text` is left out.
pub fn parts<'a>(
    text: &'a RichText,
    rendered: &'a str,
    pack: &'a Pack,
) -> impl Iterator<Item = Part<'a>> {
    crate::model::pieces(rendered).filter_map(move |piece| match piece {
        Piece::Text(t) => Some(Part::Text(t)),
        Piece::Inline(n) => match n.and_then(|n| text.inlines.get(n))? {
            Inline::Link {
                target,
                text: shown,
            } => Some(Part::Link(
                *target,
                shown
                    .as_deref()
                    .unwrap_or_else(|| target_name(pack, *target)),
            )),
            Inline::Cite(id) => Some(Part::Cite(*id)),
        },
    })
}

/// [`fill`] for an optional text: `None` when it is absent.
pub fn fill_given(
    text: Option<&RichText>,
    pack: &Pack,
    fr: &Fragments,
    refs: &mut PageRefs<'_>,
) -> Result<Option<Html>, Diagnostic> {
    text.map(|t| fill(t, pack, fr, refs)).transpose()
}

/// An event as templates see it, inside a card and in lists.
#[derive(Debug, Serialize)]
struct EventView<'p> {
    /// Id (the chronology anchor).
    id: &'p str,
    /// Relative link to its chronology entry.
    href: String,
    /// The date as shown ("late January 2024").
    date: &'p str,
    /// The date as written.
    date_source: &'p str,
    /// The machine-readable part of the date, for `<time datetime>`.
    datetime: String,
    /// The year it starts in, for grouping.
    year: i32,
    /// Title.
    title: &'p str,
    /// Kind.
    kind: Option<&'p str>,
    /// Location.
    location: Option<&'p str>,
    /// Status.
    status: Option<Status>,
    /// Participants: `actor` (a link) and `role`; made only when a template
    /// shows them ([`Fragments::event_actors`]).
    actors: tera::Value,
    /// The participants drawn by `partials/participant.html`.
    participants: Html,
    /// Summary HTML.
    summary: Option<Html>,
    /// Citation markers HTML.
    cites: Html,
}

/// An actor in an event, with its role.
#[derive(Debug, Serialize)]
struct Participant {
    /// The actor.
    actor: ActorLink,
    /// Its role ("involved" when the event names none).
    role: String,
}

/// The values of event `i` for the page of `refs`.
fn event_view<'p>(
    pack: &'p Pack,
    fr: &Fragments,
    i: usize,
    refs: &mut PageRefs<'_>,
) -> Result<EventView<'p>, Diagnostic> {
    let e: &Event = &pack.events[i];
    let cites = refs.markers(&e.cites);
    let summary = fill_given(e.summary.as_ref(), pack, fr, refs)?;
    let mut participants = String::new();
    let mut href = String::new();
    for (k, (a, role)) in e.actors.iter().enumerate() {
        href.clear();
        refs.push_href(&mut href, Target::Actor(*a));
        let row = ParticipantRow {
            href: &href,
            name: &pack.actors[*a].name,
            role: if role == "involved" { "" } else { role },
            more: k + 1 < e.actors.len(),
        };
        fr.row(RowTemplate::Participant, &row, &mut participants)?;
    }
    let actors = if fr.event_actors() {
        let actors: Vec<Participant> = e
            .actors
            .iter()
            .map(|(a, role)| Participant {
                actor: actor_link(pack, fr, *a, refs),
                role: role.clone(),
            })
            .collect();
        tera::Value::from_serializable(&actors)
    } else {
        tera::Value::none()
    };
    Ok(EventView {
        id: &e.id,
        href: refs.href(Target::Event(i)),
        date: &e.date_shown,
        date_source: &e.date.0,
        datetime: e.date.1.machine(),
        year: e.date.1.start.earliest_day().0,
        title: &e.title,
        kind: e.kind.as_deref(),
        location: e.location.as_deref(),
        status: e.status,
        actors,
        participants: Html(participants),
        summary,
        cites,
    })
}

/// An actor of an event, as `partials/participant.html` draws it: `href`,
/// `name`, `role` (empty when the event names none) and `more` (true but
/// for the last).
#[derive(Serialize)]
struct ParticipantRow<'a> {
    href: &'a str,
    name: &'a str,
    role: &'a str,
    more: bool,
}

impl Row for ParticipantRow<'_> {
    const FIELDS: &'static [&'static str] = &["href", "name", "role", "more"];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Text(self.href),
            1 => Field::Text(self.name),
            2 => Field::Text(self.role),
            _ => Field::Flag(self.more),
        }
    }
}

/// An event as `partials/event.html` and `partials/print-event.html` draw
/// it: `event` (its values), `link_title` and `root`.
#[derive(Serialize)]
struct CardRow<'a, 'p> {
    event: &'a EventView<'p>,
    link_title: bool,
    root: &'a str,
}

impl Row for CardRow<'_, '_> {
    const FIELDS: &'static [&'static str] = &[
        "event.id",
        "event.href",
        "event.date",
        "event.date_source",
        "event.datetime",
        "event.title",
        "event.kind",
        "event.location",
        "event.status",
        "event.participants",
        "event.summary",
        "event.cites",
        "link_title",
        "root",
    ];
    fn field(&self, i: usize) -> Field<'_> {
        let e = self.event;
        match i {
            0 => Field::Text(e.id),
            1 => Field::Text(&e.href),
            2 => Field::Text(e.date),
            3 => Field::Text(e.date_source),
            4 => Field::Text(&e.datetime),
            5 => Field::Text(e.title),
            6 => Field::Text(e.kind.unwrap_or("")),
            7 => Field::Text(e.location.unwrap_or("")),
            8 => Field::Text(e.status.map_or("", Status::as_str)),
            9 => Field::Html(&e.participants.0),
            10 => Field::Html(e.summary.as_ref().map_or("", |s| s.0.as_str())),
            11 => Field::Html(&e.cites.0),
            12 => Field::Flag(self.link_title),
            _ => Field::Text(self.root),
        }
    }
}

/// How a list shows its events: which partial draws its cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `partials/event.html`, the title plain text (the chronology, where
    /// the card is the event's entry).
    Card,
    /// `partials/event.html`, the title linking to the chronology.
    LinkedCard,
    /// `partials/print-event.html`, for the print document.
    Print,
}

/// An event in a list: `event`, its values as templates see them, and
/// `card`, the HTML of its partial.
#[derive(Debug, Clone, Serialize)]
pub struct EventEntry {
    /// The event's values.
    pub event: tera::Value,
    /// The event drawn by its partial.
    pub card: tera::Value,
}

/// Event `i` as lists show it, its card drawn as `entry` asks. Its values
/// are made once per link style and its card once per style and partial,
/// then shared; the event's citations are numbered on the page of `refs`.
pub fn event_entry(
    pack: &Pack,
    fr: &Fragments,
    i: usize,
    refs: &mut PageRefs<'_>,
    entry: Entry,
) -> Result<EventEntry, Diagnostic> {
    let card_of = |view: &EventView<'_>, refs: &PageRefs<'_>| -> Result<tera::Value, Diagnostic> {
        let template = match entry {
            Entry::Card | Entry::LinkedCard => RowTemplate::Card,
            Entry::Print => RowTemplate::PrintEvent,
        };
        let mut card = String::with_capacity(2048);
        let row = CardRow {
            event: view,
            link_title: entry == Entry::LinkedCard,
            root: refs.root(),
        };
        fr.row(template, &row, &mut card)?;
        Ok(tera::Value::safe_string(&card))
    };
    let (Some(slots), Some(style)) = (fr.events.get(i), refs.link_style()) else {
        let view = event_view(pack, fr, i, refs)?;
        return Ok(EventEntry {
            event: values_of(fr, &view),
            card: card_of(&view, refs)?,
        });
    };
    let (shared, card) = (&slots.values[style], &slots.cards[style][entry as usize]);
    if let (Some(values), Some(card)) = (shared.get(), card.get()) {
        refs.number_all(&values.cites);
        return Ok(EventEntry {
            event: values.value.clone(),
            card: card.clone(),
        });
    }
    let mut own = refs.same_links();
    let view = event_view(pack, fr, i, &mut own)?;
    let made = card_of(&view, &own)?;
    let values = shared.get_or_init(|| Card {
        value: values_of(fr, &view),
        cites: Arc::from(own.order()),
    });
    let card = card.get_or_init(|| made);
    refs.number_all(&values.cites);
    Ok(EventEntry {
        event: values.value.clone(),
        card: card.clone(),
    })
}

/// An event's values as templates see them in a list (`e.event`), when a
/// template shows them; else nothing, so that no page pays for them.
fn values_of(fr: &Fragments, view: &EventView<'_>) -> tera::Value {
    if fr.event_values() {
        tera::Value::from_serializable(view)
    } else {
        tera::Value::none()
    }
}

/// A key judgment or a key point, as templates see it.
#[derive(Debug, Serialize)]
pub struct JudgmentView {
    /// Its text.
    pub text: Html,
    /// low, moderate or high (judgments only).
    pub confidence: Option<Confidence>,
    /// The markers of its structured citations.
    pub cites: Html,
}

/// `html` without the line break markdown ends it with, so that the
/// markers a template puts after it sit against its last word.
fn without_last_break(mut html: Html) -> Html {
    let kept = html.0.trim_end().len();
    html.0.truncate(kept);
    html
}

/// The pack's key judgments for the page of `refs`.
pub fn key_judgments(
    pack: &Pack,
    fr: &Fragments,
    refs: &mut PageRefs<'_>,
) -> Result<Vec<JudgmentView>, Diagnostic> {
    pack.key_judgments
        .iter()
        .map(|k| {
            Ok(JudgmentView {
                text: without_last_break(fill(&k.text, pack, fr, refs)?),
                confidence: k.confidence,
                cites: refs.markers(&k.cites),
            })
        })
        .collect()
}

/// The key points of article `i` for the page of `refs`.
pub fn key_points(
    pack: &Pack,
    fr: &Fragments,
    i: usize,
    refs: &mut PageRefs<'_>,
) -> Result<Vec<JudgmentView>, Diagnostic> {
    pack.articles[i]
        .key_points
        .iter()
        .map(|k| {
            Ok(JudgmentView {
                text: without_last_break(fill(&k.text, pack, fr, refs)?),
                confidence: None,
                cites: refs.markers(&k.cites),
            })
        })
        .collect()
}

/// One side of a relation, as templates see it.
#[derive(Debug, Serialize)]
pub struct RelationView {
    /// The wording on this side ("member of", "has member").
    pub wording: &'static str,
    /// The relation type.
    pub kind: RelationType,
    /// The actor on the other side.
    pub other: ActorLink,
    /// The markers of its citations.
    pub cites: Html,
}

/// The relations of actor `i` for the page of `refs`.
pub fn relations(
    pack: &Pack,
    fr: &Fragments,
    i: usize,
    refs: &mut PageRefs<'_>,
) -> Vec<RelationView> {
    pack.actors[i]
        .relations
        .iter()
        .map(|r| RelationView {
            wording: r.wording,
            kind: r.kind,
            other: actor_link(pack, fr, r.other, refs),
            cites: refs.markers(&r.cites),
        })
        .collect()
}

/// Paragraphs up to this many bytes are shown whole in mention excerpts.
const SHORT_PARAGRAPH: usize = 280;

/// The excerpt of paragraph `n` (from 1) of `article` that shows where
/// actor `actor` is mentioned, for the actor's own page: the sentence
/// holding the first mention (the whole paragraph when it is short), with
/// each mention of the actor marked by the theme's mention partial.
///
/// The excerpt is appended to `out`; `link` is the actor's link value.
pub fn push_mention_excerpt(
    out: &mut String,
    fr: &Fragments,
    article: &Article,
    n: usize,
    (actor, link): (usize, &ActorLink),
) -> Result<(), Diagnostic> {
    let text = &article.paragraphs[n - 1];
    let mentions = || {
        article.mentions[n - 1]
            .iter()
            .filter(|m| m.actor == actor)
            .map(|m| &m.range)
    };
    let (mut start, mut end) = (0, text.len());
    if let Some(first) = mentions().next().filter(|_| text.len() > SHORT_PARAGRAPH) {
        start = sentence_start(text, first.start);
        end = sentence_end(text, first.end);
    }
    if start > 0 {
        out.push_str("… ");
    }
    let mut at = start;
    for m in mentions().filter(|m| m.start >= start && m.end <= end) {
        escape_into(out, &text[at..m.start]);
        let no_link: Option<fn() -> String> = None;
        fr.push_mention(
            out,
            (actor, || link.clone()),
            no_link,
            None,
            &text[m.start..m.end],
        )?;
        at = m.end;
    }
    escape_into(out, &text[at..end]);
    if end < text.len() {
        out.push_str(" …");
    }
    Ok(())
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

/// How to show one body paragraph.
pub struct ParagraphStyle<'a> {
    /// Ranges to mark as cited passages.
    pub marks: &'a [Range<usize>],
    /// Link mentions to actor pages.
    pub link_mentions: bool,
}

/// The HTML of paragraph `n` (from 1) of `article`: mentions linked through
/// the theme's mention partial, cited passages through its passage partial.
pub fn paragraph_html(
    pack: &Pack,
    fr: &Fragments,
    article: &Article,
    n: usize,
    refs: &PageRefs<'_>,
    style: &ParagraphStyle<'_>,
) -> Result<Html, Diagnostic> {
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
    // room for the text and the markup around its mentions
    let markup = (40 + 2 * refs.root().len() + 40) * mentions.len();
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
    // the HTML of the cited passage being written, when one is
    let mut passage: Option<String> = None;
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        let marked = style.marks.iter().any(|r| r.start <= start && end <= r.end);
        // one passage per run of cited text, around the mentions inside it
        match (marked, passage.take()) {
            (true, None) => passage = Some(String::with_capacity(256)),
            (true, Some(open)) => passage = Some(open),
            (false, Some(done)) => out.push_str(&fr.passage(&done)?),
            (false, None) => {}
        }
        let into = passage.as_mut().unwrap_or(&mut out);
        match mentions
            .iter()
            .find(|m| m.range.start <= start && end <= m.range.end)
        {
            Some(m) if style.link_mentions => {
                let link = || actor_link(pack, fr, m.actor, refs);
                let shown = if one_line {
                    std::borrow::Cow::Borrowed(&text[start..end])
                } else {
                    std::borrow::Cow::Owned(text[start..end].replace('\n', " "))
                };
                let href = || refs.href(Target::Actor(m.actor));
                fr.push_mention(into, (m.actor, link), Some(href), refs.link_style(), &shown)?;
            }
            _ => push(into, &text[start..end]),
        }
    }
    if let Some(done) = passage {
        out.push_str(&fr.passage(&done)?);
    }
    Ok(Html(out))
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
