//! Markdown to HTML: pulldown-cmark, then ammonia to sanitise whatever raw
//! HTML the markdown held, then syntect classes for fenced code. Links and
//! citations stay as placeholders here; [`fill`] puts them in per page.

use std::fmt::Write as _;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use crate::model::{Inline, Pack, RichText, Target};

use super::refs::PageRefs;

/// HTML made by the build (marked-up paragraphs, citation markers, rendered
/// markdown). Templates get it as a string already marked safe, so it is
/// shown as it is, without the `safe` filter (which would copy it again).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Html(pub String);

impl serde::Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        tera::Value::safe_string(&self.0).serialize(serializer)
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The compiled theme writes it as it is, without the formatting machinery.
impl askama::FastWritable for Html {
    fn write_into(
        &self,
        dest: &mut dyn std::fmt::Write,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(dest.write_str(&self.0)?)
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML element content and
/// attribute values (`&`, `<`, `>`, `"` and `'`), with the SIMD
/// scanner Tera's own escaping uses.
pub fn escape_into(out: &mut String, text: &str) {
    // writing to a String cannot fail
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

/// Renders markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let html = unsanitised_html(markdown);
    if is_plain_paragraphs(&html) {
        return html;
    }
    sanitizer().clean(&html).to_string()
}

/// The HTML of `markdown` as pulldown-cmark writes it (code highlighted),
/// before sanitising.
fn unsanitised_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None; // (language, text)
    for event in Parser::new_ext(markdown, options) {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                if let Some((lang, text)) = code.take() {
                    events.push(Event::Html(
                        super::highlight::code_block(&lang, &text).into(),
                    ));
                }
            }
            (Some(_), _) => {}
            (None, event) => events.push(event),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    html
}

/// True when `html` is paragraphs of text and nothing else: no other tag,
/// no character reference, no character the HTML parser rewrites. That is
/// most summaries, and the sanitiser gives such HTML back unchanged (a test
/// checks it), so it is not run on them.
fn is_plain_paragraphs(html: &str) -> bool {
    let mut rest = html;
    while !rest.is_empty() {
        let Some((text, after)) = rest
            .strip_prefix("<p>")
            .and_then(|body| body.split_once("</p>\n"))
        else {
            return false;
        };
        if text.contains(['<', '>', '&', '\u{a0}', '\r', '\0']) {
            return false;
        }
        rest = after;
    }
    !html.is_empty()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tag_attributes("span", ["class"]);
        b.add_tag_attributes("pre", ["class"]);
        b.add_tag_attributes("code", ["class"]);
        b.link_rel(Some("noopener noreferrer"));
        b
    })
}

/// The relative path from a page `depth` folders deep to the site root.
pub fn root(depth: usize) -> String {
    "../".repeat(depth)
}

/// The path of `target` from the site root, in three pieces: a prefix, the
/// target's id and a suffix (`actors/` `kh` `/index.html`).
pub fn target_path(pack: &Pack, target: Target) -> (&'static str, &str, &'static str) {
    match target {
        Target::Actor(i) => ("actors/", &pack.actors[i].id, "/index.html"),
        Target::Article(i) => ("articles/", &pack.articles[i].id, "/index.html"),
        Target::Event(i) => ("chronology/index.html#", &pack.events[i].id, ""),
    }
}

/// The name shown for `target`.
pub fn target_name(pack: &Pack, target: Target) -> &str {
    match target {
        Target::Actor(i) => &pack.actors[i].name,
        Target::Article(i) => &pack.articles[i].title,
        Target::Event(i) => &pack.events[i].title,
    }
}

