//! Writing the draft summary: the YAML of what was recognised, a comment on
//! every field, the optional fields as commented-out examples, and a TODO
//! placeholder (one that fails the build) where the analyst has to write
//! something. Values are written as double-quoted scalars.

use super::findings::{Findings, Found};
use super::text::squash;

/// The YAML draft of what was recognised: its sections, a blank line between
/// two sections.
pub(super) fn draft(f: &Findings) -> String {
    [
        header(),
        title(f),
        publisher(f),
        author(f),
        dates(f),
        source(f),
        summary(),
        key_points(),
        skip(f),
        skip_lines(f),
        end_at(f),
    ]
    .join("\n")
}

/// Appends `line` and a newline to a section being written.
fn put(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// The lines of a section: each line followed by a newline.
fn section(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        put(&mut out, line);
    }
    out
}

/// The comment at the top of the draft: how it was made and what to do.
fn header() -> String {
    section(&[
        "# Summary of a captured article, drafted by `briefing new article`.",
        "# Check every value against the text, replace each TODO and run",
        "# `briefing check`: the build fails while a TODO placeholder is left.",
    ])
}

/// The `title` field: the first line of the text, or a placeholder.
fn title(f: &Findings) -> String {
    let mut y = section(&[
        "# The headline (required): the first line of the text. A first paragraph",
        "# equal to it is not part of the body.",
    ]);
    match &f.title {
        Some(t) => put(&mut y, &format!("title: {}", quoted(t))),
        None => {
            put(&mut y, "# TODO: the text has no line; write the headline.");
            put(&mut y, "title: {TODO: \"the headline\"}");
        }
    }
    y
}

/// The `publisher` field as recognised, or a placeholder that is not a name.
fn publisher(f: &Findings) -> String {
    match &f.publisher {
        Some(p) => recognised(
            "# Who published the article (required), recognised from the line",
            "publisher",
            p,
        ),
        None => section(&[
            "# Who published the article (required). TODO: not recognised in the text;",
            "# replace the {TODO: …} with the name, e.g. `publisher: \"The National\"`.",
            "publisher: {TODO: \"the publisher's name\"}",
        ]),
    }
}

/// The `author` field as recognised, or a commented-out example.
fn author(f: &Findings) -> String {
    match &f.author {
        Some(a) => recognised(
            "# The byline (optional), recognised from the line",
            "author",
            a,
        ),
        None => section(&[
            "# The byline (optional): none recognised. If the article has one, write",
            "# author: \"Name\"",
        ]),
    }
}

/// The `published` field (or a placeholder that is not a date) and, when
/// recognised, the `updated` field.
fn dates(f: &Findings) -> String {
    let mut y = String::new();
    match &f.published {
        Some(p) => {
            put(
                &mut y,
                &format!(
                    "# When the article was published (required, YYYY-MM-DD),\n# recognised from the line {}.",
                    shown_line(&p.line)
                ),
            );
            if p.updated {
                put(
                    &mut y,
                    "# That is the date of the last update: if the text gives the date of",
                );
                put(&mut y, "# the first publication, use it.");
            }
            put(&mut y, &format!("published: {}", quoted(&p.value)));
        }
        None => y.push_str(&section(&[
            "# When the article was published (required, YYYY-MM-DD). TODO: no date",
            "# recognised in the text; replace TODO with the date, e.g. `published: \"2024-04-22\"`.",
            "published: \"TODO\"",
        ])),
    }
    if let Some(u) = &f.updated {
        y.push_str(&recognised(
            "# When it was last updated (optional), recognised from the line",
            "updated",
            u,
        ));
    }
    y
}

/// The `url` field as recognised (or commented out), then the `language` and
/// `reliability` fields commented out.
fn source(f: &Findings) -> String {
    let mut y = match &f.url {
        Some(u) => recognised(
            "# Where the article was published (optional), from the line",
            "url",
            u,
        ),
        None => section(&[
            "# Where the article was published (optional):",
            "# url: \"https://…\"",
        ]),
    };
    y.push_str(&section(&[
        "# The article's language (optional):",
        "# language: \"en\"",
        "# The Admiralty grade of the source (optional), A (completely reliable) to",
        "# F (reliability cannot be judged):",
        "# reliability: \"B\"",
    ]));
    y
}

/// The `summary` field, commented out, with how to write it.
fn summary() -> String {
    section(&[
        "# TODO: the article in brief (optional, markdown): link actors with",
        "# [[actor-id]] and cite passages with [@article-id \"a verbatim passage\"].",
        "# Write it as a block:",
        "# summary: |",
        "#   …",
    ])
}

