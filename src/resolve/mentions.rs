//! Finding actors named in article bodies (SPEC §2): every name and alias, as
//! whole words, case-sensitively; where matches overlap the longest wins.
//! One automaton holds every name of every actor, so each paragraph is read
//! once whatever the number of actors.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::model::Mention;

/// The names of all actors, ready to search.
pub struct MentionFinder {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the actor it names, and whether its first and last
    /// characters are word characters (and so need a word boundary).
    patterns: Vec<(usize, bool, bool)>,
}

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
