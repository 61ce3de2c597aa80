//! The search index (see the README, *Search*): every actor (by name and
//! alias), event (title, summary, place), key judgment, key point and article
//! paragraph, cut into small script files that `search/index.html` loads
//! only as a query needs them. Script files, not JSON fetched, because a
//! page opened from disk (`file://`) may load scripts but not fetch files.
//!
//! - `search/manifest.js`: the shards of terms and the first entry of each
//!   chunk of entries;
//! - `search/t/<hex>.js`: the terms starting with one prefix (its UTF-8
//!   bytes in hex), each with the entries holding it (delta-coded, at most
//!   [`MAX_POSTINGS`] of them: the first in the index's order);
//! - `search/e/<n>.js`: entries (see [`Entry`]), about [`CHUNK_BYTES`] to a
//!   file, with the articles their key points and paragraphs belong to.
//!
//! Entries run in the order results are shown: actors, the newest events
//! first, key judgments, then key points and paragraphs of the newest
//! articles first. Words are split as `search.js` splits a query: runs of
//! letters and digits, lower-cased, so that quote marks and dashes of any
//! kind only separate words.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::plain::{plain_text, shortened_to};
use super::refs::PageRefs;
use super::renderer::{Contents, OutputFile};
use crate::model::{Pack, Target};
use crate::routes::EventPages;

/// The most entries a term lists; a term found in more lists the first.
pub const MAX_POSTINGS: usize = 1000;

/// About how many bytes of entries a chunk file holds.
pub const CHUNK_BYTES: usize = 12 * 1024;

/// The most bytes a shard of terms holds before it is split by a longer
/// prefix.
pub const SHARD_BYTES: usize = 32 * 1024;

/// The folder of the search data under the output.
pub const FOLDER: &str = "search/";

/// One searchable entry, as the chunk files hold it (a JSON array).
#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'p> {
    /// `["a", name, kind, href, aliases]`: an actor.
    Actor(&'static str, String, &'static str, String, String),
    /// `["e", title, "date · place", href, summary]`: an event.
    Event(&'static str, String, String, String, String),
    /// `["j", confidence, text]`: a key judgment (on the overview).
    Judgment(&'static str, &'static str, String),
    /// `["k", article, text]`: a key point of an article (the index of
    /// the article in its chunk's list).
    Point(&'static str, usize, String),
    /// `["p", article, n, text]`: paragraph `n` of an article.
    Paragraph(&'static str, usize, usize, &'p str),
}

/// An article as a chunk lists it once for its key points and paragraphs:
/// `[title, "publisher, date", href]`.
#[derive(Serialize, Clone, PartialEq)]
struct ArticleRef(String, String, String);

/// An entry, the article it belongs to, and the text it is found by.
struct Indexed<'p> {
    entry: Entry<'p>,
    article: Option<usize>,
    found_by: String,
}

/// The words of `text` as the index holds them, in order: runs of letters
/// and digits, lower-cased.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    let mut lowered = String::with_capacity(32);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // skip to the next word
        let b = bytes[i];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut plain = true; // ASCII and lower-case: handed out as it is
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                plain &= !b.is_ascii_uppercase();
                i += 1;
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if !c.is_alphanumeric() {
                    break;
                }
                plain = false;
                i += c.len_utf8();
            }
        }
        if i == start {
            // a character that is neither ASCII nor a letter or digit
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let word = &text[start..i];
        if plain {
            each(word);
        } else {
            lowered.clear();
            for c in word.chars() {
                if c.is_ascii() {
                    lowered.push(c.to_ascii_lowercase());
                } else {
                    lowered.extend(c.to_lowercase());
                }
            }
            each(&lowered);
        }
    }
}

