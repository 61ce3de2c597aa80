//! The built-in theme compiled into the binary. `src/render/templates/` holds
//! the templates of `themes/default/templates/` in askama's syntax, turned
//! into Rust at compile time: a page is written straight from its context
//! struct, with no template values to build, look up and drop. That is most
//! of what rendering a large pack costs.
//!
//! The Tera templates stay the theme users read, copy and override: a page
//! whose template, or a template it extends or includes, the pack's theme
//! overrides goes through Tera (see [`super::Renderer`] and
//! [`crate::theme::Theme::builtin_renders`]); the other pages stay compiled. The two sets must render the same bytes;
//! `tests/builtin_theme.rs` builds packs both ways and compares every file.
//! Differences of syntax: `if let Some(x) = …` for optional values,
//! `!list.is_empty()` for non-empty lists, `|safe` on built HTML, and each
//! file ends with one extra newline (askama drops a file's last one; Tera
//! keeps it).

use std::fmt;

use super::SiteView;

/// Escapes text as Tera does (`&`, `<`, `>`, `"` and `'`).
#[derive(Debug, Clone, Copy)]
pub struct Escape;

impl askama::filters::Escaper for Escape {
    fn write_escaped_str<W: fmt::Write>(&self, dest: W, string: &str) -> fmt::Result {
        pulldown_cmark_escape::escape_html(pulldown_cmark_escape::FmtWriter(dest), string)
    }
}

/// A page context the built-in theme can render without Tera.
pub trait Compiled: serde::Serialize {
    /// The name of the page's template in the theme.
    const TEMPLATE: &'static str;

    /// Renders the page with the compiled built-in template into `out`.
    fn render_compiled(&self, site: &SiteView, out: &mut String) -> askama::Result<()>;
}

/// Declares `$wrapper`, the askama template of context type `$context`
/// (named `$template` in both template sets), and makes `$context`
/// [`Compiled`]. The wrapper dereferences to the context, and a
/// [`super::pages::Page`] to its body, so templates name fields as the Tera
/// templates do (`actor.name`, `root`, `refs`), plus `site`.
macro_rules! compiled_page {
    ($wrapper:ident $(<$lt:lifetime>)?, $template:tt, $context:ty) => {
        #[derive(askama::Template)]
        #[template(path = $template)]
        struct $wrapper<'c, $($lt)?> {
            #[allow(dead_code, reason = "the sitemap shows nothing of the site")]
            site: &'c $crate::render::SiteView,
            page: &'c $context,
        }

        impl<'c, $($lt)?> std::ops::Deref for $wrapper<'c, $($lt)?> {
            type Target = $context;
            fn deref(&self) -> &Self::Target {
                self.page
            }
        }

        impl<$($lt)?> $crate::render::compiled::Compiled for $context {
            const TEMPLATE: &'static str = $template;
            fn render_compiled(
                &self,
                site: &$crate::render::SiteView,
                out: &mut String,
            ) -> askama::Result<()> {
                askama::Template::render_into(&$wrapper { site, page: self }, out)
            }
        }
    };
}

pub(crate) use compiled_page;
