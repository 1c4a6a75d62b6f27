//! The command line: clap definitions and one short function per command.
//!
//! Commands read the same corpus and use the same renderer as the reader. Output is plain,
//! sanitised text on stdout (JSON where asked); notes go to stderr, so pipes get only data.
//! A command returns a [`CliError`], which `main` reports once with its exit status.

mod complete;
mod edit;
mod error;
mod man;
mod new;
mod pager;
mod search;
mod typo;

pub use complete::complete_from_env;
pub use error::{CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
pub use typo::reject_mistyped_command;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand};
use clap_complete::Shell;

use crate::config::{self, Config};
use sherpa_core::analysis;
use sherpa_core::book::{Book, BookFormat, DEFAULT_TITLE, Selection, book_html, book_markdown};
use sherpa_core::corpus::{Corpus, Origin};
use sherpa_core::diagnostics::{self, Severity};
use sherpa_core::document::Pane;
use sherpa_core::export::{self, Format};
use sherpa_core::model::{Briefing, Date};
use sherpa_core::sanitize::{sanitize, sanitize_line};

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
    /// Briefing files or folders to read (folders are searched for *.toml).
    pub paths: Vec<PathBuf>,
    /// Folder where the reader's `e` key writes exports [default: the config's, else .].
    #[arg(long, value_name = "DIR")]
    pub export_dir: Option<PathBuf>,
    /// Start the reader in a linear, border-free layout for screen readers and braille.
    #[arg(long)]
    pub plain: bool,
    /// Briefing file or folder to read (as PATH; `-` is standard input).
    #[arg(long, value_name = "PATH")]
    pub dir: Vec<PathBuf>,
    /// Read the bundled briefings too, together with the others.
    #[arg(long, global = true)]
    pub bundled: bool,
    /// Read settings from FILE instead of the platform's config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List summits by date: id, date, location, title.
    List {
        /// Briefing files or folders to read (`-` is standard input).
        paths: Vec<PathBuf>,
        /// Briefing file or folder to read, as PATH.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Print a JSON array instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// Export a pane (or the whole briefing) of one summit.
    Export {
        /// The summit id (see `sherpa list`).
        #[arg(add = complete::summit_id())]
        id: String,
        /// The pane to export; none = the whole briefing.
        #[arg(value_parser = pane_parser())]
        pane: Option<Pane>,
        /// Briefing file or folder to read instead of the default source.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// The output format.
        #[arg(long, value_parser = format_parser(), default_value = "text")]
        format: Format,
        /// Wrap text to this many columns.
        #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(10..))]
        width: u16,
        /// Write to FILE (atomically) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Print a whole briefing straight to the terminal, not through $PAGER.
        #[arg(long)]
        no_pager: bool,
    },
    /// Check briefings and report problems as path:line:col lines.
    ///
    /// At most 100 problems of one file are shown; one line per severity counts the rest,
    /// and the totals and the exit status include them.
    Check {
        /// Briefing files or folders to read (`-` is standard input).
        paths: Vec<PathBuf>,
        /// Briefing file or folder to read, as PATH.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Report every participant, meeting, goal and disagreement that cites no source.
        #[arg(long)]
        require_sources: bool,
    },
    /// Print a whole briefing as plain, linear text for reading aloud or in braille.
    Show {
        /// The summit id (see `sherpa list`).
        #[arg(add = complete::summit_id())]
        id: String,
        /// Briefing file or folder to read instead of the default source.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Print straight to the terminal, not through $PAGER.
        #[arg(long)]
        no_pager: bool,
    },
    /// Start a briefing: write DIR/ID.toml from a scaffold that passes `sherpa check`.
    New(new::NewArgs),
    /// Open a summit's briefing in $VISUAL, else $EDITOR, else vi, at its [summit] table.
    Edit(edit::EditArgs),
    /// Print the JSON Schema of the briefing format.
    Schema,
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
        /// Briefing files or folders to read (`-` is standard input).
        paths: Vec<PathBuf>,
        /// Briefing file or folder to read, as PATH.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Only meetings this person attended (case and accents ignored; part of a name works).
        #[arg(long, value_name = "NAME", add = complete::participant())]
        participant: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Follow a disagreement (by its id) through every summit that discussed it.
    Track {
        /// The disagreement id, e.g. ukraine-ceasefire.
        #[arg(add = complete::disagreement_id())]
        id: String,
        /// Briefing file or folder to read instead of the default source.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every passage that holds all the words of QUERY (accents ignored; case too, unless
    /// QUERY has a capital): one per line, `id  date  pane  heading: snippet`.
    Search {
        query: String,
        paths: Vec<PathBuf>,
        /// Print a JSON array: id, date, pane, item, heading, field, snippet, start, end.
        #[arg(long)]
        json: bool,
    },
    /// What changed between two summits: disagreements and goals.
    Diff {
        /// The earlier summit id.
        #[arg(add = complete::summit_id())]
        from: String,
        /// The later summit id.
        #[arg(add = complete::summit_id())]
        to: String,
        /// Briefing file or folder to read instead of the default source.
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Make a briefing book of the selected summits (all by default) as markdown or HTML.
    Book(BookArgs),
    /// The board: every tracked disagreement against every summit that discusses one.
    Board {
        paths: Vec<PathBuf>,
        /// Briefing file or folder to read (the same as a PATH).
        #[arg(long, value_name = "PATH")]
        dir: Vec<PathBuf>,
        /// Print the board as JSON (rows, columns, cells) instead of a table.
        #[arg(long)]
        json: bool,
        /// Fit the table to this many columns [default: the terminal's width, else 80].
        #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
    },
}

/// What `sherpa book` makes: which summits, in which format, where.
#[derive(Debug, clap::Args)]
pub struct BookArgs {
    /// Summit ids to include (see `sherpa list`); none = every summit.
    #[arg(add = complete::summit_id())]
    ids: Vec<String>,
    /// Briefing file or folder to read instead of the default source.
    #[arg(long, value_name = "PATH")]
    dir: Vec<PathBuf>,
    /// Only summits with this tag (case and accents ignored).
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Only summits this person attended (part of a name works).
    #[arg(long, value_name = "NAME", add = complete::participant())]
    participant: Option<String>,
    /// Only summits on or after this date (2025-08-15).
    #[arg(long, value_name = "DATE")]
    from: Option<Date>,
    /// Only summits on or before this date.
    #[arg(long, value_name = "DATE")]
    to: Option<Date>,
    /// markdown, or html: one self-contained, printable file [default: html when -o names
    /// a .html or .htm file, else markdown].
    #[arg(long, value_parser = book_format_parser())]
    format: Option<BookFormat>,
    /// The book's title on its cover.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    force: bool,
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

/// The result of a command: done, or why not.
pub type CommandResult = Result<(), CliError>;

/// Runs a parsed command line that is not the reader. `config_path` is `--config`;
/// commands that read briefings load the config first.
#[allow(clippy::too_many_lines)] // One arm per command, until each command has its own file.
pub fn run_command(
    command: Command,
    config_path: Option<&std::path::Path>,
    bundled: bool,
) -> CommandResult {
    // These work even when the config is broken, so the user can repair it.
    match &command {
        Command::Config { default, path } => return config_command(*default, *path, config_path),
        Command::Schema => {
            let mut out = io::stdout().lock();
            writeln!(out, "{}", schema_json())?;
            return Ok(());
        }
        Command::New(args) => return new::new_briefing(args),
        Command::Man => return man::print_man(),
        Command::Lsp => return crate::lsp::run(),
        _ => {}
    }
    let config = Config::load(config_path)?;
    config.warn_of_issues();
    let configured = &Sources {
        briefings: &config.briefings,
        bundled: bundled || config.bundled,
    };
    match command {
        Command::List { paths, dir, json } => {
            list(&load(&[paths, dir].concat(), configured, true), json)
        }
        Command::Export {
            id,
            pane,
            dir,
            format,
            width,
            output,
            force,
            no_pager,
        } => {
            let corpus = load_for_summit(&dir, configured, &id);
            let output = match output {
                Some(path) => Output::File { path, force },
                // A pane is short and often piped into something; the whole briefing pages.
                None => Output::Stdout {
                    no_pager: no_pager || pane.is_some(),
                },
            };
            export(&corpus, &id, pane, format, usize::from(width), output)
        }
        Command::Check {
            paths,
            dir,
            strict,
            require_sources,
        } => {
            let options = sherpa_core::corpus::LoadOptions {
                require_sources,
                with_bundled: false,
            };
            let origin = resolve_noting_fallback(&[paths, dir].concat(), configured);
            check(&origin.load_with(options), strict)
        }
        Command::Timeline {
            paths,
            dir,
            participant,
            json,
        } => {
            let corpus = load(&[paths, dir].concat(), configured, true);
            with_load_status(&corpus, timeline(&corpus, participant.as_deref(), json))
        }
        Command::Track { id, dir, json } => {
            let corpus = load(&dir, configured, true);
            with_load_status(&corpus, track(&corpus, &id, json))
        }
        Command::Diff {
            from,
            to,
            dir,
            json,
        } => {
            let corpus = load(&dir, configured, true);
            with_load_status(&corpus, diff(&corpus, &from, &to, json))
        }
        Command::Search { query, paths, json } => {
            let corpus = load(&paths, configured, true);
            with_load_status(&corpus, search::search(&corpus, &query, json))
        }
        Command::Book(args) => book_command(args, configured),
        Command::Board {
            mut paths,
            dir,
            json,
            width,
        } => {
            paths.extend(dir);
            let corpus = load(&paths, configured, true);
            let width = width.map_or_else(output_width, usize::from);
            with_load_status(&corpus, board(&corpus, json, width))
        }
        Command::Edit(args) => edit::edit(&args, configured),
        Command::Show { id, dir, no_pager } => {
            show(&load_for_summit(&dir, configured, &id), &id, no_pager)
        }
        Command::Completions { shell } => complete::print_registration(shell),
        Command::Config { .. }
        | Command::Schema
        | Command::Man
        | Command::Lsp
        | Command::New(_) => {
            unreachable!("handled above")
        }
    }
}

fn config_command(
    default: bool,
    path: bool,
    config_path: Option<&std::path::Path>,
) -> CommandResult {
    let mut out = io::stdout().lock();
    let location = config_path
        .map(std::path::Path::to_path_buf)
        .or_else(config::default_path);
    if default {
        out.write_all(config::default_file().as_bytes())?;
        return Ok(());
    }
    let location = location.ok_or(CliError::NoConfigFolder)?;
    if path {
        writeln!(out, "{}", sanitize_line(&location.display().to_string()))?;
        return Ok(());
    }
    let shown = sanitize_line(&location.display().to_string());
    if !location.exists() && config_path.is_some() {
        // Named with --config: a missing file is an error, as for every other command.
        Config::load(Some(&location))?;
    }
    if !location.exists() {
        let folder = location
            .parent()
            .map(|p| sanitize_line(&p.display().to_string()).to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "{shown} does not exist; sherpa uses its defaults.\n\
             Create it with: mkdir -p '{folder}' && sherpa config --default > '{shown}'"
        )?;
        return Ok(());
    }
    Config::load(Some(&location))?.checked()?;
    writeln!(out, "{shown} is valid.")?;
    Ok(())
}

/// The JSON Schema of the briefing format, generated from the model types.
#[must_use]
pub fn schema_json() -> String {
    let schema = sherpa_core::model::json_schema();
    sherpa_core::export::to_json_pretty(&schema).unwrap_or_default()
}

/// Where briefings come from when a command names none, and whether the bundled ones are
/// read too: the config's and `--bundled`, resolved once.
struct Sources<'a> {
    briefings: &'a [PathBuf],
    bundled: bool,
}

impl Sources<'_> {
    fn origin(&self, paths: &[PathBuf]) -> Origin {
        Origin::resolve(paths, self.briefings).with_bundled(self.bundled)
    }
}

/// Loads the corpus for a command, telling the user on stderr where it came from when it
/// fell back, and printing load errors there too (the data goes to stdout).
fn load(paths: &[PathBuf], configured: &Sources<'_>, report_errors: bool) -> Corpus {
    load_origin(&resolve_noting_fallback(paths, configured), report_errors)
}

fn load_origin(origin: &Origin, report_errors: bool) -> Corpus {
    let corpus = origin.load();
    tracing::info!(
        briefings = corpus.len(),
        failed = corpus.failed_files(),
        "loaded {}",
        origin.describe()
    );
    if report_errors {
        // Stderr is unbuffered: without a buffer each piece of each line is its own write.
        let mut err = io::BufWriter::new(io::stderr().lock());
        for d in corpus
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            // A closed stderr leaves nowhere to say so; the exit status still tells.
            let _ = writeln!(err, "{}", sanitize(&d.to_string()));
        }
        let _ = err.flush();
    }
    corpus
}

