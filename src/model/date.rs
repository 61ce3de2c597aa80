//! Dates as analysts write them (see the README, *Dates*): a day, a month, a
//! year, a decade, an early / mid / late part of a month, year or decade, or a
//! range of two of these. A date keeps its precision: "late January 2024" is never shown as a
//! day.

use std::cmp::Ordering;
use std::fmt;

/// Which part of a month, year or decade a point means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The first third: from the 1st of a month, from January of a year,
    /// from the decade's first year.
    Early,
    /// The middle third: from the 11th of a month, from May of a year, from
    /// the decade's fifth year (1994 for the 1990s).
    Mid,
    /// The last third: from the 21st of a month, from September of a year,
    /// from the decade's eighth year (1997 for the 1990s).
    Late,
}

impl Part {
    /// The word written for it.
    fn word(self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
        }
    }
}

/// One point in time at the precision it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    /// Early, mid or late (only with a month or a year).
    pub part: Option<Part>,
    /// The year (for a decade, its first year: 1990 for the 1990s).
    pub year: i32,
    /// True for a decade, written `1990s`.
    pub decade: bool,
    /// The month, 1–12.
    pub month: Option<u8>,
    /// The day of the month.
    pub day: Option<u8>,
}

/// A date as written: a point or a range between two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    /// The point, or the start of the range.
    pub start: Point,
    /// The end of a range.
    pub end: Option<Point>,
}

/// Why a date could not be read; the message is written for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The number of days in `month` of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The number of day (year, month, day) of the Gregorian calendar, counted
/// from 1 January 1970 (Howard Hinnant's `days_from_civil`), so that two
/// days differ by the days between them.
pub fn day_number((year, month, day): (i32, u8, u8)) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl Point {
    /// Reads `[early|mid|late ]YYYY[-MM[-DD]]` or `[early|mid|late ]YYY0s`.
    pub fn parse(text: &str) -> Result<Point, DateError> {
        let text = text.trim();
        let (part, rest) = match text.split_once(' ') {
            Some((word, rest)) => {
                let part = match word {
                    "early" => Part::Early,
                    "mid" => Part::Mid,
                    "late" => Part::Late,
                    _ => {
                        return Err(DateError(format!(
                            "`{word}` is not a part of a date: write early, mid or late"
                        )));
                    }
                };
                (Some(part), rest.trim())
            }
            None => (None, text),
        };
        if let Some(decade) = rest.strip_suffix('s') {
            return Point::decade(part, decade, text);
        }
        let mut fields = rest.split('-');
        let year = fields.next().unwrap_or_default();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateError(format!(
                "`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            )));
        }
        let year: i32 = year
            .parse()
            .map_err(|_| DateError(format!("bad year in `{text}`")))?;
        let two_digits = |field: &str, what: &str| -> Result<u8, DateError> {
            if field.len() == 2 && field.bytes().all(|b| b.is_ascii_digit()) {
                field
                    .parse()
                    .map_err(|_| DateError(format!("bad {what} in `{text}`")))
            } else {
                Err(DateError(format!(
                    "`{text}` is not a date: the {what} must have two digits (YYYY-MM-DD)"
                )))
            }
        };
        let month = fields.next().map(|m| two_digits(m, "month")).transpose()?;
        let day = fields.next().map(|d| two_digits(d, "day")).transpose()?;
        if fields.next().is_some() {
            return Err(DateError(format!(
                "`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            )));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError(format!(
                "`{text}` has no month {m}: months run 01 to 12"
            )));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(DateError(format!(
                    "`{text}` is not a day: {} {year} has {last} days",
                    MONTHS[usize::from(m - 1)]
                )));
            }
            if part.is_some() {
                return Err(DateError(format!(
                    "`{text}`: early, mid and late go with a month or a year, not a day"
                )));
            }
        }
        Ok(Point {
            part,
            year,
            decade: false,
            month,
            day,
        })
    }

    /// Reads the `YYY0` of a decade written `YYY0s`.
    fn decade(part: Option<Part>, digits: &str, text: &str) -> Result<Point, DateError> {
        let year: i32 = match digits.parse() {
            Ok(year) if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) => year,
            _ => {
                return Err(DateError(format!(
                    "`{text}` is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 1990s"
                )));
            }
        };
        if year % 10 != 0 {
            return Err(DateError(format!(
                "`{text}` is not a decade: a decade is written with its first year, such as {}s",
                year - year % 10
            )));
        }
        Ok(Point {
            part,
            year,
            decade: true,
            month: None,
            day: None,
        })
    }

    /// The earliest day this point can mean, as (year, month, day).
    pub fn earliest_day(&self) -> (i32, u8, u8) {
        match (self.month, self.day, self.part) {
            (Some(m), Some(d), _) => (self.year, m, d),
            (Some(m), None, part) => (
                self.year,
                m,
                match part {
                    None | Some(Part::Early) => 1,
                    Some(Part::Mid) => 11,
                    Some(Part::Late) => 21,
                },
            ),
            (None, _, part) if self.decade => (
                self.year
                    + match part {
                        None | Some(Part::Early) => 0,
                        Some(Part::Mid) => 4,
                        Some(Part::Late) => 7,
                    },
                1,
                1,
            ),
            (None, _, part) => (
                self.year,
                match part {
                    None | Some(Part::Early) => 1,
                    Some(Part::Mid) => 5,
                    Some(Part::Late) => 9,
                },
                1,
            ),
        }
    }

    /// The latest day this point can mean, as (year, month, day): the last
    /// day of its month, third of a month, year, third of a year or decade.
    pub fn latest_day(&self) -> (i32, u8, u8) {
        let last_of = |year: i32, month: u8| (year, month, days_in_month(year, month));
        match (self.month, self.day, self.part) {
            (Some(m), Some(d), _) => (self.year, m, d),
            (Some(m), None, Some(Part::Early)) => (self.year, m, 10),
            (Some(m), None, Some(Part::Mid)) => (self.year, m, 20),
            (Some(m), None, _) => last_of(self.year, m),
            (None, _, part) if self.decade => {
                let last = match part {
                    None | Some(Part::Late) => 9,
                    Some(Part::Early) => 3,
                    Some(Part::Mid) => 6,
                };
                last_of(self.year + last, 12)
            }
            (None, _, Some(Part::Early)) => last_of(self.year, 4),
            (None, _, Some(Part::Mid)) => last_of(self.year, 8),
            (None, _, _) => last_of(self.year, 12),
        }
    }

    /// How coarse the point is: 0 for a day, up to 6 for a whole decade. A
    /// finer point sorts before a coarser one that starts on the same day.
    pub fn coarseness(&self) -> u8 {
        match (self.month, self.day, self.part) {
            (None, _, part) if self.decade => 5 + u8::from(part.is_none()),
            (Some(_), Some(_), _) => 0,
            (Some(_), None, Some(_)) => 1,
            (Some(_), None, None) => 2,
            (None, _, Some(_)) => 3,
            (None, _, None) => 4,
        }
    }

    /// The point as `YYYY-MM-DD` when it is a day.
    pub fn iso_day(&self) -> Option<String> {
        Some(format!(
            "{:04}-{:02}-{:02}",
            self.year, self.month?, self.day?
        ))
    }
}

