//! The command line's clap definitions: every command, its arguments and their help.
//!
//! Only what clap parses lives here; what a command does is in its own file.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand};
use clap_complete::Shell;

use super::{candidates, new};
use sherpa_core::book::BookFormat;
use sherpa_core::document::Pane;
use sherpa_core::export::Format;
use sherpa_core::model::Date;

/// A terminal reader for summit briefing books.
#[derive(Debug, Parser)]
#[command(name = "sherpa", version, about)]
#[command(
    after_help = "With no command, opens the reader. Without PATH, briefings come from \
$SHERPA_BRIEFINGS, else the config file's `briefings`, else ./briefings, else the briefings \
built into sherpa. `sherpa config --path` shows where the config file is looked for."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Folder where the reader's `e` key writes exports [default: the config's, else .].
    #[arg(long, value_name = "DIR")]
    pub export_dir: Option<PathBuf>,
    /// Start the reader in a linear, border-free layout for screen readers and braille.
    #[arg(long)]
    pub plain: bool,
    /// Read settings from FILE instead of the platform's config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Where a command's briefings come from: one group of arguments flattened into every
/// command that reads briefings (and the reader), so each takes them the same way and
/// completion finds them in one place. Without any, briefings come from
/// `$SHERPA_BRIEFINGS`, else the config's `briefings`, else ./briefings, else the bundled ones.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SourceArgs {
    /// Briefing files or folders to read (folders are searched for *.toml; `-` is standard
    /// input).
    #[arg(value_name = "PATH", add = candidates::briefing_path())]
    pub paths: Vec<PathBuf>,
    /// Briefing file or folder to read, as a PATH (repeatable).
    #[arg(long, value_name = "PATH", add = candidates::briefing_path())]
    pub dir: Vec<PathBuf>,
    /// Read the bundled briefings too, together with the others.
    #[arg(long)]
    pub bundled: bool,
    /// Read every file, without the index of parsed briefings kept in the cache folder
    /// (and without writing it); the results are the same, only slower on a large corpus.
    #[arg(
        long,
        env = sherpa_core::index::NO_CACHE_ENV,
        value_parser = clap::builder::FalseyValueParser::new(),
    )]
    pub no_cache: bool,
}

impl SourceArgs {
    /// The paths given, positional and `--dir` alike, in that order.
    #[must_use]
    pub fn all_paths(&self) -> Vec<PathBuf> {
        [&self.paths[..], &self.dir[..]].concat()
    }

    /// These sources together with `other`'s (the top level's, given before the command).
    #[must_use]
    pub fn merged(mut self, other: &SourceArgs) -> Self {
        self.paths.extend_from_slice(&other.paths);
        self.dir.extend_from_slice(&other.dir);
        self.bundled |= other.bundled;
        self.no_cache |= other.no_cache;
        self
    }
}

/// What `sherpa cache` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CacheAction {
    /// Where the indexes are, and for each its size and how many briefing files it knows.
    Status,
    /// Delete every index; the next start reads every file and builds its index again.
    Clear,
}

