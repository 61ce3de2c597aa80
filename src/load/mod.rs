//! Stage 1, load: read a pack's files into typed, unresolved content.
//!
//! Every file is read once and kept with its text, so that later stages can
//! point at any line of it. Problems are collected, not thrown: a pack with
//! ten broken files reports ten errors.

pub mod fast_yaml;
pub mod locate;
pub mod raw;
pub mod theme;
pub mod yaml;

use std::any::Any;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::de::DeserializeOwned;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, SourceFile};
use crate::model::{StaticFile, ids};
use raw::{RawActor, RawArticle, RawEvent, RawPack};

/// The whole pack as read from disk, not yet checked against itself.
#[derive(Debug, Default)]
pub struct Loaded {
    /// `content/pack.yaml`, when it parsed.
    pub pack: Option<(SourceFile, RawPack)>,
    /// Articles with their summaries, ordered by id.
    pub articles: Vec<LoadedArticle>,
    /// Actors, ordered by id.
    pub actors: Vec<LoadedActor>,
    /// Event lists, ordered by file name.
    pub event_files: Vec<(SourceFile, Vec<RawEvent>)>,
    /// `content/static/`, ordered by path.
    pub static_files: Vec<StaticFile>,
    /// Ids whose file exists but did not load (already reported), so that
    /// references to them are not reported again as unknown.
    pub broken_ids: HashSet<String>,
    /// How many captured texts have no summary that loaded: their words are
    /// not searched for mentions.
    pub texts_not_loaded: usize,
}

/// An article's text and its summary.
#[derive(Debug)]
pub struct LoadedArticle {
    /// The id (the files' stem).
    pub id: String,
    /// The captured text (`.txt` or `.md`).
    pub text: SourceFile,
    /// The summary file.
    pub file: SourceFile,
    /// The parsed summary.
    pub raw: RawArticle,
}

/// An actor file.
#[derive(Debug)]
pub struct LoadedActor {
    /// The id (the file's stem).
    pub id: String,
    /// The file.
    pub file: SourceFile,
    /// The parsed actor.
    pub raw: RawActor,
}

/// An event file as read: its events, or the error and the ids it names.
enum EventFile {
    /// The file and its events.
    Parsed(SourceFile, Vec<RawEvent>),
    /// Why it did not parse, and the `id:` values written in it.
    Broken(Box<Diagnostic>, Vec<String>),
    /// Some of its events did not parse: an error for each, and the `id:`
    /// values written in the file. Its events wait until all parse, so that
    /// every later message counts the file's items as the file does.
    Partial(Vec<Diagnostic>, Vec<String>),
}

/// Files already read and parsed, kept between builds by `serve` so that a
/// rebuild after an edit reads and parses only the files that changed
/// (same size and modification time: same content).
#[derive(Default)]
pub struct Cache {
    /// What was read of each file, by path.
    entries: Mutex<HashMap<PathBuf, CacheEntry>>,
    /// A one-off build keeps nothing: no stat calls, no copies.
    off: bool,
}

/// A file that failed to read or parse: the error, and the file when it was read.
type ParseFailure = (Diagnostic, Option<SourceFile>);

/// A file as the cache keeps it.
struct CacheEntry {
    /// Its modification time and size when it was read.
    stamp: (SystemTime, u64),
    /// The file as read.
    file: SourceFile,
    /// What it was parsed into (of the type its reader asked for).
    parsed: Option<Arc<dyn Any + Send + Sync>>,
}

