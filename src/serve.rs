//! `briefing serve`: build the pack into memory, serve it on 127.0.0.1,
//! watch `content/` and `themes/`, rebuild on change and reload open pages.
//!
//! When a rebuild fails the last good site stays served and every open page
//! shows the errors (file:line and message) in an overlay until they are
//! fixed. The reload script is added to pages as they are served, so it is
//! never part of `build` output. Only the site's own files are served:
//! nothing is read from disk by request path, and a path that tries to leave
//! the site root is refused.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::new_debouncer;
use tokio::sync::broadcast;

use crate::diagnostics::Diagnostic;
use crate::fatal::Fatal;
use crate::render::Contents;
use crate::{Failure, Kept, Live};

/// The path of the live-reload script and event stream (never a page's path:
/// ids cannot start with `_`).
/// The folders of a pack that `serve` watches.
const WATCHED: [&str; 2] = ["content", "themes"];

const RELOAD_JS: &str = "/__briefing/reload.js";
const EVENTS: &str = "/__briefing/events";

/// The site as last resolved, the pages rendered from it so far, and the
/// errors of the last build if it failed.
#[derive(Default)]
struct Site {
    live: Option<Arc<Live>>,
    pages: HashMap<String, Arc<Contents>>,
    errors: Option<String>,
}

/// What open pages are told after a rebuild.
#[derive(Clone, Debug)]
enum Change {
    Reload,
    Errors(String),
}

#[derive(Clone)]
struct Shared {
    site: Arc<RwLock<Site>>,
    changes: broadcast::Sender<Change>,
    /// Counts rebuilds, bumped as each one starts, so that the background
    /// check of an older version stops and its findings are dropped.
    generation: Arc<AtomicU64>,
}