fn resolve_noting_fallback(paths: &[PathBuf], configured: &Sources<'_>) -> Origin {
    let origin = configured.origin(paths);
    if origin.is_fallback() {
        eprintln!("sherpa: reading {}", origin.describe());
    }
    origin
}

/// Loads what a command about one summit needs: the file named after the id when a folder
/// has one (so exporting from 10,000 briefings reads one file), else every briefing.
fn load_for_summit(paths: &[PathBuf], configured: &Sources<'_>, id: &str) -> Corpus {
    let origin = resolve_noting_fallback(paths, configured);
    if sherpa_core::corpus::is_valid_id(id)
        && let Some(file) = origin
            .paths()
            .iter()
            .map(|path| path.join(format!("{id}.toml")))
            .find(|candidate| candidate.is_file())
    {
        let corpus = Corpus::load_paths(&[file]);
        if corpus.get(id).is_some() {
            return corpus;
        }
    }
    load_origin(&origin, false)
}

fn list(corpus: &Corpus, json: bool) -> CommandResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let rows: Vec<serde_json::Value> = corpus
            .briefings()
            .iter()
            .enumerate()
            .map(|(i, b)| {
                serde_json::json!({
                    "id": b.id(),
                    "date": b.summit.date,
                    "location": b.summit.location,
                    "title": b.summit.title,
                    "status": b.summit.status,
                    "path": corpus.path_of(i),
                })
            })
            .collect();
        let text = sherpa_core::export::to_json_pretty(&rows)?;
        writeln!(out, "{text}")?;
    } else {
        let id_width = corpus
            .briefings()
            .iter()
            .map(|b| b.id().len())
            .max()
            .unwrap_or(0);
        let rows: Vec<(String, String)> = corpus
            .briefings()
            .iter()
            .map(|b| {
                let location = sanitize_line(&b.summit.location).into_string();
                let title = sanitize_line(&b.summit.title).into_string();
                (location, title)
            })
            .collect();
        let location_width = rows
            .iter()
            .map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str()))
            .max()
            .unwrap_or(0);
        for (b, (location, title)) in corpus.briefings().iter().zip(rows) {
            let pad = location_width
                .saturating_sub(unicode_width::UnicodeWidthStr::width(location.as_str()));
            writeln!(
                out,
                "{:id_width$}  {}  {location}{}  {title}",
                b.id(),
                b.summit.date,
                " ".repeat(pad)
            )?;
        }
    }
    out.flush()?;
    with_load_status(corpus, Ok(()))
}

