//! The man page, built from the same definitions as `--help` and the key table.
//!
//! `clap_mangen`'s own page points at `sherpa-list(1)` and friends, which do not exist, and
//! repeats the one-line summary as the description. This page documents every command
//! and its options in one place, then the keys, environment, files, exit status,
//! examples and related pages.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use super::{Cli, CommandResult, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

/// The date in the page's title line: the day this release's page was last revised.
/// A fixed date keeps the page reproducible (a build date would differ on every build).
pub const PAGE_DATE: &str = "2026-12-02";

/// What sherpa is, for DESCRIPTION (NAME has the one-line summary).
const DESCRIPTION: &str = "sherpa reads briefing books for summits: one TOML file per summit, \
with its participants, prior meetings, each side's goals, open disagreements and the public \
sources they cite. With no command it opens a full-screen reader; the commands list, check, \
show, export, compare and follow briefings from the command line, and start new ones.";

/// Where briefings come from, for DESCRIPTION.
const SOURCES: &str = "Without PATH or --dir, briefings come from $SHERPA_BRIEFINGS, else the \
config file's briefings, else ./briefings, else the briefings built into sherpa; --bundled \
(or bundled = true in the config) reads the built-in ones together with yours. A PATH of - \
reads one briefing from standard input. Briefing files are only read, never written, except \
by sherpa new, which writes a new file and never replaces one.";

const EXAMPLES: [(&str, &str); 7] = [
    ("sherpa", "Open the reader on the briefings found."),
    (
        "sherpa list --bundled",
        "List your briefings and the built-in ones by date.",
    ),
    (
        "sherpa new oslo-2026 --title \"Oslo talks\" --date 2026-05-01",
        "Start briefings/oslo-2026.toml from a scaffold that passes sherpa check.",
    ),
    (
        "sherpa edit oslo-2026",
        "Open it in $VISUAL or $EDITOR at its [summit] table.",
    ),
    (
        "sherpa check --strict --require-sources briefings",
        "Report every problem as path:line:col, warnings and unsourced items failing too.",
    ),
    (
        "sherpa export helsinki-2018 disagreements --format markdown -o out.md",
        "Write one pane as Markdown.",
    ),
    (
        "source <(sherpa completions bash)",
        "Complete commands, ids, panes and names in bash (put it in ~/.bashrc).",
    ),
];

/// Prints the page (roff) to stdout.
pub(super) fn print_man() -> CommandResult {
    let mut out = io::stdout().lock();
    out.write_all(page().as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The whole page.
#[must_use]
pub fn page() -> String {
    let mut command = Cli::command();
    // Building fills in what derive leaves implicit (how many values each option takes).
    command.build();
    let mut page = Roff::new();
    let version = command.get_version().unwrap_or_default();
    page.control(
        "TH",
        [
            "SHERPA",
            "1",
            PAGE_DATE,
            &format!("sherpa {version}"),
            "User Commands",
        ],
    );
    page.control("SH", ["NAME"]);
    page.text([roman(format!(
        "sherpa - {}",
        command
            .get_about()
            .map(ToString::to_string)
            .unwrap_or_default()
    ))]);
    page.control("SH", ["SYNOPSIS"]);
    page.text([
        bold("sherpa"),
        roman(" ["),
        italic("OPTIONS"),
        roman("] ["),
        italic("PATH"),
        roman("...]"),
    ]);
    page.control("br", [] as [&str; 0]);
    page.text([
        bold("sherpa"),
        roman(" "),
        italic("COMMAND"),
        roman(" ["),
        italic("OPTIONS"),
        roman("]"),
    ]);
    page.control("SH", ["DESCRIPTION"]);
    page.text([roman(DESCRIPTION)]);
    page.control("PP", [] as [&str; 0]);
    page.text([roman(SOURCES)]);
    page.control("SH", ["OPTIONS"]);
    render_arguments(&mut page, &command, false);
    page.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let heading = format!("sherpa {}", sub.get_name());
        page.control("SS", [heading.as_str()]);
        page.text([roman(
            sub.get_about().map(ToString::to_string).unwrap_or_default(),
        )]);
        // Global options are documented once, under OPTIONS.
        render_arguments(&mut page, sub, true);
    }
    render_reference(&mut page);
    page.control("SH", ["EXAMPLES"]);
    for (example, meaning) in EXAMPLES {
        page.control("TP", [] as [&str; 0]);
        page.text([bold(example)]);
        page.text([roman(meaning)]);
    }
    page.control("SH", ["SEE ALSO"]);
    page.text([
        bold("less"),
        roman("(1), "),
        bold("vi"),
        roman("(1); the README of sherpa's source, which describes the briefing format, and "),
        bold("sherpa schema"),
        roman(", which prints its JSON Schema."),
    ]);
    page.to_roff()
}

/// One `.TP` entry per argument of `command` (help and version aside), with its value
/// name, default and possible values.
fn render_arguments(page: &mut Roff, command: &clap::Command, skip_globals: bool) {
    for arg in command
        .get_arguments()
        .filter(|a| !(a.is_hide_set() || skip_globals && a.is_global_set()))
    {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let value = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| id.to_uppercase(), ToString::to_string);
        let mut term: Vec<Inline> = Vec::new();
        match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => term.push(bold(format!("-{short}, --{long}"))),
            (None, Some(long)) => term.push(bold(format!("--{long}"))),
            (Some(short), None) => term.push(bold(format!("-{short}"))),
            (None, None) => {}
        }
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        if arg.is_positional() {
            term.push(italic(value));
        } else if takes_value {
            term.push(roman(" "));
            term.push(italic(value));
        }
        page.control("TP", [] as [&str; 0]);
        page.text(term);
        let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if takes_value && !defaults.is_empty() {
            help.push_str(&format!(" [default: {}]", defaults.join(", ")));
        }
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_owned())
            .collect();
        // A flag's possible values are true and false, which say nothing.
        if takes_value && !possible.is_empty() {
            help.push_str(&format!(" [possible values: {}]", possible.join(", ")));
        }
        page.text([roman(help)]);
    }
}