fn report(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// How long the background check of every page waits after a rebuild, so
/// that the pages open in the browser are rendered first.
const CHECK_DELAY: Duration = Duration::from_millis(150);

/// Reloads the pack (reading only changed files) and serves the new version,
/// its pages rendered as they are asked for; on failure keeps the last good
/// one. Every page is then rendered once in the background, so that a
/// template error shows in the overlay too; a newer rebuild stops that
/// check and drops its findings.
fn rebuild(root: &Path, kept: &Kept, shared: &Shared) {
    let started = Instant::now();
    // an older version's check stops now, leaving both cores to this rebuild
    let generation = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
    match Live::prepare(root, kept) {
        Ok(live) => {
            for w in live.warnings() {
                eprint!("{w}");
            }
            let live = Arc::new(live);
            if let Ok(mut site) = shared.site.write() {
                *site = Site {
                    live: Some(live.clone()),
                    pages: HashMap::new(),
                    errors: None,
                };
            }
            eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
            let _ = shared.changes.send(Change::Reload);
            let shared = shared.clone();
            std::thread::spawn(move || {
                std::thread::sleep(CHECK_DELAY);
                let current = || shared.generation.load(Ordering::SeqCst) == generation;
                if !current() {
                    return;
                }
                if let Err(errors) = live.check_pages(&current) {
                    let text = report(&errors);
                    // checked under the lock: a rebuild swaps the site under it too
                    if let Ok(mut site) = shared.site.write()
                        && current()
                    {
                        eprintln!("{text}");
                        site.errors = Some(text.clone());
                        let _ = shared.changes.send(Change::Errors(text));
                    }
                }
            });
        }
        Err(failure) => {
            let text = match failure {
                Failure::Content(diagnostics) => report(&diagnostics),
                Failure::Usage(message) => format!("error: {message}"),
            };
            eprintln!("{text}\nthe build failed: still serving the last good site");
            if let Ok(mut site) = shared.site.write() {
                site.errors = Some(text.clone());
            }
            let _ = shared.changes.send(Change::Errors(text));
        }
    }
}

/// A serve failure: `what` failed because of `source`.
fn serve_error(what: String, source: impl std::error::Error + Send + Sync + 'static) -> Fatal {
    Fatal::Serve {
        what,
        source: Box::new(source),
    }
}

/// Runs the development server until interrupted.
pub fn serve(root: &Path, port: u16) -> Result<(), Fatal> {
    if !root.join("content").is_dir() {
        return Err(Fatal::NoContent {
            path: root.to_path_buf(),
        });
    }
    let (changes, _) = broadcast::channel(16);
    let shared = Shared {
        site: Arc::new(RwLock::new(Site::default())),
        changes,
        generation: Arc::new(AtomicU64::new(0)),
    };
    let kept = Kept::new();
    rebuild(root, &kept, &shared);

    // watch content/ and themes/, rebuilding after a quiet 10 ms, and the
    // pack's folder itself, to watch either of them once it is created
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(10), None, tx)
        .map_err(|e| serve_error("cannot watch files".into(), e))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| serve_error(format!("cannot watch {}", path.display()), e))?;
        }
    }
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| serve_error(format!("cannot watch {}", root.display()), e))?;
    let debouncer = Arc::new(Mutex::new(debouncer));
    let watcher_debouncer = Arc::clone(&debouncer);
    let watcher_root: PathBuf = root.to_path_buf();
    let watcher_shared = shared.clone();
    std::thread::spawn(move || {
        for events in rx {
            let Ok(events) = events else { continue };
            let mut changed = false;
            // reading the pack (as a build does) is not a change
            for event in events
                .iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_) | EventKind::Other))
            {
                for path in &event.event.paths {
                    if path.parent() != Some(watcher_root.as_path()) {
                        // inside content/ or themes/
                        changed = true;
                    } else if path
                        .file_name()
                        .is_some_and(|name| WATCHED.iter().any(|w| name == *w))
                    {
                        // content/ or themes/ created (or removed) while serving
                        changed = true;
                        if path.is_dir()
                            && let Ok(mut d) = watcher_debouncer.lock()
                            && let Err(e) = d.watch(path, RecursiveMode::Recursive)
                        {
                            eprintln!("cannot watch {}: {e}", path.display());
                        }
                    }
                    // other files beside them are not part of the pack
                }
            }
            if changed {
                rebuild(&watcher_root, &kept, &watcher_shared);
            }
        }
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| serve_error("cannot start the server".into(), e))?;
    runtime.block_on(async move {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| serve_error(format!("cannot listen on {address}"), e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| serve_error(format!("cannot listen on {address}"), e))?;
        eprintln!(
            "serving {} on http://{bound}/ (Ctrl-C to stop)",
            root.display()
        );
        let app = Router::new()
            .route(RELOAD_JS, get(reload_script))
            .route(EVENTS, get(events))
            .fallback(get(file))
            .with_state(shared);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| serve_error("the server stopped".into(), e))
    })?;
    drop(debouncer);
    Ok(())
}

/// Where a request for the folder `rel` (site-relative, normalised, as
/// [`site_path`] gives it) is sent: always a path on this site, starting
/// with a single `/` (a request for `//actors` must not be sent to the
/// host `actors`), its bytes percent-encoded where a URL needs it.
fn folder_location(rel: &str) -> String {
    let mut out = String::with_capacity(rel.len() + 2);
    out.push('/');
    for b in rel.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('/');
    out
}

/// The site-relative file a request path names, or `None` when the path
/// tries to leave the site root.
fn site_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => parts.push(s),
        }
    }
    let mut rel = parts.join("/");
    if decoded.ends_with('/') || rel.is_empty() {
        if !rel.is_empty() {
            rel.push('/');
        }
        rel.push_str("index.html");
    }
    Some(rel)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page.
fn with_reload(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_JS}\"></script>\n");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

