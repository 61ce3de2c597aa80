//! An article's body (see the README, *An article*): the captured text split
//! into paragraphs at blank lines, less a first paragraph equal to the title,
//! less the `skip` paragraphs, ending before the first paragraph that starts
//! with `end_at`.

/// The body, and which `skip` entries and `end_at` were never used (so the
/// user can be told that they match nothing).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// Body paragraphs, trimmed.
    pub paragraphs: Vec<String>,
    /// Indices of `skip` entries that matched no paragraph.
    pub unused_skips: Vec<usize>,
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
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
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

/// Splits `text` into body paragraphs.
pub fn split(text: &str, title: &str, skip: &[String], end_at: Option<&str>) -> Body {
    let mut used = vec![false; skip.len()];
    let mut body = Body {
        end_at_unused: end_at.is_some_and(|e| !e.trim().is_empty()),
        ..Body::default()
    };
    for (n, paragraph) in paragraphs(text).into_iter().enumerate() {
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
    body.unused_skips = used
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(i, _)| i)
        .collect();
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A capture with a title, a caption, body paragraphs and a tail.
    const TEXT: &str = "Headline here\n\nA caption. Reuters\nPowered by automated translation\n\n  First real paragraph.  \n\nSecond\nparagraph on two lines.\n   \nComments\n\nPost a comment\n";

    #[test]
    fn drops_title_skips_and_tail() {
        let body = split(
            TEXT,
            "Headline here",
            &["A caption. Reuters Powered by automated translation".to_string()],
            Some("Comments"),
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
        let body = split(
            TEXT,
            "Another title",
            &["nothing like it".to_string()],
            Some("Nope"),
        );
        assert_eq!(body.paragraphs.len(), 6);
        assert_eq!(body.paragraphs[0], "Headline here");
        assert_eq!(body.unused_skips, vec![0]);
        assert!(body.end_at_unused);
    }

    #[test]
    fn a_lone_line_is_a_paragraph() {
        assert_eq!(
            paragraphs("one\n\ntwo\nthree\n\n\nfour"),
            vec!["one", "two\nthree", "four"]
        );
    }
}
