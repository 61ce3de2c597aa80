//! Errors that stop a command before or outside the content's own problems:
//! a missing pack, an output folder that is not briefing's, a file the
//! system will not read or write, a server that cannot start. Each carries
//! the path it concerns; all give exit status 2. (Problems in the content
//! are [`crate::diagnostics::Diagnostic`]s, with file, line and column.)

use std::io;
use std::path::PathBuf;

/// A usage or I/O error.
#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    /// The pack's folder has no `content/` folder.
    #[error(
        "{} has no `content/` folder: run briefing in a pack's folder or name one (`briefing build PACK`)",
        path.display()
    )]
    NoContent {
        /// The folder named as the pack.
        path: PathBuf,
    },
    /// The output folder holds files that briefing did not write.
    #[error(
        "{} is not empty and was not written by briefing; it is left as it is\n  = help: choose another folder with `-o`, or empty it yourself",
        path.display()
    )]
    ForeignOutput {
        /// The output folder.
        path: PathBuf,
    },
    /// The output folder lies inside the pack's `content/` or `themes/`.
    #[error(
        "the output folder {} is inside {}: the site would be read back as part of the pack\n  = help: choose an output folder outside content/ and themes/ (the default is public/)",
        path.display(),
        folder.display()
    )]
    OutputInsideSources {
        /// The output folder.
        path: PathBuf,
        /// The pack's folder that holds it.
        folder: PathBuf,
    },
    /// `--base-url` is not an absolute web address.
    #[error(
        "--base-url `{url}` is not an absolute http or https address\n  = help: give the address the site is published at, with its scheme: `--base-url https://example.org/briefing/`"
    )]
    BadBaseUrl {
        /// The address given.
        url: String,
    },
    /// A file of the site would not lie inside the output folder.
    #[error("refusing to write `{path}`: it is not a plain path inside the output folder")]
    OutsideOutput {
        /// The path asked for, relative to the output folder.
        path: String,
    },
    /// The file system refused an operation on `path`.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done: "read", "write", "create", "move aside" …
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// The build was stopped on purpose (a newer one replaced it).
    #[error("stopped: a newer build replaced this one")]
    Stopped,
    /// `serve` could not watch, listen or keep serving.
    #[error("{what}: {source}")]
    Serve {
        /// What failed, with the address or path it concerns.
        what: String,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Fatal {
    /// An I/O error of `action` on `path`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Fatal {
        Fatal::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
