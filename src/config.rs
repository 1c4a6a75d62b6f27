//! The user's configuration file: default briefings, export folder, colours and keys.
//!
//! Found in the platform's config folder (`$XDG_CONFIG_HOME/sherpa/config.toml` on Linux)
//! or given with `--config FILE`. Every key is optional. A setting that cannot be used (an
//! unknown key, a bad value, a bad key binding, a file that is not TOML at all) is a
//! [`ConfigIssue`] at its `path:line:col`, and that setting keeps its default: commands
//! that read briefings warn and go on, so one typo never stops `sherpa list`, while
//! `sherpa config` reports every issue as an error and exits 2, so a typo is never silently
//! ignored either.

use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::keymap::{KeyError, Keymap, Table};
use crate::palette::{Background, Palette, ThemeName};
use sherpa_core::diagnostics::{Diagnostic, Severity, closest_word as closest};
use sherpa_core::sanitize::sanitize;

/// The file name inside the platform's config folder.
pub const FILE_NAME: &str = "config.toml";

/// The settings a config file can hold, as written, for messages and suggestions.
const SETTINGS: [&str; 7] = [
    "briefings",
    "bundled",
    "export-dir",
    "remember-position",
    "theme",
    "colors",
    "keys",
];

/// The configuration; paths are already resolved (`~` and relative to the file).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Briefing files or folders read when no path is given and `$SHERPA_BRIEFINGS` is unset.
    pub briefings: Vec<PathBuf>,
    /// Read the bundled briefings together with the others (as `--bundled` does).
    pub bundled: bool,
    /// Where the reader's `e` key writes exports, unless `--export-dir` is given.
    pub export_dir: Option<PathBuf>,
    /// `remember-position = false` opens every corpus at its latest summit instead of
    /// where it was left; unset, the place is remembered.
    pub remember_position: Option<bool>,
    pub theme: ThemeName,
    /// Colours that replace the theme's, by role.
    pub colors: ColorOverrides,
    /// The key table with the `[keys]` tables applied.
    pub keymap: Keymap,
    /// What could not be used, in file order; those settings kept their defaults.
    issues: Vec<ConfigIssue>,
}

/// Optional replacements for each palette colour: a name (`red`, `light-blue`), an ANSI
/// index (`"208"`) or `#rrggbb`. Each is read by [`config_color`], whose error lists them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColorOverrides {
    pub accent: Option<Color>,
    pub muted: Option<Color>,
    pub link: Option<Color>,
    pub error: Option<Color>,
    pub unsourced: Option<Color>,
    pub open: Option<Color>,
    pub narrowed: Option<Color>,
    pub resolved: Option<Color>,
    pub matched: Option<Color>,
    pub selection: Option<Color>,
}

/// The colour roles `[colors]` can set, in the order `sherpa config --default` lists them.
fn color_roles() -> [&'static str; 10] {
    Palette::DARK.roles().map(|(name, _)| name)
}

impl ColorOverrides {
    /// The override of a role named as `[colors]` names it.
    fn role_mut(&mut self, role: &str) -> Option<&mut Option<Color>> {
        Some(match role {
            "accent" => &mut self.accent,
            "muted" => &mut self.muted,
            "link" => &mut self.link,
            "error" => &mut self.error,
            "unsourced" => &mut self.unsourced,
            "open" => &mut self.open,
            "narrowed" => &mut self.narrowed,
            "resolved" => &mut self.resolved,
            "matched" => &mut self.matched,
            "selection" => &mut self.selection,
            _ => return None,
        })
    }
}

/// The colour names the config accepts, for error messages and suggestions.
const COLOR_NAMES: [&str; 17] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
    "reset",
];

/// Reads a colour; the error says every form a colour can take (ratatui's own says only
/// "Failed to parse Colors") and suggests the nearest name.
fn config_color<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Color, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse::<Color>().map_err(|_| {
        let near = closest(&text, COLOR_NAMES.iter().copied())
            .map(|name| format!("did you mean `{name}`? "))
            .unwrap_or_default();
        serde::de::Error::custom(format!(
            "unknown colour `{text}`; {near}write a name ({}), an ANSI index from \"0\" to \"255\", or \"#rrggbb\"",
            COLOR_NAMES.join(", ")
        ))
    })
}

