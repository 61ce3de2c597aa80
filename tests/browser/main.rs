//! End-to-end tests in a real browser (Debian's headless Chromium): the
//! default pack's site opened from disk, as a reader opens it. Every page kind
//! loads without console errors, nothing overflows at phone and desktop
//! widths, every link resolves from a `file://` copy, the briefing book prints
//! with the marking on every page, and axe-core finds no serious
//! accessibility problem.
//!
//! Chromium missing: these tests fail in CI (`CI` set) and are skipped, with a
//! message, elsewhere.

mod cdp;
#[path = "../common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use cdp::Browser;

/// The pages of each kind that the tests visit.
const PAGE_KINDS: [&str; 9] = [
    "index.html",
    "chronology/index.html",
    "actors/index.html",
    "actors/kataib-hezbollah/index.html",
    "articles/index.html",
    "articles/the-national-2024-04-22/index.html",
    "print/index.html",
    "search/index.html?q=kataib",
    "404.html",
];

/// One browser test at a time: each starts its own Chromium, and the machine is small.
static SERIAL: Mutex<()> = Mutex::new(());

/// The default pack, built once into a temporary folder.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("briefing-browser-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        common::build_default_pack(&dir);
        dir
    })
}

fn url(rel: &str) -> String {
    format!("file://{}/{rel}", site().display())
}

/// A browser, or `None` (test skipped) outside CI when Chromium is missing.
fn browser() -> Option<Browser> {
    match Browser::launch() {
        Some(b) => Some(b),
        None if std::env::var_os("CI").is_some() => panic!(
            "{} is missing: install Debian's chromium (apt-get install chromium)",
            cdp::CHROMIUM
        ),
        None => {
            eprintln!("skipped: {} is not installed", cdp::CHROMIUM);
            None
        }
    }
}

#[test]
fn every_page_kind_loads_without_console_errors() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    for page in PAGE_KINDS {
        b.open(&url(page));
        let errors = b.errors();
        assert!(errors.is_empty(), "{page}: {errors:?}");
        let title = b.eval("document.title");
        assert!(
            title.as_str().is_some_and(|t| !t.is_empty()),
            "{page} has a title"
        );
        let sheets =
            b.eval("[...document.styleSheets].filter(s => s.href && s.cssRules.length > 0).length");
        assert_eq!(sheets, 1, "{page}: the stylesheet loaded from disk");
    }
}

#[test]
fn no_horizontal_overflow_at_phone_and_desktop_widths() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let mut measured = Vec::new();
    for width in [390, 1280] {
        b.viewport(width);
        for page in PAGE_KINDS {
            b.open(&url(page));
            let overflow = b.eval(
                "(() => { const w = document.documentElement.clientWidth;
                   const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                     .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
                   return {scroll: document.documentElement.scrollWidth, width: w, wide}; })()",
            );
            let (scroll, client) = (
                overflow["scroll"].as_u64().unwrap_or(0),
                overflow["width"].as_u64().unwrap_or(0),
            );
            assert!(
                scroll <= client,
                "{page} at {width}px: content {scroll}px wide in a {client}px viewport: {}",
                overflow["wide"]
            );
            measured.push(format!("{page}@{width}: {scroll}/{client}"));
        }
    }
    eprintln!("widths (content/viewport): {}", measured.join(", "));
}

#[test]
fn every_link_resolves_from_a_file_copy() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    // a copy elsewhere on disk: nothing may depend on where the site was built
    let copy = tempfile::tempdir().expect("tempdir");
    for entry in walkdir::WalkDir::new(site()) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(site()).expect("prefix");
        let target = copy.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let root = format!("file://{}/", copy.path().display());
    let mut queue = vec![format!("{root}index.html")];
    let mut visited = BTreeSet::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wanted: BTreeSet<(String, String)> = BTreeSet::new();
    let mut external = 0;
    while let Some(page) = queue.pop() {
        if !visited.insert(page.clone()) {
            continue;
        }
        b.open(&page);
        let located = b
            .eval("location.href")
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(!located.starts_with("chrome-error"), "{page} did not open");
        let found: BTreeSet<String> = b
            .eval("[...document.querySelectorAll('[id]')].map(e => e.id)")
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        ids.insert(page.clone(), found);
        let hrefs =
            b.eval("[...document.querySelectorAll('a[href], link[href]')].map(a => a.href)");
        for href in hrefs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h.as_str())
        {
            if !href.starts_with("file://") {
                external += 1;
                continue;
            }
            assert!(
                href.starts_with(&root),
                "{page} links outside the site: {href}"
            );
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let file = file.to_string();
            assert!(
                Path::new(file.trim_start_matches("file://")).is_file(),
                "{page} links to a missing file: {href}"
            );
            if !fragment.is_empty() {
                wanted.insert((file.clone(), fragment.to_string()));
            }
            if file.ends_with(".html") {
                queue.push(file);
            }
        }
    }
    for (file, fragment) in &wanted {
        let present = ids.get(file).is_some_and(|set| set.contains(fragment));
        assert!(present, "no element #{fragment} in {file}");
    }
    eprintln!(
        "followed links across {} pages, {} anchors checked, {external} external links",
        visited.len(),
        wanted.len()
    );
    assert!(
        visited.len() >= 60,
        "every page is reachable from the home page ({} visited)",
        visited.len()
    );
}