/// The reader's keys (from the key table), the environment, files and exit status.
fn render_reference(page: &mut Roff) {
    page.control("SH", ["KEYS"]);
    let keymap = crate::keymap::Keymap::default();
    for context in crate::keymap::Context::ALL {
        page.control("SS", [context.title()]);
        for binding in keymap.bindings_in(context) {
            page.control("TP", [] as [&str; 0]);
            page.text([bold(binding.keys_label())]);
            page.text([roman(binding.command.description_in(context))]);
        }
    }
    let [ok, failure, usage] = [EXIT_OK, EXIT_FAILURE, EXIT_USAGE].map(|code| code.to_string());
    let sections: [(&str, &[(&str, &str)]); 3] = [
        (
            "ENVIRONMENT",
            &[
                (
                    sherpa_core::corpus::BRIEFINGS_ENV,
                    "Briefing files or folders (a path list; empty segments are ignored) read when no PATH is given.",
                ),
                (
                    "VISUAL, EDITOR",
                    "The editor sherpa edit runs (VISUAL first; default vi).",
                ),
                (
                    super::pager::PAGER_ENV,
                    "The pager for show and whole-briefing exports to a terminal (default less -FRX; empty for none).",
                ),
                (
                    crate::palette::NO_COLOR_ENV,
                    "Any non-empty value turns colour off.",
                ),
                (
                    crate::logging::LOG_ENV,
                    "A log filter such as debug: sherpa appends a log to the state folder.",
                ),
                (
                    "XDG_CONFIG_HOME, XDG_STATE_HOME",
                    "Where the config file and the log are looked for.",
                ),
            ],
        ),
        (
            "FILES",
            &[
                (
                    "$XDG_CONFIG_HOME/sherpa/config.toml",
                    "Settings: briefings, export-dir, theme, colors, keys (sherpa config --default).",
                ),
                (
                    "$XDG_STATE_HOME/sherpa/sherpa.log",
                    "The log, when SHERPA_LOG is set.",
                ),
                (
                    "./briefings",
                    "Read when no PATH, SHERPA_BRIEFINGS or configured briefings are given.",
                ),
            ],
        ),
        (
            "EXIT STATUS",
            &[
                (&ok, "Success."),
                (
                    &failure,
                    "A content or I/O problem: a failed check, a file that did not load, an unknown id, a failed write.",
                ),
                (
                    &usage,
                    "A usage error, a config file sherpa config finds problems in (other commands warn and go on), or the reader started without a terminal.",
                ),
            ],
        ),
    ];
    for (heading, entries) in sections {
        page.control("SH", [heading]);
        for (term, text) in entries {
            page.control("TP", [] as [&str; 0]);
            page.text([bold(*term)]);
            page.text([roman(*text)]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{Context, Keymap};

    #[test]
    fn the_keys_section_lists_each_context_with_its_own_wording() {
        let page = page();
        let keys = page
            .split_once(".SH KEYS")
            .and_then(|(_, rest)| rest.split_once(".SH ENVIRONMENT"))
            .map(|(keys, _)| keys)
            .unwrap_or_default();
        let keymap = Keymap::default();
        for context in Context::ALL {
            let (_, block) = keys
                .split_once(context.title())
                .unwrap_or_else(|| panic!("no heading for {context:?}"));
            for binding in keymap.bindings_in(context) {
                let description = binding.command.description_in(context);
                assert!(block.contains(description), "{context:?}: {description}");
            }
        }
        assert!(keys.contains("Jump to the selected summit"));
        assert!(keys.contains("Cell below"));
    }
}
