//! Actors: each actor file resolved, then the relations written on each
//! actor checked and recorded on both sides, the other side with its
//! inverse wording (see the README, *An actor*).

use crate::diagnostics::{SourceFile, nearest};
use crate::load::LoadedActor;
use crate::load::locate::{Site, Step};
use crate::load::raw::RawRelation;
use crate::model::{Actor, ActorKind, Citer, Relation, RelationType};

use super::cite::Resolver;
use super::fields::require;

/// Resolves every actor file; relations come after ([`relate`]), once every
/// actor exists.
pub fn resolve(raw_actors: &[LoadedActor], r: &mut Resolver<'_>) -> Vec<Actor> {
    let mut actors: Vec<Actor> = Vec::with_capacity(raw_actors.len());
    for (i, a) in raw_actors.iter().enumerate() {
        let file = &a.file;
        let raw = &a.raw;
        require(&raw.name, "name", Site::whole(file), &mut r.diagnostics);
        let written = raw.kind.as_deref().unwrap_or("other");
        let kind = ActorKind::parse(written).unwrap_or_else(|| {
            r.diagnostics.push(
                Site::new(file, &[Step::Key("kind")])
                    .error(format!("unknown actor kind `{written}`"), Some(written))
                    .with_help(format!("use one of: {}", ActorKind::listed())),
            );
            ActorKind::Other
        });
        let summary = raw
            .summary
            .as_ref()
            .map(|s| r.rich(s, Site::new(file, &[Step::Key("summary")]), Citer::Actor(i)));
        actors.push(Actor {
            id: a.id.clone(),
            name: raw.name.trim().to_string(),
            kind,
            aliases: raw
                .aliases
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            summary,
            ..Actor::default()
        });
    }
    actors
}

/// Checks the relations written on each actor and records each on both
/// actors it joins.
pub fn relate(raw_actors: &[LoadedActor], actors: &mut [Actor], r: &mut Resolver<'_>) {
    for (i, a) in raw_actors.iter().enumerate() {
        for (k, rel) in a.raw.relations.iter().enumerate() {
            relation(i, &a.file, k, rel, actors, r);
        }
    }
}

/// Checks relation `k` of actor `i` (written in `file`) and records it on
/// both sides.
fn relation(
    i: usize,
    file: &SourceFile,
    k: usize,
    rel: &RawRelation,
    actors: &mut [Actor],
    r: &mut Resolver<'_>,
) {
    let path = [Step::Key("relations"), Step::Index(k)];
    let type_path = [Step::Key("relations"), Step::Index(k), Step::Key("type")];
    let actor_path = [Step::Key("relations"), Step::Index(k), Step::Key("actor")];
    let Some(kind) = RelationType::parse(&rel.kind) else {
        let help = match nearest(&rel.kind, RelationType::words()) {
            Some(near) => format!(
                "did you mean `{near}`? relation types are: {}",
                RelationType::listed()
            ),
            None => format!("relation types are: {}", RelationType::listed()),
        };
        r.diagnostics.push(
            Site::new(file, &type_path)
                .error(
                    format!("unknown relation type `{}`", rel.kind),
                    Some(&rel.kind),
                )
                .with_help(help),
        );
        return;
    };
    let actor_site = Site::new(file, &actor_path);
    let Some(other) = r.actor(&rel.actor, actor_site) else {
        return;
    };
    if other == i {
        r.diagnostics.push(
            actor_site
                .error("an actor cannot be related to itself", Some(&rel.actor))
                .with_help("name the other actor of the relation"),
        );
        return;
    }
    let (forward, inverse) = kind.wording();
    let cites = r.cite_list(&rel.cites, None, Site::new(file, &path), Citer::Actor(i));
    actors[other].relations.push(Relation {
        kind,
        wording: inverse,
        other: i,
        cites: cites.clone(),
    });
    actors[i].relations.push(Relation {
        kind,
        wording: forward,
        other,
        cites,
    });
}
