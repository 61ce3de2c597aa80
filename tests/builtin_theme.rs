//! The built-in theme is compiled into the binary (src/render/templates/),
//! and the same theme ships as Tera templates (themes/default/templates/),
//! which a pack's theme overrides. Both must make the same site, byte for
//! byte: these tests build packs once with the compiled theme and once
//! through Tera (a pack theme holding the built-in templates, each with a
//! comment added, so that they count as overrides) and compare every file.

mod common;

use std::fs;
use std::path::Path;

use common::{TestPack, snapshot};

/// Copies every built-in template into the pack's `themes/default/`, each
/// with a Tera comment appended: the same pages, but overrides, so the
/// pack is rendered by Tera.
fn add_tera_copy_of_builtin_theme(pack: &TestPack) {
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut copied = 0;
    for entry in walkdir::WalkDir::new(&builtin).sort_by_file_name() {
        let entry = entry.expect("walk the built-in theme");
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&builtin)
            .expect("inside the theme")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(entry.path()).expect("read a built-in template");
        pack.write(
            &format!("themes/default/templates/{rel}"),
            &format!("{text}{{# a copy of the built-in template #}}"),
        );
        copied += 1;
    }
    assert!(copied >= 10, "found the built-in templates ({copied})");
}

/// Copies the folder `from` into `to`.
fn copy_folder(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Builds `pack` with `args`, returning the site and the build's messages.
fn build(pack: &TestPack, args: &[&str]) -> (Vec<(String, Vec<u8>)>, String) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = pack.run(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "build failed:\n{stderr}");
    let site = snapshot(&pack.public());
    fs::remove_dir_all(pack.public()).expect("remove the site");
    (site, stderr)
}

/// Asserts that two builds wrote the same files with the same bytes,
/// naming the first line that differs.
fn assert_same_site(compiled: &[(String, Vec<u8>)], tera: &[(String, Vec<u8>)]) {
    let names =
        |site: &[(String, Vec<u8>)]| site.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(compiled), names(tera), "the same files");
    for ((name, a), (_, b)) in compiled.iter().zip(tera) {
        if a != b {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
            panic!(
                "{name} differs at line {}:\n compiled: {:?}\n     tera: {:?}",
                line + 1,
                a.lines().nth(line),
                b.lines().nth(line)
            );
        }
    }
}

/// Builds `pack` with the compiled theme, then through Tera, with `args`.
fn assert_both_themes_agree(pack: &TestPack, args: &[&str]) {
    let (compiled, _) = build(pack, args);
    add_tera_copy_of_builtin_theme(pack);
    let (tera, _) = build(pack, args);
    fs::remove_dir_all(pack.path().join("themes")).expect("remove the theme copy");
    assert!(
        compiled.len() > 10,
        "a whole site ({} files)",
        compiled.len()
    );
    assert_same_site(&compiled, &tera);
}

#[test]
fn the_default_pack_is_the_same_site_with_either_theme() {
    let pack = TestPack::new();
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &pack.path().join("content"),
    );
    assert_both_themes_agree(&pack, &[]);
    assert_both_themes_agree(&pack, &["--base-url", "https://example.org/briefing/"]);
}

#[test]
fn a_small_pack_with_every_optional_field_is_the_same_site_with_either_theme() {
    let pack = common::minimal();
    // escaping in every kind of field, optional fields present and absent
    pack.write(
        "content/actors/ir.yaml",
        "name: Islamic Resistance <in> \"Iraq\" & co's\nkind: coalition\naliases: [IRI, 'The \"Resistance\"']\nrelations:\n  - {type: member-of, actor: us}\n",
    );
    pack.write(
        "content/events/more.yaml",
        "- id: undated-talks\n  date: late 2024-01\n  title: Talks <about> \"talks\" & more\n  location: Baghdad & Erbil\n  summary: \"[[ir]] met [[us]], *quietly*.\"\n  actors: [{actor: ir, role: mediator}]\n  cites: [{article: national-2024-04-22}]\n",
    );
    assert_both_themes_agree(&pack, &[]);
    assert_both_themes_agree(&pack, &["--base-url", "https://example.org/x"]);
}

#[test]
fn a_copy_of_the_builtin_theme_that_changes_a_page_is_used() {
    // the comparison above only means something if the copy is rendered:
    // a change to the copy shows on the site
    let pack = common::minimal();
    add_tera_copy_of_builtin_theme(&pack);
    let actor = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/actor.html");
    let text = fs::read_to_string(actor).expect("read actor.html");
    pack.write(
        "themes/default/templates/actor.html",
        &text.replace(
            "<h1>{{ actor.name }}</h1>",
            "<h1>Actor: {{ actor.name }}</h1>",
        ),
    );
    pack.build_ok();
    assert!(
        pack.page("actors/kh/index.html")
            .contains("<h1>Actor: Kataib Hezbollah</h1>")
    );
    assert!(
        pack.page("actors/us/index.html")
            .contains("<h1>Actor: United States</h1>")
    );
}

#[test]
fn overriding_one_partial_changes_the_pages_that_include_it_and_no_other() {
    // the pages that include the event partial go through Tera with the
    // pack's version; every other page stays compiled, and the same
    let pack = common::minimal();
    let (plain, _) = build(&pack, &[]);
    let builtin =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials/event.html");
    let text = fs::read_to_string(builtin).expect("read partials/event.html");
    assert!(text.starts_with("<article class=\"event"));
    pack.write(
        "themes/default/templates/partials/event.html",
        &text.replacen("<article class=", "<article data-theme=\"pack\" class=", 1),
    );
    let (themed, _) = build(&pack, &[]);
    let names =
        |site: &[(String, Vec<u8>)]| site.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&plain), names(&themed), "the same files");
    let mut changed = Vec::new();
    for ((name, before), (_, after)) in plain.iter().zip(&themed) {
        let after = String::from_utf8_lossy(after);
        let before = String::from_utf8_lossy(before);
        // every event card, and nothing else, is the pack's
        assert_eq!(
            after.replace(" data-theme=\"pack\"", ""),
            before,
            "{name}: only the event cards change"
        );
        if after.contains("<article data-theme=\"pack\" class=\"event") {
            assert_eq!(
                after
                    .matches("<article data-theme=\"pack\" class=\"event")
                    .count(),
                before.matches("<article class=\"event").count(),
                "{name}: every card"
            );
            changed.push(name.clone());
        }
    }
    assert!(
        changed.contains(&"chronology/index.html".to_string()),
        "{changed:?}"
    );
    assert!(changed.contains(&"index.html".to_string()), "{changed:?}");
    assert!(
        changed
            .iter()
            .any(|n| n.starts_with("actors/") && n != "actors/index.html"),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|n| n.starts_with("articles/")),
        "{changed:?}"
    );
}
