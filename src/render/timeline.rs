//! The timeline picture (see the README, *Pictures*): events laid out at
//! their dates, drawn by `partials/timeline.html` as an SVG written into the
//! page, so it needs no script, prints, and works from disk.
//!
//! Each event is a mark as wide as the days its date can mean: a day is a
//! tick, "late January 2024" a bar over its ten days, a range a span from
//! its first day to its last. Marks take the first row where they touch no
//! other. When the events are more than [`MOST_MARKS`], or would need more
//! than [`MOST_ROWS`] rows, they are counted instead, per month (per year
//! over a long stretch, per day over a short one), so the picture stays
//! small at any pack size.

use serde::Serialize;

use super::fragments::{Fragments, RowTemplate};
use super::html::Html;
use super::refs::PageRefs;
use super::stencil::{Field, Row};
use crate::diagnostics::Diagnostic;
use crate::model::{Pack, Target, date::MONTHS};

/// The picture's width, in its own units.
const WIDTH: f64 = 720.0;

/// Room at each side of the marks.
const MARGIN: f64 = 12.0;

/// The height of a row of marks.
const ROW: f64 = 11.0;

/// The most rows of marks; events that would need more are counted.
pub const MOST_ROWS: usize = 24;

/// The most events drawn one by one; more are counted.
pub const MOST_MARKS: usize = 250;

/// The height of the tallest count.
const BARS: f64 = 90.0;

/// Room under the marks for the axis and its labels.
const AXIS: f64 = 26.0;

/// A mark narrower than this is drawn as a tick.
const TICK: f64 = 3.0;

/// One event's mark, or one period's count: a row of
/// `partials/timeline-mark.html` (its shape in the SVG) and of
/// `partials/timeline-link.html` (its link, laid over the picture).
#[derive(Debug, Serialize)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Where it leads: the event, or the first event of the period.
    pub href: String,
    /// What it says on hover: the event's date and title, or the period and
    /// its count.
    pub label: String,
    /// The event's status (`reported`, …), empty when it has none or for a
    /// count.
    pub status: &'static str,
    /// True for a day (drawn as a tick).
    pub tick: bool,
    /// Where its link lies over the picture, in percent of its width and
    /// height.
    pub link_left: f64,
    pub link_top: f64,
    pub link_width: f64,
    pub link_height: f64,
}

impl Row for Mark {
    const FIELDS: &'static [&'static str] = &[
        "x",
        "y",
        "width",
        "height",
        "href",
        "label",
        "status",
        "tick",
        "link_left",
        "link_top",
        "link_width",
        "link_height",
    ];
    fn field(&self, i: usize) -> Field<'_> {
        match i {
            0 => Field::Decimal(self.x),
            1 => Field::Decimal(self.y),
            2 => Field::Decimal(self.width),
            3 => Field::Decimal(self.height),
            4 => Field::Text(&self.href),
            5 => Field::Text(&self.label),
            6 => Field::Text(self.status),
            7 => Field::Flag(self.tick),
            8 => Field::Decimal(self.link_left),
            9 => Field::Decimal(self.link_top),
            10 => Field::Decimal(self.link_width),
            _ => Field::Decimal(self.link_height),
        }
    }
}

/// A labelled point of the axis.
#[derive(Debug, Serialize)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// A timeline as `partials/timeline.html` draws it.
#[derive(Debug, Serialize)]
pub struct Timeline {
    /// The picture's id, for its title and description.
    pub id: &'static str,
    pub width: f64,
    pub height: f64,
    /// Where the marks' area ends (the axis line).
    pub axis_y: f64,
    /// One line on what it shows, its `<title>`.
    pub title: String,
    /// Its `<desc>`.
    pub desc: String,
    /// True when the marks are counts per period.
    pub counted: bool,
    /// The marks' shapes, each drawn by `partials/timeline-mark.html`.
    pub marks: Html,
    /// Their links, each drawn by `partials/timeline-link.html`.
    pub links: Html,
    pub ticks: Vec<Tick>,
}

/// The days event `i`'s date can mean, first and last.
fn days(pack: &Pack, i: usize) -> (i64, i64) {
    pack.events[i].date.1.days()
}

