//! Stage 2, resolve: turn loaded content into a [`Pack`] that is valid by
//! construction. Ids become indices, dates are parsed, quotes are found in
//! their paragraphs, actors' names are found in every article, relations are
//! mirrored. Every problem is recorded and resolution goes on, so one run
//! reports them all.

pub mod body;
pub mod cite;
pub mod ids;
pub mod markup;
pub mod memo;
pub mod mentions;
pub mod quotes;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, SourceFile};
use crate::load::Loaded;
use crate::load::locate::{Step, locate};
use crate::model::{
    ACTOR_KINDS, Actor, Article, Citer, Date, Event, KeyJudgment, KeyPoint, Pack, RELATION_TYPES,
    Relation, Target, relation_wording,
};
use cite::{ArticleRef, Resolver, Site};
use ids::IdTable;
use memo::{ArticleWork, Memo};
use mentions::MentionFinder;

const STATUSES: [&str; 4] = ["reported", "claimed", "disputed", "confirmed"];
const CONFIDENCES: [&str; 3] = ["low", "moderate", "high"];
const RESERVED_OUTPUT: [&str; 10] = [
    "index.html",
    "404.html",
    "sitemap.xml",
    "pack.json",
    ".nojekyll",
    "actors/",
    "articles/",
    "chronology/",
    "print/",
    "assets/",
];

