//! Checks of single fields that every kind of content has: a required text
//! left empty, a date that does not parse (see the README, *Dates*).

use crate::diagnostics::Diagnostics;
use crate::load::locate::{Site, Step};
use crate::model::Date;
use crate::model::date::Point;

/// Parses a date field, reporting it at `site` when invalid.
pub fn date(text: &str, site: Site<'_>, diagnostics: &mut Diagnostics) -> Option<Date> {
    match Date::parse(text) {
        Ok(d) => Some(d),
        Err(e) => {
            diagnostics.push(
                site.error(format!("invalid date: {}", e.0), Some(text.trim()))
                    .with_help("dates are YYYY-MM-DD, YYYY-MM, YYYY, a decade `YYY0s`, `early|mid|late` before a month, year or decade, or a range `A..B`"),
            );
            None
        }
    }
}

/// Reports a required text field `field` of the value at `site` that is
/// empty (YAML reads `title:` or `title: null` as an empty text).
pub fn require(value: &str, field: &'static str, site: Site<'_>, diagnostics: &mut Diagnostics) {
    if value.trim().is_empty() {
        site.with(Step::Key(field), |at| {
            diagnostics.push(
                at.error(format!("`{field}` is empty"), None)
                    .with_help(format!("`{field}` is required: give it a value")),
            );
        });
    }
}

/// The placeholder for a date that failed to parse (already reported).
pub fn unknown_date() -> Date {
    Date {
        start: Point {
            part: None,
            year: 0,
            decade: false,
            month: None,
            day: None,
        },
        end: None,
    }
}
