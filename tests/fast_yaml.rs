//! The fast YAML reader against the YAML parser: whenever the fast reader
//! answers, its answer is the parser's. Checked on every YAML file of the
//! packs in the repository (which it must all read itself: that is the
//! speed a pack gets) and on generated files, property-tested (a short run
//! by default; `PROPTEST_CASES=100000 cargo test --release --test
//! fast_yaml` for a long one).

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use briefing::load::fast_yaml;
use briefing::load::raw::{RawActor, RawArticle, RawEvent, RawPack};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde::de::DeserializeOwned;

/// Asserts that the fast reader gives the parser's value whenever it gives
/// one; returns whether it did.
fn agrees<T: DeserializeOwned + Debug>(text: &str) -> Result<bool, TestCaseError> {
    let Some(fast) = fast_yaml::from_str::<T>(text) else {
        return Ok(false);
    };
    match serde_yaml::from_str::<T>(text) {
        Ok(parsed) => {
            prop_assert_eq!(format!("{fast:?}"), format!("{parsed:?}"), "for {:?}", text);
            Ok(true)
        }
        Err(err) => Err(TestCaseError::fail(format!(
            "the fast reader read {text:?} as {fast:?}; the parser says: {err}"
        ))),
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// Every YAML file of the default pack and of the test packs is read by
/// the fast reader, as the parser reads it.
#[test]
fn every_pack_file_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("content"), &mut files);
    yaml_files(&root.join("tests"), &mut files);
    assert!(files.len() >= 55, "found only {} files", files.len());
    let mut read_fast = 0;
    let mut default_pack_slow = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a UTF-8 file");
        let name = path.to_string_lossy();
        let fast = if name.ends_with("pack.yaml") {
            agrees::<RawPack>(&text)
        } else if name.contains("/articles/") {
            agrees::<RawArticle>(&text)
        } else if name.contains("/actors/") {
            agrees::<RawActor>(&text)
        } else if name.contains("/events/") {
            agrees::<Vec<RawEvent>>(&text)
        } else {
            continue;
        }
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        read_fast += usize::from(fast);
        if !fast && path.starts_with(root.join("content")) {
            default_pack_slow.push(name.into_owned());
        }
    }
    assert!(
        default_pack_slow.is_empty(),
        "left to the parser: {default_pack_slow:?}"
    );
    assert!(read_fast >= 55, "only {read_fast} files read fast");
}

/// Scalars that YAML reads in many ways.
const WORDS: &[&str] = &[
    "text",
    "Two words",
    "yes",
    "No",
    "on",
    "~",
    "null",
    "NULL",
    "true",
    "False",
    "1",
    "-1",
    "+2",
    "0x1F",
    "0o7",
    "1e3",
    ".5",
    "1_000",
    ".inf",
    "-.inf",
    ".nan",
    "nan",
    "inf",
    "2024-01-31",
    "early 2024-01",
    "a:b",
    "a: b",
    "a:",
    "#c",
    "a #c",
    "a#c",
    "it's",
    "\"q\"",
    "[x]",
    "{y}",
    "x, y",
    "-x",
    "- x",
    "?x",
    "? x",
    ":x",
    "é",
    "“curly”",
    "\u{85}",
    "\u{2028}",
    "\t",
    "&a",
    "*a",
    "!t",
    "|",
    ">",
    "%",
    "@",
    "`",
    "x ",
    " x",
    "a\\b",
    "\\\"",
    "",
    "-",
    "e-1",
    "x]",
    "x}",
    "a,b",
    "\u{feff}",
    "\u{1}",
];

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_string)
}

/// A scalar as written: plain, double-quoted (with escapes) or
/// single-quoted.
fn scalar() -> impl Strategy<Value = String> {
    (prop::collection::vec(word(), 1..3), 0..5u8).prop_map(|(words, style)| {
        let text = words.join(" ");
        match style {
            0 | 1 => text,
            2 => format!(
                "\"{}\"",
                text.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('é', "\\u00e9")
            ),
            3 => format!(
                "\"{}\"",
                text.replace('\\', "\\\\")
                    .replace('"', "\\x22")
                    .replace('t', "\\t")
                    .replace('x', "\\U00000078")
                    .replace(' ', "\\_")
            ),
            _ => format!("'{}'", text.replace('\'', "''")),
        }
    })
}

/// A scalar as most packs write one, sometimes quoted, or a tricky one.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z0-9 ,.'’()-]{0,24}[A-Za-z0-9.)]",
        1 => "[A-Za-z][A-Za-z0-9 ,.:#'-]{0,24}".prop_map(|s| format!("\"{s}\"")),
        1 => scalar(),
    ]
}

/// A value on one line: a scalar or a flow collection.
fn inline() -> impl Strategy<Value = String> {
    let leaf = scalar();
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..3).prop_map(|v| {
                let entries: Vec<String> =
                    v.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", entries.join(", "))
            }),
        ]
    })
}

/// A block value, rendered at `indent`, as the lines after its key.
#[derive(Clone, Debug)]
enum Block {
    Inline(String),
    Literal(Vec<String>, bool),
    Map(Vec<(String, Block)>),
    Seq(Vec<Block>),
}