/// The modification time and size of the file at `path`, when it can be read.
fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl Cache {
    /// A cache that keeps nothing, for a one-off build.
    pub fn off() -> Cache {
        Cache {
            off: true,
            ..Cache::default()
        }
    }

    /// The file at `path`, from the cache when it has not changed.
    fn read(&self, root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
        self.parse_with(root, path, |_| Ok(()))
            .map(|(file, ())| file)
            .map_err(|e| e.0)
    }

    /// The file at `path` parsed as a `T`, from the cache when it has not changed.
    fn parse<T: DeserializeOwned + Clone + Send + Sync + 'static>(
        &self,
        root: &Path,
        path: &Path,
    ) -> Result<(SourceFile, T), Diagnostic> {
        self.parse_with(root, path, yaml::parse::<T>)
            .map_err(|e| e.0)
    }

    /// The file at `path` turned into a `T` by `parse`, from the cache when
    /// it has not changed; on a parse error, the error and the file.
    fn parse_with<T: Clone + Send + Sync + 'static>(
        &self,
        root: &Path,
        path: &Path,
        parse: impl FnOnce(&SourceFile) -> Result<T, Diagnostic>,
    ) -> Result<(SourceFile, T), Box<ParseFailure>> {
        let now = if self.off { None } else { stamp(path) };
        if let (Some(now), Ok(entries)) = (now, self.entries.lock())
            && let Some(e) = entries.get(path).filter(|e| e.stamp == now)
            && let Some(value) = e.parsed.as_ref().and_then(|p| p.downcast_ref::<T>())
        {
            return Ok((e.file.clone(), value.clone()));
        }
        let file = read(root, path).map_err(|e| Box::new(*e))?;
        let value = parse(&file).map_err(|d| Box::new((d, Some(file.clone()))))?;
        if let (Some(now), Ok(mut entries)) = (now, self.entries.lock()) {
            entries.insert(
                path.to_path_buf(),
                CacheEntry {
                    stamp: now,
                    file: file.clone(),
                    parsed: Some(Arc::new(value.clone())),
                },
            );
        }
        Ok((file, value))
    }
}

/// Reads the pack at `root` (the folder that holds `content/`).
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Result<Loaded, crate::fatal::Fatal> {
    load_with(root, diagnostics, &Cache::off())
}

/// Reads the pack at `root`, taking unchanged files from `cache`.
pub fn load_with(
    root: &Path,
    diagnostics: &mut Diagnostics,
    cache: &Cache,
) -> Result<Loaded, crate::fatal::Fatal> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(crate::fatal::Fatal::NoContent {
            path: PathBuf::from(display_root(root)),
        });
    }
    let mut loaded = Loaded::default();
    if !folder_readable(&content, root, diagnostics) {
        return Ok(loaded);
    }

    let event_paths: Vec<PathBuf> = yaml_files_below(&content.join("events"), root, diagnostics);
    // the few large event files are parsed from the start, while the article
    // folder is listed and its many small files parsed: both cores are busy
    // from the first file on
    let (event_results, (texts, article_results, actor_results)) = rayon::join(
        || parse_event_files(event_paths, root, cache),
        || load_articles_and_actors(&content, root, cache, &mut loaded, diagnostics),
    );
    for (id, r) in article_results {
        match r {
            Ok(a) => loaded.articles.push(a),
            Err(d) => {
                diagnostics.push(d);
                loaded.broken_ids.insert(id);
            }
        }
    }

    for (id, r) in actor_results {
        match r {
            Ok(a) => loaded.actors.push(a),
            Err(d) => {
                diagnostics.push(d);
                loaded.broken_ids.insert(id);
            }
        }
    }
    let loaded_ids: std::collections::HashSet<&str> =
        loaded.articles.iter().map(|a| a.id.as_str()).collect();
    let unloaded: Vec<String> = texts
        .keys()
        .filter(|stem| !loaded_ids.contains(stem.as_str()))
        .cloned()
        .collect();
    loaded.texts_not_loaded = unloaded.len();
    loaded.broken_ids.extend(unloaded);

    for r in event_results {
        match r {
            EventFile::Parsed(file, events) => loaded.event_files.push((file, events)),
            EventFile::Broken(d, ids) => {
                diagnostics.push(*d);
                loaded.broken_ids.extend(ids);
            }
            EventFile::Partial(errors, ids) => {
                for d in errors {
                    diagnostics.push(d);
                }
                loaded.broken_ids.extend(ids);
            }
        }
    }

    let static_root = content.join("static");
    if static_root.is_dir() {
        for e in files_below(&static_root, root, diagnostics) {
            if let Ok(rel) = e.path().strip_prefix(&static_root) {
                let output_path = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                loaded.static_files.push(StaticFile {
                    output_path,
                    source: e.path().to_path_buf(),
                });
            }
        }
    }
    Ok(loaded)
}