#[test]
fn the_printed_book_has_the_marking_on_every_page_and_a_contents() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    b.open(&url("print/index.html"));
    let pdf = b.pdf();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.pdf");
    std::fs::write(&path, &pdf).expect("write pdf");
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 10, "the book has {} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.matches("UNCLASSIFIED // OPEN SOURCE").count() >= 2,
            "page {} lacks the marking at top and bottom:\n{page}",
            i + 1
        );
        assert!(
            page.contains(&format!("page {} of {}", i + 1, pages.len())),
            "page {} lacks its number",
            i + 1
        );
    }
    assert!(
        pages[..3]
            .iter()
            .any(|p| p.contains("Contents") && p.contains("Chronology") && p.contains("Actors")),
        "a table of contents near the start"
    );
    assert!(
        pages[0].contains("As of") && pages[0].contains("10 June 2024"),
        "the cover carries the as-of date"
    );
    eprintln!("the briefing book prints to {} pages", pages.len());
}

#[test]
fn axe_finds_no_serious_accessibility_problems() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let axe_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/axe-core/axe.min.js");
    let Ok(axe) = std::fs::read_to_string(&axe_path) else {
        let missing = format!(
            "{} is missing: run `npm ci --prefix tools`",
            axe_path.display()
        );
        // as for a missing browser: CI must have it, elsewhere it is skipped
        assert!(std::env::var_os("CI").is_none(), "{missing}");
        eprintln!("skipped: {missing}");
        return;
    };
    // light at a phone's width and a desktop's, dark at a desktop's: the
    // colours of each scheme meet AA contrast
    for (scheme, width) in [("light", 390), ("light", 1280), ("dark", 1280)] {
        b.viewport(width);
        b.call(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        for page in PAGE_KINDS {
            b.open(&url(page));
            // the print book's parts are drawn only near the viewport
            // (`content-visibility: auto`); axe judges colours on what is
            // drawn, so draw them all first
            b.eval(
                "document.querySelectorAll('.part').forEach(p => p.style.contentVisibility = 'visible'); document.body.offsetHeight",
            );
            b.eval(&axe);
            let violations = b.eval(
                "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']}).then(r => r.violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))",
            );
            let list = violations.as_array().cloned().unwrap_or_default();
            assert!(list.is_empty(), "{page} at {width}px, {scheme}: {list:?}");
        }
    }
    // the scheme the page chose is the one asked for
    let background = b.eval("getComputedStyle(document.body).backgroundColor");
    assert_eq!(background, "rgb(22, 24, 26)", "dark colours in use");
}

/// The second line of defence: should markup ever get past the sanitiser
/// into a page, the page's Content-Security-Policy stops its scripts
/// (inline, in an event handler, in a `javascript:` address), opened from
/// disk; the theme's own inline script (on 404.html) is allowed by its hash
/// (`every_page_kind_loads_without_console_errors` sees no violation there).
#[test]
fn the_content_security_policy_stops_injected_script() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let page = site().join("actors/kataib-hezbollah/index.html");
    let html = std::fs::read_to_string(&page).expect("the actor page");
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\""));
    let injected = html.replacen(
        "<main id=\"main\">",
        "<main id=\"main\"><script>window.injected = 'inline';</script><img src=\"missing.png\" onerror=\"window.injected = 'handler'\"><a id=\"j\" href=\"javascript:window.injected = 'address'\">j</a>",
        1,
    );
    let copy = site().join("actors/kataib-hezbollah/injected.html");
    std::fs::write(&copy, injected).expect("write the copy");
    b.open(&url("actors/kataib-hezbollah/injected.html"));
    b.eval("document.getElementById('j').click()");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let ran = b.eval("window.injected === undefined ? 'nothing' : window.injected");
    let errors = b.errors();
    let _ = std::fs::remove_file(&copy);
    assert_eq!(ran, "nothing", "an injected script ran");
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "the browser reported no violation: {errors:?}"
    );
    let sheets =
        b.eval("[...document.styleSheets].filter(s => s.href && s.cssRules.length > 0).length");
    assert_eq!(sheets, 1, "the policy let the stylesheet load from disk");
}