/// Why a part of a config file cannot be used. Each variant is a problem the user can fix
/// by editing the file; [`ConfigIssue`] says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigProblem {
    /// The file is not TOML at all, so nothing in it can be read.
    #[error("not a TOML file ({message}), so none of it is read")]
    NotToml { message: String },
    /// A top-level key that is no setting.
    #[error(
        "unknown setting `{key}`; {}the settings are {}",
        did_you_mean(*near),
        SETTINGS.join(", ")
    )]
    UnknownSetting {
        key: String,
        near: Option<&'static str>,
    },
    /// A key of `[colors]` that is no colour role.
    #[error(
        "unknown colour role `{role}` in [colors]; {}the roles are {}",
        did_you_mean(*near),
        color_roles().join(", ")
    )]
    UnknownColorRole {
        role: String,
        near: Option<&'static str>,
    },
    /// A setting with a value of the wrong kind or out of its choices.
    #[error("`{setting}`: {message}")]
    BadValue { setting: String, message: String },
    /// A `[keys]` entry that cannot be used.
    #[error(transparent)]
    Keys(#[from] KeyError),
}

fn did_you_mean(near: Option<&str>) -> String {
    near.map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default()
}

/// A problem in a config file and where it is: `path:line:col`, in the form `sherpa check`
/// gives briefing problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    pub problem: ConfigProblem,
    /// The place and message, ready to print.
    pub diagnostic: Diagnostic,
}

impl ConfigIssue {
    fn new(path: &Path, text: &str, problem: Spanned<ConfigProblem>) -> Self {
        let diagnostic = Diagnostic::new(
            &path.display().to_string(),
            Severity::Warning,
            problem.get_ref().to_string(),
        )
        .at_offset(text, problem.span().start);
        Self {
            problem: problem.into_inner(),
            diagnostic,
        }
    }

    /// The issue as printed with `severity`: a warning for commands that go on with the
    /// default, an error for `sherpa config`, which checks the file.
    #[must_use]
    pub fn report(&self, severity: Severity) -> String {
        let diagnostic = Diagnostic {
            severity,
            ..self.diagnostic.clone()
        };
        sanitize(&diagnostic.to_string()).to_string()
    }
}

/// A config file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named with `--config` is missing, or a config file cannot be read.
    #[error("config {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    /// The file has issues (for `sherpa config`, which checks it).
    #[error("{}", issues.iter().map(|i| i.report(Severity::Error)).collect::<Vec<_>>().join("\n"))]
    Invalid { issues: Vec<ConfigIssue> },
}

/// Config files larger than this are refused: a real one is a few kilobytes, and one
/// linked to `/dev/zero` would otherwise be read until memory runs out.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the config file at `path` whole, as long as it is at most [`MAX_CONFIG_BYTES`].
///
/// A FIFO is opened without blocking, so one that no program writes to is an error at
/// once instead of a wait for a writer that never comes, while a pipe that already has
/// its writer, such as process substitution's `--config <(…)`, is read to its end. A
/// writer that opens a named FIFO only after sherpa has is not waited for.
fn read_text(path: &Path) -> Result<String, ConfigError> {
    use std::io::Read;
    let unreadable = |reason: String| ConfigError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let file = open_without_waiting(path).map_err(|e| unreadable(e.to_string()))?;
    let fifo = file.metadata().is_ok_and(|m| is_fifo(&m));
    let mut text = String::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| unreadable(e.to_string()))?;
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(unreadable(format!(
            "larger than the {} MiB limit for a config file",
            MAX_CONFIG_BYTES / 1024 / 1024
        )));
    }
    if text.is_empty() && fifo {
        return Err(unreadable(
            "a FIFO with nothing written to it (sherpa reads a pipe only while its writer runs)"
                .to_owned(),
        ));
    }
    Ok(text)
}

/// Opens `path` for reading without waiting for a FIFO's writer, then makes reads block
/// again, so a pipe whose writer is still producing is read to its end.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags, fcntl_getfl, fcntl_setfl};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    fcntl_setfl(&fd, fcntl_getfl(&fd)? - OFlags::NONBLOCK)?;
    Ok(fd.into())
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(unix)]
fn is_fifo(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    metadata.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::Metadata) -> bool {
    false
}

/// Where the config is read from when `--config` is not given.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sherpa").map(|d| d.config_dir().join(FILE_NAME))
}

