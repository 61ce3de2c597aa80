//! Fenced code blocks, highlighted with syntect into CSS classes (`hl-*`), so
//! that the theme's stylesheet decides colours for screen, dark mode and
//! print. The syntax set is loaded on the first code block only.

use super::html::escape;

/// The HTML of a fenced code block in `lang`.
#[cfg(feature = "highlight")]
pub fn code_block(lang: &str, code: &str) -> String {
    use std::sync::OnceLock;
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::parsing::SyntaxSet;
    use syntect::util::LinesWithEndings;

    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    let plain = || format!("<pre><code>{}</code></pre>\n", escape(code));
    if lang.is_empty() {
        return plain();
    }
    let syntaxes = SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines);
    let Some(syntax) = syntaxes.find_syntax_by_token(lang) else {
        return plain();
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain();
        }
    }
    format!(
        "<pre class=\"code\"><code class=\"language-{}\">{}</code></pre>\n",
        escape(lang),
        generator.finalize()
    )
}

/// The HTML of a fenced code block (highlighting compiled out).
#[cfg(not(feature = "highlight"))]
pub fn code_block(_lang: &str, code: &str) -> String {
    format!("<pre><code>{}</code></pre>\n", escape(code))
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_is_escaped_and_classed() {
        let html = super::code_block("rust", "fn main() { let x = \"<b>\"; }\n");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        #[cfg(feature = "highlight")]
        assert!(html.contains("class=\"hl-"), "{html}");
    }
}
