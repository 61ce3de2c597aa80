//! The English date parser of the draft: recognising a line that is only a
//! date, as captured pages show them ("Updated: April 22, 2024, 7:10 PM",
//! "25 October, 2023", "24-04-2024", "2024-04-22"), and writing the day found
//! as `YYYY-MM-DD`.

use crate::model::date::days_in_month;

use super::text::{clean, is_blank, strip_ci};

/// A day: year, month, day.
pub(super) type Ymd = (i32, u8, u8);

/// The day as `YYYY-MM-DD`, as summaries write dates.
pub(super) fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Labels before the date of an update, longest first where one starts another.
const UPDATE_PREFIXES: [&str; 6] = [
    "last updated",
    "last update",
    "updated on",
    "updated",
    "modified on",
    "modified",
];
/// Labels before the date of publication, longest first where one starts another.
const PUBLISH_PREFIXES: [&str; 7] = [
    "first published",
    "published on",
    "published",
    "posted on",
    "posted",
    "date",
    "on",
];
/// The names of the days of the week, which may come before a date.
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
pub(super) fn date_line(line: &str) -> Option<(Ymd, bool)> {
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
pub(super) fn date_label(line: &str) -> (&str, bool) {
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

/// The day of a year, month and day number, if it exists (years 1900 to 2100).
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
