//! Completion in real shells: bash, zsh and fish run the script `sherpa completions`
//! prints, and ask `sherpa` at each Tab. A shell that is not installed is skipped with a
//! message (`.ci/run` installs them).

#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

mod common;

use std::path::Path;
use std::process::Command;

/// Runs `script` in `shell` with `sherpa` on the PATH and the invented fixture book as the
/// user's briefings; `None` (after saying so) when the shell is not installed.
fn run_in(shell: &str, args: &[&str], script: &str) -> Option<Vec<String>> {
    let found = Command::new(shell).args(["-c", "exit 0"]).output();
    if found.is_err() {
        common::skip(&format!("{shell} is not installed (.ci/run installs it)"));
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_sherpa")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new(shell)
        .args(args)
        .arg(script)
        .current_dir(tmp.path())
        .env("PATH", path)
        .env("SHERPA_BRIEFINGS", common::fixtures("book"))
        .env("XDG_CONFIG_HOME", tmp.path().join("config"))
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .env_remove("SHERPA_LOG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{shell}: {stderr}");
    Some(
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            // fish and zsh may add a description after a tab or colon.
            .map(|line| line.split(['\t']).next().unwrap_or_default().to_owned())
            .filter(|line| !line.is_empty())
            .collect(),
    )
}

/// The candidates bash offers for the words of a command line (the last one being typed).
fn bash(words: &[&str]) -> Option<Vec<String>> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(sherpa completions bash)\n\
         COMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         COMP_POINT=${{#COMP_LINE}}\nCOMP_TYPE=9\n\
         _clap_complete_sherpa sherpa \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = quoted.join(" "),
        cword = words.len() - 1,
    );
    run_in("bash", &["-c"], &script)
}

/// The candidates zsh offers: the registered function runs with `_describe` printing what
/// it would offer (the completion system itself needs a terminal).
fn zsh(words: &[&str]) -> Option<Vec<String>> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "compdef() {{ : }}\n_describe() {{ print -rl -- \"${{(@P)3}}\" }}\n\
         source <(sherpa completions zsh)\n\
         words=({words})\nCURRENT={current}\n_clap_dynamic_completer_sherpa\n",
        words = quoted.join(" "),
        current = words.len(),
    );
    run_in("zsh", &["-f", "-c"], &script).map(|lines| {
        lines
            .into_iter()
            .map(|l| l.split(':').next().unwrap_or_default().to_owned())
            .collect()
    })
}

/// The candidates fish offers for a command line.
fn fish(line: &str) -> Option<Vec<String>> {
    let script = format!("sherpa completions fish | source\ncomplete -C '{line}'\n");
    run_in("fish", &["--no-config", "-c"], &script)
}

const PANES: [&str; 6] = [
    "summary",
    "participants",
    "meetings",
    "goals",
    "disagreements",
    "sources",
];

/// How many summits the fixture book holds, counted, not written down.
fn book_size() -> usize {
    sherpa_core::corpus::Corpus::load_paths(&[common::fixtures("book")]).len()
}

fn sorted(mut words: Vec<String>) -> Vec<String> {
    words.sort();
    words
}

#[test]
fn bash_completes_ids_panes_names_and_nothing_for_width() {
    let Some(ids) = bash(&["sherpa", "show", "har"]) else {
        return;
    };
    assert_eq!(ids, ["harbour-2012"]);
    let panes = bash(&["sherpa", "export", "harbour-2012", ""]).unwrap();
    assert_eq!(sorted(panes), sorted(PANES.map(String::from).to_vec()));
    let ids = bash(&["sherpa", "diff", "harbour-2012", ""]).unwrap();
    assert_eq!(ids.len(), book_size(), "{ids:?}");
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique, ids, "each id once");
    assert_eq!(
        bash(&["sherpa", "timeline", "--participant", "Bru"]).unwrap(),
        ["'Bruno Øberg'"]
    );
    assert_eq!(
        bash(&["sherpa", "export", "x", "--width", ""]).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(
        bash(&["sherpa", "track", "river-b"]).unwrap(),
        ["river-border"]
    );
    assert!(
        bash(&["sherpa", "export", "x", "--w"])
            .unwrap()
            .contains(&"--width".to_owned())
    );
}

