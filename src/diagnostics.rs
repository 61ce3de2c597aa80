//! Errors and warnings about a pack's content, each carrying the file, line
//! and column it is about, rendered the way rustc renders its diagnostics:
//!
//! ```text
//! error: unknown actor `kataib-hezbolah`
//!   --> content/events/2024.yaml:12:15
//!    |
//! 12 |     - {actor: kataib-hezbolah, role: perpetrator}
//!    |               ^^^^^^^^^^^^^^^
//!    = help: did you mean `kataib-hezbollah`?
//! ```

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails and writes nothing.
    Error,
    /// Reported, but the site is still written.
    Warning,
}

/// A source file as read from disk, shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown to the user (relative to the pack where possible).
    pub display: PathBuf,
    /// The whole text of the file (a `String` shared as it was read, not
    /// copied into an `Arc<str>`: at ten thousand articles that copy alone
    /// was 60 MB of fresh memory).
    pub text: Arc<String>,
}

impl SourceFile {
    /// Wraps a file's text with the path to show for it.
    pub fn new(display: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            display: display.into(),
            text: Arc::new(text.into()),
        }
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        self.text
            .split('\n')
            .nth(line.checked_sub(1)?)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// A position in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// The start of a file.
    pub const START: Position = Position { line: 1, column: 1 };

    /// The position of byte offset `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line,
            column: text[line_start..offset].chars().count() + 1,
        }
    }
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem found in the content: what, where, and what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// The file it is about, if any.
    pub file: Option<SourceFile>,
    /// Where in that file.
    pub position: Position,
    /// How many characters to underline at `position` (at least one).
    pub width: usize,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about `file` at `position`, for a position that is already
    /// known (one the YAML parser reports, the first byte that is not UTF-8).
    /// A diagnostic about a field or a value of a file is made with
    /// [`crate::load::locate::Site`] instead, which finds the position.
    pub fn error(message: impl Into<String>, file: &SourceFile, position: Position) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: Some(file.clone()),
            position,
            width: 1,
            help: None,
        }
    }

    /// An error that concerns no particular place in a file (a missing folder, say).
    pub fn general(message: impl Into<String>, path: Option<&Path>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: path.map(|p| SourceFile::new(p, "")),
            position: Position::START,
            width: 1,
            help: None,
        }
    }

    /// Adds the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Underlines `width` characters instead of one.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, as printed after `-->`.
    pub fn location(&self) -> Option<String> {
        self.file.as_ref().map(|f| {
            format!(
                "{}:{}:{}",
                f.display.display(),
                self.position.line,
                self.position.column
            )
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let gutter = self.position.line.to_string().len();
        let pad = " ".repeat(gutter);
        if let (Some(file), Some(location)) = (&self.file, self.location()) {
            writeln!(f, "{pad}--> {location}")?;
            if let Some(line) = file
                .line(self.position.line)
                .filter(|_| !file.text.is_empty())
            {
                let mut caret = String::new();
                for (i, ch) in line.chars().enumerate() {
                    if i + 1 >= self.position.column {
                        break;
                    }
                    caret.push(if ch == '\t' { '\t' } else { ' ' });
                }
                let available = line
                    .chars()
                    .count()
                    .saturating_sub(self.position.column - 1);
                let width = self.width.min(available.max(1));
                let _ = write!(caret, "{}", "^".repeat(width));
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {}", self.position.line, line)?;
                writeln!(f, "{pad} | {caret}")?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics gathered by a stage; stages add to it and go on, so that
/// the user sees every problem in one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// The diagnostics, in the order they were recorded.
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics recorded so far, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// All diagnostics, errors first, each group in file and position order
    /// so that the report is the same on every run.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.severity, a.file.as_ref().map(|f| &f.display), a.position).cmp(&(
                b.severity,
                b.file.as_ref().map(|f| &f.display),
                b.position,
            ))
        });
        self.items
    }

    /// Appends every diagnostic of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

/// The closest of `candidates` to `wanted`, if one is close enough to be a
/// plausible typo (used for "did you mean" help).
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let file = SourceFile::new("content/events/a.yaml", "- id: x\n  date: 2024-02-30\n");
        let d = Diagnostic::error(
            "invalid date `2024-02-30`",
            &file,
            Position { line: 2, column: 9 },
        )
        .with_width(10)
        .with_help("February 2024 has 29 days");
        let text = d.to_string();
        assert_eq!(
            text,
            "error: invalid date `2024-02-30`\n --> content/events/a.yaml:2:9\n  |\n2 |   date: 2024-02-30\n  |         ^^^^^^^^^^\n  = help: February 2024 has 29 days\n"
        );
    }

    #[test]
    fn position_counts_characters() {
        let text = "a: “x”\nb: y";
        assert_eq!(
            Position::of_offset(text, text.find('y').unwrap_or(0)),
            Position { line: 2, column: 4 }
        );
        assert_eq!(
            Position::of_offset(text, text.find('x').unwrap_or(0)),
            Position { line: 1, column: 5 }
        );
    }

    #[test]
    fn suggests_the_nearest_id() {
        let ids = ["kataib-hezbollah", "hamas", "iran"];
        assert_eq!(nearest("kataib-hezbolah", ids), Some("kataib-hezbollah"));
        assert_eq!(nearest("united-kingdom", ids), None);
    }
}
