//! Stage 3, render: the resolved pack becomes the site's files in memory.
//! Each page kind is a module of `pages` — one function building a context
//! from the pack, one template presenting it. Nothing here reads content
//! files or writes output; `output` does that.

mod buffers;
pub mod csp;
pub mod describe;
pub mod engine;
pub mod fragments;
pub mod graph;
pub mod highlight;
pub mod html;
pub mod markdown;
pub mod pages;
pub mod plain;
pub mod refs;
pub mod renderer;
pub mod search;
pub mod stencil;
pub mod timeline;
pub mod views;

pub use renderer::{Contents, OutputFile, RenderOptions, Renderer};

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::theme::Theme;
use crate::model::Pack;
use crate::routes::{self, Route};
/// Where rendered files go: written to the staging folder by `output`,
/// counted by `check`, kept in memory by `serve`. Called from several
/// threads, in no particular order.
pub trait Sink: Sync {
    /// Takes one finished file; an error stops the build.
    fn accept(&self, file: &OutputFile) -> Result<(), crate::fatal::Fatal>;
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// Templates failed (content errors, exit status 1).
    Templates(Vec<Diagnostic>),
    /// The sink failed (I/O, exit status 2).
    Output(crate::fatal::Fatal),
}

/// One unit of rendering work: a page, or a few small files.
#[derive(Clone, Copy)]
enum Job {
    Print,
    Data,
    Chronology,
    /// A page of the split chronology, by its place in the list of pages.
    Period(usize),
    Home,
    /// The search page and its index.
    Search,
    ActorsIndex,
    ArticlesIndex,
    Actor(usize),
    /// A later page of an actor's list of events or mentions.
    ActorList(usize, routes::List, usize),
    Article(usize),
}

impl Job {
    /// The page kind, for timings.
    fn kind(self) -> usize {
        match self {
            Job::Print => 0,
            Job::Data => 1,
            Job::Chronology | Job::Period(_) => 2,
            Job::Home => 3,
            Job::Search => 8,
            Job::ActorsIndex => 4,
            Job::ArticlesIndex => 5,
            Job::Actor(_) | Job::ActorList(..) => 6,
            Job::Article(_) => 7,
        }
    }

    const KINDS: [&'static str; 9] = [
        "print",
        "data",
        "chronology",
        "home",
        "actors",
        "articles",
        "actor",
        "article",
        "search",
    ];

    fn run(
        self,
        pack: &Pack,
        r: &Renderer,
        options: &RenderOptions,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        match self {
            Job::Print => pages::print::render(pack, r),
            Job::Data => pages::data::render(pack, r, options),
            Job::Chronology => pages::chronology::render(pack, r),
            Job::Period(n) => pages::chronology::render_period(pack, r, n).map(|f| vec![f]),
            Job::Home => pages::home::render(pack, r),
            Job::Search => pages::search::render(pack, r),
            Job::ActorsIndex => pages::actors::render_index(pack, r),
            Job::ArticlesIndex => pages::articles::render_index(pack, r),
            Job::Actor(i) => pages::actors::render_actor(pack, r, i).map(|f| vec![f]),
            Job::ActorList(i, list, n) => {
                pages::actors::render_actor_list(pack, r, i, list, n).map(|f| vec![f])
            }
            Job::Article(i) => pages::articles::render_article(pack, r, i).map(|f| vec![f]),
        }
    }
}

/// The files that hold `path` of the site (a page, or the few files made
/// with it), made on their own: what `serve` renders on request. `None` when
/// the site has no such path.
pub fn render_path(
    pack: &Pack,
    theme: &Theme,
    options: &RenderOptions,
    renderer: &Renderer,
    path: &str,
) -> Option<Result<Vec<OutputFile>, Diagnostic>> {
    let job = match Route::parse(path) {
        Some(Route::Home) => Job::Home,
        Some(Route::Chronology) => Job::Chronology,
        Some(Route::Period(period)) => {
            let pages = renderer.fragments().event_pages().pages();
            Job::Period(pages.iter().position(|p| p.period == period)?)
        }
        Some(Route::Actors) => Job::ActorsIndex,
        Some(Route::Articles) => Job::ArticlesIndex,
        Some(Route::ArticlesPart(n)) => {
            let pages = routes::SOURCE_PAGES.count(pack.articles.len());
            if usize::from(n) > pages {
                return None;
            }
            Job::ArticlesIndex
        }
        Some(Route::Print) => Job::Print,
        Some(Route::Search) => Job::Search,
        Some(Route::NotFound) => Job::Data,
        Some(Route::Actor(id)) => Job::Actor(pack.actors.iter().position(|a| a.id == id)?),
        Some(Route::ActorList(id, list, n)) => {
            let i = pack.actors.iter().position(|a| a.id == id)?;
            let n = usize::from(n);
            pages::actors::actor_sub_pages(pack, i).find(|&sub| sub == (list, n))?;
            Job::ActorList(i, list, n)
        }
        Some(Route::Article(id)) => Job::Article(pack.articles.iter().position(|a| a.id == id)?),
        None if routes::DATA_FILES.contains(&path) => Job::Data,
        None if path.starts_with(search::FOLDER) => Job::Search,
        None if path == routes::NO_JEKYLL => {
            return Some(Ok(vec![OutputFile {
                path: path.to_string(),
                contents: Contents::Bytes(Vec::new()),
            }]));
        }
        None => {
            if let Some(asset) = path
                .strip_prefix(routes::ASSETS)
                .and_then(|a| theme.assets.get(a))
            {
                return Some(Ok(vec![OutputFile {
                    path: path.to_string(),
                    contents: Contents::Bytes(asset.to_vec()),
                }]));
            }
            let s = pack.static_files.iter().find(|s| s.output_path == path)?;
            return Some(Ok(vec![OutputFile {
                path: path.to_string(),
                contents: Contents::Copy(s.source.clone()),
            }]));
        }
    };
    Some(job.run(pack, renderer, options))
}

