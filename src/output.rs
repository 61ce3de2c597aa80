//! Stage 4, output: write the rendered site into the output folder
//! atomically. Everything is written to a temporary sibling folder first and
//! swapped into place only when every file was written, so a failed build
//! leaves the previous site as it was. A folder that briefing did not write
//! is never replaced.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::fatal::Fatal;
use crate::render::{Contents, OutputFile, Sink};

/// The file that marks a folder as written by briefing (and so safe to replace).
pub const MARKER: &str = ".briefing-output";
const MARKER_TEXT: &str =
    "This folder is written by `briefing build` and replaced on every build.\n";

fn io_error(what: &'static str, path: &Path, err: io::Error) -> Fatal {
    Fatal::io(what, path, err)
}

/// The absolute form of `path`, its links resolved as far as it exists
/// (the rest of it, not yet created, appended as written).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            out.extend(rest.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Refuses an output folder inside the pack's `content/` or `themes/`:
/// the site would be read back as content, or copied into itself.
pub fn outside_sources(root: &Path, out: &Path) -> Result<(), Fatal> {
    let out = resolved(out);
    for folder in ["content", "themes"] {
        let source = resolved(&root.join(folder));
        if out.starts_with(&source) {
            return Err(Fatal::OutputInsideSources {
                path: out,
                folder: source,
            });
        }
    }
    Ok(())
}

/// True when `dir` may be replaced: it does not exist, is empty, or holds
/// briefing's marker.
pub fn replaceable(dir: &Path) -> Result<bool, Fatal> {
    if !dir.exists() {
        return Ok(true);
    }
    if !dir.is_dir() {
        return Ok(false);
    }
    if dir.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(dir).map_err(|e| io_error("read", dir, e))?;
    Ok(entries.next().is_none())
}

/// A path under the output folder, refusing anything that would leave it.
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf, Fatal> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(Fatal::OutsideOutput {
            path: rel.to_string(),
        });
    }
    Ok(base.join(rel_path))
}

/// A site being written: files go into a temporary sibling of the output
/// folder as they are rendered; [`Staging::commit`] swaps it into place.
/// Dropped without a commit, it removes itself and the output is untouched.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    made_dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Prepares to replace `out`, refusing a folder briefing did not write.
    pub fn create(out: &Path) -> Result<Staging, Fatal> {
        if !replaceable(out)? {
            return Err(Fatal::ForeignOutput {
                path: out.to_path_buf(),
            });
        }
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error("remove", &dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            parent,
            name,
            made_dirs: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Marks the site as briefing's and moves it into place.
    pub fn commit(mut self) -> Result<(), Fatal> {
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| io_error("write", &marker, e))?;
        swap(&self.dir, &self.out, &self.parent, &self.name)?;
        self.committed = true;
        Ok(())
    }

    fn write(&self, file: &OutputFile) -> Result<(), Fatal> {
        let target = safe_join(&self.dir, &file.path)?;
        if let Some(dir) = target.parent() {
            let known = self
                .made_dirs
                .lock()
                .map(|d| d.contains(dir))
                .unwrap_or(false);
            if !known {
                fs::create_dir_all(dir).map_err(|e| io_error("create", dir, e))?;
                if let Ok(mut d) = self.made_dirs.lock() {
                    d.insert(dir.to_path_buf());
                }
            }
        }
        match &file.contents {
            Contents::Bytes(bytes) => {
                fs::write(&target, bytes).map_err(|e| io_error("write", &target, e))
            }
            Contents::Copy(source) => fs::copy(source, &target)
                .map(|_| ())
                .map_err(|e| io_error("copy", source, e)),
        }
    }
}

impl Sink for Staging {
    fn accept(&self, file: &OutputFile) -> Result<(), Fatal> {
        self.write(file)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), Fatal> {
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::rename(out, &old).map_err(|e| io_error("move aside", out, e))?;
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            return Err(io_error("move into place", staging, e));
        }
        fs::remove_dir_all(&old).map_err(|e| io_error("remove the previous site at", &old, e))?;
    } else {
        fs::rename(staging, out).map_err(|e| io_error("move into place", staging, e))?;
    }
    Ok(())
}
