//! Every page is valid HTML by the Nu HTML Checker (the W3C's validator, the
//! `vnu-jar` package of `tools/`), on the default pack, on generated ones
//! and on one whose chronology and actor take several pages. Java or the checker missing: the test fails in CI (`CI` set) and is
//! skipped, with a message, elsewhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The checker's jar, or `None` (test skipped) outside CI when Java or the
/// jar is missing.
fn checker() -> Option<PathBuf> {
    let jar =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java").arg("-version").output().is_ok();
    let missing = if !java {
        Some("java is not installed (Debian: default-jre-headless)".to_string())
    } else if !jar.is_file() {
        Some(format!(
            "{} is missing: run `npm ci --prefix tools`",
            jar.display()
        ))
    } else {
        None
    };
    match missing {
        None => Some(jar),
        Some(missing) => {
            assert!(std::env::var_os("CI").is_none(), "{missing}");
            eprintln!("skipped: {missing}");
            None
        }
    }
}

#[test]
fn the_nu_html_checker_finds_no_error_on_any_page() {
    let Some(jar) = checker() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let default_site = dir.path().join("default");
    common::build_default_pack(&default_site);
    let generated = common::generated(30);
    generated.build_ok();
    let minimal = common::minimal();
    minimal.build_ok();
    // a chronology split into years and months, an actor's pages of events
    let paged = common::one_full_year(600, 400);
    paged.build_ok();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&default_site)
        .arg(generated.public())
        .arg(minimal.public())
        .arg(paged.public())
        .output()
        .expect("run the Nu HTML Checker");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "the checker found errors:\n{report}"
    );
    // it read the pages: a broken page is reported
    let page = default_site.join("index.html");
    let html = std::fs::read_to_string(&page).expect("index.html");
    std::fs::write(&page, html.replacen("</main>", "</main></main>", 1)).expect("write");
    let broken = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .arg(&page)
        .output()
        .expect("run the Nu HTML Checker");
    assert!(
        !broken.status.success() && String::from_utf8_lossy(&broken.stderr).contains("error"),
        "the checker did not see a stray end tag"
    );
}
