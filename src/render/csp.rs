//! The Content-Security-Policy every page carries (a `<meta http-equiv>`
//! in the theme's `base.html`, as `site.csp`): a second line of defence
//! should content ever get markup past the sanitiser. Scripts run only
//! from the site's own files and, inline, only those the theme's templates
//! hold word for word (each allowed by its SHA-256 hash); so no inline
//! script, event handler or `javascript:` address that content could smuggle
//! in runs. Plugins are off; styles, images and the rest may come from the
//! site itself, and images from the web (markdown may show them).

use sha2::{Digest, Sha256};

use crate::load::theme::Theme;

/// The policy for the theme's pages. `serve`'s reload script is a file of
/// the site's origin, and its socket too: `'self'` covers both.
pub fn policy(theme: &Theme) -> String {
    let mut script_src = vec!["'self'".to_string()];
    script_src.extend(inline_script_hashes(theme));
    format!(
        "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; img-src 'self' https: http: data:; object-src 'none'",
        script_src.join(" ")
    )
}

/// `'sha256-…'` for each inline `<script>` of the theme's templates whose
/// text is fixed (holds no `{{` or `{%`), in template order, without
/// repeats. A script whose text the template fills in is not allowed: its
/// text could come from content.
fn inline_script_hashes(theme: &Theme) -> Vec<String> {
    let mut hashes = Vec::new();
    for (_, text) in theme.templates.values() {
        let mut rest = text.as_str();
        while let Some(open) = rest.find("<script") {
            let after = &rest[open + "<script".len()..];
            let Some(tag_end) = after.find('>') else {
                break;
            };
            let attributes = &after[..tag_end];
            let body_and_rest = &after[tag_end + 1..];
            let Some(close) = body_and_rest.find("</script>") else {
                break;
            };
            let body = &body_and_rest[..close];
            if !attributes.contains("src=") && !body.contains("{{") && !body.contains("{%") {
                let hash = format!(
                    "'sha256-{}'",
                    data_encoding::BASE64.encode(&Sha256::digest(body.as_bytes()))
                );
                if !hashes.contains(&hash) {
                    hashes.push(hash);
                }
            }
            rest = &body_and_rest[close..];
        }
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_inline_scripts_are_allowed_by_hash_and_filled_ones_are_not() {
        let mut theme = Theme::default();
        theme.templates.insert(
            "a.html".into(),
            (
                "a.html".into(),
                "<script>alert(1)</script><script src=\"x.js\"></script><script>{{ x }}</script>"
                    .into(),
            ),
        );
        let policy = policy(&theme);
        // sha256("alert(1)"), and nothing else inline
        assert!(
            policy.contains(
                "script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=';"
            ),
            "{policy}"
        );
        assert_eq!(policy.matches("sha256-").count(), 1, "{policy}");
    }
}
