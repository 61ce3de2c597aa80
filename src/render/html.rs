//! HTML made by the build, and text escaped into HTML. Everything content
//! says reaches a page through [`escape_into`] (text) or as [`Html`] that the
//! markdown renderer sanitised or a template of the theme wrote.

/// HTML made by the build: rendered markdown, a fragment of the theme, a
/// marked-up paragraph. Templates get it as a string already marked safe, so
/// it is shown as it is, without the `safe` filter (which would copy it
/// again).
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

/// The character that opens a placeholder in HTML made by the build (a
/// citation's, or a slot's); [`PLACEHOLDER_CLOSE`] closes it, what it stands
/// for between.
pub const PLACEHOLDER_OPEN: char = '\u{E002}';

/// The character that closes a placeholder.
pub const PLACEHOLDER_CLOSE: char = '\u{E003}';

/// The large HTML values of one page (an actor's excerpts, an article's
/// text, the references), set aside while its template renders: the
/// template gets a short placeholder in each one's place, and the page is
/// assembled from the two after ([`super::fragments::Fragments::assemble`]),
/// so the bulk of a page is copied once, not into the template's values and
/// again into its output. An empty value stays empty, so `{% if value %}`
/// still means "there is some".
#[derive(Debug, Default)]
pub struct Slots(pub Vec<String>);

impl Slots {
    /// Sets `html` aside, returning what the template gets in its place.
    pub fn put(&mut self, html: String) -> Html {
        if html.is_empty() {
            return Html(html);
        }
        let mut placeholder = String::with_capacity(12);
        placeholder.push(PLACEHOLDER_OPEN);
        placeholder.push('s');
        placeholder.push_str(itoa::Buffer::new().format(self.0.len()));
        placeholder.push(PLACEHOLDER_CLOSE);
        self.0.push(html);
        Html(placeholder)
    }
}

/// Borrowed [`Html`]: shown as it is, as `Html` is.
#[derive(Debug, Clone, Copy)]
pub struct HtmlRef<'a>(pub &'a str);

impl serde::Serialize for HtmlRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        tera::Value::safe_string(self.0).serialize(serializer)
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML element content and attribute
/// values (`&`, `<`, `>`, `"` and `'`), with the SIMD scanner Tera's own
/// escaping uses.
pub fn escape_into(out: &mut String, text: &str) {
    // writing to a String cannot fail
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

#[cfg(test)]
mod tests {
    use super::*;

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
