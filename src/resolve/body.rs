//! An article's body (see the README, *An article*): the captured text less
//! its `skip_lines` lines, split into paragraphs at blank lines, less a first
//! paragraph equal to the title, less the `skip` paragraphs, ending before the
//! first paragraph that starts with `end_at`.

use crate::load::raw::RawArticle;

/// The summary fields that cut an article's text into its body.
#[derive(Debug, Clone, Copy)]
pub struct Cut<'a> {
    /// A first paragraph equal to it is dropped.
    pub title: &'a str,
    /// Paragraphs that are not the article.
    pub skip: &'a [String],
    /// Lines that are not the article (a dateline, a font-size control).
    pub skip_lines: &'a [String],
    /// A paragraph starting with it ends the body.
    pub end_at: Option<&'a str>,
}

impl<'a> Cut<'a> {
    /// The cut an article's summary asks for.
    pub fn of(summary: &'a RawArticle) -> Cut<'a> {
        Cut {
            title: &summary.title,
            skip: &summary.skip,
            skip_lines: &summary.skip_lines,
            end_at: summary.end_at.as_deref(),
        }
    }
}

/// The body, and which `skip` entries and `end_at` were never used (so the
/// user can be told that they match nothing).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// Body paragraphs, trimmed.
    pub paragraphs: Vec<String>,
    /// Indices of `skip` entries that matched no paragraph.
    pub unused_skips: Vec<usize>,
    /// Indices of `skip_lines` entries that matched no line.
    pub unused_skip_lines: Vec<usize>,
    /// True when `end_at` was given but no paragraph starts with it.
    pub end_at_unused: bool,
}

/// True when `a` and `b` hold the same words, however spaced, so that a
/// one-line `skip` entry matches a paragraph that the capture broke over
/// several lines. Most paragraphs differ at the first word, and are read no
/// further.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// All paragraphs of `text`: runs of non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<String> {
    paragraphs_without(text, &[], &mut [])
}

/// The paragraphs of `text` once every line equal (in its words) to an entry
/// of `skip_lines` is taken out, as if it were never there; `used[i]` is set
/// when entry `i` took a line out.
fn paragraphs_without(text: &str, skip_lines: &[String], used: &mut [bool]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if !skip_lines.is_empty()
            && let Some(i) = skip_lines.iter().position(|s| same_words(s, line))
            && !line.trim().is_empty()
        {
            used[i] = true;
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else if current.is_empty() {
            current.push_str(line.trim());
        } else {
            current.push('\n');
            current.push_str(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The indices of the entries not used.
fn unused(used: &[bool]) -> Vec<usize> {
    used.iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(i, _)| i)
        .collect()
}

/// Splits `text` into body paragraphs.
pub fn split(text: &str, cut: Cut) -> Body {
    let Cut {
        title,
        skip,
        skip_lines,
        end_at,
    } = cut;
    let mut used = vec![false; skip.len()];
    let mut lines_used = vec![false; skip_lines.len()];
    let mut body = Body {
        end_at_unused: end_at.is_some_and(|e| !e.trim().is_empty()),
        ..Body::default()
    };
    let all = paragraphs_without(text, skip_lines, &mut lines_used);
    for (n, paragraph) in all.into_iter().enumerate() {
        if n == 0 && same_words(&paragraph, title) {
            continue;
        }
        if let Some(end) = end_at.map(str::trim).filter(|e| !e.is_empty())
            && paragraph.starts_with(end)
        {
            body.end_at_unused = false;
            break;
        }
        if let Some(i) = skip.iter().position(|s| same_words(s, &paragraph)) {
            used[i] = true;
            continue;
        }
        body.paragraphs.push(paragraph);
    }
    body.unused_skips = unused(&used);
    body.unused_skip_lines = unused(&lines_used);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A capture with a title, a caption, body paragraphs and a tail.
    const TEXT: &str = "Headline here\n\nA caption. Reuters\nPowered by automated translation\n\n  First real paragraph.  \n\nSecond\nparagraph on two lines.\n   \nComments\n\nPost a comment\n";

    #[test]
    fn drops_title_skips_and_tail() {
        let skip = ["A caption. Reuters Powered by automated translation".to_string()];
        let body = split(
            TEXT,
            Cut {
                title: "Headline here",
                skip: &skip,
                skip_lines: &[],
                end_at: Some("Comments"),
            },
        );
        assert_eq!(
            body.paragraphs,
            vec!["First real paragraph.", "Second\nparagraph on two lines."]
        );
        assert!(body.unused_skips.is_empty());
        assert!(!body.end_at_unused);
    }

    #[test]
    fn keeps_everything_without_title_match() {
        let skip = ["nothing like it".to_string()];
        let body = split(
            TEXT,
            Cut {
                title: "Another title",
                skip: &skip,
                skip_lines: &skip,
                end_at: Some("Nope"),
            },
        );
        assert_eq!(body.paragraphs.len(), 6);
        assert_eq!(body.paragraphs[0], "Headline here");
        assert_eq!(body.unused_skips, vec![0]);
        assert_eq!(body.unused_skip_lines, vec![0]);
        assert!(body.end_at_unused);
    }

    /// Rudaw's capture: a dateline, a label and a font-size control sit
    /// above the lede with no blank line between.
    const RUDAW: &str = "Pentagon calls on Baghdad\n\n24-04-2024\nRudaw\nA+ A-\nERBIL - The United States called.\n\nRudaw\nreported a second attack.\n";

    #[test]
    fn skip_lines_take_lines_out_of_any_paragraph() {
        let lines = ["24-04-2024".to_string(), "A+  A-".to_string()];
        let body = split(
            RUDAW,
            Cut {
                title: "Pentagon calls on Baghdad",
                skip: &[],
                skip_lines: &lines,
                end_at: None,
            },
        );
        assert_eq!(
            body.paragraphs,
            vec![
                "Rudaw\nERBIL - The United States called.",
                "Rudaw\nreported a second attack."
            ]
        );
        assert!(body.unused_skip_lines.is_empty());
    }

    #[test]
    fn a_skipped_line_goes_everywhere_it_occurs_and_can_empty_a_paragraph() {
        let lines = [
            "24-04-2024".to_string(),
            "Rudaw".to_string(),
            "A+ A-".to_string(),
            "never there".to_string(),
        ];
        let skip = ["reported a second attack.".to_string()];
        let body = split(
            RUDAW,
            Cut {
                title: "Pentagon calls on Baghdad",
                skip: &skip,
                skip_lines: &lines,
                end_at: None,
            },
        );
        // the second paragraph, less its "Rudaw" line, is a `skip` entry
        assert_eq!(body.paragraphs, vec!["ERBIL - The United States called."]);
        assert!(body.unused_skips.is_empty());
        assert_eq!(body.unused_skip_lines, vec![3]);
    }

    #[test]
    fn a_lone_line_is_a_paragraph() {
        assert_eq!(
            paragraphs("one\n\ntwo\nthree\n\n\nfour"),
            vec!["one", "two\nthree", "four"]
        );
    }
}
