//! `feed.xml`: the events as a valid Atom feed (RFC 4287), newest first,
//! linked from every page; and what every page's head carries besides (a
//! meta description, a favicon, `<time datetime>`).

mod common;

use common::{TestPack, minimal};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The text of the Atom child `name` of `node`.
fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
}

/// True for an RFC 3339 date-time as the feed writes them.
fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && text.ends_with('Z')
        && b[10] == b'T'
        && [4, 7].iter().all(|&i| b[i] == b'-')
        && [13, 16].iter().all(|&i| b[i] == b':')
        && b.iter()
            .enumerate()
            .filter(|(i, _)| ![4, 7, 10, 13, 16, 19].contains(i))
            .all(|(_, c)| c.is_ascii_digit())
}

/// A pack with three events over three dates, one of them imprecise.
fn three_events() -> TestPack {
    let pack = minimal();
    pack.write(
        "content/events/2024.yaml",
        "- id: zummar-rockets\n  date: 2024-04-21\n  title: Rockets fired from Zummar & Rumaylan\n  kind: attack\n  status: claimed\n  location: Zummar\n  actors: [kh]\n  summary: \"[[kh]] fired <rockets> [@national-2024-04-22 \\\"five rockets\\\"].\"\n  cites:\n    - {article: national-2024-04-22, quote: \"from the northern Iraqi town of Zummar\"}\n- id: confirmation\n  date: late 2024-04\n  title: The attack is confirmed\n  cites:\n    - {article: national-2024-04-22, quote: \"confirmed the attack\"}\n- id: earlier\n  date: 2024-01\n  title: Something earlier\n  cites:\n    - {article: national-2024-04-22}\n",
    );
    pack
}

#[test]
fn the_feed_is_atom_with_every_event_newest_first() {
    let pack = three_events();
    pack.build_ok();
    let xml = pack.page("feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "{xml}");
    for required in ["id", "title", "updated"] {
        assert!(
            child_text(feed, required).is_some(),
            "feed {required}:\n{xml}"
        );
    }
    assert_eq!(child_text(feed, "updated"), Some("2024-06-10T00:00:00Z"));
    let author = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .and_then(|a| child_text(a, "name"));
    assert!(author.is_some_and(|a| !a.is_empty()), "{xml}");
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    let titles: Vec<&str> = entries
        .iter()
        .filter_map(|e| child_text(*e, "title"))
        .collect();
    assert_eq!(
        titles,
        [
            "The attack is confirmed",
            "Rockets fired from Zummar & Rumaylan",
            "Something earlier"
        ]
    );
    let mut ids = std::collections::HashSet::new();
    for entry in &entries {
        let id = child_text(*entry, "id").unwrap_or_default();
        assert!(id.starts_with("urn:uuid:") && ids.insert(id), "{id}");
        let updated = child_text(*entry, "updated").unwrap_or_default();
        assert!(is_rfc3339(updated), "{updated}");
        let link = entry
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("alternate"));
        let href = link.and_then(|l| l.attribute("href")).unwrap_or_default();
        // the link lands on the event's anchor on the page that holds it
        let (page, anchor) = href.split_once('#').unwrap_or((href, ""));
        assert!(
            pack.page(page).contains(&format!("id=\"{anchor}\"")),
            "{href}"
        );
    }
    assert_eq!(
        child_text(entries[0], "updated"),
        Some("2024-04-21T00:00:00Z"),
        "late April starts on the 21st"
    );
    // the summary is plain text: date, status, place, then the words (the
    // raw HTML and the citation gone)
    let summary = child_text(entries[1], "summary").unwrap_or_default();
    assert_eq!(
        summary,
        "21 April 2024 · claimed · Zummar. Kataib Hezbollah fired."
    );
    // the same pack builds the same ids
    pack.build_ok();
    assert_eq!(pack.page("feed.xml"), xml);
}

#[test]
fn with_a_base_url_the_feed_links_are_absolute() {
    let pack = three_events();
    let out = pack.run(&["build", "--base-url", "https://example.org/pack"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = pack.page("feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let feed = doc.root_element();
    assert_eq!(
        child_text(feed, "id"),
        Some("https://example.org/pack/feed.xml")
    );
    for link in doc.descendants().filter(|n| n.has_tag_name((ATOM, "link"))) {
        let href = link.attribute("href").unwrap_or_default();
        assert!(href.starts_with("https://example.org/pack/"), "{href}");
    }
}

#[test]
fn every_page_has_a_description_a_favicon_and_the_feed() {
    let pack = three_events();
    pack.build_ok();
    for (page, root) in [
        ("index.html", ""),
        ("chronology/index.html", "../"),
        ("actors/index.html", "../"),
        ("actors/kh/index.html", "../../"),
        ("articles/index.html", "../"),
        ("articles/national-2024-04-22/index.html", "../../"),
        ("print/index.html", "../"),
        ("404.html", ""),
    ] {
        let html = pack.page(page);
        let description = html
            .split("<meta name=\"description\" content=\"")
            .nth(1)
            .and_then(|d| d.split('"').next())
            .unwrap_or_default();
        assert!(
            !description.trim().is_empty() && description.chars().count() <= 160,
            "{page}: {description:?}"
        );
        assert!(
            html.contains(&format!(
                "<link rel=\"icon\" href=\"{root}assets/favicon.svg\""
            )),
            "{page}"
        );
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{root}feed.xml\""
            )),
            "{page}"
        );
    }
    assert!(pack.public().join("assets/favicon.svg").is_file());
    // the overview's description is the pack's summary as plain text
    assert!(
        pack.page("index.html")
            .contains("<meta name=\"description\" content=\"Kataib Hezbollah fired rockets.\">")
    );
    let chronology = pack.page("chronology/index.html");
    assert!(
        chronology.contains("<time datetime=\"2024-04\">late April 2024</time>")
            && chronology.contains("<time datetime=\"2024-04-21\">21 April 2024</time>"),
        "{chronology}"
    );
}
