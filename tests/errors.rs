//! One broken pack per error kind that the README names (*Commands*, errors): the build exits with status 1,
//! names the file, line and column, says what to do, reports every error at
//! once, and leaves the previous site exactly as it was.

mod common;

use common::{TestPack, minimal, snapshot};

/// Builds the good pack, breaks it with `breakage`, builds again and checks
/// the failure; returns stderr.
fn fails(breakage: impl FnOnce(&TestPack), expected: &[&str]) -> String {
    let pack = minimal();
    pack.build_ok();
    let before = snapshot(&pack.public());
    breakage(&pack);
    let out = pack.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status 1 expected:\n{stderr}"
    );
    for e in expected {
        assert!(stderr.contains(e), "expected {e:?} in:\n{stderr}");
    }
    assert!(
        stderr.contains("help:"),
        "every error says what to do:\n{stderr}"
    );
    assert_eq!(
        before,
        snapshot(&pack.public()),
        "the previous output is untouched"
    );
    let check = pack.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "check fails the same way");
    stderr
}

#[test]
fn malformed_yaml() {
    fails(
        |p| {
            p.write(
                "content/actors/us.yaml",
                "name: United States\nkind: state: armed\n",
            )
        },
        &["error: malformed YAML", "--> content/actors/us.yaml:2:"],
    );
}

#[test]
fn unquoted_markdown_starting_with_a_bracket_says_to_quote_it() {
    fails(
        |p| {
            p.write(
                "content/actors/us.yaml",
                "name: United States\nkind: state\nsummary: [[kh]] is opposed by it\n",
            )
        },
        &[
            "--> content/actors/us.yaml:3:",
            "must be quoted or written as a block",
        ],
    );
}

#[test]
fn a_misspelt_field_is_named_with_the_nearest_and_no_false_warnings_follow() {
    let stderr = fails(
        |p| {
            p.write(
                "content/articles/national-2024-04-22.yaml",
                "title: Rockets hit a base in Syria\npublsher: The National\npublished: 2024-04-22\n",
            )
        },
        &[
            "unknown field `publsher`",
            "national-2024-04-22.yaml:2:1",
            "did you mean `publisher`?",
        ],
    );
    // the article did not load, so its mentions are unknown: no actor is
    // reported as mentioned nowhere
    assert!(
        !stderr.contains("is mentioned in no article"),
        "a warning that the fix would take back:\n{stderr}"
    );
}

#[test]
fn missing_required_field() {
    fails(
        |p| p.write("content/actors/us.yaml", "kind: state\naliases: [US]\n"),
        &[
            "missing required field `name`",
            "--> content/actors/us.yaml:1:1",
        ],
    );
}

#[test]
fn empty_required_field() {
    fails(
        |p| {
            p.write(
                "content/articles/national-2024-04-22.yaml",
                "title: Rockets hit a base in Syria\npublisher: null\npublished: 2024-04-22\n",
            )
        },
        &[
            "`publisher` is empty",
            "--> content/articles/national-2024-04-22.yaml:2:",
        ],
    );
}

#[test]
fn unknown_field() {
    fails(
        |p| {
            p.write("content/events/2024.yaml", "- id: e1\n  date: 2024-04-21\n  title: T\n  colour: red\n  cites: [{article: national-2024-04-22}]\n")
        },
        &["unknown field `colour`", "--> content/events/2024.yaml:"],
    );
}

#[test]
fn unknown_id_suggests_the_nearest() {
    let stderr = fails(
        |p| {
            p.write("content/events/2024.yaml", "- id: e1\n  date: 2024-04-21\n  title: T\n  actors:\n    - {actor: kj, role: perpetrator}\n  cites: [{article: national-2024-04-21}]\n")
        },
        &[
            "unknown actor `kj`",
            "--> content/events/2024.yaml:5:15",
            "did you mean `kh`?",
            "unknown article `national-2024-04-21`",
            "--> content/events/2024.yaml:6:21",
            "did you mean `national-2024-04-22`?",
        ],
    );
    assert!(
        stderr.contains("2 errors"),
        "both errors are reported in one run:\n{stderr}"
    );
}

#[test]
fn unknown_id_in_a_markdown_link() {
    fails(
        |p| {
            p.write("content/actors/us.yaml", "name: United States\nkind: state\nsummary: |\n  Opposed by [[kh]] and [[kataib]].\n")
        },
        &["unknown id `kataib`", "--> content/actors/us.yaml:4:"],
    );
    // with nothing near it, the help says where ids come from
    fails(
        |p| {
            p.write(
                "content/actors/us.yaml",
                "name: United States\nkind: state\nsummary: |\n  Opposed by [[zzzz-qqqq-wwww]].\n",
            )
        },
        &[
            "unknown id `zzzz-qqqq-wwww`",
            "actors and articles take theirs from their file names",
        ],
    );
}

