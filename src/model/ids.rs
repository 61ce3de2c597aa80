//! Ids: lower-case letters, digits and dashes, starting with a letter or a
//! digit, at most 80 characters (see the README, *Writing a pack*). The rules
//! are here, in the model, because both the load stage (file names) and the
//! resolve stage (event ids) check them, and `briefing new article` suggests
//! ids that follow them.

/// The longest id allowed.
pub const MAX_ID_LEN: usize = 80;

/// Checks that `id` is a valid id; the error says what is wrong with it.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("an id cannot be empty".into());
    }
    if id.len() > MAX_ID_LEN {
        return Err(format!(
            "it has {} characters, at most {MAX_ID_LEN} are allowed",
            id.len()
        ));
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        return Err("an id starts with a lower-case letter or a digit".into());
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!("`{bad}` is not allowed: use a-z, 0-9 and -"));
    }
    Ok(())
}

/// A valid id close to `text`, to suggest as a replacement.
pub fn suggest_id(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    out.truncate(MAX_ID_LEN);
    if out.is_empty() {
        "item".to_string()
    } else {
        out.trim_end_matches('-').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_id_grammar() {
        assert!(check_id("kataib-hezbollah").is_ok());
        assert!(check_id("2024-04-21-zummar").is_ok());
        assert!(check_id(&"a".repeat(80)).is_ok());
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "-leading",
            "Upper",
            "under_score",
            "space d",
            "dot.ted",
            "ünï",
            "../escape",
        ] {
            assert!(check_id(bad).is_err(), "{bad} should be rejected");
        }
        assert!(check_id(&"a".repeat(81)).is_err());
    }

    #[test]
    fn suggests_a_valid_id() {
        assert_eq!(
            suggest_id("The National 2024_04_22"),
            "the-national-2024-04-22"
        );
        assert!(check_id(&suggest_id("--")).is_ok());
    }
}