/// A command over the whole corpus prints what it could, but fails (exit 1) when a file
/// did not load, since its answer may be missing that file's summit.
fn with_load_status(corpus: &Corpus, result: CommandResult) -> CommandResult {
    result?;
    if corpus.failed_files() > 0 {
        return Err(CliError::Reported);
    }
    Ok(())
}

/// Where an export goes.
enum Output {
    /// Standard output, through the pager on a terminal unless `no_pager`.
    Stdout { no_pager: bool },
    /// A file written atomically, replaced only with `force`.
    File { path: PathBuf, force: bool },
}

fn export(
    corpus: &Corpus,
    id: &str,
    pane: Option<Pane>,
    format: Format,
    width: usize,
    output: Output,
) -> CommandResult {
    let briefing = find_summit(corpus, id)?;
    let text = export::render(briefing, pane, format, width)?;
    write_output(&text, output)
}

/// Writes a command's document to stdout (paged on a terminal unless `no_pager`), or
/// atomically to FILE (kept unless `force`).
fn write_output(text: &str, output: Output) -> CommandResult {
    match output {
        Output::Stdout { no_pager } => pager::print_paged(text, no_pager)?,
        Output::File { path, force } => {
            export::write_atomic(&path, text, force)?;
            eprintln!("sherpa: wrote {}", sanitize(&path.display().to_string()));
        }
    }
    Ok(())
}