/// Each file's id and what became of it.
type Results<T> = Vec<(String, Result<T, Diagnostic>)>;

/// Reads `pack.yaml` into `loaded`, then lists the articles and actors and
/// parses their files, in parallel. Returns the article texts found, by id.
fn load_articles_and_actors(
    content: &Path,
    root: &Path,
    cache: &Cache,
    loaded: &mut Loaded,
    diagnostics: &mut Diagnostics,
) -> (
    BTreeMap<String, PathBuf>,
    Results<LoadedArticle>,
    Results<LoadedActor>,
) {
    let pack_path = content.join("pack.yaml");
    // a link leading outside the pack is reported, and not read
    if folder_readable(&pack_path, root, diagnostics) {
        match read(root, &pack_path).map_err(|e| e.0) {
            Ok(file) => match yaml::parse::<RawPack>(&file) {
                Ok(pack) => loaded.pack = Some((file, pack)),
                Err(d) => diagnostics.push(d),
            },
            Err(d) => {
                diagnostics.push(d.with_help("create content/pack.yaml with at least `title: …`"))
            }
        }
    }

    // articles: pair <id>.yaml with <id>.txt or <id>.md
    let mut texts: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut summaries: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (path, stem, ext) in files_in(&content.join("articles"), diagnostics, root) {
        match ext.as_str() {
            "txt" | "md" => {
                if let Some(other) = texts.insert(stem.clone(), path.clone()) {
                    diagnostics.push(
                        Diagnostic::general(
                            format!(
                                "article `{stem}` has two texts: {} and {}",
                                relative(root, &other).display(),
                                relative(root, &path).display()
                            ),
                            Some(&relative(root, &path)),
                        )
                        .with_help("keep one of them"),
                    );
                }
            }
            "yaml" | "yml" => {
                summaries.insert(stem, path);
            }
            _ => {}
        }
    }
    for (stem, path) in &texts {
        if !summaries.contains_key(stem) {
            diagnostics.push(
                Diagnostic::general(
                    format!("article text `{stem}` has no summary file"),
                    Some(&relative(root, path)),
                )
                .with_help(format!(
                    "write content/articles/{stem}.yaml (`briefing new article` drafts one)"
                )),
            );
        }
    }
    let articles: Vec<_> = summaries
        .into_iter()
        .filter_map(|(stem, path)| match texts.get(&stem) {
            Some(text) => Some((stem, path, text.clone())),
            None => {
                diagnostics.push(
                    Diagnostic::general(format!("article summary `{stem}` has no text file"), Some(&relative(root, &path)))
                        .with_help(format!("put the captured article in content/articles/{stem}.txt, or remove the summary")),
                );
                None
            }
        })
        .collect();
    let actors: Vec<_> = files_in(&content.join("actors"), diagnostics, root)
        .into_iter()
        .filter(|(_, _, ext)| ext == "yaml" || ext == "yml")
        .collect();
    let (article_results, actor_results) = rayon::join(
        || parse_articles(articles, root, cache),
        || parse_actors(actors, root, cache),
    );
    (texts, article_results, actor_results)
}

/// The `id:` values of an event file that did not parse, read line by line.
fn ids_written_in(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .trim_start()
                .strip_prefix("id:")
        })
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The error of a file that is not UTF-8.
const NOT_UTF8: &str = "the file is not UTF-8 text";

/// The text of the file at `path`. A file that is not UTF-8 is an error,
/// given with the whole file read as well as it can be (each bad byte as
/// U+FFFD), so that what it holds (its ids) is still known and nothing else
/// is reported for it.
fn read(root: &Path, path: &Path) -> Result<SourceFile, Box<ParseFailure>> {
    let shown = relative(root, path);
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text);
                Ok(SourceFile::new(shown, readable(text)))
            }
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let text = readable(String::from_utf8_lossy(&bytes).into_owned());
                let file = SourceFile::new(shown, text.clone());
                let error = Diagnostic::error(NOT_UTF8, &file, Position::of_offset(&text, valid))
                    .with_help("save it as UTF-8");
                Err(Box::new((error, Some(file))))
            }
        },
        Err(err) => Err(Box::new((
            Diagnostic::general(format!("cannot read the file: {err}"), Some(&shown)),
            None,
        ))),
    }
}

