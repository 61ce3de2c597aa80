//! The pack's data for other tools, written with every build (see the
//! README, *Exports*): `events.csv` (a row per event, for a spreadsheet),
//! `timeline.json` (TimelineJS 3) and `sources.json` (CSL-JSON, for a
//! reference manager such as Zotero).

use serde::Serialize;

use super::super::html::escape;
use super::super::plain::plain_text;
use super::super::renderer::{Contents, OutputFile};
use crate::diagnostics::Diagnostic;
use crate::model::{Date, Pack, date::Point};
use crate::routes;

/// The three export files of `pack`.
pub fn render(pack: &Pack) -> Result<Vec<OutputFile>, Diagnostic> {
    Ok(vec![
        OutputFile {
            path: routes::EVENTS_CSV.into(),
            contents: Contents::Bytes(events_csv(pack)?),
        },
        OutputFile {
            path: routes::TIMELINE_JSON.into(),
            contents: Contents::Bytes(json(routes::TIMELINE_JSON, &timeline(pack))?),
        },
        OutputFile {
            path: routes::SOURCES_JSON.into(),
            contents: Contents::Bytes(json(routes::SOURCES_JSON, &sources(pack))?),
        },
    ])
}

/// `value` as JSON, ending in a line break.
fn json(name: &str, value: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
    let mut out = serde_json::to_vec(value)
        .map_err(|e| Diagnostic::general(format!("cannot write {name}: {e}"), None))?;
    out.push(b'\n');
    Ok(out)
}

/// A cell as a spreadsheet will not run it: text that would start a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) is preceded by
/// an apostrophe, as OWASP advises for CSV made from others' content.
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// A day as `YYYY-MM-DD`.
fn iso((year, month, day): (i32, u8, u8)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// `events.csv`: a header, then one row per event in the chronology's
/// order: its id, its date as written, the first and last day it can mean,
/// title, kind, status, place, actors (`id (role)`, `; ` between) and
/// citations (`article ¶N`, `; ` between).
fn events_csv(pack: &Pack) -> Result<Vec<u8>, Diagnostic> {
    let failed = |e: csv::Error| Diagnostic::general(format!("cannot write events.csv: {e}"), None);
    let mut out = csv::Writer::from_writer(Vec::with_capacity(pack.events.len() * 256));
    out.write_record([
        "id",
        "date",
        "earliest",
        "latest",
        "title",
        "kind",
        "status",
        "location",
        "actors",
        "citations",
    ])
    .map_err(failed)?;
    for e in &pack.events {
        let (first, last) = (e.date.1.start.earliest_day(), last_day(&e.date.1));
        let actors: Vec<String> = e
            .actors
            .iter()
            .map(|(a, role)| format!("{} ({role})", pack.actors[*a].id))
            .collect();
        let citations: Vec<String> = e
            .cites
            .iter()
            .filter_map(|&c| pack.citations.get(c))
            .map(|c| {
                let article = &pack.articles[c.article].id;
                match &c.passage {
                    Some(p) => format!("{article} ¶{}", p.paragraph),
                    None => article.clone(),
                }
            })
            .collect();
        out.write_record([
            cell(&e.id).as_ref(),
            cell(&e.date.0).as_ref(),
            &iso(first),
            &iso(last),
            cell(&e.title).as_ref(),
            cell(e.kind.as_deref().unwrap_or("")).as_ref(),
            e.status.map_or("", |s| s.as_str()),
            cell(e.location.as_deref().unwrap_or("")).as_ref(),
            cell(&actors.join("; ")).as_ref(),
            cell(&citations.join("; ")).as_ref(),
        ])
        .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| Diagnostic::general(format!("cannot write events.csv: {e}"), None))
}

/// The last day `date` can mean.
fn last_day(date: &Date) -> (i32, u8, u8) {
    date.end.unwrap_or(date.start).latest_day()
}

/// A TimelineJS date, to the precision the point was written with: a
/// year, a month of it, or a day.
#[derive(Serialize)]
struct TimelineDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
}

impl From<&Point> for TimelineDate {
    fn from(p: &Point) -> TimelineDate {
        TimelineDate {
            // a decade or a part of a year starts in the year it names
            year: p.earliest_day().0,
            month: p.month,
            day: p.month.and(p.day),
        }
    }
}

/// A headline and its text, both HTML for TimelineJS: escaped here, as the
/// pack's text is not HTML.
#[derive(Serialize)]
struct TimelineText {
    headline: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    text: String,
}

#[derive(Serialize)]
struct TimelineEvent<'p> {
    start_date: TimelineDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    /// The date as the pack shows it ("late January 2024"), so that
    /// TimelineJS does not claim a day the sources do not give.
    display_date: &'p str,
    text: TimelineText,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'p str>,
    unique_id: &'p str,
}

#[derive(Serialize)]
struct TimelineFile<'p> {
    title: TimelineTitle,
    events: Vec<TimelineEvent<'p>>,
}

#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText,
}

/// `timeline.json`: the pack's events in TimelineJS 3's format.
fn timeline(pack: &Pack) -> TimelineFile<'_> {
    let summary = pack
        .summary
        .as_ref()
        .map(|s| escape(&plain_text(s, pack)))
        .unwrap_or_default();
    TimelineFile {
        title: TimelineTitle {
            text: TimelineText {
                headline: escape(&pack.title),
                text: summary,
            },
        },
        events: pack
            .events
            .iter()
            .map(|e| TimelineEvent {
                start_date: TimelineDate::from(&e.date.1.start),
                end_date: e.date.1.end.as_ref().map(TimelineDate::from),
                display_date: &e.date_shown,
                text: TimelineText {
                    headline: escape(&e.title),
                    text: e
                        .summary
                        .as_ref()
                        .map(|s| escape(&plain_text(s, pack)))
                        .unwrap_or_default(),
                },
                group: e.kind.as_deref(),
                unique_id: &e.id,
            })
            .collect(),
    }
}

/// A CSL-JSON name, given whole (a byline is not split into parts).
#[derive(Serialize)]
struct CslName<'p> {
    literal: &'p str,
}

/// A CSL-JSON date: its parts to the precision known.
#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i32>; 1],
}

impl From<&Point> for CslDate {
    fn from(p: &Point) -> CslDate {
        let mut parts = vec![p.earliest_day().0];
        if let Some(month) = p.month {
            parts.push(i32::from(month));
            if let Some(day) = p.day {
                parts.push(i32::from(day));
            }
        }
        CslDate {
            date_parts: [parts],
        }
    }
}

/// One article as a CSL-JSON item.
#[derive(Serialize)]
struct CslItem<'p> {
    id: &'p str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'p str,
    #[serde(rename = "container-title")]
    container_title: &'p str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'p>>,
    issued: CslDate,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'p str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'p str>,
    /// The Admiralty grade, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// `sources.json`: every article as a CSL-JSON item, in the pack's order.
fn sources(pack: &Pack) -> Vec<CslItem<'_>> {
    pack.articles
        .iter()
        .map(|a| CslItem {
            id: &a.id,
            kind: "article-newspaper",
            title: &a.title,
            container_title: &a.publisher,
            author: a
                .author
                .as_deref()
                .map(|literal| vec![CslName { literal }])
                .unwrap_or_default(),
            issued: CslDate::from(&a.published.1.start),
            url: a.url.as_deref(),
            language: a.language.as_deref(),
            note: a
                .reliability
                .map(|g| format!("Source grade {} ({})", g.as_str(), g.meaning())),
        })
        .collect()
}
