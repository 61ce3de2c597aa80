//! Fuzzing, as property tests on stable Rust: each parser that reads
//! content gets inputs mutated from a small corpus (`tests/fuzz/<target>/`)
//! and must never panic, and its answers must hold what callers rely on.
//! Targets: the markup parser (`[[…]]`, `[@…]`, link addresses), quote
//! matching, mention matching, the date parser, and the YAML loader with
//! its locator.
//!
//! A short run by default (CI); a long one with `PROPTEST_CASES=200000
//! cargo test --release --test fuzz`.

use std::path::Path;

use briefing::diagnostics::SourceFile;
use briefing::load::locate::{Site, Step};
use briefing::load::raw::{RawActor, RawEvent};
use briefing::load::yaml;
use briefing::model::date::{Date, days_in_month};
use briefing::resolve::markup::{Token, literal_ranges, refused_addresses, scan};
use briefing::resolve::mentions::MentionFinder;
use briefing::resolve::quotes::{QuoteIndex, normalise};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// The corpus of `target`: every file of `tests/fuzz/<target>/`.
fn corpus(target: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    assert!(!texts.is_empty(), "no corpus in {}", dir.display());
    texts
}

/// Fragments that parsers of this project treat specially.
const SPECIAL: &[&str] = &[
    "[[",
    "]]",
    "[@",
    "]",
    "[",
    "|",
    "\"",
    "\\\"",
    "`",
    "```",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "(",
    ")",
    "<",
    ">",
    "![",
    "](",
    ":",
    "javascript:",
    "https://",
    "#",
    "- ",
    "{",
    "}",
    ",",
    "'",
    "..",
    "-",
    "early ",
    "late ",
    "mid ",
    "2024",
    "-02",
    "-30",
    "“",
    "”",
    "’",
    "—",
    "–",
    "\u{e000}",
    "\u{e002}",
    "\u{feff}",
    "é",
    "\r",
    "\u{85}",
    "\u{2028}",
    "0",
    "9",
];

/// `text` with 1 to 4 edits: a range removed, a special fragment inserted,
/// or a range repeated.
fn mutate(
    text: String,
    edits: Vec<(prop::sample::Index, prop::sample::Index, u8, usize)>,
) -> String {
    let mut text = text;
    for (at, len, how, fragment) in edits {
        let cuts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let a = cuts[at.index(cuts.len())];
        let rest: Vec<usize> = cuts.iter().copied().filter(|&c| c >= a).take(12).collect();
        let b = rest[len.index(rest.len())];
        text = match how % 3 {
            0 => format!("{}{}", &text[..a], &text[b..]),
            1 => format!(
                "{}{}{}",
                &text[..a],
                SPECIAL[fragment % SPECIAL.len()],
                &text[a..]
            ),
            _ => format!("{}{}{}", &text[..b], &text[a..b], &text[b..]),
        };
    }
    text
}

