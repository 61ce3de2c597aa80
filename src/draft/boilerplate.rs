//! The paragraphs of a captured page that are not the article: why one is
//! probably boilerplate (a photo caption, a banner, a section label, a date,
//! source or byline line, the title repeated) and where the comment section
//! starts. A standfirst (the line under the headline) is the publisher's own
//! text, and so part of the body. These become the draft's `skip` and `end_at`
//! candidates.

use super::byline::{byline, is_url, publisher_of};
use super::dates::{date_label, date_line};
use super::text::{clean, ends_sentence, squash, strip_ci, words};

/// Why a paragraph is probably not part of the article, if it is not.
pub(super) fn skip_reason(paragraph: &str, title_sq: &str) -> Option<String> {
    if header_lines(paragraph, title_sq).is_some() {
        // a header over a standfirst: its lines go, the standfirst stays
        return None;
    }
    let lines: Vec<&str> = paragraph
        .lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    let kinds: Vec<Option<&'static str>> = lines.iter().map(|l| line_kind(l, title_sq)).collect();
    if lines.len() > 1
        && kinds.first() == Some(&Some("repeats the title"))
        && !lines.iter().any(|l| is_prose(l))
    {
        return Some("repeats the title, with the header under it".into());
    }
    if kinds.iter().all(Option::is_some) {
        let mut why: Vec<&str> = Vec::new();
        for k in kinds.into_iter().flatten() {
            if !why.contains(&k) {
                why.push(k);
            }
        }
        return Some(why.join(", "));
    }
    if is_caption(&squash(paragraph)) {
        return Some("photo caption".into());
    }
    None
}

/// True for a line that reads as the publisher's prose: a sentence of
/// eight words or more (a standfirst under a repeated title).
fn is_prose(line: &str) -> bool {
    ends_sentence(line) && words(line) >= 8
}

/// The lines of a header block that repeats the title and holds a
/// standfirst: every line but the prose, each with why, to go in
/// `skip_lines` (the standfirst stays in the body). `None` for any other
/// paragraph.
pub(super) fn header_lines(paragraph: &str, title_sq: &str) -> Option<Vec<(String, String)>> {
    let lines: Vec<&str> = paragraph
        .lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    let repeats = lines.len() > 1 && line_kind(lines[0], title_sq) == Some("repeats the title");
    if !repeats || !lines.iter().any(|l| is_prose(l)) {
        return None;
    }
    Some(
        lines
            .iter()
            .filter(|l| !is_prose(l))
            .map(|l| {
                let why = line_kind(l, title_sq).unwrap_or("header line");
                (l.to_string(), why.to_string())
            })
            .collect(),
    )
}

/// What kind of boilerplate a line is, if it is.
fn line_kind(line: &str, title_sq: &str) -> Option<&'static str> {
    if !title_sq.is_empty() && squash(line) == title_sq {
        return Some("repeats the title");
    }
    let n = words(line);
    if [
        "powered by automated translation",
        "automated translation",
        "machine translated",
    ]
    .iter()
    .any(|p| strip_ci(line, p).is_some())
    {
        return Some("translation banner");
    }
    if [
        "live updates:",
        "live:",
        "live blog:",
        "read more:",
        "read also:",
        "also read:",
        "related:",
        "recommended:",
        "watch:",
        "listen:",
    ]
    .iter()
    .any(|p| strip_ci(line, p).is_some())
    {
        return Some("link to other coverage");
    }
    if date_line(line).is_some() {
        return Some("date line");
    }
    let (after_label, _) = date_label(line);
    if after_label.len() < line.len() && after_label.is_empty() && n <= 3 {
        return Some("date line");
    }
    if is_url(line) {
        return Some("link");
    }
    if strip_ci(line, "source").is_some_and(|r| r.trim_start().starts_with(':')) && n <= 8 {
        return Some("source line");
    }
    if publisher_of(line).is_some() {
        return Some("publisher");
    }
    if byline(line).is_some() {
        return Some("byline");
    }
    if is_caption(line) {
        return Some("photo caption");
    }
    if is_label(line) {
        return Some("section label");
    }
    None
}

