//! Finding a quoted passage in an article (see the README, *Links and
//! citations in markdown*). Matching ignores letter case, runs of white
//! space, and the style of quote marks, apostrophes and dashes. Each article
//! body is normalised once; every quote is then one substring search in it.

use std::ops::Range;

/// The character a quote-like or dash-like character compares as.
fn fold_punctuation(c: char) -> char {
    match c {
        '“' | '”' | '″' | '"' | '„' | '‟' => '"',
        '‘' | '’' | '′' | '\'' | '‚' | '‛' => '\'',
        '–' | '—' | '-' | '‐' | '‑' | '−' => '-',
        _ => c,
    }
}

/// What an ASCII byte normalises to: its lower case, and white space to a
/// space.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_whitespace() || c == 0x0b {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    table
};

/// Appends the normalised form of `text` to `out`: [`normalise_with`]
/// without origins, for whole bodies and quotes. Runs of ASCII go
/// through a branch-free loop (a table lookup, and a space written only
/// after a non-space); other characters take the general path.
fn normalise_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut buf: Vec<u8> = vec![0; text.len() + 8];
    let mut w = 0;
    let mut in_space = false;
    let mut at = 0;
    while at < bytes.len() {
        // eight plain bytes at a time: ASCII, no control characters, no
        // space after a space; only upper case letters change
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            let Some(folded) = fold_plain_word(word, in_space) else {
                break;
            };
            buf[w..w + 8].copy_from_slice(&folded.to_le_bytes());
            w += 8;
            in_space = chunk[7] == b' ';
            at += 8;
        }
        while at < bytes.len() && bytes[at] < 0x80 {
            let folded = ASCII_FOLD[bytes[at] as usize];
            let space = folded == b' ';
            buf[w] = folded;
            w += usize::from(!(space && in_space));
            in_space = space;
            at += 1;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let mut piece = String::new();
        in_space = normalise_char(c, &mut piece, in_space);
        if w + piece.len() > buf.len() {
            buf.resize(w + piece.len() + bytes.len() - at, 0);
        }
        buf[w..w + piece.len()].copy_from_slice(piece.as_bytes());
        w += piece.len();
        at += c.len_utf8();
    }
    buf.truncate(w);
    // every piece written was a whole character, so this never fails
    match std::str::from_utf8(&buf) {
        Ok(done) => out.push_str(done),
        Err(_) => out.push_str(&String::from_utf8_lossy(&buf)),
    }
}

/// A one in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of text (little-endian) lower-cased, when normalising them
/// changes nothing else: all ASCII, none below `0x20`, and no space that
/// follows white space (`in_space` tells whether the text before ends in it).
fn fold_plain_word(word: u64, in_space: bool) -> Option<u64> {
    if word & HIGH != 0 {
        return None;
    }
    // bytes >= 0x20 get their high bit set by adding 0x60
    if (word + 0x60 * ONES) & HIGH != HIGH {
        return None;
    }
    // exact mask of the bytes that are spaces
    let x = word ^ (0x20 * ONES);
    let spaces = !(((x & !HIGH) + !HIGH) | x) & HIGH;
    if spaces & (spaces << 8) != 0 || (in_space && spaces & 0x80 != 0) {
        return None;
    }
    // upper case letters: >= 'A' and < '['
    let upper = ((word + (0x80 - 0x41) * ONES) & !(word + (0x80 - 0x5b) * ONES)) & HIGH;
    Some(word | (upper >> 2))
}

/// Appends the normalised form of the non-ASCII `c` to `out`, given whether
/// the text so far ends in white space; returns whether it now does.
fn normalise_char(c: char, out: &mut String, in_space: bool) -> bool {
    if c.is_whitespace() {
        if !in_space {
            out.push(' ');
        }
        return true;
    }
    out.extend(fold_punctuation(c).to_lowercase());
    false
}

