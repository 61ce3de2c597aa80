//! `briefing` turns a folder of captured news articles and hand-written YAML
//! summaries into a linked, cited briefing-pack website.
//!
//! A build is four stages, each a module: [`load`] reads the files,
//! [`resolve`] checks and links them into a [`model::Pack`], [`render`] makes
//! the pages, [`output`] writes them atomically. Problems are
//! [`diagnostics::Diagnostic`] values carrying their file, line and column.

pub mod diagnostics;
pub mod draft;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;
#[cfg(feature = "serve")]
pub mod serve;
pub mod theme;

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
    Usage(String),
}

/// What a successful build or check produced.
#[derive(Debug)]
pub struct Report {
    /// Warnings (a successful build has no errors).
    pub warnings: Vec<Diagnostic>,
    /// The resolved pack.
    pub pack: Pack,
    /// The site's files (written by `build`, only counted by `check`).
    pub files: Vec<OutputFile>,
}

impl Report {
    /// The number of HTML pages in the site.
    pub fn pages(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count()
    }
}

/// Prints how long each stage took when `BRIEFING_TIMINGS` is set.
struct Timer {
    on: bool,
    last: std::time::Instant,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            on: std::env::var_os("BRIEFING_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!(
                "timing: {stage:<8} {:>7.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = std::time::Instant::now();
    }
}

/// Loads, resolves and renders the pack at `root` without writing anything.
pub fn check(root: &Path, base_url: Option<String>) -> Result<Report, Failure> {
    let mut timer = Timer::new();
    let mut diagnostics = Diagnostics::default();
    let loaded = load::load(root, &mut diagnostics).map_err(|e| Failure::Usage(e.0))?;
    timer.lap("load");
    let theme_name = loaded
        .pack
        .as_ref()
        .and_then(|(_, p)| p.theme.clone())
        .unwrap_or_else(|| "default".into());
    let pack = resolve::resolve(loaded, &mut diagnostics);
    timer.lap("resolve");
    let theme = match theme::Theme::load(root, &theme_name) {
        Ok(t) => Some(t),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics.into_sorted()));
    }
    let Some(theme) = theme else {
        return Err(Failure::Content(diagnostics.into_sorted()));
    };
    let options = RenderOptions {
        base_url: base_url.or_else(|| pack.base_url.clone()),
    };
    let rendered = render::render(&pack, &theme, &options);
    timer.lap("render");
    match rendered {
        Ok(files) => Ok(Report {
            warnings: diagnostics.into_sorted(),
            pack,
            files,
        }),
        Err(errors) => {
            for e in errors {
                diagnostics.push(e);
            }
            Err(Failure::Content(diagnostics.into_sorted()))
        }
    }
}

/// Builds the pack and writes the site atomically into the output folder.
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    let out = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // refuse a foreign output folder before doing any work
    match output::replaceable(&out) {
        Ok(true) => {}
        Ok(false) => {
            return Err(Failure::Usage(
                output::OutputError::Foreign(out).to_string(),
            ));
        }
        Err(e) => return Err(Failure::Usage(e.to_string())),
    }
    let report = check(&options.root, options.base_url.clone())?;
    let mut timer = Timer::new();
    output::write_site(&out, &report.files).map_err(|e| Failure::Usage(e.to_string()))?;
    timer.lap("write");
    Ok(report)
}
