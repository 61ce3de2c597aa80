//! Finding actors named in article bodies (see the README, *Mentions*):
//! every name and alias, as whole words, case-sensitively; where matches
//! overlap the longest wins. One automaton holds every name of every actor,
//! so each paragraph is read once whatever the number of actors. Here too
//! are the steps of resolving that use it: the names gathered, every body
//! searched in parallel, and each actor given the paragraphs that name it.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::load::LoadedActor;
use crate::load::locate::{Site, Step};
use crate::model::{Actor, Article, Mention};

use super::memo::ArticleWork;

/// Every actor's name and aliases as (actor, name), each name given to the
/// first actor that has it; a name that two actors share is reported.
pub fn names(
    actors: &[Actor],
    raw_actors: &[LoadedActor],
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, String)> {
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut owner: std::collections::HashMap<&str, usize> = Default::default();
    for (i, a) in actors.iter().enumerate() {
        for name in std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str)) {
            match owner.get(name) {
                Some(&first) if first != i => {
                    let file = &raw_actors[i].file;
                    diagnostics.push(
                        Site::whole(file)
                            .warning(
                                format!(
                                    "`{name}` is also a name of actor `{}`; mentions of it go to `{}`",
                                    actors[first].id, actors[first].id
                                ),
                                Some(name),
                            )
                            .with_help("give each name to one actor only"),
                    );
                }
                Some(_) => {}
                None => {
                    owner.insert(name, i);
                    names.push((i, name.to_string()));
                }
            }
        }
    }
    names
}

/// The mentions of `names` in each paragraph of each body, found in
/// parallel; a body searched with names of version `names_version` before
/// is not searched again, and the automaton is built only when some body
/// is searched (in `serve`, most are kept).
pub fn find_all(
    bodies: &[Arc<ArticleWork>],
    names_version: u64,
    names: &[(usize, String)],
) -> Vec<Vec<Vec<Mention>>> {
    let finder = OnceLock::new();
    bodies
        .par_iter()
        .map(|work| {
            work.mentions(names_version, |paragraphs| {
                let finder = finder.get_or_init(|| {
                    MentionFinder::new(names.iter().map(|(i, n)| (*i, n.as_str())))
                });
                paragraphs.iter().map(|p| finder.find(p)).collect()
            })
        })
        .collect()
}

/// Gives each actor the paragraphs that name it, in article order: the
/// actors each paragraph names are found for each article in parallel.
pub fn by_actor(articles: &[Article], actors: &mut [Actor]) {
    let named: Vec<Vec<(usize, usize)>> = articles
        .par_iter()
        .map(|article| {
            let mut named = Vec::new();
            let mut in_paragraph: Vec<usize> = Vec::new();
            for (p, mentions) in article.mentions.iter().enumerate() {
                in_paragraph.clear();
                in_paragraph.extend(mentions.iter().map(|m| m.actor));
                in_paragraph.sort_unstable();
                in_paragraph.dedup();
                named.extend(in_paragraph.iter().map(|&actor| (actor, p + 1)));
            }
            named
        })
        .collect();
    let mut counts = vec![0usize; actors.len()];
    for &(actor, _) in named.iter().flatten() {
        counts[actor] += 1;
    }
    for (actor, n) in actors.iter_mut().zip(counts) {
        actor.mentions.reserve_exact(n);
    }
    for (ai, paragraphs) in named.into_iter().enumerate() {
        for (actor, p) in paragraphs {
            actors[actor].mentions.push((ai, p));
        }
    }
}

/// Warns about each actor that no article mentions.
pub fn warn_unmentioned(
    actors: &[Actor],
    raw_actors: &[LoadedActor],
    diagnostics: &mut Diagnostics,
) {
    for (i, actor) in actors.iter().enumerate() {
        if actor.mentions.is_empty() {
            let file = &raw_actors[i].file;
            diagnostics.push(
                Site::new(file, &[Step::Key("name")])
                    .warning(format!("actor `{}` is mentioned in no article", actor.id), None)
                    .with_help("add the spelling the articles use to `aliases` (names match as whole words, case-sensitively)"),
            );
        }
    }
}

/// The names of all actors, ready to search.
pub struct MentionFinder {
    /// Every name; none when there are no names.
    automaton: Option<AhoCorasick>,
    /// For each pattern: the actor it names, and whether its first and last
    /// characters are word characters (and so need a word boundary).
    patterns: Vec<(usize, bool, bool)>,
}