impl Point {
    /// The point as an HTML `datetime` value, to the precision HTML has: a
    /// day `2024-04-21`, a month `2024-01` (for "late January 2024" too), a
    /// year `2024`; a decade, or a part of a year or decade, as the year
    /// it starts in.
    pub fn machine(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.earliest_day().0),
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(part) = self.part {
            write!(f, "{} ", part.word())?;
        }
        if let Some(day) = self.day {
            write!(f, "{day} ")?;
        }
        if let Some(month) = self.month {
            write!(f, "{} ", MONTHS[usize::from(month - 1)])?;
        }
        write!(f, "{}", self.year)?;
        if self.decade {
            write!(f, "s")?;
        }
        Ok(())
    }
}

impl Date {
    /// Reads a date or a range `A..B` (see the README, *Dates*).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        match text.split_once("..") {
            Some((a, b)) => {
                let start = Point::parse(a)?;
                let end = Point::parse(b)?;
                if end.earliest_day() < start.earliest_day() {
                    return Err(DateError(format!(
                        "the range `{}` ends before it starts",
                        text.trim()
                    )));
                }
                Ok(Date {
                    start,
                    end: Some(end),
                })
            }
            None => Ok(Date {
                start: Point::parse(text)?,
                end: None,
            }),
        }
    }

    /// The heading the chronology files the date under: the year it starts
    /// in, or its decade ("1990s") for a date that starts with a decade.
    pub fn heading(&self) -> String {
        if self.start.decade {
            format!("{}s", self.start.year)
        } else {
            self.start.earliest_day().0.to_string()
        }
    }

    /// The machine-readable part of the date, for `<time datetime>`: its
    /// start, at the precision HTML has (see [`Point::machine`]).
    pub fn machine(&self) -> String {
        self.start.machine()
    }

    /// The days the date can mean, as day numbers ([`day_number`]): from
    /// the earliest day of its start to the latest of its end, inclusive.
    pub fn days(&self) -> (i64, i64) {
        let end = self.end.unwrap_or(self.start);
        (
            day_number(self.start.earliest_day()),
            day_number(end.latest_day()),
        )
    }

    /// True when the date is a single day (as `published` must be).
    pub fn is_day(&self) -> bool {
        self.end.is_none() && self.start.day.is_some()
    }

    /// The chronology's order: earliest day, then precision (finer first).
    /// Ties are broken by the caller (by id).
    pub fn sort_key(&self) -> ((i32, u8, u8), u8) {
        (self.start.earliest_day(), self.start.coarseness())
    }

    /// Orders two dates as the chronology does (without the id tie-break).
    pub fn chronological(&self, other: &Date) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.end {
            Some(end) => write!(f, "{} – {}", self.start, end),
            None => write!(f, "{}", self.start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date `text` as shown.
    fn shown(text: &str) -> String {
        match Date::parse(text) {
            Ok(d) => d.to_string(),
            Err(e) => format!("error: {}", e.0),
        }
    }

    /// The first and last day `text` can mean, as (year, month, day).
    fn bounds(text: &str) -> ((i32, u8, u8), (i32, u8, u8)) {
        let d = Date::parse(text).expect("a date");
        let end = d.end.unwrap_or(d.start);
        (d.start.earliest_day(), end.latest_day())
    }

    #[test]
    fn a_date_spans_every_day_it_can_mean() {
        assert_eq!(bounds("2024-04-21"), ((2024, 4, 21), (2024, 4, 21)));
        assert_eq!(bounds("late 2024-02"), ((2024, 2, 21), (2024, 2, 29)));
        assert_eq!(bounds("mid 2023-02"), ((2023, 2, 11), (2023, 2, 20)));
        assert_eq!(bounds("2023-02"), ((2023, 2, 1), (2023, 2, 28)));
        assert_eq!(bounds("early 2024"), ((2024, 1, 1), (2024, 4, 30)));
        assert_eq!(bounds("mid 1990s"), ((1994, 1, 1), (1996, 12, 31)));
        assert_eq!(bounds("1990s"), ((1990, 1, 1), (1999, 12, 31)));
        assert_eq!(
            bounds("2023-10-17..2024-02-04"),
            ((2023, 10, 17), (2024, 2, 4))
        );
    }

    #[test]
    fn day_numbers_count_days() {
        assert_eq!(day_number((1970, 1, 1)), 0);
        assert_eq!(day_number((2000, 3, 1)) - day_number((2000, 2, 28)), 2);
        assert_eq!(day_number((2024, 1, 1)) - day_number((2023, 1, 1)), 365);
        assert_eq!(day_number((1969, 12, 31)), -1);
    }

    #[test]
    fn shows_dates_at_their_precision() {
        assert_eq!(shown("2024-04-21"), "21 April 2024");
        assert_eq!(shown("2024-04"), "April 2024");
        assert_eq!(shown("late 2024-01"), "late January 2024");
        assert_eq!(shown("2014"), "2014");
        assert_eq!(shown("early 2024"), "early 2024");
        assert_eq!(shown("1990s"), "1990s");
        assert_eq!(shown("early 1990s"), "early 1990s");
        assert_eq!(shown("late 1990s..2003-03"), "late 1990s – March 2003");
        assert_eq!(
            shown("2023-10-17..2024-02-04"),
            "17 October 2023 – 4 February 2024"
        );
    }

    #[test]
    fn gives_the_machine_readable_start() {
        let machine = |text: &str| Date::parse(text).map(|d| d.machine()).unwrap_or_default();
        assert_eq!(machine("2024-04-21"), "2024-04-21");
        assert_eq!(machine("late 2024-01"), "2024-01");
        assert_eq!(machine("2024-04"), "2024-04");
        assert_eq!(machine("mid 2024"), "2024");
        assert_eq!(machine("early 1990s"), "1990");
        assert_eq!(machine("late 1990s"), "1997");
        assert_eq!(machine("2023-10-17..2024-02-04"), "2023-10-17");
        let heading = |text: &str| Date::parse(text).map(|d| d.heading()).unwrap_or_default();
        assert_eq!(heading("early 1990s"), "1990s");
        assert_eq!(heading("late 2023-12..2024-01"), "2023");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(shown("2024-02-30").starts_with("error"));
        assert!(shown("2023-02-29").starts_with("error"));
        assert_eq!(shown("2024-02-29"), "29 February 2024");
        assert!(shown("late 2024-01-05").starts_with("error"));
        assert!(shown("2024-13").starts_with("error"));
        assert!(shown("24-01-05").starts_with("error"));
        assert!(shown("2024-1-5").starts_with("error"));
        assert!(shown("sometime 2024").starts_with("error"));
        assert!(shown("2024-03-01..2024-02-01").starts_with("error"));
        assert!(shown("").starts_with("error"));
        assert!(shown("1995s").starts_with("error: `1995s` is not a decade"));
        assert!(shown("1990s-05").starts_with("error"));
        assert!(shown("90s").starts_with("error"));
        assert!(shown("2000s..late 1990s").starts_with("error"));
    }

    #[test]
    fn orders_by_earliest_day_then_precision() {
        let mut dates: Vec<Date> = [
            "2024-01",
            "late 2024-01",
            "2024-01-21",
            "2024-01-01",
            "mid 2024-01",
            "2024",
            "2023-12-31",
            "2020s",
            "mid 2020s",
            "2024-01-01..2025",
        ]
        .iter()
        .filter_map(|t| Date::parse(t).ok())
        .collect();
        dates.sort_by(Date::chronological);
        let order: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            [
                "2020s",
                "31 December 2023",
                "1 January 2024",
                "1 January 2024 – 2025",
                "January 2024",
                "2024",
                "mid 2020s",
                "mid January 2024",
                "21 January 2024",
                "late January 2024"
            ]
        );
    }
}