/// The entries of `pack`, in index order, and the articles they cite.
fn entries<'p>(pack: &'p Pack, events: &EventPages) -> (Vec<Indexed<'p>>, Vec<ArticleRef>) {
    let refs = PageRefs::new(pack, events, 0);
    let mut out = Vec::new();
    for (i, a) in pack.actors.iter().enumerate() {
        let mut names = a.name.clone();
        for alias in &a.aliases {
            names.push(' ');
            names.push_str(alias);
        }
        let entry = Entry::Actor(
            "a",
            a.name.clone(),
            a.kind.as_str(),
            refs.href(Target::Actor(i)),
            a.aliases.join("; "),
        );
        out.push(Indexed {
            entry,
            article: None,
            found_by: names,
        });
    }
    for (i, e) in pack.events.iter().enumerate().rev() {
        let summary = e
            .summary
            .as_ref()
            .map(|s| plain_text(s, pack))
            .unwrap_or_default();
        let mut detail = e.date_shown.clone();
        if let Some(place) = &e.location {
            detail.push_str(" · ");
            detail.push_str(place);
        }
        let found_by = format!(
            "{} {} {}",
            e.title,
            summary,
            e.location.as_deref().unwrap_or("")
        );
        let entry = Entry::Event(
            "e",
            e.title.clone(),
            detail,
            refs.href(Target::Event(i)),
            shortened_to(&summary, SHOWN),
        );
        out.push(Indexed {
            entry,
            article: None,
            found_by,
        });
    }
    for k in &pack.key_judgments {
        let text = plain_text(&k.text, pack);
        let confidence = k.confidence.map(|c| c.as_str()).unwrap_or("");
        out.push(Indexed {
            found_by: text.clone(),
            entry: Entry::Judgment("j", confidence, text),
            article: None,
        });
    }
    let newest = crate::routes::articles_newest_first(pack);
    let articles: Vec<ArticleRef> = (0..pack.articles.len())
        .map(|i| {
            let a = &pack.articles[i];
            ArticleRef(
                a.title.clone(),
                format!("{}, {}", a.publisher, a.published_shown),
                refs.href(Target::Article(i)),
            )
        })
        .collect();
    for &i in &newest {
        for k in &pack.articles[i].key_points {
            let text = plain_text(&k.text, pack);
            out.push(Indexed {
                found_by: text.clone(),
                entry: Entry::Point("k", i, text),
                article: Some(i),
            });
        }
    }
    for &i in &newest {
        for (n, paragraph) in pack.articles[i].paragraphs.iter().enumerate() {
            out.push(Indexed {
                found_by: String::new(),
                entry: Entry::Paragraph("p", i, n + 1, paragraph),
                article: Some(i),
            });
        }
    }
    (out, articles)
}

/// How many characters of an event's summary a result shows.
const SHOWN: usize = 160;

