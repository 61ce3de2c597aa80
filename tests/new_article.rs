//! `briefing new article FILE.txt`: drafting the summary of each of
//! the five seed articles in a temporary pack, then checking that the draft
//! fails `briefing check` while its TODOs are left and passes once they are
//! filled in.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use briefing::draft::draft_article;
use briefing::load::raw::RawArticle;
use briefing::resolve::body;

type TestResult = Result<(), Box<dyn Error>>;

/// What the draft of a seed article should recognise.
struct Seed {
    id: &'static str,
    title: &'static str,
    publisher: Option<&'static str>,
    author: Option<&'static str>,
    published: Option<&'static str>,
    updated: Option<&'static str>,
    end_at: Option<&'static str>,
}

const SEEDS: [Seed; 5] = [
    Seed {
        id: "newsroom-2024-04-22",
        title: "Iranian-backed groups launch rockets at US base in Syria",
        publisher: Some("Newsroom"),
        author: Some("Selin Atay"),
        published: None,
        updated: None,
        end_at: Some("WARNING: Comments"),
    },
    Seed {
        id: "rudaw-2024-04-24",
        title: "Pentagon calls on Baghdad to protect American troops in Iraq, Syria",
        publisher: Some("Rudaw"),
        author: None,
        published: Some("2024-04-24"),
        updated: None,
        end_at: Some("Comments"),
    },
    Seed {
        id: "the-national-2024-04-22",
        title: "Iran-backed Iraqi militias resume attacks on US forces",
        publisher: None,
        author: None,
        published: Some("2024-04-22"),
        updated: Some("2024-04-22"),
        end_at: None,
    },
    Seed {
        id: "the-national-2024-06-09",
        title: "Iran-backed militias in Iraq step up warnings of attacks on US troops",
        publisher: None,
        author: None,
        published: Some("2024-06-09"),
        updated: Some("2024-06-09"),
        end_at: None,
    },
    Seed {
        id: "the-new-arab-2023-10-25",
        title: "Anti-US armed groups in Iraq shrug aside warnings to cease attacks over Israel's war on Gaza",
        publisher: None,
        author: None,
        published: Some("2023-10-25"),
        updated: None,
        end_at: None,
    },
];

const PUBLISHER_TODO: &str = "publisher: {TODO: \"the publisher's name\"}";

fn seed_articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles")
}

/// A temporary pack holding only pack.yaml and the seed article's text.
fn pack_with(id: &str) -> Result<(tempfile::TempDir, PathBuf), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("content/articles");
    fs::create_dir_all(&articles)?;
    fs::write(dir.path().join("content/pack.yaml"), "title: T\n")?;
    let text = articles.join(format!("{id}.txt"));
    fs::copy(seed_articles().join(format!("{id}.txt")), &text)?;
    Ok((dir, text))
}

fn check(pack: &Path) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("check")
        .arg(pack)
        .output()
}

/// A string as a YAML double-quoted scalar.
fn yaml_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The summary as the loader reads it (with the publisher placeholder filled,
/// as it is not a name).
fn parse(draft: &str) -> Result<RawArticle, serde_yaml::Error> {
    serde_yaml::from_str(&draft.replace(PUBLISHER_TODO, "publisher: \"P\""))
}

/// The body the build would make of `text` with this summary.
fn body_of(text: &str, summary: &RawArticle) -> body::Body {
    body::split(text, body::Cut::of(summary))
}

/// The draft with every TODO replaced by a real value; the key point quotes
/// the first words of the longest body paragraph.
fn fill(draft: &str, body: &body::Body) -> Result<String, Box<dyn Error>> {
    let longest = body
        .paragraphs
        .iter()
        .max_by_key(|p| p.len())
        .ok_or("the draft leaves no body")?;
    let quote = longest
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::new();
    for line in draft.lines() {
        let t = line.trim_start();
        let replaced = if t.starts_with("publisher: {TODO") {
            "publisher: \"A publisher\"".to_string()
        } else if t.starts_with("published: \"TODO\"") {
            "published: \"2024-04-22\"".to_string()
        } else if t.starts_with("- text: \"TODO") {
            "  - text: \"A key point.\"".to_string()
        } else if t.starts_with("- {quote: \"TODO") {
            format!("      - {{quote: {}}}", yaml_quoted(&quote))
        } else {
            line.to_string()
        };
        out.push_str(&replaced);
        out.push('\n');
    }
    let left: Vec<&str> = out
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && l.contains("TODO"))
        .collect();
    if !left.is_empty() {
        return Err(format!("TODOs left after filling: {left:?}").into());
    }
    Ok(out)
}