/// The HTML of `text` for one page: links made relative to the page and
/// citations numbered in the page's reference list.
pub fn fill(text: &RichText, pack: &Pack, refs: &mut PageRefs) -> Html {
    let html = text.html.get_or_init(|| to_html(&text.markdown));
    if text.inlines.is_empty() {
        return Html(html.clone());
    }
    let mut out = String::with_capacity(html.len() + 64 * text.inlines.len());
    let mut rest = html.as_str();
    while let Some(open) = rest.find('\u{E000}') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '\u{E000}'.len_utf8()..];
        let Some(close) = after.find('\u{E001}') else {
            rest = after;
            continue;
        };
        let n: Option<usize> = after[..close].parse().ok();
        rest = &after[close + '\u{E001}'.len_utf8()..];
        match n.and_then(|n| text.inlines.get(n)) {
            Some(Inline::Link {
                target,
                text: shown,
            }) => {
                let shown = shown
                    .as_deref()
                    .unwrap_or_else(|| target_name(pack, *target));
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    escape(&refs.href(*target)),
                    escape(shown)
                );
            }
            Some(Inline::Cite(id)) => {
                // a reference number sits against the word it supports
                let kept = out.trim_end_matches([' ', '\n']).len();
                out.truncate(kept);
                refs.push_marker(&mut out, *id);
            }
            None => {}
        }
    }
    out.push_str(rest);
    Html(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_sanitised() {
        let html = to_html(
            "Hello <script>alert(1)</script> <b onclick=\"x()\">bold</b> [x](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<b>bold</b>"), "{html}");
    }

    #[test]
    fn plain_paragraphs_skip_the_sanitiser_and_come_out_the_same() {
        let plain = [
            "Iran-backed militias attacked US forces.",
            "Two paragraphs.\n\nThe second one, broken\nover two lines -- with a dash.",
            "It's \"quoted\" -- smartly... and Ünïcödé, 100%.",
            "A citation \u{E000}0\u{E001} in the middle.",
        ];
        for markdown in plain {
            let html = unsanitised_html(markdown);
            assert!(is_plain_paragraphs(&html), "{html}");
            assert_eq!(html, sanitizer().clean(&html).to_string(), "{markdown}");
            assert_eq!(to_html(markdown), html);
        }
        // anything else is sanitised, some of it changed by the sanitiser
        let other = [
            "A <b>tag</b>.",
            "Salt & pepper.",
            "No\u{a0}break.",
            "Hard  \nbreak.",
            "*Emphasis* and a [link](https://example.com).",
            "- a list",
            "",
        ];
        for markdown in other {
            let html = unsanitised_html(markdown);
            assert!(!is_plain_paragraphs(&html), "{markdown:?} gave {html:?}");
            assert_eq!(to_html(markdown), sanitizer().clean(&html).to_string());
        }
    }

    #[test]
    fn placeholders_survive_markdown_and_sanitising() {
        let md = format!(
            "**Iran** backs {} {}",
            crate::model::placeholder(0),
            crate::model::placeholder(1)
        );
        let html = to_html(&md);
        assert!(
            html.contains(&crate::model::placeholder(0))
                && html.contains(&crate::model::placeholder(1)),
            "{html}"
        );
    }

    #[test]
    fn html_needs_no_safe_filter_and_survives_one() {
        #[derive(serde::Serialize)]
        struct View {
            html: Html,
            text: String,
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        let added = tera.add_raw_templates([
            ("plain.html", "{{ html }}|{{ text }}"),
            ("filtered.html", "{{ html | safe }}|{{ text }}"),
        ]);
        assert!(added.is_ok(), "{added:?}");
        let view = View {
            html: Html("<em>a &amp; b</em>".into()),
            text: "<em>".into(),
        };
        let ctx = tera::Context::from_serialize(&view).expect("a struct serialises");
        for name in ["plain.html", "filtered.html"] {
            let out = tera.render(name, &ctx).expect("renders");
            assert_eq!(out, "<em>a &amp; b</em>|&lt;em&gt;", "{name}");
        }
        // outside Tera (pack.json, say) it is a plain string
        assert_eq!(
            serde_json::to_string(&view.html).expect("serialises"),
            "\"<em>a &amp; b</em>\""
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
