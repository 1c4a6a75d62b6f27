//! The command line: parse, then dispatch to one short function per command.
//!
//! Commands read the same corpus and use the same renderer as the reader. Output is plain,
//! sanitised text on stdout (JSON where asked); notes go to stderr, so pipes get only data.
//! A command returns a [`CliError`], which `main` reports once with its exit status.
//! The clap definitions are in `args`, each command's body in a file of its own.

mod args;
mod board;
mod book;
mod broken;
mod cache;
mod candidates;
mod changed;
mod check;
mod complete;
mod config;
mod diff;
mod edit;
mod error;
mod export;
mod json;
mod list;
mod load;
mod man;
mod marks;
mod new;
mod notes;
mod output;
mod pager;
mod schema;
mod search;
mod show;
mod timeline;
mod track;
mod typo;

pub use args::{
    BookArgs, CacheAction, CheckFormat, Cli, ColorChoice, Command, EditArgs, ExportArgs,
    OutputArgs, SourceArgs,
};
pub use cache::use_index;
pub use complete::complete_from_env;
pub use error::{CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
pub use json::output_schemas;
pub use load::origin;
pub use schema::schema_json;
pub use typo::reject_mistyped_command;

use std::path::Path;

use crate::config::Config;
use load::{load, load_for_summit, load_on_demand, resolve_noting_fallback, with_load_status};
use output::{colours_stdout, output_width};
use sherpa_core::corpus::Origin;

/// The result of a command: done, or why not.
pub type CommandResult = Result<(), CliError>;

/// Runs a parsed command line that is not the reader. `config_path` is `--config`;
/// `given_first` are the source arguments given before the command (`sherpa --bundled
/// list`), read together with the command's own; `output` says how to print. Commands that read briefings load the
/// config first; the others work even when it is broken, so the user can repair it.
pub fn run_command(
    command: Command,
    config_path: Option<&Path>,
    given_first: &SourceArgs,
    output: OutputArgs,
) -> CommandResult {
    let resolve = |sources: &SourceArgs| -> Result<Origin, CliError> {
        let config = Config::load(config_path)?;
        config.warn_of_issues();
        let sources = sources.clone().merged(given_first);
        use_index(&sources);
        Ok(resolve_noting_fallback(&sources, &config, output.quiet))
    };
    match command {
        Command::Config { default, path } => config::config_command(default, path, config_path),
        Command::Schema => schema::print_schema(),
        Command::Cache { action } => cache::cache_command(action),
        Command::New(args) => new::new_briefing(&args),
        Command::Man => man::print_man(),
        Command::Lsp => crate::lsp::run()?.then_some(()).ok_or(CliError::Reported),
        Command::Completions { shell } => complete::print_registration(shell),
        Command::List { sources, json } => list::list(&resolve(&sources)?, json, output.quiet),
        Command::Export(args) => export::export(&resolve(&args.sources)?, args),
        Command::Check {
            sources,
            strict,
            require_sources,
            format,
        } => check::check(&resolve(&sources)?, strict, require_sources, format),
        Command::Timeline {
            sources,
            participant,
            json,
        } => {
            let corpus = load_on_demand(&resolve(&sources)?);
            with_load_status(
                &corpus,
                timeline::timeline(&corpus, participant.as_deref(), json),
            )
        }
        Command::Track { id, sources, json } => {
            let corpus = load_on_demand(&resolve(&sources)?);
            with_load_status(&corpus, track::track(&corpus, &id, json))
        }
        Command::Diff {
            from,
            to,
            sources,
            json,
        } => {
            let corpus = load(&resolve(&sources)?, true);
            with_load_status(&corpus, diff::diff(&corpus, &from, &to, json))
        }
        Command::Search {
            query,
            sources,
            json,
        } => search::search(
            &resolve(&sources)?,
            &query,
            json,
            colours_stdout(output.color),
        ),
        Command::Marks { sources, json } => {
            let origin = resolve(&sources)?;
            let corpus = load(&origin, true);
            with_load_status(&corpus, marks::marks(&origin, &corpus, json))
        }
        Command::Notes {
            sources,
            json,
            export,
            import,
        } => notes::notes_command(&resolve(&sources)?, json, export, import),
        Command::Changed { sources, json } => {
            let origin = resolve(&sources)?;
            let corpus = load(&origin, true);
            with_load_status(&corpus, changed::changed(&origin, &corpus, json))
        }
        Command::Book(args) => book::book_command(&resolve(&args.sources)?, args),
        Command::Board {
            sources,
            json,
            width,
        } => {
            let corpus = load_on_demand(&resolve(&sources)?);
            let width = width.map_or_else(output_width, usize::from);
            with_load_status(&corpus, board::board(&corpus, json, width))
        }
        Command::Edit(args) => edit::edit(&resolve(&args.sources)?, &args.id),
        Command::Show {
            id,
            sources,
            no_pager,
            notes,
        } => {
            let origin = resolve(&sources)?;
            let corpus = load_for_summit(&origin, &id);
            show::show(&corpus, &id, no_pager, notes.then_some(&origin))
        }
    }
}
