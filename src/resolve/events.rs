//! Events: their ids checked and their dates parsed first, with the other
//! ids, so that each event's place in the chronology is its index; then,
//! once articles and actors are resolved, each event resolved in that order
//! (see the README, *Events*).

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::load::locate::{Site, Step};
use crate::load::raw::{RawEvent, RawParticipant};
use crate::model::{Actor, Citer, Date, Event, Status, Target};

use super::cite::Resolver;
use super::fields::{date, require, unknown_date};
use super::ids::{Ids, UNIQUE_HELP};
use crate::model::ids::{check_id, suggest_id};

/// An event with a valid, unique id: its date, its file, its index in
/// that file, and the event as written.
pub type Dated<'a> = (Date, &'a SourceFile, usize, &'a RawEvent);

/// The events of `event_files` whose id is valid and unique, dated, in
/// chronological order (then by id), each numbered so in `ids`.
pub fn in_order<'a>(
    event_files: &'a [(SourceFile, Vec<RawEvent>)],
    ids: &mut Ids<'a>,
    diagnostics: &mut Diagnostics,
) -> Vec<Dated<'a>> {
    let events_raw = with_valid_ids(event_files, ids, diagnostics);
    let mut events_dated: Vec<Dated<'a>> = events_raw
        .into_iter()
        .map(|(file, i, raw)| {
            let path = [Step::Index(i), Step::Key("date")];
            let d =
                date(&raw.date, Site::new(file, &path), diagnostics).unwrap_or_else(unknown_date);
            (d, file, i, raw)
        })
        .collect();
    events_dated.sort_by(|a, b| a.0.chronological(&b.0).then_with(|| a.3.id.cmp(&b.3.id)));
    for (n, (_, _, _, raw)) in events_dated.iter().enumerate() {
        ids.table.insert(&raw.id, Target::Event(n));
    }
    events_dated
}

/// The events whose id is valid and no other's, as (file, index in the
/// file, event); the others are reported.
fn with_valid_ids<'a>(
    event_files: &'a [(SourceFile, Vec<RawEvent>)],
    ids: &mut Ids<'a>,
    diagnostics: &mut Diagnostics,
) -> Vec<(&'a SourceFile, usize, &'a RawEvent)> {
    let mut events_raw = Vec::new();
    for (file, list) in event_files {
        for (i, raw) in list.iter().enumerate() {
            let path = [Step::Index(i), Step::Key("id")];
            let site = Site::new(file, &path);
            if let Err(why) = check_id(&raw.id) {
                diagnostics.push(
                    site.error(format!("invalid id `{}`: {why}", raw.id), Some(&raw.id))
                        .with_help(format!("write `id: {}`", suggest_id(&raw.id))),
                );
                continue;
            }
            if let Err(message) = ids.add_event(&raw.id, &file.display) {
                diagnostics.push(site.error(message, Some(&raw.id)).with_help(UNIQUE_HELP));
                continue;
            }
            events_raw.push((file, i, raw));
        }
    }
    events_raw
}

/// Resolves `events` (from [`in_order`]), their quotes looked up in
/// parallel first; each event is added to its actors'.
pub fn resolve(events: &[Dated<'_>], actors: &mut [Actor], r: &mut Resolver<'_>) -> Vec<Event> {
    r.prefetch(events.iter().flat_map(|(_, _, _, raw)| {
        raw.cites
            .iter()
            .filter_map(|c| Some((c.article.as_deref()?, c.quote.as_deref()?)))
    }));
    let mut out = Vec::with_capacity(events.len());
    for (n, &(date, file, i, raw)) in events.iter().enumerate() {
        out.push(event(n, date, file, i, raw, actors, r));
    }
    out
}

/// Resolves event `n` of the chronology, item `i` of `file`.
fn event(
    n: usize,
    date: Date,
    file: &SourceFile,
    i: usize,
    raw: &RawEvent,
    actors: &mut [Actor],
    r: &mut Resolver<'_>,
) -> Event {
    let item = [Step::Index(i)];
    require(
        &raw.title,
        "title",
        Site::new(file, &item),
        &mut r.diagnostics,
    );
    let participants = participants(n, file, i, raw, actors, r);
    let status = raw.status.as_ref().and_then(|status| {
        let parsed = Status::parse(status.trim());
        if parsed.is_none() {
            let path = [Step::Index(i), Step::Key("status")];
            r.diagnostics.push(
                Site::new(file, &path)
                    .error(format!("unknown status `{status}`"), Some(status))
                    .with_help(format!("use one of: {}", Status::listed())),
            );
        }
        parsed
    });
    if raw.cites.is_empty() {
        let path = [Step::Index(i), Step::Key("id")];
        r.diagnostics.push(
            Site::new(file, &path)
                .error(format!("event `{}` has no citation", raw.id), Some(&raw.id))
                .with_help("add `cites:` with at least one `{article: <id>, quote: \"…\"}`"),
        );
    }
    let cites = r.cite_list(&raw.cites, None, Site::new(file, &item), Citer::Event(n));
    let summary_path = [Step::Index(i), Step::Key("summary")];
    let summary = raw
        .summary
        .as_ref()
        .map(|s| r.rich(s, Site::new(file, &summary_path), Citer::Event(n)));
    Event {
        id: raw.id.clone(),
        date: (raw.date.trim().to_string(), date),
        date_shown: date.to_string(),
        title: raw.title.trim().to_string(),
        kind: raw.kind.clone(),
        location: raw.location.clone(),
        status,
        actors: participants,
        summary,
        cites,
    }
}

/// The actors of event `n` (item `i` of `file`) with their roles, each
/// once; the event is added to each actor's.
fn participants(
    n: usize,
    file: &SourceFile,
    i: usize,
    raw: &RawEvent,
    actors: &mut [Actor],
    r: &mut Resolver<'_>,
) -> Vec<(usize, String)> {
    let mut participants: Vec<(usize, String)> = Vec::new();
    for (k, p) in raw.actors.iter().enumerate() {
        let (id, role) = match p {
            RawParticipant::Id(id) => (id.as_str(), "involved".to_string()),
            RawParticipant::WithRole { actor, role } => (
                actor.as_str(),
                role.clone().unwrap_or_else(|| "involved".to_string()),
            ),
        };
        let path = [Step::Index(i), Step::Key("actors"), Step::Index(k)];
        if let Some(actor) = r.actor(id, Site::new(file, &path))
            && !participants.iter().any(|(a, _)| *a == actor)
        {
            participants.push((actor, role.trim().to_string()));
            actors[actor].events.push((n, role.trim().to_string()));
        }
    }
    participants
}
