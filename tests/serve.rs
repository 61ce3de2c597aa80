//! `briefing serve`: serves the pack on 127.0.0.1 with a reload script that
//! `build` never writes, refuses paths outside the site, rebuilds on a save,
//! keeps serving the last good site while the pack is broken and streams the
//! errors to open pages.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::minimal;

fn start(pack: &std::path::Path) -> common::Server {
    common::serve(pack)
}

/// Connects to the server and sends a GET of `path` with `headers`.
fn request(port: u16, path: &str, headers: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n"
    )
    .expect("send");
    stream
}

/// GET `path`: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = request(port, path, "Connection: close\r\n");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The first event of the live-reload stream: (event name, data).
fn first_event(port: u16) -> (String, String) {
    let stream = request(port, "/__briefing/events", "");
    let mut reader = BufReader::new(stream);
    let (mut event, mut data) = (String::new(), Vec::new());
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 {
        let text = line.trim_end_matches(['\r', '\n']).to_string();
        line.clear();
        if let Some(name) = text
            .strip_prefix("event: ")
            .or_else(|| text.strip_prefix("event:"))
        {
            event = name.to_string();
        } else if let Some(d) = text
            .strip_prefix("data: ")
            .or_else(|| text.strip_prefix("data:"))
        {
            data.push(d.to_string());
        } else if text.is_empty() && !event.is_empty() {
            break;
        }
    }
    (event, data.join("\n"))
}

/// Polls `path` until its body contains `wanted`; returns how long it took.
fn wait_for(port: u16, path: &str, wanted: &str) -> Duration {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if get(port, path).1.contains(wanted) {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{path} never showed {wanted:?}");
}

/// The state event a new page gets, once it is `kind` (or after 10 s).
fn wait_for_event(port: u16, kind: &str) -> (String, String) {
    let started = Instant::now();
    loop {
        let e = first_event(port);
        if e.0 == kind || started.elapsed() > Duration::from_secs(10) {
            return e;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_rebuilds_and_reports_errors_live() {
    let pack = minimal();
    assert!(!pack.path().join("themes").exists());
    let server = start(pack.path());
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("<h1>Test pack</h1>"));
    assert!(
        home.contains("<script src=\"/__briefing/reload.js\"></script>"),
        "served pages carry the reload script"
    );
    assert_eq!(get(port, "/actors/kh/").0, 200);
    assert_eq!(get(port, "/__briefing/reload.js").0, 200);
    assert_eq!(
        get(port, "/../../etc/passwd").0,
        403,
        "paths outside the site root are refused"
    );
    assert_eq!(get(port, "/actors/%2e%2e/%2e%2e/Cargo.toml").0, 403);
    assert_eq!(get(port, "/no-such-page/").0, 404);
    assert_eq!(first_event(port).0, "ok");

    // a save is rebuilt and served
    pack.write(
        "content/pack.yaml",
        "title: Renamed pack\nmarking: TEST // MARKING\n",
    );
    let took = wait_for(port, "/", "<h1>Renamed pack</h1>");
    eprintln!("edit served after {} ms", took.as_millis());
    assert!(
        took < Duration::from_secs(3),
        "rebuilt within seconds ({took:?})"
    );

    // a broken pack: the last good site stays, the errors are streamed
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: nation\n",
    );
    let (event, data) = wait_for_event(port, "errors");
    assert_eq!(event, "errors");
    assert!(
        data.contains("unknown actor kind `nation`") && data.contains("content/actors/us.yaml:2:7"),
        "{data}"
    );
    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("<h1>Renamed pack</h1>"),
        "the last good site is still served"
    );

    // fixed: back to normal
    pack.write(
        "content/actors/us.yaml",
        "name: United States\nkind: state\naliases: [US]\n",
    );
    assert_eq!(wait_for_event(port, "ok").0, "ok", "the fix was picked up");

    // a template that fails only when a page is rendered, in a themes/
    // folder created while serving: found by the background check of every
    // page, and reported like any error
    pack.write(
        "themes/default/templates/actor.html",
        "{% extends \"base.html\" %}{% block content %}{{ actor.nmae }}{% endblock content %}",
    );
    let (event, data) = wait_for_event(port, "errors");
    assert_eq!(event, "errors", "the failing template was reported");
    assert!(data.contains("nmae"), "{data}");
    std::fs::remove_file(pack.path().join("themes/default/templates/actor.html"))
        .expect("template removed");
    assert_eq!(
        wait_for_event(port, "ok").0,
        "ok",
        "the theme's removal was picked up"
    );

    // the reload script is never part of a built site
    pack.build_ok();
    assert!(!pack.page("index.html").contains("__briefing"));
}

/// A request for a folder is redirected to the folder with a slash, and
/// the redirect never leaves the site: `//actors` and friends go to
/// `/actors/`, not to the host `actors`.
#[test]
fn folder_redirects_stay_on_the_site() {
    let pack = common::minimal();
    let server = start(pack.path());
    for (asked, sent) in [
        ("/actors", "/actors/"),
        ("//actors", "/actors/"),
        ("///actors", "/actors/"),
        ("/./actors", "/actors/"),
        ("//actors/kh", "/actors/kh/"),
        ("/%2Factors", "/actors/"),
    ] {
        let mut stream = request(server.port, asked, "Connection: close\r\n");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        let head = response
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_string();
        let status = head.split(' ').nth(1).unwrap_or_default().to_string();
        let location = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("location: ")
                    .or_else(|| l.strip_prefix("Location: "))
            })
            .unwrap_or_default()
            .to_string();
        if status == "301" {
            assert_eq!(location, sent, "{asked}: {head}");
            assert!(!location.starts_with("//"), "{asked}: {head}");
        } else {
            // refused or not found, but never sent elsewhere
            assert!(matches!(status.as_str(), "403" | "404"), "{asked}: {head}");
            assert!(location.is_empty(), "{asked}: {head}");
        }
    }
    // the folder itself is served
    let (status, body) = get(server.port, "/actors/");
    assert_eq!(status, 200);
    assert!(body.contains("Kataib Hezbollah"));
}