fn error_at(
    file: &SourceFile,
    path: &[Step<'_>],
    needle: Option<&str>,
    message: impl Into<String>,
) -> Diagnostic {
    let (position, width) = locate(&file.text, path, needle);
    Diagnostic::error(message, file, position).with_width(width)
}

fn warning_at(
    file: &SourceFile,
    path: &[Step<'_>],
    needle: Option<&str>,
    message: impl Into<String>,
) -> Diagnostic {
    let (position, width) = locate(&file.text, path, needle);
    Diagnostic::warning(message, file, position).with_width(width)
}

/// Parses a date field, reporting it at `path` when invalid.
fn date_field(
    text: &str,
    file: &SourceFile,
    path: &[Step<'_>],
    diagnostics: &mut Diagnostics,
) -> Option<Date> {
    match Date::parse(text) {
        Ok(d) => Some(d),
        Err(e) => {
            diagnostics.push(
                error_at(file, path, Some(text.trim()), format!("invalid date: {}", e.0))
                    .with_help("dates are YYYY-MM-DD, YYYY-MM, YYYY, `early|mid|late YYYY-MM` or `early|mid|late YYYY`, or a range `A..B`"),
            );
            None
        }
    }
}

/// Reports a required text field that is empty (YAML reads `title:` or
/// `title: null` as an empty text).
fn require(
    value: &str,
    field: &'static str,
    file: &SourceFile,
    path: &[Step<'_>],
    diagnostics: &mut Diagnostics,
) {
    if value.trim().is_empty() {
        let mut at = path.to_vec();
        at.push(Step::Key(field));
        diagnostics.push(
            error_at(file, &at, None, format!("`{field}` is empty"))
                .with_help(format!("`{field}` is required: give it a value")),
        );
    }
}

/// The placeholder for a date that failed to parse (already reported).
fn unknown_date() -> Date {
    Date {
        start: date::Point {
            part: None,
            year: 0,
            month: None,
            day: None,
        },
        end: None,
    }
}

use crate::model::date;

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
    } = loaded;

    // 1. ids, unique across articles, actors and events
    let mut ids = IdTable::default();
    // the file each id comes from, for messages about duplicates
    let mut origin: rustc_hash::FxHashMap<&str, &std::path::Path> = Default::default();
    for (i, a) in raw_articles.iter().enumerate() {
        ids.insert(&a.id, Target::Article(i));
        origin.insert(&a.id, &a.file.display);
    }
    for (i, a) in raw_actors.iter().enumerate() {
        if let Some(existing) = ids.insert(&a.id, Target::Actor(i)) {
            let other = origin
                .get(a.id.as_str())
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::error(
                    format!(
                        "duplicate id `{}`: {} already has it",
                        a.id,
                        describe(existing, &other)
                    ),
                    &a.file,
                    Position::START,
                )
                .with_help("ids are unique across articles, actors and events: rename one of them"),
            );
        } else {
            origin.insert(&a.id, &a.file.display);
        }
    }
    // events: check ids, parse dates, then order them as the chronology does
    let mut events_raw = Vec::new();
    let mut event_ids: rustc_hash::FxHashSet<&str> = Default::default();
    for (file, list) in &event_files {
        for (i, raw) in list.iter().enumerate() {
            let path = [Step::Index(i), Step::Key("id")];
            if let Err(why) = ids::check_id(&raw.id) {
                diagnostics.push(
                    error_at(
                        file,
                        &path,
                        Some(&raw.id),
                        format!("invalid id `{}`: {why}", raw.id),
                    )
                    .with_help(format!("write `id: {}`", ids::suggest_id(&raw.id))),
                );
                continue;
            }
            let seen = event_ids
                .contains(raw.id.as_str())
                .then_some(Target::Event(0));
            if let Some(existing) = ids.get(&raw.id).or(seen) {
                let other = origin
                    .get(raw.id.as_str())
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diagnostics.push(
                    error_at(
                        file,
                        &path,
                        Some(&raw.id),
                        format!(
                            "duplicate id `{}`: {} already has it",
                            raw.id,
                            describe(existing, &other)
                        ),
                    )
                    .with_help(
                        "ids are unique across articles, actors and events: rename one of them",
                    ),
                );
                continue;
            }
            origin.insert(&raw.id, &file.display);
            event_ids.insert(&raw.id);
            events_raw.push((file, i, raw));
        }
    }
    let mut events_dated: Vec<(Date, &SourceFile, usize, &crate::load::raw::RawEvent)> = events_raw
        .into_iter()
        .map(|(file, i, raw)| {
            let d = date_field(
                &raw.date,
                file,
                &[Step::Index(i), Step::Key("date")],
                diagnostics,
            )
            .unwrap_or_else(unknown_date);
            (d, file, i, raw)
        })
        .collect();
    events_dated.sort_by(|a, b| a.0.chronological(&b.0).then_with(|| a.3.id.cmp(&b.3.id)));
    for (n, (_, _, _, raw)) in events_dated.iter().enumerate() {
        ids.insert(&raw.id, Target::Event(n));
    }

    // 2. article bodies, each split and indexed once
    let bodies: Vec<std::sync::Arc<ArticleWork>> = raw_articles
        .par_iter()
        .map(|a| {
            memo.article(
                &a.text.text,
                &a.raw.title,
                &a.raw.skip,
                a.raw.end_at.as_deref(),
            )
        })
        .collect();
    memo.keep_only(&bodies);
    for (a, work) in raw_articles.iter().zip(&bodies) {
        let b = &work.body;
        for &k in &b.unused_skips {
            diagnostics.push(
                warning_at(&a.file, &[Step::Key("skip"), Step::Index(k)], None, "this `skip` entry matches no paragraph of the text")
                    .with_help(format!("an entry must equal a whole paragraph of {} (a paragraph ends at a blank line)", a.text.display.display())),
            );
        }
        if b.end_at_unused {
            diagnostics.push(
                warning_at(
                    &a.file,
                    &[Step::Key("end_at")],
                    None,
                    "no paragraph of the text starts with `end_at`",
                )
                .with_help(format!(
                    "copy the start of the paragraph from {}",
                    a.text.display.display()
                )),
            );
        }
        if b.paragraphs.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "the article has no body paragraphs",
                    &a.text,
                    Position::START,
                )
                .with_help(
                    "check `skip` and `end_at` in the summary: they removed every paragraph",
                ),
            );
        }
    }

    let article_refs = raw_articles
        .iter()
        .zip(&bodies)
        .map(|(a, work)| ArticleRef {
            id: &a.id,
            work,
            text_file: &a.text,
        })
        .collect();
    let mut r = Resolver::new(&ids, article_refs, &broken_ids);

    // 3. articles
    let mut articles: Vec<Article> = Vec::with_capacity(raw_articles.len());
    for (i, a) in raw_articles.iter().enumerate() {
        let file = &a.file;
        let root: [Step<'_>; 0] = [];
        let site = Site { file, path: &root };
        let raw = &a.raw;
        require(&raw.title, "title", file, &[], &mut r.diagnostics);
        require(&raw.publisher, "publisher", file, &[], &mut r.diagnostics);
        let published = match date_field(
            &raw.published,
            file,
            &[Step::Key("published")],
            &mut r.diagnostics,
        ) {
            Some(d) if !d.is_day() => {
                r.diagnostics.push(
                    error_at(
                        file,
                        &[Step::Key("published")],
                        Some(raw.published.trim()),
                        "`published` must be a day",
                    )
                    .with_help("write the publication date as YYYY-MM-DD"),
                );
                d
            }
            Some(d) => d,
            None => unknown_date(),
        };
        let updated = raw.updated.as_ref().and_then(|u| {
            Some((
                u.clone(),
                date_field(u, file, &[Step::Key("updated")], &mut r.diagnostics)?,
            ))
        });
        if let Some(grade) = &raw.reliability
            && !matches!(grade.trim(), "A" | "B" | "C" | "D" | "E" | "F")
        {
            r.diagnostics.push(
                error_at(
                    file,
                    &[Step::Key("reliability")],
                    Some(grade.trim()),
                    format!("invalid reliability `{grade}`"),
                )
                .with_help("use an Admiralty source grade: A, B, C, D, E or F"),
            );
        }
        let summary = raw.summary.as_ref().map(|s| {
            r.rich(
                s,
                Site {
                    file,
                    path: &[Step::Key("summary")],
                },
                Citer::Article(i),
            )
        });
        let key_points = raw
            .key_points
            .iter()
            .enumerate()
            .map(|(k, kp)| {
                let path = [Step::Key("key_points"), Step::Index(k)];
                let kp_site = Site { file, path: &path };
                let text_path = [Step::Key("key_points"), Step::Index(k), Step::Key("text")];
                KeyPoint {
                    text: r.rich(
                        &kp.text,
                        Site {
                            file,
                            path: &text_path,
                        },
                        Citer::Article(i),
                    ),
                    cites: r.cite_list(&kp.cites, Some(&a.id), kp_site, Citer::Article(i)),
                }
            })
            .collect();
        let _ = site;
        articles.push(Article {
            id: a.id.clone(),
            title: raw.title.trim().to_string(),
            publisher: raw.publisher.trim().to_string(),
            author: raw.author.clone(),
            published: (raw.published.trim().to_string(), published),
            published_shown: published.to_string(),
            updated,
            url: raw.url.clone(),
            language: raw.language.clone(),
            reliability: raw.reliability.as_ref().map(|g| g.trim().to_string()),
            summary,
            key_points,
            paragraphs: Vec::new(),
            mentions: Vec::new(),
            cited_by: Vec::new(),
        });
    }

    // 4. actors and their relations
    let mut actors: Vec<Actor> = Vec::with_capacity(raw_actors.len());
    for (i, a) in raw_actors.iter().enumerate() {
        let file = &a.file;
        let raw = &a.raw;
        require(&raw.name, "name", file, &[], &mut r.diagnostics);
        let kind = raw.kind.clone().unwrap_or_else(|| "other".to_string());
        if !ACTOR_KINDS.contains(&kind.as_str()) {
            r.diagnostics.push(
                error_at(
                    file,
                    &[Step::Key("kind")],
                    Some(&kind),
                    format!("unknown actor kind `{kind}`"),
                )
                .with_help(format!("use one of: {}", ACTOR_KINDS.join(", "))),
            );
        }
        let summary = raw.summary.as_ref().map(|s| {
            r.rich(
                s,
                Site {
                    file,
                    path: &[Step::Key("summary")],
                },
                Citer::Actor(i),
            )
        });
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
    for (i, a) in raw_actors.iter().enumerate() {
        let file = &a.file;
        for (k, rel) in a.raw.relations.iter().enumerate() {
            let path = [Step::Key("relations"), Step::Index(k)];
            let type_path = [Step::Key("relations"), Step::Index(k), Step::Key("type")];
            let actor_path = [Step::Key("relations"), Step::Index(k), Step::Key("actor")];
            let Some((forward, inverse)) = relation_wording(&rel.kind) else {
                let help = match crate::diagnostics::nearest(&rel.kind, RELATION_TYPES) {
                    Some(near) => format!(
                        "did you mean `{near}`? relation types are: {}",
                        RELATION_TYPES.join(", ")
                    ),
                    None => format!("relation types are: {}", RELATION_TYPES.join(", ")),
                };
                r.diagnostics.push(
                    error_at(
                        file,
                        &type_path,
                        Some(&rel.kind),
                        format!("unknown relation type `{}`", rel.kind),
                    )
                    .with_help(help),
                );
                continue;
            };
            let Some(other) = r.actor(
                &rel.actor,
                Site {
                    file,
                    path: &actor_path,
                },
            ) else {
                continue;
            };
            if other == i {
                r.diagnostics.push(
                    error_at(
                        file,
                        &actor_path,
                        Some(&rel.actor),
                        "an actor cannot be related to itself",
                    )
                    .with_help("name the other actor of the relation"),
                );
                continue;
            }
            let cites = r.cite_list(
                &rel.cites,
                None,
                Site { file, path: &path },
                Citer::Actor(i),
            );
            actors[other].relations.push(Relation {
                kind: rel.kind.clone(),
                wording: inverse,
                other: i,
                cites: cites.clone(),
            });
            actors[i].relations.push(Relation {
                kind: rel.kind.clone(),
                wording: forward,
                other,
                cites,
            });
        }
    }

    // 5. mentions: one automaton over every name, run over every paragraph
    // while the events are resolved (which is mostly sequential)
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut owner: std::collections::HashMap<&str, usize> = Default::default();
    for (i, a) in actors.iter().enumerate() {
        for name in std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str)) {
            match owner.get(name) {
                Some(&first) if first != i => {
                    let file = &raw_actors[i].file;
                    r.diagnostics.push(
                        warning_at(
                            file,
                            &[],
                            Some(name),
                            format!(
                                "`{name}` is also a name of actor `{}`; mentions of it go to `{}`",
                                actors[first].id, actors[first].id
                            ),
                        )
                        .with_help("give each name to one actor only"),
                    );
                }
                Some(_) => {}
                None => {
                    owner.insert(name, i);
                    names.push((i, name.to_string()));
                }
            }
        }
    }
    let names_version = memo.names_version(&names);
    // built only when some text is searched (in serve, most are kept)
    let finder = std::sync::OnceLock::new();

    let resolve_events_and_pack = || {
        // 6. events, in chronological order (their quotes looked up in parallel first)
        r.prefetch(events_dated.iter().flat_map(|(_, _, _, raw)| {
            raw.cites
                .iter()
                .filter_map(|c| Some((c.article.as_deref()?, c.quote.as_deref()?)))
        }));
        let mut events = Vec::with_capacity(events_dated.len());
        for (n, (date, file, i, raw)) in events_dated.iter().enumerate() {
            let file: &SourceFile = file;
            let i = *i;
            require(
                &raw.title,
                "title",
                file,
                &[Step::Index(i)],
                &mut r.diagnostics,
            );
            let mut participants: Vec<(usize, String)> = Vec::new();
            for (k, p) in raw.actors.iter().enumerate() {
                let (id, role) = match p {
                    crate::load::raw::RawParticipant::Id(id) => {
                        (id.as_str(), "involved".to_string())
                    }
                    crate::load::raw::RawParticipant::WithRole { actor, role } => (
                        actor.as_str(),
                        role.clone().unwrap_or_else(|| "involved".to_string()),
                    ),
                };
                let path = [Step::Index(i), Step::Key("actors"), Step::Index(k)];
                if let Some(actor) = r.actor(id, Site { file, path: &path })
                    && !participants.iter().any(|(a, _)| *a == actor)
                {
                    participants.push((actor, role.trim().to_string()));
                    actors[actor].events.push((n, role.trim().to_string()));
                }
            }
            if let Some(status) = &raw.status
                && !STATUSES.contains(&status.trim())
            {
                r.diagnostics.push(
                    error_at(
                        file,
                        &[Step::Index(i), Step::Key("status")],
                        Some(status),
                        format!("unknown status `{status}`"),
                    )
                    .with_help(format!("use one of: {}", STATUSES.join(", "))),
                );
            }
            let item = [Step::Index(i)];
            if raw.cites.is_empty() {
                r.diagnostics.push(
                    error_at(
                        file,
                        &[Step::Index(i), Step::Key("id")],
                        Some(&raw.id),
                        format!("event `{}` has no citation", raw.id),
                    )
                    .with_help("add `cites:` with at least one `{article: <id>, quote: \"…\"}`"),
                );
            }
            let cites = r.cite_list(
                &raw.cites,
                None,
                Site { file, path: &item },
                Citer::Event(n),
            );
            let summary_path = [Step::Index(i), Step::Key("summary")];
            let summary = raw.summary.as_ref().map(|s| {
                r.rich(
                    s,
                    Site {
                        file,
                        path: &summary_path,
                    },
                    Citer::Event(n),
                )
            });
            events.push(Event {
                id: raw.id.clone(),
                date: (raw.date.trim().to_string(), *date),
                date_shown: date.to_string(),
                title: raw.title.trim().to_string(),
                kind: raw.kind.clone(),
                location: raw.location.clone(),
                status: raw.status.as_ref().map(|s| s.trim().to_string()),
                actors: participants,
                summary,
                cites,
            });
        }

        // 7. the pack itself
        let mut pack = Pack {
            language: "en".to_string(),
            ..Pack::default()
        };
        if let Some((file, raw)) = &raw_pack {
            require(&raw.title, "title", file, &[], &mut r.diagnostics);
            pack.title = raw.title.trim().to_string();
            pack.subtitle = raw.subtitle.clone();
            pack.marking = raw.marking.clone();
            pack.author = raw.author.clone();
            pack.language = raw.language.clone().unwrap_or_else(|| "en".to_string());
            pack.base_url = raw.base_url.clone();
            pack.date = raw.date.as_ref().and_then(|d| {
                Some((
                    d.trim().to_string(),
                    date_field(d, file, &[Step::Key("date")], &mut r.diagnostics)?,
                ))
            });
            pack.summary = raw.summary.as_ref().map(|s| {
                r.rich(
                    s,
                    Site {
                        file,
                        path: &[Step::Key("summary")],
                    },
                    Citer::Pack,
                )
            });
            for (k, kj) in raw.key_judgments.iter().enumerate() {
                let path = [Step::Key("key_judgments"), Step::Index(k)];
                let text_path = [
                    Step::Key("key_judgments"),
                    Step::Index(k),
                    Step::Key("text"),
                ];
                if let Some(c) = &kj.confidence
                    && !CONFIDENCES.contains(&c.trim())
                {
                    let conf_path = [
                        Step::Key("key_judgments"),
                        Step::Index(k),
                        Step::Key("confidence"),
                    ];
                    r.diagnostics.push(
                        error_at(
                            file,
                            &conf_path,
                            Some(c),
                            format!("unknown confidence `{c}`"),
                        )
                        .with_help("use low, moderate or high"),
                    );
                }
                pack.key_judgments.push(KeyJudgment {
                    text: r.rich(
                        &kj.text,
                        Site {
                            file,
                            path: &text_path,
                        },
                        Citer::Pack,
                    ),
                    confidence: kj.confidence.as_ref().map(|c| c.trim().to_string()),
                    cites: r.cite_list(&kj.cites, None, Site { file, path: &path }, Citer::Pack),
                });
            }
        }
        (events, pack)
    };
    let find_mentions = || -> Vec<Vec<Vec<crate::model::Mention>>> {
        bodies
            .par_iter()
            .map(|work| {
                work.mentions(names_version, |paragraphs| {
                    let finder = finder.get_or_init(|| {
                        MentionFinder::new(names.iter().map(|(i, n)| (*i, n.as_str())))
                    });
                    paragraphs.iter().map(|p| finder.find(p)).collect()
                })
            })
            .collect()
    };
    let ((events, mut pack), found) = rayon::join(resolve_events_and_pack, find_mentions);

    let Resolver {
        citations,
        citers,
        diagnostics: resolve_diagnostics,
        ..
    } = r;
    diagnostics.extend(resolve_diagnostics);
    let mut leftovers = Vec::with_capacity(bodies.len());
    for ((article, work), mentions) in articles.iter_mut().zip(bodies).zip(found) {
        // moved out when nothing else holds the work (a one-off build)
        article.paragraphs = match std::sync::Arc::try_unwrap(work) {
            Ok(mut work) => {
                let paragraphs = std::mem::take(&mut work.body.paragraphs);
                leftovers.push(work);
                paragraphs
            }
            Err(work) => work.body.paragraphs.clone(),
        };
        article.mentions = mentions;
    }
    // the actors each paragraph names (found for each article in parallel),
    // then each actor's paragraphs, in article order
    let named: Vec<Vec<(usize, usize)>> = articles
        .par_iter()
        .map(|article| {
            let mut named = Vec::new();
            let mut in_paragraph: Vec<usize> = Vec::new();
            for (p, mentions) in article.mentions.iter().enumerate() {
                in_paragraph.clear();
                in_paragraph.extend(mentions.iter().map(|m| m.actor));
                in_paragraph.sort_unstable();
                in_paragraph.dedup();
                named.extend(in_paragraph.iter().map(|&actor| (actor, p + 1)));
            }
            named
        })
        .collect();
    let mut counts = vec![0usize; actors.len()];
    for &(actor, _) in named.iter().flatten() {
        counts[actor] += 1;
    }
    for (actor, n) in actors.iter_mut().zip(counts) {
        actor.mentions.reserve_exact(n);
    }
    for (ai, paragraphs) in named.into_iter().enumerate() {
        for (actor, p) in paragraphs {
            actors[actor].mentions.push((ai, p));
        }
    }
    for (i, actor) in actors.iter().enumerate() {
        if actor.mentions.is_empty() {
            let file = &raw_actors[i].file;
            diagnostics.push(
                warning_at(file, &[Step::Key("name")], None, format!("actor `{}` is mentioned in no article", actor.id))
                    .with_help("add the spelling the articles use to `aliases` (names match as whole words, case-sensitively)"),
            );
        }
    }

    // 8. who cites each article
    let mut citers = citers;
    citers.sort();
    citers.dedup();
    for (citer, id) in citers {
        let article = citations[id].article;
        articles[article].cited_by.push((citer, id));
    }
    for (i, article) in articles.iter().enumerate() {
        let by_others = article
            .cited_by
            .iter()
            .any(|(c, _)| *c != Citer::Article(i));
        if !by_others {
            diagnostics.push(
                warning_at(
                    &raw_articles[i].file,
                    &[Step::Key("title")],
                    None,
                    format!("article `{}` is cited nowhere", article.id),
                )
                .with_help("cite it from an event, an actor or the pack, or remove it"),
            );
        }
    }

    // 9. static files may not replace generated pages
    for s in &static_files {
        if RESERVED_OUTPUT.iter().any(|r| {
            if r.ends_with('/') {
                s.output_path.starts_with(r)
            } else {
                s.output_path == *r
            }
        }) {
            diagnostics.push(
                Diagnostic::general(
                    format!(
                        "content/static/{} would replace a page that briefing writes",
                        s.output_path
                    ),
                    Some(std::path::Path::new(&format!(
                        "content/static/{}",
                        s.output_path
                    ))),
                )
                .with_help("rename or move it"),
            );
        }
    }

    pack.articles = articles;
    pack.actors = actors;
    pack.events = events;
    pack.citations = citations;
    pack.static_files = static_files;
    // what the pack no longer needs (the files as read, each text's quote
    // index) is freed on a thread of its own, while the pages are rendered
    crate::drop_in_background((raw_articles, raw_actors, event_files, leftovers));
    pack
}

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
