//! A pack is untrusted input: no address from it can run script, no
//! `theme:` can read outside it, and no output folder can sit inside what
//! it reads. Each case builds a real pack with the real binary.

mod common;

use std::fs;

use common::TestPack;

/// Builds `pack` expecting failure with `code`; returns the messages.
fn build_fails(pack: &TestPack, args: &[&str], code: i32) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = pack.run(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

#[test]
fn an_article_address_that_is_not_http_is_an_error_at_its_line() {
    for url in [
        "\"javascript:alert(document.domain)\"",
        "\"data:text/html,<script>alert(1)</script>\"",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
    ] {
        let pack = common::minimal();
        pack.build_ok();
        let before = pack.page("index.html");
        pack.write(
            "content/articles/national-2024-04-22.yaml",
            &format!(
                "title: Rockets hit a base in Syria\npublisher: The National\npublished: 2024-04-22\nurl: {url}\nsummary: Rockets were fired.\nskip:\n  - A caption under the photo. Reuters\nend_at: Comments\n"
            ),
        );
        let stderr = build_fails(&pack, &[], 1);
        assert!(
            stderr.contains("is not an http or https address"),
            "{stderr}"
        );
        assert!(
            stderr.contains("content/articles/national-2024-04-22.yaml:4:"),
            "names the file, line and column: {stderr}"
        );
        // the site before the failed build is untouched
        assert_eq!(pack.page("index.html"), before);
    }
}

#[test]
fn links_in_markdown_reach_a_page_only_when_they_are_web_or_relative() {
    let pack = common::minimal();
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\nsummary: |\n  [web](https://example.org/) [here](#top) [near](../x/)\n  [run](javascript:alert(1)) and ![img](data:text/html,x)\n  <vbscript:msgbox> [ref][r]\n\n  [r]: JavaScript:alert(2)\n",
    );
    let stderr = build_fails(&pack, &[], 1);
    for (address, line, column) in [
        ("javascript:alert(1)", 6, 9),
        ("data:text/html,x", 6, 41),
        ("vbscript:msgbox", 7, 4),
        ("JavaScript:alert(2)", 9, 8),
    ] {
        assert!(
            stderr.contains(&format!("`{address}` is not an http or https address")),
            "{address}: {stderr}"
        );
        assert!(
            stderr.contains(&format!("content/actors/us.yaml:{line}:{column}")),
            "{address} at {line}:{column}: {stderr}"
        );
    }
    assert_eq!(
        stderr.matches("is not an http or https address").count(),
        4,
        "{stderr}"
    );
    // the good ones alone build, and reach the page
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\nsummary: \"[web](https://example.org/) [here](#top) [near](../x/)\"\n",
    );
    pack.build_ok();
    let page = pack.page("actors/us/index.html");
    assert!(page.contains("href=\"https://example.org/\""), "{page}");
    assert!(page.contains("href=\"#top\""), "{page}");
    assert!(page.contains("href=\"../x/\""), "{page}");
}

#[test]
fn the_theme_names_a_folder_of_the_packs_themes_and_nothing_else() {
    for theme in ["../..", "/etc", "a/b", "..", "Default"] {
        let pack = common::minimal();
        let yaml = fs::read_to_string(pack.path().join("content/pack.yaml")).expect("read");
        pack.write("content/pack.yaml", &format!("{yaml}theme: \"{theme}\"\n"));
        let stderr = build_fails(&pack, &[], 1);
        assert!(
            stderr.contains("is not the name of a folder under themes/"),
            "{theme}: {stderr}"
        );
        assert!(stderr.contains("content/pack.yaml:"), "{theme}: {stderr}");
        assert!(!pack.public().exists(), "{theme}: nothing written");
    }
}

#[cfg(unix)]
#[test]
fn a_theme_folder_that_links_outside_the_pack_is_refused() {
    let pack = common::minimal();
    let outside = tempfile::tempdir().expect("a folder outside the pack");
    fs::create_dir_all(outside.path().join("static")).expect("create");
    fs::write(outside.path().join("static/secret.txt"), "secret").expect("write");
    fs::create_dir_all(pack.path().join("themes")).expect("create");
    std::os::unix::fs::symlink(outside.path(), pack.path().join("themes/elsewhere")).expect("link");
    let yaml = fs::read_to_string(pack.path().join("content/pack.yaml")).expect("read");
    pack.write("content/pack.yaml", &format!("{yaml}theme: elsewhere\n"));
    let stderr = build_fails(&pack, &[], 1);
    assert!(stderr.contains("leads outside"), "{stderr}");
    assert!(!pack.public().exists());
}

