//! Stage 4, output: write the rendered site into the output folder
//! atomically. Everything is written to a temporary sibling folder first and
//! swapped into place only when every file was written, so a failed build
//! leaves the previous site as it was. A folder that briefing did not write
//! is never replaced.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, RwLock};

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

/// The file that marks a staging folder (a site being written) as
/// briefing's, so that a later build may remove it.
pub const STAGING_MARKER: &str = ".briefing-staging";
const STAGING_MARKER_TEXT: &str =
    "A site being written by `briefing build`; the next build removes it if it is left over.\n";

/// The names of briefing's own files beside the output folder `name`:
/// staging folders `.NAME.briefing-new-UNIQUE`, previous sites being
/// removed `.NAME.briefing-old-UNIQUE`, and the lock `.NAME.briefing-lock`.
struct Siblings<'a> {
    name: &'a str,
}

impl Siblings<'_> {
    fn new_dir(&self, unique: &str) -> String {
        format!(".{}.briefing-new-{unique}", self.name)
    }

    fn old_dir(&self, unique: &str) -> String {
        format!(".{}.briefing-old-{unique}", self.name)
    }

    fn lock(&self) -> String {
        format!(".{}.briefing-lock", self.name)
    }

    /// Whether `entry` (a file name in the parent folder) is one of
    /// briefing's temporary folders for this output, including the
    /// `.NAME.new-PID` and `.NAME.old-PID` of earlier releases.
    fn is_temporary(&self, entry: &str) -> bool {
        let Some(rest) = entry
            .strip_prefix('.')
            .and_then(|e| e.strip_prefix(self.name))
            .and_then(|e| e.strip_prefix('.'))
        else {
            return false;
        };
        if rest.starts_with("briefing-new-") || rest.starts_with("briefing-old-") {
            return true;
        }
        let legacy = rest
            .strip_prefix("new-")
            .or_else(|| rest.strip_prefix("old-"));
        legacy.is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// A name no other build uses: the process, the time, and a count.
fn unique_suffix(attempt: u32) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{:x}-{nanos:x}-{attempt}", std::process::id())
}

/// The folders a Ctrl-C or SIGTERM must remove before the process exits:
/// the staging folder of the build under way, or the previous site being
/// removed after a swap. Held during the swap itself, so that a signal
/// waits for it to finish.
static TO_REMOVE_ON_SIGNAL: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Whether the build was stopped (by a signal): each file is written
/// holding this for reading, so that [`abandon`] waits for the files being
/// written and no file is written after it.
static STOPPED: RwLock<bool> = RwLock::new(false);

/// Removes the folder of the build under way (for a signal handler: the
/// process exits next). The output folder is never touched: it holds the
/// previous site or the new one, whole.
pub fn abandon() {
    let mut stopped = match STOPPED.write() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    *stopped = true;
    let mut guard = match TO_REMOVE_ON_SIGNAL.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(dir) = guard.take() {
        let _ = fs::remove_dir_all(dir);
    }
}

/// Holds [`abandon`] off while a file or folder of the build is made (the
/// guard is held until it is); an error once the build was stopped.
fn unless_stopped(
    what: &'static str,
    path: &Path,
) -> Result<std::sync::RwLockReadGuard<'static, bool>, Fatal> {
    let stopped = match STOPPED.read() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    if *stopped {
        return Err(io_error(
            what,
            path,
            io::Error::other("the build was stopped"),
        ));
    }
    Ok(stopped)
}

fn remove_on_signal(dir: Option<PathBuf>) {
    match TO_REMOVE_ON_SIGNAL.lock() {
        Ok(mut guard) => *guard = dir,
        Err(poisoned) => *poisoned.into_inner() = dir,
    }
}

/// A site being written: files go into a staging folder beside the output
/// folder as they are rendered; [`Staging::commit`] swaps it into place.
/// Dropped without a commit, it removes itself and the output is untouched.
///
/// Builds into one output folder take turns: each holds a lock on
/// `.NAME.briefing-lock` beside it from start to finish (the system
/// releases it when a process dies, even by `kill -9`), and removes what
/// killed builds left there before it starts.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    made_dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
    _lock: fs::File,
}

