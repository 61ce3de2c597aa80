//! The theme: `themes/default/` of this repository is built into the binary
//! and is what renders; a pack's `themes/` overrides it template by
//! template. A copy of the built-in theme must build the same site, byte for
//! byte, whatever the pack holds; an override changes what it overrides and
//! nothing else; `briefing new theme` writes the theme out for editing.

mod common;

use std::fs;
use std::path::Path;

use common::{TestPack, snapshot};

/// Copies every built-in template into the pack's `themes/default/`, each
/// with a Tera comment appended: overrides that change no page.
fn add_commented_copy_of_builtin_theme(pack: &TestPack) {
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
fn assert_same_site(first: &[(String, Vec<u8>)], second: &[(String, Vec<u8>)]) {
    let names =
        |site: &[(String, Vec<u8>)]| site.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(first), names(second), "the same files");
    for ((name, a), (_, b)) in first.iter().zip(second) {
        if a != b {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            let line = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
            panic!(
                "{name} differs at line {}:\n  first: {:?}\n second: {:?}",
                line + 1,
                a.lines().nth(line),
                b.lines().nth(line)
            );
        }
    }
}

/// Builds `pack` with the built-in theme, then with a copy of it in the
/// pack's `themes/default/` whose every template ends with a comment:
/// overrides that change nothing must give the same site, byte for byte.
fn assert_copy_builds_the_same_site(pack: &TestPack, args: &[&str]) {
    let (builtin, _) = build(pack, args);
    add_commented_copy_of_builtin_theme(pack);
    let (copy, _) = build(pack, args);
    fs::remove_dir_all(pack.path().join("themes")).expect("remove the theme copy");
    assert!(builtin.len() > 10, "a whole site ({} files)", builtin.len());
    assert_same_site(&builtin, &copy);
}

#[test]
fn the_default_pack_is_the_same_site_with_a_copy_of_the_theme() {
    let pack = TestPack::new();
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &pack.path().join("content"),
    );
    assert_copy_builds_the_same_site(&pack, &[]);
    assert_copy_builds_the_same_site(&pack, &["--base-url", "https://example.org/briefing/"]);
}

/// A pack with every optional field written as `value` (`""` for empty),
/// or left out when `value` is `None`.
fn pack_with_optional_fields(value: Option<&str>) -> TestPack {
    let pack = TestPack::new();
    let field = |name: &str| value.map_or(String::new(), |v| format!("{name}: {v}\n"));
    let item = |name: &str| value.map_or(String::new(), |v| format!("    {name}: {v}\n"));
    let fields = |names: &[&str]| names.iter().map(|n| field(n)).collect::<String>();
    pack.write(
        "content/pack.yaml",
        &format!(
            "title: Optional fields\n{}key_judgments:\n  - text: Judged [@art-2024-01-02].\n{}",
            fields(&[
                "subtitle", "marking", "author", "date", "language", "base_url", "summary"
            ]),
            item("confidence"),
        ),
    );
    pack.write(
        "content/articles/art-2024-01-02.txt",
        "Headline\n\nAlpha Group fired at the base.\n\nComments\n",
    );
    pack.write(
        "content/articles/art-2024-01-02.yaml",
        &format!(
            "title: Headline\npublisher: Publisher\npublished: 2024-01-02\n{}key_points:\n  - text: Fired.\n    cites: [{{quote: fired at the base}}]\n",
            fields(&["author", "updated", "url", "language", "reliability", "summary", "end_at"]),
        ),
    );
    pack.write(
        "content/actors/alpha.yaml",
        &format!(
            "name: Alpha Group\nkind: armed-group\n{}",
            fields(&["summary"])
        ),
    );
    pack.write(
        "content/events/all.yaml",
        &format!(
            "- id: fired\n  date: 2024-01-01\n  title: Alpha fired\n{}  actors:\n    - actor: alpha\n{}  cites: [{{article: art-2024-01-02, quote: fired at the base}}]\n",
            ["kind", "location", "status", "summary"]
                .iter()
                .map(|n| value.map_or(String::new(), |v| format!("  {n}: {v}\n")))
                .collect::<String>(),
            value.map_or(String::new(), |v| format!("      role: {v}\n")),
        ),
    );
    pack
}

