//! Stage 3, render: the resolved pack becomes the site's files in memory.
//! Each page kind is a module of `pages` — one function building a context
//! from the pack, one template presenting it. Nothing here reads content
//! files or writes output; `output` does that.

pub mod engine;
pub mod fragments;
pub mod highlight;
pub mod html;
pub mod markdown;
pub mod pages;
pub mod refs;
pub mod views;

use std::path::PathBuf;

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::load::theme::Theme;
use crate::model::Pack;
use crate::routes::{self, Route};

/// One file of the output.
#[derive(Debug)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// What to write.
    pub contents: Contents,
}

/// The contents of an output file.
#[derive(Debug)]
pub enum Contents {
    /// Bytes made by the build.
    Bytes(Vec<u8>),
    /// A file to copy as it is.
    Copy(PathBuf),
}

/// Settings of one build that are not in the pack.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Absolute URL of the site root (`--base-url`, else pack.yaml's `base_url`).
    pub base_url: Option<String>,
}

/// What every page's template sees as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView {
    title: String,
    subtitle: Option<String>,
    marking: Option<String>,
    /// The marking as a CSS string literal's contents, for `@page` boxes.
    marking_css: Option<String>,
    author: Option<String>,
    date: Option<String>,
    language: String,
    base_url: Option<String>,
    generator: &'static str,
}

/// Escapes `text` for use inside a double-quoted CSS string in a `<style>`
/// element: quotes, backslashes and anything that could close the element
/// become CSS escapes.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' => out.push_str(&format!("\\{:X} ", c as u32)),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The theme's templates and what every page shares.
pub struct Renderer {
    fragments: fragments::Fragments,
    site: SiteView,
}

impl Renderer {
    /// Compiles the theme's templates, with the pack's shared values.
    pub fn new(
        theme: &Theme,
        pack: &Pack,
        options: &RenderOptions,
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let base_url = options
            .base_url
            .as_ref()
            .map(|u| format!("{}/", u.trim_end_matches('/')));
        let site = SiteView {
            title: pack.title.clone(),
            subtitle: pack.subtitle.clone(),
            marking: pack.marking.clone(),
            marking_css: pack.marking.as_deref().map(css_string),
            author: pack.author.clone(),
            date: pack.date.as_ref().map(|d| d.1.to_string()),
            language: pack.language.clone(),
            base_url,
            generator: concat!("briefing ", env!("CARGO_PKG_VERSION")),
        };
        let engine = engine::Engine::new(theme, &site).map_err(|d| vec![d])?;
        Ok(Renderer {
            fragments: fragments::Fragments::new(engine, pack),
            site,
        })
    }

    /// What pages share: the theme's fragments and the values made once.
    pub fn fragments(&self) -> &fragments::Fragments {
        &self.fragments
    }

    /// What every template sees as `site`.
    pub fn site(&self) -> &SiteView {
        &self.site
    }

    /// Renders `page` with its route's template, its citations numbered.
    pub fn page<T: Serialize>(&self, page: &pages::Page<'_, T>) -> Result<Vec<u8>, Diagnostic> {
        self.page_with_room(page, 0)
    }

    /// As [`Renderer::page`], for a page that may take up to about `room`
    /// bytes: the room is set aside at once, so that a page of the whole
    /// pack is not grown by doubling, each step copying it and touching
    /// fresh memory. Room never written costs nothing but address space.
    pub fn page_with_room<T: Serialize>(
        &self,
        page: &pages::Page<'_, T>,
        room: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = buffers::take(room);
        self.fragments
            .engine()
            .render_into(page.route.template(), page, &mut out)?;
        self.fragments.fill_citations(out, &page.numbers)
    }

    /// Renders `template` with `context`: a file that is not a page (the
    /// sitemap).
    pub fn file<C: Serialize>(&self, template: &str, context: &C) -> Result<Vec<u8>, Diagnostic> {
        let mut out = buffers::take(0);
        self.fragments
            .engine()
            .render_into(template, context, &mut out)?;
        Ok(out)
    }
}

/// Output buffers kept per thread between pages. A page's bytes are written
/// out as soon as it is rendered, so its buffer can serve the next page: no
/// growing a fresh buffer from empty, no fresh memory to fault in.
mod buffers {
    use std::cell::RefCell;

    /// Buffers larger than this go back to the allocator.
    const KEEP_AT_MOST: usize = 16 << 20;

    thread_local! {
        static SPARE: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    }

    /// An empty buffer with room for `room` bytes (at least): from an
    /// earlier page when one is large enough.
    pub fn take(room: usize) -> Vec<u8> {
        let room = room.max(32 * 1024);
        SPARE
            .with(|spare| {
                let mut spare = spare.borrow_mut();
                let fits = spare.iter().rposition(|b| b.capacity() >= room)?;
                Some(spare.swap_remove(fits))
            })
            .unwrap_or_else(|| Vec::with_capacity(room))
    }

    /// Hands `buffer` back for the next page rendered on this thread.
    pub fn give_back(mut buffer: Vec<u8>) {
        if buffer.capacity() <= KEEP_AT_MOST {
            buffer.clear();
            SPARE.with(|spare| {
                let mut spare = spare.borrow_mut();
                if spare.len() < 2 {
                    spare.push(buffer);
                }
            });
        }
    }
}

/// Where rendered files go: written to the staging folder by `output`,
/// counted by `check`, kept in memory by `serve`. Called from several
/// threads, in no particular order.
pub trait Sink: Sync {
    /// Takes one finished file; an error stops the build.
    fn accept(&self, file: &OutputFile) -> Result<(), String>;
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// Templates failed (content errors, exit status 1).
    Templates(Vec<Diagnostic>),
    /// The sink failed (I/O, exit status 2).
    Output(String),
}

/// One unit of rendering work: a page, or a few small files.
#[derive(Clone, Copy)]
enum Job {
    Print,
    Data,
    Chronology,
    Home,
    ActorsIndex,
    ArticlesIndex,
    Actor(usize),
    Article(usize),
}

impl Job {
    /// The page kind, for timings.
    fn kind(self) -> usize {
        match self {
            Job::Print => 0,
            Job::Data => 1,
            Job::Chronology => 2,
            Job::Home => 3,
            Job::ActorsIndex => 4,
            Job::ArticlesIndex => 5,
            Job::Actor(_) => 6,
            Job::Article(_) => 7,
        }
    }

    const KINDS: [&'static str; 8] = [
        "print",
        "data",
        "chronology",
        "home",
        "actors",
        "articles",
        "actor",
        "article",
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
            Job::Home => pages::home::render(pack, r),
            Job::ActorsIndex => pages::actors::render_index(pack, r),
            Job::ArticlesIndex => pages::articles::render_index(pack, r),
            Job::Actor(i) => pages::actors::render_actor(pack, r, i).map(|f| vec![f]),
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
        Some(Route::Actors) => Job::ActorsIndex,
        Some(Route::Articles) => Job::ArticlesIndex,
        Some(Route::Print) => Job::Print,
        Some(Route::NotFound) => Job::Data,
        Some(Route::Actor(id)) => Job::Actor(pack.actors.iter().position(|a| a.id == id)?),
        Some(Route::Article(id)) => Job::Article(pack.articles.iter().position(|a| a.id == id)?),
        None if routes::DATA_FILES.contains(&path) => Job::Data,
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
        Job::Print,
        Job::Data,
        Job::Chronology,
        Job::Home,
        Job::ActorsIndex,
        Job::ArticlesIndex,
    ];
    jobs.extend((0..pack.actors.len()).map(Job::Actor));
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
