//! Finding a quoted passage in an article (SPEC §4). Matching ignores letter
//! case, runs of white space, and the style of quote marks, apostrophes and
//! dashes. Each article body is normalised once; every quote is then one
//! substring search in it.

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

/// Appends the normalised form of `text` to `out`; when `origin` is given,
/// records for every byte written the offset (in `text`) of the character
/// it came from. ASCII, nearly all of a news text, takes a fast path.
fn normalise_into(text: &str, out: &mut String, mut origin: Option<&mut Vec<u32>>) {
    let mut in_space = false;
    // built as bytes (every piece a whole UTF-8 char), appended at the end
    let mut buf: Vec<u8> = Vec::with_capacity(text.len());
    let mut emit = |buf: &mut Vec<u8>, piece: &[u8], at: usize| {
        buf.extend_from_slice(piece);
        if let Some(o) = origin.as_deref_mut() {
            o.extend(std::iter::repeat_n(at as u32, piece.len()));
        }
    };
    let mut at = 0;
    while at < text.len() {
        let b = text.as_bytes()[at];
        let (c, width) = if b < 0x80 {
            (b as char, 1)
        } else {
            match text[at..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            if !in_space {
                emit(&mut buf, b" ", at);
            }
            in_space = true;
        } else if b < 0x80 {
            in_space = false;
            emit(&mut buf, &[b.to_ascii_lowercase()], at);
        } else {
            in_space = false;
            let mut tmp = [0u8; 4];
            for lower in fold_punctuation(c).to_lowercase() {
                emit(&mut buf, lower.encode_utf8(&mut tmp).as_bytes(), at);
            }
        }
        at += width;
    }
    out.push_str(&String::from_utf8_lossy(&buf));
}

/// The normalised form of a quote as written in YAML (trimmed).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_into(text.trim(), &mut out, None);
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
            normalise_into(p.as_ref(), &mut index.text, None);
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
        let at = memchr::memmem::find(self.text.as_bytes(), needle.as_bytes())?;
        let paragraph = self.starts.partition_point(|&s| s <= at);
        let original = paragraphs.get(paragraph - 1)?.as_ref();
        // map the match back to the original text of that one paragraph
        let mut normalised = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        normalise_into(original, &mut normalised, Some(&mut origin));
        origin.push(original.len() as u32);
        let local = at - self.starts[paragraph - 1];
        let start = *origin.get(local)? as usize;
        let end = *origin.get(local + needle.len())? as usize;
        Some((paragraph, start..end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn non_ascii_case_folding_keeps_offsets() {
        let body = ["Über ÅLAND and Zummar"];
        let index = QuoteIndex::new(&body);
        let (_, range) = index.find(&body, "über åland").expect("found");
        assert_eq!(range, 0.."Über ÅLAND".len());
    }
}
