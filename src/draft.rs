//! Drafting an article's summary from its captured text: the work behind
//! `briefing new article FILE.txt` (SPEC §6).
//!
//! [`draft_article`] writes `FILE.yaml` beside the captured text, never over
//! an existing summary. The draft holds what can be recognised in the text
//! (the title, the publisher, a byline, the publication and update dates, the
//! paragraphs that are not the article and the start of a comment section),
//! with a comment on every field, and TODO placeholders where the analyst has
//! to write something. Each placeholder is chosen so that `briefing build`
//! fails until it is replaced (an invalid date, a quote that is not in the
//! text, a mapping where a name is expected), and the draft builds once the
//! placeholders are replaced with real values.
//!
//! [`draft_yaml`] is the pure part: text in, YAML out.

use std::collections::HashSet;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::model::date::days_in_month;
use crate::resolve::body::paragraphs;
use crate::resolve::ids::{check_id, suggest_id};

/// Writes a draft summary `FILE.yaml` beside the captured article `FILE.txt`
/// (or `FILE.md`) and returns the path written.
///
/// Refuses, with a message saying what to do, when the path is not a `.txt`
/// or `.md` file, when its name is not a valid article id, when the text
/// cannot be read or is empty, and when a summary (`FILE.yaml` or `FILE.yml`)
/// already exists: an existing summary is never overwritten.
pub fn draft_article(text_path: &Path) -> Result<PathBuf, String> {
    let shown = text_path.display();
    let is_text = text_path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
    if !is_text {
        return Err(format!(
            "{shown} is not a captured article: give the path of its .txt (or .md) file, \
             e.g. `briefing new article content/articles/the-national-2024-04-22.txt`"
        ));
    }
    let stem = text_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if let Err(why) = check_id(stem) {
        return Err(format!(
            "`{stem}` is not a valid article id ({why}): rename {shown} to {}.txt and run the command again",
            suggest_id(stem)
        ));
    }
    let text = match fs::read(text_path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            format!("{shown} is not UTF-8 text: save it as UTF-8 and run the command again")
        })?,
        Err(e) => {
            return Err(format!(
                "cannot read {shown}: {e}; give the path of the captured article's text file"
            ));
        }
    };
    if text.trim_matches(is_blank).is_empty() {
        return Err(format!(
            "{shown} is empty: paste the article's text into it, then run the command again"
        ));
    }
    let yaml_path = text_path.with_extension("yaml");
    if let Some(existing) = existing_summary(text_path, stem) {
        return Err(already_exists(&existing));
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&yaml_path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(already_exists(&yaml_path)),
        Err(e) => return Err(format!("cannot write {}: {e}", yaml_path.display())),
    };
    if let Err(e) = file.write_all(draft_yaml(&text).as_bytes()) {
        drop(file);
        // the file is ours (created just now): do not leave half a draft behind
        let _ = fs::remove_file(&yaml_path);
        return Err(format!("cannot write {}: {e}", yaml_path.display()));
    }
    Ok(yaml_path)
}

fn already_exists(path: &Path) -> String {
    format!(
        "{} already exists and is never overwritten: edit it, or delete or rename it to draft a new one",
        path.display()
    )
}

/// A summary already beside the text: `<stem>.yaml` or `<stem>.yml`, in any
/// letter case (the loader reads them all).
fn existing_summary(text_path: &Path, stem: &str) -> Option<PathBuf> {
    let dir = match text_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let entries = fs::read_dir(dir).ok()?;
    entries.flatten().map(|e| e.path()).find(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        name.rsplit_once('.').is_some_and(|(s, ext)| {
            s == stem && (ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
        })
    })
}

