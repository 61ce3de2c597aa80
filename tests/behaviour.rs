//! Small packs, one behaviour each: what a user relies on in the built site.

mod common;

use common::{TestPack, broken_links, minimal, snapshot};

/// One page of each kind of the minimal pack.
const PAGES: [&str; 6] = [
    "index.html",
    "chronology/index.html",
    "actors/kh/index.html",
    "articles/national-2024-04-22/index.html",
    "print/index.html",
    "404.html",
];

#[test]
fn every_page_kind_is_written_with_relative_links() {
    let pack = minimal();
    pack.build_ok();
    for page in [
        "index.html",
        "chronology/index.html",
        "actors/index.html",
        "actors/kh/index.html",
        "actors/us/index.html",
        "articles/index.html",
        "articles/national-2024-04-22/index.html",
        "print/index.html",
        "pack.json",
        "404.html",
        "sitemap.xml",
        ".nojekyll",
        "assets/style.css",
    ] {
        assert!(pack.public().join(page).is_file(), "{page} missing");
    }
    let broken = broken_links(&pack.public());
    assert!(broken.is_empty(), "{broken:?}");
    let actor = pack.page("actors/kh/index.html");
    assert!(actor.contains("href=\"../../assets/style.css\""));
    assert!(!actor.contains("href=\"/"), "no root-absolute links");
}

#[test]
fn marking_is_at_top_and_bottom_of_every_page() {
    let pack = minimal();
    pack.build_ok();
    for page in PAGES {
        let html = pack.page(page);
        assert!(html.matches("TEST // MARKING").count() >= 2, "{page}");
        assert!(
            html.contains("marking-top") && html.contains("marking-bottom"),
            "{page}"
        );
    }
}

#[test]
fn body_drops_title_skips_and_tail_and_numbers_paragraphs() {
    let pack = minimal();
    pack.build_ok();
    let page = pack.page("articles/national-2024-04-22/index.html");
    assert!(!page.contains("A caption under the photo"));
    assert!(!page.contains("Post a comment"));
    assert!(
        page.contains("id=\"p1\"") && page.contains("id=\"p3\"") && !page.contains("id=\"p4\"")
    );
    let json: serde_json::Value = serde_json::from_str(&pack.page("pack.json")).expect("json");
    assert_eq!(json["articles"][0]["paragraphs"], 3);
}

#[test]
fn skip_lines_take_a_dateline_out_of_the_lede_and_warn_when_unused() {
    let pack = minimal();
    // a capture with a dateline and a font-size control stuck to the lede
    let text = common::ARTICLE_TEXT.replace(
        "Kataib Hezbollah said on Monday",
        "22-04-2024\nThe National\nA+ A-\nKataib Hezbollah said on Monday",
    );
    pack.write("content/articles/national-2024-04-22.txt", &text);
    let summary = "title: Rockets hit a base in Syria\npublisher: The National\npublished: 2024-04-22\nsummary: Rockets were fired.\nskip:\n  - A caption under the photo. Reuters\nskip_lines:\n  - 22-04-2024\n  - A+ A-\n  - Not in the text\nend_at: Comments\n";
    pack.write("content/articles/national-2024-04-22.yaml", summary);
    let stderr = pack.build_ok();
    let page = pack.page("articles/national-2024-04-22/index.html");
    assert!(
        !page.contains("22-04-2024") && !page.contains("A+ A-"),
        "{page}"
    );
    // the line not named stays, in the paragraph it was in
    let p1 = page
        .split("id=\"p1\"")
        .nth(1)
        .and_then(|p| p.split("id=\"p2\"").next());
    assert!(
        p1.is_some_and(|p| p.contains("The National") && p.contains("Zummar")),
        "{page}"
    );
    assert!(
        stderr.contains("national-2024-04-22.yaml:10:3")
            && stderr.contains("this `skip_lines` entry matches no line of the text"),
        "{stderr}"
    );
}