/// Served by `briefing serve`, a page loads its reload script, which opens
/// its event stream, within the page's Content-Security-Policy: no
/// violation is reported (a blocked script or connection would be).
#[test]
fn a_served_page_loads_its_reload_script_within_the_policy() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let pack = common::minimal();
    let server = common::serve(pack.path());
    let port = server.port;
    b.open(&format!("http://127.0.0.1:{port}/actors/kh/index.html"));
    std::thread::sleep(std::time::Duration::from_millis(500));
    let policy =
        b.eval("document.querySelector('meta[http-equiv=Content-Security-Policy]').content");
    let loaded = b.eval(
        "performance.getEntriesByType('resource').filter(r => r.name.includes('/__briefing/')).map(r => r.name.split('/__briefing/')[1]).sort().join(',')",
    );
    // over http the browser also asks for /favicon.ico, which the site
    // does not have yet
    let errors: Vec<String> = b
        .errors()
        .into_iter()
        .filter(|e| !e.contains("/favicon.ico"))
        .collect();
    drop(server);
    assert!(errors.is_empty(), "{errors:?}");
    let loaded = loaded.as_str().unwrap_or_default().to_string();
    assert!(loaded.contains("reload.js"), "{loaded}");
    assert!(
        policy
            .as_str()
            .is_some_and(|p| p.contains("script-src 'self'")),
        "{policy}"
    );
}

/// Runs the search of `query` on the search page at `base` (a folder URL
/// ending in `/`) and returns what it shows: the status line, each result's
/// link and marked words, and the search files the page loaded.
fn search_results(b: &mut Browser, base: &str, query: &str) -> serde_json::Value {
    let q: String = query
        .bytes()
        .map(|c| match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (c as char).to_string(),
            _ => format!("%{c:02X}"),
        })
        .collect();
    b.open(&format!("{base}search/index.html?q={q}"));
    b.eval(
        "new Promise(done => { const t0 = Date.now(); const poll = () => {
           const status = document.getElementById('search-status').textContent;
           if ((status && !status.startsWith('Searching')) || Date.now() - t0 > 5000) {
             done({status,
               results: [...document.querySelectorAll('#search-results li')].map(li => ({
                 href: li.querySelector('a').href, kind: li.className,
                 marks: [...li.querySelectorAll('mark')].map(m => m.textContent)})),
               loaded: performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('/search/'))});
           } else setTimeout(poll, 20); }; poll(); })",
    )
}

/// Search on the default pack, opened from disk: a query in the address
/// finds actors by name and alias, events and the exact paragraph, marks
/// the words found, treats curly and straight quotes alike, and loads only
/// part of the index.
#[test]
fn search_works_from_disk_and_a_search_is_a_link() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let base = url("");
    let found = search_results(&mut b, &base, "Hezbollah Brigades");
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    let results = found["results"].as_array().cloned().unwrap_or_default();
    assert!(!results.is_empty(), "{found}");
    assert!(
        results[0]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("actors/kataib-hezbollah/index.html")),
        "the alias finds the actor first: {found}"
    );
    // a passage of an article finds its paragraph, words marked
    let found = search_results(&mut b, &base, "northern Iraqi town of Zummar");
    let results = found["results"].as_array().cloned().unwrap_or_default();
    let paragraph = results
        .iter()
        .find(|r| r["kind"].as_str().is_some_and(|k| k.contains("result-p")))
        .unwrap_or_else(|| panic!("a paragraph: {found}"));
    let href = paragraph["href"].as_str().unwrap_or_default();
    assert!(href.contains("/articles/") && href.contains("#p"), "{href}");
    let (file, anchor) = href.split_once('#').unwrap_or_default();
    assert!(
        Path::new(file.trim_start_matches("file://")).is_file(),
        "{href}"
    );
    b.open(file);
    let present = b.eval(&format!("!!document.getElementById('{anchor}')"));
    assert_eq!(present, true, "{href}");
    let marks = paragraph["marks"].to_string().to_lowercase();
    assert!(
        marks.contains("zummar") && marks.contains("northern"),
        "{marks}"
    );
    // curly and straight quote marks match alike, and case does not matter
    let curly = search_results(&mut b, &base, "IRAQ’S most powerful");
    let straight = search_results(&mut b, &base, "iraq's most powerful");
    assert_eq!(curly["results"], straight["results"]);
    assert!(
        !curly["results"].as_array().is_none_or(|r| r.is_empty()),
        "{curly}"
    );
    // the last word matches as a beginning
    let typed = search_results(&mut b, &base, "Kataib Hezb");
    assert!(
        typed["status"]
            .as_str()
            .is_some_and(|s| !s.starts_with("Nothing")),
        "{typed}"
    );
    // a query loads the manifest, its words' shards and a few chunks only
    let loaded = found["loaded"].as_array().cloned().unwrap_or_default();
    let files = std::fs::read_dir(site().join("search/t"))
        .map(|d| d.count())
        .unwrap_or(0)
        + std::fs::read_dir(site().join("search/e"))
            .map(|d| d.count())
            .unwrap_or(0);
    assert!(loaded.len() < files, "{} of {files} files", loaded.len());
    // nothing found says so
    let none = search_results(&mut b, &base, "xylophonequartet");
    assert!(
        none["status"]
            .as_str()
            .is_some_and(|s| s.starts_with("Nothing found")),
        "{none}"
    );
}

