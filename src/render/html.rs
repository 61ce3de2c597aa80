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
/// escaping uses. The build's placeholder characters are written as
/// character references, so that text cannot forge one.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = placeholder_char(rest) {
        // writing to a String cannot fail
        let _ = pulldown_cmark_escape::escape_html(&mut *out, &rest[..at]);
        let c = rest[at..].chars().next().unwrap_or('\u{FFFD}');
        out.push_str(&format!("&#x{:X};", c as u32));
        rest = &rest[at + c.len_utf8()..];
    }
    let _ = pulldown_cmark_escape::escape_html(out, rest);
}

/// Where the first placeholder character of `text` is, if it has one (its
/// UTF-8 form starts with the byte 0xEE, rare in text).
fn placeholder_char(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr(0xEE, &bytes[from..]) {
        let at = from + at;
        if bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0x80..=0x83)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The escaping of Tera's templates: [`escape_into`], for Tera's writer.
pub fn escape_for_tera(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if placeholder_char(text).is_none() {
        return tera::escape_html(text, out);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    escape_into(&mut escaped, text);
    out.write_all(escaped.as_bytes())
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
    fn placeholder_characters_in_text_become_references() {
        let forged = "a\u{E002}7\u{E003}b\u{E000}0\u{E001}c\u{E004}";
        let escaped = escape(forged);
        assert_eq!(escaped, "a&#xE002;7&#xE003;b&#xE000;0&#xE001;c\u{E004}");
        let mut out = Vec::new();
        escape_for_tera(forged, &mut out).expect("writes");
        assert_eq!(String::from_utf8_lossy(&out), escaped);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
