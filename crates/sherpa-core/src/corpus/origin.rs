//! Where the briefings come from: the paths given, `$SHERPA_BRIEFINGS`, the config, the
//! current folder or the bundled briefings, in that order.

use std::path::PathBuf;

use super::read::bundled_files;
use super::{Corpus, LoadOptions};
use crate::sanitize::sanitize_field;

/// The environment variable naming the briefings folder when no path is given.
pub const BRIEFINGS_ENV: &str = "SHERPA_BRIEFINGS";

/// Where the briefings came from; commands tell the user when they fell back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Paths given on the command line.
    Paths(Vec<PathBuf>),
    /// Paths from `$SHERPA_BRIEFINGS`.
    Env(Vec<PathBuf>),
    /// Paths from the config file's `briefings`.
    Config(Vec<PathBuf>),
    /// `./briefings` in the current directory.
    CurrentDir(PathBuf),
    /// The briefings compiled into the binary.
    Bundled,
    /// Another origin read together with the bundled briefings (`--bundled`).
    WithBundled(Box<Origin>),
}

impl Origin {
    /// Picks the source by the documented fallback order: paths given, then
    /// `$SHERPA_BRIEFINGS`, then the config's `briefings`, then `./briefings`, then the
    /// bundled briefings.
    #[must_use]
    pub fn resolve(paths: &[PathBuf], configured: &[PathBuf]) -> Self {
        if !paths.is_empty() {
            return Self::Paths(paths.to_vec());
        }
        // Empty segments (`a::b`, a trailing `:`) mean nothing, as in `PATH`.
        let from_env: Vec<PathBuf> = std::env::var_os(BRIEFINGS_ENV)
            .map(|value| {
                std::env::split_paths(&value)
                    .filter(|path| !path.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if !from_env.is_empty() {
            return Self::Env(from_env);
        }
        if !configured.is_empty() {
            return Self::Config(configured.to_vec());
        }
        let local = PathBuf::from("briefings");
        if local.is_dir() {
            return Self::CurrentDir(local);
        }
        Self::Bundled
    }

    /// This origin read together with the bundled briefings when `bundled` is set (the
    /// bundled briefings alone stay as they are).
    #[must_use]
    pub fn with_bundled(self, bundled: bool) -> Self {
        match self {
            Self::Bundled | Self::WithBundled(_) => self,
            other if bundled => Self::WithBundled(Box::new(other)),
            other => other,
        }
    }

    /// A short description for status lines and fallback notes.
    #[must_use]
    pub fn describe(&self) -> String {
        // Paths come from the command line, the environment or the config: shown sanitised.
        let join = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| sanitize_field(&p.display().to_string()).into_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Self::Paths(paths) => join(paths),
            Self::Env(paths) => format!("${BRIEFINGS_ENV} ({})", join(paths)),
            Self::Config(paths) => format!("the config's briefings ({})", join(paths)),
            Self::CurrentDir(path) => format!("./{}", sanitize_field(&path.display().to_string())),
            Self::Bundled => "the bundled briefings".to_owned(),
            Self::WithBundled(inner) => format!("{} and the bundled briefings", inner.describe()),
        }
    }

    /// True when the user did not name the source, so commands should say which one they read.
    #[must_use]
    pub fn is_fallback(&self) -> bool {
        match self {
            Self::Paths(_) => false,
            Self::WithBundled(inner) => inner.is_fallback(),
            _ => true,
        }
    }

    /// The files and folders this origin reads (none for the bundled briefings): what live
    /// reload watches.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        match self {
            Self::Paths(paths) | Self::Env(paths) | Self::Config(paths) => paths,
            Self::CurrentDir(path) => std::slice::from_ref(path),
            Self::Bundled => &[],
            Self::WithBundled(inner) => inner.paths(),
        }
    }

    /// Loads every briefing this origin names.
    #[must_use]
    pub fn load(&self) -> Corpus {
        self.load_with(LoadOptions::default())
    }

    /// Loads every briefing this origin names, with extra checks.
    #[must_use]
    pub fn load_with(&self, options: LoadOptions) -> Corpus {
        match self {
            Self::Paths(paths) | Self::Env(paths) | Self::Config(paths) => {
                Corpus::load_paths_with(paths, options)
            }
            Self::CurrentDir(path) => Corpus::load_paths_with(std::slice::from_ref(path), options),
            Self::Bundled => Corpus::from_files(
                bundled_files(),
                LoadOptions {
                    with_bundled: false,
                    ..options
                },
            ),
            Self::WithBundled(inner) => inner.load_with(LoadOptions {
                with_bundled: true,
                ..options
            }),
        }
    }
}