/// How commands print: one group of arguments, global so it goes before or after the
/// command (`sherpa --color never search x`, `sherpa search x -q`).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct OutputArgs {
    /// When to colour output: auto (on a terminal, unless `NO_COLOR` is set or `TERM` is
    /// dumb; `CLICOLOR_FORCE` forces it), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t, global = true)]
    pub color: ColorChoice,
    /// Do not note on stderr which briefings are read when none were named.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// When commands colour what they print, as `--color` in ripgrep, fd and bat.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is dumb (`CLICOLOR_FORCE` forces it).
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never: no escape sequence at all.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List summits by date: id, date, location, title.
    List {
        #[command(flatten)]
        sources: SourceArgs,
        /// Print a JSON array instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// Export a pane (or the whole briefing) of one summit.
    Export(ExportArgs),
    /// Check briefings and report problems (as path:line:col lines unless --format says).
    ///
    /// A file named is checked against the other *.toml files of its folder, so its links
    /// and ids resolve; only its own problems are reported. At most 100 problems of one file are shown; one line per severity counts the rest,
    /// and the totals and the exit status include them.
    Check {
        #[command(flatten)]
        sources: SourceArgs,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Report every participant, meeting, goal and disagreement that cites no source.
        #[arg(long)]
        require_sources: bool,
        /// How problems are written: text (with the offending line), short (one line each,
        /// for an editor's quickfix list), json, sarif, or github (Actions annotations).
        /// Except for text, the totals go to stderr.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Print a whole briefing as plain, linear text for reading aloud or in braille.
    Show {
        /// The summit id (see `sherpa list`).
        #[arg(add = candidates::summit_id())]
        id: String,
        #[command(flatten)]
        sources: SourceArgs,
        /// Print straight to the terminal, not through $PAGER.
        #[arg(long)]
        no_pager: bool,
        /// Print your notes on its items after it.
        #[arg(long)]
        notes: bool,
    },
    /// Start a briefing: write DIR/ID.toml from a scaffold that passes `sherpa check`.
    New(new::NewArgs),
    /// Open a summit's briefing in $VISUAL, else $EDITOR, else vi, at its [summit] table.
    Edit(EditArgs),
    /// Print the JSON Schema of the briefing format.
    Schema,
    /// Show or empty the index of parsed briefings that makes a start read only the files
    /// changed since the last one.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Show or create the config file.
    Config {
        /// Print a commented config file with every default (redirect it to the path).
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print where sherpa looks for the config file.
        #[arg(long)]
        path: bool,
    },
    /// Print what registers completion in a shell (ids, panes, names as they are at each Tab).
    Completions {
        /// The shell to register with.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
    /// Serve the Language Server Protocol on stdin and stdout, for editors (see the README).
    Lsp,
    /// Every summit and prior meeting in date order, merged where they are the same meeting.
    Timeline {
        #[command(flatten)]
        sources: SourceArgs,
        /// Only meetings this person attended (case and accents ignored; part of a name works).
        #[arg(long, value_name = "NAME", add = candidates::participant())]
        participant: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Follow a disagreement (by its id) through every summit that discussed it.
    Track {
        /// The disagreement id, e.g. ukraine-ceasefire.
        #[arg(add = candidates::disagreement_id())]
        id: String,
        #[command(flatten)]
        sources: SourceArgs,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The summits whose title, place or tags hold all the words of QUERY, then every
    /// passage that does (accents ignored; case too, unless QUERY has a capital).
    ///
    /// One per line: `id  date  field: text` for a summit, `id  date  pane  heading: snippet`
    /// for a passage.
    Search {
        /// The words to look for.
        query: String,
        #[command(flatten)]
        sources: SourceArgs,
        /// Print a JSON array: id, date, pane, item, heading, field, snippet, start, end.
        #[arg(long)]
        json: bool,
    },
    /// Your marks, placed in the briefings as they are now: one per line, `ITEM-KEY  quote`,
    /// or `orphaned ITEM-KEY  quote` for one whose item is gone.
    Marks {
        #[command(flatten)]
        sources: SourceArgs,
        /// Print a JSON array: item, quote, at, placed (the item now, or null), orphaned.
        #[arg(long)]
        json: bool,
    },
    /// Your notes, placed in the briefings as they are now: one per line, `ITEM-KEY  note`,
    /// or `orphaned ITEM-KEY  note` (the item's quote under it) for one whose item is gone.
    Notes {
        #[command(flatten)]
        sources: SourceArgs,
        /// Print a JSON array: item, quote, text, at, placed (the item now, or null), orphaned.
        #[arg(long)]
        json: bool,
        /// Write your notes to FILE (the notes file's format) to share them; FILE is replaced.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["import", "json"])]
        export: Option<PathBuf>,
        /// Add the notes of FILE (as `--export` writes it) to yours: merged by item, the newer
        /// note of an item kept, never one twice.
        #[arg(long, value_name = "FILE", conflicts_with = "json")]
        import: Option<PathBuf>,
    },
    /// The summits changed since you last read them in the reader: one per line,
    /// `ID  updated since you read it on 3 Dec 2026`, what changed under it (as `diff` says).
    Changed {
        #[command(flatten)]
        sources: SourceArgs,
        /// Print a JSON array: id, title, at and day (when you last read it), diff (as
        /// `diff --json` prints it).
        #[arg(long)]
        json: bool,
    },
    /// What changed between two summits: who joined or left, how each disagreement moved,
    /// the goals added or dropped, and the text reworded.
    Diff {
        /// The earlier summit id.
        #[arg(add = candidates::summit_id())]
        from: String,
        /// The later summit id.
        #[arg(add = candidates::summit_id())]
        to: String,
        #[command(flatten)]
        sources: SourceArgs,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Make a briefing book of the selected summits (all by default) as markdown or HTML.
    Book(BookArgs),
    /// The board: every tracked disagreement against every summit that discusses one.
    Board {
        #[command(flatten)]
        sources: SourceArgs,
        /// Print the board as JSON (rows, columns, cells) instead of a table.
        #[arg(long)]
        json: bool,
        /// Fit the table to this many columns [default: the terminal's width, else 80].
        #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
    },
}

/// How `sherpa check` writes the problems it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: severity: message`, the offending line and a caret under it.
    Text,
    /// `path:line:col: severity: message` alone, one line per problem.
    Short,
    /// One JSON object: every problem with its start, end and suggestion, and the totals.
    Json,
    /// SARIF 2.1.0, for code-scanning services and editors.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`), shown on the pull request.
    Github,
}

/// What `sherpa export` writes: which summit and pane, in which format, where.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The summit id (see `sherpa list`).
    #[arg(add = candidates::summit_id())]
    pub(super) id: String,
    /// The pane to export; none = the whole briefing.
    #[arg(value_parser = pane_parser())]
    pub(super) pane: Option<Pane>,
    #[command(flatten)]
    pub(super) sources: SourceArgs,
    /// The output format [default: from FILE's extension (.json, .md, .markdown, .txt),
    /// else text].
    #[arg(long, value_parser = format_parser())]
    pub(super) format: Option<Format>,
    /// Wrap text to this many columns.
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(10..))]
    pub(super) width: u16,
    /// Write to FILE (atomically) instead of stdout; its extension sets the format.
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub(super) force: bool,
    /// Print a whole briefing straight to the terminal, not through $PAGER.
    #[arg(long)]
    pub(super) no_pager: bool,
    /// Print your notes on its items after it (text and markdown; `sherpa notes --json`
    /// lists them for scripts).
    #[arg(long)]
    pub(super) notes: bool,
}

/// What `sherpa book` makes: which summits, in which format, where. Its positionals are
/// summit ids, so its PATHs come after `--`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("paths", |paths| paths.last(true)))]
pub struct BookArgs {
    /// Summit ids to include (see `sherpa list`); none = every summit.
    #[arg(add = candidates::summit_id())]
    pub(super) ids: Vec<String>,
    #[command(flatten)]
    pub(super) sources: SourceArgs,
    /// Only summits with this tag (case and accents ignored).
    #[arg(long, value_name = "TAG", add = candidates::tag())]
    pub(super) tag: Option<String>,
    /// Only summits this person attended (part of a name works).
    #[arg(long, value_name = "NAME", add = candidates::participant())]
    pub(super) participant: Option<String>,
    /// Only summits on or after this date (2025-08-15).
    #[arg(long, value_name = "DATE")]
    pub(super) from: Option<Date>,
    /// Only summits on or before this date.
    #[arg(long, value_name = "DATE")]
    pub(super) to: Option<Date>,
    /// markdown, or html: one self-contained, printable file [default: html when -o names
    /// a .html or .htm file, else markdown].
    #[arg(long, value_parser = book_format_parser())]
    pub(super) format: Option<BookFormat>,
    /// The book's title on its cover.
    #[arg(long, value_name = "TEXT")]
    pub(super) title: Option<String>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub(super) force: bool,
    /// Add your notes on the summits' items, after the summits.
    #[arg(long)]
    pub(super) notes: bool,
}

/// The arguments of `sherpa edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The summit id (see `sherpa list`).
    #[arg(add = candidates::summit_id())]
    pub(super) id: String,
    #[command(flatten)]
    pub(super) sources: SourceArgs,
}

/// A clap parser for a core enum known by its names (panes, formats): the names show in
/// help and completions, and the core needs no clap to have them.
fn by_name<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    clap::builder::PossibleValuesParser::new(all.iter().map(|value| name(*value))).try_map(
        move |text| {
            all.iter()
                .copied()
                .find(|value| name(*value) == text)
                .ok_or("not one of the possible values")
        },
    )
}

fn pane_parser() -> impl TypedValueParser<Value = Pane> {
    by_name(&Pane::ALL, Pane::name)
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    by_name(&Format::ALL, Format::name)
}

fn book_format_parser() -> impl TypedValueParser<Value = BookFormat> {
    by_name(&BookFormat::ALL, BookFormat::name)
}
