//! What the measuring examples share: reading their `--flag value` pairs and ending with
//! a message. Included with `#[path]`; a folder without `main.rs` is not an example itself.

// Each example uses the part it needs, as the tests share `tests/common`.
#![allow(dead_code)]

use std::process::ExitCode;
use std::str::FromStr;

/// The command line's `--flag value` pairs, in order; `--help` (or a flag without its
/// value) is an error that shows `usage`.
pub fn flag_pairs(usage: &str) -> Result<Vec<(String, String)>, String> {
    let mut args = std::env::args().skip(1);
    let mut pairs = Vec::new();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(usage.to_owned());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{usage}"))?;
        pairs.push((flag, value));
    }
    Ok(pairs)
}

/// `value` of `flag` read as a number, or an error naming both.
pub fn number<T: FromStr>(flag: &str, value: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e| format!("{flag} {value}: {e}"))
}

/// Success, or the message on stderr (after `name: `) and exit status `failure`.
pub fn finish(name: &str, result: Result<(), String>, failure: u8) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{name}: {message}");
            ExitCode::from(failure)
        }
    }
}