/// The text of a file as the build reads it: old Mac line endings read as
/// line feeds ([`lone_cr_as_lf`]), and the private-use characters the build
/// uses as its own placeholders (U+E000–U+E003) replaced by U+FFFD, so that
/// no content can forge one.
pub fn readable(text: String) -> String {
    let text = lone_cr_as_lf(text);
    match crate::model::without_placeholders(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// `text` with each carriage return that ends a line on its own (old Mac
/// line endings) read as a line feed, so that lines count and paragraphs
/// split as the editor shows them; CRLF stays as it is. The file itself is
/// never changed.
fn lone_cr_as_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, _) in text.match_indices('\r') {
        if bytes.get(at + 1) != Some(&b'\n') {
            out.push_str(&text[from..at]);
            out.push('\n');
            from = at + 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Parses the articles' summaries and reads their texts, in parallel.
fn parse_articles(
    articles: Vec<(String, PathBuf, PathBuf)>,
    root: &Path,
    cache: &Cache,
) -> Vec<(String, Result<LoadedArticle, Diagnostic>)> {
    articles
        .into_par_iter()
        .map(|(id, path, text_path)| {
            let result = (|| {
                let (file, raw) = cache.parse::<RawArticle>(root, &path)?;
                let text = cache.read(root, &text_path)?;
                Ok(LoadedArticle {
                    id: id.clone(),
                    text,
                    file,
                    raw,
                })
            })();
            (id, result)
        })
        .collect()
}

/// Parses the actor files, in parallel.
fn parse_actors(
    actors: Vec<(PathBuf, String, String)>,
    root: &Path,
    cache: &Cache,
) -> Vec<(String, Result<LoadedActor, Diagnostic>)> {
    actors
        .into_par_iter()
        .map(|(path, id, _)| {
            let result = (|| {
                let (file, raw) = cache.parse::<RawActor>(root, &path)?;
                Ok(LoadedActor {
                    id: id.clone(),
                    file,
                    raw,
                })
            })();
            (id, result)
        })
        .collect()
}

/// Parses the event files, in parallel.
fn parse_event_files(paths: Vec<PathBuf>, root: &Path, cache: &Cache) -> Vec<EventFile> {
    paths
        .into_par_iter()
        .map(|path| {
            let parsed = cache.parse_with(root, &path, |file| {
                if file.text.trim().is_empty() {
                    Ok(Vec::new())
                } else {
                    yaml::parse::<Vec<RawEvent>>(file)
                }
            });
            match parsed {
                Ok((file, events)) => EventFile::Parsed(file, events),
                Err(e) => {
                    let (d, file) = *e;
                    // a list of events whose items can be read one by one:
                    // every bad item is reported
                    let each = file
                        .as_ref()
                        .filter(|_| d.message != NOT_UTF8)
                        .and_then(yaml::item_errors::<RawEvent>);
                    match (file, each) {
                        (Some(file), Some(errors)) if !errors.is_empty() => {
                            EventFile::Partial(errors, ids_written_in(&file.text))
                        }
                        (file, _) => {
                            let ids = file.map(|f| ids_written_in(&f.text)).unwrap_or_default();
                            EventFile::Broken(Box::new(d), ids)
                        }
                    }
                }
            }
        })
        .collect()
}

/// Checks a link found in the pack (`path`, a file or folder that is a
/// symbolic link): it may lead anywhere inside the pack, which then reads
/// what it leads to, but not outside it (a pack reads nothing outside
/// itself). `root` is the pack's folder.
fn link_inside_pack(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let shown = relative(root, path);
    let inside = root.canonicalize().ok();
    match path.canonicalize() {
        Ok(target) if inside.as_ref().is_some_and(|root| target.starts_with(root)) => Ok(()),
        Ok(target) => Err(Diagnostic::general(
            format!(
                "`{}` is a link to {}, outside the pack",
                shown.display(),
                target.display()
            ),
            Some(&shown),
        )
        .with_help("copy what it links to into the pack: a pack reads nothing outside its folder")),
        Err(e) => Err(Diagnostic::general(
            format!(
                "`{}` is a link that leads nowhere readable: {e}",
                shown.display()
            ),
            Some(&shown),
        )
        .with_help("remove the link, or make it lead to a file inside the pack")),
    }
}

/// Whether `dir` (a folder, or a file) may be read: it is not a link, or a
/// link inside the pack (else the error is recorded).
fn folder_readable(dir: &Path, root: &Path, diagnostics: &mut Diagnostics) -> bool {
    if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink())
        && let Err(d) = link_inside_pack(root, dir)
    {
        diagnostics.push(d);
        return false;
    }
    true
}

/// The files directly inside `dir` as (path, stem, extension), by name.
/// Names that are not valid ids are reported; hidden files are skipped.
fn files_in(
    dir: &Path,
    diagnostics: &mut Diagnostics,
    root: &Path,
) -> Vec<(PathBuf, String, String)> {
    let mut out = Vec::new();
    if !folder_readable(dir, root, diagnostics) {
        return out;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        match entry.file_type() {
            // a link counts as what it points at, inside the pack
            Ok(t) if t.is_symlink() => {
                let path = entry.path();
                match link_inside_pack(root, &path) {
                    Ok(()) if path.is_file() => paths.push(path),
                    Ok(()) => {}
                    Err(d) => diagnostics.push(d),
                }
            }
            Ok(t) if t.is_file() => paths.push(entry.path()),
            _ => {}
        }
    }
    // all in one folder: the same order as sorting whole paths, far cheaper
    paths.sort_unstable_by(|a, b| a.file_name().cmp(&b.file_name()));
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) => (s.to_string(), e.to_ascii_lowercase()),
            None => (name.clone(), String::new()),
        };
        if !matches!(ext.as_str(), "txt" | "md" | "yaml" | "yml") {
            continue;
        }
        if let Err(why) = ids::check_id(&stem) {
            diagnostics.push(
                Diagnostic::general(
                    format!("`{stem}` is not a valid id: {why}"),
                    Some(&relative(root, &path)),
                )
                .with_help(format!(
                    "rename the file to `{}.{ext}`",
                    ids::suggest_id(&stem)
                )),
            );
            continue;
        }
        out.push((path, stem, ext));
    }
    out
}