#[test]
fn drafts_recognise_what_the_seed_articles_say() -> TestResult {
    for seed in &SEEDS {
        let (_dir, text_path) = pack_with(seed.id)?;
        let written = draft_article(&text_path)?;
        assert_eq!(written, text_path.with_extension("yaml"), "{}", seed.id);
        let draft = fs::read_to_string(&written)?;
        let raw = parse(&draft)?;
        assert_eq!(raw.title, seed.title, "{}", seed.id);
        match seed.publisher {
            Some(p) => assert_eq!(raw.publisher, p, "{}", seed.id),
            None => assert!(draft.contains(PUBLISHER_TODO), "{}:\n{draft}", seed.id),
        }
        assert_eq!(raw.author.as_deref(), seed.author, "{}", seed.id);
        assert_eq!(
            raw.published,
            seed.published.unwrap_or("TODO"),
            "{}",
            seed.id
        );
        assert_eq!(raw.updated.as_deref(), seed.updated, "{}", seed.id);
        assert_eq!(raw.end_at.as_deref(), seed.end_at, "{}", seed.id);
        assert!(draft.contains("{quote: \"TODO: a verbatim passage\"}"));
    }
    Ok(())
}

#[test]
fn draft_skips_give_the_body_of_the_hand_written_summaries() -> TestResult {
    for seed in &SEEDS {
        let (_dir, text_path) = pack_with(seed.id)?;
        let text = fs::read_to_string(&text_path)?;
        let draft = fs::read_to_string(draft_article(&text_path)?)?;
        let hand: RawArticle = serde_yaml::from_str(&fs::read_to_string(
            seed_articles().join(format!("{}.yaml", seed.id)),
        )?)?;
        // lines stuck to a paragraph the draft does not recognise (Rudaw's
        // "A+ A-") are left to the analyst's `skip_lines`: the draft finds
        // every other cut
        let mut drafted_summary = parse(&draft)?;
        for line in &hand.skip_lines {
            if !drafted_summary.skip_lines.contains(line) {
                drafted_summary.skip_lines.push(line.clone());
            }
        }
        let drafted = body_of(&text, &drafted_summary);
        let expected = body_of(&text, &hand);
        assert_eq!(
            drafted.paragraphs, expected.paragraphs,
            "{}:\n{draft}",
            seed.id
        );
        assert!(drafted.unused_skips.is_empty(), "{}:\n{draft}", seed.id);
        assert!(!drafted.end_at_unused, "{}:\n{draft}", seed.id);
    }
    Ok(())
}

#[test]
fn drafting_never_overwrites_a_summary() -> TestResult {
    for seed in &SEEDS {
        let (_dir, text_path) = pack_with(seed.id)?;
        let written = draft_article(&text_path)?;
        fs::write(&written, "title: edited by hand\n")?;
        let err = match draft_article(&text_path) {
            Ok(p) => return Err(format!("{}: overwrote {}", seed.id, p.display()).into()),
            Err(e) => e,
        };
        assert!(
            err.to_string().contains("already exists"),
            "{}: {err}",
            seed.id
        );
        assert_eq!(fs::read_to_string(&written)?, "title: edited by hand\n");
    }
    // nor a summary spelt .yml
    let (_dir, text_path) = pack_with("rudaw-2024-04-24")?;
    fs::write(text_path.with_extension("yml"), "title: x\n")?;
    let err = draft_article(&text_path)
        .err()
        .ok_or("drafted beside a .yml")?;
    assert!(err.to_string().contains("already exists"), "{err}");
    assert!(!text_path.with_extension("yaml").exists());
    Ok(())
}

