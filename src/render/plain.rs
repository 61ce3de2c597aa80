//! Markdown as plain text, for what is read outside a page: a page's meta
//! description and the feed's summaries. `[[links]]` become the text they
//! show, citations are left out, and markup, raw HTML and code fences drop
//! away; what is left is one line of words, escaped by the template that
//! shows it.

use pulldown_cmark::{Event, Parser, TagEnd};

use super::views::{Part, parts};
use crate::model::{Pack, RichText};

/// The longest description, in characters: what search engines show.
pub const DESCRIPTION_CHARS: usize = 160;

/// The longest line of an index's table, in characters.
pub const ONE_LINE: usize = 110;

/// The words of `text`, on one line.
pub fn plain_text(text: &RichText, pack: &Pack) -> String {
    let mut words = String::with_capacity(text.markdown.len());
    for event in Parser::new_ext(&text.markdown, crate::resolve::markup::MARKDOWN) {
        match event {
            Event::Text(t) | Event::Code(t) => words.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => words.push(' '),
            _ => {}
        }
    }
    let mut out = String::with_capacity(words.len());
    for part in parts(text, &words, pack) {
        match part {
            Part::Text(t) | Part::Link(_, t) => out.push_str(t),
            Part::Cite(_) => {
                let kept = out.trim_end().len();
                out.truncate(kept);
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most [`DESCRIPTION_CHARS`] characters, at a word, with
/// "…" when something was cut.
pub fn shortened(text: &str) -> String {
    shortened_to(text, DESCRIPTION_CHARS)
}

/// `text` cut to at most `most` characters (at least 2), at a word, with
/// "…" when something was cut.
pub fn shortened_to(text: &str, most: usize) -> String {
    let most = most.max(2);
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let room = most - 1;
        let needed = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if needed > room {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // one word longer than the room: cut inside it
        out = text.chars().take(most - 1).collect();
    }
    let kept = out.trim_end_matches([',', ';', ':', '.', ' ']).len();
    out.truncate(kept);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_a_word_and_marks_the_cut() {
        let long = "word ".repeat(60);
        let short = shortened(long.trim());
        assert!(short.chars().count() <= DESCRIPTION_CHARS, "{short}");
        assert!(short.ends_with("word…"), "{short}");
        assert_eq!(shortened("Short enough."), "Short enough.");
        let one = "x".repeat(400);
        assert_eq!(shortened(&one).chars().count(), DESCRIPTION_CHARS);
    }
}