/// Every file below `dir`, following links that stay inside the pack
/// (a link leading outside is an error, and not followed), sorted by name.
fn files_below(dir: &Path, root: &Path, diagnostics: &mut Diagnostics) -> Vec<walkdir::DirEntry> {
    let mut out = Vec::new();
    if !dir.exists() || !folder_readable(dir, root, diagnostics) {
        return out;
    }
    let mut walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                if err.path().is_some() {
                    diagnostics.push(Diagnostic::general(
                        format!("cannot read {}: {err}", relative(root, dir).display()),
                        Some(&relative(root, dir)),
                    ));
                }
                continue;
            }
        };
        if entry.path_is_symlink()
            && entry.depth() > 0
            && let Err(d) = link_inside_pack(root, entry.path())
        {
            diagnostics.push(d);
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_file() {
            out.push(entry);
        }
    }
    out
}

/// Every `.yaml` file below `dir`, sorted by path.
fn yaml_files_below(dir: &Path, root: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = files_below(dir, root, diagnostics)
        .into_iter()
        .map(|e| e.into_path())
        .filter(|p| {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            !hidden && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    out.sort();
    out
}

/// `path` relative to the pack root, for messages.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The pack's folder as messages name it ("this folder" for the current one).
fn display_root(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        "this folder".to_string()
    } else {
        root.display().to_string()
    }
}
