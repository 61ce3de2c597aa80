//! `briefing` turns a folder of captured news articles and hand-written YAML
//! summaries into a linked, cited briefing-pack website.
//!
//! A build is four stages, each a module: [`load`] reads the files,
//! [`resolve`] checks and links them into a [`model::Pack`], [`render`] makes
//! the pages, [`output`] writes them atomically. Problems are
//! [`diagnostics::Diagnostic`] values carrying their file, line and column.

pub mod background;
pub mod diagnostics;
pub mod draft;
pub mod fatal;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;
pub mod routes;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostic, Diagnostics};
use model::Pack;
use render::{OutputFile, RenderOptions};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The pack's folder (holding `content/`).
    pub root: PathBuf,
    /// The output folder; `root/public` when not given.
    pub output: Option<PathBuf>,
    /// Absolute URL of the published site, overriding pack.yaml's `base_url`.
    pub base_url: Option<String>,
}

/// Why a build or check failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the content (exit status 1), errors and warnings sorted.
    Content(Vec<Diagnostic>),
    /// Usage or I/O trouble (exit status 2).
    Usage(fatal::Fatal),
}

/// What a successful build or check produced.
#[derive(Debug)]
pub struct Report {
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
    /// The resolved pack.
    pub pack: Pack,
    /// The number of HTML pages in the site.
    pub pages: usize,
}

/// Prints how long each stage took when `BRIEFING_TIMINGS` is set.
struct Timer {
    on: bool,
    last: std::time::Instant,
    last_cpu: Option<f64>,
}

impl Timer {
    fn new() -> Timer {
        let on = std::env::var_os("BRIEFING_TIMINGS").is_some();
        Timer {
            on,
            last: std::time::Instant::now(),
            last_cpu: if on { process_cpu_ms() } else { None },
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            let cpu = process_cpu_ms();
            let spent = match (cpu, self.last_cpu) {
                (Some(now), Some(then)) => format!(" (CPU {:.0} ms)", now - then),
                _ => String::new(),
            };
            let resident = resident_mib().map_or(String::new(), |m| format!(", {m} MiB resident"));
            eprintln!(
                "timing: {stage:<8} {:>7.1} ms{spent}{resident}",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
            self.last_cpu = cpu;
        }
        self.last = std::time::Instant::now();
    }
}

/// The memory the process holds now, in MiB, where the system tells it.
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}

/// CPU time used so far by all of the process's threads, in milliseconds,
/// where the system tells it (Linux, to the clock tick).
fn process_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name, which is in parentheses
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    // Linux reports in clock ticks of 10 ms on every common configuration
    Some((user + system) * 10.0)
}

/// A pack loaded, resolved and checked, with its theme: ready to render.
struct Prepared {
    pack: Pack,
    theme: load::theme::Theme,
    options: RenderOptions,
    warnings: Diagnostics,
}

/// What `serve` keeps from one build to the next, so that a rebuild after an
/// edit redoes only what the edit touched: the files read and parsed, and
/// the work on each article's text (paragraphs, quote index, mentions).
pub struct Kept {
    files: load::Cache,
    articles: resolve::memo::Memo,
}

impl Kept {
    /// Keeps everything it can.
    pub fn new() -> Kept {
        Kept {
            files: load::Cache::default(),
            articles: resolve::memo::Memo::on(),
        }
    }

    /// Keeps nothing: a one-off build.
    fn nothing() -> Kept {
        Kept {
            files: load::Cache::off(),
            articles: resolve::memo::Memo::off(),
        }
    }
}

impl Default for Kept {
    fn default() -> Kept {
        Kept::new()
    }
}

/// Stages 1 and 2: load and resolve the pack at `root`, and load its theme.
fn prepare(root: &Path, base_url: Option<String>, timer: &mut Timer) -> Result<Prepared, Failure> {
    prepare_cached(root, base_url, &Kept::nothing(), timer)
}

