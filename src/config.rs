//! The user's configuration file: default briefings, export folder, colours and keys.
//!
//! Found in the platform's config folder (`$XDG_CONFIG_HOME/sherpa/config.toml` on Linux)
//! or given with `--config FILE`. Every key is optional; an unknown key or a bad value is
//! an error with its line, so a typo never silently does nothing.

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;

use crate::keymap::{KeyTable, Keymap};
use crate::palette::{Palette, ThemeName};

/// The file name inside the platform's config folder.
pub const FILE_NAME: &str = "config.toml";

/// The parsed configuration; paths are already resolved (`~` and relative to the file).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Briefing files or folders read when no path is given and `$SHERPA_BRIEFINGS` is unset.
    #[serde(default)]
    pub briefings: Vec<PathBuf>,
    /// Read the bundled briefings together with the others (as `--bundled` does).
    #[serde(default)]
    pub bundled: bool,
    /// Where the reader's `e` key writes exports, unless `--export-dir` is given.
    pub export_dir: Option<PathBuf>,
    #[serde(default)]
    pub theme: ThemeName,
    /// Colours that replace the theme's, by role.
    #[serde(default)]
    pub colors: ColorOverrides,
    /// The key table with the `[keys]` remappings (action name → one key or several)
    /// applied while parsing, so a bad key is reported with the line of the table.
    #[serde(default, rename = "keys", deserialize_with = "keymap_from_table")]
    pub keymap: Keymap,
}

/// Optional replacements for each palette colour: a name (`red`, `light-blue`), an ANSI
/// index (`"208"`) or `#rrggbb`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ColorOverrides {
    pub accent: Option<Color>,
    pub muted: Option<Color>,
    pub link: Option<Color>,
    pub error: Option<Color>,
    pub unsourced: Option<Color>,
    pub open: Option<Color>,
    pub narrowed: Option<Color>,
    pub resolved: Option<Color>,
}

/// A config file that could not be used, with where and why.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Where the config is read from when `--config` is not given.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sherpa").map(|d| d.config_dir().join(FILE_NAME))
}

impl Config {
    /// Reads `explicit` (which must exist), else the default file if there is one, else
    /// the built-in defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match default_path().filter(|p| p.is_file()) {
                Some(path) => path,
                None => return Ok(Self::default()),
            },
        };
        let error = |message: String| ConfigError {
            path: path.clone(),
            message,
        };
        let text = std::fs::read_to_string(&path).map_err(|e| error(e.to_string()))?;
        let mut config = Self::parse(&text).map_err(error)?;
        let base = path.parent().unwrap_or(Path::new("."));
        for briefing in &mut config.briefings {
            *briefing = resolve_path(base, briefing);
        }
        config.export_dir = config.export_dir.map(|dir| resolve_path(base, &dir));
        Ok(config)
    }

    /// Parses config text; the error names the line and column and says what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())
    }

    /// The colours to draw with, `None` for none (the plain theme); `NO_COLOR` still
    /// turns them off when the screen's theme is made from it.
    #[must_use]
    pub fn palette(&self) -> Option<Palette> {
        let base = match self.theme {
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
        })
    }
}

fn keymap_from_table<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Keymap, D::Error> {
    let table = KeyTable::deserialize(deserializer)?;
    Keymap::with_overrides(&table).map_err(serde::de::Error::custom)
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
         # Colours: \"dark\" (for dark terminals), \"light\" (for light ones) or \"plain\" (none).\n\
         # NO_COLOR in the environment always turns colour off.\n\
         # theme = \"dark\"\n\n\
         # Replace any colour of the theme: a name (red, light-blue, dark-gray), an ANSI index\n\
         # (\"208\") or \"#rrggbb\".\n\
         [colors]\n",
    );
    let palette = Palette::DARK;
    for (name, color) in [
        ("accent", palette.accent),
        ("muted", palette.muted),
        ("link", palette.link),
        ("error", palette.error),
        ("unsourced", palette.unsourced),
        ("open", palette.open),
        ("narrowed", palette.narrowed),
        ("resolved", palette.resolved),
    ] {
        text.push_str(&format!("# {name} = \"{}\"\n", color_name(color)));
    }
    text.push_str(
        "\n# Keys: give an action one key or a list; the keys given replace the action's\n\
         # defaults and are taken from any other action. The help screen (`?`) shows the result.\n\
         # Keys are written like `j`, `G`, `?`, `Ctrl-d`, `Alt-x`, `Enter`, `Esc`, `Tab`,\n\
         # `Shift-Tab`, `Backspace`, `Space`, `Up`, `Down`, `Left`, `Right`, `PageUp`,\n\
         # `PageDown`, `Home`, `End`, `F1`…`F12`.\n\
         [keys]\n",
    );
    for binding in Keymap::default().bindings() {
        let keys: Vec<String> = binding
            .keys
            .iter()
            .map(|k| format!("{:?}", k.to_string()))
            .collect();
        text.push_str(&format!(
            "# {} = [{}]  # {}\n",
            binding.command.name(),
            keys.join(", "),
            binding.command.description()
        ));
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
    use crate::keymap::Command;

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = Config::parse("").unwrap();
        assert!(config.briefings.is_empty());
        assert_eq!(config.theme, ThemeName::Dark);
    }

    #[test]
    fn the_default_file_parses_and_uncommented_it_still_parses() {
        let text = default_file();
        Config::parse(&text).unwrap();
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
        assert_eq!(config.theme, ThemeName::Dark);
        assert_eq!(config.colors.accent, Some(Palette::DARK.accent));
        let table: toml::Table = toml::from_str(&uncommented).unwrap();
        let defaults = Keymap::default();
        assert_eq!(
            table["keys"].as_table().unwrap().len(),
            defaults.bindings().len()
        );
        assert_eq!(config.keymap, defaults);
    }

    #[test]
    fn errors_name_the_line_and_what_was_expected() {
        let error = Config::parse("theme = \"dark\"\nthem = \"light\"\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
        assert!(error.contains("unknown field `them`"), "{error}");
        let error = Config::parse("\n\ntheme = \"blue\"\n").unwrap_err();
        assert!(error.contains("line 3"), "{error}");
        assert!(error.contains("dark"), "{error}");
        let error = Config::parse("[colors]\naccent = \"not-a-colour\"\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn keys_and_colours_take_effect() {
        let config =
            Config::parse("theme = \"light\"\n[colors]\nopen = \"#ff8800\"\n[keys]\nquit = \"x\"\ndown = [\"n\", \"j\"]\n")
                .unwrap();
        assert_eq!(config.keymap.key_for(Command::Quit), "x");
        let palette = config.palette().unwrap();
        assert_eq!(palette.open, Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(palette.accent, Palette::LIGHT.accent);
        let error = Config::parse("theme = \"dark\"\n[keys]\nfly = \"f\"\n").unwrap_err();
        assert!(error.contains("unknown action `fly`"), "{error}");
        assert!(error.contains("line 2"), "the [keys] table's line: {error}");
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