/// The draft summary (YAML with explanatory comments) of a captured text.
///
/// Recognised values are written as double-quoted strings; what could not be
/// recognised is a TODO placeholder that fails the build until replaced:
/// `publisher: {TODO: …}` (a mapping, not a name), `published: "TODO"` (not
/// a date) and a key point whose quote `"TODO: a verbatim passage"` is not in
/// the text. `skip` and `end_at` list candidates the analyst should review.
pub fn draft_yaml(text: &str) -> String {
    let f = analyse(text);
    let mut y = String::new();
    let mut put = |line: &str| {
        y.push_str(line);
        y.push('\n');
    };
    put("# Summary of a captured article, drafted by `briefing new article`.");
    put("# Check every value against the text, replace each TODO and run");
    put("# `briefing check`: the build fails while a TODO placeholder is left.");
    put("");

    put("# The headline (required): the first line of the text. A first paragraph");
    put("# equal to it is not part of the body.");
    match &f.title {
        Some(t) => put(&format!("title: {}", quoted(t))),
        None => {
            put("# TODO: the text has no line; write the headline.");
            put("title: {TODO: \"the headline\"}");
        }
    }
    put("");

    match &f.publisher {
        Some(p) => {
            put(&format!(
                "# Who published the article (required), recognised from the line {}.",
                shown_line(&p.line)
            ));
            put(&format!("publisher: {}", quoted(&p.value)));
        }
        None => {
            put("# Who published the article (required). TODO: not recognised in the text;");
            put("# replace the {TODO: …} with the name, e.g. `publisher: \"The National\"`.");
            put("publisher: {TODO: \"the publisher's name\"}");
        }
    }
    put("");

    match &f.author {
        Some(a) => {
            put(&format!(
                "# The byline (optional), recognised from the line {}.",
                shown_line(&a.line)
            ));
            put(&format!("author: {}", quoted(&a.value)));
        }
        None => {
            put("# The byline (optional): none recognised. If the article has one, write");
            put("# author: \"Name\"");
        }
    }
    put("");

    match (&f.published, &f.updated) {
        (Some(p), _) => {
            put(&format!(
                "# When the article was published (required, YYYY-MM-DD),\n# recognised from the line {}.",
                shown_line(&p.line)
            ));
            if p.updated {
                put("# That is the date of the last update: if the text gives the date of");
                put("# the first publication, use it.");
            }
            put(&format!("published: {}", quoted(&p.value)));
        }
        (None, _) => {
            put("# When the article was published (required, YYYY-MM-DD). TODO: no date");
            put(
                "# recognised in the text; replace TODO with the date, e.g. `published: \"2024-04-22\"`.",
            );
            put("published: \"TODO\"");
        }
    }
    if let Some(u) = &f.updated {
        put(&format!(
            "# When it was last updated (optional), recognised from the line {}.",
            shown_line(&u.line)
        ));
        put(&format!("updated: {}", quoted(&u.value)));
    }
    put("");

    match &f.url {
        Some(u) => {
            put(&format!(
                "# Where the article was published (optional), from the line {}.",
                shown_line(&u.line)
            ));
            put(&format!("url: {}", quoted(&u.value)));
        }
        None => {
            put("# Where the article was published (optional):");
            put("# url: \"https://…\"");
        }
    }
    put("# The article's language (optional):");
    put("# language: \"en\"");
    put("# The Admiralty grade of the source (optional), A (completely reliable) to");
    put("# F (reliability cannot be judged):");
    put("# reliability: \"B\"");
    put("");

    put("# TODO: the article in brief (optional, markdown): link actors with");
    put("# [[actor-id]] and cite passages with [@article-id \"a verbatim passage\"].");
    put("# Write it as a block:");
    put("# summary: |");
    put("#   …");
    put("");

    put("# The key points (markdown), each with quotes copied verbatim from one body");
    put("# paragraph of the text. TODO: replace the placeholder point and its quote,");
    put("# which is not in the text and fails the build.");
    put("key_points:");
    put("  - text: \"TODO: a key point of the article\"");
    put("    cites:");
    put("      - {quote: \"TODO: a verbatim passage\"}");
    put("");

    put("# Paragraphs of the text that are not the article (captions, banners, labels,");
    put("# the title repeated, date and source lines), as recognised. Each entry must");
    put("# equal a whole paragraph (paragraphs end at a blank line): remove any entry");
    put("# that is part of the article, and add any paragraph that was missed.");
    if f.skip.is_empty() {
        put("# None was recognised:");
        put("# skip:");
        put("#   - \"a whole paragraph\"");
    } else {
        put("skip:");
        for s in &f.skip {
            put(&format!("  - {}   # {}", quoted(&s.paragraph), s.why));
        }
    }
    put("");

    put("# The body ends before the first paragraph that starts with this.");
    match &f.end_at {
        Some(e) => {
            put("# Recognised as the start of the comments:");
            put(&format!("end_at: {}", quoted(e)));
        }
        None => {
            put("# No comment section was recognised; if the text ends with one, write");
            put("# end_at: \"Comments\"");
        }
    }
    y
}

