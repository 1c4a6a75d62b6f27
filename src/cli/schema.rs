//! `sherpa schema`: the JSON Schema of the briefing format.

use std::io::{self, Write};

use super::CommandResult;

pub(super) fn print_schema() -> CommandResult {
    let mut out = io::stdout().lock();
    writeln!(out, "{}", schema_json())?;
    Ok(())
}

/// The JSON Schema of the briefing format, generated from the model types.
#[must_use]
pub fn schema_json() -> String {
    let schema = sherpa_core::model::json_schema();
    sherpa_core::export::to_json_pretty(&schema).unwrap_or_default()
}
