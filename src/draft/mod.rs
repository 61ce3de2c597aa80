//! Drafting an article's summary from its captured text: the work behind
//! `briefing new article FILE.txt` (see the README, *Adding an article*).
//!
//! [`draft_article`] writes `FILE.yaml` beside the captured text, never over
//! an existing summary. The draft holds what can be recognised in the text
//! (the title, the publisher, a byline, the publication and update dates, the
//! paragraphs that are not the article and the start of a comment section),
//! with a comment on every field, and TODO placeholders where the analyst has
//! to write something. Each placeholder is chosen so that `briefing build`
//! fails until it is replaced (an invalid date, a quote that is not in the
//! text, a mapping where a name is expected), and the draft builds once the
//! placeholders are replaced with real values.
//!
//! [`draft_yaml`] is the pure part: text in, YAML out. The recognisers live
//! beside this file, one idea each: `dates` (the English date parser),
//! `byline` (bylines, publishers, names, URLs), `boilerplate` (what is not
//! the article, and where the comments start), `yaml` (writing the draft)
//! and `text` (the helpers they share).

mod boilerplate;
mod byline;
mod dates;
mod findings;
mod text;
mod yaml;

use std::collections::HashSet;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::str::Utf8Error;

use crate::model::ids::{check_id, suggest_id};
use crate::resolve::body::paragraphs;

use boilerplate::{end_marker, header_lines, skip_reason};
use byline::{byline, is_url, publisher_of};
use dates::{date_line, iso};
use findings::{Findings, Skip, found};
use text::{clean, is_blank, squash};

/// Why [`draft_article`] drafted nothing; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The path is not a `.txt` or `.md` file.
    #[error(
        "{} is not a captured article: give the path of its .txt (or .md) file, \
         e.g. `briefing new article content/articles/the-national-2024-04-22.txt`",
        .path.display()
    )]
    NotText {
        /// The path given.
        path: PathBuf,
    },
    /// The file's name is not a valid article id.
    #[error(
        "`{id}` is not a valid article id ({why}): rename {} to {suggestion}.txt and run the command again",
        .path.display()
    )]
    BadId {
        /// The captured text.
        path: PathBuf,
        /// Its name without the extension: the id it would give.
        id: String,
        /// What is wrong with the id.
        why: String,
        /// A valid id made from it.
        suggestion: String,
    },
    /// The captured text cannot be read.
    #[error(
        "cannot read {}: {source}; give the path of the captured article's text file",
        .path.display()
    )]
    Read {
        /// The captured text.
        path: PathBuf,
        /// Why it cannot be read.
        source: io::Error,
    },
    /// The captured text is not UTF-8.
    #[error(
        "{} is not UTF-8 text: save it as UTF-8 and run the command again",
        .path.display()
    )]
    NotUtf8 {
        /// The captured text.
        path: PathBuf,
        /// Where it stops being UTF-8.
        source: Utf8Error,
    },
    /// The captured text holds only white space.
    #[error(
        "{} is empty: paste the article's text into it, then run the command again",
        .path.display()
    )]
    Empty {
        /// The captured text.
        path: PathBuf,
    },
    /// A summary of the article already exists, and is never overwritten.
    #[error(
        "{} already exists and is never overwritten: edit it, or delete or rename it to draft a new one",
        .path.display()
    )]
    Exists {
        /// The existing summary.
        path: PathBuf,
    },
    /// The draft cannot be written.
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        /// The draft summary.
        path: PathBuf,
        /// Why it cannot be written.
        source: io::Error,
    },
}