/// True for the characters of a word, which a whole-word name may not
/// touch.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl MentionFinder {
    /// Builds the automaton from `(actor, name)` pairs. When two actors share
    /// a name, the first given keeps it (the caller warns about the clash).
    pub fn new<'a>(names: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for (actor, name) in names {
            if name.is_empty() || !seen.insert(name) {
                continue;
            }
            let first = name.chars().next().is_some_and(is_word);
            let last = name.chars().next_back().is_some_and(is_word);
            texts.push(name);
            patterns.push((actor, first, last));
        }
        let automaton = if texts.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&texts)
                .ok()
        };
        MentionFinder {
            automaton,
            patterns,
        }
    }

    /// The mentions in `text`, in order of position. A name the capture
    /// broke over two lines is found too: line breaks count as spaces.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let one_line;
        let text = if memchr::memchr(b'\n', text.as_bytes()).is_some() {
            // the same length, so positions hold in the original
            one_line = text.replace('\n', " ");
            one_line.as_str()
        } else {
            text
        };
        let mut candidates: Vec<(usize, usize, usize)> = automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let (actor, first, last) = self.patterns[m.pattern().as_usize()];
                let before_ok =
                    !first || !text[..m.start()].chars().next_back().is_some_and(is_word);
                let after_ok = !last || !text[m.end()..].chars().next().is_some_and(is_word);
                (before_ok && after_ok).then_some((m.start(), m.end(), actor))
            })
            .collect();
        candidates.sort_unstable();
        // usually no two overlap, and all are taken
        if !candidates.windows(2).all(|w| w[0].1 <= w[1].0) {
            candidates = longest_first(candidates);
        }
        candidates
            .into_iter()
            .map(|(start, end, actor)| Mention {
                actor,
                range: start..end,
            })
            .collect()
    }
}

/// Of overlapping matches `(start, end, actor)`, keeps the longest (then the
/// leftmost) and each other that overlaps none kept before it; in order of
/// position.
fn longest_first(mut candidates: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    candidates.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
    let mut taken: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (start, end, actor) in candidates {
        let clash_before = taken
            .range(..end)
            .next_back()
            .is_some_and(|(_, &(e, _))| e > start);
        if !clash_before {
            taken.insert(start, (end, actor));
        }
    }
    taken
        .into_iter()
        .map(|(start, (end, actor))| (start, end, actor))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions `finder` finds in `text`, as (actor, text mentioned).
    fn names(text: &str, finder: &MentionFinder) -> Vec<(usize, String)> {
        finder
            .find(text)
            .into_iter()
            .map(|m| (m.actor, text[m.range].to_string()))
            .collect()
    }

    #[test]
    fn longest_name_wins_and_words_are_whole() {
        let finder = MentionFinder::new([
            (0, "Kataib Hezbollah"),
            (1, "Hezbollah"),
            (2, "Iran"),
            (3, "US"),
        ]);
        assert_eq!(
            names(
                "Kataib Hezbollah, not Hezbollah; Iran-backed, Iranian, USA, US forces",
                &finder
            ),
            vec![
                (0, "Kataib Hezbollah".to_string()),
                (1, "Hezbollah".to_string()),
                (2, "Iran".to_string()),
                (3, "US".to_string())
            ]
        );
    }

    #[test]
    fn a_name_broken_over_two_lines_is_found() {
        let finder = MentionFinder::new([(0, "Kataib Hezbollah"), (1, "Hezbollah")]);
        let text = "said Kataib\nHezbollah, and\nHezbollah";
        let found: Vec<(usize, &str)> = finder
            .find(text)
            .into_iter()
            .map(|m| (m.actor, &text[m.range]))
            .collect();
        assert_eq!(found, vec![(0, "Kataib\nHezbollah"), (1, "Hezbollah")]);
    }

    #[test]
    fn matching_is_case_sensitive() {
        let finder = MentionFinder::new([(0, "Hamas")]);
        assert!(names("HAMAS and hamas", &finder).is_empty());
    }

    #[test]
    fn a_longer_overlapping_name_beats_an_earlier_shorter_one() {
        let finder =
            MentionFinder::new([(0, "Islamic Resistance"), (1, "Resistance in Iraq today")]);
        assert_eq!(
            names("the Islamic Resistance in Iraq today", &finder),
            vec![(1, "Resistance in Iraq today".to_string())]
        );
    }

    #[test]
    fn names_ending_in_punctuation_need_no_boundary_there() {
        let finder = MentionFinder::new([(0, "U.S.")]);
        assert_eq!(
            names("a U.S.-led coalition", &finder),
            vec![(0, "U.S.".to_string())]
        );
    }
}
