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

/// Every environment variable the code reads (`std::env::var("X")`, and every
/// `const …_ENV: &str`, the convention for a variable's name), from the sources of both
/// crates; the completion protocol's own `_CLAP_…` variables aside.
fn environment_variables_read() -> std::collections::BTreeSet<String> {
    fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
                // What the program reads, not its unit tests (kept at each file's end).
                let text = std::fs::read_to_string(&path).unwrap();
                let program = text.split("\n#[cfg(test)]").next().unwrap_or_default();
                out.push(program.to_owned());
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    sources(&root.join("src"), &mut texts);
    sources(&root.join("crates/sherpa-core/src"), &mut texts);
    let all = texts.join("\n");
    let constant = |name: &str| {
        let (_, rest) = all.split_once(&format!("const {name}: &str = \""))?;
        rest.split_once('"').map(|(value, _)| value.to_owned())
    };
    let mut names = std::collections::BTreeSet::new();
    for call in ["env::var(", "env::var_os("] {
        for (_, rest) in all
            .match_indices(call)
            .map(|(at, _)| all.split_at(at + call.len()))
        {
            let argument: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "_\":".contains(*c))
                .collect();
            let name = match argument.strip_prefix('"') {
                Some(literal) => literal.trim_end_matches('"').to_owned(),
                None => match constant(argument.rsplit("::").next().unwrap()) {
                    Some(value) => value,
                    None => continue,
                },
            };
            if !name.is_empty() && !name.starts_with("_CLAP") {
                names.insert(name);
            }
        }
    }
    for (at, _) in all.match_indices("_ENV: &str = \"") {
        let value = &all[at + "_ENV: &str = \"".len()..];
        names.extend(value.split_once('"').map(|(name, _)| name.to_owned()));
    }
    names
}

#[test]
fn the_man_page_lists_every_environment_variable_the_code_reads() {
    let page = man_page();
    let (_, environment) = page.split_once(".SH ENVIRONMENT").unwrap();
    let (environment, _) = environment.split_once(".SH FILES").unwrap();
    let names = environment_variables_read();
    for expected in [
        "TERM",
        "COLORFGBG",
        "SOURCE_DATE_EPOCH",
        "LESS",
        "SHERPA_PAGER",
        "CLICOLOR_FORCE",
    ] {
        assert!(
            names.contains(expected),
            "{expected} not found in {names:?}"
        );
    }
    for name in &names {
        assert!(
            environment.contains(name.as_str()),
            "ENVIRONMENT lacks {name}:\n{environment}"
        );
    }
}

#[test]
fn the_man_page_lists_help_and_version_and_searchs_exit_status_without_backticks() {
    let page = man_page();
    let (options, _) = page.split_once(".SH COMMANDS").unwrap();
    assert!(options.contains("\\-h, \\-\\-help"), "{options}");
    assert!(options.contains("\\-V, \\-\\-version"), "{options}");
    let (_, status) = page.split_once(".SH \"EXIT STATUS\"").unwrap();
    assert!(status.contains("sherpa search finding nothing"), "{status}");
    assert!(!page.contains('`'), "markdown backticks in the page");
    assert!(
        page.lines()
            .all(|line| line.len() <= 80 || line.starts_with('.')),
        "a text line over 80 bytes"
    );
}

#[test]
fn the_man_page_passes_mandoc_lint_at_its_default_level() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("sherpa.1");
    std::fs::write(&file, man_page()).unwrap();
    let Ok(output) = std::process::Command::new("mandoc")
        .arg("-Tlint")
        .arg(&file)
        .output()
    else {
        common::skip("mandoc is not installed (.ci/run installs it)");
        return;
    };
    let report = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{report}");
}

#[test]
fn help_is_wrapped_to_the_terminal_width() {
    let tmp = tempfile::tempdir().unwrap();
    for columns in ["60", "80"] {
        let output = sherpa(tmp.path())
            .args(["search", "--help"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        let widest = help.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            widest <= columns.parse().unwrap(),
            "{widest} columns at {columns}:\n{help}"
        );
        assert!(help.contains("The words to look for"), "{help}");
    }
}

/// A pager that shows which variable chose it and the `LESS` it was given.
fn pager_reporting(name: &str) -> String {
    format!("sh -c 'echo {name}-PAGER \"LESS=[$LESS]\"; wc -l'")
}

#[test]
fn sherpa_pager_overrides_pager_and_less_is_set_only_when_unset() {
    let tmp = tempfile::tempdir().unwrap();
    let args = ["show", "helsinki-2018"].map(std::ffi::OsStr::new);
    let (sherpa_pager, pager) = (pager_reporting("SHERPA"), pager_reporting("PLAIN"));
    let both = [
        ("SHERPA_PAGER", sherpa_pager.as_str()),
        ("PAGER", pager.as_str()),
    ];
    let Some(session) = common::Session::start_with_env(tmp.path(), &args, &both, 100, 30) else {
        return;
    };
    session.wait_for("SHERPA-PAGER LESS=[FRX]");
    let mine = [("PAGER", pager.as_str()), ("LESS", "-S")];
    let session = common::Session::start_with_env(tmp.path(), &args, &mine, 100, 30).unwrap();
    session.wait_for("PLAIN-PAGER LESS=[-S]");
}

#[test]
fn export_infers_the_format_from_the_output_files_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let export = |args: &[&str]| {
        let mut command = sherpa(tmp.path());
        command
            .args(["export", "alpha", "--dir"])
            .arg(fixtures("good"));
        command.args(args);
        command
    };
    export(&["-o", "x.json"]).assert().success();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("x.json")).unwrap()).unwrap();
    assert!(json.is_object(), "{json}");
    export(&["-o", "x.md"]).assert().success();
    let markdown = std::fs::read_to_string(tmp.path().join("x.md")).unwrap();
    assert!(markdown.starts_with("# "), "{markdown}");
    // An explicit format wins over a name that says nothing, and agrees with one that does.
    export(&["-o", "x.out", "--format", "json"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(tmp.path().join("x.out"))
            .unwrap()
            .starts_with('{')
    );
    export(&["-o", "y.md", "--format", "markdown"])
        .assert()
        .success();
    export(&["-o", "z.md", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format json contradicts"));
    assert!(!tmp.path().join("z.md").exists());
}
