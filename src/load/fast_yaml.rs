//! A fast reader for the plain YAML that packs are written in: block
//! mappings and lists, one-line quoted, plain and flow values, and `|`
//! blocks. The YAML parser reads about 30 MB a second, a quarter of a
//! 10,000-article build; this reads the same files some ten times faster.
//!
//! It only ever answers for files it understands completely. Anything
//! else — a construct outside that subset (anchors, tags, `>` folding,
//! multi-line plain or quoted scalars, tabs, directives, ...), a value
//! whose type YAML would resolve differently from a string, or a file that
//! does not fit the target type — gives `None`, and the caller parses the
//! file with the YAML parser, which gives the same value or the error with
//! its place. So a file read here means what it means to the YAML parser;
//! `tests/fast_yaml.rs` checks that on generated files and on every pack
//! the tests hold.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};

/// `text` read as a `T`, or `None` when this reader cannot vouch for the
/// answer (see the module comment).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let node = parse(text)?;
    T::deserialize(&node).ok()
}

/// One value of the file.
#[derive(Debug, PartialEq)]
enum Node<'a> {
    /// A plain (unquoted) scalar, as written.
    Plain(&'a str),
    /// A quoted scalar or a `|` block, its escapes and line breaks applied.
    Text(Cow<'a, str>),
    /// A key with no value.
    Empty,
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// The file as a tree, or `None` when it holds anything outside the subset.
fn parse(text: &str) -> Option<Node<'_>> {
    if !plain_characters(text.as_bytes()) {
        return None;
    }
    let lines: Vec<Line<'_>> = text
        .split('\n')
        .filter_map(|raw| {
            let indent = raw.len() - raw.trim_start_matches(' ').len();
            let body = &raw[indent..];
            (!body.is_empty() && !body.starts_with('#')).then_some(Line { indent, body })
        })
        .collect();
    let mut reader = Reader { text, lines, at: 0 };
    let first = reader.lines.first()?;
    if first.indent != 0 || first.body.starts_with("---") || first.body.starts_with('%') {
        return None;
    }
    let node = reader.block(0)?;
    (reader.at == reader.lines.len()).then_some(node)
}

/// Whether `text` holds only characters that YAML reads as this reader
/// does: no tab, no carriage return, no control character (YAML refuses
/// them), no line break other than LF (NEL, LS and PS end lines in YAML),
/// no byte-order mark, no U+FFFE or U+FFFF.
fn plain_characters(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let bad = match b {
            b'\n' => false,
            0..0x20 | 0x7f => true,
            0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
            0xe2 => {
                bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9))
            }
            0xef => {
                (bytes.get(i + 1) == Some(&0xbf) && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)))
                    || (bytes.get(i + 1) == Some(&0xbb) && bytes.get(i + 2) == Some(&0xbf))
            }
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

/// A line holding something: its indentation and the rest.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    body: &'a str,
}