/// A site served under a sub-path over http (as GitHub Pages serves a
/// project): the search page finds its index there too.
#[test]
fn search_works_under_a_sub_path_over_http() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let server = StaticServer::start(site(), "/briefing/");
    let base = format!("http://127.0.0.1:{}/briefing/", server.port);
    let found = search_results(&mut b, &base, "Zummar");
    let errors: Vec<String> = b
        .errors()
        .into_iter()
        .filter(|e| !e.contains("/favicon.ico"))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = found["results"].as_array().cloned().unwrap_or_default();
    assert!(!results.is_empty(), "{found}");
    assert!(
        results
            .iter()
            .all(|r| r["href"].as_str().is_some_and(|h| h.starts_with(&base))),
        "{found}"
    );
}

/// A static file server for one folder under a sub-path, on a free port,
/// until dropped.
struct StaticServer {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl StaticServer {
    fn start(dir: &Path, prefix: &'static str) -> StaticServer {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (dir, stopped) = (dir.to_path_buf(), stop.clone());
        std::thread::spawn(move || {
            while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                let _ = stream.set_nonblocking(false);
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let _ = reader.read_line(&mut line);
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = line.split(' ').nth(1).unwrap_or("/");
                let path = path.split(['?', '#']).next().unwrap_or("");
                let file = path.strip_prefix(prefix).map(|rel| {
                    let rel = if rel.is_empty() || rel.ends_with('/') {
                        format!("{rel}index.html")
                    } else {
                        rel.to_string()
                    };
                    dir.join(rel)
                });
                let body = file
                    .filter(|f| !f.to_string_lossy().contains(".."))
                    .and_then(|f| std::fs::read(f).ok().map(|b| (b, path.to_string())));
                let response = match body {
                    Some((bytes, path)) => {
                        let kind = match path.rsplit('.').next() {
                            Some("html") => "text/html; charset=utf-8",
                            Some("js") => "text/javascript",
                            Some("css") => "text/css",
                            Some("svg") => "image/svg+xml",
                            _ => "application/octet-stream",
                        };
                        let mut r = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            bytes.len()
                        )
                        .into_bytes();
                        r.extend(bytes);
                        r
                    }
                    None => {
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_vec()
                    }
                };
                let _ = stream.write_all(&response);
            }
        });
        StaticServer { port, stop }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The chronology's filters: an actor in the address shows only the events
/// that actor took part in, a status narrows them, and "Show all" brings
/// every event back. Without the script the page lists every event.
#[test]
fn chronology_filters_show_only_the_events_chosen() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    let all = std::fs::read_to_string(site().join("chronology/index.html")).expect("chronology");
    let total = all.matches("<article class=\"event").count();
    b.open(&url("chronology/index.html?actor=kataib-hezbollah"));
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    let counts = b.eval(
        "(() => { const events = [...document.querySelectorAll('main .event')];
           const visible = events.filter(e => !e.hidden && e.offsetParent !== null);
           const withKh = events.filter(e => [...e.querySelectorAll('.event-actors a')].some(a => a.getAttribute('href').includes('/actors/kataib-hezbollah/')));
           return {all: events.length, visible: visible.length, kh: withKh.length,
                   wrong: visible.filter(e => !withKh.includes(e)).length,
                   form: !document.getElementById('filters').hidden,
                   status: document.querySelector('.filter-count').textContent}; })()",
    );
    assert_eq!(counts["all"].as_u64(), Some(total as u64), "{counts}");
    assert_eq!(counts["form"], true, "{counts}");
    let kh = counts["kh"].as_u64().unwrap_or(0);
    assert!(kh > 2 && kh < total as u64, "{counts}");
    assert_eq!(counts["visible"].as_u64(), Some(kh), "{counts}");
    assert_eq!(counts["wrong"].as_u64(), Some(0), "{counts}");
    assert!(
        counts["status"]
            .as_str()
            .is_some_and(|s| s.contains(&format!("Showing {kh} of {total}"))),
        "{counts}"
    );
    // a status narrows further; "Show all" restores everything
    let narrowed = b.eval(
        "(() => { const f = document.getElementById('filters');
           const s = f.elements.status; s.value = s.options[1].value;
           f.dispatchEvent(new Event('change'));
           const visible = [...document.querySelectorAll('main .event')].filter(e => e.offsetParent !== null);
           const ok = visible.every(e => e.querySelector('.badge') && e.querySelector('.badge').textContent.trim() === s.value);
           const n = visible.length;
           f.reset();
           return new Promise(done => setTimeout(() => done({n, ok,
             after: [...document.querySelectorAll('main .event')].filter(e => e.offsetParent !== null).length}), 50)); })()",
    );
    assert_eq!(narrowed["ok"], true, "{narrowed}");
    assert!(narrowed["n"].as_u64().unwrap_or(0) <= kh, "{narrowed}");
    assert_eq!(narrowed["after"].as_u64(), Some(total as u64), "{narrowed}");
}

