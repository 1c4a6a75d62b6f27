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
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', "'\\''")))
        .collect();
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

/// The command line an interactive zsh shows after `line` and one Tab: a real zsh with
/// `compinit`, driven through a pseudo-terminal by its `zpty` module, so the completion
/// system's own matching (`_describe`, `compadd`) decides, unlike [`zsh`]'s stub. The
/// line is then printed by prefixing it with a `print` at its start.
fn zsh_tab(line: &str) -> Option<String> {
    let quoted = line.replace('\'', "'\\''");
    let script = format!(
        r#"zmodload zsh/zpty
zpty shell zsh -f -i
zpty -w shell 'PS1="" PROMPT_EOL_MARK=""; autoload -Uz compinit; compinit -u -d "$PWD/zcompdump"; source <(sherpa completions zsh)'
zpty -w -n shell '{quoted}'$'\t'
zpty -w -n shell $'\x01print -r -- "<${{:-SHOWN}}>" \n'
zpty -w shell 'print DONE__'
out=''
while (( SECONDS < 60 )) && [[ $out != *DONE__*DONE__* ]]; do
  zpty -r -t shell chunk && out+=$chunk || sleep 0.1
done
zpty -d shell
print -r -- "${{${{out##*<SHOWN> }}%%$'\r'*}}"
"#
    );
    run_in("zsh", &["-f", "-c"], &script)?.into_iter().next()
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
    // Deliberately one fewer than before: the id already typed is not offered again.
    assert_eq!(ids.len(), book_size() - 1, "{ids:?}");
    assert!(!ids.contains(&"harbour-2012".to_owned()), "{ids:?}");
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
    // Deliberately one fewer than before: the id already typed is not offered again.
    assert_eq!(ids.len(), book_size() - 1, "{ids:?}");
    assert!(!ids.contains(&"delta-2019".to_owned()), "{ids:?}");
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

#[test]
fn names_tags_and_disagreements_match_any_part_folded_in_bash() {
    let bundled = common::bundled();
    let bundled = bundled.to_str().unwrap();
    let Some(names) = bash(&[
        "sherpa",
        "timeline",
        "--dir",
        bundled,
        "--participant",
        "Zel",
    ]) else {
        return;
    };
    assert_eq!(names, ["'Volodymyr Zelenskyy'"]);
    assert_eq!(
        bash(&[
            "sherpa",
            "timeline",
            "--dir",
            bundled,
            "--participant",
            "orb"
        ])
        .unwrap(),
        ["'Viktor Orbán'"],
        "accents folded"
    );
    assert_eq!(
        bash(&[
            "sherpa",
            "book",
            "--dir",
            bundled,
            "--participant",
            "'Vladimir P"
        ])
        .unwrap(),
        ["'Vladimir Putin'"],
        "a quoted name with a space, typed in part"
    );
    assert_eq!(
        bash(&["sherpa", "book", "--tag", "slan"]).unwrap(),
        ["islands"],
        "tags for --tag, any part"
    );
    assert_eq!(
        bash(&["sherpa", "track", "border"]).unwrap(),
        ["river-border"],
        "disagreement ids, any part"
    );
    assert_eq!(
        bash(&["sherpa", "timeline", "--participant", "'łucja þ"]).unwrap(),
        ["'Łucja Þórsdóttir'"]
    );
}

/// A folder holding a briefing, a text file and a subfolder, for path completion.
fn path_fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("one summit.toml"), "").unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "").unwrap();
    std::fs::create_dir(tmp.path().join("más")).unwrap();
    tmp
}

#[test]
fn paths_offer_toml_files_and_folders_only() {
    let tmp = path_fixture();
    let folder = format!("{}/", tmp.path().display());
    let Some(paths) = bash(&["sherpa", "list", &folder]) else {
        return;
    };
    let expected = sorted(vec![
        format!("{folder}más/"),
        format!("{folder}one summit.toml"),
    ]);
    assert_eq!(sorted(paths), expected);
    assert_eq!(
        sorted(bash(&["sherpa", "show", "--dir", &folder]).unwrap()),
        expected
    );
    if let Some(paths) = fish(&format!("sherpa list --dir {folder}")) {
        assert_eq!(sorted(paths), expected);
    }
    if let Some(paths) = zsh(&["sherpa", "board", &folder]) {
        // zsh adds a folder's slash itself.
        let expected: Vec<&str> = expected.iter().map(|p| p.trim_end_matches('/')).collect();
        assert_eq!(sorted(paths), expected);
    }
}

#[test]
fn fish_and_zsh_match_names_with_spaces_and_accents_in_part() {
    let Some(names) = fish("sherpa timeline --participant berg") else {
        return;
    };
    assert_eq!(names, ["Bruno Øberg"]);
    assert_eq!(
        fish("sherpa book --tag ri").unwrap(),
        ["river"],
        "tags for --tag"
    );
    let good = common::fixtures("good");
    let good = good.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("sherpa.toml");
    std::fs::write(&config, "bundled = true\n").unwrap();
    let config = config.to_str().unwrap();
    assert_eq!(
        fish(&format!("sherpa show --config {config} --dir {good} hel")).unwrap(),
        ["helsinki-2018"],
        "--config and --dir read as the command will"
    );
    if let Some(names) = zsh(&["sherpa", "timeline", "--participant", "Łucja Þ"]) {
        assert_eq!(names, ["Łucja Þórsdóttir"]);
        assert_eq!(
            zsh(&["sherpa", "track", "quota"]).unwrap(),
            ["fishing-quota"]
        );
        let ids = zsh(&["sherpa", "diff", "delta-2019", ""]).unwrap();
        assert!(!ids.contains(&"delta-2019".to_owned()), "{ids:?}");
        assert_eq!(
            zsh(&["sherpa", "show", "--config", config, "--dir", good, "hel"]).unwrap(),
            ["helsinki-2018"]
        );
    }
}

#[test]
fn interactive_zsh_completes_what_matches_in_part_not_only_the_start() {
    let Some(line) = zsh_tab("sherpa timeline --participant berg") else {
        return;
    };
    assert_eq!(line, "sherpa timeline --participant Bruno Øberg");
    assert_eq!(
        zsh_tab("sherpa timeline --participant lucja").unwrap(),
        "sherpa timeline --participant Łucja Þórsdóttir",
        "case and accents folded"
    );
    assert_eq!(
        zsh_tab("sherpa timeline --participant Łucja\\ Þ").unwrap(),
        "sherpa timeline --participant Łucja Þórsdóttir",
        "a quoted space is a space in the name"
    );
    assert_eq!(
        zsh_tab("sherpa track quota").unwrap(),
        "sherpa track fishing-quota"
    );
    assert_eq!(
        zsh_tab("sherpa show ri").unwrap(),
        "sherpa show ridge-2015",
        "completing the start still works"
    );
    assert_eq!(
        zsh_tab("sherpa timeline --participant lindqvist").unwrap(),
        "sherpa timeline --participant lindqvist",
        "several matches in part are listed and the typed word is kept"
    );
}