fn check(corpus: &Corpus, strict: bool) -> CommandResult {
    let found = corpus.diagnostics();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for diagnostic in found {
        writeln!(out, "{}", sanitize(&diagnostic.to_string()))?;
    }
    let (errors, warnings) = diagnostics::count(found);
    let failed = errors > 0 || (strict && warnings > 0);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} briefing{} loaded, {} file{} skipped: {errors} error{}, {warnings} warning{}{}",
        corpus.len(),
        plural(corpus.len()),
        corpus.failed_files(),
        plural(corpus.failed_files()),
        plural(errors),
        plural(warnings),
        if strict && warnings > 0 && errors == 0 {
            " (--strict: warnings count as errors)"
        } else {
            ""
        }
    )?;
    out.flush()?;
    if failed {
        return Err(CliError::Reported);
    }
    Ok(())
}

/// Looks up a summit; the error names the closest ids.
fn find_summit<'a>(corpus: &'a Corpus, id: &str) -> Result<&'a Briefing, CliError> {
    corpus.get(id).ok_or_else(|| CliError::UnknownSummit {
        id: id.to_owned(),
        near: corpus
            .closest_ids(id)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    })
}

/// Prints a value as pretty JSON.
fn print_json(value: &impl serde::Serialize) -> CommandResult {
    let mut out = io::stdout().lock();
    let text = sherpa_core::export::to_json_pretty(value)?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// Prints (line, detail lines) rows, details indented under their line.
fn print_rows(rows: impl IntoIterator<Item = (String, Vec<String>)>) -> CommandResult {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (line, detail) in rows {
        writeln!(out, "{}", sanitize_line(&line))?;
        for d in detail {
            writeln!(out, "    {}", sanitize_line(&d))?;
        }
    }
    out.flush()?;
    Ok(())
}

fn timeline(corpus: &Corpus, participant: Option<&str>, json: bool) -> CommandResult {
    let mut entries = analysis::timeline(corpus);
    if let Some(name) = participant {
        entries = analysis::with_participant(entries, name);
        if entries.is_empty() {
            return Err(CliError::NoParticipant {
                name: name.to_owned(),
            });
        }
    }
    if json {
        return print_json(&entries);
    }
    print_rows(entries.iter().map(analysis::timeline_text))
}

fn track(corpus: &Corpus, id: &str, json: bool) -> CommandResult {
    let steps = analysis::track(corpus, id);
    if steps.is_empty() {
        return Err(CliError::UnknownDisagreement {
            id: id.to_owned(),
            known: analysis::disagreement_ids(corpus),
        });
    }
    if json {
        return print_json(&steps);
    }
    print_rows(steps.iter().map(analysis::track_text))
}

fn diff(corpus: &Corpus, from: &str, to: &str, json: bool) -> CommandResult {
    let (a, b) = (find_summit(corpus, from)?, find_summit(corpus, to)?);
    // Allowed, but worth saying: the answer reads backwards in time.
    if a.summit.date > b.summit.date {
        eprintln!(
            "sherpa: note: {} ({}) is later than {} ({}); showing the change from the later one",
            sanitize(from),
            a.summit.date,
            sanitize(to),
            b.summit.date
        );
    }
    let result = analysis::diff(a, b);
    if json {
        return print_json(&result);
    }
    print_rows(
        analysis::diff_text(&result)
            .into_iter()
            .map(|line| (line, Vec::new())),
    )
}

/// HTML for an output file named `.html` or `.htm`, else markdown.
fn book_format_for(output: Option<&std::path::Path>) -> BookFormat {
    let html = output
        .and_then(std::path::Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if html {
        BookFormat::Html
    } else {
        BookFormat::Markdown
    }
}

fn book_command(args: BookArgs, configured: &Sources<'_>) -> CommandResult {
    let corpus = load(&args.dir, configured, true);
    let selection = Selection {
        ids: args.ids,
        tag: args.tag,
        participant: args.participant,
        from: args.from,
        to: args.to,
    };
    let format = args
        .format
        .unwrap_or_else(|| book_format_for(args.output.as_deref()));
    let result = book(
        &corpus,
        &selection,
        format,
        args.title.as_deref(),
        args.output,
        args.force,
    );
    with_load_status(&corpus, result)
}

fn book(
    corpus: &Corpus,
    selection: &Selection,
    format: BookFormat,
    title: Option<&str>,
    output: Option<PathBuf>,
    force: bool,
) -> CommandResult {
    for id in &selection.ids {
        find_summit(corpus, id)?;
    }
    let positions = selection.positions(corpus)?;
    let book = Book::new(
        corpus,
        &positions,
        title.unwrap_or(DEFAULT_TITLE),
        Date::today(),
    );
    let text = match format {
        BookFormat::Markdown => book_markdown(&book),
        BookFormat::Html => book_html(&book),
    };
    let output = match output {
        Some(path) => Output::File { path, force },
        // A book is a document to save or pipe, not to page through.
        None => Output::Stdout { no_pager: true },
    };
    write_output(&text, output)
}

/// The width tables fit when none is given: the terminal's, or 80 in a pipe (where a
/// script or a file gets the same table every time).
fn output_width() -> usize {
    use std::io::IsTerminal;
    if io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
        && columns > 0
    {
        return usize::from(columns);
    }
    80
}

fn board(corpus: &Corpus, json: bool, width: usize) -> CommandResult {
    let board = analysis::board(corpus);
    if json {
        return print_json(&board);
    }
    print_rows(
        analysis::board_text(&board, width)
            .into_iter()
            .map(|line| (line, Vec::new())),
    )
}

fn show(corpus: &Corpus, id: &str, no_pager: bool) -> CommandResult {
    let briefing = find_summit(corpus, id)?;
    let document = sherpa_core::document::Document::of(briefing, None);
    pager::print_paged(&sherpa_core::render_text::export_plain(&document), no_pager)?;
    Ok(())
}