/// Following a citation is pleasant: focusing a marker previews its
/// reference beside it; arriving at the cited paragraph, the passage itself
/// stands out (outlined) and the paragraph is not flush against the top.
#[test]
fn a_citation_previews_its_passage_and_arrival_marks_the_passage() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    b.open(&url("actors/kataib-hezbollah/index.html"));
    let preview = b.eval(
        "(() => { const m = document.querySelector('sup.cite a');
           m.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
           const box = document.querySelector('.cite-preview');
           const ref = document.getElementById(m.getAttribute('href').slice(1));
           const r = m.getBoundingClientRect();
           return {shown: !!box, text: box ? box.textContent : '', quote: ref.querySelector('q') ? ref.querySelector('q').textContent : '',
                   title: ref.querySelector('cite').textContent, described: m.getAttribute('aria-describedby'),
                   w: r.width, h: r.height}; })()",
    );
    assert_eq!(preview["shown"], true, "{preview}");
    let text = preview["text"].as_str().unwrap_or_default();
    assert!(
        text.contains(preview["title"].as_str().unwrap_or("?")),
        "{preview}"
    );
    assert!(
        text.contains(preview["quote"].as_str().unwrap_or("?")),
        "{preview}"
    );
    assert_eq!(preview["described"], "cite-preview", "{preview}");
    // a marker is a target of 24 px or more to tap
    assert!(preview["w"].as_f64().unwrap_or(0.0) >= 24.0, "{preview}");
    assert!(preview["h"].as_f64().unwrap_or(0.0) >= 24.0, "{preview}");
    // on the overview too, every marker, and no two overlap (a title link
    // and several markers stand side by side)
    b.open(&url("index.html"));
    let markers = b.eval(
        "(() => { const rects = [...document.querySelectorAll('sup.cite a')].map(a => a.getBoundingClientRect());
           let overlaps = 0;
           for (let i = 1; i < rects.length; i++) {
             const a = rects[i - 1], c = rects[i];
             if (a.right > c.left + 0.5 && a.left < c.right && a.bottom > c.top && a.top < c.bottom) overlaps++;
           }
           return {n: rects.length, small: rects.filter(r => r.width < 24 || r.height < 24).length, overlaps}; })()",
    );
    assert!(markers["n"].as_u64().unwrap_or(0) > 10, "{markers}");
    assert_eq!(markers["small"].as_u64(), Some(0), "{markers}");
    assert_eq!(markers["overlaps"].as_u64(), Some(0), "{markers}");
    // arriving at a cited paragraph
    b.open(&url("actors/kataib-hezbollah/index.html"));
    let href = b
        .eval("document.querySelector('.references .ref-article').href")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(href.contains("#p"), "{href}");
    b.open(&href);
    let arrival = b.eval(
        "(() => { const p = document.querySelector(':target');
           const mark = p && p.querySelector('mark.cited');
           return {target: p ? p.className : null, top: p ? p.getBoundingClientRect().top : -1,
                   outline: mark ? getComputedStyle(mark).outlineStyle : 'none',
                   paragraph_outline: p ? getComputedStyle(p).outlineStyle : 'none'}; })()",
    );
    assert!(
        arrival["target"]
            .as_str()
            .is_some_and(|c| c.contains("para")),
        "{arrival}"
    );
    assert_eq!(
        arrival["outline"], "solid",
        "the passage stands out: {arrival}"
    );
    assert_eq!(arrival["paragraph_outline"], "none", "{arrival}");
    let top = arrival["top"].as_f64().unwrap_or(-1.0);
    assert!(top >= 40.0, "not flush against the top edge: {arrival}");
}