/// A value recognised in the text and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    value: String,
    line: String,
    /// For dates: it came from an "Updated:" line.
    updated: bool,
}

/// A paragraph suggested for `skip`, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Skip {
    paragraph: String,
    why: String,
}

/// Everything recognised in a captured text.
#[derive(Debug, Default)]
struct Findings {
    title: Option<String>,
    publisher: Option<Found>,
    author: Option<Found>,
    published: Option<Found>,
    updated: Option<Found>,
    url: Option<Found>,
    skip: Vec<Skip>,
    end_at: Option<String>,
}

fn analyse(text: &str) -> Findings {
    let title = text.lines().map(clean).find(|l| !l.is_empty());
    let title_sq = title.map(squash).unwrap_or_default();
    let paras = paragraphs(text);
    // the build drops a first paragraph equal to the title by itself
    let dropped = |i: usize, p: &str| i == 0 && title.is_some() && squash(p) == title_sq;

    let mut f = Findings {
        title: title.map(str::to_string),
        ..Findings::default()
    };
    let mut seen = HashSet::new();
    let mut body = 0usize;
    let mut limit = paras.len();
    for (i, p) in paras.iter().enumerate() {
        if dropped(i, p) {
            continue;
        }
        if body > 0
            && let Some(marker) = end_marker(p)
        {
            limit = i;
            // the body ends at the first paragraph starting with end_at:
            // make sure that is this one
            let earlier = paras[..i]
                .iter()
                .enumerate()
                .any(|(j, q)| !dropped(j, q) && q.starts_with(&marker));
            if !earlier {
                f.end_at = Some(marker);
            }
            break;
        }
        match skip_reason(p, &title_sq, body == 0 && i > 0) {
            Some(why) => {
                if seen.insert(squash(p)) {
                    f.skip.push(Skip {
                        paragraph: p.clone(),
                        why,
                    });
                }
            }
            None => body += 1,
        }
    }

    let mut updated = None;
    let mut published = None;
    for line in paras[..limit].iter().flat_map(|p| p.lines()).map(clean) {
        if f.publisher.is_none()
            && let Some(name) = publisher_of(line)
        {
            f.publisher = Some(found(name, line, false));
        }
        if f.author.is_none()
            && let Some(name) = byline(line)
        {
            f.author = Some(found(name, line, false));
        }
        if f.url.is_none() && is_url(line) {
            f.url = Some(found(line.to_string(), line, false));
        }
        if let Some((ymd, is_update)) = date_line(line) {
            let slot = if is_update {
                &mut updated
            } else {
                &mut published
            };
            if slot.is_none() {
                *slot = Some(found(iso(ymd), line, is_update));
            }
        }
    }
    f.published = published.or_else(|| updated.clone());
    f.updated = updated;
    f
}

fn found(value: String, line: &str, updated: bool) -> Found {
    Found {
        value,
        line: line.to_string(),
        updated,
    }
}

// ---------------------------------------------------------------- text helpers

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// A line without surrounding white space (nor a byte-order mark).
fn clean(line: &str) -> &str {
    line.trim_matches(is_blank)
}

/// Runs of white space as one space, as the build compares `skip` entries.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// `text` starts with `prefix`, ignoring ASCII letter case, at a word end.
fn strip_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = &text[prefix.len()..];
    let at_word_end = !prefix.ends_with(|c: char| c.is_ascii_alphanumeric())
        || !rest.starts_with(|c: char| c.is_alphanumeric());
    at_word_end.then_some(rest)
}

/// Ends like a sentence (or a quotation) rather than a heading.
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', '"', '\'', '”', '’', ')', ']', ':', ';', '…', ',',
    ])
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

// ---------------------------------------------------------------- dates

/// A day: year, month, day.
type Ymd = (i32, u8, u8);

fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