fn block() -> impl Strategy<Value = Block> {
    let leaf = prop_oneof![
        4 => inline().prop_map(Block::Inline),
        1 => (prop::collection::vec(prop_oneof!["[a-z #:]{0,12}", word()], 0..4), any::<bool>())
            .prop_map(|(lines, strip)| Block::Literal(lines, strip)),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(("[a-z][a-z_-]{0,5}", inner.clone()), 1..4).prop_map(Block::Map),
            prop::collection::vec(inner, 1..4).prop_map(Block::Seq),
        ]
    })
}

/// Writes `block` as the value after `key:` (or as a list item) at
/// `indent`, with `step` more spaces per level.
fn render(block: &Block, indent: usize, step: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match block {
        Block::Inline(v) => {
            out.push(' ');
            out.push_str(v);
            out.push('\n');
        }
        Block::Literal(lines, strip) => {
            out.push_str(if *strip { " |-\n" } else { " |\n" });
            for line in lines {
                if !line.trim().is_empty() {
                    out.push_str(&pad);
                    out.push_str(&" ".repeat(step));
                }
                out.push_str(line);
                out.push('\n');
            }
        }
        Block::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&pad);
                out.push_str(&" ".repeat(step));
                out.push_str(k);
                out.push(':');
                render(v, indent + step, step, out);
            }
        }
        Block::Seq(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&pad);
                out.push_str(&" ".repeat(step));
                out.push('-');
                render(item, indent + step, step, out);
            }
        }
    }
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(("[a-z][a-z_]{0,5}", block()), 1..5),
        1..4usize,
    )
        .prop_map(|(entries, step)| {
            let mut out = String::new();
            for (k, v) in entries {
                out.push_str(&k);
                out.push(':');
                render(&v, 0, step, &mut out);
            }
            out
        })
}

/// An event as a pack writes it, with values of every kind of spelling.
fn event_file() -> impl Strategy<Value = String> {
    let item = (
        value(),
        value(),
        value(),
        prop::option::of(value()),
        prop::collection::vec((value(), prop::option::of(value())), 0..3),
        prop::collection::vec((value(), value()), 0..3),
        any::<bool>(),
    )
        .prop_map(|(id, date, title, summary, actors, cites, flow)| {
            let mut out = format!("- id: {id}\n  date: {date}\n  title: {title}\n");
            if let Some(summary) = summary {
                out.push_str(&format!("  summary: |\n    {summary}\n\n    more\n"));
            }
            if !actors.is_empty() {
                out.push_str("  actors:\n");
                for (actor, role) in actors {
                    match (role, flow) {
                        (Some(role), true) => {
                            out.push_str(&format!("    - {{actor: {actor}, role: {role}}}\n"))
                        }
                        (Some(role), false) => {
                            out.push_str(&format!("    - actor: {actor}\n      role: {role}\n"))
                        }
                        (None, _) => out.push_str(&format!("    - {actor}\n")),
                    }
                }
            }
            if !cites.is_empty() {
                out.push_str("  cites:\n");
                for (article, quote) in cites {
                    out.push_str(&format!("  - article: {article}\n    quote: {quote}\n"));
                }
            }
            out
        });
    prop::collection::vec(item, 1..4).prop_map(|items| items.join("\n"))
}

/// Small edits of a file: a character removed, doubled or inserted.
fn mutated(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (
        text,
        any::<prop::sample::Index>(),
        0..4u8,
        prop::sample::select(
            &[
                " ", "\n", "-", ":", "\"", "'", "#", "|", "  ", "\t", "{", "[",
            ][..],
        ),
    )
        .prop_map(|(text, at, how, insert)| {
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            if cuts.is_empty() {
                return text;
            }
            let i = cuts[at.index(cuts.len())];
            let c = text[i..].chars().next().map_or(0, char::len_utf8);
            match how {
                0 => format!("{}{}", &text[..i], &text[i + c..]),
                1 => format!("{}{}", &text[..i + c], &text[i..]),
                2 => format!("{}{}{}", &text[..i], insert, &text[i..]),
                _ => text,
            }
        })
}

/// How many files each property tries: 400, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn generated_documents(text in mutated(document())) {
        agrees::<serde_json::Value>(&text)?;
    }

    #[test]
    fn generated_events(text in mutated(event_file())) {
        agrees::<Vec<RawEvent>>(&text)?;
    }
}

/// The generators reach the fast reader often, or the properties above
/// would prove little.
#[test]
fn most_generated_events_are_read_fast() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (events, documents) = (event_file(), document());
    let (mut fast_events, mut fast_documents) = (0, 0);
    for _ in 0..200 {
        let text = events.new_tree(&mut runner).expect("a value").current();
        fast_events += usize::from(agrees::<Vec<RawEvent>>(&text).expect("agreement"));
        let text = documents.new_tree(&mut runner).expect("a value").current();
        fast_documents += usize::from(agrees::<serde_json::Value>(&text).expect("agreement"));
    }
    assert!(
        fast_events > 40,
        "only {fast_events} of 200 event files read fast"
    );
    assert!(
        fast_documents > 20,
        "only {fast_documents} of 200 documents read fast"
    );
}