#[test]
fn optional_fields_empty_or_absent_give_the_same_site_with_either_theme() {
    let empty = pack_with_optional_fields(Some("\"\""));
    let absent = pack_with_optional_fields(None);
    assert_copy_builds_the_same_site(&empty, &[]);
    assert_copy_builds_the_same_site(&absent, &[]);
    // and the two packs are the same site: an empty field is an absent one
    let (empty_site, _) = build(&empty, &[]);
    let (absent_site, _) = build(&absent, &[]);
    assert_same_site(&empty_site, &absent_site);
    let home = String::from_utf8_lossy(
        &absent_site
            .iter()
            .find(|(n, _)| n == "index.html")
            .expect("a home page")
            .1,
    )
    .into_owned();
    assert!(
        !home.contains("class=\"marking"),
        "no empty marking: {home}"
    );
    assert!(!home.contains("<p class=\"subtitle\"></p>"), "{home}");
}

#[test]
fn a_small_pack_with_every_optional_field_is_the_same_site_with_a_copy_of_the_theme() {
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
    assert_copy_builds_the_same_site(&pack, &[]);
    assert_copy_builds_the_same_site(&pack, &["--base-url", "https://example.org/x"]);
}

/// The partials drawn once per row of a long list, which briefing compiles
/// when their source is plain enough.
const ROW_PARTIALS: [&str; 19] = [
    "event",
    "event-row",
    "print-event",
    "print-actor-event",
    "source-meta",
    "participant",
    "paragraph",
    "citer",
    "excerpt",
    "mention-group",
    "mention-index",
    "paragraph-link",
    "reference",
    "timeline-mark",
    "timeline-link",
    "graph-node",
    "network-node",
    "graph-edge",
    "graph-link",
];

#[test]
fn row_partials_compiled_or_rendered_by_tera_give_the_same_site() {
    // `{{ "" }}` shows nothing, but no compiled row understands it: each
    // row partial so changed goes through Tera, and must give the same bytes
    let pack = TestPack::new();
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &pack.path().join("content"),
    );
    let (compiled, _) = build(&pack, &[]);
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials");
    for name in ROW_PARTIALS {
        let text = fs::read_to_string(builtin.join(format!("{name}.html"))).expect("read");
        pack.write(
            &format!("themes/default/templates/partials/{name}.html"),
            &format!("{{{{ \"\" }}}}{text}"),
        );
    }
    let (tera, _) = build(&pack, &[]);
    assert_same_site(&compiled, &tera);
    // and the change is rendered: a visible one shows on every row
    pack.write(
        "themes/default/templates/partials/participant.html",
        "<i>{{ name | upper }}</i>{% if more %}, {% endif %}",
    );
    pack.build_ok();
    let chronology = pack.page("chronology/index.html");
    assert!(
        chronology.contains("<i>KATAIB HEZBOLLAH</i>"),
        "{chronology}"
    );
}

/// The files under `dir`, by path relative to it.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside");
            files.push((
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(entry.path()).expect("read"),
            ));
        }
    }
    files
}

/// Runs `briefing ARGS…` inside the pack's folder, as a user would.
fn run_in(pack: &TestPack, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(pack.path())
        .output()
        .expect("run briefing")
}

