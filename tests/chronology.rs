//! The chronology at scale: up to 500 events it is one page; above that,
//! `chronology/index.html` lists the years and each year has its page,
//! `chronology/<YYYY>/index.html`, holding that year's events, or, for a
//! year whose events are too many bytes for a page, its months
//! `chronology/<YYYY>-<MM>/` (in parts when a month is too: `page-2.html`). Every link to an event points at the page that holds it.
//! An actor's events and mentions go 100 and 150 to a page, newest first.

mod common;

use common::{TestPack, attributes, broken_links};

/// A pack of one article and `events` events spread over 2022–2024 (a
/// third each, in order), each citing the article.
fn pack_with_events(events: usize) -> TestPack {
    let pack = common::minimal();
    let mut yaml = String::new();
    for i in 0..events {
        let year = 2022 + i * 3 / events;
        let day = i % 28 + 1;
        yaml.push_str(&format!(
            "- id: ev-{i}\n  date: {year}-03-{day:02}\n  title: Event number {i}\n  actors: [kh]\n  cites:\n    - {{article: national-2024-04-22, quote: \"from the northern Iraqi town of Zummar\"}}\n"
        ));
    }
    pack.write("content/events/2024.yaml", &yaml);
    pack
}

/// The event anchors (`ev-N`) of a page.
fn event_ids(html: &str) -> Vec<String> {
    attributes(html, "id")
        .into_iter()
        .filter(|id| id.starts_with("ev-"))
        .map(str::to_string)
        .collect()
}

#[test]
fn above_500_events_each_year_has_its_page_and_links_land_on_it() {
    let pack = pack_with_events(501);
    pack.build_ok();
    let list = pack.page("chronology/index.html");
    assert!(
        event_ids(&list).is_empty(),
        "the list of years holds no event"
    );
    let mut held = 0;
    for year in [2022, 2023, 2024] {
        assert!(
            list.contains(&format!("href=\"../chronology/{year}/index.html\"")),
            "{year} is linked from the list:\n{list}"
        );
        let page = pack.page(&format!("chronology/{year}/index.html"));
        let ids = event_ids(&page);
        assert!(!ids.is_empty(), "{year}");
        for id in &ids {
            let n: usize = id.trim_start_matches("ev-").parse().expect("a number");
            assert_eq!(2022 + n * 3 / 501, year, "{id} is on its year's page");
        }
        held += ids.len();
        assert!(
            page.contains("aria-current=\"page\""),
            "{year} marks itself"
        );
    }
    assert_eq!(held, 501, "every event is on one page");
    // the actor's page, the overview and the feed link each event to its year
    let actor = pack.page("actors/kh/index.html");
    assert!(
        actor.contains("href=\"../../chronology/2024/index.html#ev-475\""),
        "{actor}"
    );
    let feed = pack.page("feed.xml");
    assert!(feed.contains("href=\"chronology/2024/index.html#ev-500\""));
    let sitemap = pack.page("sitemap.xml");
    assert!(sitemap.contains("<loc>chronology/2023/</loc>"), "{sitemap}");
    let broken = broken_links(&pack.public());
    assert!(broken.is_empty(), "{:?}", &broken[..broken.len().min(5)]);
}

#[test]
fn a_year_of_more_than_500_small_events_stays_one_page() {
    // the year's page holds a year of events while they fit in a page
    let pack = common::one_full_year(600, 0);
    pack.build_ok();
    let year = pack.page("chronology/2024/index.html");
    assert_eq!(event_ids(&year).len(), 601);
    assert!(!pack.public().join("chronology/2024-01").exists());
    let feed = pack.page("feed.xml");
    assert!(feed.contains("href=\"chronology/2024/index.html#ev-599\""));
}

