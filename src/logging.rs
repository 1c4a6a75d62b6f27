//! Optional logging for diagnosing sherpa itself: `SHERPA_LOG=debug` (any `tracing` filter,
//! e.g. `sherpa=trace`) appends to a log file in the platform's state folder
//! (`$XDG_STATE_HOME/sherpa/sherpa.log` on Linux). Logs never go to the screen, where they
//! would corrupt the reader or a pipe.

use std::path::PathBuf;

use sherpa_core::sanitize::sanitize_line;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// The environment variable that turns logging on and sets its filter.
pub const LOG_ENV: &str = "SHERPA_LOG";

/// The log file's name inside [`log_dir`].
const LOG_FILE: &str = "sherpa.log";

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
/// flushes the file. Logging is a diagnostic aid, so a log that cannot be had (a bad filter,
/// a folder or file that cannot be created) is one note on stderr and never stops the
/// command. The folder comes from the environment (`XDG_STATE_HOME`), so the note shows it
/// through the sanitiser.
#[must_use]
pub fn init() -> Option<WorkerGuard> {
    let filter = std::env::var(LOG_ENV).ok().filter(|v| !v.is_empty())?;
    let filter = match EnvFilter::try_new(&filter) {
        Ok(filter) => filter,
        Err(err) => {
            eprintln!(
                "sherpa: {LOG_ENV}={} is not a log filter ({err}); logging is off",
                sanitize_line(&format!("{filter:?}")).as_str()
            );
            return None;
        }
    };
    let dir = log_dir()?;
    let file = std::fs::create_dir_all(&dir)
        .map_err(|err| err.to_string())
        .and_then(|()| {
            RollingFileAppender::builder()
                .rotation(Rotation::NEVER)
                .filename_prefix(LOG_FILE)
                .build(&dir)
                .map_err(|err| err.to_string())
        });
    let file = match file {
        Ok(file) => file,
        Err(err) => {
            eprintln!(
                "sherpa: cannot write the log {} ({}); logging is off",
                sanitize_line(&dir.join(LOG_FILE).display().to_string()).as_str(),
                sanitize_line(&err).as_str()
            );
            return None;
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(file);
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "sherpa started");
    Some(guard)
}