/// As [`prepare`], taking what an earlier build left in `kept`.
fn prepare_cached(
    root: &Path,
    base_url: Option<String>,
    kept: &Kept,
    timer: &mut Timer,
) -> Result<Prepared, Failure> {
    let mut diagnostics = Diagnostics::default();
    let loaded = load::load_with(root, &mut diagnostics, &kept.files).map_err(Failure::Usage)?;
    timer.lap("load");
    let theme_name = match &loaded.pack {
        Some((file, raw)) => match raw.theme.as_deref() {
            Some(name) => load::theme::check_name(name, file).map(|()| name.to_string()),
            None => Ok("default".into()),
        },
        None => Ok("default".into()),
    };
    let pack = resolve::resolve_with(loaded, &mut diagnostics, &kept.articles);
    timer.lap("resolve");
    let theme = match theme_name.and_then(|name| load::theme::Theme::load(root, &name)) {
        Ok(t) => Some(t),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    match theme {
        Some(theme) if !diagnostics.has_errors() => {
            let options = RenderOptions {
                base_url: base_url.or_else(|| pack.base_url.clone()),
            };
            Ok(Prepared {
                pack,
                theme,
                options,
                warnings: diagnostics,
            })
        }
        _ => Err(Failure::Content(diagnostics.into_sorted())),
    }
}

/// Stages 3 (and 4, through `sink`): render the prepared pack.
fn render_into(
    prepared: Prepared,
    sink: &dyn render::Sink,
    timer: &mut Timer,
) -> Result<Report, Failure> {
    let Prepared {
        pack,
        theme,
        options,
        mut warnings,
    } = prepared;
    let rendered = render::render(&pack, &theme, &options, sink);
    timer.lap("render");
    match rendered {
        Ok(pages) => Ok(Report {
            warnings: warnings.into_sorted(),
            pack,
            pages,
        }),
        Err(render::RenderError::Output(message)) => Err(Failure::Usage(message)),
        Err(render::RenderError::Templates(errors)) => {
            for e in errors {
                warnings.push(e);
            }
            Err(Failure::Content(warnings.into_sorted()))
        }
    }
}

/// A sink that keeps nothing: `check` renders every page and discards it.
struct Discard;

impl render::Sink for Discard {
    fn accept(&self, _file: &OutputFile) -> Result<(), fatal::Fatal> {
        Ok(())
    }
}

/// Discards every page, and stops the rendering once `0` turns false.
struct DiscardWhile<'a>(&'a (dyn Fn() -> bool + Sync));

impl render::Sink for DiscardWhile<'_> {
    fn accept(&self, _file: &OutputFile) -> Result<(), fatal::Fatal> {
        if (self.0)() {
            Ok(())
        } else {
            Err(fatal::Fatal::Stopped)
        }
    }
}

/// A pack resolved and checked, with its templates compiled, that renders
/// pages on request: what `serve` serves between two edits.
pub struct Live {
    prepared: Prepared,
    renderer: render::Renderer,
}

impl Live {
    /// Loads and resolves the pack at `root`, taking unchanged files from `cache`.
    pub fn prepare(root: &Path, kept: &Kept) -> Result<Live, Failure> {
        let mut timer = Timer::new();
        let prepared = prepare_cached(root, None, kept, &mut timer)?;
        let renderer = render::Renderer::new(&prepared.theme, &prepared.pack, &prepared.options)
            .map_err(Failure::Content)?;
        Ok(Live { prepared, renderer })
    }

    /// The warnings of the build.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.prepared.warnings.iter().cloned().collect()
    }

    /// The files that hold `path` (see [`render::render_path`]).
    pub fn render_path(&self, path: &str) -> Option<Result<Vec<OutputFile>, Diagnostic>> {
        let p = &self.prepared;
        render::render_path(&p.pack, &p.theme, &p.options, &self.renderer, path)
    }

    /// Renders every page and discards it, to find template errors. Stops
    /// early, with `Ok(None)`, as soon as `wanted` says the result is no
    /// longer wanted (a newer version of the pack is being served).
    pub fn check_pages(
        &self,
        wanted: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<usize>, Vec<Diagnostic>> {
        let p = &self.prepared;
        match render::render(&p.pack, &p.theme, &p.options, &DiscardWhile(wanted)) {
            Ok(pages) => Ok(Some(pages)),
            Err(render::RenderError::Templates(errors)) => Err(errors),
            Err(render::RenderError::Output(_)) => Ok(None),
        }
    }
}

/// Refuses a base URL given on the command line that is not an absolute
/// `http:` or `https:` address (`example.org` would make every canonical
/// link and sitemap entry relative).
fn check_base_url(base_url: Option<&str>) -> Result<(), Failure> {
    match base_url {
        Some(url) if !resolve::markup::is_web_url(url) => {
            Err(Failure::Usage(fatal::Fatal::BadBaseUrl {
                url: url.to_string(),
            }))
        }
        _ => Ok(()),
    }
}

/// Loads, resolves and renders the pack at `root` without writing anything.
pub fn check(root: &Path, base_url: Option<String>) -> Result<Report, Failure> {
    check_base_url(base_url.as_deref())?;
    let mut timer = Timer::new();
    let prepared = prepare(root, base_url, &mut timer)?;
    render_into(prepared, &Discard, &mut timer)
}

/// Builds the pack and writes the site atomically into the output folder.
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    check_base_url(options.base_url.as_deref())?;
    let out = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    output::outside_sources(&options.root, &out).map_err(Failure::Usage)?;
    // refuse a foreign output folder before doing any work
    match output::replaceable(&out) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Failure::Usage(fatal::Fatal::ForeignOutput { path: out }));
        }
        Err(e) => return Err(Failure::Usage(e)),
    }
    let mut timer = Timer::new();
    let prepared = prepare(&options.root, options.base_url.clone(), &mut timer)?;
    let staging = output::Staging::create(&out).map_err(Failure::Usage)?;
    let report = render_into(prepared, &staging, &mut timer)?;
    staging.commit().map_err(Failure::Usage)?;
    timer.lap("commit");
    Ok(report)
}
