//! The exports written with every build: `events.csv`, `timeline.json`
//! (TimelineJS 3) and `sources.json` (CSL-JSON), read back as the tools
//! that take them would.

mod common;

use common::{TestPack, minimal};

/// The minimal pack with two more events whose dates are less precise and
/// whose text would mislead a spreadsheet or TimelineJS.
fn pack() -> TestPack {
    let pack = minimal();
    pack.write(
        "content/events/more.yaml",
        "- id: late-talks\n  date: late 2024-01\n  title: \"=HYPERLINK(\\\"http://evil.example\\\", \\\"talks\\\"), and <b>more</b>\"\n  location: Baghdad, Erbil\n  actors: [kh]\n  summary: \"[[kh]] met [[us]]: 3 < 4 & more.\"\n  cites: [{article: national-2024-04-22}]\n- id: long-campaign\n  date: 2023..2024-03\n  title: A campaign of rockets\n  kind: campaign\n  status: reported\n  actors: [{actor: kh, role: perpetrator}]\n  cites: [{article: national-2024-04-22, quote: \"five rockets\"}]\n",
    );
    pack.write(
        "content/articles/second-2024-01.txt",
        "Talks in Baghdad\n\nKataib Hezbollah met the US.\n",
    );
    pack.write(
        "content/articles/second-2024-01.yaml",
        "title: Talks in Baghdad\npublisher: Second Outlet\nauthor: Ana Example\npublished: 2024-01-15\nreliability: C\nlanguage: en\n",
    );
    pack.build_ok();
    pack
}

#[test]
fn events_csv_has_a_row_per_event_a_spreadsheet_cannot_run() {
    let pack = pack();
    let csv_text = pack.page("events.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "date",
            "earliest",
            "latest",
            "title",
            "kind",
            "status",
            "location",
            "actors",
            "citations"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        ids,
        ["long-campaign", "late-talks", "zummar-rockets"],
        "the chronology's order"
    );
    let campaign = &rows[0];
    assert_eq!(&campaign[1], "2023..2024-03", "the date as written");
    assert_eq!((&campaign[2], &campaign[3]), ("2023-01-01", "2024-03-31"));
    assert_eq!(&campaign[8], "kh (perpetrator)");
    assert_eq!(&campaign[9], "national-2024-04-22 ¶1");
    let talks = &rows[1];
    assert_eq!((&talks[2], &talks[3]), ("2024-01-21", "2024-01-31"));
    assert!(
        talks[4].starts_with("'=HYPERLINK("),
        "a formula is not left to run: {}",
        &talks[4]
    );
    assert_eq!(&talks[7], "Baghdad, Erbil", "a comma stays in its cell");
    let rockets = &rows[2];
    assert_eq!(&rockets[6], "claimed");
    assert_eq!(&rockets[8], "kh (perpetrator); us (involved)");
}

#[test]
fn timeline_json_is_timelinejs_with_the_precision_of_each_date() {
    let pack = pack();
    let timeline: serde_json::Value =
        serde_json::from_str(&pack.page("timeline.json")).expect("JSON");
    assert_eq!(timeline["title"]["text"]["headline"], "Test pack");
    let events = timeline["events"].as_array().expect("events");
    assert_eq!(events.len(), 3);
    // TimelineJS 3's own field names, and nothing it would not read
    let known = [
        "start_date",
        "end_date",
        "display_date",
        "text",
        "group",
        "unique_id",
    ];
    for e in events {
        for key in e.as_object().expect("an object").keys() {
            assert!(known.contains(&key.as_str()), "unknown field {key}");
        }
        assert!(e["start_date"]["year"].is_i64(), "{e}");
        assert!(e["text"]["headline"].is_string());
    }
    let campaign = &events[0];
    assert_eq!(campaign["unique_id"], "long-campaign");
    assert_eq!(campaign["start_date"], serde_json::json!({"year": 2023}));
    assert_eq!(
        campaign["end_date"],
        serde_json::json!({"year": 2024, "month": 3})
    );
    assert_eq!(campaign["group"], "campaign");
    let talks = &events[1];
    assert_eq!(
        talks["start_date"],
        serde_json::json!({"year": 2024, "month": 1}),
        "no day the sources do not give"
    );
    assert_eq!(talks["display_date"], "late January 2024");
    // TimelineJS shows text as HTML: the pack's text is escaped
    let headline = talks["text"]["headline"].as_str().unwrap_or("");
    assert!(headline.contains("&lt;b&gt;more&lt;/b&gt;"), "{headline}");
    let text = talks["text"]["text"].as_str().unwrap_or("");
    assert!(
        text.contains("Kataib Hezbollah met United States: 3 &lt; 4 &amp; more."),
        "{text}"
    );
    let rockets = &events[2];
    assert_eq!(
        rockets["start_date"],
        serde_json::json!({"year": 2024, "month": 4, "day": 21})
    );
    assert!(rockets.get("end_date").is_none());
}

#[test]
fn sources_json_is_csl_json_a_reference_manager_imports() {
    let pack = pack();
    let sources: serde_json::Value =
        serde_json::from_str(&pack.page("sources.json")).expect("JSON");
    let items = sources.as_array().expect("an array of items");
    assert_eq!(items.len(), 2, "one item per article");
    for item in items {
        // the CSL-JSON schema: an id, a type from its list, a title, a
        // date as date-parts (numbers, at most three)
        assert!(item["id"].is_string());
        assert_eq!(item["type"], "article-newspaper");
        assert!(item["title"].is_string());
        let parts = item["issued"]["date-parts"][0]
            .as_array()
            .expect("date-parts");
        assert!((1..=3).contains(&parts.len()) && parts.iter().all(|p| p.is_i64()));
    }
    let national = items
        .iter()
        .find(|i| i["id"] == "national-2024-04-22")
        .expect("the first article");
    assert_eq!(national["container-title"], "The National");
    assert_eq!(national["URL"], "https://example.com/rockets");
    assert_eq!(
        national["issued"]["date-parts"],
        serde_json::json!([[2024, 4, 22]])
    );
    assert!(national.get("author").is_none(), "no byline, no author");
    let second = items
        .iter()
        .find(|i| i["id"] == "second-2024-01")
        .expect("the second article");
    assert_eq!(
        second["author"],
        serde_json::json!([{"literal": "Ana Example"}])
    );
    assert_eq!(
        second["issued"]["date-parts"],
        serde_json::json!([[2024, 1, 15]])
    );
    assert_eq!(second["language"], "en");
    assert_eq!(second["note"], "Source grade C (fairly reliable)");
}

#[test]
fn the_sources_page_links_to_each_export_and_pack_json_names_its_maker() {
    let pack = pack();
    let sources = pack.page("articles/index.html");
    for file in ["sources.json", "events.csv", "timeline.json", "pack.json"] {
        assert!(
            sources.contains(&format!("href=\"../{file}\"")),
            "no link to {file}"
        );
        assert!(pack.public().join(file).is_file(), "{file}");
    }
    let data: serde_json::Value = serde_json::from_str(&pack.page("pack.json")).expect("JSON");
    assert_eq!(
        data["generator"],
        format!("briefing {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(data["date"], "2024-06-10");
}