#[test]
fn ids_come_from_the_briefings_present_when_tab_is_pressed() {
    let Some(before) = bash(&["sherpa", "show", "zz"]) else {
        return;
    };
    assert!(before.is_empty());
    // The same script, a briefing folder that gained a file: no regeneration needed.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::fixtures("good/alpha.toml"),
        tmp.path().join("zz-new.toml"),
    )
    .unwrap();
    let script = format!(
        "source <(sherpa completions bash)\nexport SHERPA_BRIEFINGS='{}'\n\
         COMP_WORDS=(sherpa show zz)\nCOMP_CWORD=2\nCOMP_LINE='sherpa show zz'\nCOMP_POINT=14\n\
         _clap_complete_sherpa sherpa zz show\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        tmp.path().display()
    );
    assert_eq!(run_in("bash", &["-c"], &script).unwrap(), ["zz-new"]);
}

#[test]
fn zsh_completes_ids_after_a_subcommand_not_help() {
    let Some(ids) = zsh(&["sherpa", "show", "har"]) else {
        return;
    };
    assert_eq!(ids, ["harbour-2012"]);
    let panes = zsh(&["sherpa", "export", "harbour-2012", ""]).unwrap();
    assert_eq!(sorted(panes), sorted(PANES.map(String::from).to_vec()));
    assert!(
        zsh(&["sherpa", "export", "x", "--width", ""])
            .unwrap()
            .is_empty()
    );
}

#[test]
fn fish_completes_ids_panes_and_names() {
    let Some(ids) = fish("sherpa show har") else {
        return;
    };
    assert_eq!(ids, ["harbour-2012"]);
    let panes = fish("sherpa export harbour-2012 ").unwrap();
    assert_eq!(sorted(panes), sorted(PANES.map(String::from).to_vec()));
    assert_eq!(
        fish("sherpa timeline --participant Bru").unwrap(),
        ["Bruno Øberg"]
    );
    let ids = fish("sherpa diff delta-2019 ").unwrap();
    assert_eq!(ids.len(), book_size(), "{ids:?}");
}

#[test]
fn completion_reads_the_sources_of_the_command_being_typed() {
    let good = common::fixtures("good");
    let good = good.to_str().unwrap();
    let Some(ids) = bash(&["sherpa", "show", "--dir", good, ""]) else {
        return;
    };
    assert_eq!(sorted(ids), ["alpha", "beta"], "--dir, not the bundled ids");
    assert_eq!(
        bash(&["sherpa", "--dir", good, "export", ""]).unwrap(),
        ["alpha", "beta"],
        "--dir before the command"
    );
    assert_eq!(
        bash(&["sherpa", "timeline", good, "--participant", "ad"]).unwrap(),
        ["'Ada Example'"],
        "a PATH on the line"
    );
    assert_eq!(
        bash(&["sherpa", "track", "--dir", good, "riv"]).unwrap(),
        ["river-border"]
    );
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("oslo.toml"),
        "[summit]\ntitle = \"Oslo\"\ndate = 2026-05-01\nlocation = \"Oslo\"\n\
         status = \"held\"\nsummary = \"Oslo.\"\n\n[[participants]]\nname = \"Łukasz Nowak\"\n",
    )
    .unwrap();
    assert_eq!(
        bash(&[
            "sherpa",
            "timeline",
            "--dir",
            tmp.path().to_str().unwrap(),
            "--participant",
            "luk"
        ])
        .unwrap(),
        ["'Łukasz Nowak'"],
        "names match as folded as everywhere else"
    );
    let config = tmp.path().join("sherpa.toml");
    std::fs::write(&config, "bundled = true\n").unwrap();
    let config = config.to_str().unwrap();
    // The config named on the line adds the bundled briefings to the `--dir`.
    assert_eq!(
        bash(&["sherpa", "show", "--config", config, "--dir", good, "hel"]).unwrap(),
        ["helsinki-2018"]
    );
    assert!(
        bash(&["sherpa", "show", "--dir", good, "hel"])
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        bash(&["sherpa", "show", "--bundled", "--dir", good, "hel"]).unwrap(),
        ["helsinki-2018"],
        "--bundled reads the bundled ones too"
    );
}
