//! Stage 2, resolve: turn loaded content into a [`Pack`] that is valid by
//! construction. Ids become indices, dates are parsed, quotes are found in
//! their paragraphs, actors' names are found in every article, relations are
//! mirrored. Every problem is recorded and resolution goes on, so one run
//! reports them all.
//!
//! [`resolve_with`] is the list of steps, each a function of the module
//! named after what it resolves; diagnostics are reported in the order of
//! the steps.

pub mod actors;
pub mod articles;
pub mod body;
pub mod cite;
pub mod citers;
pub mod events;
pub mod fields;
pub mod ids;
pub mod markup;
pub mod memo;
pub mod mentions;
pub mod pack;
pub mod quotes;
pub mod statics;

use crate::diagnostics::Diagnostics;
use crate::load::Loaded;
use crate::model::Pack;
use cite::Resolver;
use ids::Ids;
use memo::Memo;

/// Resolves `loaded` into a pack, adding every problem to `diagnostics`.
pub fn resolve(loaded: Loaded, diagnostics: &mut Diagnostics) -> Pack {
    resolve_with(loaded, diagnostics, &Memo::off())
}

/// As [`resolve`], taking the work on unchanged article texts from `memo`
/// (and keeping this build's there).
pub fn resolve_with(loaded: Loaded, diagnostics: &mut Diagnostics, memo: &Memo) -> Pack {
    let Loaded {
        pack: raw_pack,
        articles: raw_articles,
        actors: raw_actors,
        event_files,
        static_files,
        broken_ids,
        texts_not_loaded,
    } = loaded;

    // 1. ids, unique across articles, actors and events; the events dated
    // and numbered in the order of the chronology
    let mut ids = Ids::of(&raw_articles, &raw_actors, diagnostics);
    let events_dated = events::in_order(&event_files, &mut ids, diagnostics);
    let ids = ids.into_table();

    // 2. article bodies, each split and indexed once
    let bodies = articles::bodies(&raw_articles, memo, diagnostics);
    let mut r = Resolver::new(&ids, articles::refs(&raw_articles, &bodies), &broken_ids);

    // 3. articles
    let mut articles = articles::resolve(&raw_articles, &mut r);

    // 4. actors and their relations
    let mut actors = actors::resolve(&raw_actors, &mut r);
    actors::relate(&raw_actors, &mut actors, &mut r);

    // 5. mentions: one automaton over every name, run over every paragraph
    // while the events and the pack are resolved (which is mostly sequential)
    let names = mentions::names(&actors, &raw_actors, &mut r.diagnostics);
    let names_version = memo.names_version(&names);
    let resolve_events_and_pack = || {
        // 6. events, in chronological order
        let events = events::resolve(&events_dated, &mut actors, &mut r);
        // 7. the pack itself
        let pack = pack::resolve(raw_pack.as_ref(), &mut r);
        (events, pack)
    };
    let find_mentions = || mentions::find_all(&bodies, names_version, &names);
    let ((events, mut pack), found) = rayon::join(resolve_events_and_pack, find_mentions);

    let Resolver {
        citations,
        citers,
        diagnostics: resolve_diagnostics,
        ..
    } = r;
    diagnostics.extend(resolve_diagnostics);
    let leftovers = articles::fill(&mut articles, bodies, found);
    mentions::by_actor(&articles, &mut actors);
    // while an article did not load, an actor it names would be reported
    // as mentioned nowhere: that waits until every article loads
    if texts_not_loaded == 0 {
        mentions::warn_unmentioned(&actors, &raw_actors, diagnostics);
    }

    // 8. who cites each article
    citers::record(
        citers,
        &citations,
        &mut articles,
        &raw_articles,
        diagnostics,
    );

    // 9. static files may not replace generated pages
    statics::check(&static_files, diagnostics);

    pack.articles = articles;
    pack.actors = actors;
    pack.events = events;
    pack.citations = citations;
    pack.static_files = static_files;
    // what the pack no longer needs (the files as read, each text's quote
    // index) is freed on a thread of its own, while the pages are rendered
    crate::background::drop_in_background((raw_articles, raw_actors, event_files, leftovers));
    pack
}
