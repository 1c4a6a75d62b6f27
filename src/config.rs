//! The user's configuration file: default briefings, export folder, colours and keys.
//!
//! Found in the platform's config folder (`$XDG_CONFIG_HOME/sherpa/config.toml` on Linux)
//! or given with `--config FILE`. Every key is optional; an unknown key or a bad value is
//! an error with its line, so a typo never silently does nothing.

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;

use crate::keymap::{KeyTable, Keymap, Keys};
use crate::palette::{Background, Palette, ThemeName};
use sherpa_core::diagnostics::closest_word as closest;

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
    /// The `[keys]` remappings as written (action name → one key or several), with where
    /// each is written, so a bad one is reported at its own line.
    #[serde(default, rename = "keys")]
    keys: std::collections::BTreeMap<String, toml::Spanned<Keys>>,
    /// The key table with the `[keys]` remappings applied.
    #[serde(skip)]
    pub keymap: Keymap,
}

/// Optional replacements for each palette colour: a name (`red`, `light-blue`), an ANSI
/// index (`"208"`) or `#rrggbb`. Each is read by [`config_color`], whose error lists them.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ColorOverrides {
    #[serde(default, deserialize_with = "config_color")]
    pub accent: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub muted: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub link: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub error: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub unsourced: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub open: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub narrowed: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub resolved: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub matched: Option<Color>,
    #[serde(default, deserialize_with = "config_color")]
    pub selection: Option<Color>,
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
fn config_color<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Color>, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse::<Color>().map(Some).map_err(|_| {
        let near = closest(&text, COLOR_NAMES.iter().copied())
            .map(|name| format!("did you mean `{name}`? "))
            .unwrap_or_default();
        serde::de::Error::custom(format!(
            "unknown colour `{text}`; {near}write a name ({}), an ANSI index from \"0\" to \"255\", or \"#rrggbb\"",
            COLOR_NAMES.join(", ")
        ))
    })
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
        let mut config: Self =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        config.keymap = keymap_from_entries(text, &config.keys)?;
        Ok(config)
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

/// The key table with the `[keys]` entries applied one by one, so an error is reported at
/// the line of the entry that caused it: an unknown action (with the nearest name), a key
/// that does not parse, a key given twice.
fn keymap_from_entries(
    text: &str,
    entries: &std::collections::BTreeMap<String, toml::Spanned<Keys>>,
) -> Result<Keymap, String> {
    let defaults = Keymap::default();
    let mut table = KeyTable::new();
    let mut keymap = defaults.clone();
    for (name, keys) in entries {
        let at = keys.span().start;
        if !defaults.bindings().iter().any(|b| b.command.name() == name) {
            let near = closest(name, defaults.bindings().iter().map(|b| b.command.name()))
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            let line_start = text
                .get(..at)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            return Err(error_at(
                text,
                line_start,
                &format!(
                    "unknown action `{name}` in [keys]; {near}`sherpa config --default` lists them"
                ),
            ));
        }
        table.insert(name.clone(), keys.get_ref().clone());
        keymap = Keymap::with_overrides(&table).map_err(|message| error_at(text, at, &message))?;
    }
    Ok(keymap)
}

/// An error at a byte offset of the config, in the form the TOML parser's errors take.
fn error_at(text: &str, offset: usize, message: &str) -> String {
    let place = sherpa_core::diagnostics::Diagnostic::new(
        "",
        sherpa_core::diagnostics::Severity::Error,
        "",
    )
    .at_offset(text, offset);
    let (line, column) = (place.line.unwrap_or(1), place.column.unwrap_or(1));
    let gutter = " ".repeat(line.to_string().len());
    format!(
        "TOML parse error at line {line}, column {column}\n{gutter} |\n{line} | {}\n{gutter} | {}^\n{message}",
        place.snippet.unwrap_or_default(),
        " ".repeat(column.saturating_sub(1))
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
         # Colours: \"auto\" (dark or light after the terminal's background, asked at start;\n\
         # COLORFGBG if it does not answer, else dark), \"dark\", \"light\" or \"plain\" (none).\n\
         # NO_COLOR in the environment always turns colour off.\n\
         # theme = \"auto\"\n\n\
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
        ("matched", palette.matched),
        ("selection", palette.selection),
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
        assert_eq!(config.theme, ThemeName::Auto);
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
        assert_eq!(config.theme, ThemeName::Auto);
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
        assert!(
            error.contains("light-blue, "),
            "names the valid colours: {error}"
        );
        assert!(error.contains("\"#rrggbb\""), "{error}");
        let error = Config::parse("[colors]\naccent = \"purplee\"\n").unwrap_err();
        assert!(!error.contains("did you mean"), "{error}");
        let error = Config::parse("[colors]\naccent = \"yelow\"\n").unwrap_err();
        assert!(error.contains("did you mean `yellow`?"), "{error}");
    }

    #[test]
    fn keys_errors_point_at_their_entry_and_suggest_the_action() {
        let error = Config::parse("[keys]\nquit = \"q\"\nnext-sumit = \"j\"\n").unwrap_err();
        assert!(error.contains("line 3, column 1"), "{error}");
        assert!(error.contains("did you mean `next-summit`?"), "{error}");
        let error = Config::parse("[keys]\n\nquit = \"ctrl-qq\"\n").unwrap_err();
        assert!(error.contains("line 3, column 8"), "{error}");
        assert!(error.contains("unknown key `ctrl-qq`"), "{error}");
    }

    #[test]
    fn keys_and_colours_take_effect() {
        let config =
            Config::parse("theme = \"light\"\n[colors]\nopen = \"#ff8800\"\n[keys]\nquit = \"x\"\ndown = [\"n\", \"j\"]\n")
                .unwrap();
        assert_eq!(config.keymap.key_for(Command::Quit), "x");
        let palette = config.palette(|| Background::Dark).unwrap();
        assert_eq!(palette.open, Color::Rgb(0xff, 0x88, 0x00));
        assert_eq!(palette.accent, Palette::LIGHT.accent);
        let error = Config::parse("theme = \"dark\"\n[keys]\nfly = \"f\"\n").unwrap_err();
        assert!(error.contains("unknown action `fly`"), "{error}");
        assert!(
            error.contains("line 3, column 1"),
            "the entry's line: {error}"
        );
        assert!(error.contains("3 | fly = \"f\""), "{error}");
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