#[test]
fn citations_number_link_to_paragraph_and_original() {
    let pack = minimal();
    pack.build_ok();
    let chronology = pack.page("chronology/index.html");
    assert!(chronology.contains("href=\"#ref-1\""));
    assert!(chronology.contains("href=\"#ref-2\""));
    assert!(chronology.contains("id=\"ref-1\""));
    // the reference links to paragraph 1 (which holds the quote) and to the original with a text fragment
    assert!(chronology.contains("../articles/national-2024-04-22/index.html#p1"));
    assert!(chronology.contains(
        "https://example.com/rockets#:~:text=from%20the%20northern%20Iraqi%20town%20of%20Zummar"
    ));
    // the passage is highlighted on the article page
    let article = pack.page("articles/national-2024-04-22/index.html");
    assert!(
        article.contains("<mark class=\"cited\">from the northern Iraqi town of Zummar</mark>"),
        "{article}"
    );
    let json: serde_json::Value = serde_json::from_str(&pack.page("pack.json")).expect("json");
    let cites = &json["events"][0]["cites"];
    assert_eq!(cites[0]["paragraph"], 1);
    assert_eq!(cites[1]["paragraph"], 2);
}

#[test]
fn a_paragraph_wrapped_over_lines_reads_as_one_line() {
    let pack = minimal();
    let wrapped = common::ARTICLE_TEXT.replace(
        "Kataib Hezbollah said on Monday",
        "Kataib\nHezbollah said on\nMonday",
    );
    pack.write("content/articles/national-2024-04-22.txt", &wrapped);
    pack.build_ok();
    let page = pack.page("articles/national-2024-04-22/index.html");
    // the line breaks become spaces, inside and outside the linked name
    assert!(
        page.contains(
            r#"<a class="mention" href="../../actors/kh/index.html">Kataib Hezbollah</a> said on Monday"#
        ),
        "{page}"
    );
    let actor = pack.page("actors/kh/index.html");
    assert!(
        actor.contains("<strong class=\"mention\">Kataib"),
        "{actor}"
    );
}

