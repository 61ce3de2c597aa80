//! Helpers for integration tests: write a small pack into a temporary
//! folder, run the real `briefing` binary on it, read what it wrote.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A pack in a temporary folder.
pub struct TestPack {
    pub dir: tempfile::TempDir,
}

/// The text of a minimal article used by most fixtures.
pub const ARTICLE_TEXT: &str = "Rockets hit a base in Syria\n\nA caption under the photo. Reuters\n\nKataib Hezbollah said on Monday that it had fired five rockets from the northern Iraqi town of Zummar.\n\nThe US State Department confirmed the attack later on Monday, and Hezbollah Brigades denied nothing.\n\nIran has no respect for Iraqi sovereignty, the “spokesman” said.\n\nComments\n\nPost a comment\n";

/// A valid pack: one article, two actors, one event.
pub fn minimal() -> TestPack {
    let pack = TestPack::new();
    pack.write("content/pack.yaml", "title: Test pack\nmarking: TEST // MARKING\ndate: 2024-06-10\nsummary: |\n  [[kh]] fired rockets [@national-2024-04-22 \"five rockets\"].\nkey_judgments:\n  - text: \"[[kh]] will strike again [@national-2024-04-22].\"\n    confidence: moderate\n");
    pack.write("content/articles/national-2024-04-22.txt", ARTICLE_TEXT);
    pack.write(
        "content/articles/national-2024-04-22.yaml",
        "title: Rockets hit a base in Syria\npublisher: The National\npublished: 2024-04-22\nurl: https://example.com/rockets\nsummary: Rockets were fired.\nkey_points:\n  - text: Five rockets.\n    cites: [{quote: \"five rockets\"}]\nskip:\n  - A caption under the photo. Reuters\nend_at: Comments\n",
    );
    pack.write("content/actors/kh.yaml", "name: Kataib Hezbollah\nkind: armed-group\naliases: [Hezbollah Brigades, Hezbollah]\nsummary: An armed group.\nrelations:\n  - {type: opposes, actor: us, cites: [{article: national-2024-04-22, quote: \"fired five rockets\"}]}\n");
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\n",
    );
    pack.write(
        "content/events/2024.yaml",
        "- id: zummar-rockets\n  date: 2024-04-21\n  title: Rockets fired from Zummar\n  kind: attack\n  status: claimed\n  actors:\n    - {actor: kh, role: perpetrator}\n    - us\n  cites:\n    - {article: national-2024-04-22, quote: \"from the northern Iraqi town of Zummar\"}\n    - {article: national-2024-04-22, quote: \"confirmed the attack\"}\n",
    );
    pack
}

impl TestPack {
    /// An empty pack folder.
    pub fn new() -> TestPack {
        TestPack {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// The pack's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(path, text).expect("write fixture");
    }

    /// Removes a file of the pack.
    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.dir.path().join(rel)).expect("remove fixture");
    }

    /// Runs `briefing ARGS… PACK` (the pack folder last).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.args(args).arg(self.dir.path());
        cmd.output().expect("run briefing")
    }

    /// `briefing build PACK`, expecting success.
    pub fn build_ok(&self) -> String {
        let out = self.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "build failed:\n{stderr}");
        stderr
    }

    /// A file of the built site, as text.
    pub fn page(&self, rel: &str) -> String {
        let path = self.dir.path().join("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }
}

/// Builds the default pack (the project's `content/`) into `out`, expecting
/// success; returns what the build printed.
pub fn build_default_pack(out: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", env!("CARGO_MANIFEST_DIR"), "-o"])
        .arg(out)
        .output()
        .expect("run briefing");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// Every file below `dir`, relative, sorted, with its bytes.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            out.push((rel, fs::read(entry.path()).expect("read")));
        }
    }
    out
}

