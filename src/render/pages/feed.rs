//! `feed.xml`: the events as an Atom feed (RFC 4287), newest first, so a
//! reader's feed reader shows what happened last at the top. Each entry
//! links to the event on the page that holds it; its summary is the event's
//! date, status and place, then its summary as plain text.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::super::plain::plain_text;
use super::super::refs::PageRefs;
use super::super::renderer::{OutputFile, RenderOptions, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::{Date, Pack, Target};

#[derive(Serialize)]
struct Feed {
    id: String,
    title: String,
    subtitle: Option<String>,
    updated: String,
    author: String,
    /// The feed's own address, and the site's.
    self_href: String,
    site_href: String,
    entries: Vec<FeedEntry>,
}

#[derive(Serialize)]
struct FeedEntry {
    id: String,
    title: String,
    href: String,
    updated: String,
    kind: Option<String>,
    summary: String,
}

/// A day as an RFC 3339 time, midnight UTC: the earliest moment `date` can
/// mean.
fn rfc3339(date: &Date) -> String {
    let (y, m, d) = date.start.earliest_day();
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// A stable, unique id for a pack without a `base_url`: a name-based UUID
/// (RFC 9562, version 8) of the pack's title and `what`.
fn uuid_urn(pack: &Pack, what: &str) -> String {
    let digest = Sha256::new()
        .chain_update(pack.title.as_bytes())
        .chain_update([0])
        .chain_update(what.as_bytes())
        .finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = data_encoding::HEXLOWER.encode(&b);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Renders `feed.xml`.
pub fn render(
    pack: &Pack,
    renderer: &Renderer,
    options: &RenderOptions,
) -> Result<OutputFile, Diagnostic> {
    let base = options
        .base_url
        .as_deref()
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    let at_root = PageRefs::new(pack, renderer.fragments().event_pages(), 0);
    let absolute = |path: String| match &base {
        Some(base) => format!("{base}{path}"),
        None => path,
    };
    let entries: Vec<FeedEntry> = (0..pack.events.len())
        .rev()
        .map(|i| {
            let e = &pack.events[i];
            let href = absolute(at_root.href(Target::Event(i)));
            let mut summary = e.date_shown.clone();
            for part in [e.status.map(|s| s.as_str()), e.location.as_deref()]
                .into_iter()
                .flatten()
            {
                summary.push_str(" · ");
                summary.push_str(part);
            }
            if let Some(text) = &e.summary {
                summary.push_str(". ");
                summary.push_str(&plain_text(text, pack));
            }
            FeedEntry {
                id: match &base {
                    Some(_) => href.clone(),
                    None => uuid_urn(pack, &e.id),
                },
                title: e.title.clone(),
                href,
                updated: rfc3339(&e.date.1),
                kind: e.kind.clone(),
                summary,
            }
        })
        .collect();
    let updated = match (
        &pack.date,
        pack.events
            .iter()
            .map(|e| &e.date.1)
            .max_by(|a, b| a.chronological(b)),
    ) {
        (Some((_, as_of)), _) => rfc3339(as_of),
        (None, Some(latest)) => rfc3339(latest),
        (None, None) => "1970-01-01T00:00:00Z".to_string(),
    };
    let feed = Feed {
        id: match &base {
            Some(base) => format!("{base}feed.xml"),
            None => uuid_urn(pack, "feed.xml"),
        },
        title: pack.title.clone(),
        subtitle: pack.subtitle.clone(),
        updated,
        author: pack.author.clone().unwrap_or_else(|| pack.title.clone()),
        self_href: absolute("feed.xml".to_string()),
        site_href: absolute("index.html".to_string()),
        entries,
    };
    Ok(OutputFile {
        path: crate::routes::FEED.to_string(),
        contents: super::super::renderer::Contents::Bytes(renderer.file("feed.xml", &feed)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_midnight_utc_and_a_month_its_first_day() {
        let day = Date::parse("2024-04-21").map(|d| rfc3339(&d));
        assert_eq!(day.as_deref(), Ok("2024-04-21T00:00:00Z"));
        let late = Date::parse("late 2024-01").map(|d| rfc3339(&d));
        assert_eq!(late.as_deref(), Ok("2024-01-21T00:00:00Z"));
    }
}
