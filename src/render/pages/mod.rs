//! One module per page kind (see the README, *The site*). Each builds the
//! context its template needs from the pack, in the order the page shows
//! things, so that citation numbers run from 1 down the page.

pub mod actors;
pub mod articles;
pub mod chronology;
pub mod data;
pub mod home;
pub mod print;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Pack, RichText};

use super::refs::{Numbers, PageRefs, RefView};
use crate::routes::Route;

/// What every page's template sees besides `site` and its own fields.
#[derive(Serialize)]
pub struct Page<'p, T: Serialize> {
    /// Which page it is.
    #[serde(skip)]
    pub route: Route<'p>,
    /// The number of each citation on the page, for its placeholders.
    #[serde(skip)]
    pub numbers: Numbers,
    /// The relative path to the site root ("", "../", "../../").
    pub root: String,
    /// The page's title (the pack's title is added by the template).
    pub title: String,
    /// Which page kind: home, chronology, actors, actor, articles, article, print, 404.
    pub kind: &'static str,
    /// The page's path from the site root.
    pub path: String,
    /// The page's references, numbered.
    pub refs: Vec<RefView<'p>>,
    /// The page kind's own fields.
    #[serde(flatten)]
    pub body: T,
}

impl<'p, T: Serialize> Page<'p, T> {
    /// A page whose references were numbered by `refs` while `body` was built.
    pub fn new(route: Route<'p>, title: impl Into<String>, refs: PageRefs<'p>, body: T) -> Self {
        let root = refs.root().to_string();
        let (list, numbers) = refs.finish();
        Page {
            route,
            numbers,
            root,
            title: title.into(),
            kind: route.kind(),
            path: route.path(),
            refs: list,
            body,
        }
    }
}

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

/// A readable label for an actor kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "person" => "People",
        "armed-group" => "Armed groups",
        "coalition" => "Coalitions",
        "state" => "States",
        "government" => "Governments and officials' bodies",
        "military" => "Military forces",
        "organisation" => "Organisations",
        _ => "Other",
    }
}

/// The actors of each kind that has any, kinds in [`KIND_ORDER`], each
/// kind's actors by name (ignoring case), then by id.
pub fn actors_by_kind(pack: &Pack) -> Vec<(&'static str, Vec<usize>)> {
    KIND_ORDER
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

/// The order actor kinds are listed in.
pub const KIND_ORDER: [&str; 8] = [
    "armed-group",
    "coalition",
    "state",
    "government",
    "military",
    "organisation",
    "person",
    "other",
];