/// Writes a draft summary `FILE.yaml` beside the captured article `FILE.txt`
/// (or `FILE.md`) and returns the path written.
///
/// Refuses, with a message saying what to do, when the path is not a `.txt`
/// or `.md` file, when its name is not a valid article id, when the text
/// cannot be read or is empty, and when a summary (`FILE.yaml` or `FILE.yml`)
/// already exists: an existing summary is never overwritten.
pub fn draft_article(text_path: &Path) -> Result<PathBuf, DraftError> {
    let path = || text_path.to_path_buf();
    let is_text = text_path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
    if !is_text {
        return Err(DraftError::NotText { path: path() });
    }
    let stem = text_path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if let Err(why) = check_id(stem) {
        return Err(DraftError::BadId {
            path: path(),
            id: stem.to_string(),
            why,
            suggestion: suggest_id(stem),
        });
    }
    let bytes = fs::read(text_path).map_err(|source| DraftError::Read {
        path: path(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| DraftError::NotUtf8 {
        path: path(),
        source: e.utf8_error(),
    })?;
    if text.trim_matches(is_blank).is_empty() {
        return Err(DraftError::Empty { path: path() });
    }
    if let Some(existing) = existing_summary(text_path, stem) {
        return Err(DraftError::Exists { path: existing });
    }
    let yaml_path = text_path.with_extension("yaml");
    write_new(&yaml_path, &draft_yaml(&text))?;
    Ok(yaml_path)
}

/// Creates the file `path` (never over an existing one) holding `yaml`; a
/// file left half written is removed again.
fn write_new(path: &Path, yaml: &str) -> Result<(), DraftError> {
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(DraftError::Exists {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(DraftError::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if let Err(source) = file.write_all(yaml.as_bytes()) {
        drop(file);
        // the file is ours (created just now): do not leave half a draft behind
        let _ = fs::remove_file(path);
        return Err(DraftError::Write {
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// A summary already beside the text: `<stem>.yaml` or `<stem>.yml`, in any
/// letter case (the loader reads them all).
fn existing_summary(text_path: &Path, stem: &str) -> Option<PathBuf> {
    let dir = match text_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let entries = fs::read_dir(dir).ok()?;
    entries.flatten().map(|e| e.path()).find(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        name.rsplit_once('.').is_some_and(|(s, ext)| {
            s == stem && (ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
        })
    })
}

/// The draft summary (YAML with explanatory comments) of a captured text.
///
/// Recognised values are written as double-quoted strings; what could not be
/// recognised is a TODO placeholder that fails the build until replaced:
/// `publisher: {TODO: …}` (a mapping, not a name), `published: "TODO"` (not
/// a date) and a key point whose quote `"TODO: a verbatim passage"` is not in
/// the text. `skip` and `end_at` list candidates the analyst should review.
pub fn draft_yaml(text: &str) -> String {
    yaml::draft(&analyse(text))
}

/// What can be recognised in a captured text: the title, the `skip` and
/// `end_at` candidates (up to the comment section), then the first
/// publisher, byline, URL and dates in the paragraphs before it.
fn analyse(text: &str) -> Findings {
    let title = text.lines().map(clean).find(|l| !l.is_empty());
    let title_sq = title.map(squash).unwrap_or_default();
    let paras = paragraphs(text);
    // the build drops a first paragraph equal to the title by itself
    let dropped = |i: usize, p: &str| i == 0 && title.is_some() && squash(p) == title_sq;

    let mut f = Findings {
        title: title.map(str::to_string),
        ..Findings::default()
    };
    let mut seen = HashSet::new();
    let mut body = 0usize;
    let mut limit = paras.len();
    for (i, p) in paras.iter().enumerate() {
        if dropped(i, p) {
            continue;
        }
        if body > 0
            && let Some(marker) = end_marker(p)
        {
            limit = i;
            // the body ends at the first paragraph starting with end_at:
            // make sure that is this one
            let earlier = paras[..i]
                .iter()
                .enumerate()
                .any(|(j, q)| !dropped(j, q) && q.starts_with(&marker));
            if !earlier {
                f.end_at = Some(marker);
            }
            break;
        }
        match skip_reason(p, &title_sq) {
            Some(why) => {
                if seen.insert(squash(p)) {
                    f.skip.push(Skip {
                        paragraph: p.clone(),
                        why,
                    });
                }
            }
            None => {
                for (line, why) in header_lines(p, &title_sq).into_iter().flatten() {
                    if seen.insert(squash(&line)) {
                        f.skip_lines.push(Skip {
                            paragraph: line,
                            why,
                        });
                    }
                }
                body += 1;
            }
        }
    }

    let mut updated = None;
    let mut published = None;
    for line in paras[..limit].iter().flat_map(|p| p.lines()).map(clean) {
        if f.publisher.is_none()
            && let Some(name) = publisher_of(line)
        {
            f.publisher = Some(found(name, line, false));
        }
        if f.author.is_none()
            && let Some(name) = byline(line)
        {
            f.author = Some(found(name, line, false));
        }
        if f.url.is_none() && is_url(line) {
            f.url = Some(found(line.to_string(), line, false));
        }
        if let Some((ymd, is_update)) = date_line(line) {
            let slot = if is_update {
                &mut updated
            } else {
                &mut published
            };
            if slot.is_none() {
                *slot = Some(found(iso(ymd), line, is_update));
            }
        }
    }
    f.published = published.or_else(|| updated.clone());
    f.updated = updated;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::RawArticle;
    use crate::resolve::body;

    #[test]
    fn write_errors_name_the_draft() {
        let err = DraftError::Write {
            path: PathBuf::from("content/articles/a.yaml"),
            source: io::Error::other("disk full"),
        };
        assert_eq!(
            err.to_string(),
            "cannot write content/articles/a.yaml: disk full"
        );
        assert!(std::error::Error::source(&err).is_some());
    }

    const TEXT: &str = "Rockets hit a base in Syria\n\nAmerican base hit by five rockets launched from Iraq\n\nA protester waves a flag in Baghdad. Reuters\nPowered by automated translation\n\nLive updates: Follow the latest on Israel-Gaza\n\nAnalysis\nLive Story\n\nKataib Hezbollah said on Monday that it had fired five rockets.\n\nEnd of the pause\n\nRockets hit a base in Syria\n\nThe US confirmed the attack. Comments by the minister followed.\n\nRemarks made by the minister were welcomed.\n\nSource: Newsroom\n\nUpdated: April 22, 2024, 7:10 PM\n\nComments\n\nPost a comment\n";

    #[test]
    fn skip_and_end_at_candidates() {
        let f = analyse(TEXT);
        let skip: Vec<(&str, &str)> = f
            .skip
            .iter()
            .map(|s| (s.paragraph.as_str(), s.why.as_str()))
            .collect();
        assert_eq!(
            skip,
            vec![
                (
                    "A protester waves a flag in Baghdad. Reuters\nPowered by automated translation",
                    "photo caption, translation banner"
                ),
                (
                    "Live updates: Follow the latest on Israel-Gaza",
                    "link to other coverage"
                ),
                ("Analysis\nLive Story", "section label"),
                ("Rockets hit a base in Syria", "repeats the title"),
                ("Source: Newsroom", "source line"),
                ("Updated: April 22, 2024, 7:10 PM", "date line"),
            ]
        );
        assert_eq!(f.end_at.as_deref(), Some("Comments"));
        assert_eq!(f.publisher.map(|p| p.value).as_deref(), Some("Newsroom"));
        assert_eq!(
            f.published.as_ref().map(|p| p.value.as_str()),
            Some("2024-04-22")
        );
        assert!(f.published.is_some_and(|p| p.updated));
        assert_eq!(f.updated.map(|p| p.value).as_deref(), Some("2024-04-22"));
    }

    #[test]
    fn warning_and_post_a_comment_end_the_body() {
        let warning =
            "T\n\nBody text here.\n\nWARNING: Comments that contain insults are not approved.\n";
        assert_eq!(
            analyse(warning).end_at.as_deref(),
            Some("WARNING: Comments")
        );
        let post = "T\n\nBody text here.\n\nPost a comment\n\nRequired\n";
        assert_eq!(analyse(post).end_at.as_deref(), Some("Post a comment"));
    }

    #[test]
    fn a_comment_label_before_the_body_is_not_the_end() {
        let f = analyse("T\n\nComment\n\nThe body.\n\nComments\n");
        assert_eq!(f.end_at.as_deref(), Some("Comments"));
    }

    #[test]
    fn an_end_at_that_an_earlier_paragraph_starts_with_is_not_suggested() {
        let f =
            analyse("T\n\nComments from the minister came later.\n\nComments\n\nPost a comment\n");
        assert_eq!(f.end_at, None);
    }

    #[test]
    fn the_body_keeps_the_article_and_every_skip_matches() -> Result<(), serde_yaml::Error> {
        let yaml = draft_yaml(TEXT).replace(
            "publisher: {TODO: \"the publisher's name\"}",
            "publisher: \"P\"",
        );
        let raw: RawArticle = serde_yaml::from_str(&yaml)?;
        let b = body::split(TEXT, body::Cut::of(&raw));
        assert_eq!(
            b.paragraphs,
            vec![
                // the standfirst is the publisher's text: it stays
                "American base hit by five rockets launched from Iraq",
                "Kataib Hezbollah said on Monday that it had fired five rockets.",
                "End of the pause",
                "The US confirmed the attack. Comments by the minister followed.",
                "Remarks made by the minister were welcomed.",
            ]
        );
        assert!(b.unused_skips.is_empty());
        assert!(!b.end_at_unused);
        Ok(())
    }

    #[test]
    fn placeholders_when_nothing_is_recognised() -> Result<(), serde_yaml::Error> {
        let yaml = draft_yaml("A headline\n\nA body paragraph.\n");
        assert!(
            yaml.contains("\npublisher: {TODO: \"the publisher's name\"}\n"),
            "{yaml}"
        );
        assert!(yaml.contains("\npublished: \"TODO\"\n"), "{yaml}");
        assert!(
            yaml.contains("{quote: \"TODO: a verbatim passage\"}"),
            "{yaml}"
        );
        assert!(!yaml.contains("\nskip:"), "{yaml}");
        assert!(!yaml.contains("\nend_at:"), "{yaml}");
        // the publisher placeholder is not a name: the build refuses it
        assert!(serde_yaml::from_str::<RawArticle>(&yaml).is_err());
        let filled = yaml.replace("{TODO: \"the publisher's name\"}", "\"P\"");
        let raw: RawArticle = serde_yaml::from_str(&filled)?;
        assert_eq!(raw.title, "A headline");
        assert_eq!(raw.published, "TODO");
        assert!(crate::model::date::Date::parse(&raw.published).is_err());
        Ok(())
    }

    #[test]
    fn empty_text_gives_a_failing_title() {
        let yaml = draft_yaml(" \n\n");
        assert!(
            yaml.contains("\ntitle: {TODO: \"the headline\"}\n"),
            "{yaml}"
        );
        assert!(serde_yaml::from_str::<RawArticle>(&yaml).is_err());
    }
}
