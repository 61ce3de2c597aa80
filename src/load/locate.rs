//! Finding where a valid YAML value stands in its file, and the one way to
//! make a diagnostic about it: a [`Site`] (a file and the path to a value in
//! it) and [`Site::error`] or [`Site::warning`].
//!
//! The YAML parser reports positions for syntax and type errors only. For the
//! errors found later (an unknown id, a quote not in the article) we walk the
//! item's source text along the value's path — list index, key, list index —
//! the way a reader's eye would, and then look for the offending text inside
//! that item. The result is always inside the right item, and on the right
//! token whenever the YAML is written in block or flow style as usual.

use crate::diagnostics::{Diagnostic, Position, Severity, SourceFile};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// The n-th item (from 0) of a block or flow sequence.
    Index(usize),
    /// The value of a mapping key.
    Key(&'a str),
}

/// Where a value stands: its file and the path to it. Every diagnostic about
/// a field or a value of a content file is made from one.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The file.
    pub file: &'a SourceFile,
    /// The path to the value in the file; empty for the file as a whole.
    pub path: &'a [Step<'a>],
}

impl<'a> Site<'a> {
    /// The value at `path` in `file`.
    pub fn new(file: &'a SourceFile, path: &'a [Step<'a>]) -> Self {
        Site { file, path }
    }

    /// The file as a whole: a diagnostic about it points at its first line.
    pub fn whole(file: &'a SourceFile) -> Self {
        Site { file, path: &[] }
    }

    /// An error about this value, pointing at `needle` when it occurs inside
    /// the value (else at the value, or at its key).
    pub fn error(&self, message: impl Into<String>, needle: Option<&str>) -> Diagnostic {
        let (position, width) = locate(&self.file.text, self.path, needle);
        Diagnostic::error(message, self.file, position).with_width(width)
    }

    /// A warning about this value, pointing as [`Site::error`] does.
    pub fn warning(&self, message: impl Into<String>, needle: Option<&str>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..self.error(message, needle)
        }
    }

    /// What `f` makes of the site one `step` further into this value.
    pub fn with<R>(&self, step: Step<'_>, f: impl FnOnce(Site<'_>) -> R) -> R {
        let mut path = self.path.to_vec();
        path.push(step);
        f(Site {
            file: self.file,
            path: &path,
        })
    }
}

/// One line of the text: its byte range and indentation.
struct Line {
    /// Offset of its first byte.
    start: usize,
    /// Offset one past its last byte (its line ending included).
    end: usize,
    /// How many spaces it starts with.
    indent: usize,
}

