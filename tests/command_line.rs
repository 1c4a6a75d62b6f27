//! The command line behaving as the best tools do: mistyped commands, `-` for standard
//! input, `--dir` everywhere, `--bundled`, `$SHERPA_BRIEFINGS` as a path list.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use common::{fixtures, sherpa};
use predicates::prelude::*;

#[test]
fn a_mistyped_command_is_a_usage_error_with_a_suggestion_even_when_piped() {
    let tmp = tempfile::tempdir().unwrap();
    // assert_cmd pipes stdout: the reader would have said it needs a terminal.
    sherpa(tmp.path())
        .arg("lsit")
        .assert()
        .code(2)
        .stdout("")
        .stderr("sherpa: `lsit` is not a command, file or folder; did you mean `list`?\n");
    // A folder of that name is read, as before.
    std::fs::create_dir(tmp.path().join("lsit")).unwrap();
    sherpa(tmp.path())
        .arg("lsit")
        .assert()
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn a_dash_reads_one_briefing_from_standard_input_wherever_paths_are_taken() {
    let tmp = tempfile::tempdir().unwrap();
    let alpha = std::fs::read_to_string(fixtures("good/alpha.toml")).unwrap();
    // Without an `id`, a briefing read from standard input is called `stdin`.
    sherpa(tmp.path())
        .args(["list", "-"])
        .write_stdin(alpha.clone())
        .assert()
        .stdout(predicate::str::starts_with("stdin  2020-03-01"));
    let alpha = alpha.replace("[summit]\n", "[summit]\nid = \"alpha\"\n");
    sherpa(tmp.path())
        .args(["check", "--strict", "-"])
        .write_stdin(alpha.clone())
        .assert()
        .success()
        .stdout("1 briefing loaded, 0 files skipped: 0 errors, 0 warnings\n");
    sherpa(tmp.path())
        .args(["list", "-"])
        .write_stdin(alpha.clone())
        .assert()
        .success()
        .stdout("alpha  2020-03-01  Alphaville  Alpha summit\n");
    sherpa(tmp.path())
        .args(["export", "alpha", "summary", "--dir", "-"])
        .write_stdin(alpha)
        .assert()
        .success()
        .stdout(predicate::str::contains("Alpha summit"));
    sherpa(tmp.path())
        .args(["check", "-"])
        .write_stdin("[summit]\ntitle = 1\n")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("<stdin>:2:9: error"));
}

#[test]
fn every_command_that_reads_briefings_takes_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let good = fixtures("good");
    let good = good.to_str().unwrap();
    for args in [
        vec!["list", "--dir", good],
        vec!["check", "--dir", good],
        vec!["timeline", "--dir", good],
        vec!["show", "alpha", "--dir", good],
        vec!["export", "alpha", "--dir", good],
        vec!["diff", "alpha", "beta", "--dir", good],
        vec!["search", "river", "--dir", good],
        vec!["track", "river-border", "--dir", good],
        vec!["board", "--dir", good],
        vec!["book", "alpha", "--dir", good],
    ] {
        sherpa(tmp.path())
            .args(&args)
            .assert()
            .success()
            .stderr(predicate::str::contains("reading").not());
    }
}

#[test]
fn paths_come_after_the_ids_of_every_command_that_reads_briefings() {
    let tmp = tempfile::tempdir().unwrap();
    let good = fixtures("good");
    let good = good.to_str().unwrap();
    for args in [
        vec!["list", good],
        vec!["show", "alpha", good],
        vec!["export", "alpha", "summary", good],
        vec!["diff", "alpha", "beta", good],
        vec!["search", "river", good],
        vec!["track", "river-border", good],
        vec!["timeline", good],
        vec!["board", good],
        // A book's positionals are ids, so its PATHs come after `--`.
        vec!["book", "alpha", "--", good],
        // Given before the command, sources are read too.
        vec!["--dir", good, "list"],
    ] {
        sherpa(tmp.path())
            .args(&args)
            .assert()
            .success()
            .stderr(predicate::str::contains("reading").not());
    }
}

/// Commands that read no briefings of the user's choosing (`lsp` reads the folder of each
/// file the editor opens); every other command must take the source arguments.
const READS_NO_BRIEFINGS: [&str; 8] = [
    "new",
    "cache",
    "schema",
    "config",
    "completions",
    "man",
    "help",
    "lsp",
];

#[test]
fn every_command_that_reads_briefings_has_the_source_arguments() {
    use clap::CommandFactory;
    let mut cli = sherpa::cli::Cli::command();
    cli.build();
    let readers = std::iter::once(&cli).chain(
        cli.get_subcommands()
            .filter(|sub| !READS_NO_BRIEFINGS.contains(&sub.get_name())),
    );
    let mut checked = 0;
    for command in readers {
        let name = command.get_name();
        let arg = |id: &str| command.get_arguments().find(|a| a.get_id() == id);
        let dir = arg("dir").unwrap_or_else(|| panic!("{name} has no --dir"));
        assert_eq!(dir.get_long(), Some("dir"), "{name}");
        let bundled = arg("bundled").unwrap_or_else(|| panic!("{name} has no --bundled"));
        assert_eq!(bundled.get_long(), Some("bundled"), "{name}");
        let paths = arg("paths").unwrap_or_else(|| panic!("{name} has no PATH"));
        assert!(paths.is_positional(), "{name}'s PATH is not positional");
        assert_eq!(
            paths.get_value_names(),
            Some(&["PATH".into()][..]),
            "{name}"
        );
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} commands read briefings");
}