fn mutated(target: &str) -> impl Strategy<Value = String> {
    let seeds = corpus(target);
    (
        prop::sample::select(seeds),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                any::<u8>(),
                any::<usize>(),
            ),
            1..5,
        ),
    )
        .prop_map(|(text, edits)| mutate(text, edits))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Tokens are in order, inside the text, on character boundaries, and
    /// are what they say; the context and address scans do not panic.
    #[test]
    fn markup(text in mutated("markup")) {
        let mut last = 0;
        for (range, token) in scan(&text) {
            prop_assert!(range.start >= last && range.start < range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let raw = &text[range.clone()];
            match token {
                Ok(Token::Link { .. }) => prop_assert!(raw.starts_with("[[") && raw.ends_with("]]")),
                Ok(Token::Cite { .. }) => prop_assert!(raw.starts_with("[@") && raw.ends_with(']')),
                Err(_) => prop_assert!(raw.starts_with('[')),
            }
            last = range.end;
        }
        for (range, _) in literal_ranges(&text) {
            prop_assert!(range.end <= text.len());
        }
        for address in refused_addresses(&text) {
            prop_assert!(address.contains(':'), "{address:?}");
        }
    }

    /// A found quote is a passage of its paragraph that reads as the quote;
    /// a passage taken from a paragraph is always found.
    #[test]
    fn quotes(text in mutated("quotes"), pick in any::<(prop::sample::Index, prop::sample::Index, prop::sample::Index)>(), quote in mutated("quotes")) {
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let index = QuoteIndex::new(&paragraphs);
        let quote: String = quote.chars().take(40).collect();
        for q in [quote.as_str(), quote.trim()] {
            if let Some((n, range)) = index.find(&paragraphs, q) {
                let paragraph = paragraphs[n - 1];
                prop_assert!(paragraph.is_char_boundary(range.start) && paragraph.is_char_boundary(range.end));
                prop_assert_eq!(normalise(&paragraph[range]), normalise(q));
            }
        }
        // a passage of a paragraph, as written
        let paragraph = paragraphs[pick.0.index(paragraphs.len())];
        let cuts: Vec<usize> = paragraph.char_indices().map(|(i, _)| i).chain(std::iter::once(paragraph.len())).collect();
        let (a, b) = (cuts[pick.1.index(cuts.len())], cuts[pick.2.index(cuts.len())]);
        let passage = &paragraph[a.min(b)..a.max(b)];
        if !normalise(passage).is_empty() && !passage.contains('\n') {
            let found = index.find(&paragraphs, passage);
            prop_assert!(found.is_some(), "{passage:?} not found");
        }
    }

    /// Mentions are in order, do not overlap, are whole words, and are the
    /// names given; a name standing alone between spaces is found.
    #[test]
    fn mentions(text in mutated("mentions"), extra in "[A-Z][a-z]{1,6}( [A-Z][a-z]{1,6})?", at in any::<prop::sample::Index>()) {
        let names = ["Kataib Hezbollah", "Hezbollah", "Iran", "US", "al-Muhandis", "Abu Mahdi al-Muhandis", "é", "’s"];
        let finder = MentionFinder::new(names.iter().copied().enumerate().chain(std::iter::once((names.len(), extra.as_str()))));
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let cut = cuts[at.index(cuts.len())];
        let text = format!("{} {extra} {}", &text[..cut], &text[cut..]);
        let found = finder.find(&text);
        let mut last = 0;
        for m in &found {
            prop_assert!(m.range.start >= last && m.range.end <= text.len());
            let said = text[m.range.clone()].replace('\n', " ");
            let name = names.get(m.actor).copied().unwrap_or(extra.as_str());
            prop_assert_eq!(&said, name);
            let word = |c: char| c.is_alphanumeric() || c == '_';
            if name.starts_with(word) {
                prop_assert!(!text[..m.range.start].ends_with(word));
            }
            if name.ends_with(word) {
                prop_assert!(!text[m.range.end..].starts_with(word));
            }
            last = m.range.end;
        }
        let start = cut + 1;
        prop_assert!(
            found.iter().any(|m| m.range.start <= start && start + extra.len() <= m.range.end),
            "{extra:?} at {start} not found in {text:?}"
        );
    }

    /// The finder gives exactly what the plain definition gives: every place
    /// where a name occurs as whole words, then, of overlapping ones, the
    /// longest (then the leftmost) kept. Names here start and end with word
    /// characters or not, share first words, and nest.
    #[test]
    fn mentions_are_those_of_the_definition(text in mutated("mentions"), names in prop::collection::vec("(al-|’|\\(|é)?(Kataib|Hezbollah|Iran|US|Abu|Mahdi|Muhandis|Brigades|[A-Z][a-z]{0,3})( (Hezbollah|Brigades|al-Muhandis|[A-Z][a-z]{0,3}))?(’s|\\)|\\.)?", 1..8)) {
        let finder = MentionFinder::new(names.iter().map(String::as_str).enumerate());
        let text = text.replace('\n', " ");
        let word = |c: char| c.is_alphanumeric() || c == '_';
        // every whole-word occurrence of each name (the first actor keeps a name)
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for (at, _) in text.char_indices() {
            let mut seen = std::collections::HashSet::new();
            for (actor, name) in names.iter().enumerate() {
                if name.is_empty() || !seen.insert(name) || !text[at..].starts_with(name.as_str()) {
                    continue;
                }
                let end = at + name.len();
                let before = !name.starts_with(word) || !text[..at].ends_with(word);
                let after = !name.ends_with(word) || !text[end..].starts_with(word);
                if before && after {
                    candidates.push((at, end, actor));
                }
            }
        }
        candidates.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for c in candidates {
            if kept.iter().all(|k| k.1 <= c.0 || c.1 <= k.0) {
                kept.push(c);
            }
        }
        kept.sort_unstable();
        let found: Vec<(usize, usize, usize)> = finder
            .find(&text)
            .into_iter()
            .map(|m| (m.range.start, m.range.end, m.actor))
            .collect();
        prop_assert_eq!(found, kept, "{:?} in {:?}", names, text);
    }

    /// Dates parse or are refused without panicking; a date that parses
    /// shows as text, names a day that exists, and as a range never ends
    /// before it starts.
    #[test]
    fn dates(text in mutated("dates")) {
        for line in text.lines() {
            if let Ok(date) = Date::parse(line) {
                prop_assert!(!date.to_string().is_empty());
                let (year, month, day) = date.start.earliest_day();
                prop_assert!((1..=12).contains(&month), "{line:?}");
                prop_assert!(day >= 1 && day <= days_in_month(year, month), "{line:?}");
                if let Some(end) = &date.end {
                    prop_assert!(end.earliest_day() >= date.start.earliest_day(), "{line:?} ends before it starts");
                }
            }
        }
    }

    /// Every file is parsed or refused with a place inside it; the locator
    /// finds a place inside the file for any path.
    #[test]
    fn yaml_and_locator(text in mutated("yaml"), key in "[a-z]{1,8}", index in 0..4usize, needle in "[a-z ]{0,6}") {
        // as the loader reads a file: line endings and placeholders made plain
        let text = briefing::load::readable(text);
        let file = SourceFile::new("content/events/fuzz.yaml", text.as_str());
        let lines = text.split('\n').count();
        let inside = |d: &briefing::diagnostics::Diagnostic| {
            d.position.line >= 1 && d.position.line <= lines + 1 && d.position.column >= 1
        };
        if let Err(d) = yaml::parse::<Vec<RawEvent>>(&file) {
            prop_assert!(inside(&d), "{:?} for {text:?}", d.position);
        }
        if let Err(d) = yaml::parse::<RawActor>(&file) {
            prop_assert!(inside(&d), "{:?}", d.position);
        }
        if let Some(errors) = yaml::item_errors::<RawEvent>(&file) {
            for d in errors {
                prop_assert!(inside(&d), "{:?}", d.position);
            }
        }
        let path = [Step::Index(index), Step::Key(&key), Step::Key("cites"), Step::Index(0)];
        for depth in 0..=path.len() {
            let d = Site::new(&file, &path[..depth]).error("x", Some(&needle));
            prop_assert!(inside(&d), "{:?} for {:?}", d.position, &path[..depth]);
        }
    }
}