impl Config {
    /// Reads `explicit` (which must exist), else the default file if there is one, else
    /// the built-in defaults. Only a file that cannot be read is an error; what cannot be
    /// used in it is in [`Config::issues`].
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match default_path().filter(|p| p.is_file()) {
                Some(path) => path,
                None => return Ok(Self::default()),
            },
        };
        let text = read_text(&path)?;
        let mut config = Self::read(&path, &text);
        let base = path.parent().unwrap_or(Path::new("."));
        for briefing in &mut config.briefings {
            *briefing = resolve_path(base, briefing);
        }
        config.export_dir = config.export_dir.map(|dir| resolve_path(base, &dir));
        Ok(config)
    }

    /// Reads config text from `path`: every setting that can be used is, the others keep
    /// their defaults and are listed in [`Config::issues`].
    #[must_use]
    pub fn read(path: &Path, text: &str) -> Self {
        let mut config = Self::default();
        let mut problems = Vec::new();
        match DeTable::parse(text) {
            Ok(document) => config.apply(document.get_ref(), &mut problems),
            Err(error) => problems.push(Spanned::new(
                error.span().unwrap_or(0..0),
                ConfigProblem::NotToml {
                    message: error.message().trim_end().to_owned(),
                },
            )),
        }
        problems.sort_by_key(|problem| problem.span().start);
        config.issues = problems
            .into_iter()
            .map(|problem| ConfigIssue::new(path, text, problem))
            .collect();
        config
    }

    /// Parses config text that must have no issue, as `sherpa config` checks a file.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        Self::read(Path::new(FILE_NAME), text).checked()
    }

    /// This config, or every issue it has as an error.
    pub fn checked(self) -> Result<Self, ConfigError> {
        if self.issues.is_empty() {
            Ok(self)
        } else {
            Err(ConfigError::Invalid {
                issues: self.issues,
            })
        }
    }

    /// What could not be used, in file order.
    #[must_use]
    pub fn issues(&self) -> &[ConfigIssue] {
        &self.issues
    }

    /// Warns on stderr of each issue, for commands that go on with the defaults.
    pub fn warn_of_issues(&self) {
        for issue in &self.issues {
            eprintln!("{}", issue.report(Severity::Warning));
        }
    }

    /// Applies the document's settings, each on its own: a bad one is recorded and the
    /// others still apply.
    fn apply(&mut self, document: &DeTable<'_>, problems: &mut Vec<Spanned<ConfigProblem>>) {
        for (name, value) in document {
            let result = match name.get_ref().as_ref() {
                "briefings" => setting(name, value).map(|v| self.briefings = v),
                "bundled" => setting(name, value).map(|v| self.bundled = v),
                "export-dir" => setting(name, value).map(|v| self.export_dir = Some(v)),
                "remember-position" => {
                    setting(name, value).map(|v| self.remember_position = Some(v))
                }
                "theme" => setting(name, value).map(|v| self.theme = v),
                "colors" => table(name, value).map(|roles| self.colors.apply(roles, problems)),
                "keys" => table(name, value).map(|tables| {
                    let found = self.keymap.apply(tables, "keys.");
                    problems.extend(found.into_iter().map(|problem| {
                        Spanned::new(problem.span(), ConfigProblem::Keys(problem.into_inner()))
                    }));
                }),
                key => Err(Spanned::new(
                    name.span(),
                    ConfigProblem::UnknownSetting {
                        key: key.to_owned(),
                        near: closest(key, SETTINGS),
                    },
                )),
            };
            if let Err(problem) = result {
                problems.push(problem);
            }
        }
    }

    /// The colours to draw with, `None` for none (the plain theme); `NO_COLOR` still
    /// turns them off when the screen's theme is made from it. `background` is asked only
    /// for the `auto` theme, since asking the terminal costs a round trip.
    #[must_use]
    pub fn palette(&self, background: impl FnOnce() -> Background) -> Option<Palette> {
        let base = match self.theme {
            ThemeName::Auto => background().palette(),
            ThemeName::Dark => Palette::DARK,
            ThemeName::Light => Palette::LIGHT,
            ThemeName::Plain => return None,
        };
        let c = self.colors;
        Some(Palette {
            accent: c.accent.unwrap_or(base.accent),
            muted: c.muted.unwrap_or(base.muted),
            link: c.link.unwrap_or(base.link),
            error: c.error.unwrap_or(base.error),
            unsourced: c.unsourced.unwrap_or(base.unsourced),
            open: c.open.unwrap_or(base.open),
            narrowed: c.narrowed.unwrap_or(base.narrowed),
            resolved: c.resolved.unwrap_or(base.resolved),
            matched: c.matched.unwrap_or(base.matched),
            selection: c.selection.unwrap_or(base.selection),
        })
    }
}