struct Reader<'a> {
    text: &'a str,
    /// Only the lines that hold something (blank and comment lines matter
    /// only inside `|` blocks, which read the text itself).
    lines: Vec<Line<'a>>,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.at).copied()
    }

    /// The block collection whose first line is the next, at `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        let line = self.peek()?;
        if line.indent != indent {
            return None;
        }
        if is_item(line.body) {
            self.sequence(indent)
        } else {
            self.mapping(indent, None)
        }
    }

    /// A block list at `indent`.
    fn sequence(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(line) = self
            .peek()
            .filter(|l| l.indent == indent && is_item(l.body))
        {
            self.at += 1;
            let rest = line.body[1..].trim_start_matches(' ');
            let column = indent + (line.body.len() - rest.len());
            items.push(if rest.is_empty() {
                self.nested(indent, false)?
            } else if let Some(chomp) = block_scalar_header(rest.trim_end_matches(' ')) {
                self.literal(indent, chomp)?
            } else if let Some((key, after)) = split_key(rest) {
                // `- key: value`: a mapping whose keys stand at `column`
                self.mapping(column, Some((key, after)))?
            } else {
                self.inline(rest, indent)?
            });
        }
        self.end_of(indent)?;
        Some(Node::Seq(items))
    }

    /// A block mapping at `indent`; `first` is its first entry when it
    /// began on a list item's line.
    fn mapping(&mut self, indent: usize, first: Option<(&'a str, &'a str)>) -> Option<Node<'a>> {
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        let mut next = first;
        loop {
            let (key, after) = match next.take() {
                Some(entry) => entry,
                None => {
                    let Some(line) = self.peek().filter(|l| l.indent == indent) else {
                        break;
                    };
                    if is_item(line.body) {
                        break;
                    }
                    self.at += 1;
                    split_key(line.body)?
                }
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            let value = if after.is_empty() {
                self.nested(indent, true)?
            } else if let Some(chomp) = block_scalar_header(after) {
                self.literal(indent, chomp)?
            } else {
                self.inline(after, indent)?
            };
            entries.push((key, value));
        }
        self.end_of(indent)?;
        Some(Node::Map(entries))
    }

    /// After a collection at `indent`: the next line must belong to an
    /// enclosing one (indented less), else the file is not as expected.
    fn end_of(&self, indent: usize) -> Option<()> {
        match self.peek() {
            Some(line) if line.indent > indent => None,
            _ => Some(()),
        }
    }

    /// The value of a key or item whose line ends after it: a collection
    /// on the lines below (for a key, a list may stand at its own
    /// indentation), or nothing.
    fn nested(&mut self, indent: usize, is_key: bool) -> Option<Node<'a>> {
        match self.peek() {
            Some(line) if line.indent > indent => self.block(line.indent),
            Some(line) if is_key && line.indent == indent && is_item(line.body) => {
                self.sequence(indent)
            }
            _ => Some(Node::Empty),
        }
    }

    /// A value written on the rest of a line; the next line may not carry
    /// on a plain scalar (multi-line plain scalars are left to YAML).
    fn inline(&mut self, rest: &'a str, indent: usize) -> Option<Node<'a>> {
        let mut cursor = Cursor { text: rest, at: 0 };
        let node = cursor.value(false)?;
        cursor.end_of_line()?;
        if matches!(node, Node::Plain(_)) && self.peek().is_some_and(|l| l.indent > indent) {
            return None;
        }
        Some(node)
    }

    /// The `|` block after the key on the line just read, at `indent`.
    fn literal(&mut self, indent: usize, keep_last_break: bool) -> Option<Node<'a>> {
        // the block's lines are the text's lines after the header line, up
        // to the next line that holds something at `indent` or less
        let header = self.lines[self.at - 1].body;
        let start = offset_in(self.text, header) + header.len() + 1;
        // the block's lines in `lines` are those more indented
        while self.peek().is_some_and(|l| l.indent > indent) {
            self.at += 1;
        }
        let end = self
            .peek()
            .map_or(self.text.len(), |l| offset_in(self.text, l.body) - l.indent);
        let block = self
            .text
            .get(start.min(self.text.len())..end.max(start.min(self.text.len())))?;
        if end == self.text.len() && !self.text.ends_with('\n') {
            // a block at the very end, without a last line break
            return None;
        }
        let mut lines: Vec<&str> = block.split('\n').collect();
        // the text after the block's last line break is not a line of it
        lines.pop();
        let content = lines.iter().find(|l| !l.trim_start_matches(' ').is_empty());
        let Some(content) = content else {
            return Some(Node::Text(Cow::Borrowed("")));
        };
        let n = content.len() - content.trim_start_matches(' ').len();
        if n <= indent {
            return None;
        }
        let mut out = String::with_capacity(block.len());
        let mut pending_breaks = 0;
        let mut started = false;
        for line in lines {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if spaces == line.len() {
                // a blank line: more spaces than the indentation would be
                // content, which YAML treats in ways left to it
                if spaces > n {
                    return None;
                }
                pending_breaks += 1;
                continue;
            }
            if spaces < n {
                return None;
            }
            if started {
                out.push('\n');
            }
            for _ in 0..pending_breaks {
                out.push('\n');
            }
            pending_breaks = 0;
            out.push_str(&line[n..]);
            started = true;
        }
        if keep_last_break {
            out.push('\n');
        }
        Some(Node::Text(Cow::Owned(out)))
    }
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Whether a line's body is a list item (`-` alone or followed by a space).
fn is_item(body: &str) -> bool {
    body == "-" || body.starts_with("- ")
}

