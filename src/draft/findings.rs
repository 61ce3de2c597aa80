//! What the analysis of a captured text finds: the values it recognised,
//! each with the line it came from, and the paragraphs that are probably
//! not the article. The analysis (`mod.rs`) fills them in; the YAML writer
//! (`yaml.rs`) writes them out.

/// A value recognised in the text and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// The value as the summary writes it.
    pub(super) value: String,
    /// The line of the text it was recognised in.
    pub(super) line: String,
    /// For dates: it came from an "Updated:" line.
    pub(super) updated: bool,
}

/// A paragraph suggested for `skip`, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Skip {
    /// The paragraph, as the text has it.
    pub(super) paragraph: String,
    /// What it was recognised as ("photo caption", "date line", …).
    pub(super) why: String,
}

/// Everything recognised in a captured text.
#[derive(Debug, Default)]
pub(super) struct Findings {
    /// The first line of the text that is not blank.
    pub(super) title: Option<String>,
    /// Who published the article.
    pub(super) publisher: Option<Found>,
    /// The byline.
    pub(super) author: Option<Found>,
    /// The date of publication, or of the last update when no other is given.
    pub(super) published: Option<Found>,
    /// The date of the last update.
    pub(super) updated: Option<Found>,
    /// Where the article was published.
    pub(super) url: Option<Found>,
    /// The paragraphs that are probably not the article.
    pub(super) skip: Vec<Skip>,
    /// The lines, inside a paragraph of the article, that are probably not
    /// (`paragraph` holds the line).
    pub(super) skip_lines: Vec<Skip>,
    /// The start of the comment section.
    pub(super) end_at: Option<String>,
}

/// A [`Found`] value from `line`.
pub(super) fn found(value: String, line: &str, updated: bool) -> Found {
    Found {
        value,
        line: line.to_string(),
        updated,
    }
}