/// Values of attribute `name` in `html` (our own output: double-quoted).
pub fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Decodes the few entities our output uses.
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of an HTML fragment without its tags.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// Checks every relative link and anchor of the site at `root`: each link
/// must lead to an existing file, and a `#fragment` to an element with that
/// id. Returns the broken ones.
pub fn broken_links(root: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let pages: Vec<(String, Vec<u8>)> = snapshot(root)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect();
    let ids_of = |rel: &str| -> Vec<String> {
        fs::read_to_string(root.join(rel))
            .map(|h| {
                attributes(&h, "id")
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    for (rel, bytes) in &pages {
        let html = String::from_utf8_lossy(bytes);
        let base = Path::new(rel)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for href in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            let href = unescape(href);
            if href.starts_with("http:")
                || href.starts_with("https:")
                || href.starts_with("mailto:")
            {
                continue;
            }
            let (file, fragment) = match href.split_once('#') {
                Some((f, frag)) => (f.to_string(), Some(frag.to_string())),
                None => (href.clone(), None),
            };
            let target = if file.is_empty() {
                PathBuf::from(rel)
            } else {
                normalise(&base.join(&file))
            };
            let target_rel = target.to_string_lossy().into_owned();
            if !root.join(&target).is_file() {
                broken.push(format!("{rel}: {href} (no file {target_rel})"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty())
                && !ids_of(&target_rel).contains(&fragment)
            {
                broken.push(format!("{rel}: {href} (no id {fragment} in {target_rel})"));
            }
        }
    }
    broken
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A generated pack of `articles` articles (20 paragraphs each), one actor
/// per 10 articles and two events per article, each citing its article:
/// big enough that a build takes a while.
pub fn generated(articles: usize) -> TestPack {
    let pack = TestPack::new();
    pack.write("content/pack.yaml", "title: Generated pack\n");
    let actors = (articles / 10).max(2);
    for a in 0..actors {
        pack.write(
            &format!("content/actors/actor-{a}.yaml"),
            &format!("name: Actor Number{a}\nkind: organisation\n"),
        );
    }
    let mut events = String::new();
    for i in 0..articles {
        let mut text = format!("Article {i} title\n\n");
        for p in 0..20 {
            let actor = (i + p) % actors;
            text.push_str(&format!(
                "Paragraph {p} of article {i}: Actor Number{actor} said on Monday that talks would go on, and officials confirmed a meeting for the week after, people familiar with the matter said.\n\n"
            ));
        }
        pack.write(&format!("content/articles/a{i}.txt"), &text);
        pack.write(
            &format!("content/articles/a{i}.yaml"),
            &format!("title: Article {i} title\npublisher: The Generated Times\npublished: 2024-01-{:02}\n", i % 28 + 1),
        );
        for e in 0..2 {
            let actor = (i + e) % actors;
            events.push_str(&format!(
                "- id: e{i}-{e}\n  date: 2024-01-{:02}\n  title: Event {e} of article {i}\n  actors: [actor-{actor}]\n  cites:\n    - {{article: a{i}, quote: \"Paragraph {e} of article {i}: Actor Number{actor} said on Monday\"}}\n",
                i % 28 + 1
            ));
        }
    }
    pack.write("content/events/2024.yaml", &events);
    pack
}

/// Every file under `dir`, as (path relative to `dir`, size), sorted.
pub fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(meta) = entry.metadata() {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, meta.len()));
            }
        }
    }
    out.sort();
    out
}

/// A `briefing serve` process on a free port, killed when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `briefing serve --port 0 PACK` and waits for its address.
pub fn serve(pack: &Path) -> Server {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["serve", "--port", "0"])
        .arg(pack)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start briefing serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("serve printed its address")
            .expect("read stderr");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .expect("port");
        }
    };
    // keep draining stderr so the server never blocks on a full pipe
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

/// A pack of `events` events in 2024, spread over January to April in
/// order, plus one dated only "2024", all with actor `kh`.
pub fn one_full_year(events: usize, summary_words: usize) -> TestPack {
    let pack = minimal();
    let summary = "The text of a long summary. ".repeat(summary_words / 6);
    let mut yaml = String::from(
        "- id: ev-year\n  date: 2024\n  title: All year\n  actors: [kh]\n  cites: [{article: national-2024-04-22}]\n",
    );
    for i in 0..events {
        let month = 1 + i * 4 / events;
        let day = i * 4 % events * 28 / events + 1;
        yaml.push_str(&format!(
            "- id: ev-{i}\n  date: 2024-{month:02}-{day:02}\n  title: Event number {i}\n  actors: [kh]\n  summary: \"{summary}\"\n  cites: [{{article: national-2024-04-22}}]\n"
        ));
    }
    pack.write("content/events/2024.yaml", &yaml);
    pack
}