/// The normalisation itself; `record(at, len)` is told that `len` bytes
/// were written for the character at offset `at` of `text`, and stops the
/// normalisation by returning `false`. ASCII, nearly all of a news text,
/// takes a byte-at-a-time fast path.
#[inline(always)]
fn normalise_with(text: &str, out: &mut String, mut record: impl FnMut(usize, usize) -> bool) {
    let bytes = text.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(text.len() + 8);
    let mut in_space = false;
    let mut at = 0;
    'text: while at < bytes.len() {
        let b = bytes[at];
        let Some(c) = (if b < 0x80 {
            Some(b as char)
        } else {
            text[at..].chars().next()
        }) else {
            break;
        };
        if c.is_whitespace() {
            if !in_space {
                buf.push(b' ');
                if !record(at, 1) {
                    break;
                }
            }
            in_space = true;
        } else if b < 0x80 {
            in_space = false;
            buf.push(b.to_ascii_lowercase());
            if !record(at, 1) {
                break;
            }
        } else {
            in_space = false;
            let mut tmp = [0u8; 4];
            for lower in fold_punctuation(c).to_lowercase() {
                buf.extend_from_slice(lower.encode_utf8(&mut tmp).as_bytes());
                if !record(at, lower.len_utf8()) {
                    break 'text;
                }
            }
        }
        at += c.len_utf8();
    }
    // every piece pushed was a whole character, so this never fails
    match std::str::from_utf8(&buf) {
        Ok(done) => out.push_str(done),
        Err(_) => out.push_str(&String::from_utf8_lossy(&buf)),
    }
}

