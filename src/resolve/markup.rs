//! The two inline forms inside markdown (see the README, *Links and
//! citations in markdown*): `[[id]]` / `[[id|text]]` links and `[@article]` /
//! `[@article "quote"]` citations.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The markdown the site renders: CommonMark with tables, strikethrough
/// and smart punctuation.
pub const MARKDOWN: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// What a `[[…]]` or `[@…]` stands in when it is not text to expand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Literal {
    /// Code: a span, a block or a fence's info string. It is what the
    /// code shows.
    Code,
    /// A link or an image (its text, address, title or alt text), or raw
    /// HTML: a link there would be a link inside a link or an attribute.
    Markup,
}

/// Where, in markdown `source`, a `[[…]]` or `[@…]` is not text to expand,
/// and why. Each range covers a whole element.
pub fn literal_ranges(source: &str) -> Vec<(Range<usize>, Literal)> {
    Parser::new_ext(source, MARKDOWN)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some((range, Literal::Code)),
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
            | Event::Html(_)
            | Event::InlineHtml(_) => Some((range, Literal::Markup)),
            _ => None,
        })
        .collect()
}

/// Whether the `[[…]]` or `[@…]` at `range` is not text (see
/// [`literal_ranges`]), and why. Code wins over a link around it.
pub fn literal_at(range: &Range<usize>, literal: &[(Range<usize>, Literal)]) -> Option<Literal> {
    let mut found = None;
    for (l, kind) in literal {
        if l.start < range.end && range.start < l.end {
            if *kind == Literal::Code {
                return Some(Literal::Code);
            }
            found = Some(*kind);
        }
    }
    found
}