/// `key: rest` split, for a key of letters, digits, `_` and `-` starting
/// with a letter; `rest` is what follows the colon, spaces trimmed (empty
/// when only a comment follows).
fn split_key(body: &str) -> Option<(&str, &str)> {
    let bytes = body.as_bytes();
    let len = key_len(bytes)?;
    if bytes[len] != b':' {
        return None;
    }
    let after = &body[len + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let after = after.trim_start_matches(' ');
    let after = if after.starts_with('#') {
        ""
    } else {
        after.trim_end_matches(' ')
    };
    Some((&body[..len], after))
}

/// The length of the key `bytes` start with (letters, digits, `_` and `-`,
/// a letter first), when something follows it.
fn key_len(bytes: &[u8]) -> Option<usize> {
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
}

/// For `|` or `|-` (then only spaces): whether the last line break is kept.
fn block_scalar_header(after: &str) -> Option<bool> {
    match after {
        "|" => Some(true),
        "|-" => Some(false),
        _ => None,
    }
}

/// The character `digits` (hexadecimal) stand for.
fn hex_char(digits: &str) -> Option<char> {
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// Reads values off one line.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_spaces(&mut self) {
        while self.text.as_bytes().get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    /// Only spaces, or spaces and a comment, remain.
    fn end_of_line(&mut self) -> Option<()> {
        let before = self.at;
        self.skip_spaces();
        let rest = self.rest();
        (rest.is_empty() || (rest.starts_with('#') && self.at > before)).then_some(())
    }

    /// One value; `in_flow` inside `[…]` or `{…}`.
    fn value(&mut self, in_flow: bool) -> Option<Node<'a>> {
        match *self.rest().as_bytes().first()? {
            b'"' => self.double_quoted(),
            b'\'' => self.single_quoted(),
            b'[' => self.flow_sequence(),
            b'{' => self.flow_mapping(),
            _ => self.plain(in_flow),
        }
    }

    fn plain(&mut self, in_flow: bool) -> Option<Node<'a>> {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let first = *bytes.first()?;
        if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) {
            return None;
        }
        let mut end = bytes.len();
        for (i, &b) in bytes.iter().enumerate() {
            let next = bytes.get(i + 1).copied();
            let ends = match b {
                b'#' => bytes[i - 1] == b' ',
                // inside `[…]`/`{…}` YAML's rules for a colon vary: left to it
                b':' => in_flow || next.is_none() || next == Some(b' '),
                b',' | b']' | b'}' | b'[' | b'{' => in_flow,
                _ => false,
            };
            if ends {
                if b == b':' || (in_flow && matches!(b, b'[' | b'{')) {
                    // a key or a nested collection where a scalar was
                    // expected: left to YAML
                    return None;
                }
                end = i;
                break;
            }
        }
        let value = rest[..end].trim_end_matches(' ');
        if value.is_empty() {
            return None;
        }
        self.at += value.len();
        Some(Node::Plain(value))
    }

    fn double_quoted(&mut self) -> Option<Node<'a>> {
        let body = &self.rest()[1..];
        let bytes = body.as_bytes();
        let mut owned: Option<String> = None;
        let mut from = 0;
        let mut i = 0;
        loop {
            let n = memchr::memchr2(b'"', b'\\', &bytes[i..])?;
            i += n;
            if bytes[i] == b'"' {
                break;
            }
            // YAML's escapes (the spec, 5.7)
            let (escaped, len) = match bytes.get(i + 1)? {
                b'0' => ('\0', 2),
                b'a' => ('\u{7}', 2),
                b'b' => ('\u{8}', 2),
                b't' => ('\t', 2),
                b'n' => ('\n', 2),
                b'v' => ('\u{b}', 2),
                b'f' => ('\u{c}', 2),
                b'r' => ('\r', 2),
                b'e' => ('\u{1b}', 2),
                b' ' => (' ', 2),
                b'"' => ('"', 2),
                b'/' => ('/', 2),
                b'\\' => ('\\', 2),
                b'N' => ('\u{85}', 2),
                b'_' => ('\u{a0}', 2),
                b'L' => ('\u{2028}', 2),
                b'P' => ('\u{2029}', 2),
                b'x' => (hex_char(body.get(i + 2..i + 4)?)?, 4),
                b'u' => (hex_char(body.get(i + 2..i + 6)?)?, 6),
                b'U' => (hex_char(body.get(i + 2..i + 10)?)?, 10),
                _ => return None,
            };
            let out = owned.get_or_insert_with(String::new);
            out.push_str(&body[from..i]);
            out.push(escaped);
            i += len;
            from = i;
        }
        let value = match owned {
            Some(mut out) => {
                out.push_str(&body[from..i]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(&body[..i]),
        };
        self.at += i + 2;
        Some(Node::Text(value))
    }

    fn single_quoted(&mut self) -> Option<Node<'a>> {
        let body = &self.rest()[1..];
        let bytes = body.as_bytes();
        let mut i = 0;
        let mut doubled = false;
        loop {
            i += memchr::memchr(b'\'', &bytes[i..])?;
            if bytes.get(i + 1) == Some(&b'\'') {
                doubled = true;
                i += 2;
            } else {
                break;
            }
        }
        let raw = &body[..i];
        self.at += i + 2;
        Some(Node::Text(if doubled {
            Cow::Owned(raw.replace("''", "'"))
        } else {
            Cow::Borrowed(raw)
        }))
    }

    /// After an item of a flow collection closed by `close`: a comma (more
    /// items follow: `false`) or the closing bracket (`true`).
    fn after_item(&mut self, close: u8) -> Option<bool> {
        self.skip_spaces();
        let next = *self.rest().as_bytes().first()?;
        self.at += 1;
        match next {
            b',' => Some(false),
            b if b == close => Some(true),
            _ => None,
        }
    }

    /// `[a, b, …]` on this line.
    fn flow_sequence(&mut self) -> Option<Node<'a>> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_spaces();
        if self.rest().starts_with(']') {
            self.at += 1;
            return Some(Node::Seq(items));
        }
        loop {
            self.skip_spaces();
            items.push(self.value(true)?);
            if self.after_item(b']')? {
                return Some(Node::Seq(items));
            }
        }
    }

    /// `{key: value, …}` on this line.
    fn flow_mapping(&mut self) -> Option<Node<'a>> {
        self.at += 1;
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        self.skip_spaces();
        if self.rest().starts_with('}') {
            self.at += 1;
            return Some(Node::Map(entries));
        }
        loop {
            self.skip_spaces();
            let rest = self.rest();
            let len = key_len(rest.as_bytes())?;
            if !rest[len..].starts_with(": ") {
                return None;
            }
            let key = &rest[..len];
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            self.at += len + 2;
            self.skip_spaces();
            entries.push((key, self.value(true)?));
            if self.after_item(b'}')? {
                return Some(Node::Map(entries));
            }
        }
    }
}