impl ColorOverrides {
    /// Applies `[colors]`, each role on its own.
    fn apply(&mut self, roles: &DeTable<'_>, problems: &mut Vec<Spanned<ConfigProblem>>) {
        for (role, value) in roles {
            let Some(slot) = self.role_mut(role.get_ref()) else {
                problems.push(Spanned::new(
                    role.span(),
                    ConfigProblem::UnknownColorRole {
                        role: role.get_ref().to_string(),
                        near: closest(role.get_ref(), color_roles()),
                    },
                ));
                continue;
            };
            match config_color(ValueDeserializer::from(value.clone())) {
                Ok(color) => *slot = Some(color),
                Err(error) => problems.push(bad_value(role, value, &error)),
            }
        }
    }
}

/// A setting's value read as `T`, or why not, at the value's place.
fn setting<T: DeserializeOwned>(
    name: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) -> Result<T, Spanned<ConfigProblem>> {
    T::deserialize(ValueDeserializer::from(value.clone())).map_err(|e| bad_value(name, value, &e))
}

/// A setting that must be a table (`[colors]`, `[keys]`).
fn table<'a, 'i>(
    name: &Spanned<std::borrow::Cow<'_, str>>,
    value: &'a Spanned<DeValue<'i>>,
) -> Result<&'a DeTable<'i>, Spanned<ConfigProblem>> {
    match value.get_ref() {
        DeValue::Table(table) => Ok(table),
        other => Err(Spanned::new(
            value.span(),
            ConfigProblem::BadValue {
                setting: name.get_ref().to_string(),
                message: format!("expected a table, found {}", other.type_str()),
            },
        )),
    }
}

/// A value the parser could not read as its setting's type, at the place the parser
/// names (an array's element), else at the value.
fn bad_value(
    name: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    error: &toml::de::Error,
) -> Spanned<ConfigProblem> {
    Spanned::new(
        error.span().unwrap_or_else(|| value.span()),
        ConfigProblem::BadValue {
            setting: name.get_ref().to_string(),
            message: error.message().trim_end().to_owned(),
        },
    )
}

/// `~/x` is in the home folder; a relative path is relative to the config file.
fn resolve_path(base: &Path, path: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(dirs) = directories::BaseDirs::new()
    {
        return dirs.home_dir().join(rest);
    }
    base.join(path)
}

/// A commented config file with every setting at its default, for `sherpa config --default`.
#[must_use]
pub fn default_file() -> String {
    let mut text = String::from(
        "# sherpa configuration. Every setting is optional; remove the `#` to change one.\n\
         # sherpa reads this file from the platform's config folder (see `sherpa config --path`)\n\
         # or from `--config FILE`.\n\n\
         # Briefing files or folders to read when no path is given and $SHERPA_BRIEFINGS is unset.\n\
         # `~` is your home folder; relative paths are relative to this file.\n\
         # briefings = [\"~/briefings\"]\n\n\
         # Also read the briefings built into sherpa, so yours can link them (as --bundled).\n\
         # bundled = false\n\n\
         # Where the reader's `e` key writes exports (default: the current folder).\n\
         # export-dir = \"~/exports\"\n\n\
         # Reopen briefings at the summit, pane and item where you left them.\n\
         # remember-position = true\n\n\
         # Colours: \"auto\" (dark or light after the terminal's background, asked at start;\n\
         # COLORFGBG if it does not answer, else dark), \"dark\", \"light\" or \"plain\" (none).\n\
         # NO_COLOR in the environment always turns colour off.\n\
         # theme = \"auto\"\n\n\
         # Replace any colour of the theme: a name (red, light-blue, dark-gray), an ANSI index\n\
         # (\"208\") or \"#rrggbb\".\n\
         [colors]\n",
    );
    let palette = Palette::DARK;
    for (name, color) in palette.roles() {
        text.push_str(&format!("# {name} = \"{}\"\n", color_name(color)));
    }
    text.push_str(
        "\n# Keys: commands are bound per context, as in sherpa's own keys.toml. [keys.shared]\n\
         # holds what every context has; [keys.reader], [keys.text] (help, summary, sources,\n\
         # what changed, problems), [keys.list] (finder, timeline, history, summits attended)\n\
         # and [keys.board] hold each context's own. A context inherits every shared command it\n\
         # does not name, with the keys it does not bind itself; a list never inherits a plain\n\
         # character, which types its filter. Give a command one key or a list: the keys given\n\
         # replace the command's keys in that table and are taken from any other command there;\n\
         # [] unbinds it. Bindings written directly under [keys] (the form before contexts) are\n\
         # not read. The help screen (`?`) shows the result.\n\
         # Keys are written like `j`, `G`, `?`, `Ctrl-d`, `Alt-x`, `Enter`, `Esc`, `Tab`,\n\
         # `Shift-Tab`, `Backspace`, `Space`, `Up`, `Down`, `Left`, `Right`, `PageUp`,\n\
         # `PageDown`, `Home`, `End`, `F1`…`F12`.\n",
    );
    let keymap = Keymap::default();
    for table in Table::ALL {
        text.push_str(&format!("\n[keys.{}]\n", table.name()));
        for binding in keymap.table(table) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("{:?}", k.to_string()))
                .collect();
            let description = match table {
                Table::Shared => binding.command.description(),
                Table::Own(context) => binding.command.description_in(context),
            };
            text.push_str(&format!(
                "# {} = [{}]  # {description}\n",
                binding.command.name(),
                keys.join(", "),
            ));
        }
    }
    text
}