/// The position of the value at `path` in `text`, on `needle` when it occurs
/// inside that value; the width of what was found is returned too.
fn locate(text: &str, path: &[Step<'_>], needle: Option<&str>) -> (Position, usize) {
    let lines: Vec<Line> = {
        let mut start = 0;
        text.split_inclusive('\n')
            .map(|l| {
                let line = Line {
                    start,
                    end: start + l.len(),
                    indent: l.len() - l.trim_start_matches(' ').len(),
                };
                start += l.len();
                line
            })
            .collect()
    };
    let mut from = 0; // first line of the current range
    let mut to = lines.len(); // one past the last line
    let mut pos = 0; // byte offset of the best position so far
    let mut flow = false; // the range is a flow collection on one line
    for step in path {
        if flow {
            if let Step::Key(key) = step {
                let line_end = lines.get(from).map_or(text.len(), |l| l.end);
                if let Some(off) = find_key(&text[pos..line_end], key) {
                    pos += off;
                }
            }
            continue;
        }
        match step {
            Step::Index(n) => {
                let items: Vec<usize> = (from..to)
                    .filter(|&i| content(text, &lines[i]).starts_with('-'))
                    .collect();
                let indent = items.iter().map(|&i| lines[i].indent).min();
                let items: Vec<usize> = items
                    .into_iter()
                    .filter(|&i| Some(lines[i].indent) == indent)
                    .collect();
                match items.get(*n) {
                    Some(&i) => {
                        from = i;
                        to = items.get(n + 1).copied().unwrap_or(to);
                        pos = lines[i].start + lines[i].indent;
                    }
                    None => {
                        // A flow sequence `[a, b]`: find the n-th element on the line.
                        flow = true;
                        if let Some(off) = nth_flow_item(
                            &text[pos..lines.get(from).map_or(text.len(), |l| l.end)],
                            *n,
                        ) {
                            pos += off;
                        }
                    }
                }
            }
            Step::Key(key) => {
                let found = (from..to).find_map(|i| {
                    let line = &text[lines[i].start..lines[i].end];
                    let body = line.trim_start_matches([' ', '-']);
                    let at = line.len() - body.len();
                    if body.starts_with(key) && body[key.len()..].starts_with(':') {
                        Some((i, lines[i].start + at))
                    } else {
                        find_key(line, key).map(|off| (i, lines[i].start + off))
                    }
                });
                if let Some((i, at)) = found {
                    let key_col = at - lines[i].start;
                    let value = &text[at + key.len() + 1..lines[i].end];
                    let value_trimmed = value.trim_start();
                    pos = at;
                    from = i;
                    if value_trimmed.starts_with('{') || value_trimmed.starts_with('[') {
                        // a flow collection: stay on this line
                        pos = at + key.len() + 1 + (value.len() - value_trimmed.len());
                        to = i + 1;
                        flow = value_trimmed.starts_with('{');
                    } else {
                        let next = (i + 1..to)
                            .find(|&j| {
                                let c = content(text, &lines[j]);
                                !c.is_empty()
                                    && lines[j].indent <= key_col
                                    && !(c.starts_with('-')
                                        && lines[j].indent == key_col
                                        && !line_is_item(text, &lines[i]))
                            })
                            .unwrap_or(to);
                        to = next.max(i + 1);
                        if !value_trimmed.trim().is_empty()
                            && !value_trimmed.starts_with('|')
                            && !value_trimmed.starts_with('>')
                        {
                            pos = at + key.len() + 1 + (value.len() - value_trimmed.len());
                        }
                    }
                }
            }
        }
    }
    let end = lines
        .get(to.saturating_sub(1))
        .map_or(text.len(), |l| l.end)
        .max(pos);
    let end = end.min(text.len());
    if let Some(needle) = needle.filter(|n| !n.is_empty())
        && let Some(off) = text.get(pos..end).and_then(|s| s.find(needle))
    {
        return (Position::of_offset(text, pos + off), needle.chars().count());
    }
    (Position::of_offset(text, pos), 1)
}

/// The position of the second `key:` at one indentation from line `from`
/// on: where a key the parser reports as duplicate (at the start of its
/// mapping) is repeated.
pub fn repeated_key(text: &str, key: &str, from: usize) -> Option<Position> {
    let mut first_indent = None;
    for (n, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let body = line.trim_start_matches([' ', '-']);
        let indent = line.len() - body.len();
        if body
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            match first_indent {
                None => first_indent = Some(indent),
                Some(i) if i == indent => {
                    return Some(Position {
                        line: n + 1,
                        column: indent + 1,
                    });
                }
                Some(_) => {}
            }
        }
    }
    None
}

/// The line's text, trimmed.
fn content<'t>(text: &'t str, line: &Line) -> &'t str {
    text[line.start..line.end].trim()
}

/// True when the line is an item of a block sequence (`- …`).
fn line_is_item(text: &str, line: &Line) -> bool {
    content(text, line).starts_with('-')
}

/// Offset of `key:` in a line, as a whole key (not the tail of another word).
fn find_key(line: &str, key: &str) -> Option<usize> {
    let pattern = format!("{key}:");
    let mut from = 0;
    while let Some(off) = line[from..].find(&pattern) {
        let at = from + off;
        let before = line[..at].chars().next_back();
        if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-')) {
            return Some(at);
        }
        from = at + pattern.len();
    }
    None
}

