//! Markdown to HTML: pulldown-cmark, then ammonia to sanitise whatever raw
//! HTML the markdown held, then syntect classes for fenced code. Links and
//! citations stay as placeholders here; [`super::views::fill`] puts them in
//! for each page.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd, html};

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
    let options = crate::resolve::markup::MARKDOWN;
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
        // absolute links only to the web; relative links and anchors pass
        b.url_schemes(["http", "https"].into_iter().collect());
        b
    })
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
}
