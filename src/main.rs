//! The `sherpa` binary: parse arguments, dispatch, and turn results into exit codes.

use std::process::ExitCode;

use clap::Parser;
use sherpa::cli::{Cli, load_config, run_command};
use sherpa_core::corpus::Origin;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log = sherpa::logging::init();
    let result = match cli.command {
        Some(command) => run_command(command, cli.config.as_deref()),
        None => open_reader(&cli),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`sherpa list | head -1`) is a normal way for output to end.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sherpa: {err}");
            ExitCode::from(1)
        }
    }
}

fn open_reader(cli: &Cli) -> std::io::Result<ExitCode> {
    let config = match load_config(cli.config.as_deref()) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    if let Some(reason) = sherpa::tui::unusable_terminal() {
        eprintln!(
            "sherpa: {reason}.\nUse `sherpa list` to list summits and `sherpa export ID [PANE]` to print one."
        );
        return Ok(ExitCode::from(2));
    }
    let settings = sherpa::tui::Settings {
        origin: Origin::resolve(&cli.paths, &config.briefings),
        export_dir: cli
            .export_dir
            .clone()
            .or(config.export_dir.clone())
            .unwrap_or_else(|| ".".into()),
        theme: config.theme(),
        keymap: config.keymap,
        plain: cli.plain,
    };
    sherpa::tui::run(settings)?;
    Ok(ExitCode::SUCCESS)
}