/// Renders every file of the site into `sink`; returns the number of HTML
/// pages. Pages are made in parallel, the largest first, and handed over as
/// soon as each is done, so the site is never held in memory whole.
pub fn render(
    pack: &Pack,
    theme: &Theme,
    options: &RenderOptions,
    sink: &dyn Sink,
) -> Result<usize, RenderError> {
    let renderer = Renderer::new(theme, pack, options).map_err(RenderError::Templates)?;
    // every markdown field to HTML once, in parallel
    pages::warm_markdown(pack);
    let mut jobs = vec![
        Job::Search,
        Job::Print,
        Job::Data,
        Job::Chronology,
        Job::Home,
        Job::ActorsIndex,
        Job::ArticlesIndex,
    ];
    jobs.extend((0..renderer.fragments().event_pages().pages().len()).map(Job::Period));
    jobs.extend((0..pack.actors.len()).map(Job::Actor));
    for i in 0..pack.actors.len() {
        jobs.extend(
            pages::actors::actor_sub_pages(pack, i).map(|(list, n)| Job::ActorList(i, list, n)),
        );
    }
    jobs.extend((0..pack.articles.len()).map(Job::Article));
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let timings = std::env::var_os("BRIEFING_TIMINGS").is_some();
    let busy: [AtomicU64; Job::KINDS.len() + 1] = Default::default();
    let output_error = std::sync::Mutex::new(None);
    // once the sink fails, the pages not yet started are not rendered
    let stopped = std::sync::atomic::AtomicBool::new(false);
    let mut errors: Vec<Diagnostic> = jobs
        .par_iter()
        .with_max_len(1)
        .filter_map(|job| {
            if stopped.load(Ordering::Relaxed) {
                return None;
            }
            let started = timings.then(std::time::Instant::now);
            let rendered = job.run(pack, &renderer, options);
            let rendered_at = timings.then(std::time::Instant::now);
            let result = match rendered {
                Ok(files) => {
                    for file in files {
                        if file.path.ends_with(".html") {
                            pages.fetch_add(1, Ordering::Relaxed);
                        }
                        if let Err(e) = sink.accept(&file) {
                            stopped.store(true, Ordering::Relaxed);
                            if let Ok(mut slot) = output_error.lock() {
                                slot.get_or_insert(e);
                            }
                        }
                        if let Contents::Bytes(bytes) = file.contents {
                            buffers::give_back(bytes);
                        }
                    }
                    None
                }
                Err(d) => Some(d),
            };
            if let (Some(start), Some(mid)) = (started, rendered_at) {
                busy[job.kind()].fetch_add((mid - start).as_micros() as u64, Ordering::Relaxed);
                busy[Job::KINDS.len()]
                    .fetch_add(mid.elapsed().as_micros() as u64, Ordering::Relaxed);
            }
            result
        })
        .collect();
    if timings {
        let kinds = Job::KINDS.iter().chain(["(output)"].iter());
        let line: Vec<String> = kinds
            .zip(&busy)
            .map(|(kind, t)| format!("{kind} {:.0}", t.load(Ordering::Relaxed) as f64 / 1000.0))
            .collect();
        eprintln!("timing: render CPU ms by page kind: {}", line.join(", "));
    }
    if let Some(e) = output_error.into_inner().ok().flatten() {
        return Err(RenderError::Output(e));
    }
    if !errors.is_empty() {
        // one template error shows on every page that uses it: report it once
        let mut seen = std::collections::HashSet::new();
        errors.retain(|d| seen.insert(d.message.clone()));
        return Err(RenderError::Templates(errors));
    }
    let mut extra: Vec<OutputFile> = theme
        .assets
        .iter()
        .map(|(path, bytes)| OutputFile {
            path: format!("{}{path}", routes::ASSETS),
            contents: Contents::Bytes(bytes.to_vec()),
        })
        .collect();
    extra.extend(pack.static_files.iter().map(|s| OutputFile {
        path: s.output_path.clone(),
        contents: Contents::Copy(s.source.clone()),
    }));
    extra.push(OutputFile {
        path: routes::NO_JEKYLL.to_string(),
        contents: Contents::Bytes(Vec::new()),
    });
    for file in extra {
        sink.accept(&file).map_err(RenderError::Output)?;
    }
    // the shared values are many small pieces: free them alongside
    crate::background::drop_in_background(renderer);
    Ok(pages.into_inner())
}