#[test]
fn drafts_fail_the_build_until_their_todos_are_filled() -> TestResult {
    for seed in &SEEDS {
        let (dir, text_path) = pack_with(seed.id)?;
        let text = fs::read_to_string(&text_path)?;
        let yaml_path = draft_article(&text_path)?;
        let draft = fs::read_to_string(&yaml_path)?;

        let out = check(dir.path())?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", seed.id);
        assert!(
            stderr.contains(&format!("content/articles/{}.yaml:", seed.id)),
            "{}: {stderr}",
            seed.id
        );

        let filled = fill(&draft, &body_of(&text, &parse(&draft)?))?;
        fs::write(&yaml_path, &filled)?;
        let out = check(dir.path())?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {stderr}\n{filled}",
            seed.id
        );
        assert!(
            !stderr.contains("matches no paragraph"),
            "{}: {stderr}",
            seed.id
        );
        assert!(!stderr.contains("`end_at`"), "{}: {stderr}", seed.id);
        // the captured text is never modified
        assert_eq!(fs::read_to_string(&text_path)?, text, "{}", seed.id);
    }
    Ok(())
}

#[test]
fn each_placeholder_alone_fails_the_build() -> TestResult {
    // the-national-2024-04-22 has every placeholder filled in turn but one
    let (dir, text_path) = pack_with("the-national-2024-04-22")?;
    let text = fs::read_to_string(&text_path)?;
    let yaml_path = draft_article(&text_path)?;
    let draft = fs::read_to_string(&yaml_path)?;
    let filled = fill(&draft, &body_of(&text, &parse(&draft)?))?;
    let publisher_line = "publisher: \"A publisher\"";
    let published_line = filled
        .lines()
        .find(|l| l.starts_with("published: "))
        .ok_or("no published line")?
        .to_string();
    let quote_line = filled
        .lines()
        .find(|l| l.trim_start().starts_with("- {quote: "))
        .ok_or("no quote line")?
        .to_string();
    let placeholders = [
        (publisher_line.to_string(), PUBLISHER_TODO.to_string()),
        (published_line, "published: \"TODO\"".to_string()),
        (
            quote_line,
            "      - {quote: \"TODO: a verbatim passage\"}".to_string(),
        ),
    ];
    for (real, todo) in &placeholders {
        let one_left = filled.replace(real.as_str(), todo);
        assert_ne!(one_left, filled, "{real}");
        fs::write(&yaml_path, &one_left)?;
        let out = check(dir.path())?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{todo}: {stderr}");
        let line = one_left
            .lines()
            .position(|l| l == todo)
            .ok_or("placeholder line")?
            + 1;
        assert!(
            stderr.contains(&format!("the-national-2024-04-22.yaml:{line}:")),
            "{todo} is on line {line}: {stderr}"
        );
    }
    Ok(())
}

#[test]
fn only_article_texts_are_drafted() -> TestResult {
    let dir = tempfile::tempdir()?;
    let cases = [
        ("notes.pdf", "Title\n\nBody.\n", "not a captured article"),
        ("Bad Name.txt", "Title\n\nBody.\n", "not a valid article id"),
        ("blank.txt", " \n\n", "is empty"),
    ];
    for (name, content, message) in cases {
        let path = dir.path().join(name);
        fs::write(&path, content)?;
        let err = draft_article(&path).err().ok_or(name)?;
        assert!(err.to_string().contains(message), "{name}: {err}");
        assert!(!path.with_extension("yaml").exists(), "{name}");
    }
    let missing = dir.path().join("missing.txt");
    let err = draft_article(&missing)
        .err()
        .ok_or("drafted a missing file")?;
    assert!(err.to_string().contains("cannot read"), "{err}");
    assert!(!missing.with_extension("yaml").exists());
    Ok(())
}
