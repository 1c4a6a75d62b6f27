//! `sherpa config`: show where the config file is, check it, or print the defaults.

use std::io::{self, Write};

use super::{CliError, CommandResult};
use crate::config::{self, Config};
use sherpa_core::sanitize::sanitize_line;

pub(super) fn config_command(
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