/// Why a value could not be read here (never shown: the caller asks the
/// YAML parser instead).
#[derive(Debug)]
struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to the YAML parser")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

/// Whether YAML could read plain `value` as something other than a
/// string: null, a boolean, a number (in YAML 1.1 or 1.2), or a special
/// float. Such values are left to the YAML parser wherever a type other
/// than a string is possible.
fn may_not_be_text(value: &str) -> bool {
    let first = value.as_bytes()[0];
    first.is_ascii_digit()
        || matches!(first, b'+' | b'-' | b'.' | b'~')
        || matches!(
            value.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

/// Plain `value` as YAML's null.
fn is_null(value: &str) -> bool {
    matches!(value, "~" | "null" | "Null" | "NULL")
}

impl<'de, 'a> Deserializer<'de> for &'de Node<'a> {
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Plain(value) if !may_not_be_text(value) => visitor.visit_str(value),
            Node::Text(value) => visitor.visit_str(value),
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Node::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            Node::Plain(_) | Node::Empty => Err(Unsure),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Plain(value) => visitor.visit_str(value),
            Node::Text(value) => visitor.visit_str(value),
            _ => Err(Unsure),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Empty => visitor.visit_none(),
            Node::Plain(value) if is_null(value) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(Unsure),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        match self {
            Node::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            _ => Err(Unsure),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unsure> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unsure> {
        visitor.visit_unit()
    }

    /// Numbers, booleans, bytes, units, tuples and enums do not occur in a
    /// pack's types; should one, the YAML parser reads the file.
    fn deserialize_bool<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Unsure> {
        Err(Unsure)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct newtype_struct tuple tuple_struct enum
    }
}

struct Items<'de, 'a>(std::slice::Iter<'de, Node<'a>>);

impl<'de, 'a> SeqAccess<'de> for Items<'de, 'a> {
    type Error = Unsure;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unsure> {
        self.0.next().map(|node| seed.deserialize(node)).transpose()
    }
}

struct Entries<'de, 'a> {
    entries: std::slice::Iter<'de, (&'a str, Node<'a>)>,
    value: Option<&'de Node<'a>>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'de, 'a> {
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unsure> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let key: de::value::StrDeserializer<'_, Unsure> = (*key).into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unsure> {
        seed.deserialize(self.value.take().ok_or(Unsure)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_subset() {
        let text = "a: plain text\nb: \"quoted \\\"x\\\"\" # c\nc: 'it''s'\nd: [x, \"y\", {k: v}]\ne: |\n  one\n\n  two\nf:\n  - g: 1x\n    h: [ ]\n  - plain\n";
        let node = parse(text).expect("in the subset");
        let Node::Map(entries) = node else {
            panic!("a mapping")
        };
        assert_eq!(entries[0], ("a", Node::Plain("plain text")));
        assert_eq!(entries[1], ("b", Node::Text("quoted \"x\"".into())));
        assert_eq!(entries[2], ("c", Node::Text("it's".into())));
        assert_eq!(entries[4], ("e", Node::Text("one\n\ntwo\n".into())));
        assert_eq!(
            entries[5].1,
            Node::Seq(vec![
                Node::Map(vec![("g", Node::Plain("1x")), ("h", Node::Seq(vec![]))]),
                Node::Plain("plain"),
            ])
        );
    }

    #[test]
    fn leaves_the_rest_to_yaml() {
        for text in [
            "a: &x 1\n",
            "a: >\n  folded\n",
            "a: plain\n  carried on\n",
            "a: \"open\n  quote\"\n",
            "a:\tb\n",
            "--- \na: b\n",
            "a: b\na: c\n",
            "a: !tag b\n",
            "a: [b,\n  c]\n",
            "a: \"\\q\"\n",
            "a: b: c\n",
            "? a\n: b\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }
}
