//! The `sherpa` binary: parse arguments, run the reader or a command, and report an error
//! once, here, as a message on stderr and an exit status.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use sherpa::cli::{Cli, CliError, run_command};
use sherpa::config::Config;

/// mimalloc rather than the system's allocator: a cold load parses every file into many
/// small strings and tables and drops them at once, and glibc's malloc and free were a
/// quarter of a cold search's time (PERFORMANCE.md, "Less CPU per briefing").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A shell asking for completions gets them and nothing else.
    sherpa::cli::complete_from_env();
    let cli = Cli::parse();
    let _log = sherpa::logging::init();
    let result = match cli.command {
        Some(command) => run_command(command, cli.config.as_deref(), &cli.sources, cli.output),
        None => open_reader(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(message) = err.message() {
                eprintln!("{message}");
            }
            ExitCode::from(err.exit_code())
        }
    }
}

fn open_reader(cli: &Cli) -> Result<(), CliError> {
    sherpa::cli::reject_mistyped_command(&cli.sources.paths)?;
    let config = Config::load(cli.config.as_deref())?;
    // Printed before the reader takes the screen, so they are there when it quits.
    config.warn_of_issues();
    if let Some(reason) = sherpa::tui::unusable_terminal() {
        return Err(CliError::NoTerminal(reason));
    }
    sherpa::cli::use_index(&cli.sources);
    let origin = sherpa::cli::origin(&cli.sources, &config);
    let themes = sherpa::tui::Themes::from_config(&config);
    let started = sherpa::tui::start(&origin);
    let reader = sherpa::app::Settings {
        origin: origin.describe(),
        export_dir: cli
            .export_dir
            .clone()
            .or(config.export_dir.clone())
            .unwrap_or_else(|| ".".into()),
        keymap: Arc::new(config.keymap),
        plain: cli.plain,
        remember_position: config.remember_position.unwrap_or(true),
    };
    sherpa::tui::run(&origin, started, reader, themes)?;
    Ok(())
}
