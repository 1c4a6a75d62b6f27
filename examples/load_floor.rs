//! The floor for loading a folder of briefings: the least any program must do before it
//! can draw a complete first frame — list the folder, read every file and parse its TOML
//! into a generic table, on all cores — and nothing sherpa adds (its model, checks,
//! positions, finder entries, drawing). PERFORMANCE.md compares the reader's first
//! complete frame with this, measured the same hour on the same machine.
//!
//! ```text
//! cargo run --release --example load_floor -- DIR [--runs N]
//! ```
//!
//! Each run is a fresh process, as a user's start is: it prints the milliseconds of one
//! run; with `--runs N` it starts itself N times and prints the median, 90th percentile
//! and maximum of the whole processes, from spawn to exit.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use rayon::prelude::*;

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(path),
                Ok(kind) if kind.is_file() && path.extension().is_some_and(|e| e == "toml") => {
                    files.push(path);
                }
                _ => {}
            }
        }
    }
    files
}

/// Lists, reads and parses; returns how many files parsed.
fn load(dir: &Path) -> usize {
    toml_files(dir)
        .par_iter()
        .filter(|path| {
            std::fs::read_to_string(path)
                .ok()
                .and_then(|text| text.parse::<toml::Table>().ok())
                .is_some()
        })
        .count()
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: load_floor DIR [--runs N]")?);
    let runs: Option<usize> = match (args.next().as_deref(), args.next()) {
        (Some("--runs"), Some(n)) => Some(
            n.parse::<std::num::NonZeroUsize>()
                .map_err(|e| format!("--runs: {e}"))?
                .get(),
        ),
        (None, _) => None,
        _ => return Err("usage: load_floor DIR [--runs N]".to_owned()),
    };
    let Some(runs) = runs else {
        let start = Instant::now();
        let parsed = load(&dir);
        println!(
            "{parsed} files in {:.1} ms",
            start.elapsed().as_secs_f64() * 1e3
        );
        return Ok(());
    };
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(&me).arg(&dir).output().map(|o| o.status);
            match status {
                Ok(status) if status.success() => Ok(start.elapsed().as_secs_f64() * 1e3),
                other => Err(format!("a run failed: {other:?}")),
            }
        })
        .collect::<Result<_, _>>()?;
    times.sort_by(f64::total_cmp);
    // Nearest-rank percentiles, as e2e_timing prints them.
    let rank =
        |percent: usize| times[(percent * times.len()).div_ceil(100).clamp(1, times.len()) - 1];
    println!(
        "load floor on {} ({runs} processes): median {:.1} ms, p90 {:.1}, max {:.1}",
        dir.display(),
        rank(50),
        rank(90),
        rank(100)
    );
    Ok(())
}
