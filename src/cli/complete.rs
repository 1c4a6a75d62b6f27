//! Shell completion that stays current: the shell asks `sherpa` itself at each Tab.
//!
//! A generated script holds the ids of the day it was generated; with `clap_complete`'s
//! dynamic completion the script only registers `sherpa` as its own completer, and summit
//! ids, disagreement ids and participant names come from the briefings present when Tab is
//! pressed, from the same sources the command being typed will read: its `--dir`s and
//! PATHs, `--bundled`, `--config`, else `$SHERPA_BRIEFINGS` and the config's briefings.
//! `sherpa completions SHELL` prints that registration.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{ArgMatches, CommandFactory};
use clap_complete::Shell;
use clap_complete::env::{Bash, CompleteEnv, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};

use super::args::SourceArgs;
use super::candidates;
use super::{Cli, CommandResult};
use crate::config::Config;
use sherpa_core::corpus::Origin;

/// The variable the registration script sets when it asks `sherpa` for completions. Not
/// clap's default `COMPLETE`: a variable that generic may be set for something else, and
/// then every `sherpa` command would answer a completion request instead of running.
const COMPLETE_ENV: &str = "SHERPA_COMPLETE";

/// Answers a completion request and exits, when the shell made one ([`COMPLETE_ENV`] is set);
/// otherwise returns at once. Called first in `main`.
pub fn complete_from_env() {
    CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_ENV)
        .shells(SHELLS)
        .complete();
}

/// The shells completed, each through [`ValuesFirst`].
const SHELLS: Shells<'static> = Shells(&[
    &ValuesFirst(Bash),
    &ValuesFirst(Elvish),
    &ValuesFirst(Fish),
    &ValuesFirst(Powershell),
    &ValuesFirst(Zsh),
]);

/// A shell's completer that offers options only when nothing else fits: after
/// `sherpa export ID` the panes are offered, not `--width` and `--force` beside them
/// (typing `-` still lists the options). It also records which shell asked.
struct ValuesFirst<T>(T);

impl<T: EnvCompleter> EnvCompleter for ValuesFirst<T> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn is(&self, name: &str) -> bool {
        self.0.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> Result<(), std::io::Error> {
        if self.0.name() != "zsh" {
            return self.0.write_registration(var, name, bin, completer, buf);
        }
        let mut script = Vec::new();
        self.0
            .write_registration(var, name, bin, completer, &mut script)?;
        buf.write_all(keeping_sherpas_matches(&String::from_utf8_lossy(&script)).as_bytes())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        // Left empty: the answer goes to stdout here (see [`answer`]).
        _buf: &mut dyn Write,
    ) -> Result<(), std::io::Error> {
        // bash, elvish and powershell say which word is being completed; fish and zsh
        // complete the last one.
        let current = match self.0.name() {
            "bash" | "elvish" | "powershell" => std::env::var("_CLAP_COMPLETE_INDEX")
                .ok()
                .and_then(|index| index.parse().ok()),
            _ => None,
        }
        .unwrap_or(args.len().saturating_sub(1));
        let typed = args.get(..current).unwrap_or(&args);
        let words = typed
            .iter()
            .map(|word| word.to_string_lossy().into_owned())
            .collect();
        candidates::record(self.0.name(), origin_typed(typed), words);
        let mut all = Vec::new();
        self.0.write_complete(cmd, args, current_dir, &mut all)?;
        let all = String::from_utf8_lossy(&all);
        // bash and elvish separate candidates by `$_CLAP_IFS`, the others by newlines.
        let separator = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_owned());
        let separator = if separator.is_empty() {
            "\n"
        } else {
            separator.as_str()
        };
        let candidates: Vec<&str> = all.split(separator).filter(|c| !c.is_empty()).collect();
        let values: Vec<&str> = candidates
            .iter()
            .copied()
            .filter(|c| !c.starts_with('-'))
            .collect();
        let kept = if values.is_empty() {
            candidates
        } else {
            values
        };
        let mut text = kept.join(separator);
        if separator == "\n" && !text.is_empty() {
            text.push('\n');
        }
        answer(text.as_bytes())
    }
}