/// Where `needle` first occurs in `haystack`. A long needle is looked for
/// by its first bytes, each place they occur checked for the rest: the
/// search's set-up costs in proportion to the needle, and a quote's first
/// words rarely occur in a text without the rest of it.
fn find_first(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    const PROBE: usize = 24;
    if needle.len() <= PROBE {
        return memchr::memmem::find(haystack, needle);
    }
    let probe = memchr::memmem::Finder::new(&needle[..PROBE]);
    let mut from = 0;
    while let Some(found) = haystack.get(from..).and_then(|rest| probe.find(rest)) {
        let at = from + found;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The normalised form of a quote as written in YAML (trimmed).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_into(text.trim(), &mut out);
    out
}

/// An article body prepared for quote lookups: all paragraphs normalised
/// once. Only the paragraph a quote is found in is mapped back to the
/// original text, so the index is no bigger than the text.
#[derive(Debug, Default)]
pub struct QuoteIndex {
    /// All paragraphs normalised, separated by `\n` (which no quote contains).
    text: String,
    /// Where each paragraph starts in `text`.
    starts: Vec<usize>,
}

impl QuoteIndex {
    /// Normalises `paragraphs` once.
    pub fn new<S: AsRef<str>>(paragraphs: &[S]) -> Self {
        let total: usize = paragraphs.iter().map(|p| p.as_ref().len() + 1).sum();
        let mut index = QuoteIndex {
            text: String::with_capacity(total),
            starts: Vec::with_capacity(paragraphs.len()),
        };
        for p in paragraphs {
            index.starts.push(index.text.len());
            normalise_into(p.as_ref(), &mut index.text);
            index.text.push('\n');
        }
        index
    }

    /// The first paragraph (from 1) of `paragraphs` (the ones indexed)
    /// holding `quote`, with the quote's byte range in that paragraph.
    pub fn find<S: AsRef<str>>(
        &self,
        paragraphs: &[S],
        quote: &str,
    ) -> Option<(usize, Range<usize>)> {
        self.find_normalised(paragraphs, &normalise(quote))
    }

    /// As [`QuoteIndex::find`], for a quote already passed through [`normalise`].
    pub fn find_normalised<S: AsRef<str>>(
        &self,
        paragraphs: &[S],
        needle: &str,
    ) -> Option<(usize, Range<usize>)> {
        if needle.is_empty() || needle.contains('\n') {
            return None;
        }
        let at = find_first(self.text.as_bytes(), needle.as_bytes())?;
        let paragraph = self.starts.partition_point(|&s| s <= at);
        let original = paragraphs.get(paragraph - 1)?.as_ref();
        // map the match back to the original text of that one paragraph:
        // the characters whose normalised bytes hold its first and last byte
        let local = at - self.starts[paragraph - 1];
        let last = local + needle.len() - 1;
        let (mut start, mut end) = (None, None);
        let mut written = 0;
        let mut scratch = String::with_capacity(original.len());
        normalise_with(original, &mut scratch, |from, len| {
            written += len;
            if start.is_none() && local < written {
                start = Some(from);
            }
            if end.is_none() && last < written {
                end = Some(from);
            }
            // the rest of the paragraph is not needed
            end.is_none()
        });
        let (start, last_char) = (start?, end?);
        let end = last_char + original[last_char..].chars().next()?.len_utf8();
        Some((paragraph, start..end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three body paragraphs.
    const BODY: [&str; 3] = [
        "Iran-backed Iraqi militias on Monday announced the resumption of attacks.",
        "“What happened a short while ago is the beginning,” it said, referring to the launch of five rockets.",
        "Kataib Sayyid Al Shuhada – one of the oldest Iran-backed factions in Iraq – has joined   a parallel PMF organisation.",
    ];

    #[test]
    fn finds_the_paragraph_and_exact_range() {
        let index = QuoteIndex::new(&BODY);
        let (p, range) = index.find(&BODY, "five rockets").expect("found");
        assert_eq!(p, 2);
        assert_eq!(&BODY[1][range], "five rockets");
    }

    #[test]
    fn ignores_case_space_and_punctuation_style() {
        let index = QuoteIndex::new(&BODY);
        let (p, range) = index
            .find(
                &BODY,
                "\"what happened a short while ago is the beginning,\"",
            )
            .expect("found");
        assert_eq!(p, 2);
        assert_eq!(
            &BODY[1][range],
            "“What happened a short while ago is the beginning,”"
        );
        let (p, range) = index.find(&BODY, "Al Shuhada - one of the oldest iran-backed factions in iraq — has joined a parallel").expect("found");
        assert_eq!(p, 3);
        assert!(BODY[2][range].ends_with("joined   a parallel"));
    }

    #[test]
    fn a_long_quote_is_found_past_places_that_share_its_start() {
        let start = "the talks between the two sides ended";
        let text = format!(
            "{start} early. {start}{start} without agreement, {start} late. {start} without any agreement at all."
        );
        let quote = format!("{start} without any agreement");
        assert_eq!(
            find_first(text.as_bytes(), quote.as_bytes()),
            text.find(&quote)
        );
        // overlapping starts: the needle begins inside an earlier candidate
        let text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
        let quote = "aaaaaaaaaaaaaaaaaaaaaaaaab";
        assert_eq!(
            find_first(text.as_bytes(), quote.as_bytes()),
            text.find(quote)
        );
        assert_eq!(
            find_first(b"short text", b"not there at all, and long too"),
            None
        );
    }

    #[test]
    fn rejects_what_is_not_there() {
        let index = QuoteIndex::new(&BODY);
        assert!(index.find(&BODY, "six rockets").is_none());
        assert!(index.find(&BODY, "").is_none());
        assert!(
            index
                .find(&BODY, "the beginning,” it said Kataib")
                .is_none(),
            "a quote cannot span paragraphs"
        );
        assert!(index.find(&BODY, "five rocketz").is_none());
    }

    #[test]
    fn first_paragraph_wins() {
        let body = ["a b c", "a b c d"];
        let index = QuoteIndex::new(&body);
        assert_eq!(index.find(&body, "A  B").map(|(p, _)| p), Some(1));
        assert_eq!(index.find(&body, "c d").map(|(p, _)| p), Some(2));
    }

    #[test]
    fn fast_and_tracked_normalisation_agree() {
        for text in [
            "",
            "  Plain ASCII, Upper CASE\tand\n\nruns   of\x0bspace ",
            "“Quoted” — İstanbul’s ÅLAND\u{a0}\u{2003}and  ΣΊΣΥΦΟΣ – end ",
            "ß\u{a0} x",
            "The QUICK brown Fox, 1 2  3;\tAZ az @[`{ jumped  over\r\n  the lazy DOG’s “fence” again and AGAIN.",
            "        eight spaces then words  and ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
        ] {
            let mut fast = String::new();
            normalise_into(text, &mut fast);
            let mut tracked = String::new();
            let mut recorded = 0;
            normalise_with(text, &mut tracked, |_, len| {
                recorded += len;
                true
            });
            assert_eq!(fast, tracked, "{text:?}");
            assert_eq!(recorded, tracked.len(), "every byte written is recorded");
        }
    }

    #[test]
    fn non_ascii_case_folding_keeps_offsets() {
        let body = ["Über ÅLAND and Zummar"];
        let index = QuoteIndex::new(&body);
        let (_, range) = index.find(&body, "über åland").expect("found");
        assert_eq!(range, 0.."Über ÅLAND".len());
    }
}
