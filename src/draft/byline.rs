//! Who wrote and who published the article: bylines ("By Jane Doe",
//! "Editor : Selin Atay"), publisher lines ("Source: Newsroom") and the names
//! of known outlets, people's names, and the article's URL.

use super::dates::date_line;
use super::text::{is_blank, strip_ci, words};

/// Outlets recognised when a line of the text is just their name.
const PUBLISHERS: [&str; 40] = [
    "Rudaw",
    "The National",
    "The New Arab",
    "Al Jazeera",
    "Al-Monitor",
    "Al Monitor",
    "Al Arabiya",
    "Asharq Al-Awsat",
    "Arab News",
    "Middle East Eye",
    "Shafaq News",
    "Kurdistan24",
    "Kurdistan 24",
    "Iraqi News Agency",
    "Baghdad Today",
    "Alsumaria",
    "Amwaj.media",
    "The Cradle",
    "North Press Agency",
    "Enab Baladi",
    "Tehran Times",
    "Press TV",
    "Al Mayadeen",
    "The Times of Israel",
    "The Jerusalem Post",
    "Haaretz",
    "Daily Sabah",
    "TRT World",
    "BBC News",
    "CNN",
    "NBC News",
    "The Guardian",
    "The New York Times",
    "The Washington Post",
    "The Wall Street Journal",
    "Financial Times",
    "Politico",
    "Military Times",
    "Stars and Stripes",
    "The Long War Journal",
];

/// The publisher named by a line: "Source: Newsroom", "Publisher: X",
/// "Published by X", or a line that is just a known outlet's name.
pub(super) fn publisher_of(line: &str) -> Option<String> {
    for prefix in ["source", "publisher", "published by"] {
        let Some(rest) = strip_ci(line, prefix) else {
            continue;
        };
        let has_colon = rest.trim_start().starts_with(':');
        if prefix != "published by" && !has_colon {
            continue;
        }
        let name = rest
            .trim_start_matches(|c: char| c == ':' || is_blank(c))
            .trim_end_matches(|c: char| c == '.' || is_blank(c));
        let n = words(name);
        if (1..=6).contains(&n) && !name.contains("://") && date_line(name).is_none() {
            return Some(name.to_string());
        }
    }
    PUBLISHERS
        .iter()
        .find(|p| **p == line)
        .map(|p| (*p).to_string())
}

/// The name in a byline: "Editor : Selin Atay", "By Jane Doe", "Author: …".
pub(super) fn byline(line: &str) -> Option<String> {
    let rest = [
        "editor",
        "author",
        "reporter",
        "written by",
        "reported by",
        "words by",
    ]
    .iter()
    .find_map(|p| strip_ci(line, p))
    .or_else(|| line.strip_prefix("By "))?;
    let name = rest.trim_start_matches(|c: char| c == ':' || is_blank(c));
    let name = name
        .split([',', '|'])
        .next()
        .unwrap_or_default()
        .split(" - ")
        .next()
        .unwrap_or_default()
        .trim();
    is_name(name).then(|| name.to_string())
}

/// Two to six words, each capitalised or a name particle ("al-Sudani", "bin").
fn is_name(text: &str) -> bool {
    /// Lower-case words that may stand between the parts of a name.
    const PARTICLES: [&str; 9] = ["al", "el", "bin", "ibn", "de", "da", "van", "von", "and"];
    let n = words(text);
    (2..=6).contains(&n)
        && !text.contains(|c: char| c.is_ascii_digit())
        && text.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                || PARTICLES.contains(&w)
                || ["al-", "el-", "bin-", "abu-"]
                    .iter()
                    .any(|p| w.starts_with(p) && w.len() > p.len())
        })
}

/// A line that is only an `http://` or `https://` address.
pub(super) fn is_url(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://"))
        && line.len() > 10
        && !line.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_publishers() {
        assert_eq!(byline("Editor : Selin Atay").as_deref(), Some("Selin Atay"));
        assert_eq!(
            byline("By Jane al-Doe, Baghdad").as_deref(),
            Some("Jane al-Doe")
        );
        assert_eq!(
            byline("By hitting more than 85 targets on February 2"),
            None
        );
        assert_eq!(
            publisher_of("Source: Newsroom").as_deref(),
            Some("Newsroom")
        );
        assert_eq!(publisher_of("Rudaw").as_deref(), Some("Rudaw"));
        assert_eq!(publisher_of("Rudaw moderates all comments"), None);
        assert_eq!(publisher_of("Sources say the talks failed"), None);
    }
}
