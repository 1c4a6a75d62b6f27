//! Which program to run to edit a briefing at a line, and with which arguments.
//!
//! `$VISUAL`, else `$EDITOR`, else `vi`, as Unix tools choose. The value is split into
//! words as a shell splits them (so `code --wait` and quoted paths work) but never run
//! through a shell, so nothing in the variable or in a file name is interpreted. Editors
//! take a line in one of two ways; the program's name says which.

use std::ffi::OsString;
use std::path::Path;

use crate::app::EditAt;
use sherpa_core::corpus::{Corpus, ItemPlace, item_line, parse_briefing};
use sherpa_core::item_key::{ItemKey, pane_keys};

/// The editor when neither `$VISUAL` nor `$EDITOR` is set.
pub const DEFAULT_EDITOR: &str = "vi";

/// A program and its arguments, ready for [`std::process::Command`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorCommand {
    pub program: OsString,
    pub args: Vec<OsString>,
}

impl EditorCommand {
    /// The command to run, inheriting the terminal.
    #[must_use]
    pub fn command(&self) -> std::process::Command {
        let mut command = std::process::Command::new(&self.program);
        command.args(&self.args);
        command
    }

    /// Runs the editor on the current terminal and waits for it. The caller leaves raw
    /// mode and the alternate screen first (the reader) or has nothing to restore (`edit`).
    pub fn run(&self) -> Result<(), EditorError> {
        let failed = |reason: String| EditorError::Failed {
            command: self.describe(),
            reason,
        };
        let status = self.command().status().map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                // "No such file or directory" read as if the briefing were missing.
                EditorError::NotFound {
                    program: self.program.to_string_lossy().into_owned(),
                }
            } else {
                failed(sherpa_core::diagnostics::io_reason(&err))
            }
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(failed(status.to_string()))
        }
    }

    /// The program and arguments as one line, for messages (sanitise before printing).
    #[must_use]
    pub fn describe(&self) -> String {
        std::iter::once(&self.program)
            .chain(&self.args)
            .map(|word| word.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Why a briefing could not be edited; each message fits a status line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditorError {
    /// The briefing has no file: it is bundled into sherpa or came from standard input.
    #[error(
        "summit \"{id}\" has no file to edit: it is built into sherpa (or was read from standard input); `sherpa new` starts a briefing of your own"
    )]
    NoFile { id: String },
    /// The editor's program does not exist.
    #[error(
        "cannot start the editor `{program}`: no such program (set $VISUAL or $EDITOR to an editor you have)"
    )]
    NotFound { program: String },
    /// The editor could not be started, or reported a failure.
    #[error("the editor `{command}` failed: {reason}")]
    Failed { command: String, reason: String },
    /// The variable does not split into words (an unclosed quote).
    #[error("${variable} cannot be split into words ({reason}): {value}")]
    Unparsable {
        variable: &'static str,
        value: String,
        reason: String,
    },
}

/// The command that opens briefing `position` of `corpus` at its `[summit]` table, with the
/// editor from `$VISUAL` / `$EDITOR`: what `sherpa edit` runs.
pub fn command_for(corpus: &Corpus, position: usize) -> Result<EditorCommand, EditorError> {
    command_at(file_to_edit(corpus, position)?, EditAt::Summit)
}

/// The file that holds briefing `position` of `corpus`; an error for a briefing with none.
/// Reads nothing, so the reader's `update` can decide what `E` edits.
pub fn file_to_edit(corpus: &Corpus, position: usize) -> Result<&Path, EditorError> {
    corpus.file_of(position).ok_or_else(|| EditorError::NoFile {
        id: corpus
            .briefings()
            .get(position)
            .map(|b| b.id().to_owned())
            .unwrap_or_default(),
    })
}

/// The command that opens `file` at `at`, with the editor from `$VISUAL` / `$EDITOR`:
/// what the reader's `E` key and `Enter` on a problem run. For an item the file is read
/// again for the line, since it may have changed since it was loaded; if the item is gone
/// the editor opens at the top.
pub fn command_at(file: &Path, at: EditAt) -> Result<EditorCommand, EditorError> {
    let line = match at {
        EditAt::Summit => read(file).and_then(|text| item_line(&text, ItemPlace::Summit)),
        EditAt::Item { key, loaded_at } => read(file).and_then(|text| {
            let place = place_now(file, &text, &key).unwrap_or(loaded_at);
            item_line(&text, place)
        }),
        EditAt::Line(line) => line,
    };
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    editor_command(visual.as_deref(), editor.as_deref(), file, line)
}

fn read(file: &Path) -> Option<String> {
    std::fs::read_to_string(file).ok()
}

/// Where the item `key` names stands in `text` (a briefing file as it is now), if it is
/// still there. Matched by the item's identity within its pane, not by the summit: the
/// summit's id may itself be what was edited.
fn place_now(file: &Path, text: &str, key: &ItemKey) -> Option<ItemPlace> {
    let stem = file.file_stem()?.to_string_lossy();
    let (briefing, _) = parse_briefing(&file.display().to_string(), &stem, text);
    let index = pane_keys(&briefing?, key.pane())
        .iter()
        .position(|k| k.identity() == key.identity() && k.occurrence() == key.occurrence())?;
    Some(ItemPlace::Item(key.pane().table()?, index))
}

