//! A compiled form of the simplest templates, made from their Tera source
//! when the theme is loaded: the partials drawn once per row of a long list
//! (a paragraph of an article, an excerpt on an actor's page) run hundreds
//! of thousands of times in a large pack, and Tera's values and lookups
//! would be most of the build.
//!
//! A template compiles when it holds nothing but text, `{{ name }}`,
//! `{% if name %}`, `{% else %}`, `{% endif %}` and `{# comments #}`, each
//! `name` one of the row's fields. It then renders exactly as Tera would:
//! text as written, a field's text escaped as Tera's autoescape does, HTML
//! as it is, a number in decimal, and `if` true for a non-empty text, a
//! non-zero number or `true` (a test renders every built-in row both ways
//! and compares). Anything else (a filter, a loop, white-space control, a
//! name that is not a field) leaves the template to Tera: a theme may write
//! its rows as it likes, at Tera's speed.

use super::html::escape_into;

/// A value of a row, as a stencil reads it.
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    /// Text, escaped when shown.
    Text(&'a str),
    /// HTML made by the build, shown as it is.
    Html(&'a str),
    /// A number.
    Number(usize),
    /// A number with a fractional part (a place in a picture), shown as
    /// Tera shows one: `14.1`, `720.0`.
    Decimal(f64),
    /// A yes or no.
    Flag(bool),
}

impl Field<'_> {
    /// Whether Tera's `{% if %}` takes the value as true.
    fn truthy(self) -> bool {
        match self {
            Field::Text(t) | Field::Html(t) => !t.is_empty(),
            Field::Number(n) => n != 0,
            Field::Decimal(x) => x != 0.0,
            Field::Flag(b) => b,
        }
    }
}

/// The values one row of a list gives its template: the names of its
/// fields, and each field by its index in [`Row::FIELDS`]. The same values
/// serialise for Tera, under the same names, when the template does not
/// compile.
pub trait Row: serde::Serialize {
    /// The names of the fields, as templates write them.
    const FIELDS: &'static [&'static str];

    /// Field `i` of [`Row::FIELDS`].
    fn field(&self, i: usize) -> Field<'_>;
}

/// One piece of a compiled template.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Text as written.
    Text(String),
    /// A field's value.
    Value(usize),
    /// `{% if field %}` … `{% else %}` … `{% endif %}`.
    If {
        /// The field tested.
        field: usize,
        /// What shows when it is true.
        then: Vec<Piece>,
        /// What shows when it is not.
        otherwise: Vec<Piece>,
    },
}

/// A template compiled for rows with the fields `fields`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stencil {
    pieces: Vec<Piece>,
}