/// The `key_points` field: one placeholder point whose quote is not in the text.
fn key_points() -> String {
    section(&[
        "# The key points (markdown), each with quotes copied verbatim from one body",
        "# paragraph of the text. TODO: replace the placeholder point and its quote,",
        "# which is not in the text and fails the build.",
        "key_points:",
        "  - text: \"TODO: a key point of the article\"",
        "    cites:",
        "      - {quote: \"TODO: a verbatim passage\"}",
    ])
}

/// The `skip` field: the paragraphs recognised as not the article, each with
/// why, or a commented-out example when there is none.
fn skip(f: &Findings) -> String {
    let mut y = section(&[
        "# Paragraphs of the text that are not the article (captions, banners, labels,",
        "# the title repeated, date and source lines), as recognised. Each entry must",
        "# equal a whole paragraph (paragraphs end at a blank line): remove any entry",
        "# that is part of the article, and add any paragraph that was missed.",
    ]);
    if f.skip.is_empty() {
        y.push_str(&section(&[
            "# None was recognised:",
            "# skip:",
            "#   - \"a whole paragraph\"",
        ]));
    } else {
        put(&mut y, "skip:");
        for s in &f.skip {
            put(
                &mut y,
                &format!("  - {}   # {}", quoted(&s.paragraph), s.why),
            );
        }
    }
    y
}

/// The `skip_lines` field: lines recognised as not the article inside a
/// paragraph that is (a header above a standfirst), or a commented-out
/// example.
fn skip_lines(f: &Findings) -> String {
    let mut y = section(&[
        "# Lines that are not the article but share a paragraph with it (a dateline,",
        "# a label, \"A+ A-\"): each is taken out wherever it stands in the text.",
    ]);
    if f.skip_lines.is_empty() {
        y.push_str(&section(&[
            "# None was recognised:",
            "# skip_lines:",
            "#   - \"a whole line\"",
        ]));
    } else {
        put(&mut y, "skip_lines:");
        for s in &f.skip_lines {
            put(
                &mut y,
                &format!("  - {}   # {}", quoted(&s.paragraph), s.why),
            );
        }
    }
    y
}

/// The `end_at` field as recognised, or a commented-out example.
fn end_at(f: &Findings) -> String {
    let mut y = section(&["# The body ends before the first paragraph that starts with this."]);
    match &f.end_at {
        Some(e) => {
            put(&mut y, "# Recognised as the start of the comments:");
            put(&mut y, &format!("end_at: {}", quoted(e)));
        }
        None => y.push_str(&section(&[
            "# No comment section was recognised; if the text ends with one, write",
            "# end_at: \"Comments\"",
        ])),
    }
    y
}

/// A recognised field: the comment `about` ended by the line it came from,
/// then `key: "value"`.
fn recognised(about: &str, key: &str, found: &Found) -> String {
    let mut y = String::new();
    put(&mut y, &format!("{about} {}.", shown_line(&found.line)));
    put(&mut y, &format!("{key}: {}", quoted(&found.value)));
    y
}

/// A string as a YAML double-quoted scalar: `\` and `"` escaped, and control
/// or invisible characters (line separators, no-break spaces) as escapes.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{a0}' | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
                ) =>
            {
                let n = u32::from(c);
                if n <= 0xFFFF {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A line of the text shown inside a YAML comment: on one line, shortened.
fn shown_line(line: &str) -> String {
    let one: String = line
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let one = squash(&one);
    if one.chars().count() > 70 {
        let short: String = one.chars().take(69).collect();
        format!("\"{short}…\"")
    } else {
        format!("\"{one}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::draft_yaml;
    use crate::load::raw::RawArticle;

    #[test]
    fn values_are_quoted_safely() -> Result<(), serde_yaml::Error> {
        let text = "[[x]] \"quoted\" \\ back: slash # not a comment\n\nWorld \u{a0}|\nBy Jane Doe\n\nThe body.\n";
        let yaml = draft_yaml(text).replace("{TODO: \"the publisher's name\"}", "\"P\"");
        let raw: RawArticle = serde_yaml::from_str(&yaml)?;
        assert_eq!(raw.title, "[[x]] \"quoted\" \\ back: slash # not a comment");
        assert_eq!(raw.author.as_deref(), Some("Jane Doe"));
        assert_eq!(raw.skip, vec!["World \u{a0}|\nBy Jane Doe".to_string()]);
        assert!(yaml.contains("\"World \\u00a0|\\nBy Jane Doe\""), "{yaml}");
        assert_eq!(quoted("a\u{2028}b\u{7}"), "\"a\\u2028b\\u0007\"");
        Ok(())
    }
}