#[test]
fn mentions_are_whole_words_case_sensitive_longest_first() {
    let pack = minimal();
    pack.build_ok();
    let json: serde_json::Value = serde_json::from_str(&pack.page("pack.json")).expect("json");
    let kh = json["actors"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == "kh"))
        .cloned()
        .unwrap_or_default();
    let paragraphs: Vec<u64> = kh["mentions"]
        .as_array()
        .map(|m| m.iter().filter_map(|x| x["paragraph"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(
        paragraphs,
        vec![1, 2],
        "Kataib Hezbollah in ¶1, Hezbollah Brigades in ¶2"
    );
    let us = json["actors"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == "us"))
        .cloned()
        .unwrap_or_default();
    let paragraphs: Vec<u64> = us["mentions"]
        .as_array()
        .map(|m| m.iter().filter_map(|x| x["paragraph"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(paragraphs, vec![2], "US in ¶2 only");
    let page = pack.page("actors/kh/index.html");
    assert!(page.contains("<strong class=\"mention\">Kataib Hezbollah</strong>"));
    assert!(!page.contains("<strong class=\"mention\">Hezbollah</strong> said"));
}

#[test]
fn relations_show_on_both_sides_with_inverse_wording() {
    let pack = minimal();
    pack.write(
        "content/actors/irgc.yaml",
        "name: Iran\nkind: state\nrelations:\n  - {type: backs, actor: kh}\n",
    );
    pack.build_ok();
    let kh = pack.page("actors/kh/index.html");
    assert!(
        kh.contains("opposes</span> <a href=\"../../actors/us/index.html\">United States</a>"),
        "{kh}"
    );
    assert!(kh.contains("backed by</span> <a href=\"../../actors/irgc/index.html\">Iran</a>"));
    let us = pack.page("actors/us/index.html");
    assert!(
        us.contains(
            "opposed by</span> <a href=\"../../actors/kh/index.html\">Kataib Hezbollah</a>"
        )
    );
}

#[test]
fn chronology_orders_by_earliest_day_then_precision_then_id() {
    let pack = minimal();
    let cite = "  cites: [{article: national-2024-04-22}]\n";
    pack.write(
        "content/events/more.yaml",
        &format!(
            "- id: b-month\n  date: 2024-01\n  title: Month\n{cite}- id: a-late\n  date: late 2024-01\n  title: Late January\n{cite}- id: c-day\n  date: 2024-01-01\n  title: New year day\n{cite}- id: range\n  date: 2023-10-17..2024-02-04\n  title: A range\n{cite}- id: year\n  date: 2014\n  title: A year\n{cite}- id: a-day\n  date: 2024-01-01\n  title: Same day, earlier id\n{cite}"
        ),
    );
    pack.build_ok();
    let html = pack.page("chronology/index.html");
    let order: Vec<usize> = [
        "id=\"year\"",
        "id=\"range\"",
        "id=\"a-day\"",
        "id=\"c-day\"",
        "id=\"b-month\"",
        "id=\"a-late\"",
        "id=\"zummar-rockets\"",
    ]
    .iter()
    .map(|id| html.find(id).unwrap_or_else(|| panic!("{id} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?}");
    assert!(html.contains("late January 2024"));
    assert!(html.contains("17 October 2023 – 4 February 2024"));
    assert!(html.contains("21 April 2024"));
    let json: serde_json::Value = serde_json::from_str(&pack.page("pack.json")).expect("json");
    assert_eq!(
        json["events"][1]["date"], "2023-10-17..2024-02-04",
        "date as written"
    );
}

#[test]
fn text_is_escaped_and_markdown_html_sanitised() {
    let pack = minimal();
    pack.write("content/actors/us.yaml", "name: United <States> & co\nkind: state\naliases: [US]\nsummary: |\n  Hello <script>alert('x')</script> <img src=x onerror=alert(1)> **bold**\n");
    pack.build_ok();
    let page = pack.page("actors/us/index.html");
    assert!(page.contains("United &lt;States&gt; &amp; co"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("onerror"));
    assert!(page.contains("<strong>bold</strong>"));
}

#[test]
fn check_writes_nothing() {
    let pack = minimal();
    let out = pack.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!pack.public().exists());
}

#[test]
fn output_folder_and_base_url_options() {
    let pack = minimal();
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = out_dir.path().join("site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", "--base-url", "https://example.org/briefing"])
        .arg(pack.path())
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<loc>https://example.org/briefing/actors/kh/</loc>"));
    assert!(!pack.public().exists());
}

#[test]
fn a_base_url_without_a_scheme_is_refused_before_anything_is_written() {
    let pack = minimal();
    for bad in [
        "example.org",
        "example.org/briefing/",
        "javascript:alert(1)",
        "ftp://example.org/",
    ] {
        let out = pack.run(&["build", "--base-url", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "--base-url `{bad}` is not an absolute http or https address"
            )),
            "{err}"
        );
        assert!(
            err.contains("https://example.org/briefing/"),
            "says how: {err}"
        );
        assert!(!pack.public().exists(), "nothing written for {bad}");
    }
}

#[test]
fn static_files_are_copied_to_the_root() {
    let pack = minimal();
    pack.write("content/static/CNAME", "briefing.example.org\n");
    pack.write("content/static/img/map.svg", "<svg/>");
    pack.build_ok();
    assert_eq!(pack.page("CNAME"), "briefing.example.org\n");
    assert_eq!(pack.page("img/map.svg"), "<svg/>");
}

#[test]
fn a_pack_theme_overrides_one_template() {
    let pack = minimal();
    pack.write("themes/default/templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Custom lost page</h1>{% endblock content %}");
    pack.build_ok();
    assert!(pack.page("404.html").contains("Custom lost page"));
    assert!(
        pack.page("index.html").contains("Key judgments"),
        "other templates stay built-in"
    );
}

#[test]
fn rebuild_replaces_the_site_whole() {
    let pack = minimal();
    pack.build_ok();
    pack.write("content/actors/extra.yaml", "name: Zummar\nkind: other\n");
    pack.build_ok();
    assert!(pack.public().join("actors/extra/index.html").is_file());
    pack.remove("content/actors/extra.yaml");
    pack.build_ok();
    assert!(
        !pack.public().join("actors/extra").exists(),
        "pages of removed content disappear"
    );
    let first = snapshot(&pack.public());
    pack.build_ok();
    assert_eq!(first, snapshot(&pack.public()), "same input, same bytes");
}

#[test]
fn warnings_do_not_fail_the_build() {
    let pack = minimal();
    pack.write(
        "content/actors/nobody.yaml",
        "name: Nobody Named Here\nkind: person\n",
    );
    let stderr = pack.build_ok();
    assert!(
        stderr.contains("warning: actor `nobody` is mentioned in no article"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/actors/nobody.yaml:1:7"),
        "{stderr}"
    );
}

#[test]
fn a_pack_with_only_content_builds_with_the_builtin_theme() {
    let pack = TestPack::new();
    pack.write("content/pack.yaml", "title: Bare\n");
    pack.build_ok();
    assert!(pack.page("index.html").contains("<h1>Bare</h1>"));
}

#[test]
fn inline_quotes_may_contain_quote_marks() {
    let pack = minimal();
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\nsummary: |\n  Blamed Iran [@national-2024-04-22 \"Iraqi sovereignty, the \"spokesman\" said\"] and [@national-2024-04-22 \"the \\\"spokesman\\\" said\"].\n",
    );
    pack.build_ok();
    let page = pack.page("actors/us/index.html");
    assert!(
        page.contains("href=\"#ref-1\"") && page.contains("href=\"#ref-2\""),
        "{page}"
    );
    assert!(page.contains("../../articles/national-2024-04-22/index.html#p3"));
}

#[test]
fn a_key_points_markers_sit_against_its_last_word() {
    let pack = minimal();
    pack.build_ok();
    let article = pack.page("articles/national-2024-04-22/index.html");
    assert!(
        article.contains("Five rockets.</p><sup class=\"cite\""),
        "{article}"
    );
    let home = pack.page("index.html");
    let judgment = home.split("will strike again").nth(1).unwrap_or_default();
    assert!(!judgment.starts_with(char::is_whitespace), "{home}");
    assert!(
        !home.contains("</p>\n<sup") && !article.contains("</p>\n<sup"),
        "a line break before a marker shows as a space"
    );
}

#[test]
fn the_actors_and_sources_indexes_are_tables_to_scan() {
    let pack = minimal();
    pack.build_ok();
    let actors = pack.page("actors/index.html");
    // name, a line on who they are, events, paragraphs, sources
    assert!(
        actors.contains("<table class=\"index-table actors-table\">"),
        "{actors}"
    );
    let kh = actors
        .split("<th scope=\"row\"><a href=\"../actors/kh/index.html\">Kataib Hezbollah</a>")
        .nth(1)
        .and_then(|row| row.split("</tr>").next())
        .unwrap_or_default();
    assert!(
        kh.contains("<td>An armed group.</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td>"),
        "{kh}"
    );
    let sources = pack.page("articles/index.html");
    let row = sources
        .split("<tr id=\"national-2024-04-22\">")
        .nth(1)
        .and_then(|row| row.split("</tr>").next())
        .unwrap_or_default();
    assert!(
        row.contains("<span class=\"line\">Rockets were fired.</span>")
            && row.contains("<td>The National</td><td class=\"nowrap\">22 April 2024</td>"),
        "{row}"
    );
    // the citations of summaries that are not shown leave no references
    assert!(!sources.contains("id=\"ref-1\""), "{sources}");
}

#[test]
fn each_reference_links_back_to_where_it_is_first_cited() {
    let pack = minimal();
    pack.build_ok();
    // every page kind but the 404 page has references
    for page in PAGES.iter().filter(|p| **p != "404.html") {
        let html = pack.page(page);
        let refs = common::attributes(&html, "id")
            .into_iter()
            .filter(|id| id.starts_with("ref-"))
            .count();
        assert!(refs > 0, "{page} has references");
        for n in 1..=refs {
            // one marker of each number carries the id, and the reference links to it
            assert_eq!(
                html.matches(&format!("id=\"cite-{n}\"")).count(),
                1,
                "{page}: cite-{n}"
            );
            assert!(
                html.contains(&format!("<a class=\"ref-back\" href=\"#cite-{n}\"")),
                "{page}: back link {n}"
            );
        }
    }
    let broken = broken_links(&pack.public());
    assert!(broken.is_empty(), "{broken:?}");
}
