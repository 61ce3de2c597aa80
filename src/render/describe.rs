//! Each page's meta description, one line a search engine or a link preview
//! shows: the page's own summary where the pack gives one, else what the
//! page holds, in words.

use super::plain::{plain_text, shortened};
use crate::model::Pack;

/// The overview: the pack's summary, else its subtitle, else its title.
pub fn home(pack: &Pack) -> String {
    let text = match (&pack.summary, &pack.subtitle) {
        (Some(summary), _) => plain_text(summary, pack),
        (None, Some(subtitle)) => format!("{}: {subtitle}", pack.title),
        (None, None) => format!("{}: a briefing pack.", pack.title),
    };
    shortened(&text)
}

/// The chronology: how many events, over which dates.
pub fn chronology(pack: &Pack) -> String {
    let span = match (pack.events.first(), pack.events.last()) {
        (Some(first), Some(last)) if pack.events.len() > 1 => {
            format!(", from {} to {}", first.date_shown, last.date_shown)
        }
        (Some(only), _) => format!(", {}", only.date_shown),
        _ => String::new(),
    };
    shortened(&format!(
        "The chronology of {}: {} {}{span}, each with its sources.",
        pack.title,
        pack.events.len(),
        plural(pack.events.len(), "event", "events"),
    ))
}

/// A page of the split chronology (`label`: "2024", "March 2024"),
/// holding `count` events.
pub fn period(pack: &Pack, label: &str, count: usize) -> String {
    shortened(&format!(
        "The chronology of {}, {label}: {count} {}, each with its sources.",
        pack.title,
        plural(count, "event", "events"),
    ))
}

/// The search page.
pub fn search(pack: &Pack) -> String {
    shortened(&format!(
        "Search {}: its actors and their aliases, events, key judgments and points, and every paragraph of its sources.",
        pack.title
    ))
}

/// The actors index.
pub fn actors(pack: &Pack) -> String {
    shortened(&format!(
        "The {} {} of {}, by kind, with their events and mentions.",
        pack.actors.len(),
        plural(pack.actors.len(), "actor", "actors"),
        pack.title
    ))
}

/// Page `n` of actor `i`'s list of `what` ("events", "mentions").
pub fn actor_list(pack: &Pack, i: usize, what: &str, n: usize) -> String {
    shortened(&format!(
        "{}: {what} in {}, page {n}, newest first.",
        pack.actors[i].name, pack.title
    ))
}

/// Actor `i`: its summary, else its kind and counts.
pub fn actor(pack: &Pack, i: usize) -> String {
    let a = &pack.actors[i];
    let text = match &a.summary {
        Some(summary) => plain_text(summary, pack),
        None => format!(
            "{}, in {}: {} {} and {} {} of the sources.",
            a.name,
            a.kind.group_label().to_lowercase(),
            a.events.len(),
            plural(a.events.len(), "event", "events"),
            a.mentions.len(),
            plural(a.mentions.len(), "paragraph", "paragraphs"),
        ),
    };
    shortened(&text)
}

/// The sources index.
pub fn articles(pack: &Pack) -> String {
    shortened(&format!(
        "The {} {} of {}: publisher, date, grade and what cites them.",
        pack.articles.len(),
        plural(pack.articles.len(), "source", "sources"),
        pack.title
    ))
}

/// Article `i`: its summary, else its title, publisher and date.
pub fn article(pack: &Pack, i: usize) -> String {
    let a = &pack.articles[i];
    let text = match &a.summary {
        Some(summary) => plain_text(summary, pack),
        None => format!("{}: {}, {}.", a.title, a.publisher, a.published_shown),
    };
    shortened(&text)
}

/// The briefing book.
pub fn print(pack: &Pack) -> String {
    shortened(&format!(
        "{}: the briefing book, every part of the pack in one document for printing.",
        pack.title
    ))
}

/// The page for addresses the site does not have.
pub fn not_found(pack: &Pack) -> String {
    shortened(&format!("No page of {} has this address.", pack.title))
}

/// `one` or `many`, as `n` asks.
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