impl Staging {
    /// Prepares to replace `out`, refusing a folder briefing did not write.
    pub fn create(out: &Path) -> Result<Staging, Fatal> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_error("create", &parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let siblings = Siblings { name: &name };
        let lock_path = parent.join(siblings.lock());
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| io_error("create", &lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "note: another build is writing {}; waiting for it to finish",
                    out.display()
                );
                lock.lock().map_err(|e| io_error("lock", &lock_path, e))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(io_error("lock", &lock_path, e)),
        }
        // checked under the lock: another build may have just written it
        if !replaceable(out)? {
            return Err(Fatal::ForeignOutput {
                path: out.to_path_buf(),
            });
        }
        remove_leftovers(&parent, &siblings);
        // made and registered for removal in one step, under the same locks
        // as `abandon` takes (in the same order): a signal either finds the
        // folder registered or stops the build before it exists
        let stopped = unless_stopped("create", &parent)?;
        let mut to_remove = match TO_REMOVE_ON_SIGNAL.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let mut attempt = 0;
        let dir = loop {
            let dir = parent.join(siblings.new_dir(&unique_suffix(attempt)));
            match fs::create_dir(&dir) {
                Ok(()) => break dir,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
                Err(e) => return Err(io_error("create", &dir, e)),
            }
        };
        *to_remove = Some(dir.clone());
        drop(to_remove);
        drop(stopped);
        let marker = dir.join(STAGING_MARKER);
        fs::write(&marker, STAGING_MARKER_TEXT).map_err(|e| io_error("write", &marker, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            parent,
            name,
            made_dirs: Mutex::new(HashSet::new()),
            committed: false,
            _lock: lock,
        })
    }

    /// Marks the site as briefing's and swaps it into place; then removes
    /// the previous site.
    pub fn commit(mut self) -> Result<(), Fatal> {
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| io_error("write", &marker, e))?;
        let staging_marker = self.dir.join(STAGING_MARKER);
        fs::remove_file(&staging_marker).map_err(|e| io_error("remove", &staging_marker, e))?;
        let previous = {
            // a signal now waits until the swap is done
            let mut guard = match TO_REMOVE_ON_SIGNAL.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            let previous = swap(
                &self.dir,
                &self.out,
                &self.parent,
                &Siblings { name: &self.name },
            )?;
            self.committed = true;
            *guard = previous.clone();
            previous
        };
        if let Some(previous) = previous {
            // the new site is in place; should this fail, the next build
            // removes what is left
            if let Err(e) = fs::remove_dir_all(&previous) {
                eprintln!(
                    "warning: cannot remove the previous site at {}: {e}",
                    previous.display()
                );
            }
        }
        remove_on_signal(None);
        Ok(())
    }

    fn write(&self, file: &OutputFile) -> Result<(), Fatal> {
        let target = safe_join(&self.dir, &file.path)?;
        let _stopped = unless_stopped("write", &target)?;
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
            remove_on_signal(None);
        }
    }
}

/// Removes the temporary folders that killed builds left beside the
/// output: only those named as briefing names them and holding one of its
/// markers, or nothing (a build killed just after creating one), and the
/// staging folders of earlier releases (`.NAME.new-PID`, by name).
fn remove_leftovers(parent: &Path, siblings: &Siblings<'_>) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !siblings.is_temporary(name) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        // earlier releases gave a staging folder no marker until it was complete
        let legacy_staging = name
            .strip_prefix(&format!(".{}.new-", siblings.name))
            .is_some();
        let ours = legacy_staging
            || dir.join(STAGING_MARKER).is_file()
            || dir.join(MARKER).is_file()
            || fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_none());
        if ours {
            let _ = fs::remove_dir_all(&dir);
        }
    }
}

/// Puts the site at `staging` in place of `out`. Where the system can
/// exchange two folders in one step (Linux's `renameat2` with
/// `RENAME_EXCHANGE`), `out` holds the old site or the new one at every
/// instant; elsewhere the old site is moved aside first. Returns where the
/// previous site now is, to be removed.
fn swap(
    staging: &Path,
    out: &Path,
    parent: &Path,
    siblings: &Siblings<'_>,
) -> Result<Option<PathBuf>, Fatal> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(staging, out).map_err(|e| io_error("move into place", staging, e))?;
        return Ok(None);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(Some(staging.to_path_buf())),
            // the file system cannot exchange: move aside, below
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(e) => return Err(io_error("swap into place", out, e.into())),
        }
    }
    let old = parent.join(siblings.old_dir(&unique_suffix(0)));
    fs::rename(out, &old).map_err(|e| io_error("move aside", out, e))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        return Err(io_error("move into place", staging, e));
    }
    Ok(Some(old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_folders_are_recognised_by_name() {
        let s = Siblings { name: "public" };
        assert!(s.is_temporary(&s.new_dir("1-2-0")));
        assert!(s.is_temporary(&s.old_dir("1-2-0")));
        assert!(s.is_temporary(".public.new-1234"));
        assert!(s.is_temporary(".public.old-99"));
        assert!(!s.is_temporary(".public.new-"));
        assert!(!s.is_temporary(".public.briefing-lock"));
        assert!(!s.is_temporary(".public.old-x1"));
        assert!(!s.is_temporary(".other.briefing-new-1"));
        assert!(!s.is_temporary("public"));
    }
}