/// The addresses of markdown's links and images in `source` that may not
/// reach a page: anything but `http:` and `https:` addresses, relative
/// links and `#` anchors (a `javascript:` or `data:` link would run or open
/// in the reader's browser).
pub fn refused_addresses(source: &str) -> Vec<String> {
    // a link with a scheme needs a colon and the brackets or angle
    // brackets of a link
    if !source.contains(':') || !(source.contains('[') || source.contains('<')) {
        return Vec::new();
    }
    Parser::new_ext(source, MARKDOWN)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !address_allowed(&dest_url) =>
            {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// An `http:` or `https:` address, or one without a scheme (relative, an
/// anchor, or `//host/…`, which takes the page's).
fn address_allowed(address: &str) -> bool {
    let address = address.trim();
    let scheme_end =
        address.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    let has_scheme = address.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme_end.is_some_and(|end| address[end..].starts_with(':'));
    !has_scheme || is_web_url(address)
}

/// A link or citation found in markdown source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// `[[id]]` or `[[id|text]]`.
    Link {
        /// The id.
        id: &'a str,
        /// The text to show instead of the name.
        text: Option<&'a str>,
    },
    /// `[@id]` or `[@id "quote"]`.
    Cite {
        /// The article id.
        id: &'a str,
        /// The quoted passage.
        quote: Option<&'a str>,
    },
}

/// Every link and citation in `source`, with its byte range, in order.
/// Malformed forms (an unclosed `[[`, say) are returned as errors with their
/// range so the user hears about them instead of seeing brackets on the page.
pub fn scan(source: &str) -> Vec<(Range<usize>, Result<Token<'_>, String>)> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = source.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'[' && bytes.get(i + 1) == Some(&b'[') {
            match source[i + 2..].find("]]") {
                Some(end) => {
                    let inner = &source[i + 2..i + 2 + end];
                    let range = i..i + 2 + end + 2;
                    let (id, text) = match inner.split_once('|') {
                        Some((id, text)) => (id.trim(), Some(text.trim())),
                        None => (inner.trim(), None),
                    };
                    out.push((range.clone(), Ok(Token::Link { id, text })));
                    i = range.end;
                }
                None => {
                    out.push((
                        i..source.len(),
                        Err("`[[` is not closed by `]]`".to_string()),
                    ));
                    break;
                }
            }
        } else if bytes[i] == b'[' && bytes.get(i + 1) == Some(&b'@') {
            let start = i;
            let rest = &source[i + 2..];
            let id_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let id = &rest[..id_len];
            let after = &rest[id_len..];
            let trimmed = after.trim_start();
            if let Some(stripped) = trimmed.strip_prefix(']') {
                let end = source.len() - stripped.len();
                out.push((start..end, Ok(Token::Cite { id, quote: None })));
                i = end;
            } else if let Some(open) = trimmed.chars().next().filter(|c| matches!(c, '"' | '“')) {
                let close = if open == '“' { '”' } else { '"' };
                let body = &trimmed[open.len_utf8()..];
                // the quote ends at the first closing mark followed by `]`, so
                // a quote may itself hold quote marks (`as "fabricated news"`)
                let closing = body
                    .char_indices()
                    .filter(|&(q, c)| c == close && !body[..q].ends_with('\\'))
                    .map(|(q, _)| q)
                    .find(|&q| body[q + close.len_utf8()..].trim_start().starts_with(']'));
                match closing {
                    Some(q) => {
                        let quote = &body[..q];
                        let tail = &body[q + close.len_utf8()..];
                        let tail_trim = tail.trim_start();
                        let end = source.len() - tail_trim.len() + 1;
                        let token = Token::Cite {
                            id,
                            quote: Some(quote),
                        };
                        out.push((start..end, Ok(token)));
                        i = end;
                    }
                    None => {
                        let end = source[start..]
                            .find(']')
                            .map_or(source.len(), |e| start + e + 1);
                        out.push((start..end, Err("the quote of this citation is not closed: write `[@article-id \"verbatim passage\"]`".to_string())));
                        i = end;
                    }
                }
            } else {
                let end = source[start..]
                    .find(']')
                    .map_or(source.len(), |e| start + e + 1);
                out.push((start..end, Err("malformed citation: write `[@article-id]` or `[@article-id \"verbatim passage\"]`".to_string())));
                i = end;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Whether `url` is an absolute `http:` or `https:` address: the only
/// addresses content may put in a link (no `javascript:`, `data:` or other
/// schemes, which a browser would run or open).
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && rest.starts_with("//")
        && rest.len() > 2
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod url_tests {
    use super::is_web_url;

    #[test]
    fn only_http_and_https_addresses_pass() {
        for good in [
            "https://example.com/a?b#c",
            "http://x.org",
            "HTTPS://EXAMPLE.COM/",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(document.domain)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//example.com",
            "example.com",
            "https:",
            "https://",
            "https://exa mple.com",
            "http://x.org/\u{0}",
            "file:///etc/passwd",
            " javascript:alert(1)",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `s`, without their ranges.
    fn tokens(s: &str) -> Vec<Result<Token<'_>, String>> {
        scan(s).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn finds_links_and_citations() {
        let s = "[[kataib-hezbollah]] and [[iran|Tehran]] said so [@the-national-2024-04-22 \"five rockets\"] [@rudaw].";
        assert_eq!(
            tokens(s),
            vec![
                Ok(Token::Link {
                    id: "kataib-hezbollah",
                    text: None
                }),
                Ok(Token::Link {
                    id: "iran",
                    text: Some("Tehran")
                }),
                Ok(Token::Cite {
                    id: "the-national-2024-04-22",
                    quote: Some("five rockets")
                }),
                Ok(Token::Cite {
                    id: "rudaw",
                    quote: None
                }),
            ]
        );
        let ranges: Vec<_> = scan(s).into_iter().map(|(r, _)| &s[r]).collect();
        assert_eq!(ranges[2], "[@the-national-2024-04-22 \"five rockets\"]");
    }

    #[test]
    fn quotes_may_hold_brackets_and_curly_marks() {
        assert_eq!(
            tokens("[@a \"the end of the [coalition’s] mission\"]"),
            vec![Ok(Token::Cite {
                id: "a",
                quote: Some("the end of the [coalition’s] mission")
            })]
        );
        assert_eq!(
            tokens("[@a “curly”]"),
            vec![Ok(Token::Cite {
                id: "a",
                quote: Some("curly")
            })]
        );
    }

    #[test]
    fn quotes_may_hold_straight_quote_marks() {
        assert_eq!(
            tokens("called it [@a \"described that as \"fabricated news\"\"]."),
            vec![Ok(Token::Cite {
                id: "a",
                quote: Some("described that as \"fabricated news\"")
            })]
        );
        assert_eq!(
            tokens("[@a \"said \\\"no\\\" twice\"]"),
            vec![Ok(Token::Cite {
                id: "a",
                quote: Some("said \\\"no\\\" twice")
            })]
        );
    }

    #[test]
    fn leaves_ordinary_markdown_alone() {
        assert!(tokens("a [link](http://x) and [note] and a@b").is_empty());
    }

    #[test]
    fn reports_malformed_forms() {
        assert!(tokens("[[unclosed")[0].is_err());
        assert!(tokens("[@a \"unclosed]")[0].is_err());
        assert!(tokens("[@a nonsense]")[0].is_err());
    }
}
