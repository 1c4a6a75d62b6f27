//! The `sherpa` binary: parse arguments, dispatch, and turn results into exit codes.

use std::process::ExitCode;

use clap::Parser;
use sherpa::cli::{Cli, run_command};
use sherpa::corpus::Origin;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run_command(command),
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
    if let Some(reason) = sherpa::tui::unusable_terminal() {
        eprintln!(
            "sherpa: {reason}.\nUse `sherpa list` to list summits and `sherpa export ID [PANE]` to print one."
        );
        return Ok(ExitCode::from(2));
    }
    let origin = Origin::resolve(&cli.paths);
    sherpa::tui::run(&origin, cli.export_dir.clone())?;
    Ok(ExitCode::SUCCESS)
}
