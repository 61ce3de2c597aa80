//! The default pack in `content/` builds into a complete site: every page of
//! the README (*The site*), every citation landing on the paragraph that holds its quote, no
//! broken link or anchor anywhere, and the same bytes on every build.

mod common;

use std::path::Path;

use common::{attributes, broken_links, snapshot, strip_tags};

fn build_default(out: &Path) {
    let stderr = common::build_default_pack(out);
    assert!(
        !stderr.contains("warning"),
        "the default pack builds without warnings:\n{stderr}"
    );
}

fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' | '″' => '"',
            '‘' | '’' | '′' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn default_pack_site_is_complete_and_linked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    build_default(&out);

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("pack.json")).expect("pack.json"))
            .expect("valid json");
    for page in [
        "index.html",
        "chronology/index.html",
        "actors/index.html",
        "articles/index.html",
        "print/index.html",
        "404.html",
        "sitemap.xml",
        ".nojekyll",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    let articles = json["articles"].as_array().expect("articles");
    let actors = json["actors"].as_array().expect("actors");
    let events = json["events"].as_array().expect("events");
    assert_eq!(articles.len(), 5);
    assert!(actors.len() >= 8 && events.len() >= 10);
    for a in articles {
        assert!(
            out.join(format!(
                "articles/{}/index.html",
                a["id"].as_str().unwrap_or_default()
            ))
            .is_file()
        );
    }
    for a in actors {
        assert!(
            out.join(format!(
                "actors/{}/index.html",
                a["id"].as_str().unwrap_or_default()
            ))
            .is_file()
        );
    }

    // every event is anchored in the chronology
    let chronology =
        std::fs::read_to_string(out.join("chronology/index.html")).expect("chronology");
    let ids = attributes(&chronology, "id");
    for e in events {
        let id = e["id"].as_str().unwrap_or_default();
        assert!(ids.contains(&id), "event {id} has no anchor");
    }

    // every citation resolves to the paragraph that holds its quote
    let mut checked = 0;
    for e in events {
        for c in e["cites"].as_array().expect("cites") {
            let (Some(article), Some(paragraph), Some(quote)) = (
                c["article"].as_str(),
                c["paragraph"].as_u64(),
                c["quote"].as_str(),
            ) else {
                continue;
            };
            let page = std::fs::read_to_string(out.join(format!("articles/{article}/index.html")))
                .expect("article page");
            let open = format!("<div class=\"para para-cited\" id=\"p{paragraph}\">");
            let start = page
                .find(&open)
                .unwrap_or_else(|| panic!("{article} has no cited paragraph {paragraph}"));
            let end = page[start..]
                .find("</div>")
                .map_or(page.len(), |e| start + e);
            let text = strip_tags(&page[start..end]);
            assert!(
                normalise(&text).contains(&normalise(quote)),
                "quote {quote:?} is not in {article} ¶{paragraph}: {text}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} quoted citations checked");

    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn default_pack_builds_byte_identical_sites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_default(&a);
    build_default(&b);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.len(), sb.len());
    for ((pa, ba), (pb, bb)) in sa.iter().zip(&sb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}
