//! The content files as written, field for field (see the README, *Writing a
//! pack*). Unknown fields are errors; values are checked and resolved later,
//! in `resolve`.

use serde::{Deserialize, Deserializer};

/// Reads a required text field, taking YAML's `null` (and `~`) as empty
/// rather than as the word "null", so that the resolver reports it.
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Reads an optional text field: absent, YAML's `null`, or text that is
/// empty or only white space all mean "not given". This is the one rule for
/// every optional text field of every file, so a template's `{% if x %}`
/// and the field being given always agree.
fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|t| !t.trim().is_empty()))
}

/// `content/pack.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    /// Title of the pack.
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// Subtitle.
    #[serde(default, deserialize_with = "optional")]
    pub subtitle: Option<String>,
    /// Protective marking.
    #[serde(default, deserialize_with = "optional")]
    pub marking: Option<String>,
    /// Author.
    #[serde(default, deserialize_with = "optional")]
    pub author: Option<String>,
    /// As-of date.
    #[serde(default, deserialize_with = "optional")]
    pub date: Option<String>,
    /// Language code.
    #[serde(default, deserialize_with = "optional")]
    pub language: Option<String>,
    /// Absolute URL of the published site.
    #[serde(default, deserialize_with = "optional")]
    pub base_url: Option<String>,
    /// Name of the theme under `themes/` (default `default`).
    #[serde(default, deserialize_with = "optional")]
    pub theme: Option<String>,
    /// Bottom line up front, markdown.
    #[serde(default, deserialize_with = "optional")]
    pub summary: Option<String>,
    /// Key judgments.
    #[serde(default)]
    pub key_judgments: Vec<RawJudgment>,
}

/// A key judgment in `pack.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJudgment {
    /// Markdown.
    #[serde(deserialize_with = "text")]
    pub text: String,
    /// low | moderate | high.
    #[serde(default, deserialize_with = "optional")]
    pub confidence: Option<String>,
    /// Citations beside the text.
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

/// `{article: id, quote: "…"}`; in an article's key points `article` may be
/// left out (the article itself).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCite {
    /// The article cited.
    #[serde(default, deserialize_with = "optional")]
    pub article: Option<String>,
    /// A verbatim passage of it.
    #[serde(default, deserialize_with = "optional")]
    pub quote: Option<String>,
}

/// `content/articles/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticle {
    /// Headline.
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// Publisher.
    #[serde(deserialize_with = "text")]
    pub publisher: String,
    /// Byline.
    #[serde(default, deserialize_with = "optional")]
    pub author: Option<String>,
    /// Publication date (a day).
    #[serde(deserialize_with = "text")]
    pub published: String,
    /// Last update.
    #[serde(default, deserialize_with = "optional")]
    pub updated: Option<String>,
    /// Original location.
    #[serde(default, deserialize_with = "optional")]
    pub url: Option<String>,
    /// Language.
    #[serde(default, deserialize_with = "optional")]
    pub language: Option<String>,
    /// Admiralty grade A–F.
    #[serde(default, deserialize_with = "optional")]
    pub reliability: Option<String>,
    /// Markdown.
    #[serde(default, deserialize_with = "optional")]
    pub summary: Option<String>,
    /// Key points.
    #[serde(default)]
    pub key_points: Vec<RawKeyPoint>,
    /// Paragraphs of the text that are not the article.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Lines of the text that are not the article, taken out of whatever
    /// paragraph holds them.
    #[serde(default)]
    pub skip_lines: Vec<String>,
    /// A paragraph starting with this ends the body.
    #[serde(default, deserialize_with = "optional")]
    pub end_at: Option<String>,
}

/// A key point of an article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyPoint {
    /// Markdown.
    #[serde(deserialize_with = "text")]
    pub text: String,
    /// Citations (of this article unless `article` is given).
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