#[test]
fn duplicate_id() {
    fails(
        |p| {
            p.write("content/events/other.yaml", "- id: kh\n  date: 2024\n  title: Clash\n  cites: [{article: national-2024-04-22}]\n")
        },
        &[
            "duplicate id `kh`",
            "--> content/events/other.yaml:1:7",
            "an actor",
        ],
    );
}

#[test]
fn invalid_id() {
    fails(
        |p| {
            p.write("content/events/other.yaml", "- id: Bad_Id\n  date: 2024\n  title: Clash\n  cites: [{article: national-2024-04-22}]\n")
        },
        &[
            "invalid id `Bad_Id`",
            "--> content/events/other.yaml:1:7",
            "write `id: bad-id`",
        ],
    );
}

#[test]
fn invalid_file_name_id() {
    fails(
        |p| p.write("content/actors/Not An Id.yaml", "name: X\n"),
        &[
            "`Not An Id` is not a valid id",
            "content/actors/Not An Id.yaml",
        ],
    );
}

#[test]
fn invalid_date() {
    fails(
        |p| {
            p.write("content/events/other.yaml", "- id: e2\n  title: Bad day\n  date: 2024-02-30\n  cites: [{article: national-2024-04-22}]\n- id: e3\n  title: Bad part\n  date: late 2024-01-05\n  cites: [{article: national-2024-04-22}]\n")
        },
        &[
            "invalid date",
            "--> content/events/other.yaml:3:9",
            "--> content/events/other.yaml:7:9",
        ],
    );
}

#[test]
fn quote_not_in_the_article() {
    fails(
        |p| {
            p.write("content/events/2024.yaml", "- id: e1\n  date: 2024-04-21\n  title: T\n  cites:\n    - article: national-2024-04-22\n      quote: six rockets from the northern town\n")
        },
        &[
            "quote not found in article `national-2024-04-22`",
            "--> content/events/2024.yaml:6:14",
            "copy the passage",
        ],
    );
}

#[test]
fn quote_in_a_skipped_paragraph_is_explained() {
    fails(
        |p| {
            p.write("content/events/2024.yaml", "- id: e1\n  date: 2024-04-21\n  title: T\n  cites:\n    - {article: national-2024-04-22, quote: \"A caption under the photo\"}\n")
        },
        &["quote not found", "not the body"],
    );
}

#[test]
fn summary_without_text_and_text_without_summary() {
    fails(
        |p| {
            p.write(
                "content/articles/orphan-summary.yaml",
                "title: T\npublisher: P\npublished: 2024-01-01\n",
            );
            p.write("content/articles/orphan-text.txt", "Some text\n");
        },
        &[
            "article summary `orphan-summary` has no text file",
            "content/articles/orphan-summary.yaml",
            "article text `orphan-text` has no summary file",
            "content/articles/orphan-text.txt",
        ],
    );
}

#[test]
fn all_errors_of_a_pack_are_reported_together() {
    let stderr = fails(
        |p| {
            p.write("content/actors/us.yaml", "kind: state\n");
            p.write(
                "content/events/other.yaml",
                "- id: e9\n  date: 2024-13\n  title: T\n  cites: [{article: nope}]\n",
            );
        },
        &[
            "missing required field `name`",
            "invalid date",
            "unknown article `nope`",
        ],
    );
    assert!(stderr.contains("3 errors"), "{stderr}");
}

#[test]
fn a_foreign_output_folder_is_refused_and_left_alone() {
    let pack = minimal();
    pack.write("public/important.txt", "not ours");
    let out = pack.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("was not written by briefing"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(pack.public().join("important.txt"))
            .ok()
            .as_deref(),
        Some("not ours")
    );
    assert!(!pack.public().join("index.html").exists());
}

#[test]
fn a_missing_pack_is_a_usage_error() {
    let pack = TestPack::new();
    let out = pack.run(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no `content/` folder"));
}

#[test]
fn a_broken_template_is_reported_with_its_line() {
    let pack = minimal();
    pack.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ nothing.here }}{% endblock content %}",
    );
    let out = pack.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("404.html:2:"), "{stderr}");
}

#[test]
fn an_unquoted_comma_in_a_role_is_an_unknown_key_not_a_loss() {
    // in a flow map the comma ends the value: `per Rudaw` is a third key
    fails(
        |p| {
            p.write("content/events/2024.yaml", "- id: zummar-rockets\n  date: 2024-04-21\n  title: Rockets fired from Zummar\n  actors:\n    - {actor: kh, role: target, per Rudaw}\n  cites:\n    - {article: national-2024-04-22, quote: \"from the northern Iraqi town of Zummar\"}\n")
        },
        &[
            "unknown field `per Rudaw`",
            "--> content/events/2024.yaml:5:",
            "`actor` or `role`",
        ],
    );
}