const UPDATE_PREFIXES: [&str; 6] = [
    "last updated",
    "last update",
    "updated on",
    "updated",
    "modified on",
    "modified",
];
const PUBLISH_PREFIXES: [&str; 7] = [
    "first published",
    "published on",
    "published",
    "posted on",
    "posted",
    "date",
    "on",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The date of a line that is only a date, as captured pages show them:
/// "Updated: April 22, 2024, 7:10 PM", "25 October, 2023", "24-04-2024",
/// "2024-04-22", with an optional label, weekday and time. True when the
/// label says it is the date of an update.
fn date_line(line: &str) -> Option<(Ymd, bool)> {
    let (rest, is_update) = date_label(clean(line));
    let mut rest = rest;
    for day in WEEKDAYS {
        if let Some(r) = strip_ci(rest, day).or_else(|| strip_ci(rest, &day[..3])) {
            rest = r.trim_start_matches(|c: char| c == ',' || c == '.' || is_blank(c));
            break;
        }
    }
    let (ymd, after) = parse_date(rest)?;
    let after = after.trim_start_matches(|c: char| {
        matches!(c, ',' | '-' | '|' | '–' | '—' | '/') || is_blank(c)
    });
    let after = strip_ci(after, "at").map_or(after, str::trim_start);
    (after.is_empty() || is_time(after)).then_some((ymd, is_update))
}

/// Strips a label such as "Updated:" or "Published on"; true for an update.
fn date_label(line: &str) -> (&str, bool) {
    let labels = UPDATE_PREFIXES
        .iter()
        .map(|p| (p, true))
        .chain(PUBLISH_PREFIXES.iter().map(|p| (p, false)));
    for (prefix, is_update) in labels {
        if let Some(rest) = strip_ci(line, prefix) {
            return (
                rest.trim_start_matches(|c: char| c == ':' || is_blank(c)),
                is_update,
            );
        }
    }
    (line, false)
}

/// "7:10 PM", "12:54", "09.30 GMT+3".
fn is_time(text: &str) -> bool {
    let Some((_, n, rest)) = number(text) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix([':', '.']) else {
        return false;
    };
    let Some((_, 2, rest)) = number(rest) else {
        return false;
    };
    let rest = rest.trim();
    n <= 2
        && rest.len() <= 16
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " +-():.".contains(c))
}

/// Leading ASCII digits (at most four): value, count, the rest.
fn number(text: &str) -> Option<(u32, usize, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 4 {
        return None;
    }
    Some((text[..n].parse().ok()?, n, &text[n..]))
}

/// A leading month name ("April", "Apr", "Apr.", "Sept"): its number, the rest.
fn month(text: &str) -> Option<(u8, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = text[..n].to_ascii_lowercase();
    let m = match word.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    let rest = &text[n..];
    Some((m, rest.strip_prefix('.').unwrap_or(rest)))
}

/// Skips "st", "nd", "rd", "th" after a day.
fn ordinal(text: &str) -> &str {
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|o| strip_ci(text, o))
        .unwrap_or(text)
}

/// White space with at most one comma in it.
fn gap(text: &str) -> &str {
    let t = text.trim_start_matches(is_blank);
    t.strip_prefix(',')
        .unwrap_or(t)
        .trim_start_matches(is_blank)
}

fn valid(y: u32, m: u32, d: u32) -> Option<Ymd> {
    let y = i32::try_from(y)
        .ok()
        .filter(|y| (1900..=2100).contains(y))?;
    let m = u8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
    let d = u8::try_from(d)
        .ok()
        .filter(|d| *d >= 1 && *d <= days_in_month(y, m))?;
    Some((y, m, d))
}

/// A four-digit year at the start of `text`, and the rest.
fn year(text: &str) -> Option<(u32, &str)> {
    match number(text) {
        Some((y, 4, rest)) => Some((y, rest)),
        _ => None,
    }
}

/// A date at the start of `text`, and the rest: "April 22, 2024",
/// "25 October, 2023", "24-04-2024" or "24.04.2024" (day first), "2024-04-22".
fn parse_date(text: &str) -> Option<(Ymd, &str)> {
    if let Some((m, rest)) = month(text) {
        let (d, n, rest) = number(rest.trim_start_matches(is_blank))?;
        if n > 2 {
            return None;
        }
        let (y, rest) = year(gap(ordinal(rest)))?;
        return Some((valid(y, u32::from(m), d)?, rest));
    }
    let (a, n, rest) = number(text)?;
    if n == 4 {
        let rest = rest.strip_prefix('-')?;
        let (m, 2, rest) = number(rest)? else {
            return None;
        };
        let rest = rest.strip_prefix('-')?;
        let (d, 2, rest) = number(rest)? else {
            return None;
        };
        return Some((valid(a, m, d)?, rest));
    }
    if n > 2 {
        return None;
    }
    if let Some(sep) = rest.chars().next().filter(|c| *c == '-' || *c == '.') {
        let (m, mn, rest) = number(&rest[1..])?;
        if mn > 2 {
            return None;
        }
        let (y, rest) = year(rest.strip_prefix(sep)?)?;
        return Some((valid(y, m, a)?, rest));
    }
    let (m, rest) = month(ordinal(rest).trim_start_matches(is_blank))?;
    let (y, rest) = year(gap(rest))?;
    Some((valid(y, u32::from(m), a)?, rest))
}