/// `content/actors/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    /// Display name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Kind of actor.
    #[serde(default, deserialize_with = "optional")]
    pub kind: Option<String>,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Markdown.
    #[serde(default, deserialize_with = "optional")]
    pub summary: Option<String>,
    /// Relations to other actors.
    #[serde(default)]
    pub relations: Vec<RawRelation>,
}

/// A relation written on an actor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    /// member-of, part-of, leads, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The other actor.
    pub actor: String,
    /// Citations.
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

/// One event of an `events/*.yaml` list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Id, unique across the pack.
    #[serde(deserialize_with = "text")]
    pub id: String,
    /// Date (see the README, *Dates*).
    #[serde(deserialize_with = "text")]
    pub date: String,
    /// One-line title.
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// A free word.
    #[serde(default, deserialize_with = "optional")]
    pub kind: Option<String>,
    /// Where.
    #[serde(default, deserialize_with = "optional")]
    pub location: Option<String>,
    /// reported | claimed | disputed | confirmed.
    #[serde(default, deserialize_with = "optional")]
    pub status: Option<String>,
    /// Who took part.
    #[serde(default)]
    pub actors: Vec<RawParticipant>,
    /// Markdown.
    #[serde(default, deserialize_with = "optional")]
    pub summary: Option<String>,
    /// Sources; at least one.
    #[serde(default)]
    pub cites: Vec<RawCite>,
}

/// `{actor: id, role: word}` or a bare id.
#[derive(Debug, Clone)]
pub enum RawParticipant {
    /// A bare id: role "involved".
    Id(String),
    /// An id with a role.
    WithRole {
        /// The actor.
        actor: String,
        /// Its role.
        role: Option<String>,
    },
}

/// Reads a participant as the other entries are read: any key but `actor`
/// and `role` is an error naming it (`{actor: kh, role: target, per Rudaw}`
/// is three keys, the last one `per Rudaw`), not a silent loss.
impl<'de> Deserialize<'de> for RawParticipant {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawParticipant;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an actor id, or {actor: id, role: word}")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<RawParticipant, E> {
                Ok(RawParticipant::Id(id.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawParticipant, A::Error> {
                const FIELDS: &[&str] = &["actor", "role"];
                let (mut actor, mut role): (Option<String>, Option<Option<String>>) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "actor" if actor.is_none() => actor = Some(map.next_value()?),
                        "role" if role.is_none() => {
                            let value: Option<String> = map.next_value()?;
                            role = Some(value.filter(|r| !r.trim().is_empty()));
                        }
                        "actor" | "role" => {
                            return Err(serde::de::Error::custom(format!(
                                "duplicate field `{key}`"
                            )));
                        }
                        _ => return Err(serde::de::Error::unknown_field(&key, FIELDS)),
                    }
                }
                let actor = actor.ok_or_else(|| serde::de::Error::missing_field("actor"))?;
                Ok(RawParticipant::WithRole {
                    actor,
                    role: role.flatten(),
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_optional_field_is_the_same_as_an_absent_one() {
        let parse = |yaml: &str| -> RawArticle {
            serde_yaml::from_str(yaml).expect("a valid article summary")
        };
        let absent = parse("title: T\npublisher: P\npublished: 2024-01-02\n");
        for empty in ["\"\"", "''", "'   '", "null", "~"] {
            let given = parse(&format!(
                "title: T\npublisher: P\npublished: 2024-01-02\nauthor: {empty}\nupdated: {empty}\nurl: {empty}\nlanguage: {empty}\nreliability: {empty}\nsummary: {empty}\nend_at: {empty}\n"
            ));
            assert_eq!(format!("{given:?}"), format!("{absent:?}"), "{empty}");
        }
        // text is kept as written
        let kept = parse("title: T\npublisher: P\npublished: 2024-01-02\nauthor: ' A. Writer '\n");
        assert_eq!(kept.author.as_deref(), Some(" A. Writer "));
    }
}