/// clap's zsh script, changed to offer what `sherpa` answers as it answers it. As written,
/// it hands the candidates to `_describe`, whose `compadd` keeps only those starting with
/// the typed word, so `--participant berg` (matching "Bruno Øberg" in part, accents
/// folded) offered nothing in an interactive zsh: `-U` keeps them all, since `sherpa` has
/// matched them already. When several of them do not start with the typed word, zsh would
/// replace it with their empty common start; they are listed and the word is kept instead.
/// And the words reach `sherpa` with the shell's quoting removed (`Łucja\ Þ` is
/// `Łucja Þ`), as the command will read them.
fn keeping_sherpas_matches(script: &str) -> String {
    const ADD_OTHERS: &str = "[[ -n $other ]] && _describe -V 'values' other";
    const KEEP_TYPED_WORD: &str = "
        if (( compstate[nmatches] > 1 )) && [[ $compstate[unambiguous] != \"$PREFIX\"* ]]; then
            compstate[insert]=''
        fi";
    script
        .replace("\"${words[@]}\"", "\"${(@Q)words}\"")
        .replace(
            "_describe -V 'values' dirs",
            "_describe -V 'values' dirs -U",
        )
        .replace(ADD_OTHERS, &format!("{ADD_OTHERS} -U{KEEP_TYPED_WORD}"))
}

/// Writes a completion answer to stdout, where `clap_complete` would write it itself and
/// turn a failed write into `error: Broken pipe` on the user's prompt. A shell that stops
/// reading ends the request quietly, as a closed pipe ends every command.
fn answer(text: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

/// Prints the script that registers `sherpa` as its own completer in `shell`.
pub(super) fn print_registration(shell: Shell) -> CommandResult {
    let name = shell.to_string();
    let mut script = Vec::new();
    if let Some(completer) = SHELLS.completer(&name) {
        completer.write_registration(COMPLETE_ENV, "sherpa", "sherpa", "sherpa", &mut script)?;
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

/// The briefings the command being typed will read: its source arguments and `--config`
/// as far as they are typed (the words before the one being completed, `sherpa` first),
/// with the config's settings if the config is readable, quietly the defaults if not.
/// The persistent index is used as that command will use it (not with `--no-cache`), so
/// a Tab reads only the files changed since the last load.
fn origin_typed(typed: &[OsString]) -> Origin {
    let (sources, config_path) = sources_typed(typed);
    super::use_index(&sources);
    let config = Config::load(config_path.as_deref()).unwrap_or_default();
    super::origin(&sources, &config)
}

/// The source arguments (the top level's and the command's) and `--config` of a command
/// line that may be incomplete, parsed by the command line's own definitions: what the
/// command will read is what completion offers from.
fn sources_typed(words: &[OsString]) -> (SourceArgs, Option<PathBuf>) {
    let Ok(matches) = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(words)
    else {
        return (SourceArgs::default(), None);
    };
    let mut sources = source_args(&matches);
    let mut config = matches.try_get_one::<PathBuf>("config").ok().flatten();
    if let Some((_, command)) = matches.subcommand() {
        sources = source_args(command).merged(&sources);
        config = command
            .try_get_one::<PathBuf>("config")
            .ok()
            .flatten()
            .or(config);
    }
    (sources, config.cloned())
}

/// The source arguments in `matches`, none where the command has none.
fn source_args(matches: &ArgMatches) -> SourceArgs {
    let paths = |id: &str| -> Vec<PathBuf> {
        matches
            .try_get_many::<PathBuf>(id)
            .ok()
            .flatten()
            .map(|paths| paths.cloned().collect())
            .unwrap_or_default()
    };
    let flag = |id: &str| {
        matches
            .try_get_one::<bool>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    };
    SourceArgs {
        paths: paths("paths"),
        dir: paths("dir"),
        bundled: flag("bundled"),
        no_cache: flag("no_cache"),
    }
}