#[test]
fn an_output_folder_inside_content_or_themes_is_refused() {
    let pack = common::minimal();
    for out in [
        "content/static/site",
        "content",
        "themes/out",
        "content/../content/x",
    ] {
        let target = pack.path().join(out);
        let stderr = build_fails(&pack, &["-o", &target.to_string_lossy()], 2);
        assert!(stderr.contains("is inside"), "{out}: {stderr}");
        assert!(
            !pack.path().join("content/static/site").exists()
                && !pack.path().join("themes/out").exists()
                && !pack.path().join("content/x").exists(),
            "{out}: nothing written"
        );
    }
    // beside them is fine
    let out = pack.run(&["build", "-o", &pack.path().join("site").to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_static_file_in_the_place_of_a_generated_folder_is_a_content_error() {
    let pack = common::minimal();
    pack.write("content/static/actors", "not a folder");
    let stderr = build_fails(&pack, &[], 1);
    assert!(
        stderr.contains("content/static/actors would replace a page that briefing writes"),
        "{stderr}"
    );
}

#[test]
fn content_cannot_forge_the_builds_placeholders() {
    // U+E000–U+E003 mark links and citations inside the build's own HTML;
    // the same characters written in content must stay text
    let forged = "\u{E002}0\u{E003}\u{E000}0\u{E001}";
    let pack = common::minimal();
    pack.write(
        "content/articles/national-2024-04-22.txt",
        &common::ARTICLE_TEXT.replace(
            "Iran has no respect",
            &format!("Forged {forged} here. Iran has no respect"),
        ),
    );
    pack.write(
        "content/actors/us.yaml",
        &format!("name: United States\nkind: state\naliases: [US]\nsummary: \"[[kh]] and {forged} text\"\n"),
    );
    pack.write(
        "content/events/more.yaml",
        &format!("- id: forged\n  date: 2024-04-22\n  title: \"Title {forged}\"\n  cites: [{{article: national-2024-04-22, quote: five rockets}}]\n"),
    );
    pack.build_ok();
    for page in [
        "actors/us/index.html",
        "articles/national-2024-04-22/index.html",
        "chronology/index.html",
        "print/index.html",
    ] {
        let html = pack.page(page);
        assert!(
            !html.contains('\u{E000}') && !html.contains('\u{E002}'),
            "{page}: no raw placeholder character"
        );
        // each forged marker shows as text, not as a link or a citation
        assert!(
            html.contains("\u{FFFD}0\u{FFFD}\u{FFFD}0\u{FFFD}"),
            "{page}: the characters are read as U+FFFD"
        );
    }
    // every file is read with them replaced: the link stays, nothing is forged
    let us = pack.page("actors/us/index.html");
    assert!(
        us.contains("Kataib Hezbollah</a> and \u{FFFD}0\u{FFFD}\u{FFFD}0\u{FFFD} text"),
        "{us}"
    );
    let escaped = "\u{FFFD}0\u{FFFD}\u{FFFD}0\u{FFFD}";
    let article = pack.page("articles/national-2024-04-22/index.html");
    assert!(
        article.contains(&format!("Forged {escaped} here.")),
        "{article}"
    );
    let chronology = pack.page("chronology/index.html");
    assert!(
        chronology.contains(&format!("Title {escaped}")),
        "{chronology}"
    );
}

#[test]
fn errors_name_the_right_line_whatever_the_line_endings() {
    for ending in ["\n", "\r\n", "\r"] {
        let pack = common::minimal();
        let yaml = [
            "- id: zummar-rockets",
            "  date: 2024-04-21",
            "  title: Rockets",
            "  cites:",
            "    - {article: national-2024-04-22, quote: \"not in the article\"}",
            "",
        ]
        .join(ending);
        pack.write("content/events/2024.yaml", &yaml);
        let stderr = build_fails(&pack, &[], 1);
        assert!(
            stderr.contains("content/events/2024.yaml:5:"),
            "{ending:?}: {stderr}"
        );
    }
    // and an article captured with old Mac line endings splits into paragraphs
    let pack = common::minimal();
    pack.write(
        "content/articles/national-2024-04-22.txt",
        &common::ARTICLE_TEXT.replace('\n', "\r"),
    );
    pack.build_ok();
    let article = pack.page("articles/national-2024-04-22/index.html");
    assert!(article.contains("id=\"p3\""), "{article}");
}

#[test]
fn invalid_utf8_in_an_events_file_is_one_error_and_no_more() {
    let pack = common::minimal();
    let mut events = b"- id: first-event\n  date: 2024-04-01\n  title: First \xff\xfe event\n  cites: [{article: national-2024-04-22}]\n".to_vec();
    for n in 2..=6 {
        events.extend_from_slice(
            format!("- id: event-{n}\n  date: 2024-04-0{n}\n  title: Event {n}\n  cites: [{{article: national-2024-04-22}}]\n").as_bytes(),
        );
    }
    fs::write(pack.path().join("content/events/more.yaml"), &events).expect("write");
    // the pack's summary names every event of the broken file
    let yaml = fs::read_to_string(pack.path().join("content/pack.yaml")).expect("read");
    pack.write(
        "content/pack.yaml",
        &yaml.replace(
            "summary: |\n",
            "summary: |\n  [[first-event]] [[event-2]] [[event-3]] [[event-4]] [[event-5]] [[event-6]]\n",
        ),
    );
    let stderr = build_fails(&pack, &[], 1);
    assert!(stderr.contains("the file is not UTF-8 text"), "{stderr}");
    assert!(stderr.contains("content/events/more.yaml:3:"), "{stderr}");
    assert_eq!(
        stderr.matches("error:").count(),
        2,
        "one error, and the summary line: {stderr}"
    );
    assert!(stderr.contains("the pack has 1 error"), "{stderr}");
}

#[test]
fn yaml_nested_too_deep_is_refused_at_once() {
    let pack = common::minimal();
    let n = 20_000;
    pack.write(
        "content/events/deep.yaml",
        &format!(
            "- id: deep\n  date: 2024-01-01\n  title: {}x{}\n",
            "{a: ".repeat(n),
            "}".repeat(n)
        ),
    );
    let started = std::time::Instant::now();
    let stderr = build_fails(&pack, &[], 1);
    assert!(
        stderr.contains("nests more than 32 levels deep"),
        "{stderr}"
    );
    assert!(stderr.contains("content/events/deep.yaml:3:"), "{stderr}");
    // the parser took seconds on this before; the limit answers at once
    assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());

    let block: String = (0..200).map(|d| format!("{}a:\n", " ".repeat(d))).collect();
    pack.write(
        "content/events/deep.yaml",
        &format!("- id: deep\n  title:\n{block}"),
    );
    let stderr = build_fails(&pack, &[], 1);
    assert!(
        stderr.contains("indented more than 160 columns"),
        "{stderr}"
    );
}

#[test]
fn every_bad_event_of_a_file_is_reported_in_one_run() {
    let pack = common::minimal();
    pack.write(
        "content/events/more.yaml",
        "# two bad events and a good one\n- id: bad-one\n  date: 2024-04-01\n  title: [not, a, string]\n  cites: [{article: national-2024-04-22}]\n- id: fine\n  date: 2024-04-02\n  title: Fine\n  cites: [{article: national-2024-04-22}]\n- id: bad-two\n  date: 2024-04-03\n  title: Two\n  colour: red\n  cites: [{article: national-2024-04-22}]\n",
    );
    let stderr = build_fails(&pack, &[], 1);
    assert!(
        stderr.contains("content/events/more.yaml:4:"),
        "the first: {stderr}"
    );
    assert!(
        stderr.contains("content/events/more.yaml:13:"),
        "the second: {stderr}"
    );
    assert!(stderr.contains("colour"), "{stderr}");
    assert!(
        stderr.contains("the pack has 2 errors"),
        "and nothing else: {stderr}"
    );
}

/// `[[id]]` and `[@…]` become links only in text: in code they stay as
/// written, and in a link's title, an image's alt text or a link's text
/// they stay as written with a warning, never putting a link inside an
/// attribute or another link.
#[test]
fn links_and_citations_expand_only_in_text() {
    let pack = common::minimal();
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\nsummary: |\n  [[kh]] in text. [t](https://example.org/ \"title [[kh]]\") and ![alt [[kh]]](https://example.org/i.png) and [see [[kh]]](https://example.org/s) and `code [[kh]] [@national-2024-04-22]`.\n\n  ```[[kh]]\n  block [[kh]]\n  ```\n",
    );
    let stderr = pack.build_ok();
    let page = pack.page("actors/us/index.html");
    let summary = page
        .split_once("class=\"summary\"")
        .and_then(|(_, rest)| rest.split_once("</section>"))
        .map(|(s, _)| s)
        .expect("the summary section");
    // the one in text is a link to the actor
    assert_eq!(
        summary.matches("actors/kh/index.html").count(),
        1,
        "{summary}"
    );
    assert!(summary.contains("title=\"title [[kh]]\""), "{summary}");
    assert!(summary.contains("alt=\"alt [[kh]]\""), "{summary}");
    assert!(summary.contains(">see [[kh]]</a>"), "{summary}");
    assert!(
        summary.contains("<code>code [[kh]] [@national-2024-04-22]</code>"),
        "{summary}"
    );
    assert!(summary.contains("block [[kh]]"), "{summary}");
    // no attribute holds markup
    for value in summary.split('"').skip(1).step_by(2) {
        assert!(
            !value.contains('<'),
            "markup inside an attribute: {value:?}"
        );
    }
    assert_eq!(stderr.matches("shown as written").count(), 3, "{stderr}");
}

/// A link inside the pack may lead anywhere inside it; a link that leads
/// outside (an article's text, a static file, an events folder, pack.yaml)
/// is an error naming it, and what it leads to is neither read nor
/// published.
#[test]
fn links_leading_outside_the_pack_are_refused() {
    let pack = common::minimal();
    let outside = tempfile::tempdir().expect("a folder outside the pack");
    fs::write(outside.path().join("secret.txt"), "SECRET-TEXT\n\nmore\n").expect("write");
    fs::create_dir_all(outside.path().join("events")).expect("create");
    fs::write(outside.path().join("events/x.yaml"), "- id: secret-event\n").expect("write");
    let link = |from: &std::path::Path, to: &str| {
        std::os::unix::fs::symlink(from, pack.path().join(to)).expect("symlink")
    };
    link(
        &outside.path().join("secret.txt"),
        "content/articles/stolen.txt",
    );
    pack.write(
        "content/articles/stolen.yaml",
        "title: Stolen\npublisher: X\npublished: 2024-01-01\n",
    );
    pack.write("content/static/inside.txt", "fine\n");
    fs::create_dir_all(pack.path().join("content/static/sub")).expect("create");
    link(
        &outside.path().join("secret.txt"),
        "content/static/sub/secret.txt",
    );
    link(
        &pack.path().join("content/static/inside.txt"),
        "content/static/linked.txt",
    );
    link(&outside.path().join("events"), "content/events/more");
    let stderr = build_fails(&pack, &[], 1);
    for name in [
        "content/articles/stolen.txt",
        "content/static/sub/secret.txt",
        "content/events/more",
    ] {
        assert!(
            stderr.contains(&format!("`{name}` is a link to")),
            "{name}: {stderr}"
        );
    }
    assert!(!stderr.contains("linked.txt"), "{stderr}");
    assert!(
        !stderr.contains("SECRET") && !stderr.contains("secret-event"),
        "{stderr}"
    );
    assert!(!pack.public().exists());
    // pack.yaml too
    let pack = common::minimal();
    fs::write(outside.path().join("pack.yaml"), "title: Outside\n").expect("write");
    pack.remove("content/pack.yaml");
    link_in(
        &pack,
        &outside.path().join("pack.yaml"),
        "content/pack.yaml",
    );
    let stderr = build_fails(&pack, &[], 1);
    assert!(
        stderr.contains("`content/pack.yaml` is a link to"),
        "{stderr}"
    );
}

fn link_in(pack: &TestPack, from: &std::path::Path, to: &str) {
    std::os::unix::fs::symlink(from, pack.path().join(to)).expect("symlink");
}