/// A colour as the config writes it.
fn color_name(color: Color) -> String {
    let name = color.to_string();
    let mut kebab = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            kebab.push('-');
        }
        kebab.push(c.to_ascii_lowercase());
    }
    kebab
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::keymap::{Command, Context, Key};

    /// Each issue of `text` as (problem, line, column).
    fn issues(text: &str) -> Vec<(ConfigProblem, usize, usize)> {
        Config::read(Path::new("c.toml"), text)
            .issues()
            .iter()
            .map(|issue| {
                let d = &issue.diagnostic;
                (issue.problem.clone(), d.line.unwrap(), d.column.unwrap())
            })
            .collect()
    }

    fn only_issue(text: &str) -> (ConfigProblem, usize, usize) {
        let mut found = issues(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = Config::parse("").unwrap();
        assert!(config.briefings.is_empty());
        assert_eq!(config.theme, ThemeName::Auto);
    }

    #[test]
    fn the_default_file_parses_and_uncommented_round_trips_to_the_default_keymap() {
        let text = default_file();
        let commented = Config::parse(&text).unwrap();
        assert_eq!(commented.keymap, Keymap::default());
        let uncommented = text
            .lines()
            .map(|line| {
                line.strip_prefix("# ")
                    .filter(|l| l.contains(" = "))
                    .unwrap_or(line)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::parse(&uncommented).unwrap();
        assert_eq!(config.theme, ThemeName::Auto);
        assert_eq!(config.colors.accent, Some(Palette::DARK.accent));
        let table: toml::Table = toml::from_str(&uncommented).unwrap();
        let keys = table["keys"].as_table().unwrap();
        let rows: usize = keys.values().map(|t| t.as_table().unwrap().len()).sum();
        let defaults = Keymap::default();
        let written: usize = Table::ALL.iter().map(|t| defaults.table(*t).len()).sum();
        assert_eq!(rows, written, "every row of every table is written");
        assert!(keys["shared"].as_table().unwrap().contains_key("down"));
        assert_eq!(config.keymap, defaults);
    }

    #[test]
    fn problems_name_the_line_and_column_and_what_was_expected() {
        let (problem, line, column) = only_issue("theme = \"dark\"\nthem = \"light\"\n");
        assert_eq!(
            problem,
            ConfigProblem::UnknownSetting {
                key: "them".to_owned(),
                near: Some("theme")
            }
        );
        assert_eq!((line, column), (2, 1));
        let (problem, line, column) = only_issue("\n\ntheme = \"blue\"\n");
        assert_eq!((line, column), (3, 9));
        assert!(problem.to_string().contains("`dark`"), "{problem}");
        let (problem, line, column) = only_issue("[colors]\naccent = \"not-a-colour\"\n");
        assert_eq!((line, column), (2, 10));
        let message = problem.to_string();
        assert!(
            message.contains("light-blue, "),
            "names the valid colours: {message}"
        );
        assert!(message.contains("\"#rrggbb\""), "{message}");
        let (problem, ..) = only_issue("[colors]\naccent = \"purplee\"\n");
        assert!(!problem.to_string().contains("did you mean"), "{problem}");
        let (problem, ..) = only_issue("[colors]\naccent = \"yelow\"\n");
        assert!(
            problem.to_string().contains("did you mean `yellow`?"),
            "{problem}"
        );
        let (problem, line, column) = only_issue("[colors]\naccnt = \"red\"\n");
        assert_eq!((line, column), (2, 1));
        assert!(matches!(
            problem,
            ConfigProblem::UnknownColorRole {
                near: Some("accent"),
                ..
            }
        ));
        // An array's bad element is pointed at, not the array.
        let (_, line, column) = only_issue("briefings = [\"a\", 3]\n");
        assert_eq!((line, column), (1, 19));
    }

    #[test]
    fn a_bad_value_keeps_its_default_and_the_rest_applies() {
        let text =
            "theme = \"lite\"\nbundled = true\n[colors]\nopen = \"#ff8800\"\nlink = \"blu\"\n";
        let config = Config::read(Path::new("c.toml"), text);
        assert_eq!(config.theme, ThemeName::Auto);
        assert!(config.bundled);
        assert_eq!(config.colors.open, Some(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(config.colors.link, None);
        assert_eq!(config.issues().len(), 2);
        let first = config.issues()[0].report(Severity::Warning);
        assert!(
            first.starts_with("c.toml:1:9: warning: `theme`: unknown variant `lite`"),
            "{first}"
        );
        let error = config.checked().unwrap_err().to_string();
        assert!(error.starts_with("c.toml:1:9: error: "), "{error}");
        assert!(
            error.contains("c.toml:5:8: error: `link`: unknown colour `blu`"),
            "{error}"
        );
    }

    #[test]
    fn a_file_that_is_not_toml_is_all_defaults_and_one_issue_at_its_place() {
        let config = Config::read(
            Path::new("c.toml"),
            "theme = \"dark\"\nbundled = yes please\n",
        );
        assert_eq!(config.theme, ThemeName::Auto, "nothing of it is used");
        let [issue] = config.issues() else {
            panic!("one issue: {:?}", config.issues())
        };
        assert!(matches!(issue.problem, ConfigProblem::NotToml { .. }));
        assert_eq!(issue.diagnostic.line, Some(2));
        assert!(!issue.report(Severity::Warning).contains("TOML parse error"));
    }

    #[test]
    fn keys_problems_point_at_their_entry_and_suggest_the_command() {
        let (problem, line, column) =
            only_issue("[keys.reader]\nquit = \"q\"\nnext-sumit = \"j\"\n");
        assert_eq!((line, column), (3, 1));
        assert!(
            problem.to_string().contains("did you mean `next-summit`?"),
            "{problem}"
        );
        let (problem, line, column) = only_issue("[keys.reader]\n\nquit = \"ctrl-qq\"\n");
        assert_eq!((line, column), (3, 8));
        assert!(
            problem.to_string().contains("unknown key `ctrl-qq`"),
            "{problem}"
        );
        let (problem, line, column) = only_issue("theme = \"dark\"\n[keys.readr]\nquit = \"x\"\n");
        assert_eq!((line, column), (2, 7));
        assert!(
            problem.to_string().contains("did you mean `reader`?"),
            "{problem}"
        );
        let (problem, line, column) = only_issue("[keys]\nquit = \"x\"\n");
        assert_eq!((line, column), (2, 1));
        assert!(
            problem.to_string().contains("[keys.reader]"),
            "names the new form: {problem}"
        );
    }

    #[test]
    fn keys_and_colours_take_effect() {
        let config = Config::parse(
            "theme = \"light\"\n[colors]\nopen = \"#ff8800\"\n[keys.reader]\nquit = \"x\"\n\
             [keys.shared]\ndown = [\"e\", \"j\"]\n",
        )
        .unwrap();
        assert_eq!(config.keymap.key_for(Command::Quit), "x");
        assert_eq!(
            config.keymap.action_for(Context::Board, Key::char('e')),
            Some(Action::Down)
        );
        let palette = config.palette(|| Background::Dark).unwrap();
        assert_eq!(palette.open, Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(palette.accent, Palette::LIGHT.accent);
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "briefings = [\"notes\"]\nexport-dir = \"out\"\n").unwrap();
        let config = Config::load(Some(&path)).unwrap();
        assert_eq!(config.briefings, vec![dir.path().join("notes")]);
        assert_eq!(config.export_dir, Some(dir.path().join("out")));
        let missing = Config::load(Some(&dir.path().join("nope.toml"))).unwrap_err();
        assert!(missing.to_string().contains("nope.toml"));
    }
}