/// Statuses, confidence levels and source grades each look different, by
/// shape and sign as well as colour, on screen and in print (where colour
/// may be lost), and say what they mean.
#[test]
fn statuses_confidence_and_grades_are_told_apart_and_explained() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    // what sets a badge apart without colour: its outline, its sign, weight
    // and whether it is filled
    let looks = |b: &mut Browser, selector: &str| {
        b.eval(&format!(
            "[...document.querySelectorAll('{selector}')].map(e => {{
               const s = getComputedStyle(e), before = getComputedStyle(e, '::before');
               return {{text: e.textContent.trim(), look: [s.borderTopStyle, s.borderTopWidth, before.content,
                 s.fontWeight, s.backgroundColor !== 'rgba(0, 0, 0, 0)'].join(' ')}}; }})"
        ))
    };
    b.open(&url("chronology/index.html"));
    let legend = b.eval(
        "[...document.querySelectorAll('.legend div')].map(d => [d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()])",
    );
    let legend = legend.as_array().cloned().unwrap_or_default();
    let words: Vec<&str> = legend.iter().filter_map(|p| p[0].as_str()).collect();
    assert_eq!(
        words,
        ["reported", "claimed", "disputed", "confirmed"],
        "{legend:?}"
    );
    assert!(
        legend
            .iter()
            .all(|p| p[1].as_str().is_some_and(|m| m.len() > 8)),
        "each status says what it means: {legend:?}"
    );
    for media in ["screen", "print"] {
        b.call(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"media": media}),
        );
        let badges = looks(&mut b, ".legend .badge");
        let mut seen: Vec<&str> = badges
            .as_array()
            .map(|a| a.iter().filter_map(|x| x["look"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(seen.len(), 4, "{badges}");
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 4, "four different looks in {media}: {badges}");
        // every event's badge looks like its status in the legend
        let cards = looks(&mut b, "main .event .badge");
        let legend_looks = badges.as_array().cloned().unwrap_or_default();
        for card in cards.as_array().into_iter().flatten() {
            let same = legend_looks.iter().find(|l| l["text"] == card["text"]);
            assert_eq!(same.map(|l| &l["look"]), Some(&card["look"]), "{card}");
        }
    }
    b.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "screen"}),
    );

    b.open(&url("index.html"));
    let levels = looks(&mut b, ".confidence");
    let mut by_level: Vec<(String, String)> = levels
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            (
                l["text"].as_str().unwrap_or("").to_string(),
                l["look"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    by_level.sort();
    by_level.dedup();
    let mut kinds: Vec<&String> = by_level.iter().map(|(t, _)| t).collect();
    kinds.dedup();
    assert!(
        kinds.len() >= 2,
        "the pack uses more than one level: {levels}"
    );
    assert_eq!(
        by_level.len(),
        kinds.len(),
        "each level has one look: {by_level:?}"
    );
    let mut looks_seen: Vec<&String> = by_level.iter().map(|(_, l)| l).collect();
    looks_seen.sort();
    looks_seen.dedup();
    assert_eq!(
        looks_seen.len(),
        kinds.len(),
        "and no two levels share one: {by_level:?}"
    );

    b.open(&url("articles/index.html"));
    let grades = b.eval(
        "[...document.querySelectorAll('main td .grade')].map(g => [g.textContent.trim(), g.title, g.parentElement.textContent.trim()])",
    );
    let grades = grades.as_array().cloned().unwrap_or_default();
    assert!(!grades.is_empty());
    for g in &grades {
        let letter = g[0].as_str().unwrap_or("");
        let meaning = match letter {
            "A" => "completely reliable",
            "B" => "usually reliable",
            "C" => "fairly reliable",
            "D" => "not usually reliable",
            "E" => "unreliable",
            _ => "cannot be judged",
        };
        assert!(
            g[1].as_str().is_some_and(|t| t.contains(meaning)),
            "hover: {g}"
        );
        assert!(
            g[2].as_str().is_some_and(|t| t.contains(meaning)),
            "table: {g}"
        );
    }
}

/// The relation pictures: on an actor's page, each of its relations is a
/// labelled line to a node that links to the other actor; on the actors
/// index, the network links to every actor it draws; both are figures of
/// the printed PDF.
#[test]
fn the_relation_graphs_show_each_relation_and_print() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    b.open(&url("actors/kataib-hezbollah/index.html"));
    let found = b.eval(
        "(() => { const fig = document.querySelector('#relations-heading ~ figure.graph');
           const svg = fig.querySelector('svg');
           const links = [...fig.querySelectorAll('.picture-links a')];
           const boxes = [...svg.querySelectorAll('rect.gr-node')];
           const labels = [...svg.querySelectorAll('text.gr-label')].map(t => t.textContent);
           const relations = [...document.querySelectorAll('ul.relations li')].map(li =>
             ({wording: li.querySelector('.relation').textContent.trim(), href: li.querySelector('a').getAttribute('href')}));
           // each link lies over its box
           const over = links.length === boxes.length && links.every((a, k) => {
             const m = boxes[k].getBoundingClientRect(), l = a.getBoundingClientRect();
             return Math.abs(l.left - m.left) < 2 && Math.abs(l.top - m.top) < 2 && Math.abs(l.width - m.width) < 2; });
           const pictureRight = fig.querySelector('.graph-picture').getBoundingClientRect().right;
           return {role: svg.getAttribute('role'), title: svg.querySelector('title').textContent,
                   desc: svg.querySelector('desc').textContent,
                   links: links.map(a => ({href: a.getAttribute('href'), title: a.title})),
                   labels, relations, over,
                   inside: links.every(a => a.getBoundingClientRect().right <= pictureRight + 1),
                   arrows: svg.querySelectorAll('[marker-end]').length}; })()",
    );
    assert_eq!(found["role"], "img", "{found}");
    assert_eq!(found["title"], "Relations of Kataib Hezbollah", "{found}");
    assert!(
        found["desc"]
            .as_str()
            .is_some_and(|d| d.contains("6 relations with 5 actors")),
        "{found}"
    );
    let links: Vec<serde_json::Value> =
        serde_json::from_value(found["links"].clone()).unwrap_or_default();
    let labels: Vec<String> = serde_json::from_value(found["labels"].clone()).unwrap_or_default();
    let relations: Vec<serde_json::Value> =
        serde_json::from_value(found["relations"].clone()).unwrap_or_default();
    assert_eq!(relations.len(), 6, "{found}");
    assert_eq!(
        links[0]["href"], "../../actors/kataib-hezbollah/index.html",
        "the actor itself in the middle"
    );
    for r in &relations {
        let (wording, href) = (r["wording"].as_str().unwrap_or(""), &r["href"]);
        // a node linking to the other actor, and a line labelled with the relation
        let at = links.iter().position(|l| &l["href"] == href);
        assert!(at.is_some(), "no node for {r}: {found}");
        assert!(
            labels.iter().any(|l| l.split(", ").any(|w| w == wording)),
            "no line labelled {wording:?}: {labels:?}"
        );
    }
    assert!(
        labels.iter().any(|l| l == "opposes, opposed by"),
        "both ways on one line: {labels:?}"
    );
    assert_eq!(found["over"], true, "each link over its node: {found}");
    assert_eq!(found["inside"], true);
    assert!(found["arrows"].as_u64().unwrap_or(0) >= 5, "{found}");
    // every node's link lands on an actor's page
    for l in &links {
        let href = l["href"].as_str().unwrap_or("");
        let file = site().join("actors/kataib-hezbollah").join(href);
        assert!(file.is_file(), "{href}");
        assert!(l["title"].as_str().is_some_and(|t| !t.is_empty()));
    }

    // the network of the actors index links to each actor it draws
    b.open(&url("actors/index.html"));
    let network = b.eval(
        "(() => { const fig = document.querySelector('figure.graph-network');
           const links = [...fig.querySelectorAll('.picture-links a')].map(a => a.getAttribute('href'));
           const rows = [...document.querySelectorAll('table.actors-table th a')].map(a => a.getAttribute('href'));
           return {links, rows, dots: fig.querySelectorAll('svg circle.gr-dot').length,
                   lines: fig.querySelectorAll('svg path.gr-edge').length,
                   desc: fig.querySelector('desc').textContent}; })()",
    );
    let drawn: Vec<String> = serde_json::from_value(network["links"].clone()).unwrap_or_default();
    let rows: Vec<String> = serde_json::from_value(network["rows"].clone()).unwrap_or_default();
    assert!(drawn.len() >= 30, "{network}");
    assert_eq!(network["dots"].as_u64(), Some(drawn.len() as u64));
    assert!(
        drawn.iter().all(|h| rows.contains(h)),
        "each node is an actor of the tables"
    );
    assert!(drawn.contains(&"../actors/kataib-hezbollah/index.html".to_string()));
    assert!(network["lines"].as_u64().unwrap_or(0) >= 30, "{network}");

    // in the printed PDF, both pictures of the book are figures
    b.open(&url("print/index.html"));
    let pdf = b.pdf();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.pdf");
    std::fs::write(&path, &pdf).expect("write pdf");
    let plain = dir.path().join("plain.pdf");
    let Ok(qpdf) = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&path)
        .arg(&plain)
        .status()
    else {
        let missing = "qpdf is not installed: the pictures of the printed PDF are not checked";
        assert!(std::env::var_os("CI").is_none(), "{missing}");
        eprintln!("skipped: {missing}");
        return;
    };
    assert!(qpdf.success());
    let bytes = std::fs::read(&plain).expect("read");
    let text = String::from_utf8_lossy(&bytes);
    for alt in [
        "/Alt (Timeline of the pack's events",
        "/Alt (The actors' relations",
    ] {
        assert!(text.contains(alt), "the printed PDF has no figure {alt:?}");
    }
}