/// A lexical piece of a template's source.
enum Token<'s> {
    /// Text between tags.
    Text(&'s str),
    /// The inside of `{{ … }}`.
    Expression(&'s str),
    /// The inside of `{% … %}`.
    Tag(&'s str),
}

/// The tokens of `source`, or `None` when it uses what stencils leave to
/// Tera (white-space control, an unclosed delimiter, a raw block).
fn tokens(source: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let (close, kind) = match after.as_bytes().first() {
            Some(b'{') => ("}}", 0),
            Some(b'%') => ("%}", 1),
            Some(b'#') => ("#}", 2),
            _ => {
                // a lone brace is text
                out.push(Token::Text(&rest[..open + 1]));
                rest = after;
                continue;
            }
        };
        if open > 0 {
            out.push(Token::Text(&rest[..open]));
        }
        let inner_start = &after[1..];
        let end = inner_start.find(close)?;
        let inner = &inner_start[..end];
        if inner.starts_with('-') || inner.ends_with('-') {
            return None;
        }
        match kind {
            0 => out.push(Token::Expression(inner.trim())),
            1 => out.push(Token::Tag(inner.trim())),
            _ => {} // a comment shows nothing
        }
        rest = &inner_start[end + close.len()..];
    }
    if !rest.is_empty() {
        out.push(Token::Text(rest));
    }
    Some(out)
}

/// The index of field `name` in `fields`, when `name` is a plain name.
fn field_index(name: &str, fields: &[&str]) -> Option<usize> {
    fields.iter().position(|f| *f == name)
}

impl Stencil {
    /// Compiles `source` for rows whose fields are `fields`, or `None` when
    /// the template is Tera's to render.
    pub fn compile(source: &str, fields: &[&str]) -> Option<Stencil> {
        let tokens = tokens(source)?;
        let mut tokens = tokens.into_iter();
        let (pieces, end) = Self::block(&mut tokens, fields)?;
        // the whole template, with no `else` or `endif` left over
        end.is_none().then_some(Stencil { pieces })
    }

    /// The pieces up to the `else` or `endif` that ends a block (`None` at
    /// the end of the template), with that tag.
    fn block<'s>(
        tokens: &mut impl Iterator<Item = Token<'s>>,
        fields: &[&str],
    ) -> Option<(Vec<Piece>, Option<&'s str>)> {
        let mut pieces = Vec::new();
        while let Some(token) = tokens.next() {
            match token {
                Token::Text(t) => match pieces.last_mut() {
                    Some(Piece::Text(prev)) => prev.push_str(t),
                    _ => pieces.push(Piece::Text(t.to_string())),
                },
                Token::Expression(e) => pieces.push(Piece::Value(field_index(e, fields)?)),
                Token::Tag(tag @ ("else" | "endif")) => return Some((pieces, Some(tag))),
                Token::Tag(tag) => {
                    let name = tag.strip_prefix("if ")?.trim();
                    let field = field_index(name, fields)?;
                    let (then, end) = Self::block(tokens, fields)?;
                    let otherwise = match end? {
                        "else" => match Self::block(tokens, fields)? {
                            (otherwise, Some("endif")) => otherwise,
                            _ => return None,
                        },
                        _ => Vec::new(),
                    };
                    pieces.push(Piece::If {
                        field,
                        then,
                        otherwise,
                    });
                }
            }
        }
        Some((pieces, None))
    }

    /// Appends the template rendered for `row` to `out`.
    pub fn render<R: Row>(&self, row: &R, out: &mut String) {
        Self::render_pieces(&self.pieces, row, out);
    }

    fn render_pieces<R: Row>(pieces: &[Piece], row: &R, out: &mut String) {
        for piece in pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Value(i) => match row.field(*i) {
                    Field::Text(t) => escape_into(out, t),
                    Field::Html(h) => out.push_str(h),
                    Field::Number(n) => out.push_str(itoa::Buffer::new().format(n)),
                    Field::Decimal(x) => {
                        use std::fmt::Write;
                        // Debug, as Tera writes a float: a whole number keeps its `.0`
                        let _ = write!(out, "{x:?}");
                    }
                    Field::Flag(b) => out.push_str(if b { "true" } else { "false" }),
                },
                Piece::If {
                    field,
                    then,
                    otherwise,
                } => {
                    let branch = if row.field(*field).truthy() {
                        then
                    } else {
                        otherwise
                    };
                    Self::render_pieces(branch, row, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Sample<'a> {
        text: &'a str,
        html: super::super::html::HtmlRef<'a>,
        n: usize,
        x: f64,
        flag: bool,
    }

    impl Row for Sample<'_> {
        const FIELDS: &'static [&'static str] = &["text", "html", "n", "x", "flag"];
        fn field(&self, i: usize) -> Field<'_> {
            match i {
                0 => Field::Text(self.text),
                1 => Field::Html(self.html.0),
                2 => Field::Number(self.n),
                3 => Field::Decimal(self.x),
                _ => Field::Flag(self.flag),
            }
        }
    }

    /// Renders `source` with Tera, autoescaping as the theme does.
    fn tera(source: &str, row: &Sample<'_>) -> String {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        tera.add_raw_template("t.html", source)
            .expect("a valid template");
        let ctx = tera::Context::from_serialize(row).expect("serialises");
        tera.render("t.html", &ctx).expect("renders")
    }

    #[test]
    fn compiled_templates_render_as_tera_does() {
        let sources = [
            "<p>{{ text }}</p>",
            "<a href=\"#p{{ n }}\">¶ {{ n }}</a> {{ html }}\n",
            "<div class=\"para{% if flag %} cited{% endif %}\">{% if text %}[{{ text }}]{% else %}none{% endif %}</div>",
            "{% if n %}{% if html %}{{ html }}{% else %}-{% endif %}{% endif %}{# a comment #}\n",
            "braces { alone } and }} closing",
            "{{ flag }}|{{ n }}|{{ text }}{{ html }}",
            "<rect x=\"{{ x }}\"{% if x %} y=\"{{ n }}\"{% endif %}/>",
            "",
        ];
        let rows = [
            ("<script>&\"'</script>", "<b>x</b>", 0, 0.0, false),
            ("Iraq’s “militias”", "", 12, 720.0, true),
            ("", "<mark class=\"cited\">a</mark>", 7, 14.1, false),
            ("", "", 1, 0.35, true),
        ];
        for source in sources {
            let stencil = Stencil::compile(source, Sample::FIELDS)
                .unwrap_or_else(|| panic!("compiles: {source}"));
            for (text, html, n, x, flag) in rows {
                let row = Sample {
                    text,
                    html: super::super::html::HtmlRef(html),
                    n,
                    x,
                    flag,
                };
                let mut out = String::new();
                stencil.render(&row, &mut out);
                assert_eq!(out, tera(source, &row), "{source}");
            }
        }
    }

    #[test]
    fn anything_else_is_left_to_tera() {
        for source in [
            "{{ text | upper }}",
            "{{ other }}",
            "{{ row.text }}",
            "{%- if flag %}x{% endif %}",
            "{{- text }}",
            "{% for x in text %}{% endfor %}",
            "{% if flag %}unclosed",
            "{% if flag %}x{% else %}y{% else %}z{% endif %}",
            "{% endif %}",
            "{% if not flag %}x{% endif %}",
            "{{ text ",
            "{% raw %}{{ text }}{% endraw %}",
        ] {
            assert_eq!(Stencil::compile(source, Sample::FIELDS), None, "{source}");
        }
    }
}