/// The terms of the entries and the entries holding each (the first
/// [`MAX_POSTINGS`]), in entry order.
fn postings(entries: &[Indexed<'_>]) -> Vec<(String, Vec<u32>)> {
    let mut terms: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (n, indexed) in entries.iter().enumerate() {
        let n = n as u32;
        let text: &str = match &indexed.entry {
            Entry::Paragraph(.., text) => text,
            _ => &indexed.found_by,
        };
        words(text, |word| {
            if let Some(list) = terms.get_mut(word) {
                if list.len() < MAX_POSTINGS && list.last() != Some(&n) {
                    list.push(n);
                }
            } else {
                terms.insert(word.to_string(), vec![n]);
            }
        });
    }
    terms.into_iter().collect()
}

/// The first `chars` characters of `term` (all of it when shorter).
fn prefix(term: &str, chars: usize) -> &str {
    match term.char_indices().nth(chars) {
        Some((at, _)) => &term[..at],
        None => term,
    }
}

/// The characters of [`postings_text`]: 0–31 end a number, 32–63 carry
/// five more bits of it.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz";

/// A term's entries as the shard holds them: each the difference from the
/// one before, written in five-bit digits, most significant first, every
/// digit but a number's last one taken from the upper half of [`DIGITS`].
/// Most numbers take one or two characters.
fn postings_text(list: &[u32]) -> String {
    let mut out = String::with_capacity(list.len() * 2);
    let mut previous = 0;
    for &n in list {
        let mut d = n - previous;
        previous = n;
        let mut digits = [0u8; 7];
        let mut len = 0;
        loop {
            digits[len] = (d & 31) as u8;
            len += 1;
            d >>= 5;
            if d == 0 {
                break;
            }
        }
        for k in (0..len).rev() {
            let high = if k > 0 { 32 } else { 0 };
            out.push(DIGITS[usize::from(digits[k] + high)] as char);
        }
    }
    out
}

/// Groups the terms (sorted) into shards by prefix: one character, or
/// more for a shard over [`SHARD_BYTES`]. Returns each shard's prefix and
/// its JSON (`{"term":[deltas],...}`).
fn shards(terms: &[(&str, &[u32])], chars: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < terms.len() {
        let key = prefix(terms[start].0, chars);
        let mut end = start + 1;
        while end < terms.len() && prefix(terms[end].0, chars) == key {
            end += 1;
        }
        let group = &terms[start..end];
        let json = shard_json(group);
        // a term shorter than the longer prefix keeps its own shard
        let can_split = group.iter().any(|(t, _)| t.chars().count() > chars);
        if json.len() > SHARD_BYTES && can_split && chars < 8 {
            let (own, longer): (Vec<_>, Vec<_>) = group
                .iter()
                .copied()
                .partition(|(t, _)| t.chars().count() <= chars);
            if !own.is_empty() {
                out.push((key.to_string(), shard_json(&own)));
            }
            out.extend(shards(&longer, chars + 1));
        } else {
            out.push((key.to_string(), json));
        }
        start = end;
    }
    out
}

/// The JSON object of a shard's terms.
fn shard_json(terms: &[(&str, &[u32])]) -> String {
    let map: BTreeMap<&str, String> = terms.iter().map(|(t, l)| (*t, postings_text(l))).collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

/// The hex of `key`'s UTF-8 bytes: a shard's file name on any file system.
fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// The prefix of every shard.
    shards: Vec<&'a str>,
    /// The index of the first entry of each chunk.
    chunks: Vec<u32>,
    /// How many entries there are.
    entries: usize,
    /// [`MAX_POSTINGS`], so the page can say when a word is too common to
    /// list every place.
    max_postings: usize,
}

/// The search data files of `pack`.
pub fn render(pack: &Pack, events: &EventPages) -> Vec<OutputFile> {
    let (entries, articles) = entries(pack, events);
    let (shard_files, chunk_files) = rayon::join(
        || shard_files(&entries),
        || chunk_files(&entries, &articles),
    );
    let mut files = shard_files.1;
    files.extend(chunk_files.1);
    let manifest = Manifest {
        shards: shard_files.0.iter().map(String::as_str).collect(),
        chunks: chunk_files.0,
        entries: entries.len(),
        max_postings: MAX_POSTINGS,
    };
    let json = serde_json::to_string(&manifest).unwrap_or_else(|_| "{}".into());
    files.push(script(
        format!("{FOLDER}manifest.js"),
        format!("briefingSearch.manifest({json});\n"),
    ));
    files
}

/// The shards of terms: their prefixes, and their files.
fn shard_files(entries: &[Indexed<'_>]) -> (Vec<String>, Vec<OutputFile>) {
    let terms = postings(entries);
    let mut sorted: Vec<(&str, &[u32])> = terms
        .iter()
        .map(|(t, l)| (t.as_str(), l.as_slice()))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let shards = shards(&sorted, 1);
    let mut files = Vec::new();
    for (key, json) in &shards {
        let key_json = serde_json::to_string(key).unwrap_or_default();
        files.push(script(
            format!("{FOLDER}t/{}.js", hex(key)),
            format!("briefingSearch.shard({key_json},{json});\n"),
        ));
    }
    (shards.into_iter().map(|(key, _)| key).collect(), files)
}

/// The chunks of entries: the first entry of each, and their files.
fn chunk_files(entries: &[Indexed<'_>], articles: &[ArticleRef]) -> (Vec<u32>, Vec<OutputFile>) {
    let mut files = Vec::new();
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut json = String::with_capacity(CHUNK_BYTES * 2);
    while start < entries.len() {
        // entries up to about CHUNK_BYTES, each article listed once
        let mut listed: Vec<usize> = Vec::new();
        json.clear();
        let mut end = start;
        while end < entries.len() && (json.len() < CHUNK_BYTES || end == start) {
            let local = entries[end].article.map(|article| {
                match listed.iter().position(|&a| a == article) {
                    Some(at) => at,
                    None => {
                        listed.push(article);
                        listed.len() - 1
                    }
                }
            });
            if end > start {
                json.push(',');
            }
            push_entry_json(&mut json, &entries[end].entry, local.unwrap_or(0));
            end += 1;
        }
        let number = chunks.len();
        chunks.push(start as u32);
        let listed: Vec<&ArticleRef> = listed.iter().map(|&a| &articles[a]).collect();
        let listed = serde_json::to_string(&listed).unwrap_or_else(|_| "[]".into());
        files.push(script(
            format!("{FOLDER}e/{number}.js"),
            format!("briefingSearch.chunk({number},{listed},[{json}]);\n"),
        ));
        start = end;
    }
    (chunks, files)
}

/// Appends an entry's JSON in its chunk, where its article (if any) is the
/// chunk's `local`-th. Paragraphs, nearly all the bytes, are written
/// directly; the rest through serde.
fn push_entry_json(out: &mut String, entry: &Entry<'_>, local: usize) {
    let mut digits = itoa::Buffer::new();
    match entry {
        Entry::Paragraph(k, _, n, text) => {
            out.push_str("[\"");
            out.push_str(k);
            out.push_str("\",");
            out.push_str(digits.format(local));
            out.push(',');
            out.push_str(digits.format(*n));
            out.push(',');
            push_json_string(out, text);
            out.push(']');
        }
        Entry::Point(k, _, text) => {
            out.push_str("[\"");
            out.push_str(k);
            out.push_str("\",");
            out.push_str(digits.format(local));
            out.push(',');
            push_json_string(out, text);
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// Appends `text` as a JSON string: quoted, with `"`, `\\` and control
/// characters escaped, and runs of other characters copied at once.
fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // eight bytes at a time while none needs escaping
        if let Some(chunk) = bytes.get(i..i + 8)
            && let Ok(word) = <[u8; 8]>::try_from(chunk)
            && !needs_json_escape(u64::from_le_bytes(word))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0..=0x1f => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // `i` is at an ASCII byte, so both slices end on character bounds
        out.push_str(&text[run..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        run = i + 1;
        i += 1;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// Whether any of the eight bytes of `word` needs escaping in a JSON
/// string: a control character, `"` or `\\`.
fn needs_json_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // a byte below `n` (n <= 0x80) sets its high bit here
    let below = |v: u64, n: u64| v.wrapping_sub(n * ONES) & !v & HIGH;
    let control = below(word, 0x20);
    let quote = below(word ^ (u64::from(b'"') * ONES), 1);
    let backslash = below(word ^ (u64::from(b'\\') * ONES), 1);
    control | quote | backslash != 0
}

/// A script file of the search data.
fn script(path: String, text: String) -> OutputFile {
    OutputFile {
        path,
        contents: Contents::Bytes(text.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn json_strings_read_back_as_written(text in "\\PC{0,30}[\"\\\\\n\t\r\u{1}\u{1f}]{0,3}\\PC{0,10}") {
            let mut out = String::new();
            push_json_string(&mut out, &text);
            let back: String = serde_json::from_str(&out).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn postings_are_differences_in_five_bit_digits() {
        // 0, then +31, +32 (two digits: 1 and 0), +1057 (1·1024 + 1·32 + 1)
        assert_eq!(postings_text(&[0, 31, 63, 1120]), "0vB0BB1");
    }

    /// The definition `words` keeps: runs of `char::is_alphanumeric`,
    /// each character lower-cased.
    fn plain_words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn words_are_those_of_the_definition(text in "[a-zA-Z0-9 ,.’'“”–-]{0,20}(\\PC{0,12}[A-Za-zÜüİßΣ ]{0,8}){0,3}") {
            let mut seen = Vec::new();
            words(&text, |w| seen.push(w.to_string()));
            proptest::prop_assert_eq!(seen, plain_words(&text));
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_lower_cased() {
        let mut seen = Vec::new();
        words(
            "Iran’s “Islamic Resistance” – Kata'ib 2024-01-28 Ünal",
            |w| seen.push(w.to_string()),
        );
        assert_eq!(
            seen,
            [
                "iran",
                "s",
                "islamic",
                "resistance",
                "kata",
                "ib",
                "2024",
                "01",
                "28",
                "ünal"
            ]
        );
    }

    #[test]
    fn large_shards_split_by_longer_prefixes_and_short_terms_keep_theirs() {
        let big: Vec<u32> = (0..MAX_POSTINGS as u32).map(|n| n * 7).collect();
        let names: Vec<String> = (0..40).map(|n| format!("ka{n:02}x")).collect();
        let mut terms: Vec<(&str, &[u32])> = vec![("ka", &[1])];
        terms.extend(names.iter().map(|n| (n.as_str(), big.as_slice())));
        terms.sort_by(|a, b| a.0.cmp(b.0));
        let shards = shards(&terms, 2);
        let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.contains(&"ka"), "{keys:?}");
        assert!(keys.len() > 2, "{keys:?}");
        assert!(shards.iter().all(|(_, json)| json.len() <= SHARD_BYTES));
        // every term is in the shard of the longest prefix it starts with
        for (term, _) in &terms {
            let key = keys
                .iter()
                .filter(|k| term.starts_with(**k))
                .max_by_key(|k| k.len())
                .unwrap_or(&"");
            let (_, json) = shards.iter().find(|(k, _)| k == key).unwrap_or(&shards[0]);
            assert!(json.contains(&format!("\"{term}\"")), "{term} in {key}");
        }
    }
}
