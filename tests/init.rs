//! `briefing init`: a small working pack, written without overwriting
//! anything, that builds with no error or warning.

use std::path::Path;
use std::process::{Command, Output};

fn briefing(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .arg(dir)
        .output()
        .expect("run briefing")
}

#[test]
fn init_writes_a_pack_that_builds_clean_and_links_everything() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("my-pack");
    let out = briefing(&["init"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "content/pack.yaml",
        "content/articles/example-times-2025-03-03.txt",
        "content/articles/example-times-2025-03-03.yaml",
        "content/actors/harbour-workers-union.yaml",
        "content/actors/port-authority.yaml",
        "content/events/2025.yaml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "README.md",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).expect("read"),
        "public/\n"
    );
    let built = briefing(&["build"], &dir);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "no warnings: {stderr}");
    let actor = std::fs::read_to_string(dir.join("public/actors/harbour-workers-union/index.html"))
        .expect("the actor's page");
    assert!(
        actor.contains("Dockworkers strike in Port Alder"),
        "its event"
    );
    assert!(actor.contains("opposes"), "its relation");
    let chronology =
        std::fs::read_to_string(dir.join("public/chronology/index.html")).expect("chronology");
    assert!(chronology.contains("id=\"port-alder-strike\""));
    assert!(chronology.contains("id=\"port-alder-talks\""));
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).expect("read");
    assert!(workflow.contains("cargo install --locked --git \"$BRIEFING_GIT\" briefing"));
    assert!(workflow.contains("briefing build --base-url"));
}

#[test]
fn init_never_overwrites_and_then_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    std::fs::write(dir.join("README.md"), "my notes\n").expect("write");
    let out = briefing(&["init"], dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("README.md already exists: nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).expect("read"),
        "my notes\n"
    );
    assert!(!dir.join("content").exists(), "nothing else written");
    // a pack started once is not started again over the user's edits
    std::fs::remove_file(dir.join("README.md")).expect("remove");
    assert!(briefing(&["init"], dir).status.success());
    std::fs::write(dir.join("content/pack.yaml"), "title: Mine\n").expect("edit");
    let again = briefing(&["init"], dir);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.join("content/pack.yaml")).expect("read"),
        "title: Mine\n"
    );
}