#[test]
fn new_theme_writes_the_theme_of_this_repository_which_builds_the_same_site() {
    let pack = common::minimal();
    let (builtin, _) = build(&pack, &[]);
    let out = run_in(&pack, &["new", "theme"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // what the binary carries is themes/default of this repository, file for
    // file: editing a template there and rebuilding changes what renders
    let written = files_under(&pack.path().join("themes/default"));
    let repo = files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"));
    assert_eq!(written, repo, "the built-in theme is the repository's");
    assert!(
        written
            .iter()
            .any(|(n, _)| n == "templates/partials/cite.html")
    );
    let (copied, _) = build(&pack, &[]);
    assert_same_site(&builtin, &copied);

    // never over a theme that is there, and nothing of it changed
    pack.write("themes/default/templates/actor.html", "mine");
    let again = run_in(&pack, &["new", "theme"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(
        fs::read_to_string(pack.path().join("themes/default/templates/actor.html")).expect("read"),
        "mine"
    );

    // another name: a theme the pack chooses with `theme:`
    let named = run_in(&pack, &["new", "theme", "briefing-blue"]);
    assert!(named.status.success());
    assert_eq!(files_under(&pack.path().join("themes/briefing-blue")), repo);
    let bad = run_in(&pack, &["new", "theme", "../outside"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!pack.path().join("outside").exists());
}

#[test]
fn the_partials_of_markers_mentions_links_and_passages_restyle_every_one() {
    let pack = common::minimal();
    pack.write(
        "themes/default/templates/partials/cite.html",
        "<sup class=\"my-cite\"><a href=\"#ref-{{ n }}\">[{{ n }}]</a></sup>\n",
    );
    pack.write(
        "themes/default/templates/partials/mention.html",
        "{% if href %}<a class=\"my-mention\" data-actor=\"{{ actor.id }}\" href=\"{{ href }}\">{{ text }}</a>{% else %}<b class=\"my-mention\">{{ text }}</b>{% endif %}\n",
    );
    pack.write(
        "themes/default/templates/partials/link.html",
        "<a class=\"my-link my-{{ kind }}\" href=\"{{ href }}\">{{ text }}</a>\n",
    );
    pack.write(
        "themes/default/templates/partials/passage.html",
        "<mark class=\"my-passage\">{{ html }}</mark>\n",
    );
    pack.build_ok();
    let home = pack.page("index.html");
    assert!(
        home.contains("<sup class=\"my-cite\"><a href=\"#ref-1\">[1]</a></sup>"),
        "{home}"
    );
    assert!(!home.contains("class=\"cite\""), "{home}");
    assert!(
        home.contains(
            "<a class=\"my-link my-actor\" href=\"actors/kh/index.html\">Kataib Hezbollah</a>"
        ),
        "{home}"
    );
    let article = pack.page("articles/national-2024-04-22/index.html");
    assert!(
        article.contains("<a class=\"my-mention\" data-actor=\"kh\" href=\"../../actors/kh/index.html\">Kataib Hezbollah</a>"),
        "{article}"
    );
    assert!(!article.contains("class=\"mention\""), "{article}");
    assert!(article.contains("<mark class=\"my-passage\">"), "{article}");
    assert!(!article.contains("<mark class=\"cited\">"), "{article}");
    let actor = pack.page("actors/kh/index.html");
    assert!(
        actor.contains("<b class=\"my-mention\">Kataib Hezbollah</b>"),
        "{actor}"
    );
}

#[test]
fn a_copy_of_the_builtin_theme_that_changes_a_page_is_used() {
    // the comparison above only means something if the copy is rendered:
    // a change to the copy shows on the site
    let pack = common::minimal();
    add_commented_copy_of_builtin_theme(&pack);
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
    // the pages that show event cards take the pack's version; every other
    // page stays the same
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

#[test]
fn an_events_values_and_actors_reach_a_theme_that_shows_them() {
    // the built-in theme shows neither `e.event` nor `event.actors`, so the
    // build does not make them; a theme that names them gets them
    let pack = common::minimal();
    pack.write(
        "themes/default/templates/chronology.html",
        "{% extends \"base.html\" %}{% block content %}{% for y in years %}{% for e in y.events %}<p class=\"listed\">{{ e.event.title }}: {% for p in e.event.actors %}{{ p.actor.name }} ({{ p.role }}){% if not loop.last %}, {% endif %}{% endfor %}</p>{% endfor %}{% endfor %}{% endblock content %}",
    );
    pack.write(
        "themes/default/templates/partials/event.html",
        "<div id=\"{{ event.id }}\">{{ event.title }}{% for p in event.actors %} [{{ p.actor.name }}]{% endfor %}</div>\n",
    );
    pack.build_ok();
    let chronology = pack.page("chronology/index.html");
    assert!(
        chronology.contains(
            "<p class=\"listed\">Rockets fired from Zummar: Kataib Hezbollah (perpetrator), United States (involved)</p>"
        ),
        "{chronology}"
    );
    let actor = pack.page("actors/kh/index.html");
    assert!(
        actor.contains("Rockets fired from Zummar [Kataib Hezbollah] [United States]</div>"),
        "{actor}"
    );
}
