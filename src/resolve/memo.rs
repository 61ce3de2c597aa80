//! The costly part of resolving an article, kept between the builds of
//! `serve`: its text split into paragraphs, normalised for quote lookups, and
//! searched for mentions. After a one-file edit, only that article's text is
//! split and searched again (all of them when an actor's names change).
//! A one-off build keeps nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::model::Mention;

use super::body::{self, Body, Cut};
use super::quotes::{QuoteIndex, normalise};

/// A quote normalised, and where it is in the body (paragraph from 1, byte
/// range in that paragraph), if anywhere.
pub type QuoteFound = (String, Option<(usize, std::ops::Range<usize>)>);

/// What an article's text is split from: its text and the summary fields
/// that shape the split.
#[derive(Clone, PartialEq, Eq, Hash)]
struct TextKey {
    /// The captured text.
    text: String,
    /// The summary's `title` (a first paragraph equal to it is dropped).
    title: String,
    /// The summary's `skip` entries.
    skip: Vec<String>,
    /// The summary's `skip_lines` entries.
    skip_lines: Vec<String>,
    /// The summary's `end_at`.
    end_at: Option<String>,
}

/// An article's text, split, indexed and (once asked for) searched.
pub struct ArticleWork {
    /// The body paragraphs and what the split left unused.
    pub body: Body,
    /// The paragraphs normalised for quote lookups.
    pub quotes: QuoteIndex,
    /// The mentions in each paragraph, with the version of the actors'
    /// names they were found with (kept only when the memo is on).
    mentions: Mutex<Option<(u64, Vec<Vec<Mention>>)>>,
    /// Quotes looked up in this text (kept only when the memo is on).
    quotes_found: Mutex<HashMap<String, QuoteFound>>,
    /// True when the memo is on (and so the lookups are worth keeping).
    kept: bool,
}

/// What the memo keeps.
#[derive(Default)]
struct Store {
    /// The work on each text, by what it was split from.
    articles: HashMap<TextKey, Arc<ArticleWork>>,
    /// Every actor's names as last searched for, and their version.
    names: Vec<(usize, String)>,
    /// The version of `names`, one more at each change.
    names_version: u64,
}

/// Article work kept between builds (see the module documentation).
#[derive(Default)]
pub struct Memo {
    /// `None` for a one-off build.
    kept: Option<Mutex<Store>>,
}

impl Memo {
    /// A memo that keeps nothing, for a one-off build.
    pub fn off() -> Memo {
        Memo { kept: None }
    }

    /// A memo that keeps article work from one build to the next.
    pub fn on() -> Memo {
        Memo {
            kept: Some(Mutex::default()),
        }
    }

    /// The work on an article's text: kept from the last build when the text
    /// and the fields that shape its split are unchanged, else done now.
    pub fn article(&self, text: &str, cut: Cut) -> Arc<ArticleWork> {
        let work = || {
            let body = body::split(text, cut);
            let quotes = QuoteIndex::new(&body.paragraphs);
            Arc::new(ArticleWork {
                body,
                quotes,
                mentions: Mutex::new(None),
                quotes_found: Mutex::default(),
                kept: self.kept.is_some(),
            })
        };
        let Some(kept) = &self.kept else {
            return work();
        };
        let key = TextKey {
            text: text.to_string(),
            title: cut.title.to_string(),
            skip: cut.skip.to_vec(),
            skip_lines: cut.skip_lines.to_vec(),
            end_at: cut.end_at.map(str::to_string),
        };
        let found = kept.lock().ok().and_then(|k| k.articles.get(&key).cloned());
        found.unwrap_or_else(|| {
            let done = work();
            if let Ok(mut k) = kept.lock() {
                k.articles.insert(key, done.clone());
            }
            done
        })
    }

    /// Forgets the work on texts that this build did not use.
    pub fn keep_only(&self, used: &[Arc<ArticleWork>]) {
        if let Some(Ok(mut kept)) = self.kept.as_ref().map(|k| k.lock()) {
            let used: std::collections::HashSet<*const ArticleWork> =
                used.iter().map(Arc::as_ptr).collect();
            kept.articles
                .retain(|_, work| used.contains(&Arc::as_ptr(work)));
        }
    }

    /// The version of the actors' `names`: the same as last build's when
    /// they are the same, so mentions found then still hold.
    pub fn names_version(&self, names: &[(usize, String)]) -> u64 {
        let Some(Ok(mut kept)) = self.kept.as_ref().map(|k| k.lock()) else {
            return 0;
        };
        let same = kept.names == names;
        if !same {
            kept.names = names.to_vec();
            kept.names_version += 1;
        }
        kept.names_version
    }
}

impl ArticleWork {
    /// `quote` normalised and looked up in the body, or as looked up in an
    /// earlier build.
    pub fn find_quote(&self, quote: &str) -> QuoteFound {
        if self.kept
            && let Some(found) = self
                .quotes_found
                .lock()
                .ok()
                .and_then(|f| f.get(quote).cloned())
        {
            return found;
        }
        let needle = normalise(quote);
        let at = self.quotes.find_normalised(&self.body.paragraphs, &needle);
        if self.kept
            && let Ok(mut found) = self.quotes_found.lock()
        {
            found.insert(quote.to_string(), (needle.clone(), at.clone()));
        }
        (needle, at)
    }

    /// The mentions in each paragraph, found by `find` unless they were
    /// found before with names of version `names_version`.
    pub fn mentions(
        &self,
        names_version: u64,
        find: impl FnOnce(&[String]) -> Vec<Vec<Mention>>,
    ) -> Vec<Vec<Mention>> {
        if let Ok(slot) = self.mentions.lock()
            && let Some((version, found)) = slot.as_ref()
            && *version == names_version
        {
            return found.clone();
        }
        let found = find(&self.body.paragraphs);
        if self.kept
            && let Ok(mut slot) = self.mentions.lock()
        {
            *slot = Some((names_version, found.clone()));
        }
        found
    }
}