// ---------------------------------------------------------------- who

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
fn publisher_of(line: &str) -> Option<String> {
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
fn byline(line: &str) -> Option<String> {
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

fn is_url(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://"))
        && line.len() > 10
        && !line.contains(char::is_whitespace)
}

// ---------------------------------------------------------------- skip, end_at

/// Why a paragraph is probably not part of the article, if it is not.
/// `first_body` is true for the first paragraph after the title that is not
/// skipped (where a one-line standfirst appears).
fn skip_reason(paragraph: &str, title_sq: &str, first_body: bool) -> Option<String> {
    let lines: Vec<&str> = paragraph
        .lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    let kinds: Vec<Option<&'static str>> = lines.iter().map(|l| line_kind(l, title_sq)).collect();
    if lines.len() > 1 && kinds.first() == Some(&Some("repeats the title")) {
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
    if first_body && lines.len() == 1 && words(paragraph) >= 4 && !ends_sentence(paragraph) {
        return Some("standfirst (the line under the headline)".into());
    }
    None
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
fn end_marker(paragraph: &str) -> Option<String> {
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
    use crate::load::raw::RawArticle;
    use crate::resolve::body;

    #[test]
    fn dates_in_the_forms_of_the_seed_articles() {
        let cases = [
            ("Updated: April 22, 2024, 7:10 PM", (2024, 4, 22), true),
            ("Updated: June 09, 2024, 12:54 PM", (2024, 6, 9), true),
            ("25 October, 2023", (2023, 10, 25), false),
            ("24-04-2024", (2024, 4, 24), false),
            ("2024-04-22", (2024, 4, 22), false),
            (
                "Published on 3rd March 2024 at 09:30 GMT",
                (2024, 3, 3),
                false,
            ),
            ("Monday, Apr. 22, 2024", (2024, 4, 22), false),
            ("Last update: 29.02.2024", (2024, 2, 29), true),
        ];
        for (line, ymd, update) in cases {
            assert_eq!(date_line(line), Some((ymd, update)), "{line}");
        }
    }

    #[test]
    fn not_dates() {
        for line in [
            "On Wednesday, 12 October, Sistani called on the world",
            "31-02-2024",
            "29-02-2023",
            "April 2024",
            "The attack on April 22, 2024 killed two people.",
            "Updated: soon",
            "24-04-24",
            "1234567",
        ] {
            assert_eq!(date_line(line), None, "{line}");
        }
    }

    #[test]
    fn iso_dates_are_padded() {
        assert_eq!(iso((2024, 6, 9)), "2024-06-09");
    }

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

    const TEXT: &str = "Rockets hit a base in Syria\n\nAmerican base hit by five rockets launched from Iraq\n\nA protester waves a flag in Baghdad. Reuters\nPowered by automated translation\n\nLive updates: Follow the latest on Israel-Gaza\n\nAnalysis\nLive Story\n\nKataib Hezbollah said on Monday that it had fired five rockets.\n\nEnd of the pause\n\nRockets hit a base in Syria\n\nThe US confirmed the attack. Comments by the minister followed.\n\nRemarks made by the minister were welcomed.\n\nSource: Newsroom\n\nUpdated: April 22, 2024, 7:10 PM\n\nComments\n\nPost a comment\n";

    #[test]
    fn skip_and_end_at_candidates() {
        let f = analyse(TEXT);
        let skip: Vec<(&str, &str)> = f
            .skip
            .iter()
            .map(|s| (s.paragraph.as_str(), s.why.as_str()))
            .collect();
        assert_eq!(
            skip,
            vec![
                (
                    "American base hit by five rockets launched from Iraq",
                    "standfirst (the line under the headline)"
                ),
                (
                    "A protester waves a flag in Baghdad. Reuters\nPowered by automated translation",
                    "photo caption, translation banner"
                ),
                (
                    "Live updates: Follow the latest on Israel-Gaza",
                    "link to other coverage"
                ),
                ("Analysis\nLive Story", "section label"),
                ("Rockets hit a base in Syria", "repeats the title"),
                ("Source: Newsroom", "source line"),
                ("Updated: April 22, 2024, 7:10 PM", "date line"),
            ]
        );
        assert_eq!(f.end_at.as_deref(), Some("Comments"));
        assert_eq!(f.publisher.map(|p| p.value).as_deref(), Some("Newsroom"));
        assert_eq!(
            f.published.as_ref().map(|p| p.value.as_str()),
            Some("2024-04-22")
        );
        assert!(f.published.is_some_and(|p| p.updated));
        assert_eq!(f.updated.map(|p| p.value).as_deref(), Some("2024-04-22"));
    }

    #[test]
    fn warning_and_post_a_comment_end_the_body() {
        let warning =
            "T\n\nBody text here.\n\nWARNING: Comments that contain insults are not approved.\n";
        assert_eq!(
            analyse(warning).end_at.as_deref(),
            Some("WARNING: Comments")
        );
        let post = "T\n\nBody text here.\n\nPost a comment\n\nRequired\n";
        assert_eq!(analyse(post).end_at.as_deref(), Some("Post a comment"));
    }

    #[test]
    fn a_comment_label_before_the_body_is_not_the_end() {
        let f = analyse("T\n\nComment\n\nThe body.\n\nComments\n");
        assert_eq!(f.end_at.as_deref(), Some("Comments"));
    }

    #[test]
    fn an_end_at_that_an_earlier_paragraph_starts_with_is_not_suggested() {
        let f =
            analyse("T\n\nComments from the minister came later.\n\nComments\n\nPost a comment\n");
        assert_eq!(f.end_at, None);
    }

    #[test]
    fn the_body_keeps_the_article_and_every_skip_matches() -> Result<(), serde_yaml::Error> {
        let yaml = draft_yaml(TEXT).replace(
            "publisher: {TODO: \"the publisher's name\"}",
            "publisher: \"P\"",
        );
        let raw: RawArticle = serde_yaml::from_str(&yaml)?;
        let b = body::split(TEXT, &raw.title, &raw.skip, raw.end_at.as_deref());
        assert_eq!(
            b.paragraphs,
            vec![
                "Kataib Hezbollah said on Monday that it had fired five rockets.",
                "End of the pause",
                "The US confirmed the attack. Comments by the minister followed.",
                "Remarks made by the minister were welcomed.",
            ]
        );
        assert!(b.unused_skips.is_empty());
        assert!(!b.end_at_unused);
        Ok(())
    }

    #[test]
    fn placeholders_when_nothing_is_recognised() -> Result<(), serde_yaml::Error> {
        let yaml = draft_yaml("A headline\n\nA body paragraph.\n");
        assert!(
            yaml.contains("\npublisher: {TODO: \"the publisher's name\"}\n"),
            "{yaml}"
        );
        assert!(yaml.contains("\npublished: \"TODO\"\n"), "{yaml}");
        assert!(
            yaml.contains("{quote: \"TODO: a verbatim passage\"}"),
            "{yaml}"
        );
        assert!(!yaml.contains("\nskip:"), "{yaml}");
        assert!(!yaml.contains("\nend_at:"), "{yaml}");
        // the publisher placeholder is not a name: the build refuses it
        assert!(serde_yaml::from_str::<RawArticle>(&yaml).is_err());
        let filled = yaml.replace("{TODO: \"the publisher's name\"}", "\"P\"");
        let raw: RawArticle = serde_yaml::from_str(&filled)?;
        assert_eq!(raw.title, "A headline");
        assert_eq!(raw.published, "TODO");
        assert!(crate::model::date::Date::parse(&raw.published).is_err());
        Ok(())
    }

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

    #[test]
    fn empty_text_gives_a_failing_title() {
        let yaml = draft_yaml(" \n\n");
        assert!(
            yaml.contains("\ntitle: {TODO: \"the headline\"}\n"),
            "{yaml}"
        );
        assert!(serde_yaml::from_str::<RawArticle>(&yaml).is_err());
    }
}
