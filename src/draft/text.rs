//! Small text helpers shared by the recognisers of the draft: trimming lines,
//! comparing them as the build does, counting words and matching prefixes.

/// True for white space and the byte-order mark, which captured texts carry.
pub(super) fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// A line without surrounding white space (nor a byte-order mark).
pub(super) fn clean(line: &str) -> &str {
    line.trim_matches(is_blank)
}

/// Runs of white space as one space, as the build compares `skip` entries.
pub(super) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of words (runs of non-white-space) in `text`.
pub(super) fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// `text` starts with `prefix`, ignoring ASCII letter case, at a word end.
pub(super) fn strip_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
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
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', '"', '\'', '”', '’', ')', ']', ':', ';', '…', ',',
    ])
}
