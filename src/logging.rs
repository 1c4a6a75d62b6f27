//! Optional logging for diagnosing sherpa itself: `SHERPA_LOG=debug` (any `tracing` filter,
//! e.g. `sherpa=trace`) appends to a log file in the platform's state folder
//! (`$XDG_STATE_HOME/sherpa/sherpa.log` on Linux). Logs never go to the screen, where they
//! would corrupt the reader or a pipe.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// The environment variable that turns logging on and sets its filter.
pub const LOG_ENV: &str = "SHERPA_LOG";

/// The log file's folder: the platform's state folder, else its local data folder.
#[must_use]
pub fn log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "sherpa")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// Starts logging when `SHERPA_LOG` is set. Keep the guard alive until exit: dropping it
/// flushes the file.
#[must_use]
pub fn init() -> Option<WorkerGuard> {
    let filter = std::env::var(LOG_ENV).ok().filter(|v| !v.is_empty())?;
    let filter = match EnvFilter::try_new(&filter) {
        Ok(filter) => filter,
        Err(err) => {
            eprintln!("sherpa: {LOG_ENV}={filter:?} is not a log filter ({err}); logging is off");
            return None;
        }
    };
    let dir = log_dir()?;
    if let Err(err) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "sherpa: cannot create {} for the log ({err}); logging is off",
            dir.display()
        );
        return None;
    }
    let (writer, guard) =
        tracing_appender::non_blocking(tracing_appender::rolling::never(&dir, "sherpa.log"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "sherpa started");
    Some(guard)
}