/// The timeline of `events` (indexes of the pack's events, in the
/// chronology's order), its marks linking from the page of `refs`; `what`
/// names them in its title ("the pack's events"); its marks drawn by the
/// partials of `fragments`. `None` when there are no events.
pub fn timeline(
    pack: &Pack,
    events: &[usize],
    refs: &PageRefs<'_>,
    what: &str,
    fragments: &Fragments,
) -> Result<Option<Timeline>, Diagnostic> {
    let (Some(first), Some(last)) = (
        events.iter().map(|&i| days(pack, i).0).min(),
        events.iter().map(|&i| days(pack, i).1).max(),
    ) else {
        return Ok(None);
    };
    // at least a month, so that a single day does not fill the picture
    let (from, to) = if last - first < 30 {
        let middle = (first + last) / 2;
        (middle - 15, middle + 16)
    } else {
        (first, last + 1)
    };
    let marks = match events.len() <= MOST_MARKS {
        true => {
            let scale = Scale::by_events(pack, events, (from, to));
            rows(pack, events, refs, &|day| scale.x(day)).map(|marks| (marks, scale))
        }
        false => None,
    };
    let counted = marks.is_none();
    let (marks, scale) = match marks {
        Some(drawn) => drawn,
        None => {
            let scale = Scale::even((from, to));
            (
                counts(pack, events, refs, (from, to), &|day| scale.x(day)),
                scale,
            )
        }
    };
    let x_of = |day: i64| scale.x(day);
    let axis_y = if counted {
        BARS + 4.0
    } else {
        marks.iter().map(|m| m.y + m.height).fold(ROW, f64::max) + 4.0
    };
    let (start, end) = (shown_day(first), shown_day(last));
    let desc = if counted {
        format!(
            "{} events from {start} to {end}, counted per {}; the list below gives each one.",
            events.len(),
            match Bin::for_stretch(to - from) {
                Bin::Year => "year",
                Bin::Month => "month",
                Bin::Day => "day",
            }
        )
    } else {
        format!(
            "{} events from {start} to {end}, each at its date: a day is a tick, a longer date a bar over the days it can mean. The list below gives each one.",
            events.len()
        )
    };
    let height = axis_y + AXIS;
    let mut marks = marks;
    for m in &mut marks {
        // a link at least 4 units wide, so that a day can be pointed at
        let width = m.width.max(4.0);
        let left = (m.x + m.width / 2.0 - width / 2.0).max(0.0);
        let percent = |v: f64, of: f64| (v / of * 10_000.0).round() / 100.0;
        m.link_left = percent(left, WIDTH);
        m.link_top = percent(m.y, height);
        m.link_width = percent(width, WIDTH);
        m.link_height = percent(m.height, height);
    }
    let (mut shapes, mut links) = (String::new(), String::new());
    for m in &marks {
        fragments.row(RowTemplate::TimelineMark, m, &mut shapes)?;
        fragments.row(RowTemplate::TimelineLink, m, &mut links)?;
    }
    Ok(Some(Timeline {
        id: "timeline",
        width: WIDTH,
        height,
        axis_y,
        title: format!("Timeline of {what}"),
        desc,
        counted,
        marks: Html(shapes),
        links: Html(links),
        ticks: ticks((from, to), &x_of),
    }))
}

/// Where each day falls across the picture. Drawn one by one, events get
/// room where they are many: each month of the stretch is as wide as the
/// events starting in it (and a sliver when there are none), and days are
/// spread evenly within their month, so that a month of thirty events is
/// readable beside years of nothing; the labels of the axis show where
/// time runs faster. Counted, time runs evenly.
struct Scale {
    /// The first day of each month of the stretch, and where it starts.
    months: Vec<(i64, f64)>,
    /// The day after the stretch, and where it falls.
    end: (i64, f64),
}

/// How wide a month without events is, against one event.
const EMPTY_MONTH: f64 = 0.04;

impl Scale {
    /// Months as wide as `events` make them over the days `from..to`.
    fn by_events(pack: &Pack, events: &[usize], (from, to): (i64, i64)) -> Scale {
        let starts = month_starts(from, to);
        let mut weights = vec![EMPTY_MONTH; starts.len()];
        for &i in events {
            let first = days(pack, i).0;
            let k = starts
                .partition_point(|&start| start <= first)
                .saturating_sub(1);
            weights[k] += 1.0;
        }
        Scale::weighted(&starts, &weights, to)
    }

    /// Every day as wide as any other over the days `from..to`.
    fn even((from, to): (i64, i64)) -> Scale {
        Scale {
            months: vec![(from, MARGIN)],
            end: (to, WIDTH - MARGIN),
        }
    }

    /// Months starting at `starts` (the first may start before it) with
    /// the given weights.
    fn weighted(starts: &[i64], weights: &[f64], to: i64) -> Scale {
        let total: f64 = weights.iter().sum();
        let unit = (WIDTH - 2.0 * MARGIN) / total.max(f64::MIN_POSITIVE);
        let mut at = MARGIN;
        let mut months = Vec::with_capacity(starts.len());
        for (&start, &weight) in starts.iter().zip(weights) {
            months.push((start, at));
            at += weight * unit;
        }
        Scale {
            months,
            end: (to, WIDTH - MARGIN),
        }
    }

