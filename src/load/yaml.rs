//! Parsing one YAML file into its typed form, turning the parser's errors
//! into diagnostics with the file, line, column and a help line.

use serde::de::DeserializeOwned;

use super::fast_yaml;
use super::locate::repeated_key;
use crate::diagnostics::{Diagnostic, Position, SourceFile};

/// Parses `file` as a `T`, or explains why it is not one. Files in the
/// plain style packs are written in are read by [`fast_yaml`]; the others,
/// and every file with a mistake, by the YAML parser.
pub fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    within_limits(file)?;
    if let Some(value) = fast_yaml::from_str(&file.text) {
        return Ok(value);
    }
    serde_yaml::from_str(&file.text).map_err(|err| to_diagnostic(&err, file))
}

/// The error of each item of a YAML list that does not parse as a `T`,
/// item by item, so that every bad item is reported, not only the first.
/// `None` when the file is not a list written item by item (`- ` at the
/// start of a line): then the caller reports the file's first error.
pub fn item_errors<T: DeserializeOwned>(file: &SourceFile) -> Option<Vec<Diagnostic>> {
    within_limits(file).ok()?;
    let text = &*file.text;
    // where each item starts: a `-` in the first column
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body == "-" || body.starts_with("- ") {
            starts.push(offset);
        } else if starts.is_empty()
            && !(body.trim().is_empty() || body.trim_start().starts_with('#'))
        {
            // something before the first item: not a plain list
            return None;
        }
        offset += line.len();
    }
    let mut errors = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        if let Err(err) = serde_yaml::from_str::<Vec<T>>(&text[start..end]) {
            errors.push(to_diagnostic_after(&err, file, start));
        }
    }
    Some(errors)
}

/// The largest YAML file read: a pack's largest, a year of events, is a
/// few hundred kilobytes.
pub const MAX_YAML_BYTES: usize = 16 << 20;

/// How deep flow collections (`{…}`, `[…]`) may nest. A pack needs two or
/// three levels; the YAML parser's time grows with the square of the depth.
pub const MAX_FLOW_DEPTH: usize = 32;

/// How far a line may be indented, in columns: block collections nest by
/// indentation, and the parser slows as they deepen.
pub const MAX_INDENT: usize = 160;

/// The bytes [`within_limits`] stops at: line ends, comments, quotes and
/// brackets.
const MATTERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let special = b"\n#'\"{[}]";
    while k < special.len() {
        table[special[k] as usize] = true;
        k += 1;
    }
    table
};

/// Where the quoted scalar opened by `quote` before `from` ends: just after
/// its closing quote (`\"` does not close a double-quoted one, `''` does not
/// close a single-quoted one), or the end of the text.
fn quote_end(bytes: &[u8], mut from: usize, quote: u8) -> usize {
    while let Some(n) = memchr::memchr2(quote, b'\\', &bytes[from..]) {
        let i = from + n;
        if bytes[i] == b'\\' {
            // an escape inside double quotes; a plain backslash inside single ones
            from = i + if quote == b'"' { 2 } else { 1 };
        } else if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
            from = i + 2;
        } else {
            return i + 1;
        }
        if from >= bytes.len() {
            break;
        }
    }
    bytes.len()
}

/// Refuses, before parsing, a file too large or nested too deep to be a
/// pack's, with the place where it goes over: such a file (a hostile one)
/// would take the parser minutes.
fn within_limits(file: &SourceFile) -> Result<(), Diagnostic> {
    let text = &file.text;
    if text.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            format!(
                "the file is {} MiB; a YAML file of a pack may be at most {} MiB",
                text.len() >> 20,
                MAX_YAML_BYTES >> 20
            ),
            file,
            Position::START,
        )
        .with_help("split it into several files (events can be spread over any number of files)"));
    }
    let too_deep = |at: usize, what: String| {
        Err(Diagnostic::error(what, file, Position::of_offset(text, at))
            .with_help("a pack's YAML needs only a few levels: write the value flatter"))
    };
    // the characters that matter are ASCII: the text is scanned as bytes,
    // from one that matters to the next
    let bytes = text.as_bytes();
    let indent_of = |start: usize| bytes[start..].iter().take_while(|&&b| b == b' ').count();
    let mut depth = 0usize;
    let mut line_start = 0;
    let mut at = 0;
    loop {
        if at == line_start && indent_of(line_start) > MAX_INDENT {
            return too_deep(
                line_start + MAX_INDENT,
                format!("this line is indented more than {MAX_INDENT} columns"),
            );
        }
        let Some(found) = bytes[at..].iter().position(|&b| MATTERS[usize::from(b)]) else {
            break;
        };
        let i = at + found;
        // the last byte before this one on its line that is not white space
        let before = bytes[line_start..i]
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map(|p| bytes[line_start + p]);
        // where a value can start: a flow collection or a quoted scalar
        let value_start = matches!(before, None | Some(b':' | b'-' | b'?' | b'{' | b'[' | b','));
        at = i + 1;
        match bytes[i] {
            b'\n' => line_start = i + 1,
            // a comment: to the end of the line
            b'#' if before.is_none() || matches!(bytes[i - 1], b' ' | b'\t') => {
                at = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            q @ (b'\'' | b'"') if depth > 0 || value_start => {
                at = quote_end(bytes, i + 1, q);
                // a quoted scalar may run over lines: its lines are its own
                if let Some(nl) = memchr::memrchr(b'\n', &bytes[i..at]) {
                    line_start = i + nl + 1;
                }
            }
            b'{' | b'[' if depth > 0 || value_start => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return too_deep(
                        i,
                        format!("this value nests more than {MAX_FLOW_DEPTH} levels deep"),
                    );
                }
            }
            b'}' | b']' if depth > 0 => depth -= 1,
            _ => {}
        }
        if at >= bytes.len() {
            break;
        }
    }
    Ok(())
}

