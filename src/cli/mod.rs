//! The command line: parse, then dispatch to one short function per command.
//!
//! Commands read the same corpus and use the same renderer as the reader. Output is plain,
//! sanitised text on stdout (JSON where asked); notes go to stderr, so pipes get only data.
//! A command returns a [`CliError`], which `main` reports once with its exit status.
//! The clap definitions are in `args`, each command's body in a file of its own.

mod args;
mod board;
mod book;
mod check;
mod complete;
mod config;
mod diff;
mod edit;
mod error;
mod export;
mod list;
mod load;
mod man;
mod new;
mod output;
mod pager;
mod schema;
mod search;
mod show;
mod timeline;
mod track;
mod typo;

pub use args::{BookArgs, Cli, Command};
pub use complete::complete_from_env;
pub use error::{CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
pub use schema::schema_json;
pub use typo::reject_mistyped_command;

use crate::config::Config;
use load::{Sources, load, load_for_summit, resolve_noting_fallback, with_load_status};
use output::{Output, output_width};

/// The result of a command: done, or why not.
pub type CommandResult = Result<(), CliError>;

/// Runs a parsed command line that is not the reader. `config_path` is `--config`;
/// commands that read briefings load the config first.
pub fn run_command(
    command: Command,
    config_path: Option<&std::path::Path>,
    bundled: bool,
) -> CommandResult {
    // These work even when the config is broken, so the user can repair it.
    match &command {
        Command::Config { default, path } => {
            return config::config_command(*default, *path, config_path);
        }
        Command::Schema => return schema::print_schema(),
        Command::New(args) => return new::new_briefing(args),
        Command::Man => return man::print_man(),
        _ => {}
    }
    let config = Config::load(config_path)?;
    let configured = &Sources {
        briefings: &config.briefings,
        bundled: bundled || config.bundled,
    };
    match command {
        Command::List { paths, dir, json } => {
            list::list(&load(&[paths, dir].concat(), configured, true), json)
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
            export::export(&corpus, &id, pane, format, usize::from(width), output)
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
            check::check(&origin.load_with(options), strict)
        }
        Command::Timeline {
            paths,
            dir,
            participant,
            json,
        } => {
            let corpus = load(&[paths, dir].concat(), configured, true);
            with_load_status(
                &corpus,
                timeline::timeline(&corpus, participant.as_deref(), json),
            )
        }
        Command::Track { id, dir, json } => {
            let corpus = load(&dir, configured, true);
            with_load_status(&corpus, track::track(&corpus, &id, json))
        }
        Command::Diff {
            from,
            to,
            dir,
            json,
        } => {
            let corpus = load(&dir, configured, true);
            with_load_status(&corpus, diff::diff(&corpus, &from, &to, json))
        }
        Command::Search { query, paths, json } => {
            let corpus = load(&paths, configured, true);
            with_load_status(&corpus, search::search(&corpus, &query, json))
        }
        Command::Book(args) => book::book_command(args, configured),
        Command::Board {
            mut paths,
            dir,
            json,
            width,
        } => {
            paths.extend(dir);
            let corpus = load(&paths, configured, true);
            let width = width.map_or_else(output_width, usize::from);
            with_load_status(&corpus, board::board(&corpus, json, width))
        }
        Command::Edit(args) => edit::edit(&args, configured),
        Command::Show { id, dir, no_pager } => {
            show::show(&load_for_summit(&dir, configured, &id), &id, no_pager)
        }
        Command::Completions { shell } => complete::print_registration(shell),
        Command::Config { .. } | Command::Schema | Command::Man | Command::New(_) => {
            unreachable!("handled above")
        }
    }
}