    /// Where `day` falls.
    fn x(&self, day: i64) -> f64 {
        let k = self.months.partition_point(|&(start, _)| start <= day);
        let (start, x0) = match k {
            0 => return round(self.months.first().map_or(MARGIN, |m| m.1)),
            k => self.months[k - 1],
        };
        let (next, x1) = self.months.get(k).copied().unwrap_or(self.end);
        let span = (next - start).max(1) as f64;
        round(x0 + (x1 - x0) * ((day.min(next) - start) as f64 / span))
    }
}

/// The first day of each month from the one holding day `from` to the one
/// holding the day before `to`; the first is `from` itself.
fn month_starts(from: i64, to: i64) -> Vec<i64> {
    use crate::model::date::day_number;
    let mut starts = vec![from];
    let (mut year, mut month) = year_month(from);
    loop {
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let start = day_number((year, month, 1));
        if start >= to {
            break;
        }
        starts.push(start);
    }
    starts
}

/// The year and month day number `day` falls in.
fn year_month(day: i64) -> (i32, u8) {
    use crate::model::date::day_number;
    let year = year_of(day);
    let mut month = 1u8;
    while month < 12 && day_number((year, month + 1, 1)) <= day {
        month += 1;
    }
    (year, month)
}

/// One decimal place, so that output is short and the same on every
/// machine.
fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What the picture counts events per.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bin {
    Year,
    Month,
    Day,
}

impl Bin {
    /// Years over more than twelve years, days over less than three
    /// months, months between.
    fn for_stretch(days: i64) -> Bin {
        match days {
            d if d > 12 * 366 => Bin::Year,
            d if d < 92 => Bin::Day,
            _ => Bin::Month,
        }
    }
}

/// Each event a mark on the first row where it touches no other; `None`
/// when some event would need more than [`MOST_ROWS`] rows.
fn rows(
    pack: &Pack,
    events: &[usize],
    refs: &PageRefs<'_>,
    x_of: &impl Fn(i64) -> f64,
) -> Option<Vec<Mark>> {
    // where each row's last mark ends
    let mut ends: Vec<f64> = Vec::new();
    let mut marks = Vec::with_capacity(events.len());
    for &i in events {
        let (first, last) = days(pack, i);
        let x = x_of(first);
        let width = (x_of(last + 1) - x).max(2.0);
        let tick = width < TICK;
        let row = match ends.iter().position(|&end| end + 2.0 <= x) {
            Some(row) => row,
            None if ends.len() < MOST_ROWS => {
                ends.push(f64::MIN);
                ends.len() - 1
            }
            None => return None,
        };
        ends[row] = x + width;
        let e = &pack.events[i];
        marks.push(Mark {
            x,
            y: round(4.0 + row as f64 * ROW),
            width: round(width),
            height: ROW - 3.0,
            href: refs.href(Target::Event(i)),
            label: format!("{}: {}", e.date_shown, e.title),
            status: e.status.map_or("", |s| s.as_str()),
            tick,
            link_left: 0.0,
            link_top: 0.0,
            link_width: 0.0,
            link_height: 0.0,
        });
    }
    Some(marks)
}

/// The events counted per month (per year over more than twelve years),
/// each count a bar as tall as its share of the largest.
fn counts(
    pack: &Pack,
    events: &[usize],
    refs: &PageRefs<'_>,
    (from, to): (i64, i64),
    x_of: &impl Fn(i64) -> f64,
) -> Vec<Mark> {
    /// A month or year: which, its days, its events and the first of them.
    struct Period {
        key: (i32, u8, u8),
        start: i64,
        end: i64,
        count: usize,
        first: usize,
    }
    let unit = Bin::for_stretch(to - from);
    let mut periods: Vec<Period> = Vec::new();
    for &i in events {
        let (year, month, day) = pack.events[i].date.1.start.earliest_day();
        let key = match unit {
            Bin::Year => (year, 0, 0),
            Bin::Month => (year, month, 0),
            Bin::Day => (year, month, day),
        };
        match periods.last_mut() {
            Some(p) if p.key == key => p.count += 1,
            _ => {
                let start = crate::model::date::day_number(match unit {
                    Bin::Year => (year, 1, 1),
                    Bin::Month => (year, month, 1),
                    Bin::Day => (year, month, day),
                });
                let end = match unit {
                    Bin::Year => crate::model::date::day_number((year + 1, 1, 1)),
                    Bin::Month if month == 12 => crate::model::date::day_number((year + 1, 1, 1)),
                    Bin::Month => crate::model::date::day_number((year, month + 1, 1)),
                    Bin::Day => start + 1,
                };
                periods.push(Period {
                    key,
                    start,
                    end,
                    count: 1,
                    first: i,
                });
            }
        }
    }
    let most = periods.iter().map(|p| p.count).max().unwrap_or(1) as f64;
    periods
        .into_iter()
        .map(|p| {
            let Period {
                key: (year, month, day),
                start,
                end,
                count,
                first,
            } = p;
            let x = x_of(start.max(from));
            let width = (x_of(end.min(to)) - x - 1.0).max(1.5);
            let height = round((count as f64 / most * BARS).max(2.0));
            let month_name = MONTHS[usize::from(month.clamp(1, 12)) - 1];
            let period = match unit {
                Bin::Year => year.to_string(),
                Bin::Month => format!("{month_name} {year}"),
                Bin::Day => format!("{day} {month_name} {year}"),
            };
            let events = if count == 1 { "event" } else { "events" };
            Mark {
                x,
                y: round(BARS - height + 4.0),
                width: round(width),
                height,
                href: refs.href(Target::Event(first)),
                label: format!("{period}: {count} {events}"),
                status: "",
                tick: false,
                link_left: 0.0,
                link_top: 0.0,
                link_width: 0.0,
                link_height: 0.0,
            }
        })
        .collect()
}

