//! One module per page kind (see the README, *The site*). Each builds the
//! context its template needs from the pack, in the order the page shows
//! things, so that citation numbers run from 1 down the page.

pub mod actors;
pub mod articles;
pub mod chronology;
pub mod data;
pub mod exports;
pub mod feed;
pub mod home;
pub mod print;
pub mod search;

use rayon::prelude::*;

use crate::model::{ActorKind, Pack, RichText};
use crate::routes::PageSizes;

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

/// A link of a page's navigation between pages of one list: a year, a
/// month or a numbered page, with how many entries it holds and whether it
/// is the page shown. A gap in a long run of numbers has no `href`.
#[derive(serde::Serialize)]
pub struct NavLink {
    /// What the link says.
    pub label: String,
    /// Where it goes; empty for a gap ("…").
    pub href: String,
    /// How many entries that page holds.
    pub count: usize,
    /// True for the page shown.
    pub current: bool,
}

/// Where a page sits in a list cut into pages: which entries it shows, of
/// how many, and links to the others.
#[derive(serde::Serialize)]
pub struct Pager {
    /// The first entry shown, from 1.
    pub from: usize,
    /// The last entry shown.
    pub to: usize,
    /// How many entries the list holds.
    pub total: usize,
    /// The previous page (newer entries), if any.
    pub newer: Option<String>,
    /// The next page (older entries), if any.
    pub older: Option<String>,
    /// The pages: the first, the last and those near this one.
    pub pages: Vec<NavLink>,
}

impl Pager {
    /// The pager of page `page` (from 1) of a list of `total` entries, cut
    /// into pages as `sizes` says, whose pages are at `href(n)`; `None`
    /// while the list fits one page.
    pub fn new(
        page: usize,
        total: usize,
        sizes: PageSizes,
        href: impl Fn(usize) -> String,
    ) -> Option<Pager> {
        let count = sizes.count(total);
        if count < 2 {
            return None;
        }
        let mut pages = Vec::new();
        for n in 1..=count {
            let near = n == 1 || n == count || n.abs_diff(page) <= 2;
            if near {
                pages.push(NavLink {
                    label: n.to_string(),
                    href: href(n),
                    count: sizes.entries(n, total).len(),
                    current: n == page,
                });
            } else if pages.last().is_some_and(|l: &NavLink| !l.href.is_empty()) {
                pages.push(NavLink {
                    label: "…".into(),
                    href: String::new(),
                    count: 0,
                    current: false,
                });
            }
        }
        let shown = sizes.entries(page, total);
        Some(Pager {
            from: shown.start + 1,
            to: shown.end,
            total,
            newer: (page > 1).then(|| href(page - 1)),
            older: (page < count).then(|| href(page + 1)),
            pages,
        })
    }
}