#[test]
fn up_to_500_events_the_chronology_is_one_page() {
    let pack = pack_with_events(500);
    pack.build_ok();
    let chronology = pack.page("chronology/index.html");
    assert_eq!(event_ids(&chronology).len(), 500);
    assert!(!pack.public().join("chronology/2022").exists());
    // the years are jump links to the page's own sections
    assert!(chronology.contains("href=\"#year-2023\""));
    assert!(chronology.contains("id=\"year-2023\""));
    let actor = pack.page("actors/kh/index.html");
    assert!(actor.contains("href=\"../../chronology/index.html#ev-475\""));
}

#[test]
fn a_full_year_is_split_into_months_and_parts_and_an_actor_into_sub_pages() {
    // 1,101 events of about 3 KB each: too many for a page of 2024, and 275
    // a month, too many for one page of a month
    let pack = common::one_full_year(1100, 420);
    pack.build_ok();
    let year = pack.page("chronology/2024/index.html");
    // the year's page holds the event of no month, and links to each month
    assert_eq!(event_ids(&year), ["ev-year"]);
    for month in ["01", "02", "03", "04"] {
        assert!(
            year.contains(&format!(
                "href=\"../../chronology/2024-{month}/index.html\""
            )),
            "{month}:\n{year}"
        );
    }
    let march = pack.page("chronology/2024-03/index.html");
    let second = pack.page("chronology/2024-03/page-2.html");
    assert!(!event_ids(&march).is_empty() && !event_ids(&second).is_empty());
    assert!(march.contains("href=\"../../chronology/2024-03/page-2.html\""));
    assert!(march.contains("<h1>Chronology, March 2024</h1>"), "{march}");
    assert!(
        second.contains("<h1>Chronology, March 2024, page 2</h1>"),
        "{second}"
    );
    // every event is on exactly one page of the chronology, and no page of
    // the site but the print book reaches 1 MB
    let mut held: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(pack.public()) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let rel = path.strip_prefix(pack.public()).expect("inside");
            let size = entry.metadata().expect("metadata").len();
            if !rel.starts_with("print") {
                assert!(size < 1_000_000, "{} is {size} bytes", rel.display());
            }
            if rel.starts_with("chronology") {
                held.extend(event_ids(&std::fs::read_to_string(path).expect("read")));
            }
        }
    }
    let count = held.len();
    held.sort();
    held.dedup();
    assert_eq!(
        held.len(),
        1101,
        "every event is on a page of the chronology"
    );
    assert_eq!(count, 1101, "and on one only");

    // the actor's own page: the newest 100 events, the newest 20 as cards
    // and the others as rows, and a pager to 3 more pages of 500 rows
    let actor = pack.page("actors/kh/index.html");
    let shown = event_ids(&actor);
    assert_eq!(shown.len(), 100);
    assert_eq!(shown[0], "ev-1099", "newest first");
    assert_eq!(actor.matches("<article class=\"event").count(), 20);
    assert_eq!(actor.matches("<tr id=\"ev-").count(), 80);
    assert!(actor.contains("href=\"../../actors/kh/events-2.html\""));
    assert!(actor.contains("href=\"../../actors/kh/events-4.html\""));
    assert!(!pack.public().join("actors/kh/events-5.html").exists());
    let second = pack.page("actors/kh/events-2.html");
    assert_eq!(event_ids(&second).len(), 500);
    let number = |id: &str| id.trim_start_matches("ev-").parse::<usize>().unwrap_or(0);
    assert!(
        number(&event_ids(&second)[0]) < number(&shown[99]),
        "the next newest"
    );
    assert!(!second.contains("<article class=\"event"), "rows only");
    let last = pack.page("actors/kh/events-4.html");
    assert_eq!(event_ids(&last).len(), 1);
    // the oldest pages link to the events where they are
    let oldest = pack.page("actors/kh/events-3.html") + &last;
    assert!(oldest.contains("href=\"../../chronology/2024-01/index.html#ev-0\""));
    // the list of years carries the whole pack's timeline, counted per
    // month, and small
    let list = pack.page("chronology/index.html");
    let start = list
        .find("<figure class=\"timeline timeline-counted\"")
        .expect("a counted timeline");
    let end = start + list[start..].find("</figure>").expect("its end");
    assert!(end - start < 100_000, "{} bytes", end - start);
    assert!(
        list[start..end].contains("March 2024: "),
        "a count per month"
    );
    let sitemap = pack.page("sitemap.xml");
    assert!(sitemap.contains("<loc>actors/kh/events-4.html</loc>"));
    assert!(sitemap.contains("<loc>chronology/2024-03/page-2.html</loc>"));
    let broken = broken_links(&pack.public());
    assert!(broken.is_empty(), "{:?}", &broken[..broken.len().min(5)]);
}