/// The axis labels: the start of each year, then of each month where
/// there is room, no two labels nearer than [`LABEL_GAP`].
fn ticks((from, to): (i64, i64), x_of: &impl Fn(i64) -> f64) -> Vec<Tick> {
    use crate::model::date::day_number;
    let (first_year, last_year) = (year_of(from), year_of(to));
    let mut ticks: Vec<Tick> = Vec::new();
    let place = |day: i64, label: String, ticks: &mut Vec<Tick>| {
        if day < from || day > to {
            return;
        }
        let x = x_of(day);
        let at = ticks.partition_point(|t| t.x < x);
        let clear = |k: Option<&Tick>| k.is_none_or(|t| (t.x - x).abs() >= LABEL_GAP);
        if clear(at.checked_sub(1).and_then(|k| ticks.get(k))) && clear(ticks.get(at)) {
            ticks.insert(at, Tick { x, label });
        }
    };
    for year in first_year..=last_year {
        place(day_number((year, 1, 1)), year.to_string(), &mut ticks);
    }
    // a stretch shorter than a year, with no January in it, starts with
    // its first month and year
    if ticks.is_empty() {
        let (year, month) = year_month(from);
        let short = MONTHS[usize::from(month) - 1].get(..3).unwrap_or("");
        place(from, format!("{short} {year}"), &mut ticks);
    }
    for year in first_year..=last_year {
        for month in 2..=12u8 {
            let short = MONTHS[usize::from(month) - 1].get(..3).unwrap_or("");
            place(day_number((year, month, 1)), short.to_string(), &mut ticks);
        }
    }
    ticks
}

/// The least room between two labels of the axis.
const LABEL_GAP: f64 = 34.0;

/// The year day number `day` falls in.
fn year_of(day: i64) -> i32 {
    use crate::model::date::day_number;
    let mut year = (1970 + day.div_euclid(365)) as i32;
    while day_number((year, 1, 1)) > day {
        year -= 1;
    }
    while day_number((year + 1, 1, 1)) <= day {
        year += 1;
    }
    year
}

/// Day number `day` as pages show a day ("21 April 2024").
fn shown_day(day: i64) -> String {
    use crate::model::date::day_number;
    let (year, month) = year_month(day);
    let d = day - day_number((year, month, 1)) + 1;
    format!("{d} {} {year}", MONTHS[usize::from(month) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_shown_and_found_in_their_year() {
        use crate::model::date::day_number;
        assert_eq!(shown_day(day_number((2024, 2, 29))), "29 February 2024");
        assert_eq!(shown_day(day_number((1999, 12, 31))), "31 December 1999");
        assert_eq!(year_of(day_number((2024, 1, 1))), 2024);
        assert_eq!(year_of(day_number((2023, 12, 31))), 2023);
    }

    #[test]
    fn the_axis_labels_years_then_months_where_there_is_room() {
        use crate::model::date::day_number;
        let years = (day_number((2014, 1, 1)), day_number((2024, 6, 10)));
        let x = |d: i64| d as f64;
        let labels: Vec<String> = ticks(years, &x).into_iter().map(|t| t.label).collect();
        assert_eq!(labels.first().map(String::as_str), Some("2014"));
        assert!(labels.contains(&"2024".to_string()), "{labels:?}");
        assert!(
            labels.contains(&"Jul".to_string()),
            "months where there is room"
        );
        // a day a unit: months are 30 apart, so every other one is labelled
        let months = (day_number((2023, 10, 7)), day_number((2024, 6, 10)));
        let labels: Vec<String> = ticks(months, &x).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["Nov", "2024", "Mar", "May"], "{labels:?}");
    }
}