async fn file(State(shared): State<Shared>, uri: Uri) -> Response {
    let Some(rel) = site_path(uri.path()) else {
        return (
            StatusCode::FORBIDDEN,
            "refused: the path leaves the site root\n",
        )
            .into_response();
    };
    let (found, status, served_rel) = match lookup(&shared, &rel) {
        Some(found) => (Some(found), StatusCode::OK, rel.clone()),
        None if lookup(&shared, &format!("{rel}/index.html")).is_some() => {
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, folder_location(&rel))],
            )
                .into_response();
        }
        None => (
            lookup(&shared, "404.html"),
            StatusCode::NOT_FOUND,
            "404.html".to_string(),
        ),
    };
    let bytes = match found.as_deref() {
        Some(Contents::Bytes(b)) => b.clone(),
        Some(Contents::Copy(source)) => match tokio::fs::read(source).await {
            Ok(b) => b,
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
        None => {
            // no site yet (the first build failed): a page that shows the errors
            let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>briefing: build failed</title></head><body><h1>The pack does not build yet</h1></body></html>";
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                with_reload(page.as_bytes()),
            )
                .into_response();
        }
    };
    let body = if served_rel.ends_with(".html") {
        with_reload(&bytes)
    } else {
        bytes
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type(&served_rel)),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from(body),
    )
        .into_response()
}

/// The file at `rel`, rendered now if this version has not made it yet.
fn lookup(shared: &Shared, rel: &str) -> Option<Arc<Contents>> {
    let live = {
        let site = shared.site.read().ok()?;
        if let Some(found) = site.pages.get(rel) {
            return Some(found.clone());
        }
        site.live.clone()?
    };
    let files = match live.render_path(rel)? {
        Ok(files) => files,
        Err(d) => {
            let page = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>template error</title></head><body><pre>{}</pre></body></html>",
                crate::render::html::escape(&d.to_string())
            );
            return Some(Arc::new(Contents::Bytes(page.into_bytes())));
        }
    };
    let mut found = None;
    if let Ok(mut site) = shared.site.write() {
        let current = site.live.as_ref().is_some_and(|l| Arc::ptr_eq(l, &live));
        for f in files {
            let contents = Arc::new(f.contents);
            if f.path == rel {
                found = Some(contents.clone());
            }
            if current {
                site.pages.insert(f.path, contents);
            }
        }
    }
    found
}

async fn reload_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("serve_reload.js"),
    )
}

/// The event stream: the current state first, then every change.
async fn events(
    State(shared): State<Shared>,
) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let first = match shared.site.read().ok().and_then(|s| s.errors.clone()) {
        Some(errors) => Change::Errors(errors),
        None => Change::Reload,
    };
    let receiver = shared.changes.subscribe();
    let initial = Event::default()
        .event(if matches!(first, Change::Reload) {
            "ok"
        } else {
            "errors"
        })
        .data(match &first {
            Change::Errors(e) => e.clone(),
            Change::Reload => String::new(),
        });
    let updates = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(Change::Reload) => {
                    return Some((Ok(Event::default().event("reload").data("")), receiver));
                }
                Ok(Change::Errors(e)) => {
                    return Some((Ok(Event::default().event("errors").data(e)), receiver));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let stream = futures_util::StreamExt::chain(stream::iter([Ok(initial)]), updates);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        // a redirect never names another host
        for (asked, sent) in [
            ("//actors", "/actors/"),
            ("///x//y", "/x/y/"),
            ("/a b", "/a%20b/"),
        ] {
            let rel = site_path(asked).expect("inside the site");
            let rel = rel.strip_suffix("/index.html").unwrap_or(&rel);
            assert_eq!(folder_location(rel), sent, "{asked}");
        }
        assert_eq!(
            site_path("/actors/iran/").as_deref(),
            Some("actors/iran/index.html")
        );
        assert_eq!(
            site_path("/assets/style.css").as_deref(),
            Some("assets/style.css")
        );
        assert_eq!(
            site_path("/img/a%20map.svg").as_deref(),
            Some("img/a map.svg")
        );
        assert_eq!(site_path("/../etc/passwd"), None);
        assert_eq!(site_path("/actors/%2e%2e/%2e%2e/secret"), None);
        assert_eq!(site_path("/a/..%5c..%5csecret"), None);
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_body() {
        let html = String::from_utf8(with_reload(b"<html><body><p>x</p></body></html>"))
            .unwrap_or_default();
        assert!(html.ends_with("<script src=\"/__briefing/reload.js\"></script>\n</body></html>"));
    }
}
