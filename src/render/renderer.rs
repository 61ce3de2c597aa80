//! The renderer of one build: the theme's engine and the fragments every
//! page shares, what every template sees of the site and of a page, and the
//! one way a page is rendered (its template, then its citations numbered).

use std::path::PathBuf;

use serde::Serialize;

use super::html::{Html, Slots};
use super::refs::{Numbers, PageRefs, RefView};
use super::{buffers, engine, fragments};
use crate::diagnostics::Diagnostic;
use crate::load::theme::Theme;
use crate::model::{Pack, Status};
use crate::routes::Route;

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
    /// The Content-Security-Policy of every page (`render/csp.rs`).
    csp: String,
    /// Every event status and what it means, for legends.
    statuses: Vec<Term>,
}

/// A word of a vocabulary and what it means, as a legend shows it.
#[derive(Debug, Serialize)]
pub struct Term {
    word: &'static str,
    meaning: &'static str,
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
            csp: super::csp::policy(theme),
            statuses: (Status::ALL.iter())
                .map(|s| Term {
                    word: s.as_str(),
                    meaning: s.meaning(),
                })
                .collect(),
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

    /// Renders `page` with its route's template: its references drawn by
    /// the reference partial, its citations numbered.
    pub fn page<T: Serialize>(&self, page: Page<'_, T>) -> Result<OutputFile, Diagnostic> {
        self.page_with_room(page, 0)
    }

    /// As [`Renderer::page`], for a page that may take up to about `room`
    /// bytes: the room is set aside at once, so that a page of the whole
    /// pack is not grown by doubling, each step copying it and touching
    /// fresh memory. Room never written costs nothing but address space.
    pub fn page_with_room<T: Serialize>(
        &self,
        mut page: Page<'_, T>,
        room: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let fr = &self.fragments;
        let mut references = String::with_capacity(600 * page.refs.len());
        for r in &page.refs {
            fr.row(fragments::RowTemplate::Reference, r, &mut references)?;
        }
        page.references = page.slots.put(references);
        let mut out = buffers::take(room);
        fr.engine()
            .render_into(page.route.template(), &page, &mut out)?;
        fr.fill(&mut out, &page.numbers, &page.slots.0)?;
        Ok(OutputFile {
            path: page.path,
            contents: Contents::Bytes(out),
        })
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
    /// One line on what the page holds, for `<meta name="description">`.
    pub description: String,
    /// Which page kind: home, chronology, actors, actor, articles, article, print, 404.
    pub kind: &'static str,
    /// The page's path from the site root.
    pub path: String,
    /// The page's references, numbered, for the reference partial.
    #[serde(skip)]
    pub refs: Vec<RefView<'p>>,
    /// The page's references drawn by `partials/reference.html`, in number
    /// order; `partials/references.html` lists them.
    pub references: Html,
    /// The page's large HTML values, set aside while its template renders.
    #[serde(skip)]
    pub slots: Slots,
    /// The page kind's own fields.
    #[serde(flatten)]
    pub body: T,
}

impl<'p, T: Serialize> Page<'p, T> {
    /// The page, with the HTML its body set aside in `slots`.
    pub fn with_slots(mut self, slots: Slots) -> Self {
        self.slots = slots;
        self
    }

    /// A page whose references were numbered by `refs` while `body` was
    /// built; `description` comes from [`super::describe`].
    pub fn new(
        route: Route<'p>,
        title: impl Into<String>,
        description: String,
        refs: PageRefs<'p>,
        body: T,
    ) -> Self {
        let root = refs.root().to_string();
        let (list, numbers) = refs.finish();
        Page {
            route,
            numbers,
            root,
            title: title.into(),
            description,
            kind: route.kind(),
            path: route.path(),
            refs: list,
            references: Html::default(),
            slots: Slots::default(),
            body,
        }
    }
}