/// Offset of the n-th element of the flow sequence that starts in `line`.
fn nth_flow_item(line: &str, n: usize) -> Option<usize> {
    let open = line.find('[')?;
    let mut depth = 0usize;
    let mut index = 0;
    let mut in_quote: Option<char> = None;
    let mut item_start = open + 1;
    for (i, c) in line.char_indices().skip_while(|(i, _)| *i <= open) {
        match (in_quote, c) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => in_quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, '}') => depth = depth.saturating_sub(1),
            (None, ']') if depth == 0 => break,
            (None, ']') => depth -= 1,
            (None, ',') if depth == 0 => {
                if index == n {
                    break;
                }
                index += 1;
                item_start = i + 1;
            }
            _ => {}
        }
    }
    if index != n {
        return None;
    }
    let rest = &line[item_start..];
    Some(item_start + (rest.len() - rest.trim_start().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event file in both block and flow style.
    const EVENTS: &str = "\
- id: first
  date: 2024-04-21
  actors:
    - {actor: kataib-hezbollah, role: perpetrator}
    - united-states
  cites:
    - {article: a, quote: \"five rockets\"}
- id: second
  date: 2024-04-22
  actors: [iran, irgc]
  cites:
    - article: b
      quote: hours after
";

    /// The line and column `locate` finds in [`EVENTS`].
    fn at(path: &[Step<'_>], needle: Option<&str>) -> (usize, usize) {
        let (p, _) = locate(EVENTS, path, needle);
        (p.line, p.column)
    }

    #[test]
    fn finds_keys_of_list_items() {
        assert_eq!(at(&[Step::Index(1), Step::Key("date")], None), (9, 9));
        assert_eq!(at(&[Step::Index(0), Step::Key("id")], None), (1, 7));
    }

    #[test]
    fn finds_values_in_block_and_flow_style() {
        assert_eq!(
            at(
                &[
                    Step::Index(0),
                    Step::Key("actors"),
                    Step::Index(0),
                    Step::Key("actor")
                ],
                Some("kataib-hezbollah")
            ),
            (4, 15)
        );
        assert_eq!(
            at(
                &[Step::Index(0), Step::Key("actors"), Step::Index(1)],
                Some("united-states")
            ),
            (5, 7)
        );
        assert_eq!(
            at(
                &[Step::Index(1), Step::Key("actors"), Step::Index(1)],
                Some("irgc")
            ),
            (10, 18)
        );
        assert_eq!(
            at(
                &[
                    Step::Index(1),
                    Step::Key("cites"),
                    Step::Index(0),
                    Step::Key("quote")
                ],
                Some("hours after")
            ),
            (13, 14)
        );
        assert_eq!(
            at(
                &[
                    Step::Index(0),
                    Step::Key("cites"),
                    Step::Index(0),
                    Step::Key("quote")
                ],
                Some("five rockets")
            ),
            (7, 28)
        );
    }

    #[test]
    fn a_site_makes_errors_and_warnings_at_the_same_place() {
        let file = SourceFile::new("events.yaml", EVENTS);
        let path = [Step::Index(1), Step::Key("actors"), Step::Index(1)];
        let site = Site::new(&file, &path);
        let error = site.error("unknown actor `irgc`", Some("irgc"));
        let warning = site.warning("unknown actor `irgc`", Some("irgc"));
        assert_eq!(
            (error.severity, warning.severity),
            (Severity::Error, Severity::Warning)
        );
        assert_eq!(
            (error.position, error.width),
            (
                Position {
                    line: 10,
                    column: 18
                },
                4
            )
        );
        assert_eq!(
            (warning.position, warning.width),
            (error.position, error.width)
        );
        site.with(Step::Key("role"), |inner| assert_eq!(inner.path.len(), 4));
        let whole = Site::whole(&file).error("about the file", None);
        assert_eq!((whole.position, whole.width), (Position::START, 1));
    }

    #[test]
    fn never_leaves_the_item() {
        // a needle that occurs only in another item is not taken
        assert_eq!(
            at(
                &[Step::Index(1), Step::Key("actors")],
                Some("united-states")
            ),
            (10, 11)
        );
    }
}