/// Short labels of a page's furniture: "Analysis", "Live Story", "MENA",
/// "5 min read", "A+ A-", "World  |", "| Last update :".
fn is_label(line: &str) -> bool {
    /// Labels recognised whole, after squashing white space.
    const LABELS: [&str; 22] = [
        "Analysis",
        "Live Story",
        "MENA",
        "News",
        "World",
        "Opinion",
        "Feature",
        "Features",
        "Politics",
        "Middle East",
        "Breaking",
        "Breaking News",
        "Exclusive",
        "Explainer",
        "Video",
        "Share",
        "Share this article",
        "Print",
        "Advertisement",
        "Most Read",
        "Trending",
        "Listen to this article",
    ];
    let sq = squash(line);
    if LABELS.contains(&sq.as_str()) {
        return true;
    }
    let n = words(&sq);
    // text-size buttons: "A+ A-", "A A A"
    if sq.chars().all(|c| matches!(c, 'A' | 'a' | '+' | '-' | ' ')) && sq.contains('A') {
        return true;
    }
    // "5 min read", "Reading time: 3 minutes"
    let lower = sq.to_lowercase();
    if n <= 4
        && (lower.ends_with("min read")
            || lower.ends_with("mins read")
            || lower.ends_with("minute read")
            || lower.starts_with("reading time"))
    {
        return true;
    }
    // breadcrumbs: "World  |", "| Last update :", "Middle East | Iraq"
    if n <= 5
        && (sq.starts_with('|') || sq.ends_with('|') || (sq.contains(" | ") && !ends_sentence(&sq)))
    {
        return true;
    }
    // one or two capitalised words that are no sentence: "MENA", "Live Story"
    n <= 2
        && !ends_sentence(&sq)
        && !sq.contains(|c: char| c.is_ascii_digit())
        && sq.split(' ').all(|w| w.starts_with(char::is_uppercase))
}

/// Credits that end a photo caption.
const CREDITS: [&str; 24] = [
    "Reuters",
    "AFP",
    "AP",
    "EPA",
    "EPA-EFE",
    "Getty",
    "Getty Images",
    "Anadolu",
    "Anadolu Agency",
    "Xinhua",
    "WANA",
    "UPI",
    "dpa",
    "SANA",
    "IRNA",
    "Tasnim",
    "Rudaw",
    "The National",
    "Shutterstock",
    "Alamy",
    "NurPhoto",
    "Handout",
    "Supplied",
    "File photo",
];

/// A photo caption: text ending with a credit such as ". Reuters", ". AFP",
/// "[Getty]", "(Photo: AFP)", or a "… pictured with …" line.
fn is_caption(line: &str) -> bool {
    let t = squash(line);
    let n = words(&t);
    if n == 0 || n > 80 {
        return false;
    }
    let is_credit = |c: &str| {
        let c = c.trim();
        let c = c.strip_suffix(" via Getty Images").unwrap_or(c);
        c.split(['/', ','])
            .map(str::trim)
            .all(|part| CREDITS.contains(&part))
            || [
                "photo:",
                "photo by",
                "image:",
                "picture:",
                "credit:",
                "photograph:",
            ]
            .iter()
            .any(|p| strip_ci(c, p).is_some())
    };
    // "[Getty]", "(Reuters)", "(Photo: AFP)"
    for (open, close) in [('[', ']'), ('(', ')')] {
        if t.ends_with(close)
            && let Some(start) = t.rfind(open)
            && is_credit(&t[start + 1..t.len() - 1])
        {
            return true;
        }
    }
    // "… outside the US embassy in Baghdad. Reuters", "… AFP via Getty Images"
    let tail_start = t
        .rfind(['.', '/', '|', '–', '—'])
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let tail = t[tail_start..].trim();
    if !tail.is_empty() && words(tail) <= 5 && is_credit(tail) {
        return true;
    }
    // "Iraqi Prime Minister … pictured with President Joe Biden at the White House"
    n <= 40 && t.contains(" pictured") && !ends_sentence(&t)
}

/// The `end_at` for a paragraph that starts a comment section: "Comments",
/// "Post a comment", "WARNING: Comments that …".
pub(super) fn end_marker(paragraph: &str) -> Option<String> {
    let first = clean(paragraph.lines().next().unwrap_or_default());
    let lower = first.to_lowercase();
    let short = words(first) <= 5;
    if short
        && (lower.contains("comment")
            || [
                "join the conversation",
                "join the discussion",
                "have your say",
            ]
            .contains(&lower.as_str()))
    {
        return Some(first.to_string());
    }
    for phrase in [
        "warning: comments",
        "comment policy",
        "comments policy",
        "comments are moderated",
    ] {
        if strip_ci(first, phrase).is_some() {
            return Some(first[..phrase.len()].to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_and_labels() {
        assert!(is_caption(
            "A protester waves a flag outside the US embassy in Baghdad. Reuters"
        ));
        assert!(is_caption(
            "Israel's attacks on Gaza has killed more than 6,000 people. [Getty]"
        ));
        assert!(is_caption("Fighters at a checkpoint (Photo: AFP)"));
        assert!(is_caption(
            "Members of the PMF chant slogans. AFP via Getty Images"
        ));
        assert!(!is_caption(
            "A day later, US troops shot down two drones, unnamed American officials told AFP."
        ));
        for label in [
            "Analysis",
            "Live Story",
            "MENA",
            "5 min read",
            "A+ A-",
            "World \u{a0}|",
            "| Last update :",
        ] {
            assert!(is_label(label), "{label}");
        }
        for text in [
            "End of 3 months of pause",
            "Attacks on Israel",
            "The trip marked Sudani’s first visit.",
        ] {
            assert!(!is_label(text), "{text}");
        }
    }
}
