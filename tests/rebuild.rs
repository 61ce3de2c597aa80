//! Rebuilds that reuse an earlier build's work (what `serve` does after each
//! save) give exactly the pages a build from scratch gives.

mod common;

use briefing::render::Contents;
use briefing::{Kept, Live};

use common::{ARTICLE_TEXT, TestPack, minimal};

/// The pages the tests compare.
const PAGES: [&str; 5] = [
    "articles/national-2024-04-22/index.html",
    "actors/us/index.html",
    "actors/kh/index.html",
    "chronology/index.html",
    "pack.json",
];

fn page(live: &Live, path: &str) -> String {
    let files = live
        .render_path(path)
        .unwrap_or_else(|| panic!("{path} is a page of the site"))
        .unwrap_or_else(|e| panic!("{path} renders: {e}"));
    let file = files
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is among the files made with it"));
    match file.contents {
        Contents::Bytes(bytes) => String::from_utf8(bytes).expect("pages are UTF-8"),
        Contents::Copy(source) => panic!("{path} is copied from {}", source.display()),
    }
}

/// Rebuilds `pack` with `kept`, and checks every compared page against a
/// build that keeps nothing from before; returns the rebuilt version.
fn rebuild_matches_fresh(pack: &TestPack, kept: &Kept) -> Live {
    let live = Live::prepare(pack.path(), kept).unwrap_or_else(|_| panic!("the pack builds"));
    let fresh = Live::prepare(pack.path(), &Kept::new()).unwrap_or_else(|_| panic!("builds"));
    for path in PAGES {
        assert_eq!(page(&live, path), page(&fresh, path), "{path}");
    }
    live
}

const US_MENTION: &str = r#"<a class="mention" href="../../actors/us/index.html">US</a>"#;

#[test]
fn rebuilds_redo_what_an_edit_touched_and_match_a_fresh_build() {
    let pack = minimal();
    let kept = Kept::new();
    let first = rebuild_matches_fresh(&pack, &kept);
    let article = "articles/national-2024-04-22/index.html";
    assert!(page(&first, article).contains(US_MENTION));

    // an actor loses an alias: mentions in the unchanged text change too
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: []\n",
    );
    let without_alias = rebuild_matches_fresh(&pack, &kept);
    assert!(!page(&without_alias, article).contains(US_MENTION));

    // the alias comes back, and the text gains a paragraph naming the actor
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\n",
    );
    let added = "The United States said its forces were unharmed.";
    let text = ARTICLE_TEXT.replace("\n\nComments", &format!("\n\n{added}\n\nComments"));
    pack.write("content/articles/national-2024-04-22.txt", &text);
    let edited = rebuild_matches_fresh(&pack, &kept);
    let html = page(&edited, article);
    assert!(html.contains(US_MENTION));
    assert!(html.contains(
        r#"<a class="mention" href="../../actors/us/index.html">United States</a> said its forces"#
    ));
    let actor = page(&edited, "actors/us/index.html");
    assert!(actor.contains(r#"index.html#p4">¶ 4</a>"#), "{actor}");

    // a `skip` entry shapes the split: changing it redoes the article
    pack.write(
        "content/articles/national-2024-04-22.yaml",
        "title: Rockets hit a base in Syria\npublisher: The National\npublished: 2024-04-22\nurl: https://example.com/rockets\nsummary: Rockets were fired.\nkey_points:\n  - text: Five rockets.\n    cites: [{quote: \"five rockets\"}]\nskip:\n  - A caption under the photo. Reuters\n  - The United States said its forces were unharmed.\nend_at: Comments\n",
    );
    let skipped = rebuild_matches_fresh(&pack, &kept);
    assert!(!page(&skipped, article).contains("said its forces"));
}
