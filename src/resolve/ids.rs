//! The ids of a pack and what each names: an article, an actor or an event,
//! unique across the three (see the README, *Writing a pack*). Collecting
//! them is the first step of resolving; what an id may be written as is in
//! [`crate::model::ids`].

use std::path::Path;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::diagnostics::Diagnostics;
use crate::load::locate::Site;
use crate::load::{LoadedActor, LoadedArticle};
use crate::model::Target;

/// The help of every duplicate id.
pub const UNIQUE_HELP: &str =
    "ids are unique across articles, actors and events: rename one of them";

/// Every id of the pack and what it names.
#[derive(Debug, Default)]
pub struct IdTable {
    /// What each id names.
    ids: HashMap<String, Target>,
}

impl IdTable {
    /// Records `id`; returns what already had that id, if anything did.
    pub fn insert(&mut self, id: &str, target: Target) -> Option<Target> {
        match self.ids.get(id) {
            Some(existing) => Some(*existing),
            None => {
                self.ids.insert(id.to_string(), target);
                None
            }
        }
    }

    /// What `id` names.
    pub fn get(&self, id: &str) -> Option<Target> {
        self.ids.get(id).copied()
    }

    /// The known ids naming something `wanted` accepts, for suggestions.
    pub fn ids_where(&self, wanted: impl Fn(Target) -> bool) -> impl Iterator<Item = &str> {
        self.ids
            .iter()
            .filter(move |(_, t)| wanted(**t))
            .map(|(k, _)| k.as_str())
    }
}

/// The ids while they are collected: the table, and what messages about a
/// duplicate need (the file each id comes from, the events' ids so far,
/// which enter the table only once the events are in chronological order).
pub struct Ids<'a> {
    /// The ids of the articles and actors, then of the events.
    pub table: IdTable,
    /// The file each id comes from.
    origin: HashMap<&'a str, &'a Path>,
    /// The ids of the events accepted so far.
    events: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    /// The ids of `articles` and `actors`; an actor whose id an article has
    /// already is reported.
    pub fn of(
        articles: &'a [LoadedArticle],
        actors: &'a [LoadedActor],
        diagnostics: &mut Diagnostics,
    ) -> Self {
        let mut ids = Ids {
            table: IdTable::default(),
            origin: HashMap::default(),
            events: HashSet::default(),
        };
        for (i, a) in articles.iter().enumerate() {
            ids.table.insert(&a.id, Target::Article(i));
            ids.origin.insert(&a.id, &a.file.display);
        }
        for (i, a) in actors.iter().enumerate() {
            if let Some(existing) = ids.table.insert(&a.id, Target::Actor(i)) {
                diagnostics.push(
                    Site::whole(&a.file)
                        .error(ids.duplicate(&a.id, existing), None)
                        .with_help(UNIQUE_HELP),
                );
            } else {
                ids.origin.insert(&a.id, &a.file.display);
            }
        }
        ids
    }

    /// Records the id of an event of `file`, unless an article, an actor or
    /// an earlier event has it: then the message that says so.
    pub fn add_event(&mut self, id: &'a str, file: &'a Path) -> Result<(), String> {
        let seen = self.events.contains(id).then_some(Target::Event(0));
        if let Some(existing) = self.table.get(id).or(seen) {
            return Err(self.duplicate(id, existing));
        }
        self.origin.insert(id, file);
        self.events.insert(id);
        Ok(())
    }

    /// The table, once every id is in it.
    pub fn into_table(self) -> IdTable {
        self.table
    }

    /// The message for `id` written again, when `existing` has it.
    fn duplicate(&self, id: &str, existing: Target) -> String {
        let other = self
            .origin
            .get(id)
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        format!(
            "duplicate id `{id}`: {} already has it",
            describe(existing, &other)
        )
    }
}

/// What `target` is, and the file it is in when known: "an actor in …".
fn describe(target: Target, file: &str) -> String {
    let what = match target {
        Target::Actor(_) => "an actor",
        Target::Event(_) => "an event",
        Target::Article(_) => "an article",
    };
    if file.is_empty() {
        what.to_string()
    } else {
        format!("{what} in {file}")
    }
}
