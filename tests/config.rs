//! The config file from the command line: a setting that cannot be used is a warning at
//! its `path:line:col` for commands that read briefings, which go on with its default,
//! and an error (exit 2) for `sherpa config`, which checks the file.

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::{fixtures, sherpa};

/// A config file holding `text`, in `dir`.
fn config_file(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("sherpa.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// `sherpa --config CONFIG ARGS…` in `dir`.
fn run(dir: &Path, config: &Path, args: &[&str]) -> Output {
    sherpa(dir)
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Runs `sherpa list` on the good fixtures with a config holding `text`: it must succeed,
/// list the summits and warn exactly once, at `line:column` of the config, saying `says`.
/// Then `sherpa config` must report the same place as an error and exit 2.
fn warns_once_then_config_fails(text: &str, line_column: &str, says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let config = config_file(tmp.path(), text);
    let good = fixtures("good");
    let list = run(tmp.path(), &config, &["list", good.to_str().unwrap()]);
    let warnings = stderr(&list);
    assert_eq!(list.status.code(), Some(0), "{warnings}");
    assert!(String::from_utf8_lossy(&list.stdout).contains("alpha"));
    let place = format!("{}:{line_column}: ", config.display());
    assert_eq!(warnings.matches("warning:").count(), 1, "{warnings}");
    assert!(
        warnings.contains(&format!("{place}warning: ")),
        "{warnings}"
    );
    assert!(warnings.contains(says), "{warnings}");
    assert!(!warnings.contains("TOML parse error"), "{warnings}");

    let check = run(tmp.path(), &config, &["config"]);
    let errors = stderr(&check);
    assert_eq!(check.status.code(), Some(2), "{errors}");
    assert!(errors.contains(&format!("{place}error: ")), "{errors}");
    assert!(errors.contains(says), "{errors}");
}

#[test]
fn a_bad_theme_leaves_list_working_with_one_warning() {
    warns_once_then_config_fails(
        "theme = \"lite\"\n",
        "1:9",
        "unknown variant `lite`, expected one of `auto`, `dark`, `light`, `plain`",
    );
}

#[test]
fn an_unknown_setting_warns_with_the_nearest_name() {
    warns_once_then_config_fails(
        "bundled = false\nthme = \"dark\"\n",
        "2:1",
        "unknown setting `thme`; did you mean `theme`?",
    );
}

#[test]
fn a_bad_key_name_warns_and_keeps_the_default() {
    warns_once_then_config_fails(
        "[keys.reader]\nquit = \"Ctrl-qq\"\n",
        "2:8",
        "unknown key `Ctrl-qq`",
    );
}

#[test]
fn an_unknown_command_warns_with_the_nearest_name() {
    warns_once_then_config_fails(
        "[keys.board]\nopen = \"o\"\nmove-left = \"a\"\n",
        "3:1",
        "unknown command `move-left` in [keys.board]",
    );
}

#[test]
fn an_unknown_context_warns_and_names_the_tables() {
    warns_once_then_config_fails(
        "[keys.finder]\ndown = \"n\"\n",
        "1:7",
        "unknown key table [keys.finder]",
    );
}

#[test]
fn a_key_given_twice_in_a_table_warns_at_the_second() {
    warns_once_then_config_fails(
        "[keys.reader]\nzoom = \"x\"\nexport = [\"e\", \"x\"]\n",
        "3:10",
        "`x` is given to both `zoom` and `export` in [keys.reader]",
    );
}

#[test]
fn an_old_flat_keys_table_warns_and_names_the_new_form() {
    warns_once_then_config_fails(
        "[keys]\ndown = \"n\"\n",
        "2:1",
        "write it under [keys.reader]",
    );
}

#[test]
fn a_file_that_is_not_toml_warns_and_everything_keeps_its_default() {
    warns_once_then_config_fails(
        "briefings = [\"x\"\ntheme = \"dark\"\n",
        "2:1",
        "not a TOML file",
    );
}

#[test]
fn the_config_path_and_line_are_given_for_each_of_several_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let config = config_file(
        tmp.path(),
        "theme = \"lite\"\n[colors]\nlink = \"blu\"\n[keys.text]\nopen = \"Hyper-o\"\n",
    );
    let check = run(tmp.path(), &config, &["config"]);
    let errors = stderr(&check);
    assert_eq!(check.status.code(), Some(2));
    for line_column in ["1:9", "3:8", "5:8"] {
        let place = format!("{}:{line_column}: error: ", config.display());
        assert!(errors.contains(&place), "{place} in {errors}");
    }
}

#[test]
fn the_default_config_checks_as_valid_commented_and_uncommented() {
    let tmp = tempfile::tempdir().unwrap();
    let default = sherpa(tmp.path())
        .args(["config", "--default"])
        .output()
        .unwrap();
    let text = String::from_utf8(default.stdout).unwrap();
    let uncommented = text
        .lines()
        .map(|line| {
            line.strip_prefix("# ")
                .filter(|l| l.contains(" = "))
                .unwrap_or(line)
        })
        .collect::<Vec<_>>()
        .join("\n");
    for written in [text, uncommented] {
        let config = config_file(tmp.path(), &written);
        let check = run(tmp.path(), &config, &["config"]);
        assert!(check.status.success(), "{}", stderr(&check));
        assert!(String::from_utf8_lossy(&check.stdout).contains("is valid"));
    }
}