/// The diagnostic for a parser error: the parser's message reworded, at the
/// position it reports (at the repeat, for a duplicate key).
fn to_diagnostic(err: &serde_yaml::Error, file: &SourceFile) -> Diagnostic {
    to_diagnostic_after(err, file, 0)
}

/// [`to_diagnostic`] for an error in a piece of `file` that starts at byte
/// `piece_start` of it.
fn to_diagnostic_after(
    err: &serde_yaml::Error,
    file: &SourceFile,
    piece_start: usize,
) -> Diagnostic {
    let full = err.to_string();
    let message = match full.rfind(" at line ") {
        Some(cut) => &full[..cut],
        None => &full,
    };
    // from the parser's byte offset, not its line: YAML also breaks lines
    // at NEL, LS and PS, which editors (and these messages) do not
    let mut position = err.location().map_or(Position::START, |l| {
        Position::of_offset(&file.text, piece_start + l.index())
    });
    // the parser puts a duplicate key at the start of its mapping: find the repeat
    if let Some(key) = message
        .split("duplicate field `")
        .nth(1)
        .and_then(|k| k.split('`').next())
        && let Some(at) = repeated_key(&file.text, key, position.line)
    {
        position = at;
    }
    let (message, help) = explain(message, file, position);
    let diagnostic = Diagnostic::error(message, file, position);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// Rewords the parser's message where it can say more, and finds the help.
fn explain(message: &str, file: &SourceFile, at: Position) -> (String, Option<String>) {
    // the parser prefixes errors inside a value with its path: `.[0]: …`, `kind: …`
    let (field, message) = match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => {
            (Some(path.trim_start_matches('.')), rest)
        }
        _ => (None, message),
    };
    let at_field = |m: String| match field {
        Some(f) if !f.is_empty() && !f.starts_with('[') => format!("`{f}`: {m}"),
        _ => m,
    };
    // A placeholder `briefing new article` writes, `{TODO: "…"}`, left in
    // place of a value: say so, not that a mapping is not a text.
    let todo = file
        .line(at.line)
        .and_then(|line| {
            // the column counts characters
            let start = line.char_indices().nth(at.column.saturating_sub(1))?.0;
            line.get(start..)
        })
        .is_some_and(|rest| rest.trim_start().starts_with("{TODO"));
    if todo {
        let name = field.filter(|f| !f.is_empty()).unwrap_or("this value");
        return (
            format!("`{name}` is still a TODO placeholder"),
            Some(format!(
                "replace the {{TODO: …}} with the value the text gives, as a quoted text: `{name}: \"…\"`"
            )),
        );
    }
    // The most common mistake: markdown starting with `[[id]]`, `[@cite]` or a
    // quote, left unquoted, so YAML reads a list or a string and then chokes.
    let suspect = (at.line.saturating_sub(1)..=at.line)
        .rev()
        .filter_map(|n| file.line(n))
        .find_map(|line| {
            let (_, value) = line.split_once(": ")?;
            let value = value.trim_start();
            (value.starts_with('[') || value.starts_with('"')).then_some(value)
        });
    if let Some(value) = suspect {
        let closed_quote = value.starts_with('"')
            && value[1..].trim_end().ends_with('"')
            && !value[1..].trim_end().trim_end_matches('"').contains('"');
        if !closed_quote {
            return (
                at_field(format!("malformed YAML: {message}")),
                Some(
                    "a value that starts with `[` or `\"` must be quoted or written as a block: \
                     write `text: '[[id]] did …'` or put `|` after the colon and the text on the next lines, indented"
                        .to_string(),
                ),
            );
        }
    }
    if let Some(field) = message.strip_prefix("unknown field ") {
        let (name, expected) = field.split_once(", expected ").unwrap_or((field, ""));
        // serde names the fields it expected in backticks
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let typed = name.trim_matches('`');
        let help = match crate::diagnostics::nearest(typed, known.iter().copied()) {
            Some(near) => {
                format!("did you mean `{near}`? (or remove it; the known fields: {expected})")
            }
            None if expected.is_empty() => "remove it".to_string(),
            None => format!("remove it, or use one of the known fields: {expected}"),
        };
        return (format!("unknown field {name}"), Some(help));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return (
            format!("missing required field {field}"),
            Some(format!("add {field} to this item")),
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return (
            at_field(message.to_string()),
            Some("check the value's form: a text, a list (`- …`) or a mapping (`key: value`) as the README shows (*Writing a pack*)".to_string()),
        );
    }
    (
        at_field(format!("malformed YAML: {message}")),
        Some("check the indentation and punctuation of this line and the one before".to_string()),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinary_yaml_is_within_the_limits() {
        let ordinary = [
            "title: Iran's [militias] say {x\nsummary: |\n  [[kh]] said \"[no]\" -- it's {fine}\n  - [a](b)\n",
            "- {actor: kh, role: perpetrator}\n- [a, [b, {c: 'd]]]'}]]\n# a comment with [[[[ brackets\n",
            "quote: \"a \\\" [ quote\"\nother: 'it''s [ too'\n",
        ];
        for text in ordinary {
            let file = SourceFile::new("x.yaml", text);
            assert!(within_limits(&file).is_ok(), "{text}");
        }
        let deep = format!("a: {}{}\n", "[".repeat(40), "]".repeat(40));
        assert!(within_limits(&SourceFile::new("x.yaml", deep)).is_err());
    }

    use super::*;
    use crate::load::raw::{RawEvent, RawPack};

    /// The error of parsing `text` as a `T`.
    fn error_of<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> Diagnostic {
        let file = SourceFile::new("x.yaml", text);
        match parse::<T>(&file) {
            Ok(v) => panic!("expected an error, parsed {v:?}"),
            Err(d) => d,
        }
    }

    #[test]
    fn unquoted_link_gets_the_quoting_help() {
        let d = error_of::<RawPack>("title: T\nsummary: [[iran]] backs the groups\n");
        assert_eq!(d.position.line, 2);
        assert!(d.help.unwrap_or_default().contains("must be quoted"));
    }

    #[test]
    fn a_leftover_todo_placeholder_is_named_as_one() {
        let d = error_of::<RawPack>("title: T\nsubtitle: {TODO: \"the subtitle\"}\n");
        assert_eq!(d.message, "`subtitle` is still a TODO placeholder");
        assert_eq!(d.position.line, 2);
        assert!(d.help.unwrap_or_default().contains("replace the {TODO: …}"));
    }

    #[test]
    fn a_misspelt_field_gets_the_nearest_known_one() {
        let d = error_of::<Vec<RawEvent>>("- id: a\n  date: 2024\n  tittle: T\n");
        assert!(
            d.message.contains("unknown field `tittle`"),
            "{}",
            d.message
        );
        let help = d.help.unwrap_or_default();
        assert!(help.starts_with("did you mean `title`?"), "{help}");
        let far = error_of::<Vec<RawEvent>>("- id: a\n  date: 2024\n  title: T\n  colour: red\n");
        assert!(
            far.help
                .unwrap_or_default()
                .starts_with("remove it, or use one of"),
            "no guess when nothing is close"
        );
    }

    #[test]
    fn unknown_field_is_named_with_its_line() {
        let d = error_of::<Vec<RawEvent>>("- id: a\n  date: 2024\n  title: T\n  colour: red\n");
        assert!(
            d.message.contains("unknown field `colour`"),
            "{}",
            d.message
        );
        assert_eq!(d.position.line, 4);
    }

    #[test]
    fn a_duplicate_key_points_at_the_repeat() {
        let d = error_of::<RawPack>("title: T\nsubtitle: S\ntitle: again\n");
        assert!(
            d.message.contains("duplicate field `title`"),
            "{}",
            d.message
        );
        assert_eq!((d.position.line, d.position.column), (3, 1));
    }

    #[test]
    fn missing_field_says_which() {
        let d = error_of::<Vec<RawEvent>>("- id: a\n  title: T\n");
        assert!(d.message.contains("`date`"), "{}", d.message);
    }

    #[test]
    fn numbers_and_dates_read_as_text() -> Result<(), Diagnostic> {
        let file = SourceFile::new("x.yaml", "- id: a\n  date: 2014\n  title: 2024-01-02\n");
        let events: Vec<RawEvent> = parse(&file)?;
        assert_eq!(events[0].date, "2014");
        assert_eq!(events[0].title, "2024-01-02");
        Ok(())
    }
}