/// The paragraph links (`articles/<id>/index.html#pN`) of a page's list of
/// mentions, in order.
fn mention_links(html: &str) -> Vec<String> {
    let start = html
        .find("id=\"mentions-heading\"")
        .expect("a list of mentions");
    let end = start
        + html[start..]
            .find("</section>")
            .expect("the end of the list");
    attributes(&html[start..end], "href")
        .into_iter()
        .filter(|href| href.contains("/articles/") && href.contains("#p"))
        .map(|href| href.trim_start_matches("../../articles/").to_string())
        .collect()
}

#[test]
fn an_actors_newest_mentions_are_quoted_and_the_older_ones_indexed_by_article() {
    // 33 articles, one a day, each naming the actor in 10 paragraphs, and
    // the older article of the minimal pack in 2: 332 paragraphs, the
    // newest 150 quoted on its page, 182 listed on page 2
    let pack = common::minimal();
    for day in 1..=33 {
        let (month, d) = if day <= 31 { (1, day) } else { (2, day - 31) };
        let id = format!("daily-2025-{month:02}-{d:02}");
        let text: Vec<String> = (1..=10)
            .map(|p| format!("Paragraph {p} of day {day}: Kataib Hezbollah said on day {day} that it was paragraph {p}."))
            .collect();
        pack.write(&format!("content/articles/{id}.txt"), &text.join("\n\n"));
        pack.write(
            &format!("content/articles/{id}.yaml"),
            &format!("title: Day {day}\npublisher: The Daily\npublished: 2025-{month:02}-{d:02}\n"),
        );
    }
    pack.build_ok();
    let actor = pack.page("actors/kh/index.html");
    let quoted = mention_links(&actor);
    assert_eq!(quoted.len(), 150, "{quoted:?}");
    // newest article first, its paragraphs in order
    assert_eq!(quoted[0], "daily-2025-02-02/index.html#p1");
    assert_eq!(quoted[9], "daily-2025-02-02/index.html#p10");
    assert_eq!(quoted[10], "daily-2025-02-01/index.html#p1");
    assert_eq!(quoted[149], "daily-2025-01-19/index.html#p10");
    assert!(
        actor.contains("said on day 33 that it was paragraph 1."),
        "the newest are quoted"
    );
    assert!(actor.contains("href=\"../../actors/kh/mentions-2.html\""));

    let older = pack.page("actors/kh/mentions-2.html");
    assert!(!pack.public().join("actors/kh/mentions-3.html").exists());
    assert!(older.contains("151–332 of 332"), "{older}");
    // every older paragraph once, the newest article first, each
    // article's paragraphs in order
    let mut expected = Vec::new();
    for day in (1..=18).rev() {
        for p in 1..=10 {
            expected.push(format!("daily-2025-01-{day:02}/index.html#p{p}"));
        }
    }
    expected.push("national-2024-04-22/index.html#p1".to_string());
    expected.push("national-2024-04-22/index.html#p2".to_string());
    assert_eq!(mention_links(&older), expected);
    assert!(
        !older.contains("said on day 18"),
        "older mentions are links, not quotes"
    );
    assert!(
        older.contains("<cite>Day 18</cite>"),
        "each under its article"
    );
    assert!(older.contains(">¶ 10</a>"));
    let broken = broken_links(&pack.public());
    assert!(broken.is_empty(), "{:?}", &broken[..broken.len().min(5)]);
}