#[test]
fn empty_segments_of_sherpa_briefings_are_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let list = format!(":{}::", fixtures("good").display());
    sherpa(tmp.path())
        .arg("list")
        .env("SHERPA_BRIEFINGS", list)
        .assert()
        .success()
        .stdout(predicate::str::contains("alpha"))
        .stderr(predicate::str::contains("cannot read").not());
    // Only empty segments: as if unset, so the bundled briefings are read.
    sherpa(tmp.path())
        .arg("list")
        .env("SHERPA_BRIEFINGS", "::")
        .assert()
        .success()
        .stderr("sherpa: reading the bundled briefings\n");
}

#[test]
fn bundled_briefings_are_read_with_the_users_own_so_links_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = "[summit]\nid = \"mine\"\ntitle = \"Mine\"\ndate = 2026-01-01\nlocation = \"L\"\n\n\
                [[prior_meetings]]\ndate = 2025-08-15\nplace = \"Anchorage\"\nsummary = \"S\"\nsummit = \"anchorage-2025\"\n";
    std::fs::write(tmp.path().join("mine.toml"), mine).unwrap();
    // A user's own copy of a bundled briefing replaces it without a complaint.
    std::fs::copy(
        common::bundled().join("helsinki-2018.toml"),
        tmp.path().join("helsinki-2018.toml"),
    )
    .unwrap();
    sherpa(tmp.path())
        .args(["check", "--strict", "mine.toml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("anchorage-2025"));
    sherpa(tmp.path())
        .args([
            "check",
            "--strict",
            "--bundled",
            "mine.toml",
            "helsinki-2018.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "20 briefings loaded, 0 files skipped: 0 errors, 0 warnings\n",
        ));
    let config = tmp.path().join("sherpa.toml");
    std::fs::write(&config, "bundled = true\n").unwrap();
    sherpa(tmp.path())
        .arg("--config")
        .arg(&config)
        .args(["list", "mine.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("anchorage-2025").and(predicate::str::contains("mine")));
}

/// A pager that says it ran and counts the lines it was given.
const TEST_PAGER: &str = "sh -c 'echo PAGED-LINES; wc -l'";

#[test]
fn show_and_whole_exports_page_on_a_terminal_unless_told_not_to() {
    let tmp = tempfile::tempdir().unwrap();
    let args = ["show", "helsinki-2018"].map(std::ffi::OsStr::new);
    let env = [("PAGER", TEST_PAGER)];
    let Some(session) = common::Session::start_with_env(tmp.path(), &args, &env, 100, 30) else {
        return;
    };
    session.wait_for("PAGED-LINES");
    let args = ["export", "helsinki-2018"].map(std::ffi::OsStr::new);
    let session = common::Session::start_with_env(tmp.path(), &args, &env, 100, 30).unwrap();
    session.wait_for("PAGED-LINES");
    let args = ["show", "helsinki-2018", "--no-pager"].map(std::ffi::OsStr::new);
    let session = common::Session::start_with_env(tmp.path(), &args, &env, 100, 30).unwrap();
    let screen = session.wait_for("Cited by");
    assert!(!screen.contains("PAGED-LINES"), "{screen}");
}

#[test]
fn output_to_a_pipe_is_never_paged() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["show", "helsinki-2018"],
        vec!["export", "helsinki-2018"],
    ] {
        sherpa(tmp.path())
            .args(&args)
            .env("PAGER", TEST_PAGER)
            .assert()
            .success()
            .stdout(
                predicate::str::contains("Helsinki").and(predicate::str::contains("PAGED").not()),
            );
    }
}

fn man_page() -> String {
    let tmp = tempfile::tempdir().unwrap();
    let output = sherpa(tmp.path()).arg("man").output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_man_page_documents_every_commands_options_in_itself() {
    use clap::CommandFactory;
    let page = man_page();
    let mut command = sherpa::cli::Cli::command();
    command.build();
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let heading = format!(".SS \"sherpa {}\"", sub.get_name());
        let start = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no {heading}"));
        let section = &page[start..];
        let end = section[1..].find(".S").map_or(section.len(), |i| i + 1);
        let section = &section[..end];
        for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
            if let Some(long) = arg.get_long().filter(|l| *l != "help") {
                let escaped = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(
                    section.contains(&escaped),
                    "{heading} lacks --{long}:\n{section}"
                );
                assert!(
                    arg.get_help().is_some(),
                    "sherpa {} --{long} has no help",
                    sub.get_name()
                );
            }
        }
    }
    assert!(
        !page.contains("sherpa\\-list"),
        "no page sherpa-list(1) exists"
    );
    for section in [
        ".SH DESCRIPTION",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
        ".SH ENVIRONMENT",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    let description =
        &page[page.find(".SH DESCRIPTION").unwrap()..page.find(".SH OPTIONS").unwrap()];
    assert!(description.len() > 300, "{description}");
    let title = page.lines().find(|l| l.starts_with(".TH")).unwrap();
    let date = title.split_whitespace().nth(3).unwrap();
    assert!(sherpa_core::model::Date::parse(date).is_some(), "{title}");
}

#[test]
fn the_man_page_has_no_mandoc_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("sherpa.1");
    std::fs::write(&file, man_page()).unwrap();
    let Ok(output) = std::process::Command::new("mandoc")
        .args(["-Tlint", "-W", "warning"])
        .arg(&file)
        .output()
    else {
        common::skip("mandoc is not installed (.ci/run installs it)");
        return;
    };
    let report = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        report.trim().is_empty() && output.status.success(),
        "{report}"
    );
}

/// A variable as generic as `COMPLETE` may be set for something else: commands still run.
#[test]
fn a_stray_complete_variable_does_not_turn_commands_into_completion() {
    let tmp = tempfile::tempdir().unwrap();
    sherpa(tmp.path())
        .args(["list", "--dir"])
        .arg(fixtures("good"))
        .env("COMPLETE", "bash")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("alpha  2020-03-01"));
}
