//! Starting points written for the user to edit: `briefing init` writes a
//! small working pack, `briefing new theme` copies the built-in theme into
//! the pack. Nothing here overwrites a file.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::load::theme::builtin_files;
use crate::model::ids::check_id;

/// Why starter files could not be written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The theme's name cannot be a folder of `themes/`.
    BadName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        why: String,
    },
    /// The folder exists and holds files: nothing was written.
    Exists {
        /// The folder.
        path: PathBuf,
    },
    /// Files `init` would write exist already: nothing was written.
    Occupied {
        /// Those files.
        paths: Vec<PathBuf>,
    },
    /// A file or folder could not be written.
    Write {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::BadName { name, why } => {
                write!(f, "`{name}` cannot name a theme: {why}")
            }
            ScaffoldError::Exists { path } => write!(
                f,
                "{} already exists and is not empty: nothing was written (choose another name, or remove it first)",
                path.display()
            ),
            ScaffoldError::Occupied { paths } => {
                let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "{} already exist{}: nothing was written (run `briefing init` in an empty folder, or name a new one: `briefing init my-pack`)",
                    list.join(", "),
                    if paths.len() == 1 { "s" } else { "" }
                )
            }
            ScaffoldError::Write { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for ScaffoldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScaffoldError::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Writes every file of the built-in theme (templates and static files)
/// into `pack/themes/<name>/`, which must not exist or be empty; returns
/// the folder and the number of files written.
pub fn new_theme(pack: &Path, name: &str) -> Result<(PathBuf, usize), ScaffoldError> {
    check_id(name).map_err(|why| ScaffoldError::BadName {
        name: name.to_string(),
        why,
    })?;
    let dir = pack.join("themes").join(name);
    let occupied = fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied || (dir.exists() && !dir.is_dir()) {
        return Err(ScaffoldError::Exists { path: dir });
    }
    let files = builtin_files();
    for (rel, bytes) in files {
        write_new(&dir.join(rel), bytes)?;
    }
    Ok((dir, files.len()))
}

/// Writes `bytes` into a new file at `path`, making its folders: a file
/// that appeared meanwhile is never replaced.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| ScaffoldError::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| io::Write::write_all(&mut file, bytes))
        .map_err(|source| ScaffoldError::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// The files of the pack `briefing init` writes, by path in the pack's
/// folder: a pack of one article, two actors and two events that builds
/// with no error or warning, a `.gitignore`, and a GitHub Pages workflow for
/// a repository that holds only the pack.
const STARTER: [(&str, &str); 9] = [
    (
        "content/pack.yaml",
        include_str!("starter/content/pack.yaml"),
    ),
    (
        "content/articles/example-times-2025-03-03.txt",
        include_str!("starter/content/articles/example-times-2025-03-03.txt"),
    ),
    (
        "content/articles/example-times-2025-03-03.yaml",
        include_str!("starter/content/articles/example-times-2025-03-03.yaml"),
    ),
    (
        "content/actors/harbour-workers-union.yaml",
        include_str!("starter/content/actors/harbour-workers-union.yaml"),
    ),
    (
        "content/actors/port-authority.yaml",
        include_str!("starter/content/actors/port-authority.yaml"),
    ),
    (
        "content/events/2025.yaml",
        include_str!("starter/content/events/2025.yaml"),
    ),
    (".gitignore", include_str!("starter/gitignore")),
    (
        ".github/workflows/pages.yml",
        include_str!("starter/github/pages.yml"),
    ),
    ("README.md", include_str!("starter/README.md")),
];

/// Writes the starter pack into `dir` (made when missing); returns how many
/// files it wrote. When any of its files exists already, nothing is written.
pub fn init(dir: &Path) -> Result<usize, ScaffoldError> {
    let occupied: Vec<PathBuf> = STARTER
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if !occupied.is_empty() {
        return Err(ScaffoldError::Occupied { paths: occupied });
    }
    for (rel, text) in STARTER {
        write_new(&dir.join(rel), text.as_bytes())?;
    }
    Ok(STARTER.len())
}