/// The timeline: one mark per event, in date order, each linking to the
/// event's card; on an actor's page, that actor's events; and it prints.
#[test]
fn the_timeline_marks_every_event_in_order_and_links_to_it() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mut b) = browser() else { return };
    b.open(&url("chronology/index.html"));
    let found = b.eval(
        "(() => { const svg = document.querySelector('figure.timeline svg');
           const marks = [...document.querySelectorAll('figure.timeline .timeline-links a')];
           const rects = [...svg.querySelectorAll('rect.tl-mark')];
           const ids = [...document.querySelectorAll('main article.event')].map(e => e.id);
           const targets = marks.map(a => new URL(a.getAttribute('href'), location.href).hash.slice(1));
           const xs = rects.map(r => parseFloat(r.getAttribute('x')));
           // each link lies over its mark
           const over = marks.every((a, k) => { const m = rects[k].getBoundingClientRect(), l = a.getBoundingClientRect();
             return rects.length === marks.length && l.left <= m.left + 1 && l.right >= m.right - 1 && Math.abs(l.top - m.top) < 2; });
           return {role: svg.getAttribute('role'), title: svg.querySelector('title').textContent,
                   desc: svg.querySelector('desc').textContent, ids, targets,
                   ordered: xs.every((x, k) => k === 0 || x >= xs[k - 1]),
                   landed: targets.every(t => document.getElementById(t) !== null),
                   over, labelled: marks.every(a => a.title.length > 5)}; })()",
    );
    assert_eq!(found["role"], "img", "{found}");
    assert!(
        found["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Timeline"))
    );
    assert!(
        found["desc"]
            .as_str()
            .is_some_and(|d| d.contains("59 events")),
        "{found}"
    );
    assert_eq!(
        found["targets"], found["ids"],
        "one mark per event, in date order"
    );
    assert_eq!(
        found["ordered"], true,
        "marks run left to right in date order"
    );
    assert_eq!(found["landed"], true);
    assert_eq!(
        found["labelled"], true,
        "each mark says what it is on hover"
    );
    // an actor's page draws its events
    b.open(&url("actors/kataib-hezbollah/index.html"));
    let actor = b.eval(
        "(() => { const marks = [...document.querySelectorAll('figure.timeline .timeline-links a')];
           const cards = [...document.querySelectorAll('#events-heading ~ article.event .event-title > a:first-child')];
           return {marks: marks.map(a => a.getAttribute('href')), cards: cards.map(a => a.getAttribute('href'))}; })()",
    );
    let mut marks: Vec<String> = serde_json::from_value(actor["marks"].clone()).unwrap_or_default();
    let mut cards: Vec<String> = serde_json::from_value(actor["cards"].clone()).unwrap_or_default();
    assert!(!marks.is_empty(), "{actor}");
    marks.sort();
    cards.sort();
    assert_eq!(marks, cards, "the actor's events, each once");
    // in print the picture is drawn, not hidden
    b.open(&url("print/index.html"));
    b.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    );
    let printed = b.eval(
        "(() => { const r = document.querySelector('#chronology figure.timeline svg').getBoundingClientRect();
           return {width: r.width, height: r.height}; })()",
    );
    b.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "screen"}),
    );
    assert!(
        printed["width"].as_f64().unwrap_or(0.0) > 300.0,
        "{printed}"
    );
    assert!(
        printed["height"].as_f64().unwrap_or(0.0) > 50.0,
        "{printed}"
    );
}
