//! Starting points written for the user to edit: `briefing new theme`
//! copies the built-in theme into the pack. Nothing here overwrites a file.

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
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| ScaffoldError::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        // create_new: a file that appeared meanwhile is never replaced
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| io::Write::write_all(&mut file, bytes))
            .map_err(|source| ScaffoldError::Write {
                path: path.clone(),
                source,
            })?;
    }
    Ok((dir, files.len()))
}
