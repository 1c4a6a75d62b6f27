//! Where the briefings come from: the paths given, `$SHERPA_BRIEFINGS`, the config, the
//! current folder or the bundled briefings, in that order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::read::{STDIN_PATH, bundled_files};
use super::searched::SearchResults;
use super::snapshot::Loaded;
use super::{Assembly, Catalog, Corpus, LoadOptions, Summit, assemble_files, load_found};
use crate::sanitize::sanitize_field;
use crate::search::Query;

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

    /// This origin with the briefing files beside each file it names (the `*.toml` files
    /// of the same folder, not below it), and those added files as they will be shown in
    /// diagnostics. A file checked on its own (a pre-commit hook checks one at a time) then
    /// finds the summits it links to and the ids it repeats; the caller reports problems of
    /// the files named only. The neighbours come first, so a named file that repeats an
    /// id is the one reported. Folders named are read as they are, and their files are not
    /// neighbours; links beside a file are not followed, as in a folder.
    #[must_use]
    pub fn with_neighbours(&self) -> (Self, Vec<String>) {
        let widen = |paths: &[PathBuf]| {
            let neighbours = neighbours_of(paths);
            let shown = neighbours
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            ([&neighbours[..], paths].concat(), shown)
        };
        match self {
            Self::Paths(paths) => {
                let (paths, shown) = widen(paths);
                (Self::Paths(paths), shown)
            }
            Self::Env(paths) => {
                let (paths, shown) = widen(paths);
                (Self::Env(paths), shown)
            }
            Self::Config(paths) => {
                let (paths, shown) = widen(paths);
                (Self::Config(paths), shown)
            }
            Self::WithBundled(inner) => {
                let (inner, shown) = inner.with_neighbours();
                (Self::WithBundled(Box::new(inner)), shown)
            }
            Self::CurrentDir(_) | Self::Bundled => (self.clone(), Vec::new()),
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
        Corpus::from(self.assemble::<super::ParsedSummit>(options, &()))
    }

    /// Loads every briefing this origin names for the reader: a summit the persistent
    /// index knows as it is reads its document only when first asked for
    /// ([`Corpus::load_paths_on_demand`]).
    #[must_use]
    pub fn load_on_demand(&self) -> Corpus {
        Corpus::from(self.assemble::<super::ReaderSummit>(LoadOptions::default(), &()))
    }

    /// The catalog of every briefing this origin names: what `sherpa list` shows, from the
    /// persistent index's small rows where the program configured one.
    #[must_use]
    pub fn catalog(&self) -> Catalog {
        Catalog::from(self.assemble(LoadOptions::default(), &()))
    }

    /// What `sherpa search` prints for `query` over every briefing this origin names:
    /// each briefing is searched as it is loaded (from the persistent index's stored parse
    /// where the program configured one) and dropped, so memory follows the matches, not
    /// the corpus.
    #[must_use]
    pub fn search(&self, query: &Query) -> SearchResults {
        let options = LoadOptions::default();
        SearchResults::load(query, |context| match self {
            Self::Bundled | Self::WithBundled(_) => {
                Loaded::Assembled(self.assemble(options, context))
            }
            // Files and folders on disk, as `assemble` loads them, from a snapshot if it can.
            _ => {
                let index_dir = crate::index::configured_dir();
                super::snapshot::load_search(self.paths(), options, index_dir, context)
            }
        })
    }

    /// Finds, reads and assembles every briefing this origin names, each summit made with
    /// `context`.
    fn assemble<S: Summit>(&self, options: LoadOptions, context: &S::Context) -> Assembly<S> {
        match self {
            Self::Bundled => assemble_files(
                bundled_files(),
                LoadOptions {
                    with_bundled: false,
                    ..options
                },
                context,
            ),
            Self::WithBundled(inner) => inner.assemble(
                LoadOptions {
                    with_bundled: true,
                    ..options
                },
                context,
            ),
            // The files and folders named.
            _ => load_found(
                self.paths(),
                options,
                crate::index::configured_dir(),
                context,
            ),
        }
    }
}

/// The `*.toml` files in the folders of the files among `paths`, sorted by name, leaving
/// out the files named, those inside a folder named and symbolic links. A folder that
/// cannot be listed adds nothing: its file is still read, and reports its own problems.
fn neighbours_of(paths: &[PathBuf]) -> Vec<PathBuf> {
    let canonical = |path: &Path| path.canonicalize().ok();
    let named_files: Vec<&PathBuf> = paths
        .iter()
        .filter(|path| path.as_os_str() != STDIN_PATH && path.is_file())
        .collect();
    let mut seen: HashSet<PathBuf> = named_files.iter().filter_map(|p| canonical(p)).collect();
    let named_folders: Vec<PathBuf> = paths
        .iter()
        .filter(|path| path.is_dir())
        .filter_map(|path| canonical(path))
        .collect();
    let mut neighbours = Vec::new();
    for file in named_files {
        let folder = file.parent().unwrap_or(Path::new(""));
        let listed = if folder.as_os_str().is_empty() {
            std::fs::read_dir(".")
        } else {
            std::fs::read_dir(folder)
        };
        let Ok(entries) = listed else { continue };
        let mut beside: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .map(|entry| folder.join(entry.file_name()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        beside.sort();
        for path in beside {
            let Some(real) = canonical(&path) else {
                continue;
            };
            if !named_folders.iter().any(|folder| real.starts_with(folder)) && seen.insert(real) {
                neighbours.push(path);
            }
        }
    }
    neighbours
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_file_brings_its_folders_other_files_first() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.toml", "b.toml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.toml"), "").unwrap();
        let named = dir.path().join("b.toml");
        let (widened, added) = Origin::Paths(vec![named.clone()]).with_neighbours();
        let a = dir.path().join("a.toml");
        assert_eq!(widened, Origin::Paths(vec![a.clone(), named]));
        assert_eq!(added, vec![a.display().to_string()]);
    }

    #[test]
    fn a_named_folder_is_read_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), "").unwrap();
        let origin = Origin::Paths(vec![dir.path().to_owned()]);
        assert_eq!(origin.with_neighbours(), (origin, Vec::new()));
        let both = Origin::Paths(vec![dir.path().join("a.toml"), dir.path().to_owned()]);
        assert_eq!(both.with_neighbours().1, Vec::<String>::new());
    }
}
