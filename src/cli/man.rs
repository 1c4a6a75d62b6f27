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

/// The longest input line mandoc's lint accepts without a style warning.
const MAX_LINE_BYTES: usize = 80;

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
        page.text(marked_up(
            &sub.get_about().map(ToString::to_string).unwrap_or_default(),
        ));
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
    fit_lines(&page.to_roff())
}

/// Text as roff, with each `` `code` `` span of help text (written for a terminal, where
/// the backticks read as quotes) in bold instead of literal backticks.
fn marked_up(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(
            |(at, part)| {
                if at % 2 == 1 { bold(part) } else { roman(part) }
            },
        )
        .collect()
}

/// The page with every text line longer than [`MAX_LINE_BYTES`] broken at spaces (a
/// line break in filled text is a space), so mandoc's lint finds nothing at its default
/// level. Control lines and the tag line after `.TP` (which must stay one line) are kept;
/// a continuation that would begin with `.` or `'` (a control character there) is
/// escaped with `\&`.
fn fit_lines(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len() + roff.len() / 40);
    let mut tag_next = false;
    for line in roff.lines() {
        let control = line.starts_with('.') || line.starts_with('\'');
        if control || tag_next || line.len() <= MAX_LINE_BYTES {
            out.push_str(line);
            out.push('\n');
        } else {
            let mut current = String::new();
            for word in line.split(' ') {
                if !current.is_empty() && current.len() + 1 + word.len() > MAX_LINE_BYTES {
                    // A space before the break would end the line in whitespace.
                    out.push_str(current.trim_end());
                    out.push('\n');
                    current.clear();
                }
                if current.is_empty() {
                    if word.starts_with('.') || word.starts_with('\'') {
                        current.push_str("\\&");
                    }
                } else {
                    current.push(' ');
                }
                current.push_str(word);
            }
            out.push_str(&current);
            out.push('\n');
        }
        tag_next = line == ".TP";
    }
    out
}

/// One `.TP` entry per argument of `command`, with its value name, default and possible
/// values. `-h` and `-V` are listed once, under OPTIONS (`in_command` is false), where
/// they are sherpa's; every command takes `-h` too, which its entry need not repeat.
fn render_arguments(page: &mut Roff, command: &clap::Command, in_command: bool) {
    for arg in command
        .get_arguments()
        .filter(|a| !(a.is_hide_set() || in_command && a.is_global_set()))
    {
        let id = arg.get_id().as_str();
        if in_command && (id == "help" || id == "version") {
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
        page.text(marked_up(&help));
    }
}

/// Every environment variable sherpa reads, for ENVIRONMENT (a test checks the code for
/// any other).
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        sherpa_core::corpus::BRIEFINGS_ENV,
        "Briefing files or folders (a path list; empty segments are ignored) read when no PATH is given.",
    ),
    (
        "VISUAL, EDITOR",
        "The editor sherpa edit runs (VISUAL first; default vi).",
    ),
    (
        super::pager::SHERPA_PAGER_ENV,
        "The pager for show and whole-briefing exports to a terminal, over PAGER (empty for none).",
    ),
    (
        super::pager::PAGER_ENV,
        "The pager when SHERPA_PAGER is unset (default less; empty for none).",
    ),
    (
        super::pager::LESS_ENV,
        "less's options; when unset, the pager runs with LESS=FRX (quit if one screen is enough, pass colours, leave the text on screen), as git does.",
    ),
    (
        crate::palette::NO_COLOR_ENV,
        "Any non-empty value turns colour off.",
    ),
    (
        "CLICOLOR_FORCE",
        "Any non-empty value but 0 colours output with --color auto even into a pipe or a file (NO_COLOR still wins).",
    ),
    (
        "TERM",
        "dumb: no colour, and no reader (it cannot draw); screen or Eterm: the reader does not ask the terminal its background.",
    ),
    (
        "COLORFGBG",
        "The terminal's colours as fg;bg: the auto theme's background until the terminal answers, or when it does not.",
    ),
    (
        "SOURCE_DATE_EPOCH",
        "Seconds since 1970: the day used as today (a book's date, a new briefing's date), so two builds of one input are the same file.",
    ),
    (
        "SHERPA_COMPLETE",
        "Set by the completion scripts (sherpa completions SHELL): sherpa answers with completions for the command line.",
    ),
    (
        crate::logging::LOG_ENV,
        "A log filter such as debug: sherpa appends a log to the state folder.",
    ),
    (
        sherpa_core::index::NO_CACHE_ENV,
        "Any value but 0 or false reads every briefing file, without the index (as --no-cache does).",
    ),
    (
        "XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
        "Where the config file, the log, your marks, notes and place, and the index of parsed briefings are kept.",
    ),
];

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
        ("ENVIRONMENT", ENVIRONMENT),
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
                    "$XDG_DATA_HOME/sherpa/books/",
                    "Your marks, notes and place, one file per set of briefings.",
                ),
                (
                    "$XDG_CACHE_HOME/sherpa/index/",
                    "The index of parsed briefings, one file per set of folders (sherpa cache status|clear).",
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
                    "A content or I/O problem: a failed check, a file that did not load, an unknown id, a failed write; sherpa search finding nothing (as grep does).",
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
            page.text(marked_up(text));
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

    #[test]
    fn long_text_lines_break_at_spaces_and_never_start_a_control_line() {
        let long = format!("{} .hidden 'quoted", "word ".repeat(15).trim_end());
        let tag = format!("\\fB{}\\fR", "x ".repeat(50));
        let roff = format!(".TP\n{tag}\n{long}\n");
        let fitted = fit_lines(&roff);
        let lines: Vec<&str> = fitted.lines().collect();
        // The tag after .TP stays one line, however long.
        assert_eq!(lines[1], tag);
        for line in &lines[2..] {
            assert!(line.len() <= MAX_LINE_BYTES, "{line:?}");
            assert!(
                !line.starts_with('.') && !line.starts_with('\''),
                "{line:?}"
            );
            assert!(!line.ends_with(' '), "{line:?}");
        }
        assert_eq!(lines[2..].join(" ").replace("\\&", ""), long);
    }
}