/// How an editor is told the line to open at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    /// `+N FILE`: vi, vim, nvim, nano, emacs, micro, kakoune.
    Plus,
    /// `FILE:N`: helix.
    Suffix,
    /// `-g FILE:N`: VS Code and its builds.
    Goto,
    /// The file alone: an editor whose way is not known.
    None,
}

fn line_style(program: &str) -> LineStyle {
    let name = Path::new(program)
        .file_stem()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match name.as_str() {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "emacs" | "emacsclient"
        | "micro" | "kak" | "kakoune" => LineStyle::Plus,
        "hx" | "helix" => LineStyle::Suffix,
        "code" | "code-insiders" | "codium" | "vscodium" => LineStyle::Goto,
        _ => LineStyle::None,
    }
}

/// The command that opens `file` at 1-based `line` (or at its start, when `None`), from
/// the values of `$VISUAL` and `$EDITOR` (`None` or blank when unset).
pub fn editor_command(
    visual: Option<&str>,
    editor: Option<&str>,
    file: &Path,
    line: Option<usize>,
) -> Result<EditorCommand, EditorError> {
    let (variable, value) = [("VISUAL", visual), ("EDITOR", editor)]
        .into_iter()
        .find_map(|(name, value)| Some((name, value.filter(|v| !v.trim().is_empty())?)))
        .unwrap_or(("EDITOR", DEFAULT_EDITOR));
    let words = shell_words::split(value).map_err(|err| EditorError::Unparsable {
        variable,
        value: value.to_owned(),
        reason: err.to_string(),
    })?;
    // A value of only a comment (`# vim`) splits into no words at all.
    let Some((program, rest)) = words.split_first() else {
        return Err(EditorError::Unparsable {
            variable,
            value: value.to_owned(),
            reason: "it names no program".to_owned(),
        });
    };
    let mut args: Vec<OsString> = rest.iter().map(OsString::from).collect();
    let at_line = |line: usize| {
        let mut joined = file.as_os_str().to_owned();
        joined.push(format!(":{line}"));
        joined
    };
    match (line_style(program), line) {
        (LineStyle::Plus, Some(line)) => {
            args.push(format!("+{line}").into());
            args.push(file.into());
        }
        (LineStyle::Suffix, Some(line)) => args.push(at_line(line)),
        (LineStyle::Goto, Some(line)) => {
            if !rest.iter().any(|a| a == "-g" || a == "--goto") {
                args.push("-g".into());
            }
            args.push(at_line(line));
        }
        _ => args.push(file.into()),
    }
    Ok(EditorCommand {
        program: program.into(),
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(visual: Option<&str>, editor: Option<&str>, line: Option<usize>) -> Vec<String> {
        let command = editor_command(visual, editor, Path::new("b/x y.toml"), line).unwrap();
        std::iter::once(command.program)
            .chain(command.args)
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        assert_eq!(
            argv(Some("nano"), Some("emacs"), None),
            ["nano", "b/x y.toml"]
        );
        assert_eq!(
            argv(Some("  "), Some("emacs"), None),
            ["emacs", "b/x y.toml"]
        );
        assert_eq!(argv(None, None, Some(3)), ["vi", "+3", "b/x y.toml"]);
        assert_eq!(argv(Some(""), Some(""), None), ["vi", "b/x y.toml"]);
    }

    #[test]
    fn plus_line_editors_get_plus_n_before_the_file() {
        for editor in [
            "vi",
            "vim",
            "nvim",
            "nano",
            "emacs",
            "micro",
            "kak",
            "kakoune",
            "/usr/bin/vim",
        ] {
            assert_eq!(
                argv(None, Some(editor), Some(12)),
                [editor, "+12", "b/x y.toml"],
                "{editor}"
            );
        }
    }

    #[test]
    fn helix_and_vs_code_get_file_colon_line() {
        assert_eq!(argv(None, Some("hx"), Some(7)), ["hx", "b/x y.toml:7"]);
        assert_eq!(
            argv(None, Some("helix"), Some(7)),
            ["helix", "b/x y.toml:7"]
        );
        assert_eq!(
            argv(None, Some("code --wait"), Some(7)),
            ["code", "--wait", "-g", "b/x y.toml:7"]
        );
        assert_eq!(
            argv(None, Some("code -g --wait"), Some(7)),
            ["code", "-g", "--wait", "b/x y.toml:7"]
        );
    }

    #[test]
    fn words_split_as_a_shell_splits_them_but_nothing_is_interpreted() {
        assert_eq!(
            argv(None, Some("'/opt/my editor/vim' -u NONE"), Some(2)),
            ["/opt/my editor/vim", "-u", "NONE", "+2", "b/x y.toml"]
        );
        assert_eq!(
            argv(None, Some("ed $(rm -rf ~); x"), None),
            ["ed", "$(rm", "-rf", "~);", "x", "b/x y.toml"]
        );
        let err = editor_command(None, Some("vim 'open"), Path::new("f"), None).unwrap_err();
        assert!(err.to_string().contains("$EDITOR"), "{err}");
        let err = editor_command(Some("# vim"), None, Path::new("f"), None).unwrap_err();
        assert!(err.to_string().contains("$VISUAL"), "{err}");
    }

    #[test]
    fn an_unknown_editor_gets_the_file_alone() {
        assert_eq!(argv(None, Some("gedit"), Some(4)), ["gedit", "b/x y.toml"]);
    }
}
