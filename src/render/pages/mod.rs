//! One module per page kind (see the README, *The site*). Each builds the
//! context its template needs from the pack, in the order the page shows
//! things, so that citation numbers run from 1 down the page.

pub mod actors;
pub mod articles;
pub mod chronology;
pub mod data;
pub mod feed;
pub mod home;
pub mod print;

use rayon::prelude::*;

use crate::model::{ActorKind, Pack, RichText};

pub use super::renderer::Page;

/// Turns every markdown field of the pack into HTML, in parallel, before the
/// pages that show them are rendered.
pub fn warm_markdown(pack: &Pack) {
    let mut texts: Vec<&RichText> = Vec::new();
    texts.extend(pack.summary.iter());
    texts.extend(pack.key_judgments.iter().map(|k| &k.text));
    for a in &pack.articles {
        texts.extend(a.summary.iter());
        texts.extend(a.key_points.iter().map(|k| &k.text));
    }
    texts.extend(pack.actors.iter().filter_map(|a| a.summary.as_ref()));
    texts.extend(pack.events.iter().filter_map(|e| e.summary.as_ref()));
    texts.par_iter().for_each(|t| {
        t.html.get_or_init(|| super::markdown::to_html(&t.markdown));
    });
}

/// The actors of each kind that has any, kinds in the order pages list
/// them ([`ActorKind::LISTING`]), each kind's actors by name (ignoring case),
/// then by id.
pub fn actors_by_kind(pack: &Pack) -> Vec<(ActorKind, Vec<usize>)> {
    ActorKind::LISTING
        .iter()
        .filter_map(|&kind| {
            let mut members: Vec<usize> = (0..pack.actors.len())
                .filter(|&i| pack.actors[i].kind == kind)
                .collect();
            members.sort_by_cached_key(|&i| {
                (
                    pack.actors[i].name.to_lowercase(),
                    pack.actors[i].id.clone(),
                )
            });
            (!members.is_empty()).then_some((kind, members))
        })
        .collect()
}
